"""Ce que la convention et ses appels de fonds montrent : parties nommées et accordées,
tableau du budget, flux de l'article 4 et calcul de chaque appel, depuis `budget.py`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from stdnum import iban

from generateur.controles.budget import budget_prevu, cumul, montant_du_flux, montants_de_l_annee
from generateur.francais import a, accorder, article_defini, date_longue, de, format_euros, format_pourcentage, initiale_majuscule, nom_insecable, possessif
from generateur.lecture.schema import ACompleter, Budget, Convention, Partie


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


def date_ou_blanc(valeur: datetime.date | ACompleter) -> str:
    """Une date d'acte en lettres, ou le blanc à remplir à la main."""
    return date_longue(valeur) if isinstance(valeur, datetime.date) else str(valeur)


def vues_parties(convention: Convention, decision_autorisante: datetime.date | None = None) -> dict[str, VuePartie]:
    """Les parties de la convention, par code, dans l'ordre de la convention.

    `decision_autorisante` : date de la décision qui autorise l'acte (convention ou avenant) ;
    elle habilite le représentant de l'EPCI, dont l'habilitation « à compléter » est alors remplie.
    """
    return {partie.code: vue_partie(partie, decision_autorisante if partie.role == "epci" else None) for partie in convention.parties}


def vue_partie(partie: Partie, decision_autorisante: datetime.date | None = None) -> VuePartie:
    """Une partie nommée comme dans l'acte, chaque mot accordé à son genre."""
    representant = partie.representant
    represente = accorder("représenté", partie.genre)
    if isinstance(representant, ACompleter):
        representation, fonction, signataire = f"{represente} par {representant}", str(representant), str(representant)
    else:
        titre = accorder(representant.fonction, representant.genre)
        representation = f"{represente} par {possessif(representant.genre, titre)} {titre} {nom_insecable(representant.prenom_nom)}"
        # Sous la signature, le nom tient sur une ligne : prénom et nom liés aussi.
        fonction, signataire = article_defini(titre, representant.genre, majuscule=True), nom_insecable(representant.prenom_nom).replace(" ", "\u00a0")
    if partie.habilitation is not None:
        genre = partie.genre if isinstance(representant, ACompleter) else representant.genre
        habilitation = decision_autorisante if isinstance(partie.habilitation, ACompleter) and decision_autorisante else partie.habilitation
        representation += f", dûment {accorder('habilité', genre)} par décision en date du {date_ou_blanc(habilitation)}"
    commence_par_article = partie.denomination.split(" ")[0].lower() in ("le", "la", "les") or partie.denomination.lower().startswith("l'")
    return VuePartie(
        code=partie.code,
        intitule=article_defini(partie.nom, partie.genre, majuscule=True),
        nature=partie.nature,
        siege=f"{partie.siege.voie} {a(partie.siege.commune)}",
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
        return VueLigne(code, libelle, designation, list(montants), cumul(montants), part, len(set(montants)) == 1)

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


def vues_appels(convention: Convention, rang_annee: int) -> list[VueAppel]:
    """Les appels de fonds d'une année, un par flux, numérotés AF-année-rang du flux, selon
    `convention` : celle en vigueur à leur date d'émission."""
    appels = []
    budget = convention.budget
    flux = vues_flux(convention, vues_parties(convention))
    annee = budget.annees[rang_annee]
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
class VueFinancement:
    """Le paragraphe financier d'un exposé : la participation et les soutiens, depuis le budget."""

    participation: VueLigne
    soutiens: list[VueLigne]
    total: VueLigne
    periode: str
