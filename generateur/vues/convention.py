"""Ce que la convention et ses appels de fonds montrent : parties nommées et accordées,
territoire, tableau du budget, flux de l'article 4 et calcul de chaque appel, depuis `budget.py`.

Les vues d'une version de la convention sont construites une fois (`vues_convention`) et
servent à la convention, aux avenants et aux appels de fonds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from stdnum import iban

from generateur.controles.appels import Appel
from generateur.controles.budget import budget_prevu, cumul, montant_du_flux, montants_de_l_annee, montants_des_echeances, parts_affichees
from generateur.controles.codes import par_code
from generateur.francais import (
    Genre, accorder, article_defini, avec_article, budget_total_de, date_longue, de, echeancier, format_euros, format_pourcentage, habilitation,
    joindre, montants_par_annee, nature_de_la_sorte, nom_insecable, objet_verse_a, part_demandee, possessif, pronom_sujet, siege_a, versement_recu,
)
from generateur.lecture.schema import ACompleter, Budget, Collectivite, Convention, Flux, Partie


@dataclass(frozen=True)
class VuePartie:
    """Une partie à la convention telle que les actes la nomment."""

    code: str
    role: str  # « cci » : le rôle que lui donne le modèle
    sorte: str  # « chambre_consulaire »
    genre: Genre
    intitule: str  # « La Chambre de Commerce et d'Industrie Ouest Normandie » (article capitalisé)
    nature: str  # « établissement public »
    siege: str  # « 86, rue de l'Exode à Saint-Lô » ; « … au Havre »
    adresse: list[str]  # lignes d'adresse postale : ["86, rue de l'Exode", "50000 Saint-Lô"]
    representation: str  # « représenté par son Président Daniel DUFEU » ; « représentée par _____ » ; « …, dûment habilité par décision en date du _____ »
    ci_apres: str  # « ci-après dénommée « CCI ON » »
    appellation: str  # « la CCI ON », « l'Agglomération », « le Département » : la partie dans le texte
    denomination: str  # « CCI ON », « l'Agglomération »
    pronom: str  # « elle », « il » : la partie reprise dans la phrase suivante
    partenaires: str  # les autres parties dans une phrase : « la CCI ON, la CMA Normandie et le Département »
    fonction_signataire: str  # « Le Président » / « La Présidente »
    signataire: str  # « Daniel DUFEU » ou « _____ »
    iban: str  # « FR76 3000 6000 0112 3456 7890 189 » groupé par 4, ou "" si la partie n'en a pas
    bic: str


@dataclass(frozen=True)
class VueTerritoire:
    """Le territoire de l'EPCI, nommé avec ses articles."""

    departement: str  # « la Manche », « le Calvados », « les Côtes-d'Armor », « La Réunion »
    region: str  # « la Normandie »
    institution_regionale: str  # « la Région Normandie »


@dataclass(frozen=True)
class VueLigne:
    """Une ligne du tableau de budget : un contributeur, ou le total."""

    code: str
    libelle: str  # « CCI ON /CMA Normandie », « BUDGET TOTAL HT »
    designation: str  # « les Chambres Consulaires » : la ligne dans une phrase
    montants: list[Decimal]  # un par année
    cumul: Decimal
    part: Decimal  # affichée, en % : 20 pour 20 % ; 33,34 pour le plus fort reste de trois tiers
    constant: bool  # même montant chaque année


@dataclass(frozen=True)
class VueBudget:
    annees: list[int]  # [2023, 2024, 2025]
    periode: str  # « 2023-2025 »
    total: VueLigne
    lignes: list[VueLigne]


@dataclass(frozen=True)
class VueEcheance:
    """Une échéance d'un flux : « 60 % à la signature de la convention », et son montant chaque année."""

    part: Decimal
    moment: str
    montants: list[Decimal]
    montants_annuels: str  # « 6 000 € » ; « 6 000 € en 2025 et 4 800 € en 2026 »


