"""Les PDF/A des documents, pour la publication et la transmission des actes.

LibreOffice (le vrai programme, sans interface) convertit les documents d'une génération :
un LibreOffice par cœur, lancés ensemble, chacun avec son profil temporaire (deux instances
ne peuvent partager un profil, et un LibreOffice ouvert par l'utilisateur n'est pas gêné) ;
les documents sont répartis entre eux par taille, le plus gros d'abord, pour qu'ils finissent
ensemble. Un lancement coûte environ une seconde de démarrage : une instance par document
serait dix fois plus lente. Au-delà d'un délai, tous sont arrêtés.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
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


def convertir(documents: dict[str, bytes], instances: int | None = None) -> dict[str, bytes]:
    """Le PDF/A de chaque document .docx (chemin de sortie → contenu), convertis par `instances`
    LibreOffice à la fois (par défaut, un par cœur). Les fichiers leur sont donnés sous des noms
    numérotés (deux dossiers d'un lot ont des documents de même nom) ; les messages nomment le
    document par son chemin de sortie."""
    if not documents:
        return {}
    soffice = programme()
    noms = {f"{rang:05d}.docx": chemin for rang, chemin in enumerate(documents)}
    with tempfile.TemporaryDirectory(prefix="generateur-pdf-") as dossier:
        racine = Path(dossier)
        (racine / "docx").mkdir()
        for nom, chemin in noms.items():
            (racine / "docx" / nom).write_bytes(documents[chemin])
        parts = repartir({nom: len(documents[chemin]) for nom, chemin in noms.items()}, instances or os.cpu_count() or 1)
        delai = max(DELAI_MINIMUM, DELAI_PAR_DOCUMENT * max(map(len, parts)))
        comptes_rendus = _executer([_commande(soffice, racine, rang, part) for rang, part in enumerate(parts)], racine, delai)
        compte_rendu = {nom: dit for part, dit in zip(parts, comptes_rendus) for nom in part}
        pdf = {}
        for nom, chemin in noms.items():
            sortie = racine / "pdf" / Path(nom).with_suffix(".pdf").name
            if not sortie.is_file():
                raise ErreurPdf(f"LibreOffice n'a pas converti {chemin} en PDF{compte_rendu[nom]} ; les documents .docx ont été écrits")
            pdf[chemin] = sortie.read_bytes()
        return pdf


def repartir(tailles: dict[str, int], instances: int) -> list[list[str]]:
    """Les noms répartis en au plus `instances` parts de tailles voisines : chaque document,
    du plus gros au plus petit, va à la part la moins chargée (le temps de conversion suit
    la taille du document)."""
    parts: list[list[str]] = [[] for _ in range(max(1, min(instances, len(tailles))))]
    charges = [0] * len(parts)
    for nom in sorted(tailles, key=lambda nom: (-tailles[nom], nom)):
        rang = charges.index(min(charges))
        parts[rang].append(nom)
        charges[rang] += tailles[nom]
    return parts


def _commande(soffice: str, racine: Path, rang: int, noms: list[str]) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={(racine / f'profil-{rang}').as_uri()}",
        "--headless", "--norestore", "--nolockcheck",
        "--convert-to", FILTRE_PDF_A,
        "--outdir", str(racine / "pdf"),
        *(str(racine / "docx" / nom) for nom in noms),
    ]


def _executer(commandes: list[list[str]], racine: Path, delai: float) -> list[str]:
    """Lance les LibreOffice ensemble (chacun dans son groupe de processus, pour pouvoir
    l'arrêter avec ses enfants) et attend qu'ils finissent ; rend ce que chacun a dit de
    son échec éventuel. `ErreurPdf` au-delà du délai, tous arrêtés ; arrêtés aussi si
    l'attente est interrompue (Ctrl-C)."""
    lances = []
    try:
        for rang, commande in enumerate(commandes):
            journal = open(racine / f"journal-{rang}.txt", "wb")
            with journal:
                lances.append(subprocess.Popen(commande, stdin=subprocess.DEVNULL, stdout=journal, stderr=subprocess.STDOUT, start_new_session=True))
        fin = time.monotonic() + delai
        for processus in lances:
            processus.wait(timeout=max(0.0, fin - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise ErreurPdf(f"LibreOffice n'a pas fini la conversion en {delai} s et a été arrêté ; les documents .docx ont été écrits") from None
    finally:
        for processus in lances:
            if processus.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(processus.pid, signal.SIGKILL)
                processus.wait()
    return [_message_de(processus.returncode, (racine / f"journal-{rang}.txt").read_bytes()) for rang, processus in enumerate(lances)]


def _message_de(code: int, sortie: bytes) -> str:
    """Ce que LibreOffice a dit de son échec (sa dernière ligne, hors les « convert … -> … » des
    documents réussis, qui nomment ses fichiers temporaires), et son code de sortie."""
    texte = sortie.decode("utf-8", "replace")
    lignes = [ligne.strip() for ligne in texte.splitlines() if ligne.strip() and not ligne.startswith("convert ")]
    dit = f" : « {lignes[-1][:300]} »" if lignes else ""
    return f" (code {code}){dit}"
