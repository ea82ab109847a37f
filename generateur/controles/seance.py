"""La cohérence des séances : listes des membres, ordre du jour, excusés, mouvements, pouvoirs, quorum, votes.

Chaque contrôle rend des écarts `(chemin du champ, message)` ; tous sont signalés à la fois.
Les chiffres viennent de `presences`, les mots accordés de `francais`.
"""

from __future__ import annotations

import difflib

from generateur.controles import presences
from generateur.controles.codes import rangs_en_double
from generateur.francais import accorder, accorder_liste, article_defini, date_longue, de, joindre, quantite
from generateur.lecture.chemins import Chemin, Ecart, chemin_lisible
from generateur.lecture.schema import Assemblee, Collectivite, Dossier, MembreAssemblee, Seance


def controler_seances(dossier: Dossier) -> list[Ecart]:
    """Les écarts des séances ; une séance n'est lue que si la liste des membres tient debout,
    et ses votes ne sont comptés que si elle-même tient debout."""
    ecarts = controler_assemblees(dossier.assemblees) + controler_numeros(dossier)
    if ecarts:
        return ecarts
    for rang_seance, seance in enumerate(dossier.seances):
        lieu: Chemin = ("seances", rang_seance)
        assemblee, ecarts_seance = _assemblee_de_la_seance(dossier, seance, lieu)
        if assemblee is not None:
            ecarts_seance += controler_seance(seance, lieu, assemblee, dossier.collectivite)
        if assemblee is not None and not ecarts_seance:
            ecarts_seance = controler_quorum(seance, lieu, assemblee) + controler_votes(seance, lieu, assemblee) + controler_nombres_indiques(seance, lieu, assemblee)
        ecarts += ecarts_seance
    return ecarts


def controler_assemblees(assemblees: list[Assemblee]) -> list[Ecart]:
    """Chaque assemblée a son code ; un membre n'est listé qu'une fois pour une même période, sous quelque graphie que ce soit."""
    ecarts: list[Ecart] = []
    codes = [a.code for a in assemblees]
    for rang_double in rangs_en_double(codes):
        ecarts.append((("assemblees", rang_double, "code"), f"assemblée « {codes[rang_double]} » déjà décrite en {chemin_lisible(('assemblees', codes.index(codes[rang_double])))} ; chaque assemblée est décrite une fois"))
    for rang_assemblee, assemblee in enumerate(assemblees):
        membres = assemblee.membres
        lieu = ("assemblees", rang_assemblee, "membres")
        for rang_membre, premier in membres_en_double(membres):
            ecarts.append((lieu + (rang_membre,), f"« {membres[rang_membre].prenom_nom} » est déjà dans la liste en {chemin_lisible(lieu + (premier,))} (« {membres[premier].prenom_nom} ») ; un membre n'est listé qu'une fois"))
    return ecarts


def membres_en_double(membres: list[MembreAssemblee]) -> list[tuple[int, int]]:
    """(rang, rang de la première inscription) de chaque membre déjà listé plus haut, sous le même
    « Prénom NOM » (après normalisation), pour une période qui chevauche. Chacun n'est comparé
    qu'aux inscriptions de son nom : une liste de 60 membres n'en fait pas 1 800 comparaisons."""
    doubles = []
    inscriptions: dict[str, list[int]] = {}
    for rang_membre, membre in enumerate(membres):
        memes_noms = inscriptions.setdefault(presences.cle(membre.prenom_nom), [])
        premier = next((r for r in memes_noms if _mandats_se_chevauchent(membres[r], membre)), None)
        if premier is not None:
            doubles.append((rang_membre, premier))
        memes_noms.append(rang_membre)
    return doubles


def _mandats_se_chevauchent(un: MembreAssemblee, autre: MembreAssemblee) -> bool:
    return not ((un.fin and autre.debut and un.fin < autre.debut) or (autre.fin and un.debut and autre.fin < un.debut))


