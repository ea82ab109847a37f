"""Le résultat de chaque vote, calculé et jamais saisi : adoptée ou rejetée (L2121-20 CGCT).

Les suffrages exprimés sont les voix pour et contre : abstentions et membres qui ne prennent
pas part au vote n'en sont pas. L'acte est adopté quand les voix pour l'emportent ; en cas
de partage, la voix du président est prépondérante, et son sens doit être dit.
"""

from __future__ import annotations

from generateur.lecture.chemins import Ecart
from generateur.lecture.schema import Dossier, Vote


def suffrages_exprimes(vote: Vote) -> int:
    return vote.pour + vote.contre


def partage(vote: Vote) -> bool:
    """Égalité des voix pour et contre, quand il y a au moins un suffrage exprimé.

    Sans aucun suffrage exprimé (tous s'abstiennent), il n'y a pas de partage à départager :
    aucune majorité ne s'est dégagée, l'acte n'est pas adopté."""
    return vote.pour == vote.contre and vote.pour > 0


def adoptee(vote: Vote) -> bool:
    """Adoptée si pour > contre ; en cas de partage, selon la voix prépondérante du président.

    Un partage sans `voix_preponderante` est refusé par `controler_resultats` avant tout appel."""
    if partage(vote):
        return vote.voix_preponderante == "pour"
    return vote.pour > vote.contre


def controler_resultats(dossier: Dossier) -> list[Ecart]:
    """Chaque partage dit le sens de la voix prépondérante ; aucune n'est donnée sans partage."""
    ecarts: list[Ecart] = []
    for rang_seance, seance in enumerate(dossier.seances):
        for rang_acte, acte in enumerate(seance.actes):
            vote = acte.vote
            chemin = ("seances", rang_seance, seance.champ_actes, rang_acte, "vote")
            if partage(vote) and vote.voix_preponderante is None:
                ecarts.append((chemin, (
                    f"partage des voix au vote de {acte.numero} ({vote.pour} pour, {vote.contre} contre) : la voix du président "
                    "est prépondérante (article L2121-20 du CGCT) ; indiquez son sens : « voix_preponderante: pour » ou « voix_preponderante: contre »"
                )))
            elif not partage(vote) and vote.voix_preponderante is not None:
                ecarts.append((chemin + ("voix_preponderante",), (
                    f"voix prépondérante indiquée alors que les voix ne sont pas partagées au vote de {acte.numero} "
                    f"({vote.pour} pour, {vote.contre} contre) : elle ne départage qu'une égalité ; retirez-la"
                )))
    return ecarts
