"""Relire un document généré comme un correcteur : le texte de chaque partie (corps, tableaux,
en-têtes, pieds de page) et les fautes de typographie française qu'il contient."""

from __future__ import annotations

import re
from pathlib import Path

import docx

# Chaque faute : son nom et le motif qui la trouve. Les règles sont écrites ici, d'après le
# code typographique, pas reprises de generateur.francais.
FAUTES = {
    "espace sécable avant la ponctuation": re.compile(r" [:;!?»]"),
    "ponctuation collée au mot": re.compile(r"[^\s\u00a0\u202f][;!?»]|[^\s\u00a0\u202f\d/]:(?=\s|$)"),
    "pas d'insécable après «": re.compile(r"«(?![\u00a0\u202f])"),
    "pas d'insécable après n°": re.compile(r"\b[nN]°(?!\u00a0)"),
    "montant coupable": re.compile(r"\d[ ][€%]|\d[€%]|(?<![\d,.])\d{1,3} \d{3}(?!\d)"),
    "capitale sans accent": re.compile(r"\b(?:DUREE|DEONTOLOGIE|CONFIDENTIALITE|REPARTITION|RESILIATION|ANTICIPEE|ELECTION|COMITE|DEPLOIEMENT|RESPONSABILITE|ANNEE|ETAT)\b|^A l'|l'Etat\b"),
}


def textes(document: Path) -> list[str]:
    """Chaque paragraphe du document : corps, cellules de tableaux, en-têtes et pieds de page."""
    lu = docx.Document(str(document))
    parties = [lu]
    for section in lu.sections:
        parties += [section.header, section.footer, section.first_page_header, section.first_page_footer]
    resultat = []
    for partie in parties:
        resultat += [p.text for p in partie.paragraphs]
        for table in partie.tables:
            resultat += [p.text for rangee in table.rows for cellule in rangee.cells for p in cellule.paragraphs]
    return resultat


def fautes_typographiques(document: Path) -> list[str]:
    """« nom de la faute : extrait » pour chaque faute trouvée, dans l'ordre du document."""
    fautes = []
    for texte in textes(document):
        for nom, motif in FAUTES.items():
            fautes += [f"{nom} : {texte[max(t.start() - 12, 0) : t.end() + 12]!r}" for t in motif.finditer(texte)]
    return fautes
