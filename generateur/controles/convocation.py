"""La convocation : envoyée assez tôt, en jours francs comptés comme la loi les compte.

Un jour franc est un jour entier : ni le jour de l'envoi ni celui de la séance ne comptent
(L2121-12 CGCT, appliqué aux EPCI par L5211-1). Le délai est celui de l'assemblée
(`delai_jours_francs`) ; en cas d'urgence, dont le motif est dit, il peut être abrégé sans
descendre sous un jour franc.
"""

from __future__ import annotations

import datetime

from generateur.controles import presences
from generateur.francais import article_defini, date_longue, de, jours_francs
from generateur.lecture.chemins import Chemin, Ecart
from generateur.lecture.schema import Assemblee, Dossier, Seance

DELAI_MINIMUM_URGENCE = 1


def jours_francs_entre(envoi: datetime.date, seance: datetime.date) -> int:
    """Les jours entiers entre l'envoi et la séance, l'un et l'autre exclus (négatif si l'envoi suit la séance)."""
    return (seance - envoi).days - 1


def envoi_au_plus_tard(seance: datetime.date, delai: int) -> datetime.date:
    """Le dernier jour d'envoi qui laisse `delai` jours francs avant la séance."""
    return seance - datetime.timedelta(days=delai + 1)


def controler_convocations(dossier: Dossier) -> list[Ecart]:
    """Le délai de chaque convocation, et chaque rapporteur membre de l'assemblée."""
    ecarts: list[Ecart] = []
    for rang_seance, seance in enumerate(dossier.seances):
        assemblee = dossier.assemblee_de(seance)
        if assemblee is None:
            continue
        lieu = ("seances", rang_seance)
        if seance.convocation is not None:
            ecarts += _controler_delai(seance, assemblee, lieu + ("convocation",))
        membres = presences.membres_de_la_seance_par_cle(assemblee, seance)
        for rang_acte, acte in enumerate(seance.actes):
            if acte.rapporteur is not None and presences.cle(acte.rapporteur) not in membres:
                ecarts.append((lieu + (seance.champ_actes, rang_acte, "rapporteur"), (
                    f"« {acte.rapporteur} » n'est pas membre {de(assemblee.intitule, assemblee.genre)} à la date de la séance ; "
                    "le « Prénom NOM » d'un membre de la liste est attendu"
                )))
    return ecarts


def _controler_delai(seance: Seance, assemblee: Assemblee, chemin: Chemin) -> list[Ecart]:
    convocation = seance.convocation
    francs = jours_francs_entre(convocation.envoi, seance.date)
    requis = DELAI_MINIMUM_URGENCE if convocation.urgence else assemblee.delai_jours_francs
    if francs >= requis:
        return []
    constat = (
        f"convocation envoyée le {date_longue(convocation.envoi)} pour la séance du {date_longue(seance.date)} : "
        f"{jours_francs(francs)} entre les deux"
    )
    limite = f"envoi le {date_longue(envoi_au_plus_tard(seance.date, requis))} au plus tard"
    if convocation.urgence:
        return [(chemin + ("envoi",), f"{constat}, alors que même en urgence il faut {jours_francs(requis)} ({limite})")]
    return [(chemin + ("envoi",), (
        f"{constat}, alors que {article_defini(assemblee.intitule, assemblee.genre)} demande {jours_francs(requis)} ({limite}) ; "
        "en cas d'urgence, indiquez-en le motif (convocation.urgence), que la convocation énoncera"
    ))]

