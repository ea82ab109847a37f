"""Le manifeste d'une génération : l'empreinte SHA-256 de chaque document, de ses données et
de son modèle, pour archiver les actes et savoir plus tard si l'un d'eux a été modifié."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from generateur import __version__
from generateur.exceptions import ErreurSortiesAlterees, cause_systeme as cause
from generateur.rendu import DocumentRendu

NOM = "manifeste.json"
CONSERVES = ("relances",)
"""Les sous-dossiers d'un dossier de sortie qui ont leur propre manifeste (les relances
envoyées) : la génération des actes les garde d'un jeu au suivant, verifier-sorties les vérifie."""


def empreinte(contenu: bytes) -> str:
    return hashlib.sha256(contenu).hexdigest()


def empreinte_des_donnees(fichiers: list[Path]) -> str:
    """Une empreinte pour tous les fichiers du dossier : nom et contenu de chacun, dans l'ordre."""
    somme = hashlib.sha256()
    for fichier in fichiers:
        somme.update(fichier.name.encode() + b"\0" + fichier.read_bytes() + b"\0")
    return somme.hexdigest()


def empreinte_du_modele(modele: Path) -> str:
    """L'empreinte du modèle, calculée une fois par version du fichier (un lot cite le même
    modèle pour des milliers de documents), comme sa préparation au rendu."""
    etat = modele.stat()
    return _empreinte_du_fichier(Path(os.path.abspath(modele)), etat.st_mtime_ns, etat.st_size)


@functools.lru_cache(maxsize=64)
def _empreinte_du_fichier(chemin: Path, _date: int, _taille: int) -> str:
    return empreinte(chemin.read_bytes())


