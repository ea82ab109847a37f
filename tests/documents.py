"""Lire un document généré comme son lecteur : paragraphes et rangées de tableaux, dans l'ordre."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph


def blocs(document: Path) -> list[str]:
    """Le texte de chaque paragraphe, et de chaque rangée de tableau (« cellule | cellule »)."""
    textes = []
    for bloc in docx.Document(str(document)).iter_inner_content():
        if isinstance(bloc, Paragraph):
            textes.append(bloc.text)
        else:
            textes += [" | ".join(cellule.text for cellule in rangee.cells) for rangee in bloc.rows]
    return textes


def normaliser(texte: str) -> str:
    """Texte comparable : espaces insécables et retours à la ligne en espaces, « € » et « % » précédés d'une espace."""
    texte = re.sub(r"[\s\u00a0\u202f]+", " ", texte).strip()
    return re.sub(r" ?([€%])", r" \1", texte)


def paragraphes_markdown(texte: str, ecarts: dict[str, str]) -> list[str]:
    """Les paragraphes d'un extrait Markdown de la référence, sans sa syntaxe, écarts voulus appliqués."""
    paragraphes = []
    for ligne in texte.splitlines():
        ligne = re.sub(r"^#+ ", "", ligne).replace("**", "").replace("\\_", "_").replace("<b>", "").replace("</b>", "")
        ligne = re.sub(r"\[([^]]+)\]\([^)]+\)", r"\1", ligne)
        ligne = " | ".join(ligne.split("\t")) if "\t" in ligne else re.sub(r"^(- |\d+\. )", "", ligne.strip())
        for extrait, produit in ecarts.items():
            ligne = ligne.replace(extrait, produit)
        if ligne.strip():
            paragraphes.append(normaliser(ligne))
    return paragraphes


def paragraphes_docx(document: Path) -> list[str]:
    """Les blocs non vides du document, numéros de liste retirés, normalisés."""
    return [normaliser(re.sub(r"^\d+\.\t", "", texte)) for texte in blocs(document) if texte.strip()]