@dataclass(frozen=True)
class VueFlux:
    """Un flux financier de l'article 4, montant annuel calculé depuis le budget prévu."""

    code: str
    emetteur: VuePartie  # qui appelle les fonds et les reçoit (la CCI ON ; l'Agglomération)
    destinataire: VuePartie  # qui paie (l'Agglomération ; le Département)
    objet: str  # « subvention »
    base: str  # « budget_hors », « lignes », « montants » ou « taux » : la tournure de l'article 4
    montants: list[Decimal]  # un par année du budget prévu : 29 240 ; 14 620
    montants_annuels: str  # « 29 240 € » ; « 7 407,40 € en 2024, 7 680 € en 2025 et 7 860,30 € en 2026 »
    constant: bool  # le même montant chaque année
    deduction: str  # « CCI ON / CMA Normandie » : ce qui est déduit du budget (base « budget_hors »), ou ""
    lignes: str  # « le Département » : les lignes qui font la base « lignes », dans une phrase, ou ""
    taux: Decimal | None  # 50 pour « 50 % de … »
    reference: VueFlux | None  # le flux dont il est le taux
    justificatifs: str  # « accompagnée des justificatifs de règlement », ou ""
    echeances: list[VueEcheance]  # vide : un seul versement par an
    echeancier: str  # « en deux fois : 60 % (6 000 €) à la signature de la convention et 40 % (4 000 €) sur… », ou ""


@dataclass(frozen=True)
class VueCalcul:
    """Une ligne du calcul d'un appel de fonds : « Budget total HT 2023 » 36 550 €."""

    libelle: str
    montant: Decimal


@dataclass(frozen=True)
class VueAppel:
    """Un appel de fonds : un flux, une année, une échéance."""

    reference: str  # « AF-2023-01 » ; « AF-2025-01-1 » pour la 1re échéance d'un flux qui en a plusieurs
    annee: int
    rang_annee: int  # 1 pour l'« ANNEE 1 » du tableau
    date_emission: datetime.date
    date_echeance: datetime.date
    delai_paiement_jours: int
    flux: VueFlux
    echeance: str  # « 60 % à la signature de la convention », ou "" pour un versement unique
    calcul: list[VueCalcul]
    montant: Decimal
    mention_plafond: str  # « Toute dépense au-dessus du budget… » si les dépenses le dépassent, sinon ""


@dataclass(frozen=True)
class VuesConvention:
    """Les vues d'une version de la convention, construites une fois."""

    parties: dict[str, VuePartie]  # par code, dans l'ordre de la convention
    budget: VueBudget
    flux: dict[str, VueFlux]  # par code, dans l'ordre de l'article 4


def date_ou_blanc(valeur: datetime.date | ACompleter) -> str:
    """Une date d'acte en lettres, ou le blanc à remplir à la main."""
    return date_longue(valeur) if isinstance(valeur, datetime.date) else str(valeur)


def vues_convention(convention: Convention) -> VuesConvention:
    parties = vues_parties(convention)
    return VuesConvention(parties, vue_budget(convention.budget), vues_flux(convention, parties))


def vue_territoire(collectivite: Collectivite) -> VueTerritoire:
    departement = collectivite.territoire
    region = departement.region
    return VueTerritoire(departement.avec_article, region.avec_article, article_defini(region.institution, Genre.FEMININ))


def vues_parties(convention: Convention, decision_autorisante: datetime.date | None = None) -> dict[str, VuePartie]:
    """Les parties de la convention, par code, dans l'ordre de la convention.

    `decision_autorisante` : date de la décision qui autorise l'acte (convention ou avenant) ;
    elle habilite le représentant de l'EPCI, dont l'habilitation « à compléter » est alors remplie.
    """
    appellations = {partie.code: avec_article(partie.denomination, partie.genre) for partie in convention.parties}
    return {
        partie.code: vue_partie(
            partie, joindre([nom for code, nom in appellations.items() if code != partie.code]), decision_autorisante if partie.sorte == "epci" else None
        )
        for partie in convention.parties
    }


def _representation(partie: Partie, decision_autorisante: datetime.date | None) -> tuple[str, str, str]:
    """« représentée par sa Présidente Lucie FOURNIER[, dûment habilitée par…] », la fonction et le nom du signataire."""
    representant = partie.representant
    represente = accorder("représenté", partie.genre)
    if isinstance(representant, ACompleter):
        representation, fonction, signataire = f"{represente} par {representant}", str(representant), str(representant)
    else:
        titre = accorder(representant.fonction, representant.genre)
        representation = f"{represente} par {possessif(representant.genre, titre)} {titre} {nom_insecable(representant.prenom_nom)}"
        # Sous la signature, le nom de famille ne se coupe pas ; le prénom peut passer à la ligne
        # au-dessus quand les signataires sont nombreux (cinq colonnes ne tiennent pas cinq noms entiers).
        fonction, signataire = article_defini(titre, representant.genre, majuscule=True), nom_insecable(representant.prenom_nom)
    if partie.habilitation is not None:
        genre = partie.genre if isinstance(representant, ACompleter) else representant.genre
        date = decision_autorisante if isinstance(partie.habilitation, ACompleter) and decision_autorisante else partie.habilitation
        representation += ", " + habilitation(genre, partie.sorte, date_ou_blanc(date))
    return representation, fonction, signataire


