"""Étape 4 : ce que chaque document montre, calculé une fois depuis un dossier vérifié.

Les modèles Word lisent ces valeurs et n'en calculent aucune : les nombres de la
séance, les mentions de départ et de retour, les listes de personnes viennent d'ici.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from stdnum import iban

from . import presences
from .budget import budget_prevu, montant_du_flux, montants_de_l_annee
from .francais import accorder, article_defini, date_longue, de, format_euros, format_pourcentage, initiale_majuscule, possessif
from .schema import ACompleter, Budget, Collectivite, Convention, Decision, Dossier, Financement, Liste, Membre, Mouvement, Partie, Seance


@dataclass(frozen=True)
class Document:
    """Un document à produire : son modèle, son nom de fichier et son contexte."""

    sorte: str
    reference: str
    modele: str
    nom_fichier: str
    contexte: ContexteDecision | ContexteConvention | ContexteAppel


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
    """Tous les documents que décrit le dossier : décisions, puis convention et appels de fonds."""
    budget = vue_budget(dossier.convention.budget) if dossier.convention else None
    resultat = []
    for seance in dossier.seances:
        vue = vue_seance(dossier.collectivite, seance)
        resultat += [
            Document(
                sorte="decision",
                reference=decision.numero,
                modele="decision.docx",
                nom_fichier=f"decision_{decision.numero}.docx",
                contexte=ContexteDecision(dossier.collectivite, vue, decision, vue_expose(decision, budget)),
            )
            for decision in seance.decisions
        ]
    if dossier.convention is not None:
        resultat += documents_de_la_convention(dossier, dossier.convention, budget)
    return resultat


def documents_de_la_convention(dossier: Dossier, convention: Convention, budget: VueBudget) -> list[Document]:
    """La convention, puis un appel de fonds par flux et par année."""
    parties = {partie.code: vue_partie(partie) for partie in convention.parties}
    flux = vues_flux(convention, parties)
    signee_le = date_longue(convention.date_signature) if isinstance(convention.date_signature, datetime.date) else str(convention.date_signature)
    resultat = [
        Document(
            sorte="convention",
            reference=budget.periode,
            modele="convention.docx",
            nom_fichier=f"convention_{budget.periode}.docx",
            contexte=ContexteConvention(
                collectivite=dossier.collectivite,
                convention=convention,
                parties=list(parties.values()),
                roles={partie.role: parties[partie.code] for partie in convention.parties},
                budget=budget,
                financement=flux,
                signature=VueSignature(lieu=str(convention.lieu_signature), date=signee_le),
            ),
        )
    ]
    decision = VueDecisionAutorisante(
        numero=convention.decision,
        date=next(seance.date for seance in dossier.seances for decision in seance.decisions if decision.numero == convention.decision),
        assemblee=f"{dossier.collectivite.assemblee.nom} {dossier.collectivite.assemblee.qualificatif}",
    )
    for appel in vues_appels(convention, flux):
        resultat.append(
            Document(
                sorte="appel_de_fonds",
                reference=appel.reference,
                modele="appel_de_fonds.docx",
                nom_fichier=f"appel_de_fonds_{appel.reference}.docx",
                contexte=ContexteAppel(dossier.collectivite, convention, signee_le, decision, appel),
            )
        )
    return resultat


def vue_seance(collectivite: Collectivite, seance: Seance) -> VueSeance:
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



@dataclass(frozen=True)
class VuePartie:
    """Une partie à la convention telle que les actes la nomment."""

    code: str
    intitule: str  # « La Chambre de Commerce et d'Industrie Ouest Normandie » (article capitalisé)
    nature: str  # « établissement public »
    siege: str  # « 86, rue de l'Exode à Saint-Lô »
    adresse: list[str]  # lignes d'adresse postale : ["86, rue de l'Exode", "50000 Saint-Lô"]
    representation: str  # « représenté par son Président Daniel DUFEU » ; « représentée par _____ » ; « …, dûment habilité par décision en date du _____ »
    ci_apres: str  # « ci-après dénommée « CCI ON » »
    appellation: str  # « la CCI ON », « l'Agglomération », « le Département » : la partie dans le texte
    denomination: str  # « CCI ON », « l'Agglomération »
    fonction_signataire: str  # « Le Président » / « La Présidente »
    signataire: str  # « Daniel DUFEU » ou « _____ »
    iban: str  # « FR76 3000 6000 0112 3456 7890 189 » groupé par 4, ou "" si la partie n'en a pas
    bic: str


@dataclass(frozen=True)
class VueLigne:
    """Une ligne du tableau de budget : un contributeur, ou le total."""

    code: str
    libelle: str  # « CCI ON /CMA Normandie », « BUDGET TOTAL HT »
    designation: str  # « les Chambres Consulaires » : la ligne dans une phrase
    montants: list[Decimal]  # un par année
    cumul: Decimal
    part: Decimal  # en pourcentage : 20 pour 20 %
    constant: bool  # même montant chaque année


@dataclass(frozen=True)
class VueBudget:
    annees: list[int]  # [2023, 2024, 2025]
    periode: str  # « 2023-2025 »
    total: VueLigne
    lignes: list[VueLigne]


@dataclass(frozen=True)
class VueFlux:
    """Un flux financier de l'article 4, montant annuel calculé depuis le budget."""

    emetteur: VuePartie  # qui appelle les fonds (la CCI ON ; l'Agglomération)
    destinataire: VuePartie  # qui paie (l'Agglomération ; le Département)
    objet: str  # « subvention », « subvention »
    montants: list[Decimal]  # un par année du budget prévu : 29 240 ; 14 620
    constant: bool  # le même montant chaque année
    deduction: str  # « CCI ON / CMA Normandie » : ce qui est déduit du budget, ou ""
    taux: Decimal | None  # 50 pour « 50 % de … »
    base: VueFlux | None  # le flux dont il est le taux
    justificatifs: str  # « accompagnée des justificatifs de règlement », ou ""


