"""Les paiements reçus sur les appels de fonds : chacun doit régler un appel émis, après son
émission, sans dépasser ce qui reste dû. Arithmétique pure, sans Word ni fichiers.

Les appels (référence, émission, montant) viennent des vues : c'est là qu'ils sont numérotés
et qu'un appel fondé sur un autre paiement reçoit sa date ; ce module ne fait que comparer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from generateur.francais import date_longue, format_euros
from generateur.lecture.chemins import Ecart
from generateur.lecture.schema import Dossier, Paiement


@dataclass(frozen=True)
class AppelDu:
    """Ce qu'un paiement doit respecter : l'appel émis (ou pas encore) et son montant."""

    reference: str
    emission: datetime.date | None  # None : pas encore émis
    montant: Decimal
    attente: str  # pourquoi il n'est pas émis : « il attend le paiement de l'appel AF-2025-01 »


def paiements_par_appel(paiements: list[Paiement]) -> dict[str, list[tuple[int, Paiement]]]:
    """Les paiements de chaque appel avec leur rang dans le dossier, dans l'ordre des dates."""
    par_appel: dict[str, list[tuple[int, Paiement]]] = {}
    for rang, paiement in sorted(enumerate(paiements), key=lambda element: (element[1].date, element[0])):
        par_appel.setdefault(paiement.appel, []).append((rang, paiement))
    return par_appel


def controler_tresorerie(dossier: Dossier, appels: dict[str, AppelDu]) -> list[Ecart]:
    """Les écarts des paiements et des titres de recettes du dossier."""
    return _controler_titres(dossier) + _controler_paiements(dossier.paiements or [], appels)


def _controler_titres(dossier: Dossier) -> list[Ecart]:
    flux = [f.code for f in dossier.convention.financement] if dossier.convention else []
    return [
        (("tresorerie", "titres_de_recettes", rang, "flux"), f"flux « {titre.flux} » inconnu ; un code de flux de la convention est attendu ({', '.join(flux) or 'aucun : le dossier n’a pas de convention'})")
        for rang, titre in enumerate(dossier.tresorerie.titres_de_recettes)
        if titre.flux not in flux
    ]


def _controler_paiements(paiements: list[Paiement], appels: dict[str, AppelDu]) -> list[Ecart]:
    ecarts: list[Ecart] = []
    for reference, reglements in paiements_par_appel(paiements).items():
        appel = appels.get(reference)
        if appel is None:
            for rang, _ in reglements:
                ecarts.append((("paiements", rang, "appel"), f"l'appel de fonds « {reference} » n'existe pas dans ce dossier ; une référence parmi {', '.join(appels) or 'aucune'} est attendue"))
            continue
        reste = appel.montant
        for rang, paiement in reglements:
            if appel.emission is None:
                ecarts.append((("paiements", rang, "appel"), f"l'appel de fonds {reference} n'est pas encore émis ({appel.attente}) ; un paiement ne peut pas le précéder"))
            elif paiement.date < appel.emission:
                ecarts.append((("paiements", rang, "date"), f"paiement du {date_longue(paiement.date)} antérieur à l'émission de l'appel {reference} le {date_longue(appel.emission)} ; une date à partir du {date_longue(appel.emission)} est attendue"))
            elif reste == 0:
                ecarts.append((("paiements", rang, "montant"), f"l'appel {reference} est déjà soldé ; aucun autre paiement n'est attendu"))
            elif paiement.montant > reste:
                ecarts.append((("paiements", rang, "montant"), f"{format_euros(paiement.montant)} dépassent le reste dû sur l'appel {reference} ({format_euros(reste)}) ; au plus {format_euros(reste)} est attendu"))
            else:
                reste -= paiement.montant
    return ecarts
