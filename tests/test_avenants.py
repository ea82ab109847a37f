"""Les avenants : la convention modifiée est recalculée, recontrôlée, et chaque document suit
la version en vigueur ; l'avenant lui-même est déduit de la différence, jamais retapé."""

from __future__ import annotations

import pytest

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