def vue_partie(partie: Partie, partenaires: str, decision_autorisante: datetime.date | None = None) -> VuePartie:
    """Une partie nommée comme dans l'acte, chaque mot accordé à son genre."""
    representation, fonction, signataire = _representation(partie, decision_autorisante)
    return VuePartie(
        code=partie.code,
        role=partie.role,
        sorte=partie.sorte,
        genre=partie.genre,
        intitule=article_defini(partie.nom, partie.genre, majuscule=True),
        nature=partie.nature or nature_de_la_sorte(partie.sorte),
        siege=siege_a(partie.siege.voie, partie.siege.commune),
        adresse=[partie.siege.voie, " ".join(filter(None, (partie.siege.code_postal, partie.siege.commune)))],
        representation=representation,
        ci_apres=f"ci-après {accorder('dénommé', partie.genre)} « {partie.denomination} »",
        appellation=avec_article(partie.denomination, partie.genre),
        denomination=partie.denomination,
        pronom=pronom_sujet(partie.genre),
        partenaires=partenaires,
        fonction_signataire=fonction,
        signataire=signataire,
        iban=iban.format(partie.iban) if partie.iban else "",
        bic=partie.bic or "",
    )


def vue_budget(budget: Budget) -> VueBudget:
    """Le tableau de l'article 4 : lignes saisies (ou tirées des parts), cumuls, parts affichées et total calculés."""
    def ligne(code: str, libelle: str, designation: str, montants: list[Decimal], part: Decimal) -> VueLigne:
        return VueLigne(code, libelle, designation, list(montants), cumul(montants), part, len(set(montants)) == 1)

    return VueBudget(
        annees=list(budget.annees),
        periode=f"{budget.annees[0]}-{budget.annees[-1]}",
        total=ligne("total", "BUDGET TOTAL HT", "le budget total", budget.total, Decimal(100)),
        lignes=[ligne(l.code, l.libelle, l.designation, l.montants, part) for l, part in zip(budget.lignes, parts_affichees(budget))],
    )


def _base(flux: Flux) -> str:
    return "budget_hors" if flux.budget_hors else "lignes" if flux.lignes else "montants" if flux.montants else "taux"


def vues_flux(convention: Convention, parties: dict[str, VuePartie]) -> dict[str, VueFlux]:
    """Les flux de l'article 4, par code, leurs montants calculés sur le budget prévu."""
    vues: dict[str, VueFlux] = {}
    annees = convention.budget.annees
    lignes = par_code(convention.budget.lignes)
    for flux in convention.financement:
        montants = [montant_du_flux(convention, flux, rang, *budget_prevu(convention, rang)) for rang in range(len(annees))]
        par_echeance = [montants_des_echeances(flux, montant) for montant in montants]
        echeances = [
            VueEcheance(echeance.part, echeance.moment, [annee[rang] for annee in par_echeance], montants_par_annee([annee[rang] for annee in par_echeance], annees))
            for rang, echeance in enumerate(flux.calendrier)
        ]
        vues[flux.code] = VueFlux(
            code=flux.code,
            emetteur=parties[flux.emetteur],
            destinataire=parties[flux.destinataire],
            objet=flux.objet,
            base=_base(flux),
            montants=montants,
            montants_annuels=montants_par_annee(montants, annees),
            constant=len(set(montants)) == 1,
            deduction=" / ".join(parties[code].denomination for ligne in flux.budget_hors for code in lignes[ligne].parties),
            lignes=joindre([lignes[code].designation for code in flux.lignes]),
            taux=flux.taux,
            reference=vues.get(flux.taux_de),
            justificatifs=flux.justificatifs or "",
            echeances=echeances,
            echeancier=echeancier([(e.part, e.moment, e.montants_annuels) for e in echeances]),
        )
    return vues


