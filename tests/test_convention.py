"""La convention générée depuis `donnees/cotentin/` reproduit celle de la référence, article par
article et chiffre par chiffre ; les appels de fonds disent leurs montants en chiffres et en lettres."""

from __future__ import annotations

import re

import pytest

from tests.conftest import RACINE, lancer, remplacer
from tests.documents import blocs, normaliser, paragraphes_docx, paragraphes_markdown

REFERENCE = RACINE / "tests" / "reference" / "B050_2022.md"

# Écarts voulus avec la référence (extrait de la référence → texte produit), et pourquoi.
ECARTS = {
    # Accords faits par l'outil : la Chambre est « représentée » ; les noms de famille sont en capitales.
    "représenté par son Président Daniel DUFEU": "représentée par son Président Daniel DUFEU",
    "Jean Morin": "Jean MORIN",
    # Une seule tournure pour toutes les parties.
    "intercommunale, dont le siège": "intercommunale dont le siège",
    # Les parties sont nommées avec leur article, depuis les données.
    "(Agglomération, Département, chambres consulaires)": "(l'Agglomération, le Département, les chambres consulaires)",
    # Les partenaires sont nommés chacun avec son article (issue 12), depuis les parties.
    "(CCI ON, CMA Normandie et Département)": "(la CCI ON, la CMA Normandie et le Département)",
    # Virgule finale fautive de la référence.
    "les EPCI et les chambres consulaires,": "les EPCI et les chambres consulaires.",
    # Blancs à remplir à la main, rendus visibles.
    "Fait à": "Fait à _____",
    # Blanc que le dossier sait remplir : la décision B050_2022 qui habilite le Président est du 22 novembre 2022.
    "dûment habilité par décision en date du _____": "dûment habilité par décision en date du 22 novembre 2022",
    # Libellés qu'une secrétaire corrigerait (issue 13) : accords, mot juste, orthographe.
    "dénommé loi PACTE": "dite loi PACTE",  # « dite » : c'est le nom d'usage de la loi
    "(COP) signé le": "(COP) signés le",  # les contrats, au pluriel
    "que celles qu'il prend": "que celles qu'elle prend",  # « chaque partie », féminin
    "résiliation de la charte": "résiliation de la convention",  # l'acte est une convention
    "non respect": "non-respect",  # nom composé
    "à la dite convention": "à ladite convention",  # en un mot
    "trois mois suivants la réception": "trois mois suivant la réception",  # « suivant » préposition, invariable
    # Capitales accentuées.
    "l'Etat": "l'État",
    "COMITE ": "COMITÉ ",
    "REPARTITION": "RÉPARTITION",
    "DEPLOIEMENT": "DÉPLOIEMENT",
    "DEONTOLOGIE": "DÉONTOLOGIE",
    "CONFIDENTIALITE": "CONFIDENTIALITÉ",
    "RESPONSABILITE": "RESPONSABILITÉ",
    "RESILIATION ANTICIPEE": "RÉSILIATION ANTICIPÉE",
    "DUREE": "DURÉE",
    "ELECTION": "ÉLECTION",
    "ANNEE": "ANNÉE",
}
# Typographie : une espace insécable après « n° » partout ; la référence n'en met pas toujours.
N_DEGRE = (re.compile(r"n°(?=\w)"), "n° ")


def paragraphes_de_reference() -> list[str]:
    """La convention de la référence, jusqu'au bloc des signataires (tableau vide dans la référence)."""
    texte = "**Convention triennale" + REFERENCE.read_text(encoding="utf-8").split("**Convention triennale")[1]
    texte = texte.replace("  \n", " ").replace("écrite,\n\ninformatisée", "écrite, informatisée")
    texte = texte.split("Les signataires :")[0]
    paragraphes = [N_DEGRE[0].sub(N_DEGRE[1], p) for p in paragraphes_markdown(texte, ECARTS)]
    return [("le _____" if paragraphe == "le" else paragraphe) for paragraphe in paragraphes]


def test_convention_reproduit_la_reference_article_par_article(exemple_genere):
    produits = paragraphes_docx(exemple_genere / "convention_2023-2025.docx")
    reference = paragraphes_de_reference()
    assert len(reference) == 77
    assert produits[: produits.index("Les signataires :")] == reference


def test_tableau_du_budget_chiffres_de_la_reference(exemple_genere):
    lignes = [normaliser(bloc) for bloc in blocs(exemple_genere / "convention_2023-2025.docx") if " | " in bloc]
    assert lignes[:5] == [
        "| ANNÉE 1 | ANNÉE 2 | ANNÉE 3 | cumul | Répartition partenaires",
        "BUDGET TOTAL HT | 36 550 € | 36 550 € | 36 550 € | 109 650 € | 100 %",
        "CCI ON /CMA Normandie | 7 310 € | 7 310 € | 7 310 € | 21 930 € | 20 %",
        "CD 50 | 14 620 € | 14 620 € | 14 620 € | 43 860 € | 40 %",
        "CAC | 14 620 € | 14 620 € | 14 620 € | 43 860 € | 40 %",
    ]


