"""Le budget de la convention et ses flux : arithmétique pure, au centime, en Decimal.

Un chiffre est calculé ici une fois ; contrôles, contexte et modèles lisent ce calcul.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from generateur.lecture.schema import Budget, Convention, Flux

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


def repartir(montant: Decimal, parts: list[Decimal]) -> list[Decimal]:
    """Répartit `montant` selon `parts` (en %, de somme 100) au centime, la somme restant exacte.

    Méthode du plus fort reste : chaque part est d'abord tronquée au centime, puis les
    centimes restants vont, un par un, aux parts qui ont perdu le plus à la troncature
    (à reste égal, à la première dans l'ordre).
    """
    centimes = int((montant / CENTIME).to_integral_value())
    exactes = [Decimal(centimes) * part / CENT for part in parts]
    entieres = [int(exacte) for exacte in exactes]
    restants = centimes - sum(entieres)
    ordre = sorted(range(len(parts)), key=lambda rang: (-(exactes[rang] - entieres[rang]), rang))
    for rang in ordre[:restants]:
        entieres[rang] += 1
    return [Decimal(valeur) * CENTIME for valeur in entieres]


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
    parts = repartir(base, [ligne.part for ligne in budget.lignes])
    return base, {ligne.code: part for ligne, part in zip(budget.lignes, parts)}


def montant_du_flux(convention: Convention, flux: Flux, base: Decimal, lignes: dict[str, Decimal]) -> Decimal:
    """Le montant d'un flux pour une année : base moins des lignes, ou taux d'un autre flux."""
    if flux.budget_hors:
        return base - cumul([lignes[code] for code in flux.budget_hors])
    reference = next(autre for autre in convention.financement if autre.code == flux.taux_de)
    return part_de(montant_du_flux(convention, reference, base, lignes), flux.taux)
