"""La page Séance : qui siège à chaque vote, le vote de chaque acte, et ce que la saisie change au YAML.

La grille part de la liste des membres de l'assemblée ; la séance ne note que l'inhabituel
(`excuses`, `absents`, `mouvements`, `ne_prennent_pas_part`). Une saisie devient le moins de
modifications possible : l'entrée d'un membre inchangé n'est pas touchée, ni son commentaire.
Les comptes affichés sont ceux de `controles.presences`, calculés là seulement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generateur.controles import presences
from generateur.lecture.schema import Assemblee, Dossier, Seance

PRESENCES = {"present": "présent", "excuse": "excusé", "absent": "absent"}


@dataclass
class LigneMembre:
    """Un membre de la liste et ce que la séance dit de lui."""

    rang: int
    cle: str
    nom: str
    designation: str
    """Comment l'écrire dans les données : « Luc Girard », comme dans la liste des membres."""
    suppleant: str | None
    presence: str = "present"
    remplacement: str = ""
    """« » ; « suppleant » ; « pouvoir:<clé du mandataire> »."""
    arrivee: str = ""
    depart: str = ""
    retour: str = ""
    mouvements_multiples: bool = False
    """Plus d'une arrivée ou d'un départ : la page les montre sans les modifier."""


@dataclass
class LigneActe:
    rang: int
    numero: str
    objet: str
    pour: int
    contre: int
    abstention: int
    ne_prennent_pas_part: list[str] = field(default_factory=list)
    """Les clés des membres qui ne prennent pas part au vote."""


@dataclass
class Grille:
    """La séance telle que la page la montre et la relit."""

    rang: int
    seance: Seance
    assemblee: Assemblee
    membres: list[LigneMembre]
    actes: list[LigneActe]
    brute: dict
    """La séance telle qu'écrite dans le YAML : les modifications se comparent à elle."""

    @property
    def champ_actes(self) -> str:
        return self.seance.champ_actes

    def signature_des_membres(self) -> str:
        return ";".join(ligne.cle for ligne in self.membres)


def grille(dossier: Dossier, donnees: dict, rang: int) -> Grille | None:
    """La grille de la séance `rang`, ou None si son assemblée est inconnue."""
    seance = dossier.seances[rang]
    assemblee = dossier.assemblee_de(seance)
    if assemblee is None:
        return None
    cle = presences.cle
    membres = []
    for rang_membre, membre in enumerate(presences.membres_de_la_seance(assemblee, seance)):
        ligne = LigneMembre(rang_membre, cle(membre.prenom_nom), membre.prenom_nom, f"{membre.prenom} {membre.nom}",
                            f"{membre.suppleant.prenom} {membre.suppleant.nom}" if membre.suppleant else None)
        excuse = presences.excuse_de(seance, membre)
        if excuse:
            ligne.presence = "excuse"
            ligne.remplacement = "suppleant" if excuse.suppleant else f"pouvoir:{cle(excuse.pouvoir_a)}" if excuse.pouvoir_a else ""
        elif presences.est_absent(seance, membre):
            ligne.presence = "absent"
        mouvements = presences.mouvements_de(seance, membre)
        arrivees = [m for m in mouvements if m.arrivee_a_partir_de]
        departs = [m for m in mouvements if m.depart_avant]
        ligne.mouvements_multiples = len(arrivees) > 1 or len(departs) > 1 or any(m.arrivee_a_partir_de and m.depart_avant for m in mouvements)
        if not ligne.mouvements_multiples:
            ligne.arrivee = arrivees[0].arrivee_a_partir_de if arrivees else ""
            ligne.depart = departs[0].depart_avant if departs else ""
            ligne.retour = (departs[0].retour_a_partir_de or "") if departs else ""
        membres.append(ligne)
    actes = [
        LigneActe(rang_acte, acte.numero, acte.objet, acte.vote.pour, acte.vote.contre, acte.vote.abstention, [cle(nom) for nom in acte.ne_prennent_pas_part])
        for rang_acte, acte in enumerate(seance.actes)
    ]
    return Grille(rang, seance, assemblee, membres, actes, donnees["seances"][rang])


