"""Étape 5 : remplir un modèle Word. Seul module qui connaît docx, docxtpl, Jinja et le XML.

Le rendu échappe toujours le XML (un « & » dans un nom sort tel quel), refuse toute
variable absente du contexte (StrictUndefined) et s'exécute dans le bac à sable de
Jinja. Le fichier produit ne dépend que du modèle et des données : dates des parties
du zip figées, pour que deux générations donnent les mêmes octets.
"""

from __future__ import annotations

import io
from dataclasses import fields
import zipfile
from pathlib import Path

import jinja2
from docx import Document
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .exceptions import ErreurGenerateur, ErreurModele
from .francais import FILTRES

_DATE_FIGEE = (1980, 1, 1, 0, 0, 0)


def environnement() -> ImmutableSandboxedEnvironment:
    """L'environnement Jinja de tous les modèles : bac à sable, variables strictes, filtres français."""
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(FILTRES)
    return env


def rendre(modele: Path, contexte) -> bytes:
    """Le document rempli, en octets ; `ErreurModele` si le modèle ne peut pas l'être.

    `contexte` est un des `Contexte…` de `contexte.py` : ses champs sont les noms du modèle.
    """
    if not modele.is_file():
        raise ErreurModele(f"modèle introuvable : {modele}")
    gabarit = DocxTemplate(modele)
    try:
        gabarit.render({champ.name: getattr(contexte, champ.name) for champ in fields(contexte)}, environnement(), autoescape=True)
    except jinja2.exceptions.SecurityError as erreur:
        raise ErreurModele(f"modèle {modele} : opération interdite dans un modèle ({erreur})") from None
    except jinja2.UndefinedError as erreur:
        raise ErreurModele(f"modèle {modele} : variable inconnue ({erreur.message})") from None
    except jinja2.TemplateSyntaxError as erreur:
        raise ErreurModele(f"modèle {modele} : balise invalide ({erreur.message})") from None
    except (ErreurGenerateur, ValueError, TypeError, AttributeError) as erreur:
        raise ErreurModele(f"modèle {modele} : une valeur ne peut pas être écrite ({erreur})") from None
    tampon = io.BytesIO()
    gabarit.save(tampon)
    return _figer_zip(tampon.getvalue())


def texte_du_modele(modele: Path) -> str:
    """Le texte du modèle, balises comprises : un paragraphe par ligne, une ligne par rangée de tableau."""
    lignes: list[str] = []
    for bloc in Document(str(modele)).iter_inner_content():
        if isinstance(bloc, Paragraph):
            lignes.append(bloc.text.replace("\n", "↵"))
        else:
            lignes += [" | ".join(cellule.text.replace("\n", "↵") for cellule in rangee.cells) for rangee in bloc.rows]
    return "\n".join(lignes) + "\n"


def _figer_zip(contenu: bytes) -> bytes:
    """Réécrit le zip dans le même ordre avec des dates fixes."""
    source = zipfile.ZipFile(io.BytesIO(contenu))
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as cible:
        for partie in source.infolist():
            info = zipfile.ZipInfo(partie.filename, _DATE_FIGEE)
            info.compress_type = zipfile.ZIP_DEFLATED
            cible.writestr(info, source.read(partie.filename))
    return sortie.getvalue()
