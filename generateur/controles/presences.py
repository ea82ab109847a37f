"""Qui siège à chaque vote : liste des membres, excusés, absents, mouvements, suppléances et pouvoirs.

Fonctions pures, une question chacune, sur l'assemblée (sa liste de membres) et la séance
(ce qu'elle a d'inhabituel). Un acte est repéré par son rang dans l'ordre du jour ; le rang
`OUVERTURE` est l'ouverture de la séance, avant tout vote. Les contrôles, les vues et les
exports lisent les mêmes comptes (`comptes`), calculés ici seulement. Chaque question se lit
dans le relevé de la séance (`releve`), fait une fois et gardé : les formes sont gelées, le
garder ne change aucune réponse.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import unicodedata

from generateur.lecture.schema import Acte, Assemblee, Excuse, MembreAssemblee, Mouvement, Seance

OUVERTURE = -1

_LARGEUR_NULLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@functools.lru_cache(maxsize=4096)
def cle(designation: str) -> str:
    """Clé de comparaison d'un « Prénom NOM » : forme Unicode composée (NFC), sans caractère de
    largeur nulle, espaces réduites, sans casse. Un copier-coller de tableur retrouve son membre.
    Gardée en cache : les comptes de chaque vote comparent les mêmes noms des milliers de fois."""
    texte = unicodedata.normalize("NFC", designation).translate(_LARGEUR_NULLE)
    return " ".join(texte.split()).casefold()


def en_exercice(assemblee: Assemblee, date: datetime.date) -> list[MembreAssemblee]:
    """Les membres de la liste dont le mandat couvre `date`, dans l'ordre de la liste."""
    return [m for m in assemblee.membres if (m.debut is None or m.debut <= date) and (m.fin is None or date <= m.fin)]


def membres_de_la_seance(assemblee: Assemblee, seance: Seance) -> list[MembreAssemblee]:
    return en_exercice(assemblee, seance.date)


def membres_de_la_seance_par_cle(assemblee: Assemblee, seance: Seance) -> dict[str, MembreAssemblee]:
    """Les membres en exercice à la séance, retrouvés par la clé de leur « Prénom NOM » ; gardés par le relevé de la séance (à lire seulement)."""
    return releve(seance).siegeants(assemblee).par_cle


def rang(seance: Seance, numero: str) -> int:
    return seance.ordre_du_jour.index(numero)


class Releve:
    """Ce que la séance note de chaque membre (excuse, absence, mouvements), retrouvé par la clé de
    son « Prénom NOM » : les comptes posent chaque question pour chaque membre à chaque vote, et
    parcourir chaque fois excusés, absents et mouvements rendait une séance quadratique."""

    def __init__(self, seance: Seance):
        self.seance = seance
        self.excuses: dict[str, Excuse] = {}
        for excuse in seance.excuses:
            self.excuses.setdefault(cle(excuse.membre), excuse)
        self.absents = frozenset(cle(nom) for nom in seance.absents)
        self.mouvements: dict[str, list[Mouvement]] = {}
        for mouvement in seance.mouvements:
            self.mouvements.setdefault(cle(mouvement.membre), []).append(mouvement)
        self._changements: dict[str, list[tuple[int, bool]]] = {}
        self._siegeants: Siegeants | None = None

    def arrive_en_cours(self, cle_membre: str) -> bool:
        return any(m.arrivee_a_partir_de for m in self.mouvements.get(cle_membre, ()))

    def present_a_l_ouverture(self, cle_membre: str) -> bool:
        return not (cle_membre in self.excuses or cle_membre in self.absents or self.arrive_en_cours(cle_membre))

    def changements(self, cle_membre: str) -> list[tuple[int, bool]]:
        """Calculés à la première question : un numéro hors de l'ordre du jour n'est refusé qu'alors."""
        if cle_membre not in self._changements:
            etapes = []
            for mouvement in self.mouvements.get(cle_membre, ()):
                for numero, present in ((mouvement.arrivee_a_partir_de, True), (mouvement.depart_avant, False), (mouvement.retour_a_partir_de, True)):
                    if numero is not None:
                        etapes.append((rang(self.seance, numero), present))
            self._changements[cle_membre] = sorted(etapes, key=lambda etape: etape[0])
        return self._changements[cle_membre]

    def present_au_rang(self, cle_membre: str, rang_vote: int) -> bool:
        present = self.present_a_l_ouverture(cle_membre)
        for rang_changement, present_ensuite in self.changements(cle_membre):
            if rang_changement <= rang_vote:
                present = present_ensuite
        return present

    def siegeants(self, assemblee: Assemblee) -> Siegeants:
        """Gardés pour la dernière assemblée demandée, remplacés d'un seul coup : un fil du serveur
        web ne voit jamais les membres d'une assemblée avec les comptes d'une autre."""
        garde = self._siegeants
        if garde is None or garde.assemblee is not assemblee:
            membres = [(membre, cle(membre.prenom_nom)) for membre in membres_de_la_seance(assemblee, self.seance)]
            garde = self._siegeants = Siegeants(assemblee, membres, {cle_membre: membre for membre, cle_membre in membres}, {})
        return garde

    def porteur(self, assemblee: Assemblee, cle_mandant: str) -> MembreAssemblee | None:
        """Le membre qui porte le pouvoir du mandant, s'il en a donné un."""
        excuse = self.excuses.get(cle_mandant)
        if excuse is None or excuse.pouvoir_a is None:
            return None
        return self.siegeants(assemblee).par_cle.get(cle(excuse.pouvoir_a))


