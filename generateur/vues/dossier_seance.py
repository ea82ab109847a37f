"""Les documents d'une séance : convocation, feuille d'émargement, liste des actes examinés,
projet de procès-verbal, clôture du registre ; et le compte rendu des décisions du Bureau.

Chaque document a son contexte ; les nombres viennent de `presences` et les résultats de
`resultats`, comme pour les actes eux-mêmes : rien n'est recompté ici.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generateur.controles import DossierVerifie, presences
from generateur.controles.resultats import adoptee
from generateur.francais import detail_du_vote, jours_francs, phrase_quorum, pluriel_nom_compose, qualite_de_seance, resultat_du_vote
from generateur.lecture.schema import Acte, Assemblee, Collectivite, MembreAssemblee, Seance
from generateur.vues.convention import date_ou_blanc
from generateur.vues.publicite import BLANC
from generateur.vues.seance import VueSeance, VueVote, vue_vote


@dataclass(frozen=True)
class VueMembre:
    nom: str  # « Madame Claire PETIT »
    qualite: str  # « 1re Vice-Présidente – Exempleville », ou vide


@dataclass(frozen=True)
class VuePoint:
    """Un point de l'ordre du jour, tel que la convocation l'annonce."""

    rang: int
    numero: str
    objet: str  # l'objet de l'acte, ou « _____ » s'il n'est pas dans les données
    rapporteur: str  # « Madame Claire PETIT », ou vide


@dataclass(frozen=True)
class VueResultat:
    """Un acte examiné : son vote et son résultat, calculé."""

    numero: str
    date: datetime.date  # date de la séance
    objet: str
    rapporteur: str
    vote: VueVote
    detail: str  # « 23 pour, 0 contre, 0 abstention »
    resultat: str  # « adoptée », « rejetée »


@dataclass(frozen=True)
class VueConvocation:
    envoi: str  # « 16 novembre 2022 », ou « _____ »
    delai: str  # « cinq jours francs »
    urgence: str | None  # le motif de l'urgence, que la convocation énonce


@dataclass(frozen=True)
class VueSignataires:
    president: str  # « Le Président de séance »
    president_nom: str
    secretaire: str  # « La secrétaire de séance »
    secretaire_nom: str  # ou « _____ »


@dataclass(frozen=True)
class ContexteConvocation:
    collectivite: Collectivite
    assemblee: Assemblee
    seance: VueSeance
    convocation: VueConvocation
    destinataires: list[VueMembre]
    points: list[VuePoint]


@dataclass(frozen=True)
class ContexteEmargement:
    collectivite: Collectivite
    assemblee: Assemblee
    seance: VueSeance
    membres: list[VueMembre]


@dataclass(frozen=True)
class ContexteListeActes:
    collectivite: Collectivite
    assemblee: Assemblee
    seance: VueSeance
    titre: str  # « délibérations », « décisions de Bureau »
    actes: list[VueResultat]


@dataclass(frozen=True)
class ContexteProcesVerbal:
    collectivite: Collectivite
    assemblee: Assemblee
    seance: VueSeance
    convocation: VueConvocation
    quorum: str  # « Le quorum est atteint : … », ou la mention de seconde convocation
    titre: str
    actes: list[VueResultat]
    signataires: VueSignataires


@dataclass(frozen=True)
class ContexteRegistre:
    collectivite: Collectivite
    assemblee: Assemblee
    seance: VueSeance
    titre: str
    numeros: list[str]
    presents: list[str]
    signataires: VueSignataires


@dataclass(frozen=True)
class ContexteCompteRendu:
    collectivite: Collectivite
    assemblee: Assemblee
    du: datetime.date
    au: datetime.date
    titre: str
    actes: list[VueResultat]


def vue_membre(membre: MembreAssemblee) -> VueMembre:
    return VueMembre(membre.nom_complet, " – ".join(filter(None, (membre.fonction, membre.commune))))


def vue_resultat(assemblee: Assemblee, seance: Seance, acte: Acte, membres: dict[str, MembreAssemblee]) -> VueResultat:
    vote = vue_vote(assemblee, seance, acte)
    return VueResultat(
        numero=acte.numero,
        date=seance.date,
        objet=acte.objet,
        rapporteur=_rapporteur(acte, membres),
        vote=vote,
        detail=detail_du_vote(vote.pour, vote.contre, vote.abstention, vote.ne_prend_pas_part),
        resultat=resultat_du_vote(adoptee(acte.vote)),
    )


def vue_convocation(assemblee: Assemblee, seance: Seance) -> VueConvocation:
    convocation = seance.convocation
    return VueConvocation(
        envoi=date_ou_blanc(convocation.envoi) if convocation else BLANC,
        delai=jours_francs(assemblee.delai_jours_francs),
        urgence=convocation.urgence if convocation else None,
    )


def vue_signataires(seance: VueSeance, secretaire: MembreAssemblee | None) -> VueSignataires:
    return VueSignataires(
        president=qualite_de_seance("Président", seance.presidence.genre),
        president_nom=seance.presidence.nom_complet,
        secretaire=qualite_de_seance("secrétaire", secretaire.genre if secretaire else None),
        secretaire_nom=secretaire.nom_complet if secretaire else BLANC,
    )


def contextes_de_la_seance(verifie: DossierVerifie, seance: Seance, vue: VueSeance) -> dict[str, object]:
    """Le contexte de chaque document de la séance, par nom de modèle ; `vue` est celle de la séance."""
    collectivite, assemblee = verifie.dossier.collectivite, verifie.dossier.assemblee_de(seance)
    membres = presences.membres_de_la_seance(assemblee, seance)
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    actes = {acte.numero: acte for acte in seance.actes}
    resultats = [vue_resultat(assemblee, seance, actes[numero], par_cle) for numero in seance.ordre_du_jour if numero in actes]
    titre = pluriel_nom_compose(assemblee.nom_acte)
    signataires = vue_signataires(vue, par_cle[presences.cle(seance.secretaire)] if seance.secretaire else None)
    ouverture = presences.comptes(assemblee, seance)
    convocation = vue_convocation(assemblee, seance)
    points = [
        VuePoint(rang, numero, actes[numero].objet if numero in actes else BLANC, _rapporteur(actes.get(numero), par_cle))
        for rang, numero in enumerate(seance.ordre_du_jour, start=1)
    ]
    return {
        "convocation.docx": ContexteConvocation(collectivite, assemblee, vue, convocation, [vue_membre(m) for m in membres], points),
        "emargement.docx": ContexteEmargement(collectivite, assemblee, vue, [vue_membre(m) for m in membres]),
        "liste_des_actes.docx": ContexteListeActes(collectivite, assemblee, vue, titre, resultats),
        "proces_verbal.docx": ContexteProcesVerbal(
            collectivite, assemblee, vue, convocation,
            vue.mention_convocation or phrase_quorum(ouverture.siegent, ouverture.en_exercice, ouverture.quorum),
            titre, resultats, signataires,
        ),
        "registre.docx": ContexteRegistre(collectivite, assemblee, vue, titre, list(seance.ordre_du_jour), vue.presents, signataires),
    }


def _rapporteur(acte: Acte | None, par_cle: dict[str, MembreAssemblee]) -> str:
    return par_cle[presences.cle(acte.rapporteur)].nom_complet if acte and acte.rapporteur else ""


def contexte_compte_rendu(verifie: DossierVerifie, assemblee: Assemblee, du: datetime.date, au: datetime.date) -> ContexteCompteRendu:
    """Les décisions de l'assemblée prises entre `du` et `au` (inclus), séance après séance (L5211-10)."""
    actes = []
    for seance in verifie.dossier.seances:
        if seance.assemblee == assemblee.code and du <= seance.date <= au:
            par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
            par_numero = {acte.numero: acte for acte in seance.actes}
            actes += [vue_resultat(assemblee, seance, par_numero[numero], par_cle) for numero in seance.ordre_du_jour if numero in par_numero]
    return ContexteCompteRendu(verifie.dossier.collectivite, assemblee, du, au, pluriel_nom_compose(assemblee.nom_acte), actes)
