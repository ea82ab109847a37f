"""Étape 6 : écrire les documents, tous ou aucun.

Chaque document est d'abord écrit dans un fichier temporaire du dossier de sortie ;
les renommages n'ont lieu qu'une fois tous les fichiers écrits. Une erreur (disque
plein, droits) ne laisse donc ni document partiel ni fichier vide.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from generateur.exceptions import ErreurEcriture

_CAUSES = {
    errno.ENOSPC: "disque plein",
    errno.EACCES: "permission refusée",
    errno.EPERM: "permission refusée",
    errno.EROFS: "support en lecture seule",
    errno.ENOTDIR: "un fichier porte déjà le nom d'un dossier à créer",
}


def ecrire(fichiers: dict[Path, bytes], remplacer: bool = False) -> list[Path]:
    """Écrit `fichiers` (chemin → contenu) ; refuse d'écraser un fichier sans `remplacer`."""
    existants = [chemin for chemin in fichiers if chemin.exists()]
    if existants and not remplacer:
        raise ErreurEcriture(
            "ces fichiers existent déjà et ne sont pas remplacés sans --force : " + ", ".join(map(str, existants))
        )
    crees: list[Path] = []
    temporaires: dict[Path, Path] = {}
    try:
        for chemin, contenu in fichiers.items():
            crees += _creer_dossier(chemin.parent)
            descripteur, temporaire = tempfile.mkstemp(dir=chemin.parent, prefix=f".{chemin.name}.", suffix=".tmp")
            temporaires[chemin] = Path(temporaire)
            with os.fdopen(descripteur, "wb") as flux:
                flux.write(contenu)
                flux.flush()
                os.fsync(flux.fileno())
        for chemin, temporaire in temporaires.items():
            os.replace(temporaire, chemin)
    except OSError as erreur:
        for temporaire in temporaires.values():
            temporaire.unlink(missing_ok=True)
        for dossier in reversed(crees):
            _retirer_si_vide(dossier)
        dossier = next(iter(fichiers)).parent
        cause = _CAUSES.get(erreur.errno, erreur.strerror or str(erreur))
        raise ErreurEcriture(f"impossible d'écrire dans {dossier} : {cause} ; aucun document n'a été écrit") from None
    return list(fichiers)


def _creer_dossier(dossier: Path) -> list[Path]:
    """Crée `dossier` et ses parents ; rend ceux qui n'existaient pas."""
    manquants = [d for d in (dossier, *dossier.parents) if not d.exists()]
    dossier.mkdir(parents=True, exist_ok=True)
    return list(reversed(manquants))


def _retirer_si_vide(dossier: Path) -> None:
    try:
        dossier.rmdir()
    except OSError:
        pass
