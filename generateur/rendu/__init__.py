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

    def en_pdf(self, contenu: bytes, chemin: str | None = None) -> DocumentRendu:
        """Le PDF de ce document : même référence et même modèle, sorte « …_pdf », chemin en .pdf par défaut."""
        return DocumentRendu(chemin or str(Path(self.chemin).with_suffix(".pdf")), f"{self.sorte}_pdf", self.reference, self.modele, contenu)

    @property
    def est_un_pdf(self) -> bool:
        return self.sorte.endswith("_pdf")
