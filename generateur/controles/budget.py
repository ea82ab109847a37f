"""Le budget de la convention et ses flux : arithmétique pure, au centime, en Decimal.

Un chiffre est calculé ici une fois ; contrôles, contexte et modèles lisent ce calcul.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generateur.controles.codes import par_code
from generateur.lecture.schema import Budget, Convention, Flux, LigneBudget

CENTIME = Decimal("0.01")
CENT = Decimal(100)


def au_centime(montant: Decimal) -> Decimal:
    """Arrondi commercial au centime (la moitié monte)."""
    return montant.quantize(CENTIME, rounding=ROUND_HALF_UP)


def cumul(montants: list[Decimal]) -> Decimal:
    """La somme de montants : le cumul d'une ligne du budget, ou des totaux annuels."""
    return sum(montants, Decimal(0))


def contributions(budget: Budget, rang_annee: int) -> Decimal:
    """Ce que les lignes du budget apportent ensemble une année : doit faire le total HT."""
    return cumul([ligne.montants[rang_annee] for ligne in budget.lignes])


def part_de(total: Decimal, pourcentage: Decimal) -> Decimal:
    """`pourcentage` % de `total`, au centime."""
    return au_centime(total * pourcentage / CENT)


def repartir(montant: Decimal, poids: list[Decimal | Fraction]) -> list[Decimal]:
    """Répartit `montant` au centime au prorata de `poids` (des parts en %, des montants…),
    la somme restant exacte ; des poids tous nuls ne donnent rien à personne.

    Méthode du plus fort reste : chaque part, calculée exactement (fractions), est d'abord
    tronquée au centime, puis les centimes restants vont, un par un, aux parts qui ont perdu
    le plus à la troncature (à reste égal, à la première dans l'ordre).
    """
    somme = sum((Fraction(p) for p in poids), Fraction(0))
    if somme == 0:
        return [Decimal(0) * CENTIME for _ in poids]
    centimes = int((montant / CENTIME).to_integral_value())
    exactes = [centimes * Fraction(p) / somme for p in poids]
    entieres = [int(exacte) for exacte in exactes]
    restants = centimes - sum(entieres)
    ordre = sorted(range(len(poids)), key=lambda rang: (-(exactes[rang] - entieres[rang]), rang))
    for rang in ordre[:restants]:
        entieres[rang] += 1
    return [Decimal(valeur) * CENTIME for valeur in entieres]


def montants_des_parts(budget: Budget) -> list[list[Decimal]]:
    """Les montants de chaque ligne, année par année, tirés des parts quand la ligne n'en donne
    pas : le total de l'année réparti au plus fort reste entre ces lignes, au prorata de leurs parts."""
    sans_montants = [ligne for ligne in budget.lignes if ligne.montants is None]
    parts = [ligne.part or Fraction(0) for ligne in sans_montants]
    derives = [repartir(total, parts) for total in budget.total]
    colonnes = {ligne.code: [annee[rang] for annee in derives] for rang, ligne in enumerate(sans_montants)}
    return [list(ligne.montants) if ligne.montants is not None else colonnes[ligne.code] for ligne in budget.lignes]


def completer(convention: Convention) -> Convention:
    """La convention dont chaque ligne du budget a ses montants (tirés des parts s'il le faut)."""
    if all(ligne.montants is not None for ligne in convention.budget.lignes):
        return convention
    lignes = [ligne.model_copy(update={"montants": montants}) for ligne, montants in zip(convention.budget.lignes, montants_des_parts(convention.budget))]
    return convention.model_copy(update={"budget": convention.budget.model_copy(update={"lignes": lignes})})


def part_exacte(ligne: LigneBudget, budget: Budget) -> Fraction:
    """La part de la ligne dans le budget, en %, exacte : son cumul sur le cumul des totaux."""
    total = cumul(budget.total)
    return Fraction(cumul(ligne.montants)) * 100 / Fraction(total) if total else Fraction(0)


def arrondi_au_centieme(valeur: Fraction) -> Decimal:
    """Un pourcentage exact arrondi à deux décimales (la moitié monte) : 100/3 → 33,33."""
    return au_centime(Decimal(valeur.numerator) / Decimal(valeur.denominator))


def parts_affichees(budget: Budget) -> list[Decimal]:
    """La part de chaque ligne telle que le tableau l'affiche : arrondie à deux décimales, et
    de somme 100,00 % exactement — le centième qui manque (ou qui dépasse) va à la ligne de
    plus fort reste (`repartir`) : 33,34 + 33,33 + 33,33 pour trois tiers."""
    return repartir(CENT, [cumul(ligne.montants) for ligne in budget.lignes])


def budget_prevu(convention: Convention, rang_annee: int) -> tuple[Decimal, dict[str, Decimal]]:
    """Le budget total de l'année et la part de chaque ligne, tels que le tableau les prévoit."""
    budget = convention.budget
    return budget.total[rang_annee], {ligne.code: ligne.montants[rang_annee] for ligne in budget.lignes}


def montants_de_l_annee(convention: Convention, rang_annee: int) -> tuple[Decimal, dict[str, Decimal]]:
    """La base de l'année et la part de chaque ligne : le budget prévu ou, si les dépenses
    réalisées sont connues, ces dépenses plafonnées au budget, réparties au prorata des parts."""
    budget = convention.budget
    depenses = convention.appels_de_fonds.depenses_realisees.get(budget.annees[rang_annee])
    if depenses is None:
        return budget_prevu(convention, rang_annee)
    base = min(depenses, budget.total[rang_annee])
    parts = repartir(base, [ligne.montants[rang_annee] for ligne in budget.lignes])
    return base, {ligne.code: part for ligne, part in zip(budget.lignes, parts)}


def montant_du_flux(convention: Convention, flux: Flux, rang_annee: int, base: Decimal, lignes: dict[str, Decimal]) -> Decimal:
    """Le montant d'un flux pour une année : base moins des lignes, somme de lignes, montant
    fixe de l'année, ou taux d'un autre flux."""
    if flux.budget_hors:
        return base - cumul([lignes[code] for code in flux.budget_hors])
    if flux.lignes:
        return cumul([lignes[code] for code in flux.lignes])
    if flux.montants:
        return flux.montants[rang_annee]
    reference = par_code(convention.financement)[flux.taux_de]
    return part_de(montant_du_flux(convention, reference, rang_annee, base, lignes), flux.taux)


def montants_des_echeances(flux: Flux, montant: Decimal) -> list[Decimal]:
    """Le montant annuel d'un flux partagé entre ses échéances (60 % / 40 %), au centime, somme exacte."""
    return repartir(montant, [echeance.part for echeance in flux.calendrier]) if flux.calendrier else [montant]
