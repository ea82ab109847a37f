"""Étape 3 (suite) : la cohérence de la convention — parties, budget, financement, appels de fonds.

Les montants sont comparés au centime près ; chaque écart dit l'année, la ligne et les
deux chiffres qui ne s'accordent pas.
"""

from __future__ import annotations

from generateur.controles.avenants import Version, versions
from generateur.controles.budget import CENT, CENTIME, contributions, cumul, montant_du_flux, montants_de_l_annee, part_de
from generateur.francais import NOMBRE_MAX, date_longue, format_euros, format_nombre, format_pourcentage, quantite
from generateur.lecture.chemins import Chemin, Ecart, chemin_lisible
from generateur.lecture.schema import CitationAvenant, Convention, Dossier, Financement

ROLES = ("epci", "departement", "cci", "cma")
RACINE: Chemin = ("convention",)


def controler_convention(dossier: Dossier) -> tuple[list[Ecart], list[Version]]:
    """Les écarts de la convention, puis de la convention modifiée par chaque avenant, qui
    repasse par tous les contrôles (on s'arrête à la première version fautive) ; et la suite
    des versions, qui ne sert que si aucun écart n'est trouvé."""
    ecarts = _controler_financements_cites(dossier)
    if dossier.convention is None:
        return ecarts + ([(("avenants",), "des avenants sans « convention » à modifier")] if dossier.avenants else []), []
    ecarts_version = controler_une_convention(dossier.convention, dossier)
    if ecarts_version:
        return ecarts + ecarts_version, []
    suite, ecarts_avenants = versions(dossier)
    dates = dossier.dates_des_decisions
    for rang, version in enumerate(suite[1:]):
        avenant = version.avenant
        if avenant.decision not in dates:
            ecarts.append((("avenants", rang, "decision"), f"« {avenant.decision} » n'est pas une décision du dossier ; le numéro de la décision qui autorise l'avenant est attendu"))
        elif avenant.date_effet < dates[avenant.decision]:
            ecarts.append((("avenants", rang, "date_effet"), f"l'avenant n°{avenant.numero} prendrait effet le {date_longue(avenant.date_effet)}, avant la décision {avenant.decision} du {date_longue(dates[avenant.decision])} qui l'autorise"))
        ecarts_version = [
            (("avenants", rang, "modifications"), f"avenant n°{avenant.numero} : {chemin_lisible(RACINE + chemin[1:])} : {message}")
            for chemin, message in controler_une_convention(version.convention, dossier)
        ]
        if ecarts_version:
            return ecarts + ecarts_version, suite
    return ecarts + ecarts_avenants, suite


def controler_une_convention(convention: Convention, dossier: Dossier) -> list[Ecart]:
    """Les écarts d'une convention ; les montants ne sont comparés que si sa structure tient,
    et que leurs sommes s'écrivent."""
    ecarts = _controler_parties(convention) + _controler_structure(convention, dossier)
    return ecarts or _controler_sommes(convention) or _controler_montants(convention) + _controler_flux(convention)


def _controler_financements_cites(dossier: Dossier) -> list[Ecart]:
    """Un exposé ne cite que des lignes du budget de la convention et des avenants du dossier."""
    ecarts: list[Ecart] = []
    numeros_avenants = {avenant.numero for avenant in dossier.avenants}
    lignes = {ligne.code for ligne in dossier.convention.budget.lignes} if dossier.convention else set()
    for rang_seance, seance in enumerate(dossier.seances):
        for rang_decision, decision in enumerate(seance.decisions):
            for rang_bloc, bloc in enumerate(decision.expose):
                chemin = ("seances", rang_seance, "decisions", rang_decision, "expose", rang_bloc)
                if isinstance(bloc, CitationAvenant) and bloc.avenant not in numeros_avenants:
                    ecarts.append((chemin + ("avenant",), f"l'exposé cite l'avenant n°{bloc.avenant}, que le dossier ne contient pas"))
                if not isinstance(bloc, Financement):
                    continue
                if dossier.convention is None:
                    ecarts.append((chemin, "l'exposé cite le budget d'une convention, mais le dossier n'a pas de « convention »"))
                    continue
                ecarts += _renvois([bloc.financement.participation], lignes, chemin + ("financement", "participation"), "ligne du budget")
                ecarts += _renvois(bloc.financement.soutiens, lignes, chemin + ("financement", "soutiens"), "ligne du budget")
    return ecarts


def _controler_parties(convention: Convention) -> list[Ecart]:
    ecarts: list[Ecart] = []
    codes = [partie.code for partie in convention.parties]
    for rang, code in enumerate(codes):
        if code in codes[:rang]:
            ecarts.append((RACINE + ("parties", rang, "code"), f"code « {code} » déjà pris par une autre partie ; chaque partie a son code"))
    roles = [partie.role for partie in convention.parties]
    for role in ROLES:
        if roles.count(role) != 1:
            ecarts.append((RACINE + ("parties",), f"le rôle « {role} » est tenu par {roles.count(role)} parties ; le texte de la convention en attend exactement une"))
    return ecarts


