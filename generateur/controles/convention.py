"""Étape 3 (suite) : la cohérence de la convention — parties, budget, financement, appels de fonds.

Les montants sont comparés au centime près ; chaque écart dit l'année, la ligne et les
deux chiffres qui ne s'accordent pas.
"""

from __future__ import annotations

from decimal import Decimal

from generateur.controles.avenants import Version, versions
from generateur.controles.budget import CENT, arrondi_au_centieme, completer, contributions, cumul, montant_du_flux, montants_de_l_annee, montants_des_echeances, part_exacte, parts_affichees
from generateur.controles.codes import par_code, rangs_en_double
from generateur.francais import NOMBRE_MAX, date_longue, duree_en_annees, format_euros, format_nombre, format_pourcentage, quantite, sorte_en_phrase
from generateur.lecture.chemins import Chemin, Ecart, chemin_lisible
from generateur.lecture.declarations import Declaration
from generateur.lecture.schema import CitationAvenant, Convention, Dossier, Financement

RACINE: Chemin = ("convention",)


def controler_convention(dossier: Dossier, declarations: dict[str, Declaration]) -> tuple[list[Ecart], list[Version]]:
    """Les écarts de la convention, puis de la convention modifiée par chaque avenant, qui
    repasse par tous les contrôles (on s'arrête à la première version fautive) ; et la suite
    des versions, qui ne sert que si aucun écart n'est trouvé."""
    ecarts = _controler_financements_cites(dossier)
    if dossier.convention is None:
        return ecarts + ([(("avenants",), "des avenants sans « convention » à modifier")] if dossier.avenants else []), []
    ecarts_version = controler_une_convention(dossier.convention, dossier, declarations)
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
            for chemin, message in controler_une_convention(version.brute, dossier, declarations)
        ]
        if ecarts_version:
            return ecarts + ecarts_version, suite
    return ecarts + ecarts_avenants, suite


def controler_une_convention(convention: Convention, dossier: Dossier, declarations: dict[str, Declaration]) -> list[Ecart]:
    """Les écarts d'une convention telle qu'écrite ; les montants (tirés des parts s'il le
    faut) ne sont comparés que si sa structure tient, et que leurs sommes s'écrivent."""
    ecarts = _controler_parties(convention, declarations) + _controler_structure(convention, dossier) + _controler_flux_structure(convention)
    if ecarts:
        return ecarts
    complete = completer(convention)
    return _controler_parts_seules(convention) or _controler_sommes(complete) or _controler_montants(convention, complete) + _controler_flux(complete)


def _controler_financements_cites(dossier: Dossier) -> list[Ecart]:
    """Un exposé (de décision ou de délibération) ne cite que des lignes du budget de la convention
    et des avenants du dossier."""
    ecarts: list[Ecart] = []
    numeros_avenants = {avenant.numero for avenant in dossier.avenants}
    lignes = {ligne.code for ligne in dossier.convention.budget.lignes} if dossier.convention else set()
    for rang_seance, seance in enumerate(dossier.seances):
        for rang_acte, acte in enumerate(seance.actes):
            for rang_bloc, bloc in enumerate(acte.expose):
                chemin = ("seances", rang_seance, seance.champ_actes, rang_acte, "expose", rang_bloc)
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


def _controler_parties(convention: Convention, declarations: dict[str, Declaration]) -> list[Ecart]:
    """Codes uniques ; chaque partie tient un rôle que le modèle déclare, avec une sorte qu'il admet ;
    chaque rôle déclaré pour une seule partie est tenu exactement une fois."""
    ecarts: list[Ecart] = [
        (RACINE + ("parties", rang, "code"), f"code « {convention.parties[rang].code} » déjà pris par une autre partie ; chaque partie a son code")
        for rang in rangs_en_double([partie.code for partie in convention.parties])
    ]
    declaration = declarations.get(convention.type)
    if declaration is None:
        return ecarts + [(RACINE + ("type",), f"aucun modèle de convention « {convention.type} » (modeles/{convention.type}.docx et sa déclaration .yaml) ; types connus : {', '.join(sorted(declarations)) or 'aucun'}")]
    modele = f"{convention.type}.docx"
    for rang, partie in enumerate(convention.parties):
        role = declaration.roles.get(partie.role)
        if role is None:
            ecarts.append((RACINE + ("parties", rang, "role"), f"rôle « {partie.role} » inconnu du modèle {modele} ; rôles déclarés : {', '.join(declaration.roles)}"))
        elif role.sortes and partie.sorte not in role.sortes:
            attendu = " ou ".join(sorte_en_phrase(sorte) for sorte in role.sortes)
            ecarts.append((RACINE + ("parties", rang, "sorte"), f"{partie.nom} est {sorte_en_phrase(partie.sorte)} ; le rôle « {partie.role} » du modèle {modele} ({role.sens}) attend {attendu}"))
    for code, role in declaration.roles.items():
        tenants = [partie.code for partie in convention.parties if partie.role == code]
        if not role.plusieurs and len(tenants) != 1:
            tenu = "n'est tenu par aucune partie" if not tenants else f"est tenu par {len(tenants)} parties ({', '.join(tenants)})"
            ecarts.append((RACINE + ("parties",), f"le rôle « {code} » ({role.sens}) {tenu} ; le modèle {modele} l'attend d'une partie exactement"))
    return ecarts


