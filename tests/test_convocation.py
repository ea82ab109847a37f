"""Le délai de convocation en jours francs, compté comme la loi le compte (ni le jour de l'envoi
ni celui de la séance), des deux côtés de sa limite, fins de mois comprises ; l'urgence."""

from __future__ import annotations

import datetime
import shutil

import pytest

from generateur.controles.convocation import envoi_au_plus_tard, jours_francs_entre
from generateur.francais import jours_francs
from tests.conftest import RACINE, lancer, ligne_de, remplacer

J = datetime.date


@pytest.mark.parametrize("envoi, seance, francs", [
    (J(2022, 11, 16), J(2022, 11, 22), 5),  # du 17 au 21 novembre
    (J(2022, 11, 17), J(2022, 11, 22), 4),
    (J(2022, 11, 25), J(2022, 12, 1), 5),  # fin de mois : 26, 27, 28, 29, 30 novembre
    (J(2022, 11, 26), J(2022, 12, 1), 4),
    (J(2024, 2, 24), J(2024, 3, 1), 5),  # année bissextile : 25, 26, 27, 28, 29 février
    (J(2024, 2, 25), J(2024, 3, 1), 4),
    (J(2023, 2, 23), J(2023, 3, 1), 5),  # février de 28 jours : 24, 25, 26, 27, 28
    (J(2023, 2, 24), J(2023, 3, 1), 4),
    (J(2024, 12, 26), J(2025, 1, 1), 5),  # fin d'année
    (J(2022, 11, 21), J(2022, 11, 22), 0),  # la veille : aucun jour entier
    (J(2022, 11, 22), J(2022, 11, 22), -1),
])
def test_jours_francs_excluent_le_jour_d_envoi_et_celui_de_la_seance(envoi, seance, francs):
    assert jours_francs_entre(envoi, seance) == francs


@pytest.mark.parametrize("seance, delai, limite", [
    (J(2022, 11, 22), 5, J(2022, 11, 16)),
    (J(2022, 12, 1), 5, J(2022, 11, 25)),
    (J(2024, 3, 1), 5, J(2024, 2, 24)),
    (J(2024, 3, 14), 3, J(2024, 3, 10)),
    (J(2022, 11, 22), 1, J(2022, 11, 20)),
])
def test_dernier_jour_d_envoi(seance, delai, limite):
    assert envoi_au_plus_tard(seance, delai) == limite


@pytest.mark.parametrize("n, texte", [
    (-1, "aucun jour franc"), (0, "aucun jour franc"), (1, "un jour franc"), (2, "deux jours francs"),
    (3, "trois jours francs"), (5, "cinq jours francs"), (21, "vingt et un jours francs"),
])
def test_jours_francs_en_lettres(n, texte):
    assert jours_francs(n) == texte


def _anomalies(dossier):
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 1 and "Traceback" not in resultat.output, resultat.output
    return resultat.stderr.splitlines()


def test_envoi_le_16_novembre_laisse_cinq_jours_francs(dossier):
    assert lancer("verifier", dossier).exit_code == 0


def test_envoi_le_17_novembre_refuse(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "envoi: 2022-11-16", "envoi: 2022-11-17")
    assert _anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'envoi:')} : seances[0].convocation.envoi : convocation envoyée le 17 novembre 2022 "
        "pour la séance du 22 novembre 2022 : quatre jours francs entre les deux, alors que le Bureau communautaire demande "
        "cinq jours francs (envoi le 16 novembre 2022 au plus tard) ; en cas d'urgence, indiquez-en le motif (convocation.urgence), "
        "que la convocation énoncera"
    ]


def test_urgence_abrege_le_delai_jusqu_a_un_jour_franc(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "envoi: 2022-11-16", "envoi: 2022-11-20\n      urgence: délai de dépôt du dossier de subvention")
    assert lancer("verifier", dossier).exit_code == 0


def test_urgence_sans_aucun_jour_franc_refusee(dossier):
    fichier = dossier / "seance_2022-11-22.yaml"
    remplacer(fichier, "envoi: 2022-11-16", "envoi: 2022-11-21\n      urgence: délai de dépôt du dossier de subvention")
    assert _anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'envoi:')} : seances[0].convocation.envoi : convocation envoyée le 21 novembre 2022 "
        "pour la séance du 22 novembre 2022 : aucun jour franc entre les deux, alors que même en urgence il faut un jour franc "
        "(envoi le 20 novembre 2022 au plus tard)"
    ]


def test_delai_propre_du_bureau_trois_jours_francs(tmp_path):
    dossier = tmp_path / "val_exemple"
    shutil.copytree(RACINE / "donnees" / "val_exemple", dossier)
    fichier = dossier / "seance_2024-03-14.yaml"
    assert lancer("verifier", dossier).exit_code == 0  # envoi le 10 mars : 11, 12, 13 mars
    remplacer(fichier, "envoi: 2024-03-10", "envoi: 2024-03-11")
    assert _anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'envoi:')} : seances[0].convocation.envoi : convocation envoyée le 11 mars 2024 "
        "pour la séance du 14 mars 2024 : deux jours francs entre les deux, alors que le Bureau communautaire demande "
        "trois jours francs (envoi le 10 mars 2024 au plus tard) ; en cas d'urgence, indiquez-en le motif (convocation.urgence), "
        "que la convocation énoncera"
    ]


def test_rapporteur_hors_de_l_assemblee_refuse(tmp_path):
    dossier = tmp_path / "val_exemple"
    shutil.copytree(RACINE / "donnees" / "val_exemple", dossier)
    fichier = dossier / "seance_2024-06-27.yaml"
    remplacer(fichier, "rapporteur: Paul Martin", "rapporteur: Paul Martine")
    assert _anomalies(dossier) == [
        f"{fichier}:{ligne_de(fichier, 'Paul Martine')} : seances[1].deliberations[1].rapporteur : « Paul Martine » n'est pas membre "
        "du Conseil communautaire à la date de la séance ; le « Prénom NOM » d'un membre de la liste est attendu"
    ]
