"""Les cellules d'un export destiné à un tableur (comme l'export de trésorerie) : un texte venu
des données qui commence par « = », « + », « - » ou « @ » serait lu comme une formule à
l'ouverture (injection de formule : calcul, lien, appel d'un programme).

Le SCDL « Délibérations » n'y passe pas : son schéma national veut les valeurs telles quelles
(le README dit comment l'ouvrir sans risque dans un tableur).
"""

from __future__ import annotations

import re

_FORMULE = ("=", "+", "-", "@", "\t", "\r")
_NOMBRE = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def cellule_sure(texte: str) -> str:
    """Le texte d'une cellule qu'aucun tableur ne prend pour une formule : une apostrophe de
    tête (que le tableur n'affiche pas) devant un texte qui en commencerait une ; un nombre
    (« -12,50 ») est gardé tel quel."""
    if texte.startswith(_FORMULE) and not _NOMBRE.match(texte):
        return "'" + texte
    return texte
