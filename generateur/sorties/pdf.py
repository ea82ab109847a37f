"""Les PDF/A des documents, pour la publication et la transmission des actes.

LibreOffice (le vrai programme, sans interface) convertit tous les documents d'une
génération en un seul lancement, avec un profil temporaire à lui (pour ne pas gêner un
LibreOffice ouvert par l'utilisateur) et un délai au-delà duquel il est arrêté.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from generateur.exceptions import ErreurPdf

FILTRE_PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""PDF/A-2b : la version de PDF/A que LibreOffice écrit pour l'archivage."""

DELAI_PAR_DOCUMENT = 20
DELAI_MINIMUM = 120


def programme() -> str:
    """Le chemin de LibreOffice ; `ErreurPdf` s'il n'est pas installé."""
    chemin = shutil.which("soffice") or shutil.which("libreoffice")
    if chemin is None:
        raise ErreurPdf(
            "LibreOffice est introuvable : installez-le (paquet Debian « libreoffice-writer-nogui ») "
            "pour produire les PDF ; les documents .docx ont été écrits"
        )
    return chemin


def convertir(documents: dict[str, bytes]) -> dict[str, bytes]:
    """Le PDF/A de chaque document .docx (chemin de sortie → contenu), en un seul lancement de
    LibreOffice. Les fichiers lui sont donnés sous des noms numérotés (deux dossiers d'un lot
    ont des documents de même nom) ; les messages nomment le document par son chemin de sortie."""
    if not documents:
        return {}
    soffice = programme()
    noms = {f"{rang:05d}.docx": chemin for rang, chemin in enumerate(documents)}
    with tempfile.TemporaryDirectory(prefix="generateur-pdf-") as dossier:
        racine = Path(dossier)
        entrees = racine / "docx"
        entrees.mkdir()
        for nom, chemin in noms.items():
            (entrees / nom).write_bytes(documents[chemin])
        commande = [
            soffice,
            f"-env:UserInstallation={(racine / 'profil').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", FILTRE_PDF_A,
            "--outdir", str(racine / "pdf"),
            *(str(entrees / nom) for nom in noms),
        ]
        delai = max(DELAI_MINIMUM, DELAI_PAR_DOCUMENT * len(documents))
        try:
            execution = subprocess.run(commande, capture_output=True, timeout=delai, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ErreurPdf(f"LibreOffice n'a pas fini la conversion en {delai} s et a été arrêté ; les documents .docx ont été écrits") from None
        pdf = {}
        for nom, chemin in noms.items():
            sortie = racine / "pdf" / Path(nom).with_suffix(".pdf").name
            if not sortie.is_file():
                raise ErreurPdf(f"LibreOffice n'a pas converti {chemin} en PDF{_message_de(execution)} ; les documents .docx ont été écrits")
            pdf[chemin] = sortie.read_bytes()
        return pdf


def _message_de(execution: subprocess.CompletedProcess) -> str:
    """Ce que LibreOffice a dit de son échec (sa dernière ligne, hors les « convert … -> … » des
    documents réussis, qui nomment ses fichiers temporaires), et son code de sortie."""
    texte = (execution.stderr + execution.stdout).decode("utf-8", "replace")
    lignes = [ligne.strip() for ligne in texte.splitlines() if ligne.strip() and not ligne.startswith("convert ")]
    dit = f" : « {lignes[-1][:300]} »" if lignes else ""
    return f" (code {execution.returncode}){dit}"
