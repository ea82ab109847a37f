"""Parties, lignes du budget et flux se désignent par leur code : un index par code, et les doublons.

Une seule aide pour toutes les listes à codes, plutôt qu'une recherche écrite à la main à
chaque endroit qui en a besoin.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class AvecCode(Protocol):
    code: str


T = TypeVar("T", bound=AvecCode)


def par_code(elements: Iterable[T]) -> dict[str, T]:
    """Chaque élément par son code (le premier, si un code est en double : les contrôles le signalent)."""
    index: dict[str, T] = {}
    for element in elements:
        index.setdefault(element.code, element)
    return index


def rangs_en_double(valeurs: list) -> list[int]:
    """Le rang de chaque valeur (code, numéro, clé de membre) déjà prise plus haut dans la liste."""
    return [rang for rang, valeur in enumerate(valeurs) if valeur in valeurs[:rang]]
