"""Les appels de fonds de la convention, chiffrés : référence, dates et montant de chacun.

Chaque année, les appels suivent la convention en vigueur à leur date d'émission prévue : un par
flux et par échéance. Un appel fondé sur un autre (un taux d'un flux), quand le dossier suit
les paiements, attend que l'appel de base soit soldé, puis se calcule sur ce qu'il a reçu et
s'émet le lendemain du dernier versement. Arithmétique pure, sans un mot de français : le
contrôle des paiements compare ces chiffres, les vues les mettent en mots.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from generateur.controles.avenants import Version, en_vigueur
from generateur.controles.budget import cumul, montant_du_flux, montants_de_l_annee, montants_des_echeances, part_de
from generateur.lecture.schema import Convention, Flux, Paiement

Versement = tuple[Decimal, datetime.date, str]
"""(montant, date, référence de l'appel réglé) d'un paiement reçu."""


@dataclass(frozen=True)
class Appel:
    """Un appel de fonds : un flux, une année, une échéance."""

    reference: str  # « AF-2023-01 » ; « AF-2025-01-1 » pour la 1re échéance d'un flux qui en a plusieurs
    annee: int
    rang_annee: int  # 0 pour la première année du budget
    version: int  # rang de la version de la convention qu'il suit
    flux: Flux
    rang_echeance: int  # 0 pour un versement unique
    montant_de_l_annee: Decimal  # ce que le flux demande dans l'année, toutes échéances
    montant: Decimal
    date_emission: datetime.date
    date_echeance: datetime.date
    emis: bool = True  # False : il attend le paiement des appels `attend`
    attend: tuple[str, ...] = ()
    sur_les_versements: bool = False  # montant et dates calculés sur les `versements` de l'appel de base
    versements: tuple[Versement, ...] = ()


def paiements_par_appel(paiements: list[Paiement]) -> dict[str, list[tuple[int, Paiement]]]:
    """Les paiements de chaque appel avec leur rang dans le dossier, dans l'ordre des dates."""
    par_appel: dict[str, list[tuple[int, Paiement]]] = {}
    for rang, paiement in sorted(enumerate(paiements), key=lambda element: (element[1].date, element[0])):
        par_appel.setdefault(paiement.appel, []).append((rang, paiement))
    return par_appel


def appels_de_fonds(versions: list[Version], paiements: list[Paiement] | None) -> list[Appel]:
    """Tous les appels de la convention, année après année, chacun selon la convention en vigueur
    à sa date d'émission prévue ; `paiements` (None : le dossier ne les suit pas) fondent les
    appels d'un flux à taux."""
    if not versions:
        return []
    par_appel = paiements_par_appel(paiements or [])
    suite: list[Appel] = []
    for rang_annee, emission in enumerate(versions[0].convention.appels_de_fonds.emission):
        rang = en_vigueur(versions, emission)
        for appel in appels_prevus(versions[rang].convention, rang_annee, rang):
            suite.append(appel if paiements is None or appel.flux.taux_de is None else _selon_les_paiements(appel, suite, par_appel))
    return suite


def appels_prevus(convention: Convention, rang_annee: int, version: int) -> list[Appel]:
    """Les appels d'une année sur le budget de `convention` (de rang `version`) : un par flux et
    par échéance, numérotés AF-année-rang du flux (-rang de l'échéance si le flux en a plusieurs)."""
    appels = []
    annee = convention.budget.annees[rang_annee]
    base, lignes = montants_de_l_annee(convention, rang_annee)
    delai = datetime.timedelta(days=convention.appels_de_fonds.delai_paiement_jours)
    for rang_flux, flux in enumerate(convention.financement):
        montant = montant_du_flux(convention, flux, rang_annee, base, lignes)
        echeances = flux.calendrier or [None]
        for rang_echeance, (echeance, part) in enumerate(zip(echeances, montants_des_echeances(flux, montant))):
            emission = (echeance.emission if echeance and echeance.emission else convention.appels_de_fonds.emission)[rang_annee]
            suffixe = f"-{rang_echeance + 1}" if len(echeances) > 1 else ""
            appels.append(Appel(
                f"AF-{annee}-{rang_flux + 1:02d}{suffixe}", annee, rang_annee, version, flux, rang_echeance, montant, part, emission, emission + delai,
            ))
    return appels


def _selon_les_paiements(appel: Appel, precedents: list[Appel], paiements: dict[str, list[tuple[int, Paiement]]]) -> Appel:
    """L'appel d'un flux à taux : tant que les appels de base de l'année ne sont pas soldés, il
    attend (montant prévu sur le budget) ; ensuite, calculé sur ce qu'ils ont reçu, émis le
    lendemain du dernier versement."""
    bases = [p for p in precedents if p.annee == appel.annee and p.flux.code == appel.flux.taux_de]
    versements = tuple((p.montant, p.date, base.reference) for base in bases for _, p in paiements.get(base.reference, []))
    verse = cumul([versement[0] for versement in versements])
    if not bases or verse < cumul([base.montant for base in bases]):
        return replace(appel, emis=False, attend=tuple(base.reference for base in bases))
    montant = montants_des_echeances(appel.flux, part_de(verse, appel.flux.taux))[appel.rang_echeance]
    dernier = max((versement[1] for versement in versements), default=None)  # aucun : l'appel de base ne demandait rien
    emission = max(appel.date_emission, dernier + datetime.timedelta(days=1)) if dernier else appel.date_emission
    delai = appel.date_echeance - appel.date_emission
    return replace(appel, montant=montant, date_emission=emission, date_echeance=emission + delai, sur_les_versements=True, versements=versements)
