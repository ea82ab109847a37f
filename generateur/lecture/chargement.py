"""Étape 2 : des données lues au `Dossier` typé, chaque écart au schéma dit en français.

Un blanc « à compléter » là où le schéma ne l'admet pas n'est pas une faute de frappe :
c'est un dossier pas encore rempli (`generateur nouveau`), dont on liste les blancs.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generateur.exceptions import DonneesIllisibles, DossierIncomplet
from generateur.lecture.blancs import chemins_des_blancs, est_un_blanc, lignes_des_blancs, valeur_a
from generateur.lecture.fichiers import Source, lire_dossier
from generateur.lecture.validation import ecarts_de_validation
from generateur.lecture.schema import Dossier


def charger(chemin: Path) -> tuple[Dossier, Source]:
    """Lit et valide un dossier ; `DonneesIllisibles` liste tous les écarts au schéma,
    `DossierIncomplet` les blancs quand ils sont les seuls écarts. `source.blancs` garde
    les blancs du dossier valide (ceux que l'acte imprime en ligne à remplir)."""
    donnees, source = lire_dossier(chemin)
    source.blancs = [source.anomalie(blanc, "à compléter") for blanc in chemins_des_blancs(donnees)]
    try:
        return Dossier.model_validate(donnees), source
    except ValidationError as erreur:
        ecarts = ecarts_de_validation(erreur, donnees)
        fautes = [(champ, message) for champ, message in ecarts if not est_un_blanc(valeur_a(donnees, champ))]
        if fautes:
            raise DonneesIllisibles([source.anomalie(champ, message) for champ, message in fautes]) from None
        raise DossierIncomplet(source.blancs, lignes_des_blancs(str(chemin), source.blancs)) from None
