"""Chaque contrôle du budget et du financement attrape son dossier cassé, message exact à l'appui,
et `generer` n'écrit alors rien."""

from __future__ import annotations

import pytest

from tests.conftest import contenu, lancer, ligne_de, remplacer

FINE, INSECABLE = "\u202f", "\u00a0"


def euros(texte: str) -> str:
    """« 36 540 € » écrit avec les espaces insécables des montants."""
    return texte.replace(" €", f"{INSECABLE}€").replace(" %", f"{INSECABLE}%").replace("_", FINE)


def anomalies(dossier, code=1) -> list[str]:
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == code, resultat.output
    return resultat.stderr.splitlines()


def test_ligne_qui_ne_fait_pas_le_total_de_l_annee(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "montants: [7310, 7310, 7310]", "montants: [7310, 7300, 7310]")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'total: [36550')} : convention.budget.total[1] : "
        + euros("2024 : les contributions font 36_540 €, le budget total HT est de 36_550 € ; ils doivent être égaux"),
        f"{fichier}:{ligne_de(fichier, 'code: demande')} : convention.financement[1] : "
        + euros("2024 : le flux « demande » fait 14_625 €, alors que la ligne « CD 50 » prévoit 14_620 € ; ils doivent être égaux"),
    ]


def test_part_indiquee_qui_n_est_pas_celle_des_montants(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "part: 20", "part: 19")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'part: 19')} : convention.budget.lignes[0].part : "
        + euros("part indiquée 19 %, mais les montants de « CCI ON /CMA Normandie » (21_930 € sur 109_650 €) en font 20 % ; indiquez 20 % ou retirez la part, que le tableau calcule")
    ]


def test_parts_seules_qui_ne_font_pas_100(dossier):
    fichier = dossier / "convention.yaml"
    texte = fichier.read_text(encoding="utf-8")
    for montants in ("        montants: [7310, 7310, 7310]\n", "        montants: [14620, 14620, 14620]\n"):
        texte = texte.replace(montants, "")
    fichier.write_text(texte.replace("part: 20", "part: 19"), encoding="utf-8")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, '    lignes:')} : convention.budget.lignes : " + euros("les parts des partenaires font 99 % ; leur somme doit faire exactement 100 %"),
    ]


def test_cumul_indique_faux(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "montants: [14620, 14620, 14620]\n      - code: agglomeration", "montants: [14620, 14620, 14620]\n        cumul: 43800\n      - code: agglomeration")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'cumul: 43800')} : convention.budget.lignes[1].cumul : "
        + euros("cumul indiqué 43_800 €, mais les montants de « CD 50 » font 43_860 €")
    ]


def test_nombre_d_annees_different_de_la_duree(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "duree_annees: 3", "duree_annees: 4")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'annees: [2023')} : convention.budget.annees : 3 années de budget pour une convention de 4 ans ; "
        "une année de budget par année de convention est attendue"
    ]


def test_annees_non_consecutives(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "annees: [2023, 2024, 2025]", "annees: [2023, 2024, 2026]")
    assert anomalies(dossier)[0] == f"{fichier}:{ligne_de(fichier, 'annees: [2023')} : convention.budget.annees[2] : 2026 ne suit pas 2024 ; des années consécutives sont attendues"


def test_montant_negatif_refuse(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "total: [36550, 36550, 36550]", "total: [36550, -36550, 36550]")
    assert anomalies(dossier, 2) == [f"{fichier}:{ligne_de(fichier, 'total: [')} : convention.budget.total[1] : nombre supérieur ou égal à 0 attendu"]


def test_montant_au_dela_du_centime_refuse(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "total: [36550, 36550, 36550]", "total: [36550.001, 36550, 36550]")
    assert anomalies(dossier, 2) == [f"{fichier}:{ligne_de(fichier, 'total: [')} : convention.budget.total[0] : au plus 2 décimales attendues (un montant s'écrit au centime près)"]


