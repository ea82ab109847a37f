"""Ce qui est un blanc « à compléter » : toute graphie, avec ou sans accents, et rien d'autre."""

from __future__ import annotations

import pytest

from generateur.lecture.blancs import est_un_blanc


@pytest.mark.parametrize(
    ("valeur", "blanc"),
    [
        ("à compléter", True),
        (" À COMPLÉTER ", True),  # casse et espaces autour
        ("a completer", True),  # tout en ASCII
        ("A compléter", True),
        ("a\u0300 comple\u0301ter", True),  # accents combinants (forme décomposée)
        ("a co\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301mpleter", True),  # des accents en nombre ne comptent pas
        ("à compléter plus tard", False),  # plus de caractères ASCII que « a completer »
        ("a completer ", True),
        ("a completer.", False),
        ("àçomplétér", False),  # sans l'espace
        ("é" * 40, False),
        ("", False),
        (12, False),
        (None, False),
    ],
)
def test_un_blanc_s_ecrit_avec_ou_sans_accents_et_rien_d_autre(valeur, blanc):
    assert est_un_blanc(valeur) is blanc
