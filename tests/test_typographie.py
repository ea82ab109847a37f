"""Des actes prêts à signer : la typographie française de chaque document des deux exemples
(modèle et données), et leur mise en page lue dans le PDF, page par page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from tests.conftest import RACINE, lancer, remplacer
from tests.typographie import fautes_typographiques, textes

EXEMPLES = sorted(dossier for dossier in (RACINE / "donnees").iterdir() if dossier.is_dir())


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Path]:
    sortie = tmp_path_factory.mktemp("sorties")
    resultat = lancer("generer", *EXEMPLES, "--sortie", sortie)
    assert resultat.exit_code == 0, resultat.output
    return sorted(sortie.glob("*/*.docx"))


def test_aucune_faute_de_typographie_dans_les_documents_des_exemples(documents):
    # Les actes de chaque exemple, et les cinq documents de chacune de ses séances : cotentin (2 séances),
    # festival_exemple (1), pays_argoat (1), val_exemple (2, dont 3 délibérations).
    assert len(documents) == 10 + 7 + 9 + 11 + 5 * (2 + 1 + 1 + 2)
    fautes = {f"{document.parent.name}/{document.name}": fautes_typographiques(document) for document in documents}
    assert fautes == {nom: [] for nom in fautes}


def test_le_controle_trouve_les_fautes_d_un_document_casse(tmp_path):
    document = docx.Document()
    document.add_paragraph("OBJET : convention dite « PACTE » n°B050_2022")
    document.add_paragraph("Montant : 14 620 € soit 40%")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "ARTICLE 9\u00a0: DUREE"
    document.sections[0].header.paragraphs[0].text = "A l'ouverture"
    document.sections[0].footer.paragraphs[0].text = "Quoi?"
    casse = tmp_path / "casse.docx"
    document.save(str(casse))
    assert fautes_typographiques(casse) == [
        "espace sécable avant la ponctuation : 'OBJET : convention '",
        "espace sécable avant la ponctuation : 'dite « PACTE » n°B050_2022'",
        "pas d'insécable après « : 'ention dite « PACTE » n°B'",
        "pas d'insécable après n° : 'e « PACTE » n°B050_2022'",
        "espace sécable avant la ponctuation : 'Montant : 14 620 € so'",
        "montant coupable : 'Montant : 14 620 € soit 40%'",  # « 14 620 »
        "montant coupable : '620 € soit 40%'",  # « 40% »
        "capitale sans accent : 'ARTICLE 9\\xa0: DUREE'",
        "capitale sans accent : \"A l'ouverture\"",
        "ponctuation collée au mot : 'Quoi?'",
    ]


def test_le_texte_des_pieds_de_page_est_lu(documents):
    decision = next(d for d in documents if d.name == "decision_B050_2022.docx")
    # python-docx ne lit pas le résultat des champs PAGE et NUMPAGES : le PDF le montre (plus bas).
    assert "Décision n°\u00a0B050_2022 – page  / " in textes(decision)


LIBREOFFICE, PDFTOTEXT = shutil.which("soffice"), shutil.which("pdftotext")
# En CI, LibreOffice et poppler sont installés par .ci/run : leur absence y est un échec.
avec_libreoffice = pytest.mark.skipif(not (LIBREOFFICE and PDFTOTEXT) and not os.environ.get("CI"), reason="LibreOffice ou pdftotext absent")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    sortie = tmp_path_factory.mktemp("pdf")
    resultat = lancer("generer", *EXEMPLES, "--sortie", sortie, "--pdf")
    assert resultat.exit_code == 0, resultat.output
    return sortie


def pages(pdf: Path) -> list[str]:
    """Le texte de chaque page du PDF, lu par pdftotext (pages séparées par un saut de page)."""
    texte = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return texte.split("\f")[:-1]


# Chaque acte : le début de son dernier article et la dernière ligne du bloc de signature.
ACTES = {
    "cotentin/decision_B050_2022.pdf": ("Dire que la présente décision peut faire", "Le Président,"),
    "cotentin/decision_B140_2024.pdf": ("Dire que la présente décision peut faire", "Le Président,"),
    "val_exemple/decision_B2024_012.pdf": ("Dire que la présente décision peut faire", "La Présidente,"),
    "cotentin/convention_2023-2025.pdf": ("ARTICLE 11", "Jean MORIN"),
    "cotentin/avenant_1_2023-2025.pdf": ("PRISE D'EFFET", "Jean MORIN"),
    "val_exemple/convention_2024-2026.pdf": ("ARTICLE 11", "Les signataires"),
}


@avec_libreoffice
@pytest.mark.parametrize("acte", ACTES)
def test_le_bloc_de_signature_partage_sa_page_avec_le_dernier_article(pdf, acte):
    dernier_article, signature = ACTES[acte]
    lues = pages(pdf / acte)
    page_signature = max(rang for rang, page in enumerate(lues) if signature in page)  # le bloc de signature termine l'acte ou sa décision
    assert dernier_article in lues[page_signature]


@avec_libreoffice
@pytest.mark.parametrize("acte", ACTES)
def test_chaque_page_porte_son_numero_sur_le_total(pdf, acte):
    lues = pages(pdf / acte)
    for numero, page in enumerate(lues, start=1):
        assert re.search(rf"– page {numero} / {len(lues)}\s*$", page), (acte, numero)


@avec_libreoffice
@pytest.mark.parametrize(
    ("acte", "lignes"),
    [
        ("cotentin/convention_2023-2025.pdf", ["Pour la CMA Normandie,", "David MARGUERITTE"]),
        ("val_exemple/convention_2024-2026.pdf", ["Pour la Communauté de Communes,", "Hélène DURAND-EXEMPLE"]),
        # cinq signataires : le prénom peut passer à la ligne, jamais un nom de famille coupé en son milieu
        ("pays_argoat/convention_2024-2026.pdf", ["FOURNIER", "LEMAÎTRE", "DURAND-EXEMPLE", "GARNIER", "LE FICTIF"]),
    ],
)
def test_les_colonnes_de_signature_tiennent_chaque_ligne_sans_la_couper(pdf, acte, lignes):
    derniere_page = pages(pdf / acte)[-1]
    for ligne in lignes:
        assert ligne in derniere_page


# --- Aucun blanc « _____ » là où le dossier connaît la valeur

VALEURS_DES_BLANCS = {
    # (fichier, blanc tel qu'écrit) → la valeur que le dossier connaîtrait
    ("cotentin/convention.yaml", "  lieu_signature: à compléter"): "  lieu_signature: Cherbourg-en-Cotentin",
    ("cotentin/convention.yaml", "  date_signature: à compléter"): "  date_signature: 2023-01-16",
    ("cotentin/convention.yaml", "      representant: à compléter"): "      representant: {civilite: Madame, prenom: Anne, nom: Essai, fonction: Présidente}",
    ("cotentin/convention.yaml", "      habilitation: à compléter"): "      habilitation: 2022-12-01",
    ("cotentin/avenants.yaml", "    lieu_signature: à compléter"): "    lieu_signature: Cherbourg-en-Cotentin",
    ("cotentin/avenants.yaml", "    date_signature: à compléter"): "    date_signature: 2025-01-06",
}


def test_aucun_blanc_quand_le_dossier_connait_chaque_valeur(tmp_path):
    """Chaque « à compléter » des exemples reçoit une valeur : plus aucun document ne doit alors
    porter de « _____ » (un blanc que l'outil laisserait alors qu'il sait quoi y mettre)."""
    copies = []
    for exemple in EXEMPLES:
        shutil.copytree(exemple, tmp_path / "donnees" / exemple.name)
        copies.append(tmp_path / "donnees" / exemple.name)
    for (fichier, blanc), valeur in VALEURS_DES_BLANCS.items():
        remplacer(tmp_path / "donnees" / fichier, blanc, valeur)
    for fichier in (tmp_path / "donnees").glob("*/*.yaml"):
        texte = fichier.read_text(encoding="utf-8")
        fichier.write_text(texte.replace("ligne_de_credit: à compléter", 'ligne_de_credit: "77525"'), encoding="utf-8")
    assert not [f for f in (tmp_path / "donnees").glob("*/*.yaml") if "à compléter" in f.read_text(encoding="utf-8")]

    # Les actes seuls : les documents de séance sont des formulaires que le secrétariat complète
    # à la main (synthèse des débats, heure de levée, date de mise en ligne).
    resultat = lancer("generer", *copies, "--sortie", tmp_path / "sorties", "--seulement", "actes")
    assert resultat.exit_code == 0, resultat.output
    blancs = {
        f"{document.parent.name}/{document.name}": [texte for texte in textes(document) if "_____" in texte and not _formalite_a_venir(texte)]
        for document in sorted((tmp_path / "sorties").glob("*/*.docx"))
    }
    assert len(blancs) == 10 + 7 + 9 + 11  # cotentin, festival_exemple, pays_argoat, val_exemple
    assert {nom: trouves for nom, trouves in blancs.items() if trouves} == {}


def _formalite_a_venir(texte: str) -> bool:
    """Transmission en préfecture et publication suivent la signature de l'acte : tant que les
    données ne les disent pas (`transmission:`, `publication:`), leurs mentions restent en blanc."""
    return texte.startswith(("Transmis au représentant de l'État le ", "Accusé de réception n°", "Publié sur le site internet "))