def _controler_structure(convention: Convention, dossier: Dossier) -> list[Ecart]:
    """Années, longueurs des listes et renvois d'un champ à l'autre."""
    budget = convention.budget
    ecarts: list[Ecart] = []
    annees = budget.annees
    if len(annees) != convention.duree_annees:
        ecarts.append((RACINE + ("budget", "annees"), f"{quantite(len(annees), 'année')} de budget pour une convention de {duree_en_annees(convention.duree_annees)} ; une année de budget par année de convention est attendue"))
    for rang in range(1, len(annees)):
        if annees[rang] != annees[rang - 1] + 1:
            ecarts.append((RACINE + ("budget", "annees", rang), f"{annees[rang]} ne suit pas {annees[rang - 1]} ; des années consécutives sont attendues"))
    longueurs = [(("budget", "total"), budget.total)] + [
        (("budget", "lignes", rang, "montants"), ligne.montants) for rang, ligne in enumerate(budget.lignes) if ligne.montants is not None
    ]
    longueurs += [(("financement", rang, "montants"), flux.montants) for rang, flux in enumerate(convention.financement) if flux.montants]
    longueurs += [
        (("financement", rang, "calendrier", rang_echeance, "emission"), echeance.emission)
        for rang, flux in enumerate(convention.financement)
        for rang_echeance, echeance in enumerate(flux.calendrier)
        if echeance.emission is not None
    ]
    longueurs.append((("appels_de_fonds", "emission"), convention.appels_de_fonds.emission))
    for chemin, valeurs in longueurs:
        if len(valeurs) != len(annees):
            ecarts.append((RACINE + chemin, f"{len(valeurs)} valeurs pour {quantite(len(annees), 'année')} ({', '.join(map(str, annees))}) ; une par année est attendue"))

    parties = {partie.code for partie in convention.parties}
    ecarts += [
        (RACINE + ("budget", "lignes", rang, "code"), f"code « {budget.lignes[rang].code} » déjà pris par une autre ligne du budget")
        for rang in rangs_en_double([ligne.code for ligne in budget.lignes])
    ]
    for rang, ligne in enumerate(budget.lignes):
        ecarts += _renvois(ligne.parties, parties, RACINE + ("budget", "lignes", rang, "parties"), "partie")
    avec_montants = [ligne.montants is not None for ligne in budget.lignes]
    if any(avec_montants) and not all(avec_montants):
        rang = avec_montants.index(False)
        ecarts.append((RACINE + ("budget", "lignes", rang, "montants"), f"« {budget.lignes[rang].libelle} » n'a que sa part, d'autres lignes ont leurs montants ; donnez les montants de toutes les lignes, ou les parts seules de toutes"))

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


def _controler_flux_structure(convention: Convention) -> list[Ecart]:
    """Codes uniques ; renvois des flux vers les parties, les lignes et les flux définis plus
    haut ; échéances de somme 100 % ; IBAN et BIC de qui appelle des fonds."""
    parties = par_code(convention.parties)
    lignes = {ligne.code for ligne in convention.budget.lignes}
    ecarts: list[Ecart] = [
        (RACINE + ("financement", rang, "code"), f"code « {convention.financement[rang].code} » déjà pris par un autre flux")
        for rang in rangs_en_double([flux.code for flux in convention.financement])
    ]
    flux_vus: list[str] = []
    for rang, flux in enumerate(convention.financement):
        chemin = RACINE + ("financement", rang)
        ecarts += _renvois([flux.emetteur], set(parties), chemin + ("emetteur",), "partie")
        ecarts += _renvois([flux.destinataire], set(parties), chemin + ("destinataire",), "partie")
        ecarts += _renvois(flux.budget_hors, lignes, chemin + ("budget_hors",), "ligne du budget")
        ecarts += _renvois(flux.lignes, lignes, chemin + ("lignes",), "ligne du budget")
        if flux.egal_a_ligne:
            ecarts += _renvois([flux.egal_a_ligne], lignes, chemin + ("egal_a_ligne",), "ligne du budget")
        if flux.taux_de and flux.taux_de not in flux_vus:
            ecarts.append((chemin + ("taux_de",), f"« {flux.taux_de} » n'est pas un flux défini plus haut dans « financement »"))
        flux_vus.append(flux.code)
        if flux.calendrier and cumul([echeance.part for echeance in flux.calendrier]) != CENT:
            somme = cumul([echeance.part for echeance in flux.calendrier])
            ecarts.append((chemin + ("calendrier",), f"les échéances du flux « {flux.code} » font {format_pourcentage(somme)} ; leur somme doit faire exactement {format_pourcentage(CENT)}"))
        emetteur = parties.get(flux.emetteur)
        if emetteur is not None and (emetteur.iban is None or emetteur.bic is None):
            ecarts.append((RACINE + ("parties", convention.parties.index(emetteur)), f"{emetteur.nom} appelle des fonds (flux « {flux.code} ») : son IBAN et son BIC sont attendus"))
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


