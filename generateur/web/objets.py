"""Ce qu'un champ désigne pour un lecteur : « Séance du 14 mars 2024 › membre Luc GIRARD ».

Une anomalie porte le chemin d'un champ (`seances[0].membres[8].pouvoir_a`) ; la page la
montre à côté de la chose qu'elle concerne, nommée d'après les données mêmes (la date de
la séance, le nom du membre, le libellé de la ligne du budget), lues telles quelles :
le dossier peut être hors schéma.
"""

from __future__ import annotations

import datetime

from generateur.controles.presences import cle
from generateur.francais import date_longue, prenom_nom
from generateur.lecture.blancs import valeur_a
from generateur.lecture.chemins import Chemin

_RUBRIQUES = {
    "collectivite": "Collectivité",
    "seances": "Séances",
    "convention": "Convention",
    "avenants": "Avenants",
    "budget": "budget",
    "appels_de_fonds": "appels de fonds",
    "financement": "financement",
    "assemblee": "assemblée",
    "assemblees": "assemblées",
    "ordre_du_jour": "ordre du jour",
    "presidence": "présidence",
}


def ce_que_concerne(donnees: dict, chemin: Chemin) -> str:
    """Les choses désignées par `chemin`, de la plus large à la plus précise, séparées par « › »."""
    annees = valeur_a(donnees, ("convention", "budget", "annees"))
    noms_des_membres = _noms_des_membres(donnees)
    noms: list[str] = []
    valeur = donnees
    for rang, partie in enumerate(chemin):
        precedent = str(chemin[rang - 1]) if rang else ""
        suivante = valeur_a(valeur, (partie,))
        if isinstance(partie, int):
            nom = f"année {partie}" if isinstance(valeur, dict) else _element(precedent, partie, suivante, annees, noms_des_membres)
            if nom and noms and noms[-1] == _RUBRIQUES.get(precedent):
                noms.pop()
            noms += [nom] if nom else []
        elif partie in _RUBRIQUES:
            noms.append(_RUBRIQUES[partie])
        valeur = suivante
    return " › ".join(noms) or "Dossier"


def _noms_des_membres(donnees: dict) -> dict[str, str]:
    """« luc girard » → « Luc GIRARD » : un membre cité par une séance, nommé comme la liste de son assemblée."""
    noms = {}
    for assemblee in valeur_a(donnees, ("assemblees",)) or []:
        for membre in valeur_a(assemblee, ("membres",)) or []:
            if isinstance(membre, dict) and isinstance(membre.get("prenom"), str) and isinstance(membre.get("nom"), str):
                noms[cle(f"{membre['prenom']} {membre['nom']}")] = prenom_nom(membre["prenom"], membre["nom"])
    return noms


def _element(liste: str, rang: int, element, annees, noms_des_membres: dict[str, str]) -> str:
    """Le nom d'un élément de liste : la séance par sa date, le membre par son nom, l'année par elle-même…"""
    champs = element if isinstance(element, dict) else {}
    if liste == "seances":
        date = champs.get("date")
        return f"Séance du {date_longue(date)}" if isinstance(date, datetime.date) else f"séance n°{rang + 1}"
    if liste in ("decisions", "deliberations"):
        return f"acte {champs.get('numero', f'n°{rang + 1}')}"
    if "prenom" in champs and "nom" in champs:
        return f"membre {prenom_nom(str(champs['prenom']), str(champs['nom']))}"
    if "membre" in champs:
        return f"membre {noms_des_membres.get(cle(str(champs['membre'])), champs['membre'])}"
    if liste in _ELEMENTS:
        sorte, cles = _ELEMENTS[liste]
        return f"{sorte} « {next((champs[c] for c in cles if c in champs), rang + 1)} »"
    if liste == "avenants":
        return f"avenant n°{champs.get('numero', rang + 1)}"
    if liste in _PAR_ANNEE and isinstance(annees, list) and rang < len(annees):
        return f"{_PAR_ANNEE[liste]} {annees[rang]}"
    if liste == "ordre_du_jour" and isinstance(element, str):
        return f"vote {element}"
    if liste in ("excuses", "absents", "ne_prennent_pas_part") and isinstance(element, str):
        return f"membre {noms_des_membres.get(cle(element), element)}"
    return f"{_RUBRIQUES.get(liste, liste)} n°{rang + 1}"


_ELEMENTS = {
    "lignes": ("ligne", ("libelle", "code")),
    "parties": ("partie", ("nom", "code")),
    "financement": ("flux", ("code",)),
}
_PAR_ANNEE = {"montants": "année", "total": "total HT", "emission": "appel de fonds", "annees": "année"}
