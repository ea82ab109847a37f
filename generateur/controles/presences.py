"""Qui siège à chaque vote : liste des membres, excusés, absents, mouvements, suppléances et pouvoirs.

Fonctions pures, une question chacune, sur l'assemblée (sa liste de membres) et la séance
(ce qu'elle a d'inhabituel). Un acte est repéré par son rang dans l'ordre du jour ; le rang
`OUVERTURE` est l'ouverture de la séance, avant tout vote. Les contrôles, les vues et les
exports lisent les mêmes comptes (`comptes`), calculés ici seulement.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from generateur.lecture.schema import Acte, Assemblee, Excuse, MembreAssemblee, Mouvement, Seance

OUVERTURE = -1

_LARGEUR_NULLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def cle(designation: str) -> str:
    """Clé de comparaison d'un « Prénom NOM » : forme Unicode composée (NFC), sans caractère de
    largeur nulle, espaces réduites, sans casse. Un copier-coller de tableur retrouve son membre."""
    texte = unicodedata.normalize("NFC", designation).translate(_LARGEUR_NULLE)
    return " ".join(texte.split()).casefold()


def en_exercice(assemblee: Assemblee, date: datetime.date) -> list[MembreAssemblee]:
    """Les membres de la liste dont le mandat couvre `date`, dans l'ordre de la liste."""
    return [m for m in assemblee.membres if (m.debut is None or m.debut <= date) and (m.fin is None or date <= m.fin)]


def membres_de_la_seance(assemblee: Assemblee, seance: Seance) -> list[MembreAssemblee]:
    return en_exercice(assemblee, seance.date)


def membres_par_cle(membres: list[MembreAssemblee]) -> dict[str, MembreAssemblee]:
    """Les membres retrouvés par la clé de leur « Prénom NOM »."""
    return {cle(membre.prenom_nom): membre for membre in membres}


def rang(seance: Seance, numero: str) -> int:
    return seance.ordre_du_jour.index(numero)


def excuse_de(seance: Seance, membre: MembreAssemblee) -> Excuse | None:
    """L'excuse du membre dans la séance (avec pouvoir ou suppléant), s'il est excusé."""
    return next((e for e in seance.excuses if cle(e.membre) == cle(membre.prenom_nom)), None)


def est_absent(seance: Seance, membre: MembreAssemblee) -> bool:
    """Absent sans excuse (« absents: ») à l'ouverture."""
    return any(cle(nom) == cle(membre.prenom_nom) for nom in seance.absents)


def mouvements_de(seance: Seance, membre: MembreAssemblee) -> list[Mouvement]:
    return [m for m in seance.mouvements if cle(m.membre) == cle(membre.prenom_nom)]


def arrive_en_cours(seance: Seance, membre: MembreAssemblee) -> bool:
    """Le membre arrive après l'ouverture : il n'est pas là au début."""
    return any(m.arrivee_a_partir_de for m in mouvements_de(seance, membre))


def present_a_l_ouverture(seance: Seance, membre: MembreAssemblee) -> bool:
    """Présent sauf excusé, absent, ou arrivé en cours de séance."""
    return not (excuse_de(seance, membre) or est_absent(seance, membre) or arrive_en_cours(seance, membre))


def changements(seance: Seance, membre: MembreAssemblee) -> list[tuple[int, bool]]:
    """(rang du premier vote concerné, présent ensuite ?) de chaque arrivée, départ et retour, dans l'ordre des votes."""
    etapes = []
    for mouvement in mouvements_de(seance, membre):
        for numero, present in ((mouvement.arrivee_a_partir_de, True), (mouvement.depart_avant, False), (mouvement.retour_a_partir_de, True)):
            if numero is not None:
                etapes.append((rang(seance, numero), present))
    return sorted(etapes, key=lambda etape: etape[0])


def present_au_rang(seance: Seance, membre: MembreAssemblee, rang_vote: int) -> bool:
    """Présent à ce vote : la présence de l'ouverture, changée par chaque mouvement survenu avant."""
    present = present_a_l_ouverture(seance, membre)
    for rang_changement, present_ensuite in changements(seance, membre):
        if rang_changement <= rang_vote:
            present = present_ensuite
    return present


