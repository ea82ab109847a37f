"""Le chemin d'un champ dans un dossier, et l'écart qu'un contrôle y signale.

Lecture, validation et contrôles parlent tous de champs : `("seances", 0, "membres", 3)`.
Ce module leur est commun pour que les contrôles n'aient à importer ni le lecteur YAML
ni le chargeur.
"""

from __future__ import annotations

Chemin = tuple[str | int, ...]

Ecart = tuple[Chemin, str]
"""Un défaut trouvé par un contrôle : où (le chemin du champ) et quoi (le message français)."""


def chemin_lisible(chemin: Chemin) -> str:
    """`("seance", "membres", 3, "nom")` → `seance.membres[3].nom`."""
    texte = ""
    for partie in chemin:
        texte += f"[{partie}]" if isinstance(partie, int) else (f".{partie}" if texte else str(partie))
    return texte
