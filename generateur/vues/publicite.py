"""Ce qui rend un acte exécutoire, tel que l'acte l'imprime : transmission et publication.

Une formalité connue est écrite depuis les données (`transmission:`, `publication:`) ; une
formalité pas encore accomplie reste un blanc visible, rempli à la main ou à la génération
suivante.
"""

from __future__ import annotations

from dataclasses import dataclass

from generateur.lecture.schema import ACompleter, Acte
from generateur.vues.convention import date_ou_blanc

BLANC = str(ACompleter())


@dataclass(frozen=True)
class VueExecutoire:
    transmission: str  # « 28 novembre 2022 », ou « _____ »
    accuse_reception: str  # « 050-123456782-20221122-B050_2022-DE », ou « _____ »
    publication: str  # « 29 novembre 2022 », ou « _____ »


def vue_executoire(acte: Acte) -> VueExecutoire:
    transmission, publication = acte.transmission, acte.publication
    return VueExecutoire(
        transmission=date_ou_blanc(transmission.date) if transmission else BLANC,
        accuse_reception=str(transmission.accuse_reception) if transmission and transmission.accuse_reception else BLANC,
        publication=date_ou_blanc(publication.date) if publication else BLANC,
    )