def presents(assemblee: Assemblee, seance: Seance, rang_vote: int = OUVERTURE) -> list[MembreAssemblee]:
    """Les titulaires physiquement présents à ce vote."""
    return [m for m in membres_de_la_seance(assemblee, seance) if present_au_rang(seance, m, rang_vote)]


def supplees(assemblee: Assemblee, seance: Seance) -> list[MembreAssemblee]:
    """Les excusés dont le suppléant siège à leur place, toute la séance."""
    return [m for m in membres_de_la_seance(assemblee, seance) if (excuse := excuse_de(seance, m)) and excuse.suppleant]


def mandataire(assemblee: Assemblee, seance: Seance, mandant: MembreAssemblee) -> MembreAssemblee | None:
    """Le membre qui porte le pouvoir de `mandant`, s'il en a donné un."""
    excuse = excuse_de(seance, mandant)
    if excuse is None or excuse.pouvoir_a is None:
        return None
    return membres_par_cle(membres_de_la_seance(assemblee, seance)).get(cle(excuse.pouvoir_a))


def pouvoirs_exerces(assemblee: Assemblee, seance: Seance, rang_vote: int = OUVERTURE) -> list[MembreAssemblee]:
    """Les mandants dont la voix compte à ce vote : le mandataire est là, le mandant pas encore
    arrivé. Le pouvoir tombe pendant l'absence de son porteur et finit à l'arrivée de son donneur."""
    return [
        m for m in membres_de_la_seance(assemblee, seance)
        if (porteur := mandataire(assemblee, seance, m)) is not None
        and present_au_rang(seance, porteur, rang_vote)
        and not present_au_rang(seance, m, rang_vote)
    ]


def quorum(membres_en_exercice: int) -> int:
    """Le quorum : plus de la moitié des membres en exercice physiquement présents (L2121-17)."""
    return membres_en_exercice // 2 + 1


@dataclass(frozen=True)
class Comptes:
    """Les chiffres d'un vote (ou de l'ouverture) : ceux que l'acte imprime et que les contrôles vérifient."""

    en_exercice: int
    presents: int  # titulaires physiquement présents
    suppleants: int
    pouvoirs: int  # pouvoirs exercés à ce vote
    ne_prennent_pas_part: int
    quorum: int  # membres qui doivent siéger
    seconde_convocation: bool

    @property
    def siegent(self) -> int:
        """Présents et suppléants : ceux qui comptent pour le quorum (les pouvoirs non)."""
        return self.presents + self.suppleants

    @property
    def votants(self) -> int:
        """Votants = présents + suppléants + pouvoirs exercés − ceux qui ne prennent pas part."""
        return self.siegent + self.pouvoirs - self.ne_prennent_pas_part

    @property
    def quorum_atteint(self) -> bool:
        """Sur seconde convocation, l'assemblée délibère sans condition de quorum."""
        return self.seconde_convocation or self.siegent >= self.quorum


def comptes(assemblee: Assemblee, seance: Seance, rang_vote: int = OUVERTURE, acte: Acte | None = None) -> Comptes:
    """Les chiffres de la séance à ce vote ; avec `acte`, ses non-participants sont retirés des votants."""
    en_exercice = len(membres_de_la_seance(assemblee, seance))
    return Comptes(
        en_exercice=en_exercice,
        presents=len(presents(assemblee, seance, rang_vote)),
        suppleants=len(supplees(assemblee, seance)),
        pouvoirs=len(pouvoirs_exerces(assemblee, seance, rang_vote)),
        ne_prennent_pas_part=len(acte.ne_prennent_pas_part) if acte else 0,
        quorum=quorum(en_exercice),
        seconde_convocation=seance.seconde_convocation,
    )


def comptes_de_l_acte(assemblee: Assemblee, seance: Seance, acte: Acte) -> Comptes:
    """Les chiffres du vote de cet acte."""
    return comptes(assemblee, seance, rang(seance, acte.numero), acte)