@dataclass(frozen=True)
class VueCalcul:
    """Une ligne du calcul d'un appel de fonds : « Budget total HT 2023 » 36 550 €."""

    libelle: str
    montant: Decimal


@dataclass(frozen=True)
class VueAppel:
    """Un appel de fonds annuel d'un flux de l'article 4."""

    reference: str  # « AF-2023-01 »
    annee: int
    rang_annee: int  # 1 pour l'« ANNEE 1 » du tableau
    date_emission: datetime.date
    date_echeance: datetime.date
    delai_paiement_jours: int
    flux: VueFlux
    calcul: list[VueCalcul]
    montant: Decimal
    mention_plafond: str  # « Toute dépense au-dessus du budget… » si les dépenses le dépassent, sinon ""


@dataclass(frozen=True)
class VueFinancement:
    """Le paragraphe financier d'un exposé : la participation et les soutiens, depuis le budget."""

    participation: VueLigne
    soutiens: list[VueLigne]
    total: VueLigne
    periode: str


def vue_expose(decision: Decision, budget: VueBudget | None) -> list:
    """Les blocs de l'exposé, le paragraphe financier remplacé par ses chiffres calculés."""
    blocs: list = []
    for bloc in decision.expose:
        if isinstance(bloc, Financement):
            lignes = {ligne.code: ligne for ligne in budget.lignes}
            citation = bloc.financement
            bloc = VueFinancement(lignes[citation.participation], [lignes[code] for code in citation.soutiens], budget.total, budget.periode)
        blocs.append(bloc)
    return blocs


def vue_partie(partie: Partie) -> VuePartie:
    """Une partie nommée comme dans l'acte, chaque mot accordé à son genre."""
    representant = partie.representant
    represente = accorder("représenté", partie.genre)
    if isinstance(representant, ACompleter):
        representation, fonction, signataire = f"{represente} par {representant}", str(representant), str(representant)
    else:
        titre = accorder(representant.fonction, representant.genre)
        representation = f"{represente} par {possessif(representant.genre, titre)} {titre} {representant.prenom_nom}"
        fonction, signataire = article_defini(titre, representant.genre, majuscule=True), representant.prenom_nom
    if partie.habilitation is not None:
        habilitation = date_longue(partie.habilitation) if isinstance(partie.habilitation, datetime.date) else str(partie.habilitation)
        genre = partie.genre if isinstance(representant, ACompleter) else representant.genre
        representation += f", dûment {accorder('habilité', genre)} par décision en date du {habilitation}"
    commence_par_article = partie.denomination.split(" ")[0].lower() in ("le", "la", "les") or partie.denomination.lower().startswith("l'")
    return VuePartie(
        code=partie.code,
        intitule=article_defini(partie.nom, partie.genre, majuscule=True),
        nature=partie.nature,
        siege=f"{partie.siege.voie} à {partie.siege.commune}",
        adresse=[partie.siege.voie, " ".join(filter(None, (partie.siege.code_postal, partie.siege.commune)))],
        representation=representation,
        ci_apres=f"ci-après {accorder('dénommé', partie.genre)} « {partie.denomination} »",
        appellation=partie.denomination if commence_par_article else article_defini(partie.denomination, partie.genre),
        denomination=partie.denomination,
        fonction_signataire=fonction,
        signataire=signataire,
        iban=iban.format(partie.iban) if partie.iban else "",
        bic=partie.bic or "",
    )


def vue_budget(budget: Budget) -> VueBudget:
    """Le tableau de l'article 4 : lignes saisies, cumuls et total calculés."""
    def ligne(code: str, libelle: str, designation: str, montants: list[Decimal], part: Decimal) -> VueLigne:
        return VueLigne(code, libelle, designation, list(montants), sum(montants, Decimal(0)), part, len(set(montants)) == 1)

    return VueBudget(
        annees=list(budget.annees),
        periode=f"{budget.annees[0]}-{budget.annees[-1]}",
        total=ligne("total", "BUDGET TOTAL HT", "le budget total", budget.total, Decimal(100)),
        lignes=[ligne(l.code, l.libelle, l.designation, l.montants, l.part) for l in budget.lignes],
    )


