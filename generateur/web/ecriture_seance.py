"""Ce qu'une saisie de la page Séance change au YAML : le moins possible.

Chaque liste de la séance (`excuses`, `absents`, `mouvements`) est comparée membre par membre
à ce qui est écrit : une entrée inchangée n'est pas touchée ; une entrée changée est remplacée
à sa place ; une entrée en trop est retirée ; une nouvelle est ajoutée à la fin. Les votes ne
changent que les nombres saisis autrement.
"""

from __future__ import annotations

from generateur.controles.presences import cle
from generateur.lecture.chemins import Chemin
from generateur.web.enregistrement import SUPPRIMER, Ajout, Modification
from generateur.web.seance import Grille, LigneMembre

AVANT_LES_ACTES = ("membres_en_exercice", "nombre_presents", "nombre_votants", "decisions", "deliberations")
"""Une liste créée dans une séance se place avant ces clés, pour que les actes restent à la fin."""


def modifications(lue: Grille, voulue: Grille) -> list[Modification | Ajout]:
    """Les modifications qui font passer la séance écrite (`lue`) à la saisie (`voulue`)."""
    base: Chemin = ("seances", lue.rang)
    membres = [ligne for ligne in voulue.membres if not ligne.mouvements_multiples]
    par_cle = {ligne.cle: ligne for ligne in voulue.membres}
    operations = []
    operations += _liste(base + ("excuses",), lue.brute.get("excuses") or [], {l.cle: _excuse(l, par_cle) for l in voulue.membres}, _cle_excuse)
    operations += _liste(base + ("absents",), lue.brute.get("absents") or [], {l.cle: [l.designation] if l.presence == "absent" else [] for l in voulue.membres}, lambda nom: (cle(str(nom)),))
    operations += _liste(base + ("mouvements",), lue.brute.get("mouvements") or [], {l.cle: _mouvements(l) for l in membres}, _cle_mouvement)
    operations += _votes(lue, voulue)
    return operations


def _excuse(ligne: LigneMembre, par_cle: dict[str, LigneMembre]) -> list:
    if ligne.presence != "excuse":
        return []
    if ligne.remplacement == "suppleant" and ligne.suppleant:
        return [{"membre": ligne.designation, "suppleant": ligne.suppleant}]
    if ligne.remplacement.startswith("pouvoir:"):
        return [{"membre": ligne.designation, "pouvoir_a": par_cle[ligne.remplacement[8:]].designation}]
    return [ligne.designation]


def _mouvements(ligne: LigneMembre) -> list[dict]:
    resultat = []
    if ligne.arrivee:
        resultat.append({"membre": ligne.designation, "arrivee_a_partir_de": ligne.arrivee})
    if ligne.depart:
        depart = {"membre": ligne.designation, "depart_avant": ligne.depart}
        resultat.append({**depart, "retour_a_partir_de": ligne.retour} if ligne.retour else depart)
    return resultat


def _champ(entree, nom: str) -> str:
    return cle(str(entree.get(nom) or "")) if isinstance(entree, dict) else ""


def _membre(entree) -> str:
    return cle(str(entree.get("membre", "") if isinstance(entree, dict) else entree))


def _cle_excuse(entree) -> tuple:
    return (_membre(entree), _champ(entree, "pouvoir_a"), _champ(entree, "suppleant"))


def _cle_mouvement(entree) -> tuple:
    return (_membre(entree),) + tuple(_champ(entree, nom) for nom in ("arrivee_a_partir_de", "depart_avant", "retour_a_partir_de"))


def _liste(chemin: Chemin, ecrites: list, voulues: dict[str, list], comparable) -> list[Modification | Ajout]:
    """Les opérations sur une liste de la séance : remplacements à leur place, puis retraits (du
    dernier au premier, pour que les rangs restent justes), puis ajouts."""
    remplacements, retraits, ajouts = [], [], []
    for membre, entrees in voulues.items():
        existantes = [(rang, entree) for rang, entree in enumerate(ecrites) if _membre(entree) == membre]
        if [comparable(e) for _, e in existantes] == [comparable(e) for e in entrees]:
            continue
        if len(existantes) == len(entrees) == 1:
            remplacements.append(Modification(chemin + (existantes[0][0],), entrees[0]))
            continue
        retraits += [rang for rang, _ in existantes]
        ajouts += [Ajout(chemin, entree, AVANT_LES_ACTES) for entree in entrees]
    return remplacements + [Modification(chemin + (rang,), SUPPRIMER) for rang in sorted(retraits, reverse=True)] + ajouts


def _votes(lue: Grille, voulue: Grille) -> list[Modification]:
    """Les nombres de voix et les noms de ceux qui ne prennent pas part, là où la saisie diffère."""
    operations = []
    designations = {ligne.cle: ligne.designation for ligne in voulue.membres}
    for acte in voulue.actes:
        chemin = ("seances", lue.rang, lue.champ_actes, acte.rang)
        brut = lue.brute.get(lue.champ_actes, [])[acte.rang]
        vote = brut.get("vote") or {}
        for champ in ("pour", "contre", "abstention"):
            nombre = getattr(acte, champ)
            if vote.get(champ, 0) != nombre and (champ in vote or nombre):
                operations.append(Modification(chemin + ("vote", champ), nombre))
        ecrits = [cle(str(nom)) for nom in brut.get("ne_prennent_pas_part") or []]
        if sorted(ecrits) != sorted(acte.ne_prennent_pas_part):
            noms = [designations[c] for c in designations if c in acte.ne_prennent_pas_part]
            operations.append(Modification(chemin + ("ne_prennent_pas_part",), noms or SUPPRIMER, avant=("vote",)))
            if "ne_prend_pas_part" in vote:
                operations.append(Modification(chemin + ("vote", "ne_prend_pas_part"), len(noms)))
    return operations
