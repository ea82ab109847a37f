"""La trésorerie des appels de fonds : chaque appel tel qu'il est émis (un appel fondé sur un
autre paiement attend ce paiement et se calcule dessus), les paiements reçus, ce qui reste dû
à une date, et ce que la comptabilité saisit pour le titre de recettes.

Les appels sont numérotés et chiffrés par les contrôles (`controles.appels`) ; ici, on les
met en mots et on les suit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from generateur.controles import DossierVerifie
from generateur.controles.appels import Appel, paiements_par_appel
from generateur.controles.budget import cumul
from generateur.controles.codes import par_code
from generateur.francais import (
    attente_du_paiement, date_courte, date_longue, fondement_du_montant, initiale_majuscule, lieu_et_date, nieme_relance, quantite,
    vocatif,
)
from generateur.lecture.schema import ACompleter, Collectivite, Convention, Partie
from generateur.vues.convention import VueAppel, VuesConvention, vue_appel, vues_convention

MODIFIENT_LES_MONTANTS = ("budget", "financement", "appels_de_fonds")
"""Les parties d'une convention dont dépend le montant d'un appel : l'avenant qui en modifie une est cité."""


@dataclass(frozen=True)
class VueAvenantCite:
    """Un avenant en vigueur dont le montant de l'appel dépend."""

    numero: int
    date_effet: datetime.date
    decision: str  # « B140_2024 »
    date_decision: datetime.date
    assemblee: str  # « Bureau communautaire »


@dataclass(frozen=True)
class VueLettre:
    """L'en-tête et la politesse d'une lettre adressée au représentant du destinataire."""

    lieu_et_date: str  # « Cherbourg-en-Cotentin, le 15 janvier 2023 »
    vocatif: str  # « Monsieur le Président » : « {{ vocatif }}, » en appel et dans la formule de politesse


@dataclass(frozen=True)
class VueTitreDeRecettes:
    """Les champs du titre de recettes, nommés comme la comptabilité les saisit."""

    debiteur: str
    siret: str
    adresse: str
    objet: str
    montant: Decimal
    exercice: int
    budget: str
    imputation: str
    piece_justificative: str
    dans_l_appel: bool


@dataclass(frozen=True)
class VuePaiement:
    date: datetime.date
    montant: Decimal
    reference_bancaire: str


@dataclass(frozen=True)
class AppelSuivi:
    """Un appel de fonds tel qu'il est émis, et les paiements reçus dessus."""

    appel: VueAppel  # montant, dates et calcul définitifs
    version: int  # rang de la version de la convention qu'il suit
    emis: bool  # False : il attend le paiement qui le fonde
    attente: str  # « il attend le paiement de l'appel AF-2025-01 », ou ""
    fondement: str  # « Ce montant est calculé sur le versement effectué : … », ou "" (flux qui ne suit aucun paiement)
    avenants: list[VueAvenantCite]
    lettre: VueLettre
    titre: VueTitreDeRecettes
    paiements: list[VuePaiement]


def vues_des_versions(verifie: DossierVerifie) -> list[VuesConvention]:
    return [vues_convention(version.convention) for version in verifie.versions]


def appels_suivis(verifie: DossierVerifie, vues: list[VuesConvention]) -> list[AppelSuivi]:
    """Tous les appels de la convention, tels que les contrôles les ont chiffrés (`verifie.appels`),
    mis en mots selon la convention que chacun suit ; `vues` sont celles de chaque version."""
    paiements = paiements_par_appel(verifie.dossier.paiements or [])
    suivis: list[AppelSuivi] = []
    for appel in verifie.appels:
        convention = verifie.versions[appel.version].convention
        vue = vue_appel(convention, appel, vues[appel.version])
        reglements = [VuePaiement(p.date, p.montant, p.reference_bancaire or "") for _, p in paiements.get(appel.reference, [])]
        avenants = _avenants_cites(verifie, appel.version)
        suivis.append(AppelSuivi(
            vue, appel.version, appel.emis, "" if appel.emis else attente_du_paiement(appel.attend), _fondement(appel), avenants,
            _lettre(convention.parties, vue, vue.date_emission), _titre(verifie, vues[0], vue, avenants), reglements,
        ))
    return suivis


