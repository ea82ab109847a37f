"""La cohérence des séances : ordre du jour, présences, pouvoirs, mouvements, quorum, votes.

Chaque contrôle rend des écarts `(chemin du champ, message)` ; tous sont signalés à la fois.
"""

from __future__ import annotations

from generateur.controles import presences
from generateur.francais import accorder, joindre, quantite
from generateur.lecture.chemins import Chemin, Ecart, chemin_lisible
from generateur.lecture.schema import Collectivite, Dossier, Seance



def controler_seances(dossier: Dossier) -> list[Ecart]:
    """Les écarts des séances ; les votes d'une séance ne sont comptés que si elle tient debout."""
    ecarts = controler_numeros(dossier)
    for rang_seance, seance in enumerate(dossier.seances):
        lieu: Chemin = ("seances", rang_seance)
        ecarts_seance = controler_seance(seance, lieu, dossier.collectivite)
        if not ecarts_seance:
            ecarts_seance = (
                controler_quorum(seance, lieu, dossier.collectivite.assemblee.membres_en_exercice)
                + controler_votes(seance, lieu)
                + controler_nombres_indiques(seance, lieu)
            )
        ecarts += ecarts_seance
    return ecarts


def controler_seance(seance: Seance, lieu: Chemin, collectivite: Collectivite) -> list[Ecart]:
    """Ordre du jour, membres, pouvoirs, suppléances, mouvements et présidence d'une séance."""
    ecarts: list[Ecart] = []
    ordre = seance.ordre_du_jour
    for rang_double in _doublons(ordre):
        ecarts.append((lieu + ("ordre_du_jour", rang_double), f"numéro « {ordre[rang_double]} » en double dans l'ordre du jour"))
    for rang_decision, decision in enumerate(seance.decisions):
        if decision.numero not in ordre:
            ecarts.append((lieu + ("decisions", rang_decision, "numero"), f"« {decision.numero} » n'est pas à l'ordre du jour de la séance ({chemin_lisible(lieu + ('ordre_du_jour',))})"))

    attendus = collectivite.assemblee.membres_en_exercice
    if len(seance.membres) != attendus:
        ecarts.append((lieu + ("membres",), f"{len(seance.membres)} membres listés, alors que l'assemblée compte {attendus} membres en exercice (collectivite.assemblee.membres_en_exercice)"))

    cles = [presences.cle(m.prenom_nom) for m in seance.membres]
    for rang_double in _doublons(cles):
        premier = cles.index(cles[rang_double])
        ecarts.append((lieu + ("membres", rang_double), f"{seance.membres[rang_double].prenom_nom} est déjà listé en {chemin_lisible(lieu + ('membres', premier))} ; un membre n'apparaît qu'une fois, avec une seule présence"))

    par_cle = presences.membres_par_cle(seance)
    mandataires: dict[str, str] = {}
    for rang_membre, membre in enumerate(seance.membres):
        chemin = lieu + ("membres", rang_membre)
        if membre.presence == "present":
            for champ in ("pouvoir_a", "suppleant"):
                if getattr(membre, champ):
                    ecarts.append((chemin + (champ,), f"{membre.prenom_nom} est {accorder('présent', membre.genre)} : seul un membre excusé ou absent donne un pouvoir ou se fait suppléer"))
        elif membre.pouvoir_a and membre.suppleant:
            ecarts.append((chemin + ("pouvoir_a",), f"{membre.prenom_nom} est {accorder('suppléé', membre.genre)} : un membre suppléé ne donne pas aussi pouvoir"))
        if membre.pouvoir_a and membre.presence != "present":
            ecarts += _controler_pouvoir(membre.prenom_nom, membre.pouvoir_a, par_cle, mandataires, chemin + ("pouvoir_a",))
        if membre.mouvements and membre.presence != "present":
            ecarts.append((chemin + ("mouvements",), f"{membre.prenom_nom} n'est pas {accorder('présent', membre.genre)} à l'ouverture : seul un membre présent peut partir en cours de séance"))
        else:
            ecarts += _controler_mouvements(seance, rang_membre, lieu)

    president = par_cle.get(presences.cle(seance.presidence.membre))
    if president is None:
        ecarts.append((lieu + ("presidence", "membre"), f"« {seance.presidence.membre} » n'est pas un membre de la séance ; le « Prénom NOM » d'un membre présent est attendu"))
    elif president.presence != "present":
        ecarts.append((lieu + ("presidence", "membre"), f"{president.prenom_nom} préside mais n'est pas {accorder('présent', president.genre)} à l'ouverture"))
    elif seance.presidence.qualite is None and presences.cle(president.prenom_nom) != presences.cle(collectivite.president.prenom_nom):
        ecarts.append((lieu + ("presidence", "qualite"), f"{president.prenom_nom} n'est pas le président de la collectivité : sa qualité (« Vice-Président… ») est attendue"))
    return ecarts


def _controler_pouvoir(mandant: str, designation: str, par_cle: dict, mandataires: dict, chemin: Chemin) -> list[Ecart]:
    """Un pouvoir va à un autre membre, présent à l'ouverture, qui n'en porte pas déjà un."""
    mandataire = par_cle.get(presences.cle(designation))
    if mandataire is None:
        return [(chemin, f"« {designation} » n'est pas un membre de la séance ; le « Prénom NOM » d'un membre présent est attendu")]
    if presences.cle(mandataire.prenom_nom) == presences.cle(mandant):
        return [(chemin, f"{mandant} ne peut pas se donner pouvoir à soi-même")]
    if mandataire.presence != "present":
        return [(chemin, f"pouvoir donné à {mandataire.prenom_nom}, qui n'est pas {accorder('présent', mandataire.genre)} ; le mandataire doit être un membre présent")]
    cle = presences.cle(mandataire.prenom_nom)
    if cle in mandataires:
        return [(chemin, f"{mandataire.prenom_nom} porte déjà le pouvoir de {mandataires[cle]} ; un membre ne peut porter qu'un seul pouvoir")]
    mandataires[cle] = mandant
    return []


