"""Les appels de fonds chiffrés par les contrôles : référence, dates, montant, selon la convention
en vigueur et, pour un flux à taux, selon les paiements reçus. Les chiffres attendus sont
calculés à la main sur le Cotentin : budget 36 550 € par an (40 000 € en 2025 par l'avenant
n°1, à effet du 1er janvier 2025), chambres 7 310 € (8 000 € en 2025) ; le versement de
l'Agglomération à la CCI ON est le budget moins les chambres, la demande au Département 50 %
de ce versement ; émission le 1er mars, paiement à 30 jours."""

from __future__ import annotations

import datetime

from generateur.controles.appels import appels_de_fonds

D = datetime.date


def _chiffres(appels):
    return [(a.reference, a.version, a.date_emission, a.date_echeance, a.montant, a.emis) for a in appels]


def test_appels_suivent_la_convention_en_vigueur_et_les_versements_recus(cotentin):
    # Chaque demande (« 02 ») est émise le lendemain du versement de l'appel « 01 », sur ce qu'il a reçu :
    # 29 240 € reçus le 24 mars 2023 → 14 620 € émis le 25 mars, échéance le 24 avril ;
    # 2025 : 40 000 − 8 000 = 32 000 € reçus le 22 avril → 16 000 € émis le 23 avril, échéance le 23 mai.
    assert _chiffres(appels_de_fonds(cotentin.versions, cotentin.dossier.paiements)) == [
        ("AF-2023-01", 0, D(2023, 3, 1), D(2023, 3, 31), 29240, True),
        ("AF-2023-02", 0, D(2023, 3, 25), D(2023, 4, 24), 14620, True),
        ("AF-2024-01", 0, D(2024, 3, 1), D(2024, 3, 31), 29240, True),
        ("AF-2024-02", 0, D(2024, 3, 28), D(2024, 4, 27), 14620, True),
        ("AF-2025-01", 1, D(2025, 3, 1), D(2025, 3, 31), 32000, True),
        ("AF-2025-02", 1, D(2025, 4, 23), D(2025, 5, 23), 16000, True),
    ]
    assert cotentin.appels == appels_de_fonds(cotentin.versions, cotentin.dossier.paiements)


def test_demande_attend_le_paiement_de_son_appel_de_base(cotentin):
    # Sans le versement de 2025, la demande de 2025 n'est pas émise : chiffrée sur le budget (50 % de 32 000 €).
    paiements = [p for p in cotentin.dossier.paiements if p.appel != "AF-2025-01"]
    demande = appels_de_fonds(cotentin.versions, paiements)[-1]
    assert (demande.reference, demande.emis, demande.attend, demande.montant, demande.date_emission) == ("AF-2025-02", False, ("AF-2025-01",), 16000, D(2025, 3, 1))
    assert (demande.sur_les_versements, demande.versements) == (False, ())


def test_sans_suivi_des_paiements_la_demande_suit_le_budget(cotentin):
    demande = appels_de_fonds(cotentin.versions, None)[-1]
    assert (demande.reference, demande.emis, demande.date_emission, demande.montant, demande.sur_les_versements) == ("AF-2025-02", True, D(2025, 3, 1), 16000, False)