def _fondement(appel: Appel) -> str:
    """Un appel fondé sur un autre dit sur quoi son montant est calculé (le budget prévu tant que
    les versements ne le fondent pas) ; les autres n'en disent rien."""
    if appel.flux.taux_de is None:
        return ""
    return fondement_du_montant(list(appel.versements) if appel.sur_les_versements else [])


def _avenants_cites(verifie: DossierVerifie, rang: int) -> list[VueAvenantCite]:
    return [
        VueAvenantCite(v.avenant.numero, v.avenant.date_effet, v.avenant.decision, verifie.date_de_la_decision(v.avenant.decision), verifie.assemblee_de_la_decision(v.avenant.decision))
        for v in verifie.versions[1:rang + 1]
        if v.avenant.modifications.model_fields_set & set(MODIFIENT_LES_MONTANTS)
    ]


def _lettre(parties: list[Partie], appel: VueAppel, jour: datetime.date) -> VueLettre:
    """La lettre de l'appel (ou de sa relance) écrite le `jour` : lieu, date, et à qui elle s'adresse."""
    destinataire = par_code(parties)[appel.flux.destinataire.code]
    representant = destinataire.representant
    connu = not isinstance(representant, ACompleter)
    commune = par_code(parties)[appel.flux.emetteur.code].siege.commune
    return VueLettre(
        lieu_et_date(commune, jour),
        vocatif(representant.civilite, representant.genre, representant.fonction) if connu else vocatif(None, None, None),
    )


def _titre(verifie: DossierVerifie, origine: VuesConvention, appel: VueAppel, avenants: list[VueAvenantCite]) -> VueTitreDeRecettes:
    """Le titre de recettes de l'appel, chez la partie qui l'émet (créancière) ; `origine` : les
    vues de la convention d'origine, qui nomment le débiteur et la période."""
    convention = verifie.versions[0].convention
    destinataire = par_code(convention.parties)[appel.flux.destinataire.code]
    reglage = next((t for t in verifie.dossier.tresorerie.titres_de_recettes if t.flux == appel.flux.code), None)
    decision = convention.decision
    pieces = [f"Appel de fonds {appel.reference} du {date_courte(appel.date_emission)}", f"convention autorisée par la décision n°{decision} du {date_courte(verifie.date_de_la_decision(decision))}"]
    pieces += [f"avenant n°{a.numero} autorisé par la décision n°{a.decision} du {date_courte(a.date_decision)}" for a in avenants]
    return VueTitreDeRecettes(
        debiteur=destinataire.nom,
        siret=destinataire.siret or "",
        adresse=", ".join(filter(None, origine.parties[destinataire.code].adresse)),
        objet=f"{initiale_majuscule(appel.flux.objet)} {appel.annee} – convention {origine.budget.periode}",
        montant=appel.montant,
        exercice=appel.date_emission.year,
        budget=reglage.budget if reglage else "",
        imputation=reglage.imputation if reglage else "",
        piece_justificative=" ; ".join(pieces),
        dans_l_appel=bool(reglage and reglage.dans_l_appel),
    )


@dataclass(frozen=True)
class Situation:
    """Un appel à une date : ce qui a été payé, ce qui reste, le retard."""

    suivi: AppelSuivi
    paye: Decimal
    reste: Decimal
    jours_de_retard: int  # au solde s'il est soldé, à la date sinon
    etat: str  # « soldé », « soldé avec retard », « en retard », « à échoir »


def situation(suivi: AppelSuivi, au: datetime.date) -> Situation:
    """L'appel à la date `au` : seuls les paiements reçus jusqu'à ce jour comptent."""
    appel = suivi.appel
    recus = [p for p in suivi.paiements if p.date <= au]
    paye = cumul([p.montant for p in recus])
    reste = appel.montant - paye
    fin = recus[-1].date if reste == 0 and recus else au
    retard = max(0, (fin - appel.date_echeance).days)
    if reste == 0:
        etat = "soldé avec retard" if retard else "soldé"
    else:
        etat = "en retard" if retard else "à échoir"
    return Situation(suivi, paye, reste, retard, etat)


def situations(suivis: list[AppelSuivi], au: datetime.date) -> tuple[list[Situation], list[AppelSuivi]]:
    """Les appels émis à la date `au`, et ceux qui restent à émettre."""
    emis = [s for s in suivis if s.emis and s.appel.date_emission <= au]
    return [situation(s, au) for s in emis], [s for s in suivis if s not in emis]