def vues_flux(convention: Convention, parties: dict[str, VuePartie]) -> dict[str, VueFlux]:
    """Les flux de l'article 4, par code, leurs montants calculés sur le budget prévu."""
    vues: dict[str, VueFlux] = {}
    denominations = {ligne.code: [parties[code].denomination for code in ligne.parties] for ligne in convention.budget.lignes}
    for flux in convention.financement:
        montants = [montant_du_flux(convention, flux, *budget_prevu(convention, rang)) for rang in range(len(convention.budget.annees))]
        vues[flux.code] = VueFlux(
            emetteur=parties[flux.emetteur],
            destinataire=parties[flux.destinataire],
            objet=flux.objet,
            montants=montants,
            constant=len(set(montants)) == 1,
            deduction=" / ".join(nom for code in flux.budget_hors for nom in denominations[code]),
            taux=flux.taux,
            base=vues.get(flux.taux_de),
            justificatifs=flux.justificatifs or "",
        )
    return vues


def vues_appels(convention: Convention, flux: dict[str, VueFlux]) -> list[VueAppel]:
    """Un appel de fonds par année et par flux, numéroté AF-année-rang du flux."""
    appels = []
    budget = convention.budget
    for rang_annee, annee in enumerate(budget.annees):
        base, lignes = montants_de_l_annee(convention, rang_annee)
        total = budget.total[rang_annee]
        depenses = convention.appels_de_fonds.depenses_realisees.get(annee)
        emission = convention.appels_de_fonds.emission[rang_annee]
        for rang_flux, regle in enumerate(convention.financement):
            vue = flux[regle.code]
            montant = montant_du_flux(convention, regle, base, lignes)
            if regle.budget_hors:
                calcul = [VueCalcul(f"Budget total HT {annee}", total)]
                if depenses is not None:
                    calcul += [VueCalcul(f"Dépenses réalisées {annee}", depenses), VueCalcul("Base retenue : les dépenses, dans la limite du budget", base)]
                for ligne in (l for l in budget.lignes if l.code in regle.budget_hors):
                    calcul.append(VueCalcul(f"Moins la participation {de(ligne.designation)} ({format_pourcentage(ligne.part)})", lignes[ligne.code]))
            else:
                reference = next(f for f in convention.financement if f.code == regle.taux_de)
                calcul = [
                    VueCalcul(f"{initiale_majuscule(vue.base.objet)} versée à {vue.base.emetteur.appellation} pour {annee}", montant_du_flux(convention, reference, base, lignes)),
                    VueCalcul(f"Part demandée : {format_pourcentage(regle.taux)}", montant),
                ]
            plafond = ""
            if depenses is not None and depenses > total:
                plafond = (
                    f"Les dépenses réalisées en {annee} ({format_euros(depenses)}) dépassent le budget prévu ({format_euros(total)}) : "
                    f"conformément à l'article 4 de la convention, toute dépense au-dessus de ce budget n'est pas prise en charge."
                )
            appels.append(VueAppel(
                reference=f"AF-{annee}-{rang_flux + 1:02d}",
                annee=annee,
                rang_annee=rang_annee + 1,
                date_emission=emission,
                date_echeance=emission + datetime.timedelta(days=convention.appels_de_fonds.delai_paiement_jours),
                delai_paiement_jours=convention.appels_de_fonds.delai_paiement_jours,
                flux=vue,
                calcul=calcul,
                montant=montant,
                mention_plafond=plafond,
            ))
    return appels


@dataclass(frozen=True)
class VueSignature:
    lieu: str  # « Cherbourg-en-Cotentin », ou « _____ » à remplir à la main
    date: str  # « 2 avril 2024 », ou « _____ »


@dataclass(frozen=True)
class VueDecisionAutorisante:
    numero: str  # « B050_2022 »
    date: datetime.date  # date de la séance
    assemblee: str  # « Bureau communautaire »


# Le contexte de chaque modèle : ses noms de premier niveau et leurs types, décrits une fois.


@dataclass(frozen=True)
class ContexteDecision:
    collectivite: Collectivite
    seance: VueSeance
    decision: Decision
    expose: list[str | Liste | VueFinancement]


@dataclass(frozen=True)
class ContexteConvention:
    collectivite: Collectivite
    convention: Convention
    parties: list[VuePartie]
    roles: dict[str, VuePartie]
    budget: VueBudget
    financement: dict[str, VueFlux]
    signature: VueSignature


@dataclass(frozen=True)
class ContexteAppel:
    collectivite: Collectivite
    convention: Convention
    convention_signee_le: str
    decision: VueDecisionAutorisante
    appel: VueAppel


CONTEXTES = {"decision.docx": ContexteDecision, "convention.docx": ContexteConvention, "appel_de_fonds.docx": ContexteAppel}
"""Le type de contexte de chaque modèle du projet."""
