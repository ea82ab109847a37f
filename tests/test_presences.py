"""Qui vote à chaque décision de la séance de référence (22 novembre 2022)."""

from __future__ import annotations

import pytest

from generateur.controles import presences


@pytest.fixture(scope="module")
def seance(cotentin):
    return cotentin.dossier.seances[0]


def test_ouverture_24_presents_24_votants(seance):
    assert len(presences.presents(seance)) == 24
    assert presences.votants(seance) == 24


@pytest.mark.parametrize(
    ("numero", "votants", "partis"),
    [
        ("B050_2022", 23, {"Antoine DIGARD"}),
        ("B051_2022", 23, {"Antoine DIGARD"}),
        ("B052_2022", 22, {"Antoine DIGARD", "Christèle CASTELEIN"}),
        ("B053_2022", 21, {"Antoine DIGARD", "Arnaud CATHERINE", "Ralph LEJAMTEL"}),
        ("B054_2022", 21, {"Antoine DIGARD", "Ralph LEJAMTEL", "Sylvie LAINE"}),
        ("B055_2022", 22, {"Antoine DIGARD", "Ralph LEJAMTEL"}),
    ],
)
def test_votants_exclut_membres_partis_avant_le_vote_et_reprend_ceux_revenus(seance, numero, votants, partis):
    rang = presences.rang(seance, numero)
    assert presences.votants(seance, rang) == votants
    absents = {m.prenom_nom for m in presences.presents(seance) if not presences.present_au_rang(seance, m, rang)}
    assert absents == partis


def test_quorum_est_plus_de_la_moitie_des_membres_en_exercice():
    assert presences.quorum(35) == 18
    assert presences.quorum(34) == 18