def lire_saisie(grille_: Grille, formulaire) -> tuple[Grille, list[str]]:
    """La grille telle que la saisie la veut, et les saisies illisibles (en français)."""
    erreurs = []
    membres, cles = [], {ligne.cle for ligne in grille_.membres}
    numeros = set(grille_.seance.ordre_du_jour)
    for ligne in grille_.membres:
        voulue = LigneMembre(**{**ligne.__dict__})
        voulue.presence = formulaire.get(f"presence-{ligne.rang}", ligne.presence)
        if voulue.presence not in PRESENCES:
            erreurs.append(f"présence de {ligne.nom} : « {voulue.presence} » n'est pas un choix de la liste")
            voulue.presence = ligne.presence
        remplacement = formulaire.get(f"remplacement-{ligne.rang}", "")
        valide = remplacement in ("", "suppleant") or (remplacement.startswith("pouvoir:") and remplacement[8:] in cles)
        voulue.remplacement = remplacement if valide and voulue.presence == "excuse" else ""
        if not ligne.mouvements_multiples:
            for champ in ("arrivee", "depart", "retour"):
                valeur = formulaire.get(f"{champ}-{ligne.rang}", "")
                setattr(voulue, champ, valeur if valeur in numeros else "")
            if voulue.retour and not voulue.depart:
                erreurs.append(f"{ligne.nom} : un retour à partir de {voulue.retour} suppose un départ ; choisissez aussi « Départ avant »")
        membres.append(voulue)
    actes = []
    for acte in grille_.actes:
        comptes = {}
        for champ in ("pour", "contre", "abstention"):
            saisie = formulaire.get(f"{champ}-{acte.rang}", str(getattr(acte, champ))).strip() or "0"
            if not saisie.isdigit():
                erreurs.append(f"{acte.numero}, {champ} : « {saisie} » n'est pas un nombre entier de voix")
                saisie = str(getattr(acte, champ))
            comptes[champ] = int(saisie)
        npp = [cle for cle in formulaire.getlist(f"npp-{acte.rang}") if cle in cles]
        actes.append(LigneActe(acte.rang, acte.numero, acte.objet, ne_prennent_pas_part=npp, **comptes))
    return Grille(grille_.rang, grille_.seance, grille_.assemblee, membres, actes, grille_.brute), erreurs


@dataclass(frozen=True)
class CompteDuVote:
    """Les chiffres d'un vote de l'ordre du jour, et les voix saisies pour son acte."""

    numero: str
    acte: bool
    """L'acte est-il dans le dossier (sinon seul son rang compte pour les mouvements) ?"""
    comptes: presences.Comptes
    voix: int | None
    """pour + contre + abstention saisis ; ils doivent égaler les votants."""


@dataclass(frozen=True)
class Sieges:
    """Un membre et ce qu'il est à chaque vote : « présent », « pouvoir à … », « suppléé »…"""

    nom: str
    etats: list[str]


def comptes_de_la_seance(dossier: Dossier, rang: int) -> tuple[list[CompteDuVote], list[Sieges]] | None:
    """Les comptes de chaque vote et la grille des sièges ; None si la séance ne se compte pas
    (assemblée inconnue, numéro hors de l'ordre du jour : les anomalies le disent)."""
    seance = dossier.seances[rang]
    assemblee = dossier.assemblee_de(seance)
    if assemblee is None:
        return None
    actes = {acte.numero: acte for acte in seance.actes}
    try:
        votes = [
            CompteDuVote(numero, numero in actes, presences.comptes(assemblee, seance, rang_vote, actes.get(numero)),
                         actes[numero].vote.exprimes_et_abstentions if numero in actes else None)
            for rang_vote, numero in enumerate(seance.ordre_du_jour)
        ]
        sieges = [Sieges(m.prenom_nom, [_etat(assemblee, seance, m, rang_vote, actes.get(numero)) for rang_vote, numero in enumerate(seance.ordre_du_jour)])
                  for m in presences.membres_de_la_seance(assemblee, seance)]
    except ValueError:
        return None
    return votes, sieges


def _etat(assemblee: Assemblee, seance: Seance, membre, rang_vote: int, acte) -> str:
    if presences.present_au_rang(seance, membre, rang_vote):
        if acte and presences.cle(membre.prenom_nom) in {presences.cle(nom) for nom in acte.ne_prennent_pas_part}:
            return "ne prend pas part"
        return "présent"
    excuse = presences.excuse_de(seance, membre)
    if excuse and excuse.suppleant:
        return "suppléé"
    if membre in presences.pouvoirs_exerces(assemblee, seance, rang_vote):
        return f"pouvoir à {presences.mandataire(assemblee, seance, membre).prenom_nom}"
    if excuse:
        return "excusé"
    if presences.est_absent(seance, membre):
        return "absent"
    arrivees = [presences.rang(seance, m.arrivee_a_partir_de) for m in presences.mouvements_de(seance, membre) if m.arrivee_a_partir_de]
    return "avant son arrivée" if arrivees and rang_vote < min(arrivees) else "après son départ"
