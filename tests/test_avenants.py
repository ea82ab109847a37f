"""Les avenants : la convention modifiée est recalculée, recontrôlée, et chaque document suit
la version en vigueur ; l'avenant lui-même est déduit de la différence, jamais retapé."""

from __future__ import annotations

import pytest

from tests.conftest import contenu, lancer, ligne_de, remplacer
from tests.documents import paragraphes_docx


def test_avenant_ne_montre_que_les_articles_modifies(exemple_genere):
    texte = paragraphes_docx(exemple_genere / "avenant_1_2023-2025.docx")
    titres = [p for p in texte if p.startswith("ARTICLE ")]
    assert titres == ["ARTICLE 1 : DÉSIGNATION DES PARTIES", "ARTICLE 2 : FINANCEMENT DU DISPOSITIF", "ARTICLE 3 : AUTRES CLAUSES", "ARTICLE 4 : PRISE D'EFFET"]
    assert texte[0].startswith("Avenant n° 1 à la convention triennale de partenariat pour un Plan d'animation")
    assert "la mention « représentée par _____ » est remplacée par « représentée par sa Présidente Camille EXEMPLE »." in texte
    assert "L'article 4 de la convention est modifié comme suit : le tableau du budget est remplacé par le tableau suivant :" in texte
    assert "Toutes les autres clauses de la convention demeurent inchangées." in texte
    assert "Le présent avenant prend effet le 1er janvier 2025." in texte
    assert "Vu la décision du Bureau communautaire n° B140_2024 du 10 décembre 2024 autorisant la signature du présent avenant," in texte


def test_avenant_donne_le_nouveau_tableau_en_entier(exemple_genere):
    texte = paragraphes_docx(exemple_genere / "avenant_1_2023-2025.docx")
    debut = texte.index("| ANNÉE 1 | ANNÉE 2 | ANNÉE 3 | cumul | Répartition partenaires")
    assert texte[debut + 1 : debut + 5] == [
        "BUDGET TOTAL HT | 36 550 € | 36 550 € | 40 000 € | 113 100 € | 100 %",
        "CCI ON /CMA Normandie | 7 310 € | 7 310 € | 8 000 € | 22 620 € | 20 %",
        "CD 50 | 14 620 € | 14 620 € | 16 000 € | 45 240 € | 40 %",
        "CAC | 14 620 € | 14 620 € | 16 000 € | 45 240 € | 40 %",
    ]
    assert "L'Agglomération versera à la CCI ON une subvention de 29 240 € en 2023, 29 240 € en 2024 et 32 000 € en 2025 ;" in texte


def test_recapitulatif_avant_apres_en_chiffres_et_en_lettres(exemple_genere):
    texte = paragraphes_docx(exemple_genere / "avenant_1_2023-2025.docx")
    debut = texte.index("Montant | Avant l'avenant | Après l'avenant")
    assert texte[debut + 1 : debut + 7] == [
        "Budget total HT 2025 | 36 550 € (trente-six mille cinq cent cinquante euros) | 40 000 € (quarante mille euros)",
        "CCI ON /CMA Normandie 2025 | 7 310 € (sept mille trois cent dix euros) | 8 000 € (huit mille euros)",
        "CD 50 2025 | 14 620 € (quatorze mille six cent vingt euros) | 16 000 € (seize mille euros)",
        "CAC 2025 | 14 620 € (quatorze mille six cent vingt euros) | 16 000 € (seize mille euros)",
        "Subvention versée par l'Agglomération à la CCI ON en 2025 | 29 240 € (vingt-neuf mille deux cent quarante euros) | 32 000 € (trente-deux mille euros)",
        "Subvention versée par le Département à l'Agglomération en 2025 | 14 620 € (quatorze mille six cent vingt euros) | 16 000 € (seize mille euros)",
    ]


def test_signataires_de_l_avenant_sont_les_representants_a_jour(exemple_genere):
    texte = paragraphes_docx(exemple_genere / "avenant_1_2023-2025.docx")
    assert texte[-1] == "Daniel DUFEU | Camille EXEMPLE | David MARGUERITTE | Jean MORIN"


@pytest.mark.parametrize(
    ("reference", "somme"),
    [
        ("AF-2023-01", "29 240 € (vingt-neuf mille deux cent quarante euros)"),
        ("AF-2024-02", "14 620 € (quatorze mille six cent vingt euros)"),
        ("AF-2025-01", "32 000 € (trente-deux mille euros)"),
        ("AF-2025-02", "16 000 € (seize mille euros)"),
    ],
)
def test_appels_de_fonds_suivent_la_convention_en_vigueur_a_leur_date(exemple_genere, reference, somme):
    assert f"Soit la somme de {somme}." in paragraphes_docx(exemple_genere / f"appel_de_fonds_{reference}.docx")


def test_decision_d_avenant_cite_les_montants_modifies(exemple_genere):
    texte = paragraphes_docx(exemple_genere / "decision_B140_2024.docx")
    assert "L'avenant n° 1 à la convention, qui prend effet le 1er janvier 2025, modifie les montants suivants :" in texte
    assert "Budget total HT 2025 : 40 000 € (quarante mille euros) au lieu de 36 550 € ;" in texte
    assert "Subvention versée par le Département à l'Agglomération en 2025 : 16 000 € (seize mille euros) au lieu de 14 620 €." in texte
    # 24 présents, aucun mouvement : les chiffres du vote sont ceux de l'ouverture.
    assert "(Pour : 24 – Contre : 0 – Abstention : 0) Présents au moment du vote : 24 – Votants : 24" in texte


