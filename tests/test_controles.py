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


def test_dossier_d_exemple_est_coherent(dossier):
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 0, resultat.output
    assert resultat.stdout == f"{dossier} : données complètes et cohérentes.\n"


def test_pour_24_a_b050_refuse_car_digard_est_parti(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "pour: 23", "pour: 24")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'vote:')} : seances[0].decisions[0].vote : pour 24 + contre 0 + abstention 0 + ne prend pas part 0 = 24, "
        "alors que 23 membres votent à la décision B050_2022 (23 présents, 0 suppléant, 0 pouvoir) ; "
        "absent à ce vote après un départ : Monsieur Antoine DIGARD"
    ]


def test_abstention_compte_dans_les_votants(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "pour: 23", "pour: 21")
    remplacer(dossier / "seance_2022-11-22.yaml", "abstention: 0", "abstention: 2")
    assert anomalies(dossier, 0) == []


def test_pouvoir_donne_a_un_membre_absent_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "nom: ARRIVE, presence: excuse}", "nom: ARRIVE, presence: excuse, pouvoir_a: Yves ASSELINE}")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'ARRIVE')} : seances[0].membres[24].pouvoir_a : pouvoir donné à Yves ASSELINE, "
        "qui n'est pas présent ; le mandataire doit être un membre présent"
    ]


def test_pouvoir_a_un_inconnu_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "nom: ARRIVE, presence: excuse}", "nom: ARRIVE, presence: excuse, pouvoir_a: Jean DUPONT}")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'ARRIVE')} : seances[0].membres[24].pouvoir_a : « Jean DUPONT » n'est pas un membre de la séance ; "
        "le « Prénom NOM » d'un membre présent est attendu"
    ]


def test_un_seul_pouvoir_par_membre(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "nom: ARRIVE, presence: excuse}", "nom: ARRIVE, presence: excuse, pouvoir_a: Stéphane BARBE}")
    remplacer(fichier, "nom: ASSELINE, presence: excuse}", "nom: ASSELINE, presence: excuse, pouvoir_a: stéphane barbe}")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'ASSELINE')} : seances[0].membres[25].pouvoir_a : Stéphane BARBE porte déjà le pouvoir de "
        "Benoît ARRIVE ; un membre ne peut porter qu'un seul pouvoir"
    ]


def test_pouvoir_exerce_ajoute_un_votant(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "nom: ARRIVE, presence: excuse}", "nom: ARRIVE, presence: excuse, pouvoir_a: Stéphane BARBE}")
    fichier = dossier / "seance_2022-11-22.yaml"
    assert anomalies(dossier, 1)[0].endswith("alors que 24 membres votent à la décision B050_2022 (23 présents, 0 suppléant, 1 pouvoir) ; absent à ce vote après un départ : Monsieur Antoine DIGARD")
    remplacer(fichier, "pour: 23", "pour: 24")
    assert anomalies(dossier, 0) == []


def test_pouvoir_du_membre_parti_n_est_plus_exerce(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "nom: ARRIVE, presence: excuse}", "nom: ARRIVE, presence: excuse, pouvoir_a: Antoine DIGARD}")
    assert anomalies(dossier, 0) == []


def test_membre_present_et_excuse_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "nom: ARRIVE, presence: excuse}", "nom: BARBE, presence: excuse}")
    remplacer(fichier, "prenom: Benoît, nom: BARBE", "prenom: Stéphane, nom: BARBE")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'presence: excuse}')} : seances[0].membres[24] : Stéphane BARBE est déjà listé en seances[0].membres[0] ; "
        "un membre n'apparaît qu'une fois, avec une seule présence"
    ]


def test_nombre_de_membres_different_des_membres_en_exercice(dossier):
    fichier = dossier / "collectivite.yaml"
    remplacer(fichier, "membres_en_exercice: 35", "membres_en_exercice: 36")
    assert anomalies(dossier, 1) == [
        f"{seance}:{ligne_de(seance, 'membres:')} : seances[{rang}].membres : 35 membres listés, alors que l'assemblée compte 36 membres "
        "en exercice (collectivite.assemblee.membres_en_exercice)"
        for rang, seance in enumerate((dossier / "seance_2022-11-22.yaml", dossier / "seance_2024-12-10.yaml"))
    ]


def test_retour_avant_le_depart_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "retour_a_partir_de: B053_2022\n      - civilite: Monsieur\n        prenom: Arnaud", "retour_a_partir_de: B051_2022\n      - civilite: Monsieur\n        prenom: Arnaud")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'retour_a_partir_de: B051_2022')} : seances[0].membres[4].mouvements[0].retour_a_partir_de : "
        "retour à partir de B051_2022, qui ne vient pas après le départ avant B052_2022 dans l'ordre du jour"
    ]


def test_mouvement_hors_ordre_du_jour_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "depart_avant: B054_2022", "depart_avant: B099_2022")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'B099_2022')} : seances[0].membres[11].mouvements[0].depart_avant : "
        "« B099_2022 » n'est pas à l'ordre du jour de la séance (seances[0].ordre_du_jour)"
    ]


def test_numero_de_decision_en_double_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_text(texte + texte.split("decisions:\n", 1)[1], encoding="utf-8")
    deuxieme = [n for n, l in enumerate(fichier.read_text(encoding="utf-8").splitlines(), 1) if "numero: B050_2022" in l][1]
    assert anomalies(dossier, 1) == [
        f"{fichier}:{deuxieme} : seances[0].decisions[1].numero : numéro « B050_2022 » déjà utilisé par seances[0].decisions[0] ; chaque décision a un numéro unique"
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


def test_quorum_perdu_signale_a_chaque_vote(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    texte = fichier.read_text(encoding="utf-8")
    for nom in ("BARBE", "BIHEL", "BRIENS", "COQUELIN", "CROIZER", "DENIS"):
        texte = texte.replace(f"nom: {nom}, presence: present", f"nom: {nom}, presence: excuse")
    fichier.write_text(texte, encoding="utf-8")
    lignes = anomalies(dossier, 1)
    ligne = ligne_de(fichier, "ordre_du_jour:")
    assert lignes[:2] == [
        f"{fichier}:{ligne} : seances[0].ordre_du_jour[0] : quorum non atteint au vote de B050_2022 : 17 membres siègent, 18 sont requis sur 35 en exercice",
        f"{fichier}:{ligne} : seances[0].ordre_du_jour[1] : quorum non atteint au vote de B051_2022 : 17 membres siègent, 18 sont requis sur 35 en exercice",
    ]
    assert len(lignes) == 6 + 1  # six votes sans quorum, et le vote de B050_2022 qui ne compte plus 23 votants


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
        f"{fichier}:{ligne_de(fichier, 'Odile THOMINET')} : seances[0].presidence.membre : Odile THOMINET préside mais n'est pas présente à l'ouverture"
    ]


@pytest.mark.parametrize(
    ("fichier", "avant", "apres"),
    [
        ("seance_2022-11-22.yaml", "pour: 23", "pour: 24"),
        ("seance_2022-11-22.yaml", "nom: ARRIVE, presence: excuse}", "nom: ARRIVE, presence: excuse, pouvoir_a: Yves ASSELINE}"),
        ("seance_2022-11-22.yaml", "numero: B050_2022", "numero: B060_2022"),
        ("seance_2022-11-22.yaml", "presence: excuse}", "presense: excuse}"),
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
