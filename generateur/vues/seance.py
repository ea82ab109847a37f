"""Ce que l'acte imprime de sa séance : l'en-tête (ouverture, présents avec leurs mouvements,
excusés, absents) et les chiffres de son propre vote."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generateur.controles import presences
from generateur.francais import (
    MENTION_SECONDE_CONVOCATION,
    accorder,
    accorder_liste,
    avec_mention,
    de,
    formule_an,
    formule_seance,
    mention_arrivee,
    mention_depart,
    mention_remplacement,
    nom_insecable,
    non_participation,
)
from generateur.lecture.schema import Acte, Assemblee, Collectivite, MembreAssemblee, Seance


@dataclass(frozen=True)
class VueSeance:
    """L'en-tête de séance tel que l'acte l'imprime ; les nombres sont ceux de l'ouverture."""

    date: datetime.date
    heure: datetime.time
    ouverture: str  # « Le mardi 22 novembre Deux Mille Vingt Deux, à 9 heures », selon l'assemblée
    lieu: str
    presidence: MembreAssemblee
    qualite_presidence: str
    secretaire: str | None  # « Madame Claire PETIT »
    mention_convocation: str  # la seconde convocation, qui dispense du quorum ; vide sinon
    nombre_membres: int
    nombre_presents: int
    nombre_votants: int
    presents: list[str]
    excuses: list[str]
    absents: list[str]
    titre_presents: str  # « Présents », « Présente »… accordé aux personnes de la liste
    titre_excuses: str
    titre_absents: str


@dataclass(frozen=True)
class VueVote:
    """Le vote d'un acte : le résultat, et qui était là à ce moment."""

    pour: int
    contre: int
    abstention: int
    ne_prend_pas_part: int
    presents: int  # titulaires présents au moment du vote
    votants: int
    ne_prennent_pas_part: list[str]  # « Monsieur Karim HADDAD »
    non_participation: str  # « Monsieur Karim HADDAD ne prend pas part au vote. » ; vide sinon


def vue_seance(collectivite: Collectivite, assemblee: Assemblee, seance: Seance) -> VueSeance:
    membres = presences.membres_de_la_seance(assemblee, seance)
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    presidence = par_cle[presences.cle(seance.presidence.membre)]
    qualite = seance.presidence.qualite or _qualite(collectivite, presidence)
    ouverture = presences.comptes(assemblee, seance)
    formule = formule_an if assemblee.formule == "an" else formule_seance
    presents = [m for m in membres if _vient(seance, m)]
    excuses = [m for m in membres if presences.excuse_de(seance, m) and not _vient(seance, m)]
    absents = [m for m in membres if presences.est_absent(seance, m) and not _vient(seance, m)]
    return VueSeance(
        date=seance.date,
        heure=seance.heure,
        ouverture=formule(seance.date, seance.heure),
        lieu=seance.lieu,
        presidence=presidence,
        qualite_presidence=qualite,
        secretaire=nom_insecable(par_cle[presences.cle(seance.secretaire)].nom_complet) if seance.secretaire else None,
        mention_convocation=MENTION_SECONDE_CONVOCATION if seance.seconde_convocation else "",
        nombre_membres=ouverture.en_exercice,
        nombre_presents=ouverture.presents,
        nombre_votants=ouverture.votants,
        presents=[avec_mention(nom_insecable(m.nom_complet), _mentions_du_present(assemblee, seance, m)) for m in presents],
        excuses=[avec_mention(nom_insecable(m.nom_complet), _mention_excuse(assemblee, seance, m)) for m in excuses],
        absents=[nom_insecable(m.nom_complet) for m in absents],
        titre_presents=accorder_liste("Présent", [m.genre for m in presents]),
        titre_excuses=accorder_liste("Excusé", [m.genre for m in excuses]),
        titre_absents=accorder_liste("Absent", [m.genre for m in absents]),
    )


def _qualite(collectivite: Collectivite, presidence: MembreAssemblee) -> str:
    """« Président de la Communauté… » pour le président de la collectivité, sinon sa fonction :
    « 1er Vice-Président de la Communauté… »."""
    if presences.cle(presidence.prenom_nom) == presences.cle(collectivite.president.prenom_nom) or presidence.fonction is None:
        return f"{accorder('Président', presidence.genre)} {de(collectivite.nom, collectivite.genre)}"
    return f"{presidence.fonction} {de(collectivite.nom, collectivite.genre)}"


def vue_vote(assemblee: Assemblee, seance: Seance, acte: Acte) -> VueVote:
    """Les chiffres du vote de l'acte, calculés par `presences` comme pour les contrôles et l'open data."""
    comptes = presences.comptes_de_l_acte(assemblee, seance, acte)
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    noms = [nom_insecable(par_cle[presences.cle(nom)].nom_complet) for nom in acte.ne_prennent_pas_part]
    return VueVote(
        pour=acte.vote.pour,
        contre=acte.vote.contre,
        abstention=acte.vote.abstention,
        ne_prend_pas_part=comptes.ne_prennent_pas_part,
        presents=comptes.presents,
        votants=comptes.votants,
        ne_prennent_pas_part=noms,
        non_participation=non_participation(noms),
    )


def _vient(seance: Seance, membre: MembreAssemblee) -> bool:
    """Présent à l'ouverture ou arrivé en cours de séance : listé parmi les présents."""
    return presences.present_a_l_ouverture(seance, membre) or presences.arrive_en_cours(seance, membre)


def _mentions_du_present(assemblee: Assemblee, seance: Seance, membre: MembreAssemblee) -> str:
    """Le pouvoir donné avant d'arriver, puis chaque arrivée, départ et retour, dans l'ordre des votes."""
    acte = assemblee.nom_acte
    mentions = [_mention_excuse(assemblee, seance, membre)] if presences.excuse_de(seance, membre) else []
    for mouvement in presences.mouvements_de(seance, membre):
        if mouvement.arrivee_a_partir_de:
            mentions.append(mention_arrivee(membre.genre, acte, mouvement.arrivee_a_partir_de))
        if mouvement.depart_avant:
            premier_vote = presences.rang(seance, mouvement.depart_avant) == 0
            mentions.append(mention_depart(acte, mouvement.depart_avant, premier_vote, mouvement.retour_a_partir_de))
    return ", puis ".join(filter(None, mentions))


def _mention_excuse(assemblee: Assemblee, seance: Seance, membre: MembreAssemblee) -> str:
    """« suppléé par Monsieur … » ou « pouvoir à Madame … »."""
    excuse = presences.excuse_de(seance, membre)
    porteur = presences.mandataire(assemblee, seance, membre)
    suppleant = nom_insecable(membre.suppleant.nom_complet) if excuse.suppleant and membre.suppleant else None
    return mention_remplacement(membre.genre, suppleant, nom_insecable(porteur.nom_complet) if porteur else None)
