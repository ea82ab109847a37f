"""Ce qu'un avenant montre, déduit de la différence entre la convention avant et après lui :
les mots remplacés, les listes et le tableau réécrits, les montants avant et après."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from generateur.francais import budget_total_de, duree_en_annees, objet_verse_par
from generateur.lecture.schema import Avenant, Convention
from generateur.vues.convention import VueBudget, VueFlux, VuesConvention

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
    articles: dict[str, int]  # le numéro de chaque article de l'avenant : articles.budget, articles.prise_d_effet…


def numeros_d_articles(presents: dict[str, bool]) -> dict[str, int]:
    """Les articles présents, numérotés 1, 2, 3… dans l'ordre ; un article absent n'a pas de numéro."""
    return {nom: rang for rang, nom in enumerate((nom for nom, present in presents.items() if present), start=1)}


def vue_avenant(avenant: Avenant, avant: Convention, apres: Convention, vues_avant: VuesConvention, vues_apres: VuesConvention) -> VueAvenant:
    """L'avenant déduit de la différence entre deux versions de la convention et de leurs vues."""
    designation = [
        VueRemplacement(getattr(vues_avant.parties[code], champ), getattr(vue, champ))
        for code, vue in vues_apres.parties.items()
        for champ in CHAMPS_DE_DESIGNATION
        if getattr(vues_avant.parties[code], champ) != getattr(vue, champ)
    ]
    visas = list(apres.visas) if apres.visas != avant.visas else []
    modules = list(apres.modules) if apres.modules != avant.modules else []
    budget = vues_apres.budget if apres.budget != avant.budget else None
    duree = VueRemplacement(duree_en_annees(avant.duree_annees), duree_en_annees(apres.duree_annees)) if apres.duree_annees != avant.duree_annees else None
    return VueAvenant(
        numero=avenant.numero,
        date_effet=avenant.date_effet,
        designation_parties=designation,
        visas=visas,
        modules=modules,
        duree=duree,
        budget=budget,
        flux=[vue for code, vue in vues_apres.flux.items() if code not in vues_avant.flux or vue.montants != vues_avant.flux[code].montants],
        modifications=modifications(vues_avant, vues_apres),
        articles=numeros_d_articles({
            "designation_parties": bool(designation), "visas": bool(visas), "modules": bool(modules), "budget": budget is not None,
            "duree": duree is not None, "autres_clauses": True, "prise_d_effet": True,
        }),
    )


def modifications(vues_avant: VuesConvention, vues_apres: VuesConvention) -> list[VueModification]:
    """Chaque montant prévu qui change, année par année : total, lignes du budget, puis flux."""
    montants_avant, montants_apres = _montants(vues_avant), _montants(vues_apres)
    return [
        VueModification(libelle, montants_avant.get(libelle, Decimal(0)), montant)
        for libelle, montant in montants_apres.items()
        if montants_avant.get(libelle) != montant
    ]


def _montants(vues: VuesConvention) -> dict[str, Decimal]:
    """Tous les montants prévus d'une version de la convention, lus dans ses vues (le tableau du
    budget et les flux de l'article 4, calculés une fois), nommés comme dans le récapitulatif."""
    budget = vues.budget
    montants: dict[str, Decimal] = {}
    for rang, annee in enumerate(budget.annees):
        montants[budget_total_de(annee)] = budget.total.montants[rang]
        for ligne in budget.lignes:
            montants[f"{ligne.libelle} {annee}"] = ligne.montants[rang]
        for flux in vues.flux.values():
            montants[objet_verse_par(flux.objet, flux.destinataire.appellation, flux.emetteur.appellation, annee)] = flux.montants[rang]
    return montants