def _controler_montants(ecrite: Convention, convention: Convention) -> list[Ecart]:
    """Lignes = totaux chaque année ; part indiquée = part des
    montants arrondie au centième (ou telle qu'affichée) ; cumuls. `ecrite` est la convention
    telle que saisie, `convention` la même avec les montants tirés des parts."""
    budget = convention.budget
    ecarts: list[Ecart] = []
    for rang_annee, annee in enumerate(budget.annees):
        total = budget.total[rang_annee]
        apports = contributions(budget, rang_annee)
        if apports != total:
            ecarts.append((RACINE + ("budget", "total", rang_annee), f"{annee} : les contributions font {format_euros(apports)}, le budget total HT est de {format_euros(total)} ; ils doivent être égaux"))
    if not ecarts:
        ecarts += _controler_parts_indiquees(ecrite, convention)
    for rang, ligne in enumerate(budget.lignes):
        if ligne.cumul is not None and ligne.cumul != cumul(ligne.montants):
            ecarts.append((RACINE + ("budget", "lignes", rang, "cumul"), f"cumul indiqué {format_euros(ligne.cumul)}, mais les montants de « {ligne.libelle} » font {format_euros(cumul(ligne.montants))}"))
    if budget.cumul is not None and budget.cumul != cumul(budget.total):
        ecarts.append((RACINE + ("budget", "cumul"), f"cumul indiqué {format_euros(budget.cumul)}, mais les totaux annuels font {format_euros(cumul(budget.total))}"))
    return ecarts


def _controler_parts_seules(ecrite: Convention) -> list[Ecart]:
    """Des parts sans montants font exactement 100 % : elles donnent les montants, au centime."""
    if any(ligne.montants is not None for ligne in ecrite.budget.lignes):
        return []
    somme = sum((ligne.part for ligne in ecrite.budget.lignes), start=0)
    if somme == 100:
        return []
    return [(RACINE + ("budget", "lignes"), f"les parts des partenaires font {format_pourcentage(arrondi_au_centieme(somme))} ; leur somme doit faire exactement {format_pourcentage(CENT)}")]


def _controler_parts_indiquees(ecrite: Convention, convention: Convention) -> list[Ecart]:
    """Une part indiquée à côté des montants égale leur part du budget, arrondie au centième
    (ou telle que le tableau l'affiche, le centième du plus fort reste compris)."""
    ecarts: list[Ecart] = []
    affichees = parts_affichees(convention.budget)
    for rang, (ligne, affichee) in enumerate(zip(convention.budget.lignes, affichees)):
        indiquee = ecrite.budget.lignes[rang].part
        if ecrite.budget.lignes[rang].montants is None or indiquee is None:
            continue
        arrondie = arrondi_au_centieme(part_exacte(ligne, convention.budget))
        if arrondi_au_centieme(indiquee) not in (arrondie, affichee):
            ecarts.append((RACINE + ("budget", "lignes", rang, "part"), (
                f"part indiquée {format_pourcentage(arrondi_au_centieme(indiquee))}, mais les montants de « {ligne.libelle} » "
                f"({format_euros(cumul(ligne.montants))} sur {format_euros(cumul(convention.budget.total))}) en font {format_pourcentage(arrondie)} ; "
                f"indiquez {format_pourcentage(affichee)} ou retirez la part, que le tableau calcule"
            )))
    return ecarts


def _controler_flux(convention: Convention) -> list[Ecart]:
    """Chaque flux qui doit égaler une ligne du budget l'égale chaque année ; aucun appel de
    fonds n'est de 0 € (un titre de recettes de zéro euro n'a pas de sens)."""
    ecarts: list[Ecart] = []
    for rang_annee, annee in enumerate(convention.budget.annees):
        base, lignes = montants_de_l_annee(convention, rang_annee)
        for rang, flux in enumerate(convention.financement):
            montant = montant_du_flux(convention, flux, rang_annee, base, lignes)
            if montant == 0:
                ecarts.append((RACINE + ("financement", rang), f"{annee} : le flux « {flux.code} » fait {format_euros(montant)} ; un appel de fonds de ce montant n'est pas émis : corrigez le budget ou les dépenses réalisées de {annee}"))
            elif 0 in montants_des_echeances(flux, montant):
                ecarts.append((RACINE + ("financement", rang, "calendrier"), f"{annee} : une échéance du flux « {flux.code} » fait {format_euros(Decimal(0))} ; un appel de fonds de ce montant n'est pas émis : corrigez le calendrier"))
            if flux.egal_a_ligne is None:
                continue
            # Un flux négatif vient de lignes qui dépassent le total de l'année, déjà signalées.
            if montant != lignes[flux.egal_a_ligne] and montant >= 0:
                ligne = par_code(convention.budget.lignes)[flux.egal_a_ligne]
                ecarts.append((RACINE + ("financement", rang), f"{annee} : le flux « {flux.code} » fait {format_euros(montant)}, alors que la ligne « {ligne.libelle} » prévoit {format_euros(lignes[flux.egal_a_ligne])} ; ils doivent être égaux"))
    return ecarts