def _controler_structure(convention: Convention, dossier: Dossier) -> list[Ecart]:
    """Années, longueurs des listes et renvois d'un champ à l'autre."""
    budget = convention.budget
    ecarts: list[Ecart] = []
    annees = budget.annees
    if len(annees) != convention.duree_annees:
        ecarts.append((RACINE + ("budget", "annees"), f"{quantite(len(annees), 'année')} de budget pour une convention de {convention.duree_annees} ans ; une année de budget par année de convention est attendue"))
    for rang in range(1, len(annees)):
        if annees[rang] != annees[rang - 1] + 1:
            ecarts.append((RACINE + ("budget", "annees", rang), f"{annees[rang]} ne suit pas {annees[rang - 1]} ; des années consécutives sont attendues"))
    longueurs = [(("budget", "total"), budget.total)] + [
        (("budget", "lignes", rang, "montants"), ligne.montants) for rang, ligne in enumerate(budget.lignes)
    ]
    longueurs.append((("appels_de_fonds", "emission"), convention.appels_de_fonds.emission))
    for chemin, valeurs in longueurs:
        if len(valeurs) != len(annees):
            ecarts.append((RACINE + chemin, f"{len(valeurs)} valeurs pour {quantite(len(annees), 'année')} ({', '.join(map(str, annees))}) ; une par année est attendue"))

    parties = {partie.code for partie in convention.parties}
    lignes = [ligne.code for ligne in budget.lignes]
    for rang, code in enumerate(lignes):
        if code in lignes[:rang]:
            ecarts.append((RACINE + ("budget", "lignes", rang, "code"), f"code « {code} » déjà pris par une autre ligne du budget"))
    for rang, ligne in enumerate(budget.lignes):
        ecarts += _renvois(ligne.parties, parties, RACINE + ("budget", "lignes", rang, "parties"), "partie")

    flux_vus: list[str] = []
    for rang, flux in enumerate(convention.financement):
        chemin = RACINE + ("financement", rang)
        ecarts += _renvois([flux.emetteur], parties, chemin + ("emetteur",), "partie")
        ecarts += _renvois([flux.destinataire], parties, chemin + ("destinataire",), "partie")
        ecarts += _renvois(flux.budget_hors, set(lignes), chemin + ("budget_hors",), "ligne du budget")
        if flux.egal_a_ligne:
            ecarts += _renvois([flux.egal_a_ligne], set(lignes), chemin + ("egal_a_ligne",), "ligne du budget")
        if flux.taux_de and flux.taux_de not in flux_vus:
            ecarts.append((chemin + ("taux_de",), f"« {flux.taux_de} » n'est pas un flux défini plus haut dans « financement »"))
        flux_vus.append(flux.code)
        emetteur = next((p for p in convention.parties if p.code == flux.emetteur), None)
        if emetteur is not None and (emetteur.iban is None or emetteur.bic is None):
            ecarts.append((RACINE + ("parties", convention.parties.index(emetteur)), f"{emetteur.nom} appelle des fonds (flux « {flux.code} ») : son IBAN et son BIC sont attendus"))

    appels = convention.appels_de_fonds
    for rang, (annee, emission) in enumerate(zip(annees, appels.emission)):
        if emission.year != annee:
            ecarts.append((RACINE + ("appels_de_fonds", "emission", rang), f"l'appel de fonds de {annee} est daté de {emission.year} ; une date de {annee} est attendue"))
    for annee in appels.depenses_realisees:
        if annee not in annees:
            ecarts.append((RACINE + ("appels_de_fonds", "depenses_realisees", annee), f"{annee} n'est pas une année du budget ({', '.join(map(str, annees))})"))
    if convention.decision not in dossier.dates_des_decisions:
        ecarts.append((RACINE + ("decision",), f"« {convention.decision} » n'est pas une décision du dossier ; le numéro de la décision qui autorise la convention est attendu"))
    return ecarts


def _renvois(codes: list[str], connus: set[str], chemin: Chemin, sorte: str) -> list[Ecart]:
    return [(chemin, f"« {code} » n'est pas une {sorte} de la convention ({', '.join(sorted(connus))})") for code in codes if code not in connus]