def test_avenant_numero_3_sans_2_refuse_et_rien_ecrit(dossier, tmp_path):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "  - numero: 1", "  - numero: 3")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 1
    seance = dossier / "seance_2024-12-10.yaml"
    assert resultat.stderr.splitlines() == [
        f"{seance}:{ligne_de(seance, 'avenant: 1')} : seances[1].decisions[0].expose[2].avenant : l'exposé cite l'avenant n°1, que le dossier ne contient pas",
        f"{fichier}:{ligne_de(fichier, 'numero: 3')} : avenants[0].numero : avenant n°3 à la place de l'avenant n°1 ; "
        "les avenants sont numérotés 1, 2, 3… sans lacune, dans l'ordre",
    ]
    assert contenu(tmp_path / "sorties") == []


def test_avenant_dont_la_part_indiquee_contredit_les_montants_refuse(dossier, tmp_path):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "          chambres: {montants: {2025: 8000}}", "          chambres: {part: 19, montants: {2025: 8000}}")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 1
    lignes = resultat.stderr.splitlines()
    # 7 310 + 7 310 + 8 000 = 22 620 € sur 36 550 × 2 + 40 000 = 113 100 € : 20 % tout rond.
    assert lignes[0] == (
        f"{fichier}:{ligne_de(fichier, 'modifications:')} : avenants[0].modifications : avenant n°1 : convention.budget.lignes[0].part : "
        "part indiquée 19\u00a0%, mais les montants de « CCI ON /CMA Normandie » (22\u202f620\u00a0€ sur 113\u202f100\u00a0€) en font 20\u00a0% ; "
        "indiquez 20\u00a0% ou retirez la part, que le tableau calcule"
    )
    assert contenu(tmp_path / "sorties") == []


def test_avenant_qui_casse_le_total_de_l_annee_refuse(dossier):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "total: {2025: 40000}", "total: {2025: 41000}")
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 1
    assert resultat.stderr.splitlines()[0] == (
        f"{fichier}:{ligne_de(fichier, 'modifications:')} : avenants[0].modifications : avenant n°1 : convention.budget.total[2] : "
        "2025 : les contributions font 40\u202f000\u00a0€, le budget total HT est de 41\u202f000\u00a0€ ; ils doivent être égaux"
    )


def test_avenant_vers_une_annee_hors_convention_refuse(dossier):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "total: {2025: 40000}", "total: {2026: 40000}")
    resultat = lancer("verifier", dossier)
    assert (resultat.exit_code, resultat.stderr) == (
        1,
        f"{fichier}:{ligne_de(fichier, '2026')} : avenants[0].modifications.budget.total[2026] : avenant n°1 : "
        "2026 n'est pas une année de la convention (2023, 2024, 2025)\n",
    )


def test_avenant_vers_une_partie_inconnue_refuse(dossier):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "        cma_normandie:", "        cma_bretagne:")
    resultat = lancer("verifier", dossier)
    assert (resultat.exit_code, resultat.stderr) == (
        1,
        f"{fichier}:{ligne_de(fichier, 'cma_bretagne')} : avenants[0].modifications.parties.cma_bretagne : avenant n°1 : "
        "« cma_bretagne » ne désigne aucun élément (cci_on, cma_normandie, agglomeration, departement)\n",
    )


def test_avenant_avec_champ_inconnu_refuse(dossier):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "      budget:\n", "      budjet:\n")
    resultat = lancer("verifier", dossier)
    # Les modifications ont la forme de la convention, tirée du schéma : une clé inconnue est une erreur de schéma.
    assert (resultat.exit_code, resultat.stderr) == (2, (
        f"{fichier}:{ligne_de(fichier, 'budjet')} : avenants[0].modifications.budjet : champ inconnu « budjet » ; vouliez-vous dire « budget » ? "
        "(champs admis : type, titre, territoire, duree_annees, decision, parties, visas, modules, budget, financement, appels_de_fonds, "
        "lieu_signature, date_signature)\n"
    ))


def test_avenant_autorise_par_une_decision_absente_refuse(dossier):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "decision: B140_2024", "decision: B141_2024")
    resultat = lancer("verifier", dossier)
    assert (resultat.exit_code, resultat.stderr) == (
        1,
        f"{fichier}:{ligne_de(fichier, 'B141_2024')} : avenants[0].decision : « B141_2024 » n'est pas une décision du dossier ; "
        "le numéro de la décision qui autorise l'avenant est attendu\n",
    )


def test_avenant_qui_prendrait_effet_avant_sa_decision_refuse(dossier):
    fichier = dossier / "avenants.yaml"
    remplacer(fichier, "date_effet: 2025-01-01", "date_effet: 2024-12-01")
    resultat = lancer("verifier", dossier)
    assert (resultat.exit_code, resultat.stderr) == (
        1,
        f"{fichier}:{ligne_de(fichier, 'date_effet')} : avenants[0].date_effet : l'avenant n°1 prendrait effet le 1er décembre 2024, "
        "avant la décision B140_2024 du 10 décembre 2024 qui l'autorise\n",
    )