def test_iban_faux_refuse(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "iban: FR42 3000 1000 6400 0000 0001 234", "iban: FR42 3000 1000 6400 0000 0001 243")
    assert anomalies(dossier, 2) == [
        f"{fichier}:{ligne_de(fichier, '0001 243')} : convention.parties[0].iban : IBAN « FR42 3000 1000 6400 0000 0001 243 » invalide "
        "(clé de contrôle ou longueur fausse) ; recopiez-le depuis le RIB"
    ]


def test_flux_vers_une_partie_inconnue(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "destinataire: departement", "destinataire: region")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'destinataire: region')} : convention.financement[1].destinataire : « region » n'est pas une partie "
        "de la convention (agglomeration, cci_on, cma_normandie, departement)"
    ]


def test_emetteur_d_appel_de_fonds_sans_iban(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "      iban: FR42 3000 1000 6400 0000 0001 234   # EXEMPLE FICTIF\n", "")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'code: cci_on')} : convention.parties[0] : Chambre de Commerce et d'Industrie Ouest Normandie "
        "appelle des fonds (flux « versement ») : son IBAN et son BIC sont attendus"
    ]


def test_role_manquant(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "role: cma", "role: cci")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'parties:')} : convention.parties : le rôle « cci » (la chambre de commerce et d'industrie, qui reçoit la subvention "
        "et met en œuvre les modules) est tenu par 2 parties (cci_on, cma_normandie) ; le modèle convention.docx l'attend d'une partie exactement",
        f"{fichier}:{ligne_de(fichier, 'parties:')} : convention.parties : le rôle « cma » (la chambre de métiers et de l'artisanat, qui met en œuvre les modules "
        "avec la chambre de commerce) n'est tenu par aucune partie ; le modèle convention.docx l'attend d'une partie exactement",
    ]


def test_decision_autorisante_inconnue(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "decision: B050_2022", "decision: B051_2022")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'decision: B051')} : convention.decision : « B051_2022 » n'est pas une décision du dossier ; "
        "le numéro de la décision qui autorise la convention est attendu"
    ]


def test_appel_de_fonds_date_d_une_autre_annee(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "emission: [2023-03-01, 2024-03-01, 2025-03-01]", "emission: [2023-03-01, 2023-03-02, 2025-03-01]")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'emission:')} : convention.appels_de_fonds.emission[1] : l'appel de fonds de 2024 est daté de 2023 ; une date de 2024 est attendue"
    ]


def test_expose_cite_une_ligne_inconnue(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "soutiens: [departement, chambres]", "soutiens: [departement, region]")
    assert anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'soutiens:')} : seances[0].decisions[0].expose[9].financement.soutiens : « region » n'est pas une ligne du budget "
        "de la convention (agglomeration, chambres, departement)"
    ]


@pytest.mark.parametrize(
    ("avant", "apres"),
    [("part: 20", "part: 19"), ("montants: [7310, 7310, 7310]", "montants: [7310, 7300, 7310]"), ("duree_annees: 3", "duree_annees: 4")],
)
def test_generer_n_ecrit_rien_si_le_budget_est_faux(dossier, tmp_path, avant, apres):
    remplacer(dossier / "convention.yaml", avant, apres)
    sortie = tmp_path / "sorties"
    resultat = lancer("generer", dossier, "--sortie", sortie)
    assert resultat.exit_code == 1
    assert contenu(sortie) == []


def test_deux_flux_du_meme_code(dossier):
    fichier = dossier / "convention.yaml"
    remplacer(fichier, "    - code: demande\n", "    - code: versement\n")
    seconde = [numero for numero, ligne in enumerate(fichier.read_text(encoding="utf-8").splitlines(), start=1) if "- code: versement" in ligne][1]
    assert anomalies(dossier)[0] == f"{fichier}:{seconde} : convention.financement[1].code : code « versement » déjà pris par un autre flux"
