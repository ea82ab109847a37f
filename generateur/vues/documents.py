"""Étape 4 : les documents d'un dossier vérifié et le contexte de chacun, calculé une fois.

Les modèles Word lisent ces valeurs et n'en calculent aucune. Le contexte de chaque
modèle est une classe `Contexte…` : ses champs sont les noms que le modèle peut employer
(`CONTEXTES`), ce que `generateur modeles verifier` contrôle.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from generateur.controles import DossierVerifie
from generateur.lecture.schema import Acte, Assemblee, CitationAvenant, Collectivite, Convention, Financement, Liste, Seance
from generateur.vues.avenant import VueAvenant, vue_avenant
from generateur.vues.convention import (
    VueAppel,
    VueBudget,
    VueFinancement,
    VueFlux,
    VuePartie,
    VuesConvention,
    VueTerritoire,
    date_ou_blanc,
    vue_territoire,
    vues_parties,
)
from generateur.vues.dossier_seance import (
    ContexteCompteRendu,
    ContexteConvocation,
    ContexteEmargement,
    ContexteListeActes,
    ContexteProcesVerbal,
    ContexteRegistre,
    contextes_de_la_seance,
)
from generateur.vues.publicite import VueExecutoire, vue_executoire
from generateur.vues.seance import VueSeance, VueVote, vue_seance, vue_vote
from generateur.vues.tresorerie import ContexteRelance, VueAvenantCite, VueDecisionCitee, VueLettre, VueTitreDeRecettes, appels_suivis, decision_citee, vues_des_versions


@dataclass(frozen=True)
class VueSignature:
    lieu: str  # « Cherbourg-en-Cotentin », ou « _____ » à remplir à la main
    date: str  # « 2 avril 2024 », ou « _____ »


@dataclass(frozen=True)
class ContexteDecision:
    collectivite: Collectivite
    assemblee: Assemblee
    seance: VueSeance
    decision: Acte
    vote: VueVote
    expose: list[str | Liste | VueFinancement | VueAvenant]
    executoire: VueExecutoire


@dataclass(frozen=True)
class ContexteDeliberation:
    collectivite: Collectivite
    assemblee: Assemblee
    seance: VueSeance
    deliberation: Acte
    vote: VueVote
    expose: list[str | Liste | VueFinancement | VueAvenant]
    executoire: VueExecutoire


@dataclass(frozen=True)
class ContexteConvention:
    """Le contexte de tout modèle de convention (convention.docx, convention_evenement.docx…)."""

    collectivite: Collectivite
    convention: Convention
    territoire: VueTerritoire
    parties: list[VuePartie]
    roles: dict[str, VuePartie]  # la partie de chaque rôle tenu par une seule partie : roles.epci
    parties_du_role: dict[str, list[VuePartie]]  # les parties de chaque rôle déclaré, même vide : parties_du_role.partenaire
    budget: VueBudget
    financement: list[VueFlux]  # les flux de l'article 4, dans l'ordre
    signature: VueSignature


@dataclass(frozen=True)
class ContexteAppel:
    collectivite: Collectivite
    convention: Convention
    convention_signee_le: str
    decision: VueDecisionCitee
    appel: VueAppel
    lettre: VueLettre
    avenants: list[VueAvenantCite]  # les avenants en vigueur dont dépend le montant
    fondement: str  # « Ce montant est calculé sur le versement effectué : … », ou ""
    titre_de_recettes: VueTitreDeRecettes | None  # le bloc pour la comptabilité, si le dossier le demande


@dataclass(frozen=True)
class ContexteAvenant:
    collectivite: Collectivite
    convention: Convention  # telle que l'avenant la laisse
    parties: list[VuePartie]  # avec leurs représentants à la date de l'avenant
    avenant: VueAvenant
    convention_signee_le: str
    decision: VueDecisionCitee
    signature: VueSignature


CONTEXTES = {
    "decision.docx": ContexteDecision,
    "deliberation.docx": ContexteDeliberation,
    "appel_de_fonds.docx": ContexteAppel,
    "avenant.docx": ContexteAvenant,
    "convocation.docx": ContexteConvocation,
    "emargement.docx": ContexteEmargement,
    "liste_des_actes.docx": ContexteListeActes,
    "proces_verbal.docx": ContexteProcesVerbal,
    "registre.docx": ContexteRegistre,
    "compte_rendu.docx": ContexteCompteRendu,
    "relance.docx": ContexteRelance,
}
"""Le type de contexte de chaque modèle du projet ; tout modèle de convention (déclaré par
son .yaml, `lecture.declarations`) reçoit `ContexteConvention`."""


@dataclass(frozen=True)
class Document:
    """Un document à produire : son modèle, son nom de fichier et son contexte."""

    sorte: str
    reference: str
    modele: str
    nom_fichier: str
    contexte: object  # un des contextes de `CONTEXTES`


Seulement = Literal["actes", "seance"]


def documents(verifie: DossierVerifie, seulement: Seulement | None = None) -> list[Document]:
    """Les documents du dossier : les actes (décisions et délibérations, convention, avenants,
    appels de fonds), puis les documents de chaque séance ; `seulement` retient l'une des deux parts.
    La vue de chaque séance est faite une fois, pour ses actes comme pour ses documents."""
    dossier = verifie.dossier
    vues = [vue_seance(dossier.collectivite, dossier.assemblee_de(seance), seance) for seance in dossier.seances]
    actes = documents_des_actes(verifie, vues) if seulement != "seance" else []
    seances = [document for seance, vue in zip(dossier.seances, vues) for document in documents_de_la_seance(verifie, seance, vue)] if seulement != "actes" else []
    return actes + seances


def documents_de_la_seance(verifie: DossierVerifie, seance: Seance, vue: VueSeance) -> list[Document]:
    """Convocation, émargement, liste des actes examinés, projet de procès-verbal, clôture du registre :
    `<modèle>_<assemblée>_<date>.docx`."""
    reference = f"{seance.assemblee} {seance.date.isoformat()}"
    return [
        Document(modele.removesuffix(".docx"), reference, modele, f"{modele.removesuffix('.docx')}_{seance.assemblee}_{seance.date.isoformat()}.docx", contexte)
        for modele, contexte in contextes_de_la_seance(verifie, seance, vue).items()
    ]


def documents_des_actes(verifie: DossierVerifie, vues_des_seances: list[VueSeance]) -> list[Document]:
    """Les actes du dossier et ceux de sa convention ; `vues_des_seances` : celle de chaque séance du dossier.

    Les versions de la convention viennent des contrôles ; le budget d'origine et chaque
    avenant ne sont mis en vue qu'une fois, pour les décisions qui les citent comme pour
    leurs propres documents."""
    dossier, suite = verifie.dossier, verifie.versions
    vues = vues_des_versions(verifie)
    avenants = {
        version.avenant.numero: vue_avenant(version.avenant, precedente.convention, version.convention, vues[rang], vues[rang + 1])
        for rang, (precedente, version) in enumerate(zip(suite, suite[1:]))
    }
    budget = vues[0].budget if vues else None
    resultat = []
    for seance, vue in zip(dossier.seances, vues_des_seances):
        assemblee = verifie.dossier.assemblee_de(seance)
        sorte, contexte = ("deliberation", ContexteDeliberation) if assemblee.actes == "deliberation" else ("decision", ContexteDecision)
        resultat += [
            Document(sorte, acte.numero, f"{sorte}.docx", f"{sorte}_{_dans_un_nom_de_fichier(acte.numero)}.docx",
                     contexte(dossier.collectivite, assemblee, vue, acte, vue_vote(assemblee, seance, acte), vue_expose(acte, budget, avenants), vue_executoire(acte)))
            for acte in seance.actes
        ]
    if suite:
        resultat += documents_de_la_convention(verifie, vues, avenants)
    return resultat


def contexte_de_la_convention(verifie: DossierVerifie, vues: VuesConvention, parties_de_l_acte: dict[str, VuePartie]) -> ContexteConvention:
    """Le contexte du modèle de la convention : parties par rôle, territoire, budget, flux."""
    convention = verifie.versions[0].convention
    parties = list(parties_de_l_acte.values())
    par_role: dict[str, list[VuePartie]] = {role: [] for role in verifie.roles_declares}
    for partie in parties:
        par_role.setdefault(partie.role, []).append(partie)
    return ContexteConvention(
        collectivite=verifie.dossier.collectivite,
        convention=convention,
        territoire=vue_territoire(verifie.dossier.collectivite),
        parties=parties,
        roles={role: tenants[0] for role, tenants in par_role.items() if len(tenants) == 1},
        parties_du_role=par_role,
        budget=vues.budget,
        financement=list(vues.flux.values()),
        signature=VueSignature(str(convention.lieu_signature), date_ou_blanc(convention.date_signature)),
    )


def documents_de_la_convention(verifie: DossierVerifie, vues: list[VuesConvention], avenants: dict[int, VueAvenant]) -> list[Document]:
    """La convention, ses avenants, puis les appels de fonds de chaque année, chacun selon la
    convention en vigueur à sa date d'émission."""
    dossier, suite = verifie.dossier, verifie.versions
    convention = suite[0].convention
    budget = vues[0].budget
    autorisation = decision_citee(verifie, convention.decision)
    signee_le = date_ou_blanc(convention.date_signature)
    # Les parties de l'acte : l'habilitation « à compléter » de l'EPCI prend la date de la décision qui l'autorise.
    parties = vues_parties(convention, autorisation.date)
    resultat = [
        Document("convention", budget.periode, f"{convention.type}.docx", f"{convention.type}_{budget.periode}.docx", contexte_de_la_convention(verifie, vues[0], parties))
    ]
    for rang, version in enumerate(suite[1:], start=1):
        avenant = version.avenant
        resultat.append(Document("avenant", f"n°{avenant.numero}", "avenant.docx", f"avenant_{avenant.numero}_{budget.periode}.docx", ContexteAvenant(
            collectivite=dossier.collectivite,
            convention=version.convention,
            parties=list(vues_parties(version.convention, verifie.date_de_la_decision(avenant.decision)).values()),
            avenant=avenants[avenant.numero],
            convention_signee_le=signee_le,
            decision=decision_citee(verifie, avenant.decision),
            signature=VueSignature(str(avenant.lieu_signature), date_ou_blanc(avenant.date_signature)),
        )))
    resultat += [
        Document("appel_de_fonds", suivi.appel.reference, "appel_de_fonds.docx", f"appel_de_fonds_{suivi.appel.reference}.docx", ContexteAppel(
            dossier.collectivite, suite[suivi.version].convention, signee_le, autorisation, suivi.appel, suivi.lettre, suivi.avenants,
            suivi.fondement, suivi.titre if suivi.titre.dans_l_appel else None,
        ))
        for suivi in appels_suivis(verifie, vues)
        if suivi.emis
    ]
    return resultat


def vue_expose(acte: Acte, budget: VueBudget | None, avenants: dict[int, VueAvenant]) -> list:
    """Les blocs de l'exposé, ceux qui citent la convention ou un avenant remplacés par leurs chiffres calculés."""
    blocs: list = []
    for bloc in acte.expose:
        if isinstance(bloc, Financement):
            lignes = {ligne.code: ligne for ligne in budget.lignes}
            citation = bloc.financement
            bloc = VueFinancement(lignes[citation.participation], [lignes[code] for code in citation.soutiens], budget.total, budget.periode)
        elif isinstance(bloc, CitationAvenant):
            bloc = avenants[bloc.avenant]
        blocs.append(bloc)
    return blocs


def _dans_un_nom_de_fichier(numero: str) -> str:
    """« 2022/050 » → « 2022-050 » : une barre oblique ferait du numéro un chemin, qui pourrait
    sortir du dossier de sortie (« B1/../../x »)."""
    return numero.replace("/", "-")


