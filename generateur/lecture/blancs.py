"""Les blancs d'un dossier : les valeurs « à compléter », où qu'elles soient.

Un blanc voulu sort en ligne `_____` là où le schéma l'admet (un représentant pas encore
désigné, une date de signature) ; ailleurs (le nom d'un nouvel EPCI, son budget), il dit
que le dossier n'est pas encore rempli. `verifier` les liste, `generer --definitif` refuse
tant qu'il en reste.
"""

from __future__ import annotations

from generateur.exceptions import Anomalie
from generateur.francais import quantite, sans_accents
from generateur.lecture.chemins import Chemin

A_COMPLETER = "à compléter"
"""Valeur à écrire dans les données pour un blanc, rempli à la main ou plus tard."""


_BLANC_SANS_ACCENTS = sans_accents(A_COMPLETER)


def est_un_blanc(valeur) -> bool:
    """« à compléter », « A compléter », « à completer » : un blanc, écrit avec ou sans accents.

    Chaque valeur lue passe ici, d'où deux raccourcis exacts : un texte tout en ASCII n'a aucun
    accent à retirer ; un texte qui compte plus de caractères ASCII que « a completer » n'en
    deviendra pas un (retirer les accents ne retire aucun caractère ASCII)."""
    if not isinstance(valeur, str):
        return False
    texte = valeur.strip().lower()
    if texte.isascii():
        return texte == _BLANC_SANS_ACCENTS
    return len(texte.encode("ascii", "ignore")) <= len(_BLANC_SANS_ACCENTS) and sans_accents(texte) == _BLANC_SANS_ACCENTS


def chemins_des_blancs(donnees, chemin: Chemin = ()) -> list[Chemin]:
    """Le chemin de chaque blanc des données lues, dans l'ordre de lecture."""
    if est_un_blanc(donnees):
        return [chemin]
    if isinstance(donnees, dict):
        return [trouve for cle, valeur in donnees.items() for trouve in chemins_des_blancs(valeur, chemin + (cle,))]
    if isinstance(donnees, list):
        return [trouve for rang, valeur in enumerate(donnees) for trouve in chemins_des_blancs(valeur, chemin + (rang,))]
    return []


def valeur_a(donnees, chemin: Chemin):
    """La valeur lue à `chemin`, ou None si le chemin n'y mène pas."""
    for cle in chemin:
        if isinstance(donnees, dict) and cle in donnees:
            donnees = donnees[cle]
        elif isinstance(donnees, list) and isinstance(cle, int) and 0 <= cle < len(donnees):
            donnees = donnees[cle]
        else:
            return None
    return donnees


def lignes_des_blancs(dossier: str, blancs: list[Anomalie]) -> list[str]:
    """« dossier : 12 blancs « à compléter » dans 3 fichiers », puis par fichier
    (« collectivite.yaml : 5 blancs ») chaque blanc : « collectivite.yaml:4 : collectivite.nom : à compléter »."""
    par_fichier: dict[str, list[Anomalie]] = {}
    for blanc in blancs:
        par_fichier.setdefault(blanc.fichier, []).append(blanc)
    lignes = [f"{dossier} : {quantite(len(blancs), 'blanc')} « {A_COMPLETER} » dans {quantite(len(par_fichier), 'fichier')}"]
    for fichier, siens in par_fichier.items():
        lignes.append(f"{fichier} : {quantite(len(siens), 'blanc')}")
        lignes += [str(blanc) for blanc in siens]
    return lignes