def _assemblee_de_la_seance(dossier: Dossier, seance: Seance, lieu: Chemin) -> tuple[Assemblee | None, list[Ecart]]:
    """L'assemblée citée par la séance, qui prend la sorte d'actes que la séance liste."""
    assemblee = dossier.assemblee_de(seance)
    if assemblee is None:
        codes = ", ".join(f"« {a.code} »" for a in dossier.assemblees)
        return None, [(lieu + ("assemblee",), f"« {seance.assemblee} » n'est pas une assemblée du dossier ; attendu : {codes} (assemblees)")]
    attendu = "deliberations" if assemblee.actes == "deliberation" else "decisions"
    if seance.champ_actes != attendu:
        return assemblee, [(lieu + (seance.champ_actes,), f"{article_defini(assemblee.intitule, assemblee.genre, True)} prend des « {attendu} », pas des « {seance.champ_actes} »")]
    return assemblee, []


def controler_seance(seance: Seance, lieu: Chemin, assemblee: Assemblee, collectivite: Collectivite) -> list[Ecart]:
    """Ordre du jour, noms cités, excusés, pouvoirs, suppléances, mouvements, présidence et secrétaire."""
    ecarts: list[Ecart] = []
    ordre = seance.ordre_du_jour
    for rang_double in rangs_en_double(ordre):
        ecarts.append((lieu + ("ordre_du_jour", rang_double), f"numéro « {ordre[rang_double]} » en double dans l'ordre du jour"))
    for rang_acte, acte in enumerate(seance.actes):
        if acte.numero not in ordre:
            ecarts.append((lieu + (seance.champ_actes, rang_acte, "numero"), f"« {acte.numero} » n'est pas à l'ordre du jour de la séance ({chemin_lisible(lieu + ('ordre_du_jour',))})"))
    ecarts += controler_noms(seance, lieu, assemblee)
    if ecarts:
        return ecarts
    ecarts += controler_excuses(seance, lieu, assemblee)
    ecarts += controler_mouvements(seance, lieu, assemblee)
    if not ecarts:
        ecarts += controler_pouvoirs(seance, lieu, assemblee)
        ecarts += controler_roles(seance, lieu, assemblee, collectivite)
        ecarts += controler_non_participants(seance, lieu, assemblee)
    return ecarts


def noms_cites(seance: Seance) -> list[tuple[Chemin, str]]:
    """Chaque « Prénom NOM » que la séance cite, et où."""
    cites: list[tuple[Chemin, str]] = [(("presidence", "membre"), seance.presidence.membre)]
    if seance.secretaire:
        cites.append((("secretaire",), seance.secretaire))
    for rang_excuse, excuse in enumerate(seance.excuses):
        cites.append((("excuses", rang_excuse, "membre"), excuse.membre))
        if excuse.pouvoir_a:
            cites.append((("excuses", rang_excuse, "pouvoir_a"), excuse.pouvoir_a))
    cites += [(("absents", rang_absent), nom) for rang_absent, nom in enumerate(seance.absents)]
    cites += [(("mouvements", rang_mouvement, "membre"), m.membre) for rang_mouvement, m in enumerate(seance.mouvements)]
    for rang_acte, acte in enumerate(seance.actes):
        cites += [((seance.champ_actes, rang_acte, "ne_prennent_pas_part", rang_nom), nom) for rang_nom, nom in enumerate(acte.ne_prennent_pas_part)]
    return cites


