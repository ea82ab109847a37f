"""Qui siège à chaque vote : présences, mouvements, suppléances et pouvoirs d'une séance.

Fonctions pures sur le modèle `Seance`. Une décision est repérée par son rang dans
l'ordre du jour ; le rang `OUVERTURE` est l'ouverture de la séance, avant tout départ.
"""

from __future__ import annotations

from generateur.lecture.schema import Membre, Seance

OUVERTURE = -1


def cle(designation: str) -> str:
    """Clé de comparaison d'un « Prénom NOM », insensible à la casse et aux espaces."""
    return " ".join(designation.split()).casefold()


def membres_par_cle(seance: Seance) -> dict[str, Membre]:
    """Les membres de la séance, retrouvés par la clé de leur « Prénom NOM »."""
    return {cle(membre.prenom_nom): membre for membre in seance.membres}


def rang(seance: Seance, numero: str) -> int:
    return seance.ordre_du_jour.index(numero)


def present_au_rang(seance: Seance, membre: Membre, rang_vote: int) -> bool:
    """Un membre présent à l'ouverture siège au vote, sauf entre un départ et son retour."""
    if membre.presence != "present":
        return False
    for mouvement in membre.mouvements:
        depart = rang(seance, mouvement.depart_avant)
        retour = rang(seance, mouvement.retour_a_partir_de) if mouvement.retour_a_partir_de else len(seance.ordre_du_jour)
        if depart <= rang_vote < retour:
            return False
    return True


def presents(seance: Seance, rang_vote: int = OUVERTURE) -> list[Membre]:
    """Les membres titulaires physiquement présents au vote de rang `rang_vote`."""
    return [m for m in seance.membres if present_au_rang(seance, m, rang_vote)]


def supplees(seance: Seance) -> list[Membre]:
    """Les membres absents remplacés par leur suppléant, qui siège et vote à leur place."""
    return [m for m in seance.membres if m.presence != "present" and m.suppleant]


def pouvoirs_exerces(seance: Seance, rang_vote: int = OUVERTURE) -> list[Membre]:
    """Les mandants dont le mandataire est présent au vote : leur voix compte."""
    siegent = {cle(m.prenom_nom) for m in presents(seance, rang_vote)}
    return [m for m in seance.membres if m.presence != "present" and m.pouvoir_a and cle(m.pouvoir_a) in siegent]


def votants(seance: Seance, rang_vote: int = OUVERTURE) -> int:
    """Votants = présents + suppléants + pouvoirs détenus par des présents."""
    return len(presents(seance, rang_vote)) + len(supplees(seance)) + len(pouvoirs_exerces(seance, rang_vote))


def quorum(membres_en_exercice: int) -> int:
    """Le quorum : plus de la moitié des membres en exercice physiquement présents."""
    return membres_en_exercice // 2 + 1


def quorum_atteint(seance: Seance, membres_en_exercice: int, rang_vote: int) -> bool:
    """Les suppléants siègent : ils comptent pour le quorum, les pouvoirs non."""
    return len(presents(seance, rang_vote)) + len(supplees(seance)) >= quorum(membres_en_exercice)
