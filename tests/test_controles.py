"""Chaque contrôle de séance et de vote attrape son dossier cassé, avec son message exact,
et `generer` n'écrit alors rien."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import contenu, lancer, ligne_de, remplacer


def anomalies(dossier: Path, code_attendu: int) -> list[str]:
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == code_attendu, resultat.output
    assert "Traceback" not in resultat.output
    return resultat.stderr.splitlines()


def test_dossier_d_exemple_est_coherent_et_ses_blancs_listes(dossier):
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 0, resultat.output
    assert resultat.stdout.splitlines() == [
        f"{dossier} : données cohérentes ; la version définitive (generer --definitif) attend que ces blancs soient remplis :",
        f"{dossier} : 6 blancs « à compléter » dans 2 fichiers",
        f"{dossier / 'avenants.yaml'} : 2 blancs",
        f"{dossier / 'avenants.yaml'}:8 : avenants[0].lieu_signature : à compléter",
        f"{dossier / 'avenants.yaml'}:9 : avenants[0].date_signature : à compléter",
        f"{dossier / 'convention.yaml'} : 4 blancs",
        f"{dossier / 'convention.yaml'}:12 : convention.lieu_signature : à compléter",
        f"{dossier / 'convention.yaml'}:13 : convention.date_signature : à compléter",
        f"{dossier / 'convention.yaml'}:31 : convention.parties[1].representant : à compléter",
        f"{dossier / 'convention.yaml'}:40 : convention.parties[2].habilitation : à compléter",
    ]


def test_dossier_sans_blanc_est_complet(dossier):
    fichier = dossier / "convention.yaml"
    for avant, apres in (("lieu_signature: à compléter", "lieu_signature: Cherbourg-en-Cotentin"), ("date_signature: à compléter", "date_signature: 2022-12-01"),
                         ("representant: à compléter", "representant: {civilite: Madame, prenom: Camille, nom: EXEMPLE}"), ("habilitation: à compléter", "habilitation: 2022-11-22")):
        remplacer(fichier, avant, apres)
    (dossier / "avenants.yaml").write_text((dossier / "avenants.yaml").read_text(encoding="utf-8").replace("lieu_signature: à compléter", "lieu_signature: Valognes")
                                           .replace("date_signature: à compléter", "date_signature: 2025-01-02"), encoding="utf-8")
    resultat = lancer("verifier", dossier)
    assert resultat.stdout == f"{dossier} : données complètes et cohérentes.\n"


def test_pour_24_a_b050_refuse_car_digard_est_parti(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "pour: 23", "pour: 24")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'vote:')} : seances[0].decisions[0].vote : pour 24 + contre 0 + abstention 0 = 24, "
        "alors que 23 membres votent B050_2022 (23 présents, 0 suppléant, 0 pouvoir) ; "
        "absent à ce vote après un départ : Monsieur Antoine DIGARD"
    ]


def test_absente_accordee_au_genre_de_la_membre_partie(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "{membre: Antoine DIGARD, depart_avant: B050_2022}", "{membre: Catherine BIHEL, depart_avant: B050_2022}")
    remplacer(fichier, "pour: 23", "pour: 24")
    assert anomalies(dossier, 1)[0].endswith("; absente à ce vote après un départ : Madame Catherine BIHEL")


def test_abstention_compte_dans_les_votants(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "pour: 23", "pour: 21")
    remplacer(dossier / "seance_2022-11-22.yaml", "abstention: 0", "abstention: 2")
    assert anomalies(dossier, 0) == []


def test_pouvoir_a_un_inconnu_refuse_avec_suggestion(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Stephane BARBE}")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'ARRIVE')} : seances[0].excuses[0].pouvoir_a : « Stephane BARBE » n'est pas membre du Bureau communautaire "
        "le 22 novembre 2022 ; vouliez-vous dire « Stéphane BARBE » ?"
    ]


def test_nom_sans_ressemblance_dit_ce_qui_est_attendu(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "- Benoît ARRIVE", "- Jean DUPONT")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'Jean DUPONT')} : seances[0].excuses[0].membre : « Jean DUPONT » n'est pas membre du Bureau communautaire "
        "le 22 novembre 2022 ; attendu : le « Prénom NOM » d'un membre de la liste de l'assemblée « bureau » à cette date"
    ]


def test_noms_compares_apres_normalisation_unicode(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    # « É » décomposé (E + accent combinant), une espace de largeur nulle, des minuscules : le même membre.
    remplacer(fichier, "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: \"E\u0301ric\u200b briens\"}")
    remplacer(fichier, "pour: 23", "pour: 24")
    assert anomalies(dossier, 0) == []


def test_un_seul_pouvoir_par_membre(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Stéphane BARBE}")
    remplacer(fichier, "- Yves ASSELINE", "- {membre: Yves ASSELINE, pouvoir_a: stéphane barbe}")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'ASSELINE')} : seances[0].excuses[1].pouvoir_a : Stéphane BARBE porte déjà le pouvoir de "
        "Benoît ARRIVE ; un membre ne peut porter qu'un seul pouvoir"
    ]


def test_pouvoir_exerce_ajoute_un_votant(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Stéphane BARBE}")
    assert anomalies(dossier, 1)[0].endswith("alors que 24 membres votent B050_2022 (23 présents, 0 suppléant, 1 pouvoir) ; absent à ce vote après un départ : Monsieur Antoine DIGARD")
    remplacer(fichier, "pour: 23", "pour: 24")
    assert anomalies(dossier, 0) == []


def test_pouvoir_tombe_quand_son_porteur_part(dossier):
    # Ralph LEJAMTEL porte le pouvoir puis part avant B053_2022 : B050_2022 compte 23 + 1 votants.
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Ralph LEJAMTEL}")
    remplacer(fichier, "pour: 23", "pour: 24")
    assert anomalies(dossier, 0) == []


def test_membre_excuse_et_absent_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "    mouvements:\n", "    absents: [Odile Thominet]\n    mouvements:\n")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'absents:')} : seances[0].absents[0] : Odile Thominet est déjà cité en seances[0].excuses[10] ; "
        "un membre est excusé ou absent une fois"
    ]


def test_membres_en_exercice_indique_verifie_contre_la_liste(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "membres_en_exercice: 35", "membres_en_exercice: 36")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'membres_en_exercice')} : seances[0].membres_en_exercice : 36 indiqué, mais la liste des membres "
        "de l'assemblée « bureau » en compte 35 en exercice le 22 novembre 2022"
    ]


def test_retour_avant_le_depart_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "depart_avant: B052_2022, retour_a_partir_de: B053_2022", "depart_avant: B052_2022, retour_a_partir_de: B051_2022")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'retour_a_partir_de: B051_2022')} : seances[0].mouvements[1].retour_a_partir_de : "
        "retour à partir de B051_2022, qui ne vient pas après le départ avant B052_2022 dans l'ordre du jour"
    ]


def test_mouvement_hors_ordre_du_jour_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "depart_avant: B054_2022", "depart_avant: B099_2022")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'B099_2022')} : seances[0].mouvements[4].depart_avant : "
        "« B099_2022 » n'est pas à l'ordre du jour de la séance (seances[0].ordre_du_jour)"
    ]


def test_numero_d_acte_en_double_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_text(texte + texte.split("decisions:\n", 1)[1], encoding="utf-8")
    deuxieme = [n for n, l in enumerate(fichier.read_text(encoding="utf-8").splitlines(), 1) if "numero: B050_2022" in l][1]
    assert anomalies(dossier, 1) == [
        f"{fichier}:{deuxieme} : seances[0].decisions[1].numero : numéro « B050_2022 » déjà utilisé par seances[0].decisions[0] ; chaque acte a un numéro unique"
    ]


def test_decision_hors_ordre_du_jour_refusee(dossier):
    fichier, convention = dossier / "seance_2022-11-22.yaml", dossier / "convention.yaml"
    remplacer(fichier, "numero: B050_2022", "numero: B060_2022")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'B060_2022')} : seances[0].decisions[0].numero : « B060_2022 » n'est pas à l'ordre du jour de la séance (seances[0].ordre_du_jour)",
        f"{fichier}:{ligne_de(fichier, 'accuse_reception:')} : seances[0].decisions[0].transmission.accuse_reception : "
        "accusé de réception « 050-123456782-20221122-B050_2022-DE » qui ne désigne pas cet acte ; attendu « 050-123456782-20221122-B060_2022-DE » "
        "(département, SIREN de la collectivité, date de la séance, numéro, nature)",
        f"{convention}:{ligne_de(convention, 'decision: B050_2022')} : convention.decision : « B050_2022 » n'est pas une décision du dossier ; "
        "le numéro de la décision qui autorise la convention est attendu",
    ]


def test_nombre_de_votants_indique_doit_egaler_le_calcul(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "    lieu:", "    nombre_votants: 23\n    lieu:")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'nombre_votants')} : seances[0].nombre_votants : 23 indiqué, mais 24 selon les présences de la séance"
    ]


def test_presidence_par_un_membre_excuse_refusee(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "membre: David MARGUERITTE", "membre: Odile THOMINET")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'membre: Odile THOMINET')} : seances[0].presidence.membre : Odile THOMINET préside mais n'est pas présente à l'ouverture"
    ]


def test_seance_d_une_assemblee_inconnue_refusee(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "assemblee: bureau", "assemblee: conseil")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'assemblee: conseil')} : seances[0].assemblee : « conseil » n'est pas une assemblée du dossier ; attendu : « bureau » (assemblees)"
    ]


def test_deliberations_refusees_a_une_seance_du_bureau(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "    decisions:\n", "    deliberations:\n")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'deliberations:')} : seances[0].deliberations : Le Bureau communautaire prend des « decisions », pas des « deliberations »"
    ]


@pytest.mark.parametrize(
    ("fichier", "avant", "apres"),
    [
        ("seance_2022-11-22.yaml", "pour: 23", "pour: 24"),
        ("seance_2022-11-22.yaml", "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Yves ASSELINE}"),
        ("seance_2022-11-22.yaml", "numero: B050_2022", "numero: B060_2022"),
        ("seance_2022-11-22.yaml", "- {membre: Antoine DIGARD", "- {membr: Antoine DIGARD"),
    ],
)
def test_generer_n_ecrit_rien_si_un_controle_echoue(dossier, tmp_path, fichier, avant, apres):
    texte = (dossier / fichier).read_text(encoding="utf-8")
    (dossier / fichier).write_text(texte.replace(avant, apres, 1), encoding="utf-8")
    sortie = tmp_path / "sorties"
    sortie.mkdir()
    (sortie / "temoin.txt").write_text("déjà là", encoding="utf-8")
    avant_generation = contenu(sortie)
    resultat = lancer("generer", dossier, "--sortie", sortie)
    assert resultat.exit_code in (1, 2)
    assert resultat.stdout == ""
    assert contenu(sortie) == avant_generation


def test_presidence_par_un_autre_membre_sans_qualite_refusee(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "membre: David MARGUERITTE", "membre: Catherine BIHEL")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'presidence:')} : seances[0].presidence.qualite : Catherine BIHEL n'est pas le président de la collectivité "
        "et la liste des membres ne donne pas sa fonction : sa qualité (« Vice-Président… ») est attendue"
    ]


def test_seconde_convocation_sans_condition_de_quorum(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    # Sept présents de plus excusés : 24 − 7 = 17 à l'ouverture, 16 au vote de B050_2022 (DIGARD parti) ; quorum 18.
    remplacer(fichier, "      - Benoît ARRIVE\n", "      - Benoît ARRIVE\n" + "".join(f"      - {nom}\n" for nom in (
        "Stéphane BARBE", "Catherine BIHEL", "Éric BRIENS", "Jacques COQUELIN", "Alain CROIZER", "Daniel DENIS", "Martine GRUNEWALD")))
    remplacer(fichier, "pour: 23", "pour: 16")
    assert anomalies(dossier, 1)[0] == (
        f"{fichier}:{ligne_de(fichier, 'ordre_du_jour:')} : seances[0].ordre_du_jour[0] : quorum non atteint au vote de B050_2022 : "
        "16 membres siégeant (présents ou suppléants), 18 requis sur 35 en exercice ; une séance sur seconde convocation le dit (« seconde_convocation: true »)"
    )
    remplacer(fichier, "    lieu:", "    seconde_convocation: true\n    lieu:")
    assert anomalies(dossier, 0) == []


def test_membre_en_double_seulement_sous_le_meme_nom_et_pour_des_mandats_qui_se_chevauchent():
    from generateur.controles.seance import membres_en_double
    from generateur.lecture.schema import MembreAssemblee

    def membre(prenom, nom, **mandat):
        return MembreAssemblee.model_validate({"civilite": "Monsieur", "prenom": prenom, "nom": nom, **mandat})

    membres = [
        membre("Paul", "MARTIN", fin="2021-12-31"),
        membre("Anne", "ROUX"),
        membre("Paul", "MARTIN", debut="2022-01-01"),  # nouveau mandat, après le premier : pas un double
        membre("paul", " martin", debut="2021-06-01", fin="2022-06-30"),  # chevauche le 1er et le 3e : double du 1er
        membre("Anne", "ROUX", debut="2023-01-01"),  # le mandat sans dates d'Anne ROUX le couvre
    ]
    assert membres_en_double(membres) == [(3, 0), (4, 1)]
