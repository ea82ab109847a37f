"""Étape 4 : ce que chaque document montre, calculé une fois depuis un dossier vérifié.

Les modèles Word lisent ces valeurs et n'en calculent aucune : les nombres de la
séance, les mentions de départ et de retour, les listes de personnes viennent d'ici.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import presences
from .francais import accorder, de
from .schema import Decision, Dossier, Membre, Mouvement, Seance


@dataclass(frozen=True)
class Document:
    """Un document à produire : son modèle, son nom de fichier et son contexte."""

    sorte: str
    reference: str
    modele: str
    nom_fichier: str
    contexte: dict


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


def documents(dossier: Dossier) -> list[Document]:
    """Tous les documents que décrit le dossier, dans l'ordre de la séance."""
    seance = vue_seance(dossier)
    return [
        Document(
            sorte="decision",
            reference=decision.numero,
            modele="decision.docx",
            nom_fichier=f"decision_{decision.numero}.docx",
            contexte=contexte_decision(dossier, decision, seance),
        )
        for decision in dossier.decisions
    ]


def contexte_decision(dossier: Dossier, decision: Decision, seance: VueSeance) -> dict:
    return {"collectivite": dossier.collectivite, "seance": seance, "decision": decision}


def vue_seance(dossier: Dossier) -> VueSeance:
    seance = dossier.seance
    collectivite = dossier.collectivite
    par_cle = {presences.cle(m.prenom_nom): m for m in seance.membres}
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
        presents=[_avec_mention(m.nom_complet, mentions_mouvements(seance, m.mouvements, acte)) for m in seance.membres if m.presence == "present"],
        excuses=[_avec_mention(m.nom_complet, _mention_remplacement(m, par_cle)) for m in seance.membres if m.presence == "excuse"],
        absents=[_avec_mention(m.nom_complet, _mention_remplacement(m, par_cle)) for m in seance.membres if m.presence == "absent"],
    )


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
        return f"{accorder('suppléé', membre.genre)} par {membre.suppleant.nom_complet}"
    if membre.pouvoir_a:
        return f"pouvoir à {par_cle[presences.cle(membre.pouvoir_a)].nom_complet}"
    return ""


def _avec_mention(nom: str, mention: str) -> str:
    return f"{nom} ({mention})" if mention else nom


def _pluriel(acte: str) -> str:
    """« décision de Bureau » → « décisions de Bureau » : le nom principal prend la marque."""
    premier, _, reste = acte.partition(" ")
    return f"{premier}s {reste}".rstrip()

