"""La déclaration d'un modèle de convention : les rôles que son texte attend, et leur sens.

Elle vit à côté du modèle Word (`modeles/convention.docx` → `modeles/convention.yaml`) :
`verifier` refuse un dossier auquel il manque un rôle, `generateur modeles verifier` un
modèle qui emploie un rôle non déclaré — avant tout rendu.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from generateur.exceptions import ErreurModele
from generateur.francais import Sorte
from generateur.lecture.chemins import chemin_lisible
from generateur.lecture.fichiers import par_le_premier_chargeur
from generateur.lecture.schema import Code, Forme, Texte
from generateur.lecture.validation import ecarts_de_validation


class Role(Forme):
    """Un rôle du texte : ce qu'il signifie, les sortes de parties qui peuvent le tenir."""

    sens: Texte = Field(description="« la chambre de commerce et d'industrie, qui reçoit la subvention »")
    sortes: list[Sorte] = Field([], description="sortes admises (chambre_consulaire…) ; toutes si vide")
    plusieurs: bool = Field(False, description="tenu par un nombre quelconque de parties (zéro compris) ; sinon par une exactement")


class Declaration(Forme):
    """Ce qu'un modèle de convention attend du dossier."""

    description: Texte = Field(description="le type de convention, en une phrase")
    roles: dict[Code, Role] = Field(min_length=1)


def chemin_de_la_declaration(modele: Path) -> Path:
    return modele.with_suffix(".yaml")


def lire_declaration(modele: Path) -> Declaration:
    """La déclaration de `modele` (un .docx), ou `ErreurModele` si elle manque ou ne se lit pas.

    Lue une fois par version du fichier : chaque dossier d'un lot la demande (~3 ms)."""
    chemin = chemin_de_la_declaration(modele)
    try:
        etat = chemin.stat()
    except OSError:
        raise ErreurModele(f"{chemin} : déclaration introuvable ; un modèle de convention déclare à côté de lui les rôles qu'il attend") from None
    return _lire_declaration(chemin, etat.st_mtime_ns, etat.st_size)


@functools.lru_cache(maxsize=64)
def _lire_declaration(chemin: Path, _date: int, _taille: int) -> Declaration:
    try:
        donnees = par_le_premier_chargeur(chemin.read_text(encoding="utf-8"), lambda chargeur, texte: yaml.load(texte, Loader=chargeur))
    except OSError:
        raise ErreurModele(f"{chemin} : déclaration introuvable ; un modèle de convention déclare à côté de lui les rôles qu'il attend") from None
    except yaml.YAMLError as erreur:
        raise ErreurModele(f"{chemin} : YAML illisible ({erreur})") from None
    try:
        return Declaration.model_validate(donnees)
    except ValidationError as erreur:
        ecarts = ecarts_de_validation(erreur, donnees if isinstance(donnees, dict) else {})
        raise ErreurModele("\n".join(f"{chemin} : {chemin_lisible(c)} : {m}" for c, m in ecarts)) from None


def declarations(modeles: Path) -> dict[str, Declaration]:
    """Les types de convention que propose un dossier de modèles : chaque .docx déclaré, par nom."""
    return {chemin.stem: lire_declaration(chemin) for chemin in sorted(modeles.glob("*.docx")) if chemin_de_la_declaration(chemin).exists()}
