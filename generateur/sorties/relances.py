"""Le dossier des relances (`SORTIE/<dossier>/relances/`) : les lettres de relance envoyées,
jamais remplacées ni retirées, et leur propre manifeste, que chaque relance nouvelle complète.

Le manifeste dit aussi quelles relances ont déjà été envoyées : la relance suivante d'un
appel les cite, et aucune n'est refaite tant que l'échéance de la précédente court.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from generateur.exceptions import ErreurEcriture
from generateur.rendu import DocumentRendu
from generateur.sorties.ecriture import ecrire_fichier
from generateur.sorties.manifeste import CONSERVES, NOM as MANIFESTE, manifeste
from generateur.sorties.verrou import verrouiller

DOSSIER = CONSERVES[0]
_NOM = re.compile(r"^relance_(?P<appel>AF-[0-9-]+)-R(?P<rang>\d+)_(?P<date>\d{4}-\d{2}-\d{2})\.docx$")


def nom_de_fichier(reference: str, jour: datetime.date) -> str:
    """« relance_AF-2025-02-R1_2025-06-30.docx » : la référence de la relance (l'appel et son rang) et sa date."""
    return f"relance_{reference}_{jour.isoformat()}.docx"


def relances_envoyees(dossier: Path) -> dict[str, list[tuple[int, datetime.date]]]:
    """Les relances déjà écrites dans `dossier`, d'après son manifeste : rang et date, par appel."""
    envoyees: dict[str, list[tuple[int, datetime.date]]] = {}
    for document in _documents(dossier):
        trouve = _NOM.match(document["chemin"])
        if trouve:
            envoyees.setdefault(trouve["appel"], []).append((int(trouve["rang"]), datetime.date.fromisoformat(trouve["date"])))
    return {appel: sorted(rangs) for appel, rangs in envoyees.items()}


def _documents(dossier: Path) -> list[dict]:
    chemin = dossier / MANIFESTE
    if not chemin.exists():
        return []
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ErreurEcriture(f"{chemin} : manifeste des relances illisible ; il n'est pas remplacé (les relances envoyées y sont consignées)") from None


def ecrire_relances(destination: Path, rendus: list[DocumentRendu], donnees: list[Path], attente: float = 60) -> list[Path]:
    """Ajoute `rendus` au dossier des relances de `destination` (le dossier de sortie du
    dossier) et à son manifeste, écrit en dernier ; une relance déjà présente n'est jamais
    remplacée. Le verrou de `destination` tient une génération des actes à l'écart pendant ce temps."""
    dossier = destination / DOSSIER
    destination.parent.mkdir(parents=True, exist_ok=True)
    with verrouiller(destination, attente):
        contenu = manifeste(rendus, donnees, precedents=_documents(dossier))
        dossier.mkdir(parents=True, exist_ok=True)
        ecrits = [ecrire_fichier(dossier / rendu.chemin, rendu.contenu) for rendu in rendus]
        return ecrits + [ecrire_fichier(dossier / MANIFESTE, contenu, remplacer=True)]