def _controler_mouvements(seance: Seance, rang_membre: int, lieu: Chemin) -> list[Ecart]:
    """Départs et retours cités à l'ordre du jour, chacun après le précédent."""
    membre = seance.membres[rang_membre]
    ecarts: list[Ecart] = []
    fin_precedente = presences.OUVERTURE
    for rang_mouvement, mouvement in enumerate(membre.mouvements):
        chemin = lieu + ("membres", rang_membre, "mouvements", rang_mouvement)
        inconnus = [
            (champ, numero)
            for champ, numero in (("depart_avant", mouvement.depart_avant), ("retour_a_partir_de", mouvement.retour_a_partir_de))
            if numero is not None and numero not in seance.ordre_du_jour
        ]
        for champ, numero in inconnus:
            ecarts.append((chemin + (champ,), f"« {numero} » n'est pas à l'ordre du jour de la séance ({chemin_lisible(lieu + ('ordre_du_jour',))})"))
        if inconnus:
            return ecarts
        depart = presences.rang(seance, mouvement.depart_avant)
        if depart <= fin_precedente:
            ecarts.append((chemin + ("depart_avant",), f"départ avant {mouvement.depart_avant}, alors que {membre.prenom_nom} n'est pas encore revenu ; les mouvements se suivent dans l'ordre des votes"))
        if mouvement.retour_a_partir_de is None:
            fin_precedente = len(seance.ordre_du_jour)
            continue
        retour = presences.rang(seance, mouvement.retour_a_partir_de)
        if retour <= depart:
            ecarts.append((chemin + ("retour_a_partir_de",), f"retour à partir de {mouvement.retour_a_partir_de}, qui ne vient pas après le départ avant {mouvement.depart_avant} dans l'ordre du jour"))
        fin_precedente = max(retour, depart)
    return ecarts


def controler_numeros(dossier: Dossier) -> list[Ecart]:
    """Chaque décision du dossier a un numéro propre, toutes séances confondues."""
    lieux = [(("seances", rang_seance, "decisions", rang_decision), decision.numero) for rang_seance, seance in enumerate(dossier.seances) for rang_decision, decision in enumerate(seance.decisions)]
    numeros = [numero for _, numero in lieux]
    return [
        (lieux[rang][0] + ("numero",), f"numéro « {numeros[rang]} » déjà utilisé par {chemin_lisible(lieux[numeros.index(numeros[rang])][0])} ; chaque décision a un numéro unique")
        for rang in _doublons(numeros)
    ]


def controler_quorum(seance: Seance, lieu: Chemin, en_exercice: int) -> list[Ecart]:
    """Plus de la moitié des membres en exercice siègent à chaque vote."""
    ecarts: list[Ecart] = []
    for rang_vote, numero in enumerate(seance.ordre_du_jour):
        if not presences.quorum_atteint(seance, en_exercice, rang_vote):
            siegent = len(presences.presents(seance, rang_vote)) + len(presences.supplees(seance))
            ecarts.append((lieu + ("ordre_du_jour", rang_vote), f"quorum non atteint au vote de {numero} : {siegent} membres siègent, {presences.quorum(en_exercice)} sont requis sur {en_exercice} en exercice"))
    return ecarts


def controler_votes(seance: Seance, lieu: Chemin) -> list[Ecart]:
    """Pour + contre + abstention + ne prend pas part = votants à ce moment de la séance."""
    ecarts: list[Ecart] = []
    for rang_decision, decision in enumerate(seance.decisions):
        rang_vote = presences.rang(seance, decision.numero)
        votants = presences.votants(seance, rang_vote)
        vote = decision.vote
        if vote.total != votants:
            partis = [m.nom_complet for m in presences.presents(seance) if not presences.present_au_rang(seance, m, rang_vote)]
            detail = f" ; {'absents' if len(partis) > 1 else 'absent'} à ce vote après un départ : {joindre(partis)}" if partis else ""
            ecarts.append((
                lieu + ("decisions", rang_decision, "vote"),
                f"pour {vote.pour} + contre {vote.contre} + abstention {vote.abstention} + ne prend pas part {vote.ne_prend_pas_part} = {vote.total}, "
                f"alors que {votants} membres votent à la décision {decision.numero} "
                f"({quantite(len(presences.presents(seance, rang_vote)), 'présent')}, {quantite(len(presences.supplees(seance)), 'suppléant')}, "
                f"{quantite(len(presences.pouvoirs_exerces(seance, rang_vote)), 'pouvoir')}){detail}",
            ))
    return ecarts


def controler_nombres_indiques(seance: Seance, lieu: Chemin) -> list[Ecart]:
    """Les nombres de présents et de votants, s'ils sont écrits dans les données, égalent le calcul."""
    calcules = {"nombre_presents": len(presences.presents(seance)), "nombre_votants": presences.votants(seance)}
    return [
        (lieu + (champ,), f"{getattr(seance, champ)} indiqué, mais {calcul} selon les présences de la séance")
        for champ, calcul in calcules.items()
        if getattr(seance, champ) is not None and getattr(seance, champ) != calcul
    ]


def _doublons(valeurs: list) -> list[int]:
    """Les rangs des valeurs déjà vues plus haut dans la liste."""
    return [rang_valeur for rang_valeur, valeur in enumerate(valeurs) if valeur in valeurs[:rang_valeur]]
