"""L'arithmétique du budget : parts au centime, prorata au plus fort reste, flux de l'article 4."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generateur.controles.budget import montant_du_flux, montants_de_l_annee, part_de, repartir


@pytest.mark.parametrize(
    ("montant", "parts", "attendu"),
    [
        (D("10000.00"), [D("33.33"), D("33.33"), D("33.34")], [D("3333.00"), D("3333.00"), D("3334.00")]),
        (D("10000.00"), [D(100) / 3] * 3, [D("3333.34"), D("3333.33"), D("3333.33")]),
        (D("100.00"), [D("33.33"), D("33.33"), D("33.34")], [D("33.33"), D("33.33"), D("33.34")]),
        (D("0.02"), [D("33.33"), D("33.33"), D("33.34")], [D("0.01"), D("0.00"), D("0.01")]),
        (D("36550"), [D(20), D(40), D(40)], [D("7310.00"), D("14620.00"), D("14620.00")]),
        (D("30000.01"), [D(20), D(40), D(40)], [D("6000.00"), D("12000.01"), D("12000.00")]),
        (D("0"), [D(20), D(80)], [D("0.00"), D("0.00")]),
    ],
)
def test_repartition_au_plus_fort_reste_somme_exacte(montant, parts, attendu):
    assert repartir(montant, parts) == attendu


@settings(max_examples=300)
@given(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=8),
)
def test_repartition_tombe_toujours_juste_au_centime(montant, poids):
    parts = [D(p) * 100 / sum(poids) for p in poids]
    reparties = repartir(montant, parts)
    assert sum(reparties) == montant
    assert all(abs(r - montant * p / 100) < D("0.01") for r, p in zip(reparties, parts))


def test_part_de_arrondit_au_centime_la_moitie_montant():
    assert part_de(D("29240"), D(50)) == D("14620.00")
    assert part_de(D("0.05"), D(50)) == D("0.03")


@pytest.fixture(scope="module")
def convention(cotentin):
    return cotentin.dossier.convention


def test_flux_de_la_reference(convention):
    base, lignes = montants_de_l_annee(convention, 0)
    versement, demande = convention.financement
    assert montant_du_flux(convention, versement, 0, base, lignes) == D("29240")
    assert montant_du_flux(convention, demande, 0, base, lignes) == D("14620")


def test_prorata_des_depenses_realisees(convention):
    reduite = convention.model_copy(update={"appels_de_fonds": convention.appels_de_fonds.model_copy(update={"depenses_realisees": {2024: D("30000.01")}})})
    base, lignes = montants_de_l_annee(reduite, 1)
    assert (base, lignes) == (D("30000.01"), {"chambres": D("6000.00"), "departement": D("12000.01"), "agglomeration": D("12000.00")})
    assert montant_du_flux(reduite, reduite.financement[0], 1, base, lignes) == D("24000.01")
    assert montants_de_l_annee(reduite, 0) == (D("36550"), {"chambres": D("7310"), "departement": D("14620"), "agglomeration": D("14620")})


def test_depenses_au_dessus_du_budget_plafonnees(convention):
    depassee = convention.model_copy(update={"appels_de_fonds": convention.appels_de_fonds.model_copy(update={"depenses_realisees": {2023: D("40000")}})})
    assert montants_de_l_annee(depassee, 0)[0] == D("36550")
