"""La liste des membres d'une assemblée écrite en YAML, comme on l'écrirait à la main : un membre par ligne."""

from __future__ import annotations

import datetime

import yaml

from generateur.lecture.schema import Assemblee

DESCRIPTION = ("code", "nom", "qualificatif", "genre", "actes", "acte", "formule")
"""Les champs qui décrivent une assemblée, hors de la liste de ses membres : l'import les écrit,
`nouveau` les garde d'un EPCI à l'autre."""


def yaml_de_l_assemblee(assemblee: Assemblee, origine: str) -> str:
    """Le fichier `assemblee_<code>.yaml` : la description de l'assemblée, puis ses membres."""
    donnees = assemblee.model_dump(mode="json", exclude_none=True)
    lignes = [
        f"# Liste des membres importée de {origine} par « generateur importer-membres ».",
        "# Les séances ne notent que l'inhabituel : tout membre en exercice est présent, sauf dit autrement.",
        "assemblees:",
    ]
    description = [_yaml({cle: donnees[cle]}, en_bloc=True) for cle in DESCRIPTION if cle in donnees]
    lignes += [f"{'  - ' if rang == 0 else '    '}{ligne}" for rang, ligne in enumerate(description)]
    lignes.append("    membres:")
    lignes += [f"      - {_yaml(_avec_dates(membre))}" for membre in donnees["membres"]]
    return "\n".join(lignes) + "\n"


def _avec_dates(membre: dict) -> dict:
    """Les dates de mandat écrites AAAA-MM-JJ sans guillemets, comme le reste des données."""
    return {cle: datetime.date.fromisoformat(valeur) if cle in ("debut", "fin") else valeur for cle, valeur in membre.items()}


def _yaml(valeur: dict, en_bloc: bool = False) -> str:
    return yaml.safe_dump(valeur, allow_unicode=True, default_flow_style=not en_bloc, sort_keys=False, width=10**6).strip()
