"""La ligne de commande : lit les options, appelle `principal`, affiche en français."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__, principal as etapes
from .exceptions import ErreurGenerateur, ErreurModele
from .francais import euros_en_lettres, lire_montant
from .rendu import texte_du_modele
from .verification_modeles import verifier_modeles

_CHEMIN = click.Path(path_type=Path)


@contextmanager
def _rapport():
    """Affiche une erreur connue ligne à ligne sur la sortie d'erreur et sort avec son code."""
    try:
        yield
    except ErreurGenerateur as erreur:
        for ligne in erreur.lignes():
            click.echo(ligne, err=True)
        sys.exit(erreur.code_sortie)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, message="generateur %(version)s")
def principal():
    """Produit les actes d'une intercommunalité (décisions, conventions…) depuis des données YAML vérifiées.

    Codes de sortie : 0 tout va bien ; 1 données incohérentes ; 2 données illisibles
    ou hors schéma ; 3 modèle ou écriture impossible.
    """


@principal.command()
@click.argument("dossier", type=_CHEMIN)
def verifier(dossier: Path):
    """Charge et contrôle DOSSIER (fichier YAML ou dossier de fichiers YAML), sans rien écrire.

    Affiche une ligne par anomalie : fichier:ligne : champ : ce qui ne va pas.
    """
    with _rapport():
        etapes.verifier(dossier)
        click.echo(f"{dossier} : données complètes et cohérentes.")


@principal.command()
@click.argument("dossier", type=_CHEMIN)
@click.option("--sortie", type=_CHEMIN, default=Path("sorties"), show_default=True, help="Dossier où écrire les documents.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, help="Dossier des modèles Word (par défaut, ceux du projet).")
@click.option("--force", is_flag=True, help="Remplacer les documents déjà présents.")
def generer(dossier: Path, sortie: Path, modeles: Path, force: bool):
    """Contrôle DOSSIER puis écrit chacun de ses documents ; n'écrit rien si un contrôle échoue."""
    with _rapport():
        for chemin in etapes.generer(dossier, sortie, modeles, force):
            click.echo(str(chemin))


@principal.command(context_settings={"ignore_unknown_options": True})
@click.argument("montant")
@click.option(
    "--orthographe",
    type=click.Choice(["traditionnelle", "1990"]),
    default="traditionnelle",
    show_default=True,
    help="Orthographe des nombres : traditionnelle, ou rectifiée de 1990 (traits d'union partout).",
)
def montant(montant: str, orthographe: str):
    """Écrit MONTANT en toutes lettres (« 14 620,50 » → quatorze mille six cent vingt euros et cinquante centimes)."""
    with _rapport():
        click.echo(euros_en_lettres(lire_montant(montant), orthographe))


@principal.group()
def modeles():
    """Les modèles Word."""


@modeles.command("afficher")
@click.argument("modele", type=_CHEMIN, nargs=-1)
def modeles_afficher(modele: tuple[Path, ...]):
    """Affiche le texte de chaque MODELE, balises comprises (tous ceux du projet par défaut)."""
    with _rapport():
        for chemin in modele or sorted(etapes.MODELES.glob("*.docx")):
            click.echo(f"=== {chemin.name}")
            click.echo(texte_du_modele(chemin), nl=False)


@modeles.command("verifier")
@click.argument("modele", type=_CHEMIN, nargs=-1)
def modeles_verifier(modele: tuple[Path, ...]):
    """Vérifie chaque MODELE sans le remplir (tous ceux du projet par défaut) : balises,
    filtres, variables contre le contexte du modèle ; signale les champs inutilisés.

    Sort en 3 si un modèle a une erreur.
    """
    with _rapport():
        verification = verifier_modeles(modele or sorted(etapes.MODELES.glob("*.docx")))
        if verification.erreurs:
            raise ErreurModele("\n".join(verification.lignes()))
        click.echo("\n".join(verification.lignes()))
