"""Les documents générés d'un dossier : les produire, les lister d'après le manifeste, les
servir un par un ou en zip, et l'aperçu de la première page d'un acte.

Un document n'est servi que s'il figure au manifeste du dossier : son nom vient du manifeste,
jamais de l'URL seule.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generateur import etapes
from generateur.exceptions import ErreurGenerateur, ErreurPdf
from generateur.sorties import pdf
from generateur.sorties.manifeste import NOM as NOM_MANIFESTE, empreinte

DATE_DU_ZIP = (2000, 1, 1, 0, 0, 0)
DELAI_APERCU = 60


@dataclass(frozen=True)
class DocumentGenere:
    """Une ligne du manifeste, avec la taille du fichier sur disque et s'il est encore conforme."""

    nom: str
    sorte: str
    reference: str
    sha256: str
    taille: int
    conforme: bool


def generer(chemin: Path, sortie: Path, avec_pdf: bool) -> etapes.Bilan:
    """Génère le dossier dans `sortie/<nom>/`, en remplaçant la génération précédente."""
    return etapes.generer([chemin], sortie, remplacer=True, avec_pdf=avec_pdf, processus=1)


def pdf_disponible() -> bool:
    try:
        pdf.programme()
    except ErreurPdf:
        return False
    return True


def lister(destination: Path) -> list[DocumentGenere]:
    """Les documents du manifeste de `destination`, dans son ordre ; vide sans génération."""
    try:
        lignes = json.loads((destination / NOM_MANIFESTE).read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    documents = []
    for ligne in lignes:
        nom = str(ligne.get("chemin", ""))
        fichier = destination / nom
        if Path(nom).name != nom or not fichier.is_file():
            continue
        contenu = fichier.read_bytes()
        documents.append(DocumentGenere(nom, str(ligne.get("sorte", "")), str(ligne.get("reference", "")), str(ligne.get("sha256", "")), len(contenu), empreinte(contenu) == ligne.get("sha256")))
    return documents


def trouver(destination: Path, nom: str) -> DocumentGenere | None:
    """Le document `nom` s'il est au manifeste de `destination`."""
    return next((document for document in lister(destination) if document.nom == nom), None)


def archive(destination: Path, nom_dossier: str) -> bytes:
    """Tous les documents du manifeste et le manifeste lui-même, en un zip aux dates figées."""
    flux = io.BytesIO()
    with zipfile.ZipFile(flux, "w", zipfile.ZIP_DEFLATED) as zip_:
        for nom in [document.nom for document in lister(destination)] + [NOM_MANIFESTE]:
            info = zipfile.ZipInfo(f"{nom_dossier}/{nom}", DATE_DU_ZIP)
            info.compress_type = zipfile.ZIP_DEFLATED
            zip_.writestr(info, (destination / nom).read_bytes())
    return flux.getvalue()


class Apercus:
    """L'image de la première page de chaque document, calculée une fois par contenu."""

    def __init__(self):
        self._images: dict[str, bytes] = {}
        self._verrou = threading.Lock()

    def image(self, destination: Path, document: DocumentGenere) -> bytes:
        """Le PNG de la première page : le PDF généré s'il existe, sinon LibreOffice le produit."""
        with self._verrou:
            if document.sha256 in self._images:
                return self._images[document.sha256]
            contenu = (destination / document.nom).read_bytes()
            jumeau = destination / Path(document.nom).with_suffix(".pdf")
            en_pdf = jumeau.read_bytes() if jumeau.is_file() else pdf.convertir({document.nom: contenu})[document.nom]
            self._images[document.sha256] = premiere_page(en_pdf)
            return self._images[document.sha256]


def premiere_page(en_pdf: bytes, resolution: int = 60) -> bytes:
    """La première page d'un PDF en PNG (pdftoppm de poppler)."""
    programme = shutil.which("pdftoppm")
    if programme is None:
        raise ErreurPdf("pdftoppm est introuvable : installez le paquet Debian « poppler-utils » pour voir les aperçus")
    with tempfile.TemporaryDirectory(prefix="generateur-apercu-") as dossier:
        source = Path(dossier) / "document.pdf"
        source.write_bytes(en_pdf)
        try:
            subprocess.run([programme, "-f", "1", "-l", "1", "-singlefile", "-png", "-r", str(resolution), str(source), str(Path(dossier) / "page")], capture_output=True, timeout=DELAI_APERCU, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ErreurPdf(f"pdftoppm n'a pas produit l'aperçu en {DELAI_APERCU} s") from None
        image = Path(dossier) / "page.png"
        if not image.is_file():
            raise ErreurGenerateur("l'aperçu de ce document n'a pas pu être produit")
        return image.read_bytes()