def _controler_sommes(convention: Convention) -> list[Ecart]:
    """Contributions d'une année, cumul d'une ligne et cumul des totaux restent sous mille
    milliards d'euros : au-delà, aucun montant ne s'écrit en lettres, ni dans l'acte ni ici."""
    budget = convention.budget
    sommes = [
        (("budget", "total", rang_annee), f"{annee} : les contributions", contributions(budget, rang_annee))
        for rang_annee, annee in enumerate(budget.annees)
    ]
    sommes += [(("budget", "lignes", rang, "montants"), f"les montants de « {ligne.libelle} »", cumul(ligne.montants)) for rang, ligne in enumerate(budget.lignes)]
    sommes.append((("budget", "total"), "les totaux annuels", cumul(budget.total)))
    return [
        (RACINE + chemin, f"{quoi} font {format_nombre(somme)}\u00a0€ : un montant écrit dans les actes reste sous mille milliards d'euros")
        for chemin, quoi, somme in sommes
        if somme >= NOMBRE_MAX
    ]


def _controler_montants(convention: Convention) -> list[Ecart]:
    """Lignes = totaux chaque année, parts = montant / total, parts de somme 100 %, cumuls."""
    budget = convention.budget
    ecarts: list[Ecart] = []
    somme_parts = cumul([ligne.part for ligne in budget.lignes])
    if somme_parts != CENT:
        ecarts.append((RACINE + ("budget", "lignes"), f"les parts des partenaires font {format_pourcentage(somme_parts)} ; leur somme doit faire exactement {format_pourcentage(CENT)}"))
    for rang_annee, annee in enumerate(budget.annees):
        total = budget.total[rang_annee]
        apports = contributions(budget, rang_annee)
        if apports != total:
            ecarts.append((RACINE + ("budget", "total", rang_annee), f"{annee} : les contributions font {format_euros(apports)}, le budget total HT est de {format_euros(total)} ; ils doivent être égaux"))
        for rang, ligne in enumerate(budget.lignes):
            montant = ligne.montants[rang_annee]
            if total and abs(montant - total * ligne.part / CENT) >= CENTIME:
                part_reelle = (montant * CENT / total).quantize(CENTIME)
                if part_reelle != ligne.part:
                    constat = f"{format_euros(montant)} font {format_pourcentage(part_reelle)} du budget total HT ({format_euros(total)}), alors que la part de « {ligne.libelle} » est de {format_pourcentage(ligne.part)}"
                else:
                    # L'écart se perd dans l'arrondi du pourcentage : le montant attendu le montre.
                    constat = f"{format_euros(montant)} pour « {ligne.libelle} », alors que sa part de {format_pourcentage(ligne.part)} du budget total HT ({format_euros(total)}) fait {format_euros(part_de(total, ligne.part))}"
                ecarts.append((RACINE + ("budget", "lignes", rang, "montants", rang_annee), f"{annee} : {constat}"))
    for rang, ligne in enumerate(budget.lignes):
        if ligne.cumul is not None and ligne.cumul != cumul(ligne.montants):
            ecarts.append((RACINE + ("budget", "lignes", rang, "cumul"), f"cumul indiqué {format_euros(ligne.cumul)}, mais les montants de « {ligne.libelle} » font {format_euros(cumul(ligne.montants))}"))
    if budget.cumul is not None and budget.cumul != cumul(budget.total):
        ecarts.append((RACINE + ("budget", "cumul"), f"cumul indiqué {format_euros(budget.cumul)}, mais les totaux annuels font {format_euros(cumul(budget.total))}"))
    return ecarts


def _controler_flux(convention: Convention) -> list[Ecart]:
    """Chaque flux qui doit égaler une ligne du budget l'égale chaque année ; aucun appel de
    fonds n'est de 0 € (un titre de recettes de zéro euro n'a pas de sens)."""
    ecarts: list[Ecart] = []
    for rang_annee, annee in enumerate(convention.budget.annees):
        base, lignes = montants_de_l_annee(convention, rang_annee)
        for rang, flux in enumerate(convention.financement):
            montant = montant_du_flux(convention, flux, base, lignes)
            if montant == 0:
                ecarts.append((RACINE + ("financement", rang), f"{annee} : le flux « {flux.code} » fait {format_euros(montant)} ; un appel de fonds de ce montant n'est pas émis : corrigez le budget ou les dépenses réalisées de {annee}"))
            if flux.egal_a_ligne is None:
                continue
            # Un flux négatif vient de lignes qui dépassent le total de l'année, déjà signalées.
            if montant != lignes[flux.egal_a_ligne] and montant >= 0:
                ligne = next(l for l in convention.budget.lignes if l.code == flux.egal_a_ligne)
                ecarts.append((RACINE + ("financement", rang), f"{annee} : le flux « {flux.code} » fait {format_euros(montant)}, alors que la ligne « {ligne.libelle} » prévoit {format_euros(lignes[flux.egal_a_ligne])} ; ils doivent être égaux"))
    return ecarts