@dataclasses.dataclass(frozen=True)
class Siegeants:
    """Les membres en exercice d'une assemblée à une séance, leur clé calculée une fois, et les
    comptes déjà faits de chaque vote (par rang) : les contrôles, puis chaque document, les redemandent."""

    assemblee: Assemblee
    membres: list[tuple[MembreAssemblee, str]]  # (membre, clé), dans l'ordre de la liste
    par_cle: dict[str, MembreAssemblee]
    comptes: dict[int, Comptes]


_RELEVES: dict[int, Releve] = {}
_RELEVES_GARDES = 256
"""Bien plus que les séances d'un dossier : un lot passe d'un dossier au suivant sans les garder tous."""


def releve(seance: Seance) -> Releve:
    """Le relevé de la séance, fait une fois et retrouvé par l'identité de la séance. Sûr : le relevé
    garde la séance elle-même, dont l'identité ne peut donc désigner aucun autre objet tant qu'il
    est gardé, et les formes sont gelées (une séance ne change pas). Les plus anciens sont oubliés."""
    trouve = _RELEVES.get(id(seance))
    if trouve is None:
        trouve = _RELEVES[id(seance)] = Releve(seance)
        while len(_RELEVES) > _RELEVES_GARDES:
            _RELEVES.pop(next(iter(_RELEVES)), None)
    return trouve


def excuse_de(seance: Seance, membre: MembreAssemblee) -> Excuse | None:
    """L'excuse du membre dans la séance (avec pouvoir ou suppléant), s'il est excusé."""
    return releve(seance).excuses.get(cle(membre.prenom_nom))


def est_absent(seance: Seance, membre: MembreAssemblee) -> bool:
    """Absent sans excuse (« absents: ») à l'ouverture."""
    return cle(membre.prenom_nom) in releve(seance).absents


def mouvements_de(seance: Seance, membre: MembreAssemblee) -> list[Mouvement]:
    return list(releve(seance).mouvements.get(cle(membre.prenom_nom), ()))


def arrive_en_cours(seance: Seance, membre: MembreAssemblee) -> bool:
    """Le membre arrive après l'ouverture : il n'est pas là au début."""
    return releve(seance).arrive_en_cours(cle(membre.prenom_nom))


def present_a_l_ouverture(seance: Seance, membre: MembreAssemblee) -> bool:
    """Présent sauf excusé, absent, ou arrivé en cours de séance."""
    return releve(seance).present_a_l_ouverture(cle(membre.prenom_nom))


def present_au_rang(seance: Seance, membre: MembreAssemblee, rang_vote: int) -> bool:
    """Présent à ce vote : la présence de l'ouverture, changée par chaque mouvement survenu avant."""
    return releve(seance).present_au_rang(cle(membre.prenom_nom), rang_vote)


def presents(assemblee: Assemblee, seance: Seance, rang_vote: int = OUVERTURE) -> list[MembreAssemblee]:
    """Les titulaires physiquement présents à ce vote."""
    notes = releve(seance)
    return [membre for membre, cle_membre in notes.siegeants(assemblee).membres if notes.present_au_rang(cle_membre, rang_vote)]


def supplees(assemblee: Assemblee, seance: Seance) -> list[MembreAssemblee]:
    """Les excusés dont le suppléant siège à leur place, toute la séance."""
    notes = releve(seance)
    return [membre for membre, cle_membre in notes.siegeants(assemblee).membres if (excuse := notes.excuses.get(cle_membre)) and excuse.suppleant]


def mandataire(assemblee: Assemblee, seance: Seance, mandant: MembreAssemblee) -> MembreAssemblee | None:
    """Le membre qui porte le pouvoir de `mandant`, s'il en a donné un."""
    return releve(seance).porteur(assemblee, cle(mandant.prenom_nom))


def pouvoirs_exerces(assemblee: Assemblee, seance: Seance, rang_vote: int = OUVERTURE) -> list[MembreAssemblee]:
    """Les mandants dont la voix compte à ce vote : le mandataire est là, le mandant pas encore
    arrivé. Le pouvoir tombe pendant l'absence de son porteur et finit à l'arrivée de son donneur."""
    notes = releve(seance)
    return [
        membre for membre, cle_membre in notes.siegeants(assemblee).membres
        if (porteur := notes.porteur(assemblee, cle_membre)) is not None
        and notes.present_au_rang(cle(porteur.prenom_nom), rang_vote)
        and not notes.present_au_rang(cle_membre, rang_vote)
    ]


def quorum(membres_en_exercice: int) -> int:
    """Le quorum : plus de la moitié des membres en exercice physiquement présents (L2121-17)."""
    return membres_en_exercice // 2 + 1


@dataclasses.dataclass(frozen=True)
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
    """Les chiffres de la séance à ce vote ; avec `acte`, ses non-participants sont retirés des votants.
    Comptés une fois par vote (le relevé de la séance les garde)."""
    faits = releve(seance).siegeants(assemblee).comptes
    if rang_vote not in faits:
        en_exercice = len(membres_de_la_seance(assemblee, seance))
        faits[rang_vote] = Comptes(
            en_exercice=en_exercice,
            presents=len(presents(assemblee, seance, rang_vote)),
            suppleants=len(supplees(assemblee, seance)),
            pouvoirs=len(pouvoirs_exerces(assemblee, seance, rang_vote)),
            ne_prennent_pas_part=0,
            quorum=quorum(en_exercice),
            seconde_convocation=seance.seconde_convocation,
        )
    return dataclasses.replace(faits[rang_vote], ne_prennent_pas_part=len(acte.ne_prennent_pas_part)) if acte else faits[rang_vote]


def comptes_de_l_acte(assemblee: Assemblee, seance: Seance, acte: Acte) -> Comptes:
    """Les chiffres du vote de cet acte."""
    return comptes(assemblee, seance, rang(seance, acte.numero), acte)
