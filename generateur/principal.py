"""Les étapes mises bout à bout : lire, contrôler, construire le contexte, rendre, écrire."""

from __future__ import annotations

from pathlib import Path

from .chargement import charger
from .contexte import documents
from .controles import controler
from .ecriture import ecrire
from .exceptions import DonneesIncoherentes
from .lecture import Source
from .rendu import rendre
from .schema import Dossier

MODELES = Path(__file__).resolve().parent.parent / "modeles"
"""Les modèles Word du projet ; l'option --modeles en désigne d'autres."""


def verifier(chemin: Path) -> tuple[Dossier, Source]:
    """Le dossier lu et cohérent, ou l'exception qui liste toutes ses anomalies."""
    dossier, source = charger(chemin)
    ecarts = controler(dossier)
    if ecarts:
        raise DonneesIncoherentes([source.anomalie(chemin_champ, message) for chemin_champ, message in ecarts])
    return dossier, source


def generer(chemin: Path, sortie: Path, modeles: Path = MODELES, remplacer: bool = False) -> list[Path]:
    """Écrit chaque document du dossier dans `sortie/<nom du dossier>/`, ou rien du tout."""
    dossier, source = verifier(chemin)
    fichiers = {
        sortie / source.nom / document.nom_fichier: rendre(modeles / document.modele, document.contexte)
        for document in documents(dossier)
    }
    return ecrire(fichiers, remplacer)
