"""Étape 2 : des données lues au `Dossier` typé, chaque écart au schéma dit en français."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generateur.exceptions import DonneesIllisibles
from generateur.lecture.fichiers import Source, lire_dossier
from generateur.lecture.validation import ecarts_de_validation
from generateur.lecture.schema import Dossier


def charger(chemin: Path) -> tuple[Dossier, Source]:
    """Lit et valide un dossier ; `DonneesIllisibles` liste tous les écarts au schéma."""
    donnees, source = lire_dossier(chemin)
    try:
        return Dossier.model_validate(donnees), source
    except ValidationError as erreur:
        raise DonneesIllisibles([source.anomalie(chemin, message) for chemin, message in ecarts_de_validation(erreur, donnees)]) from None