def test_une_cellule_de_signature_par_partie(exemple_genere):
    lignes = [bloc for bloc in blocs(exemple_genere / "convention_2023-2025.docx") if " | " in bloc]
    assert lignes[-2:] == [
        "Pour la CCI ON,\nLe Président, | Pour la CMA Normandie,\n_____, | Pour l'Agglomération,\nLe Président, | Pour le Département,\nLe Président,",
        # sous la signature, le nom de famille ne se coupe pas ; le prénom peut passer à la ligne (cinq colonnes)
        "Daniel DUFEU | _____ | David MARGUERITTE | Jean MORIN",
    ]


@pytest.mark.parametrize(
    ("reference", "attendus"),
    [
        (
            "AF-2023-01",
            [
                "Référence : AF-2023-01",
                "Budget total HT 2023 | 36 550 €",
                "Moins la participation des Chambres Consulaires (20 %) | 7 310 €",
                "Montant appelé | 29 240 €",
                "Soit la somme de 29 240 € (vingt-neuf mille deux cent quarante euros).",
                "Paiement par virement dans un délai de 30 jours, soit au plus tard le 31 mars 2023, sur le compte :",
                "IBAN : FR42 3000 1000 6400 0000 0001 234",
            ],
        ),
        (
            "AF-2024-02",
            [
                "Référence : AF-2024-02",
                "Subvention versée à la CCI ON le 27 mars 2024 (appel AF-2024-01) | 29 240 €",
                "Part demandée : 50 % | 14 620 €",
                "Soit la somme de 14 620 € (quatorze mille six cent vingt euros).",
                "Cette demande est accompagnée des justificatifs de règlement.",
                "IBAN : FR90 3000 1000 6400 0000 0009 876",
            ],
        ),
    ],
)
def test_appel_de_fonds_montant_en_chiffres_et_en_lettres(exemple_genere, reference, attendus):
    produits = paragraphes_docx(exemple_genere / f"appel_de_fonds_{reference}.docx")
    for attendu in attendus:
        assert attendu in produits


def test_autre_epci_centimes_repartition_inegale_et_plafond(tmp_path):
    assert lancer("generer", RACINE / "donnees" / "val_exemple", "--sortie", tmp_path).exit_code == 0
    dossier = tmp_path / "val_exemple"
    convention = paragraphes_docx(dossier / "convention_2024-2026.docx")
    assert "BUDGET TOTAL HT | 12 345,67 € | 12 800 € | 13 100,50 € | 38 246,17 € | 100 %" in convention
    assert any("représentée par sa Présidente Lucie FOURNIER" in p for p in convention)
    assert any(
        "versera annuellement à la CCI Exemple une subvention de 7 407,40 € en 2024, 7 680 € en 2025 et 7 860,30 € en 2026 "
        "correspondant au budget hors participation CCI Exemple / CMA Exemple" in p
        for p in convention
    )
    premier = paragraphes_docx(dossier / "appel_de_fonds_AF-2024-01.docx")
    assert "Soit la somme de 7 407,40 € (sept mille quatre cent sept euros et quarante centimes)." in premier
    plafonne = paragraphes_docx(dossier / "appel_de_fonds_AF-2025-01.docx")
    assert "Base retenue : les dépenses, dans la limite du budget | 12 800 €" in plafonne
    assert (
        "Les dépenses réalisées en 2025 (13 250 €) dépassent le budget prévu (12 800 €) : conformément à l'article 4 "
        "de la convention, toute dépense au-dessus de ce budget n'est pas prise en charge." in plafonne
    )
    assert "Soit la somme de 7 680 € (sept mille six cent quatre-vingts euros)." in plafonne
    decision = paragraphes_docx(dossier / "decision_B2024_012.docx")
    assert (
        "La participation financière de la Communauté de Communes pour la mise en œuvre de ce plan s'élèvera à 11 473,85 € "
        "sur la période 2024-2026 pour un programme d'actions de 38 246,17 € bénéficiant également du soutien du Département "
        "(11 473,85 €) et des chambres consulaires (15 298,47 €)." in decision
    )


def test_prorata_des_depenses_realisees_au_centime(dossier, tmp_path):
    remplacer(dossier / "convention.yaml", "    delai_paiement_jours: 30\n", "    delai_paiement_jours: 30\n    depenses_realisees:\n      2024: 30000.01\n")
    (dossier / "paiements.yaml").unlink()  # les paiements enregistrés suivent le budget prévu
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    versement = paragraphes_docx(tmp_path / "sorties" / "cotentin" / "appel_de_fonds_AF-2024-01.docx")
    assert "Dépenses réalisées 2024 | 30 000,01 €" in versement
    assert "Moins la participation des Chambres Consulaires (20 %) | 6 000 €" in versement
    assert "Soit la somme de 24 000,01 € (vingt-quatre mille euros et un centime)." in versement
    demande = paragraphes_docx(tmp_path / "sorties" / "cotentin" / "appel_de_fonds_AF-2024-02.docx")
    assert "Soit la somme de 12 000,01 € (douze mille euros et un centime)." in demande
    inchange = paragraphes_docx(tmp_path / "sorties" / "cotentin" / "appel_de_fonds_AF-2023-01.docx")
    assert "Soit la somme de 29 240 € (vingt-neuf mille deux cent quarante euros)." in inchange
