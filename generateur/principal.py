"""Les étapes mises bout à bout : lire, contrôler, construire le contexte, rendre, écrire."""

from __future__ import annotations

from pathlib import Path

from .chargement import charger
from .contexte import documents
from .controles import controler
from .ecriture import ecrire
from .exceptions import DonneesIncoherentes
from .lecture import Source
from .manifeste import NOM as NOM_MANIFESTE, Rendu, manifeste
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
    """Écrit chaque document du dossier et son manifeste dans `sortie/<nom du dossier>/`, ou rien du tout."""
    dossier, source = verifier(chemin)
    rendus = [
        Rendu(document.nom_fichier, document.sorte, document.reference, modeles / document.modele, rendre(modeles / document.modele, document.contexte))
        for document in documents(dossier)
    ]
    destination = sortie / source.nom
    fichiers = {destination / rendu.chemin: rendu.contenu for rendu in rendus}
    fichiers[destination / NOM_MANIFESTE] = manifeste(rendus, source.fichiers)
    return ecrire(fichiers, remplacer)
