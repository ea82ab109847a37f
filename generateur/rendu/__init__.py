"""Étape 4 : rendre — remplir les modèles Word. Seul paquet qui connaît docx, docxtpl et le XML.

Ce module-ci reste léger (rien de Word n'y est importé) : le manifeste et la CLI y prennent
`DocumentRendu` sans payer le chargement de docxtpl.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DocumentRendu:
    """Un document rendu, prêt à écrire : son chemin dans le dossier de sortie, ce qu'il est, son modèle et ses octets."""

    chemin: str
    sorte: str
    reference: str
    modele: Path
    contenu: bytes
