"""Les filtres des gabarits : le français vient de `generateur.francais`, le reste est de la mise en page."""

from __future__ import annotations

import re
from pathlib import Path

from generateur import francais


def empreintes(empreintes_: dict[str, str]) -> str:
    """{nom: sha256} → « nom=sha256;… », le champ caché qui date la page."""
    return ";".join(f"{nom}={empreinte}" for nom, empreinte in empreintes_.items())


def identifiant(texte: str) -> str:
    """Un identifiant HTML tiré d'un chemin de champ : `convention.budget.total[0]` → `convention-budget-total-0`."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", texte).strip("-")


FILTRES = {
    "enumerate": enumerate,
    "date_longue": francais.date_longue,
    "quantite": francais.quantite,
    "initiale_majuscule": francais.initiale_majuscule,
    "joindre": francais.joindre,
    "euros": francais.format_euros,
    "taille": francais.format_taille,
    "nom_de_fichier": lambda chemin: Path(chemin).name,
    "empreintes": empreintes,
    "identifiant": identifiant,
}
