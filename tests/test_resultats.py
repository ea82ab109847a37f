"""Le résultat d'un vote est calculé : adoptée si les voix pour l'emportent sur les voix contre,
abstentions et non-participants hors des suffrages exprimés ; un partage se tranche par la voix
prépondérante du président, qui doit être dite."""

from __future__ import annotations

import pytest

from generateur.controles.resultats import adoptee, suffrages_exprimes
from generateur.lecture.schema import Vote
from tests.conftest import lancer, ligne_de, remplacer


@pytest.mark.parametrize("vote, exprimes, resultat", [
    (dict(pour=23), 23, True),
    (dict(pour=5, contre=4, abstention=10), 9, True),
    (dict(pour=4, contre=5), 9, False),
    (dict(pour=1, contre=0, abstention=20, ne_prend_pas_part=2), 1, True),
    (dict(pour=6, contre=6, voix_preponderante="pour"), 12, True),
    (dict(pour=6, contre=6, abstention=1, voix_preponderante="contre"), 12, False),
    (dict(pour=0, contre=0, abstention=12), 0, False),
])
def test_adoptee_quand_les_voix_pour_l_emportent(vote, exprimes, resultat):
    assert suffrages_exprimes(Vote(**vote)) == exprimes
    assert adoptee(Vote(**vote)) is resultat


def _anomalies(dossier):
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 1 and "Traceback" not in resultat.output
    return resultat.stderr.splitlines()


def test_partage_sans_voix_preponderante_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "pour: 23\n          contre: 0\n          abstention: 0", "pour: 10\n          contre: 10\n          abstention: 3")
    assert _anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'vote:')} : seances[0].decisions[0].vote : partage des voix au vote de B050_2022 (10 pour, 10 contre) : "
        "la voix du président est prépondérante (article L2121-20 du CGCT) ; indiquez son sens : « voix_preponderante: pour » ou « voix_preponderante: contre »"
    ]


def test_partage_tranche_par_la_voix_preponderante(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "pour: 23\n          contre: 0\n          abstention: 0",
              "pour: 10\n          contre: 10\n          abstention: 3\n          voix_preponderante: pour")
    assert lancer("verifier", dossier).exit_code == 0


def test_voix_preponderante_sans_partage_refusee(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "pour: 23\n          contre: 0\n", "pour: 23\n          contre: 0\n          voix_preponderante: contre\n")
    assert _anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'voix_preponderante')} : seances[0].decisions[0].vote.voix_preponderante : "
        "voix prépondérante indiquée alors que les voix ne sont pas partagées au vote de B050_2022 (23 pour, 0 contre) : "
        "elle ne départage qu'une égalité ; retirez-la"
    ]
