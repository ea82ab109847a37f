"""Les paiements reçus sur les appels de fonds : chacun doit régler un appel émis, après son
émission, sans dépasser ce qui reste dû. Arithmétique pure, sans Word ni fichiers.

Les appels (référence, émission, montant) sont chiffrés par `controles.appels` : c'est là
qu'ils sont numérotés et qu'un appel fondé sur un autre paiement reçoit sa date ; ce module ne
fait que comparer.
"""

from __future__ import annotations

from generateur.controles.appels import Appel, paiements_par_appel
from generateur.francais import attente_du_paiement, date_longue, format_euros
from generateur.lecture.chemins import Ecart
from generateur.lecture.schema import Dossier, Paiement


def controler_tresorerie(dossier: Dossier, appels: list[Appel]) -> list[Ecart]:
    """Les écarts des paiements et des titres de recettes du dossier."""
    return _controler_titres(dossier) + _controler_paiements(dossier.paiements or [], {appel.reference: appel for appel in appels})


def _controler_titres(dossier: Dossier) -> list[Ecart]:
    flux = [f.code for f in dossier.convention.financement] if dossier.convention else []
    return [
        (("tresorerie", "titres_de_recettes", rang, "flux"), f"flux « {titre.flux} » inconnu ; un code de flux de la convention est attendu ({', '.join(flux) or 'aucun : le dossier n’a pas de convention'})")
        for rang, titre in enumerate(dossier.tresorerie.titres_de_recettes)
        if titre.flux not in flux
    ]


def _controler_paiements(paiements: list[Paiement], appels: dict[str, Appel]) -> list[Ecart]:
    ecarts: list[Ecart] = []
    for reference, reglements in paiements_par_appel(paiements).items():
        appel = appels.get(reference)
        if appel is None:
            for rang, _ in reglements:
                ecarts.append((("paiements", rang, "appel"), f"l'appel de fonds « {reference} » n'existe pas dans ce dossier ; une référence parmi {', '.join(appels) or 'aucune'} est attendue"))
            continue
        reste = appel.montant
        for rang, paiement in reglements:
            if not appel.emis:
                ecarts.append((("paiements", rang, "appel"), f"l'appel de fonds {reference} n'est pas encore émis ({attente_du_paiement(appel.attend)}) ; un paiement ne peut pas le précéder"))
            elif paiement.date < appel.date_emission:
                ecarts.append((("paiements", rang, "date"), f"paiement du {date_longue(paiement.date)} antérieur à l'émission de l'appel {reference} le {date_longue(appel.date_emission)} ; une date à partir du {date_longue(appel.date_emission)} est attendue"))
            elif reste == 0:
                ecarts.append((("paiements", rang, "montant"), f"l'appel {reference} est déjà soldé ; aucun autre paiement n'est attendu"))
            elif paiement.montant > reste:
                ecarts.append((("paiements", rang, "montant"), f"{format_euros(paiement.montant)} dépassent le reste dû sur l'appel {reference} ({format_euros(reste)}) ; au plus {format_euros(reste)} est attendu"))
            else:
                reste -= paiement.montant
    return ecarts
