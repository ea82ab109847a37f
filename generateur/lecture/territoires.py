"""Les départements et les régions, avec leurs articles : des données, pas du code.

« de la Manche », « du Calvados », « des Côtes-d'Armor », « de La Réunion » : l'article d'un
nom de lieu ne se devine pas, il se lit dans `departements.csv` (code;nom;article;region) et
`regions.csv` (nom;article;institution).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from generateur.francais import sans_accents


@dataclass(frozen=True)
class Region:
    nom: str  # « Normandie »
    avec_article: str  # « la Normandie », « La Réunion »
    institution: str  # « Région Normandie », « Collectivité de Corse »


@dataclass(frozen=True)
class Departement:
    code: str  # « 50 », « 2A », « 974 »
    nom: str  # « Manche »
    avec_article: str  # « la Manche », « le Calvados », « les Côtes-d'Armor », « La Réunion »
    region: Region


def _avec_article(nom: str, article: str) -> str:
    if not article:
        return nom
    return f"{article}{nom}" if article.endswith("'") else f"{article} {nom}"


def lire_table(nom: str) -> list[dict[str, str]]:
    """Les lignes d'une table livrée avec le paquet (`departements.csv`…) : UTF-8, « ; » entre les colonnes."""
    texte = files(__package__).joinpath(nom).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(texte), delimiter=";"))


@cache
def departements() -> dict[str, Departement]:
    """Les départements, par code."""
    regions = {ligne["nom"]: Region(ligne["nom"], _avec_article(ligne["nom"], ligne["article"]), ligne["institution"]) for ligne in lire_table("regions.csv")}
    return {
        ligne["code"]: Departement(ligne["code"], ligne["nom"], _avec_article(ligne["nom"], ligne["article"]), regions[ligne["region"]])
        for ligne in lire_table("departements.csv")
    }


def _cle(texte: str) -> str:
    return sans_accents(texte).lower().replace("'", " ").replace("-", " ").replace("\u2019", " ").strip()


@cache
def _par_nom() -> dict[str, str]:
    noms: dict[str, str] = {}
    for code, departement in departements().items():
        noms[_cle(departement.nom)] = code
        noms[_cle(departement.avec_article)] = code
        noms[code.lower()] = code
    return noms


def trouver_departement(texte: str) -> Departement | None:
    """Le département nommé (« Manche », « la Manche », « cotes d'armor ») ou codé (« 50 », « 2a »)."""
    code = _par_nom().get(_cle(texte).zfill(2) if _cle(texte).isdigit() else _cle(texte))
    return departements()[code] if code else None
