"""Ce que l'en-tête de séance imprime : nombres, présents avec leurs mouvements, excusés."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generateur.controles import presences
from generateur.francais import accorder, accorder_liste, de, nom_insecable
from generateur.lecture.schema import Collectivite, Membre, Mouvement, Seance


@dataclass(frozen=True)
class VueSeance:
    """L'en-tête de séance tel que l'acte l'imprime."""

    date: datetime.date
    heure: datetime.time
    lieu: str
    presidence: Membre
    qualite_presidence: str
    nombre_membres: int
    nombre_presents: int
    nombre_votants: int
    presents: list[str]
    excuses: list[str]
    absents: list[str]
    titre_presents: str  # « Présents », « Présente »… accordé aux personnes de la liste
    titre_excuses: str
    titre_absents: str


def vue_seance(collectivite: Collectivite, seance: Seance) -> VueSeance:
    par_cle = presences.membres_par_cle(seance)
    presidence = par_cle[presences.cle(seance.presidence.membre)]
    qualite = seance.presidence.qualite or f"{accorder('Président', presidence.genre)} {de(collectivite.nom, collectivite.genre)}"
    acte = collectivite.assemblee.acte
    return VueSeance(
        date=seance.date,
        heure=seance.heure,
        lieu=seance.lieu,
        presidence=presidence,
        qualite_presidence=qualite,
        nombre_membres=collectivite.assemblee.membres_en_exercice,
        nombre_presents=len(presences.presents(seance)),
        nombre_votants=presences.votants(seance),
        presents=[_avec_mention(nom_insecable(m.nom_complet), mentions_mouvements(seance, m.mouvements, acte)) for m in _ayant(seance, "present")],
        excuses=[_avec_mention(nom_insecable(m.nom_complet), _mention_remplacement(m, par_cle)) for m in _ayant(seance, "excuse")],
        absents=[_avec_mention(nom_insecable(m.nom_complet), _mention_remplacement(m, par_cle)) for m in _ayant(seance, "absent")],
        titre_presents=accorder_liste("Présent", [m.genre for m in _ayant(seance, "present")]),
        titre_excuses=accorder_liste("Excusé", [m.genre for m in _ayant(seance, "excuse")]),
        titre_absents=accorder_liste("Absent", [m.genre for m in _ayant(seance, "absent")]),
    )


def _ayant(seance: Seance, presence: str) -> list[Membre]:
    """Les membres de la séance à cette présence, dans l'ordre de la liste."""
    return [membre for membre in seance.membres if membre.presence == presence]


def mentions_mouvements(seance: Seance, mouvements: list[Mouvement], acte: str) -> str:
    """« départ avant le vote de la décision de Bureau n°B052_2022 et retour à partir du vote
    de la décision de Bureau n°B053_2022 » ; un départ avant le premier vote, sans retour,
    se dit « départ avant le vote des décisions de Bureau »."""
    phrases = []
    for mouvement in mouvements:
        if mouvement.retour_a_partir_de is None and presences.rang(seance, mouvement.depart_avant) == 0:
            phrases.append(f"départ avant le vote des {_pluriel(acte)}")
            continue
        phrase = f"départ avant le vote de la {acte} n°{mouvement.depart_avant}"
        if mouvement.retour_a_partir_de:
            phrase += f" et retour à partir du vote de la {acte} n°{mouvement.retour_a_partir_de}"
        phrases.append(phrase)
    return ", puis ".join(phrases)


def _mention_remplacement(membre: Membre, par_cle: dict[str, Membre]) -> str:
    """« suppléé par Madame … » ou « pouvoir à Monsieur … »."""
    if membre.suppleant:
        return f"{accorder('suppléé', membre.genre)} par {nom_insecable(membre.suppleant.nom_complet)}"
    if membre.pouvoir_a:
        return f"pouvoir à {nom_insecable(par_cle[presences.cle(membre.pouvoir_a)].nom_complet)}"
    return ""


def _avec_mention(nom: str, mention: str) -> str:
    return f"{nom} ({mention})" if mention else nom


def _pluriel(acte: str) -> str:
    """« décision de Bureau » → « décisions de Bureau » : le nom principal prend la marque."""
    premier, _, reste = acte.partition(" ")
    return f"{premier}s {reste}".rstrip()