def controler_noms(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Chaque nom cité est celui d'un membre en exercice à la date de la séance ; un nom presque juste reçoit une suggestion."""
    membres = presences.membres_de_la_seance(assemblee, seance)
    ecarts: list[Ecart] = []
    if seance.membres_en_exercice is not None and seance.membres_en_exercice != len(membres):
        ecarts.append((lieu + ("membres_en_exercice",), f"{seance.membres_en_exercice} indiqué, mais la liste des membres de l'assemblée « {assemblee.code} » en compte {len(membres)} en exercice le {date_longue(seance.date)}"))
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    for chemin, nom in noms_cites(seance):
        if presences.cle(nom) not in par_cle:
            ecarts.append((lieu + chemin, f"« {nom} » n'est pas membre {de(assemblee.intitule, assemblee.genre)} le {date_longue(seance.date)} ; {_suggestion(nom, par_cle, assemblee)}"))
    return ecarts


def _suggestion(nom: str, par_cle: dict[str, MembreAssemblee], assemblee: Assemblee) -> str:
    """« vouliez-vous dire « Éric BRIENS » ? » pour un nom presque juste, parmi les membres par clé."""
    proches = difflib.get_close_matches(presences.cle(nom), list(par_cle), n=1, cutoff=0.75)
    if proches:
        return f"vouliez-vous dire « {par_cle[proches[0]].prenom_nom} » ?"
    return f"attendu : le « Prénom NOM » d'un membre de la liste de l'assemblée « {assemblee.code} » à cette date"


def controler_excuses(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Un membre n'est excusé ou absent qu'une fois ; son suppléant est celui de la liste, et siège toute la séance."""
    ecarts: list[Ecart] = []
    cites = [(("excuses", rang_excuse), excuse.membre) for rang_excuse, excuse in enumerate(seance.excuses)]
    cites += [(("absents", rang_absent), nom) for rang_absent, nom in enumerate(seance.absents)]
    cles = [presences.cle(nom) for _, nom in cites]
    for rang_double in rangs_en_double(cles):
        premier = cles.index(cles[rang_double])
        ecarts.append((lieu + cites[rang_double][0], f"{cites[rang_double][1]} est déjà cité en {chemin_lisible(lieu + cites[premier][0])} ; un membre est excusé ou absent une fois"))
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    for rang_excuse, excuse in enumerate(seance.excuses):
        if excuse.suppleant is None:
            continue
        membre = par_cle[presences.cle(excuse.membre)]
        chemin = lieu + ("excuses", rang_excuse, "suppleant")
        if presences.arrive_en_cours(seance, membre):
            ecarts.append((chemin, f"{membre.prenom_nom} arrive en cours de séance : un suppléant ne siège qu'à la place d'un titulaire absent "
                           "toute la séance ; retirez « suppleant » ou l'arrivée"))
        elif membre.suppleant is None:
            ecarts.append((chemin, f"{membre.prenom_nom} n'a pas de suppléant dans la liste des membres de l'assemblée « {assemblee.code} »"))
        elif presences.cle(excuse.suppleant) != presences.cle(membre.suppleant.prenom_nom):
            ecarts.append((chemin, f"« {excuse.suppleant} » n'est pas {article_defini(accorder('suppléant', membre.suppleant.genre), membre.suppleant.genre)} de {membre.prenom_nom} ; la liste des membres nomme {membre.suppleant.prenom_nom}"))
    return ecarts


def controler_mouvements(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Arrivées, départs et retours cités à l'ordre du jour ; chacun change la présence du membre."""
    ecarts: list[Ecart] = []
    for rang_mouvement, mouvement in enumerate(seance.mouvements):
        chemin = lieu + ("mouvements", rang_mouvement)
        for champ in ("arrivee_a_partir_de", "depart_avant", "retour_a_partir_de"):
            numero = getattr(mouvement, champ)
            if numero is not None and numero not in seance.ordre_du_jour:
                ecarts.append((chemin + (champ,), f"« {numero} » n'est pas à l'ordre du jour de la séance ({chemin_lisible(lieu + ('ordre_du_jour',))})"))
    if ecarts:
        return ecarts
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    deja_vus: set[str] = set()
    for rang_mouvement, mouvement in enumerate(seance.mouvements):
        membre = par_cle[presences.cle(mouvement.membre)]
        if presences.cle(membre.prenom_nom) not in deja_vus:
            deja_vus.add(presences.cle(membre.prenom_nom))
            ecarts += _controler_suite_de_mouvements(seance, lieu, membre)
    return ecarts


def _controler_suite_de_mouvements(seance: Seance, lieu: Chemin, membre: MembreAssemblee) -> list[Ecart]:
    """Une arrivée ou un retour trouve le membre absent, un départ le trouve présent, dans l'ordre des votes ;
    un membre n'arrive qu'une fois (après un départ, il revient)."""
    ecarts = _controler_ordre_des_mouvements(seance, lieu, membre)
    if ecarts:
        return ecarts
    etapes = [
        (presences.rang(seance, getattr(mouvement, champ)), champ, getattr(mouvement, champ), lieu + ("mouvements", rang_mouvement, champ))
        for rang_mouvement, mouvement in enumerate(seance.mouvements)
        if presences.cle(mouvement.membre) == presences.cle(membre.prenom_nom)
        for champ in ("arrivee_a_partir_de", "depart_avant", "retour_a_partir_de")
        if getattr(mouvement, champ) is not None
    ]
    present = presences.present_a_l_ouverture(seance, membre)
    arrivees = 0
    for _, champ, numero, chemin in sorted(etapes, key=lambda etape: etape[0]):
        arrivees += champ == "arrivee_a_partir_de"
        if champ != "depart_avant" and present:
            ecarts.append((chemin, f"{membre.prenom_nom} est déjà {accorder('présent', membre.genre)} au vote de {numero} ; seul un membre absent arrive ou revient"))
        elif champ == "arrivee_a_partir_de" and arrivees > 1:
            ecarts.append((chemin, f"{membre.prenom_nom} est déjà {accorder('arrivé', membre.genre)} plus tôt ; après un départ, un membre revient (« retour_a_partir_de »)"))
        elif champ == "depart_avant" and not present:
            ecarts.append((chemin, f"{membre.prenom_nom} n'est pas {accorder('présent', membre.genre)} au vote de {numero} ; seul un membre présent peut partir"))
        present = champ != "depart_avant"
    return ecarts


def _controler_ordre_des_mouvements(seance: Seance, lieu: Chemin, membre: MembreAssemblee) -> list[Ecart]:
    """Dans un même mouvement, l'arrivée précède le départ, et le départ le retour."""
    ecarts: list[Ecart] = []
    for rang_mouvement, mouvement in enumerate(seance.mouvements):
        if presences.cle(mouvement.membre) != presences.cle(membre.prenom_nom):
            continue
        chemin = lieu + ("mouvements", rang_mouvement)
        depart = mouvement.depart_avant
        if mouvement.arrivee_a_partir_de and depart and presences.rang(seance, depart) <= presences.rang(seance, mouvement.arrivee_a_partir_de):
            ecarts.append((chemin + ("depart_avant",), f"départ avant {depart}, qui ne vient pas après l'arrivée à partir de {mouvement.arrivee_a_partir_de} dans l'ordre du jour"))
        if mouvement.retour_a_partir_de and presences.rang(seance, mouvement.retour_a_partir_de) <= presences.rang(seance, depart):
            ecarts.append((chemin + ("retour_a_partir_de",), f"retour à partir de {mouvement.retour_a_partir_de}, qui ne vient pas après le départ avant {depart} dans l'ordre du jour"))
    return ecarts


def controler_pouvoirs(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Un pouvoir va à un autre membre, présent à au moins un vote, qui n'en porte pas déjà un (L2121-20)."""
    ecarts: list[Ecart] = []
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    mandataires: dict[str, str] = {}
    for rang_excuse, excuse in enumerate(seance.excuses):
        if excuse.pouvoir_a is None:
            continue
        chemin = lieu + ("excuses", rang_excuse, "pouvoir_a")
        mandant, porteur = par_cle[presences.cle(excuse.membre)], par_cle[presences.cle(excuse.pouvoir_a)]
        cle_porteur = presences.cle(porteur.prenom_nom)
        if cle_porteur == presences.cle(mandant.prenom_nom):
            ecarts.append((chemin, f"{mandant.prenom_nom} ne peut pas se donner pouvoir à soi-même"))
        elif not any(presences.present_au_rang(seance, porteur, r) for r in range(len(seance.ordre_du_jour))):
            ecarts.append((chemin, f"pouvoir donné à {porteur.prenom_nom}, qui n'est {accorder('présent', porteur.genre)} à aucun vote ; le mandataire doit être un membre présent"))
        elif cle_porteur in mandataires:
            ecarts.append((chemin, f"{porteur.prenom_nom} porte déjà le pouvoir de {mandataires[cle_porteur]} ; un membre ne peut porter qu'un seul pouvoir"))
        else:
            mandataires[cle_porteur] = mandant.prenom_nom
    return ecarts


def controler_roles(seance: Seance, lieu: Chemin, assemblee: Assemblee, collectivite: Collectivite) -> list[Ecart]:
    """Le président de séance et le secrétaire sont présents à l'ouverture ; un autre président que celui
    de la collectivité a une qualité, dite par la séance ou par sa fonction dans la liste des membres."""
    ecarts: list[Ecart] = []
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    president = par_cle[presences.cle(seance.presidence.membre)]
    if not presences.present_a_l_ouverture(seance, president):
        ecarts.append((lieu + ("presidence", "membre"), f"{president.prenom_nom} préside mais n'est pas {accorder('présent', president.genre)} à l'ouverture"))
    elif seance.presidence.qualite is None and president.fonction is None and presences.cle(president.prenom_nom) != presences.cle(collectivite.president.prenom_nom):
        ecarts.append((lieu + ("presidence", "qualite"), f"{president.prenom_nom} n'est pas {article_defini(accorder('président', collectivite.president.genre), collectivite.president.genre)} de la collectivité "
                       "et la liste des membres ne donne pas sa fonction : sa qualité (« Vice-Président… ») est attendue"))
    if seance.secretaire:
        secretaire = par_cle[presences.cle(seance.secretaire)]
        if not presences.present_a_l_ouverture(seance, secretaire):
            ecarts.append((lieu + ("secretaire",), f"{secretaire.prenom_nom} est {accorder('secrétaire', secretaire.genre)} de séance mais n'est pas {accorder('présent', secretaire.genre)} à l'ouverture"))
    return ecarts


def controler_non_participants(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Qui ne prend pas part au vote d'un acte y est présent, et n'est nommé qu'une fois."""
    ecarts: list[Ecart] = []
    par_cle = presences.membres_de_la_seance_par_cle(assemblee, seance)
    for rang_acte, acte in enumerate(seance.actes):
        rang_vote = presences.rang(seance, acte.numero)
        chemin = lieu + (seance.champ_actes, rang_acte, "ne_prennent_pas_part")
        cles = [presences.cle(nom) for nom in acte.ne_prennent_pas_part]
        for rang_nom, nom in enumerate(acte.ne_prennent_pas_part):
            membre = par_cle[cles[rang_nom]]
            if rang_nom in rangs_en_double(cles):
                ecarts.append((chemin + (rang_nom,), f"{membre.prenom_nom} est déjà nommé dans {chemin_lisible(chemin)}"))
            elif not presences.present_au_rang(seance, membre, rang_vote):
                ecarts.append((chemin + (rang_nom,), f"{membre.prenom_nom} n'est pas {accorder('présent', membre.genre)} au vote de {acte.numero} : seul un membre présent peut ne pas prendre part au vote"))
    return ecarts


def controler_numeros(dossier: Dossier) -> list[Ecart]:
    """Chaque acte du dossier a un numéro propre, toutes séances et assemblées confondues."""
    lieux = [(("seances", rang_seance, seance.champ_actes, rang_acte), acte.numero) for rang_seance, seance in enumerate(dossier.seances) for rang_acte, acte in enumerate(seance.actes)]
    numeros = [numero for _, numero in lieux]
    return [
        (lieux[rang][0] + ("numero",), f"numéro « {numeros[rang]} » déjà utilisé par {chemin_lisible(lieux[numeros.index(numeros[rang])][0])} ; chaque acte a un numéro unique")
        for rang in rangs_en_double(numeros)
    ]


def controler_quorum(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Plus de la moitié des membres en exercice siègent à chaque vote, sauf sur seconde convocation."""
    ecarts: list[Ecart] = []
    for rang_vote, numero in enumerate(seance.ordre_du_jour):
        comptes = presences.comptes(assemblee, seance, rang_vote)
        if not comptes.quorum_atteint:
            ecarts.append((lieu + ("ordre_du_jour", rang_vote), f"quorum non atteint au vote de {numero} : {quantite(comptes.siegent, 'membre')} siégeant (présents ou suppléants), {comptes.quorum} requis sur {comptes.en_exercice} en exercice ; une séance sur seconde convocation le dit (« seconde_convocation: true »)"))
    return ecarts


def controler_votes(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Pour + contre + abstention = votants de l'acte ; « ne_prend_pas_part », s'il est écrit, égale les noms."""
    ecarts: list[Ecart] = []
    for rang_acte, acte in enumerate(seance.actes):
        chemin = lieu + (seance.champ_actes, rang_acte, "vote")
        rang_vote = presences.rang(seance, acte.numero)
        comptes = presences.comptes_de_l_acte(assemblee, seance, acte)
        vote = acte.vote
        if vote.ne_prend_pas_part is not None and vote.ne_prend_pas_part != comptes.ne_prennent_pas_part:
            ecarts.append((chemin + ("ne_prend_pas_part",), f"{vote.ne_prend_pas_part} indiqué, mais {quantite(comptes.ne_prennent_pas_part, 'nom')} dans « ne_prennent_pas_part »"))
        if vote.exprimes_et_abstentions != comptes.votants:
            ecarts.append((chemin, f"pour {vote.pour} + contre {vote.contre} + abstention {vote.abstention} = {vote.exprimes_et_abstentions}, "
                           f"alors que {comptes.votants} membres votent {acte.numero} ({_detail(comptes)}){_partis(seance, assemblee, rang_vote)}"))
    return ecarts


def _detail(comptes: presences.Comptes) -> str:
    """« 23 présents, 0 suppléant, 1 pouvoir » et, s'il y en a, « 1 ne prenant pas part »."""
    detail = f"{quantite(comptes.presents, 'présent')}, {quantite(comptes.suppleants, 'suppléant')}, {quantite(comptes.pouvoirs, 'pouvoir')}"
    if comptes.ne_prennent_pas_part:
        detail += f", {comptes.ne_prennent_pas_part} ne prenant pas part"
    return detail


def _partis(seance: Seance, assemblee: Assemblee, rang_vote: int) -> str:
    """« ; absente à ce vote après un départ : Madame Sylvie LAINE » : qui manque au vote de ceux de l'ouverture."""
    partis = [m for m in presences.presents(assemblee, seance) if not presences.present_au_rang(seance, m, rang_vote)]
    if not partis:
        return ""
    return f" ; {accorder_liste('absent', [m.genre for m in partis])} à ce vote après un départ : {joindre([m.nom_complet for m in partis])}"


def controler_nombres_indiques(seance: Seance, lieu: Chemin, assemblee: Assemblee) -> list[Ecart]:
    """Les nombres de présents et de votants à l'ouverture, s'ils sont écrits dans les données, égalent le calcul."""
    ouverture = presences.comptes(assemblee, seance)
    calcules = {"nombre_presents": ouverture.presents, "nombre_votants": ouverture.votants}
    return [
        (lieu + (champ,), f"{getattr(seance, champ)} indiqué, mais {calcul} selon les présences de la séance")
        for champ, calcul in calcules.items()
        if getattr(seance, champ) is not None and getattr(seance, champ) != calcul
    ]