def _calcul(convention: Convention, appel: Appel, vue: VueFlux, parts: dict[str, Decimal]) -> list[VueCalcul]:
    """Les lignes du calcul du montant annuel du flux de l'appel, selon sa base ; le montant
    demandé est celui que les contrôles ont chiffré (`appel.montant_de_l_annee`)."""
    flux, rang_annee = appel.flux, appel.rang_annee
    budget = convention.budget
    annee = budget.annees[rang_annee]
    base, lignes = montants_de_l_annee(convention, rang_annee)
    if flux.budget_hors or flux.lignes:
        calcul = []
        if flux.budget_hors:
            calcul.append(VueCalcul(budget_total_de(annee), budget.total[rang_annee]))
            depenses = convention.appels_de_fonds.depenses_realisees.get(annee)
            if depenses is not None:
                calcul += [VueCalcul(f"Dépenses réalisées {annee}", depenses), VueCalcul("Base retenue : les dépenses, dans la limite du budget", base)]
        prefixe = "Moins la participation" if flux.budget_hors else "Participation"
        for ligne in (l for l in budget.lignes if l.code in flux.budget_hors + flux.lignes):
            calcul.append(VueCalcul(f"{prefixe} {de(ligne.designation)} ({format_pourcentage(parts[ligne.code])})", lignes[ligne.code]))
        return calcul
    if flux.montants:
        return [VueCalcul(f"Montant prévu par la convention pour {annee}", flux.montants[rang_annee])]
    reference = par_code(convention.financement)[flux.taux_de]
    return [
        VueCalcul(objet_verse_a(vue.reference.objet, vue.reference.emetteur.appellation, annee), montant_du_flux(convention, reference, rang_annee, base, lignes)),
        VueCalcul(part_demandee(flux.taux), appel.montant_de_l_annee),
    ]


def _calcul_sur_les_versements(appel: Appel, flux: VueFlux) -> list[VueCalcul]:
    """Le calcul d'un appel fondé sur les versements reçus par l'appel de base : ces versements,
    puis la part demandée."""
    calcul = [VueCalcul(versement_recu(flux.reference.objet, flux.reference.emetteur.appellation, jour, reference), montant) for montant, jour, reference in appel.versements]
    return calcul + [VueCalcul(part_demandee(flux.taux), appel.montant)]


def _mention_plafond(convention: Convention, rang_annee: int) -> str:
    annee = convention.budget.annees[rang_annee]
    total = convention.budget.total[rang_annee]
    depenses = convention.appels_de_fonds.depenses_realisees.get(annee)
    if depenses is None or depenses <= total:
        return ""
    return (
        f"Les dépenses réalisées en {annee} ({format_euros(depenses)}) dépassent le budget prévu ({format_euros(total)}) : "
        f"conformément à l'article 4 de la convention, toute dépense au-dessus de ce budget n'est pas prise en charge."
    )


def vue_appel(convention: Convention, appel: Appel, vues: VuesConvention) -> VueAppel:
    """Un appel de fonds tel que la lettre le montre, calculé sur le budget de `convention` (celle
    qu'il suit, dont `vues` sont les vues) : le calcul de son montant, ligne à ligne."""
    flux, vue = appel.flux, vues.flux[appel.flux.code]
    parts = {ligne.code: ligne.part for ligne in vues.budget.lignes}
    echeance = flux.calendrier[appel.rang_echeance] if flux.calendrier else None
    libelle = f"{format_pourcentage(echeance.part)} {echeance.moment}" if echeance else ""
    if appel.sur_les_versements:
        calcul = _calcul_sur_les_versements(appel, vue)
    else:
        calcul = _calcul(convention, appel, vue, parts)
        if len(flux.calendrier) > 1:
            calcul += [VueCalcul(f"Montant de {appel.annee}", appel.montant_de_l_annee), VueCalcul(f"Échéance : {libelle}", appel.montant)]
    return VueAppel(
        reference=appel.reference,
        annee=appel.annee,
        rang_annee=appel.rang_annee + 1,
        date_emission=appel.date_emission,
        date_echeance=appel.date_echeance,
        delai_paiement_jours=convention.appels_de_fonds.delai_paiement_jours,
        flux=vue,
        echeance=libelle,
        calcul=calcul,
        montant=appel.montant,
        mention_plafond=_mention_plafond(convention, appel.rang_annee),
    )


@dataclass(frozen=True)
class VueFinancement:
    """Le paragraphe financier d'un exposé : la participation et les soutiens, depuis le budget."""

    participation: VueLigne
    soutiens: list[VueLigne]
    total: VueLigne
    periode: str
