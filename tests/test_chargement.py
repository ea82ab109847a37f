"""Le schéma accepte les saisies usuelles et les ramène à la valeur attendue. Ses refus,
message exact à l'appui, sont dans la table de tests/test_donnees_hostiles.py."""

from __future__ import annotations

import datetime

from generateur.etapes import verifier
from tests.conftest import remplacer


def test_excuse_ecrit_par_son_seul_nom_ou_avec_membre(dossier, cotentin):
    remplacer(dossier / "seance_2022-11-22.yaml", "- Odile THOMINET", "- {membre: Odile THOMINET}")
    assert verifier(dossier)[0].dossier.seances[0].excuses == cotentin.dossier.seances[0].excuses


def test_heure_ecrite_a_la_francaise_acceptee(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", 'heure: "9:00"', "heure: 9h")
    assert verifier(dossier)[0].dossier.seances[0].heure == datetime.time(9, 0)
