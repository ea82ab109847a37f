"""Ce qu'un avenant montre, déduit de la différence entre la convention avant et après lui :
les mots remplacés, les listes et le tableau réécrits, les montants avant et après."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from generateur.controles.budget import budget_prevu, montant_du_flux
from generateur.francais import a, initiale_majuscule
from generateur.lecture.schema import Avenant, Convention
from generateur.vues.convention import VueBudget, VueFlux, vue_budget, vues_flux, vues_parties

CHAMPS_DE_DESIGNATION = ("intitule", "nature", "siege", "representation", "ci_apres")


@dataclass(frozen=True)
class VueRemplacement:
    """« Les mots « avant » sont remplacés par les mots « après » »."""

    avant: str
    apres: str


@dataclass(frozen=True)
class VueModification:
    """Une ligne du récapitulatif : un montant avant et après l'avenant."""

    libelle: str  # « Budget total HT 2025 »
    avant: Decimal
    apres: Decimal


@dataclass(frozen=True)
class VueAvenant:
    numero: int
    date_effet: datetime.date
    designation_parties: list[VueRemplacement]  # mots changés dans la désignation des parties
    visas: list[str]  # la nouvelle liste complète, ou [] si les visas ne changent pas
    modules: list[str]  # la nouvelle liste complète, ou [] si les modules ne changent pas
    duree: VueRemplacement | None  # « 3 ans » → « 4 ans »
    budget: VueBudget | None  # le nouveau tableau complet, si le budget change
    flux: list[VueFlux]  # les flux dont un montant change, avec leurs nouveaux montants
    modifications: list[VueModification]


def vue_avenant(avenant: Avenant, avant: Convention, apres: Convention) -> VueAvenant:
    parties_avant, parties_apres = vues_parties(avant), vues_parties(apres)
    designation = [
        VueRemplacement(getattr(parties_avant[code], champ), getattr(vue, champ))
        for code, vue in parties_apres.items()
        for champ in CHAMPS_DE_DESIGNATION
        if getattr(parties_avant[code], champ) != getattr(vue, champ)
    ]
    flux_avant, flux_apres = vues_flux(avant, parties_avant), vues_flux(apres, parties_apres)
    return VueAvenant(
        numero=avenant.numero,
        date_effet=avenant.date_effet,
        designation_parties=designation,
        visas=list(apres.visas) if apres.visas != avant.visas else [],
        modules=list(apres.modules) if apres.modules != avant.modules else [],
        duree=VueRemplacement(f"{avant.duree_annees} ans", f"{apres.duree_annees} ans") if apres.duree_annees != avant.duree_annees else None,
        budget=vue_budget(apres.budget) if apres.budget != avant.budget else None,
        flux=[vue for code, vue in flux_apres.items() if vue.montants != flux_avant[code].montants],
        modifications=modifications(avant, apres),
    )


def modifications(avant: Convention, apres: Convention) -> list[VueModification]:
    """Chaque montant prévu qui change, année par année : total, lignes du budget, puis flux."""
    montants_avant, montants_apres = _montants(avant), _montants(apres)
    return [
        VueModification(libelle, montants_avant.get(libelle, Decimal(0)), montant)
        for libelle, montant in montants_apres.items()
        if montants_avant.get(libelle) != montant
    ]


def _montants(convention: Convention) -> dict[str, Decimal]:
    """Tous les montants prévus de la convention, nommés comme dans le récapitulatif."""
    parties = vues_parties(convention)
    montants: dict[str, Decimal] = {}
    for rang, annee in enumerate(convention.budget.annees):
        total, lignes = budget_prevu(convention, rang)
        montants[f"Budget total HT {annee}"] = total
        for ligne in convention.budget.lignes:
            montants[f"{ligne.libelle} {annee}"] = lignes[ligne.code]
        for flux in convention.financement:
            payeur, beneficiaire = parties[flux.destinataire], parties[flux.emetteur]
            libelle = f"{initiale_majuscule(flux.objet)} versée par {payeur.appellation} {a(beneficiaire.appellation)} en {annee}"
            montants[libelle] = montant_du_flux(convention, flux, total, lignes)
    return montants