def manifeste(rendus: list[DocumentRendu], donnees: list[Path], precedents: list[dict] = ()) -> bytes:
    """Le manifeste en JSON stable (clés triées, sans date) : deux générations identiques le sont
    aussi. `precedents` : les documents d'un manifeste existant que celui-ci garde, en tête (les
    relances déjà envoyées)."""
    donnees_sha256 = empreinte_des_donnees(donnees)
    contenu = {
        "outil": {"nom": "generateur", "version": __version__},
        "donnees": {"fichiers": [fichier.name for fichier in donnees], "sha256": donnees_sha256},
        "documents": [*precedents] + [
            {
                "chemin": rendu.chemin,
                "sorte": rendu.sorte,
                "reference": rendu.reference,
                "sha256": empreinte(rendu.contenu),
                "donnees_sha256": donnees_sha256,
                "modele": rendu.modele.name,
                "modele_sha256": empreinte_du_modele(rendu.modele),
            }
            for rendu in rendus
        ],
    }
    return (json.dumps(contenu, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def verifier_sorties(dossier: Path) -> list[str]:
    """Les documents conformes au manifeste de `dossier`, ou de chaque dossier du `--sortie`
    d'un lot ; `ErreurSortiesAlterees` si un document manque, a été modifié ou ajouté, ou si
    un manifeste est absent ou mal formé."""
    seul = (dossier / NOM).exists()
    dossiers = [dossier] if seul else _dossiers_du_lot(dossier)
    if not dossiers:
        raise ErreurSortiesAlterees([
            f"{dossier / NOM} : manifeste absent ; ce dossier n'a pas été produit par generateur generer "
            "(ni n'est le dossier --sortie d'un lot, dont chaque sous-dossier a son manifeste)"
        ])
    conformes, ecarts = [], _restes(dossier.parent, dossier.name) if seul else _restes(dossier, "*")
    for sous_dossier in dossiers:
        try:
            documents = _lire_manifeste(sous_dossier / NOM)
        except ValueError as erreur:
            ecarts.append(str(erreur))
            continue
        conformes_ici, ecarts_ici = _comparer(sous_dossier, documents)
        conformes += conformes_ici
        ecarts += ecarts_ici
    if ecarts:
        raise ErreurSortiesAlterees(ecarts + conformes)
    return conformes


def _dossiers_du_lot(sortie: Path) -> list[Path]:
    """Les dossiers de `sortie` écrits par une génération (ceux qui ont un manifeste), hors
    restes d'une génération interrompue (« .<nom>.generateur-… »)."""
    if not sortie.is_dir():
        return []
    return sorted(d for d in sortie.iterdir() if d.is_dir() and not d.name.startswith(".") and (d / NOM).exists())


def _restes(sortie: Path, nom: str) -> list[str]:
    """Les restes d'une génération arrêtée net (« .<nom>.generateur-… ») : le dossier de sortie
    ne contient pas exactement ce que la dernière génération a écrit tant qu'ils sont là."""
    return [
        f"{reste} : reste d'une génération arrêtée net ; la prochaine génération de ce dossier le retire"
        for reste in sorted(sortie.glob(f".{nom}.generateur-*"))
    ]


class _DocumentDuManifeste(BaseModel, strict=True):
    chemin: str = Field(pattern=r"^[^/\\.][^/\\]*$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class _Manifeste(BaseModel, strict=True):
    documents: list[_DocumentDuManifeste] = Field(min_length=1)


_ATTENDUS = {
    "missing": "champ absent",
    "string_type": "texte attendu",
    "list_type": "liste attendue",
    "model_type": "objet JSON attendu",
    "dict_type": "objet JSON attendu",
    "too_short": "au moins un document attendu ; un manifeste qui ne liste rien ne prouve rien",
}


def _lire_manifeste(chemin: Path) -> list[_DocumentDuManifeste]:
    """Les documents listés par le manifeste ; `ValueError` au message français s'il est
    illisible ou mal formé."""
    try:
        contenu = json.loads(chemin.read_bytes().decode("utf-8"))
    except OSError as erreur:
        raise ValueError(f"{chemin} : manifeste illisible : {cause(erreur)}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{chemin} : manifeste illisible : il n'est pas encodé en UTF-8") from None
    except json.JSONDecodeError as erreur:
        raise ValueError(f"{chemin} : manifeste illisible : JSON invalide ligne {erreur.lineno}") from None
    try:
        return _Manifeste.model_validate(contenu).documents
    except ValidationError as erreur:
        detail = erreur.errors()[0]
        champ = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in detail["loc"]).lstrip(".") or "(racine)"
        attendu = _ATTENDUS.get(detail["type"])
        if attendu is None:
            attendu = "empreinte SHA-256 attendue (64 chiffres hexadécimaux)" if champ.endswith("sha256") else "nom d'un fichier du dossier attendu"
        raise ValueError(f"{chemin} : manifeste mal formé : {champ} : {attendu}") from None


def _comparer(dossier: Path, documents: list[_DocumentDuManifeste]) -> tuple[list[str], list[str]]:
    """Les documents conformes, et les écarts : absents, modifiés, ajoutés depuis la génération."""
    conformes, ecarts = [], []
    for document in documents:
        fichier = dossier / document.chemin
        try:
            if not fichier.is_file():
                ecarts.append(f"{fichier} : absent (supprimé ou renommé depuis la génération)")
            elif empreinte(fichier.read_bytes()) != document.sha256:
                ecarts.append(f"{fichier} : modifié depuis la génération (empreinte SHA-256 différente)")
            else:
                conformes.append(f"{fichier} : conforme")
        except OSError as erreur:
            ecarts.append(f"{fichier} : illisible ({cause(erreur)})")
    listes = {document.chemin for document in documents} | {NOM}
    for entree in sorted(dossier.iterdir()):
        if entree.name in CONSERVES and (entree / NOM).is_file():
            try:
                conformes_ici, ecarts_ici = _comparer(entree, _lire_manifeste(entree / NOM))
            except ValueError as erreur:
                conformes_ici, ecarts_ici = [], [str(erreur)]
            conformes, ecarts = conformes + conformes_ici, ecarts + ecarts_ici
        elif entree.name not in listes:
            ecarts.append(f"{entree} : ajouté depuis la génération (absent du manifeste)")
    return conformes, ecarts