@dataclass(frozen=True)
class VueRelanceCitee:
    """Une relance déjà envoyée pour le même appel, que la suivante cite."""

    rang: int
    titre: str  # « première relance »
    reference: str  # « AF-2025-02-R1 »
    date: datetime.date
    echeance: datetime.date  # la nouvelle échéance qu'elle donnait


@dataclass(frozen=True)
class VueDecisionCitee:
    """La décision (ou délibération) qu'un acte cite : celle qui autorise la convention, un avenant."""

    numero: str  # « B050_2022 »
    date: datetime.date  # date de la séance
    assemblee: str  # « Bureau communautaire »


def decision_citee(verifie: DossierVerifie, numero: str) -> VueDecisionCitee:
    return VueDecisionCitee(numero, verifie.date_de_la_decision(numero), verifie.assemblee_de_la_decision(numero))


@dataclass(frozen=True)
class ContexteRelance:
    """Le contexte du modèle relance.docx : un appel impayé après son échéance, à une date."""

    collectivite: Collectivite
    convention: Convention
    decision: VueDecisionCitee  # la décision qui autorise la convention
    appel: VueAppel
    lettre: VueLettre  # datée du jour de la relance
    rang: int
    titre: str  # « première relance »
    reference: str  # « AF-2025-02-R1 »
    precedentes: list[VueRelanceCitee]
    paiements: list[VuePaiement]  # reçus à la date de la relance
    reste: Decimal
    retard: str  # « 38 jours »
    nouvelle_echeance: datetime.date


def contexte_relance(verifie: DossierVerifie, ligne: Situation, au: datetime.date, precedentes: list[VueRelanceCitee]) -> ContexteRelance:
    """La relance suivante de l'appel de `ligne` à la date `au`, après `precedentes`."""
    suivi = ligne.suivi
    convention = verifie.versions[suivi.version].convention
    rang = len(precedentes) + 1
    return ContexteRelance(
        collectivite=verifie.dossier.collectivite,
        convention=convention,
        decision=decision_citee(verifie, convention.decision),
        appel=suivi.appel,
        lettre=_lettre(convention.parties, suivi.appel, au),
        rang=rang,
        titre=nieme_relance(rang),
        reference=reference_de_relance(suivi.appel.reference, rang),
        precedentes=precedentes,
        paiements=[p for p in suivi.paiements if p.date <= au],
        reste=ligne.reste,
        retard=quantite(ligne.jours_de_retard, "jour"),
        nouvelle_echeance=au + datetime.timedelta(days=verifie.dossier.tresorerie.delai_relance_jours),
    )


def reference_de_relance(appel: str, rang: int) -> str:
    """« AF-2025-02-R1 » : la référence de la relance n° `rang` d'un appel."""
    return f"{appel}-R{rang}"


def relances_a_ecrire(
    verifie: DossierVerifie, lignes: list[Situation], envoyees: dict[str, list[tuple[int, datetime.date]]], au: datetime.date,
) -> tuple[list[ContexteRelance], list[str]]:
    """Une relance pour chaque appel impayé après son échéance à la date `au`, citant celles
    déjà `envoyees` (rang et date, par appel) ; pas de nouvelle relance tant que l'échéance
    de la précédente court (rendue, dite en une ligne)."""
    delai = datetime.timedelta(days=verifie.dossier.tresorerie.delai_relance_jours)
    contextes, en_cours = [], []
    for ligne in (l for l in lignes if l.reste > 0 and l.jours_de_retard > 0):
        reference = ligne.suivi.appel.reference
        precedentes = [VueRelanceCitee(rang, nieme_relance(rang), reference_de_relance(reference, rang), jour, jour + delai) for rang, jour in envoyees.get(reference, [])]
        if precedentes and precedentes[-1].echeance >= au:
            derniere = precedentes[-1]
            en_cours.append(f"{reference} : {derniere.titre} du {date_longue(derniere.date)} en cours, échéance le {date_longue(derniere.echeance)}")
        else:
            contextes.append(contexte_relance(verifie, ligne, au, precedentes))
    return contextes, en_cours
