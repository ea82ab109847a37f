"""Le schéma : chaque écart est dit en français, situé au fichier, à la ligne et au champ."""

from __future__ import annotations

from tests.conftest import lancer, ligne_de, remplacer


def anomalies(dossier) -> list[str]:
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 2, resultat.output
    return resultat.stderr.splitlines()


def test_cle_inconnue_refusee_avec_suggestion(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "{membre: Antoine DIGARD, depart_avant: B050_2022}", "{membre: Antoine DIGARD, depart_avan: B050_2022}")
    ligne = ligne_de(fichier, "depart_avan:")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne} : seances[0].mouvements[0].depart_avan : champ inconnu « depart_avan » ; vouliez-vous dire « depart_avant » ? "
        "(champs admis : membre, arrivee_a_partir_de, depart_avant, retour_a_partir_de)",
    ]


def test_cle_inconnue_dans_une_liste_de_l_expose(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "      - numeros:", "      - numero:")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, '          - numero:')} : seances[0].decisions[0].expose[8].numero : champ inconnu « numero » ; "
        "vouliez-vous dire « numeros » ? (champs admis : puces, numeros)"
    ]


def test_valeur_hors_liste_refusee(dossier):
    fichier = dossier / "collectivite.yaml"
    remplacer(fichier, "civilite: Monsieur\n    prenom: David", "civilite: M.\n    prenom: David")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'civilite: M.')} : collectivite.president.civilite : valeur « M. » non admise ; "
        "attendu : « Monsieur » ou « Madame »"
    ]


def test_excuse_ecrit_par_son_seul_nom_ou_avec_membre(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "- Odile THOMINET", "- {membre: Odile THOMINET}")
    assert lancer("verifier", dossier).exit_code == 0


def test_nombre_de_votes_non_entier_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "pour: 23", 'pour: "vingt-trois"')
    assert anomalies(dossier) == [f"{fichier}:{ligne_de(fichier, 'vingt-trois')} : seances[0].decisions[0].vote.pour : nombre entier attendu"]


def test_vote_negatif_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "contre: 0", "contre: -1")
    assert anomalies(dossier) == [f"{fichier}:{ligne_de(fichier, 'contre: -1')} : seances[0].decisions[0].vote.contre : nombre supérieur ou égal à 0 attendu"]


def test_champ_obligatoire_absent(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "    objet: >-\n", "    titre: >-\n")
    ligne = ligne_de(fichier, "numero: B050_2022")
    assert anomalies(dossier)[0] == f"{fichier}:{ligne} : seances[0].decisions[0].objet : champ obligatoire absent"


def test_code_postal_saisi_comme_nombre(dossier):
    fichier = dossier / "collectivite.yaml"
    remplacer(fichier, 'code_postal: "14000"', "code_postal: 14000")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'code_postal')} : collectivite.tribunal_administratif.adresse.code_postal : "
        'texte attendu : écrivez la valeur entre guillemets ("14000")'
    ]


def test_heure_impossible_refusee(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, 'heure: "9:00"', 'heure: "25:00"')
    assert anomalies(dossier) == [f"{fichier}:{ligne_de(fichier, 'heure')} : seances[0].heure : l'heure « 25:00 » n'existe pas"]


def test_heure_ecrite_a_la_francaise_acceptee(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", 'heure: "9:00"', "heure: 9h")
    assert lancer("verifier", dossier).exit_code == 0


def test_liste_sans_element_refusee(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "        visas:\n", "        visas: []\n        anciens_visas:\n")
    assert anomalies(dossier)[0] == f"{fichier}:{ligne_de(fichier, 'visas: []')} : seances[0].decisions[0].visas : au moins 1 élément attendu"
