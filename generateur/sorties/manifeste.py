"""Le manifeste d'une génération : l'empreinte SHA-256 de chaque document, de ses données et
de son modèle, pour archiver les actes et savoir plus tard si l'un d'eux a été modifié."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generateur import __version__
from generateur.exceptions import ErreurSortiesAlterees
from generateur.rendu import DocumentRendu

NOM = "manifeste.json"


def empreinte(contenu: bytes) -> str:
    return hashlib.sha256(contenu).hexdigest()


def empreinte_des_donnees(fichiers: list[Path]) -> str:
    """Une empreinte pour tous les fichiers du dossier : nom et contenu de chacun, dans l'ordre."""
    somme = hashlib.sha256()
    for fichier in fichiers:
        somme.update(fichier.name.encode() + b"\0" + fichier.read_bytes() + b"\0")
    return somme.hexdigest()


def manifeste(rendus: list[DocumentRendu], donnees: list[Path]) -> bytes:
    """Le manifeste en JSON stable (clés triées, sans date) : deux générations identiques le sont aussi."""
    donnees_sha256 = empreinte_des_donnees(donnees)
    contenu = {
        "outil": {"nom": "generateur", "version": __version__},
        "donnees": {"fichiers": [fichier.name for fichier in donnees], "sha256": donnees_sha256},
        "documents": [
            {
                "chemin": rendu.chemin,
                "sorte": rendu.sorte,
                "reference": rendu.reference,
                "sha256": empreinte(rendu.contenu),
                "donnees_sha256": donnees_sha256,
                "modele": rendu.modele.name,
                "modele_sha256": empreinte(rendu.modele.read_bytes()),
            }
            for rendu in rendus
        ],
    }
    return (json.dumps(contenu, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def verifier_sorties(dossier: Path) -> list[str]:
    """Les documents conformes au manifeste de `dossier` ; `ErreurSortiesAlterees` sinon."""
    chemin = dossier / NOM
    try:
        documents = json.loads(chemin.read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ErreurSortiesAlterees([f"{chemin} : manifeste absent ou illisible ; ce dossier n'a pas été produit par generateur generer"]) from None
    conformes, alteres = [], []
    for document in documents:
        fichier = dossier / document["chemin"]
        if not fichier.is_file():
            alteres.append(f"{fichier} : absent (supprimé ou renommé depuis la génération)")
        elif empreinte(fichier.read_bytes()) != document["sha256"]:
            alteres.append(f"{fichier} : modifié depuis la génération (empreinte SHA-256 différente)")
        else:
            conformes.append(f"{fichier} : conforme")
    if alteres:
        raise ErreurSortiesAlterees(alteres + conformes)
    return conformes
