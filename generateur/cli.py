"""La ligne de commande : lit les options, appelle `principal`, affiche en français."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from generateur import __version__

from generateur import cli_francais

from generateur.sorties import manifeste

from generateur import etapes

from generateur.sorties import scdl
from generateur.sorties.ecriture import ecrire
from generateur.exceptions import ErreurGenerateur, ErreurModele
from generateur.francais import euros_en_lettres, lire_montant, quantite
from generateur.rendu.word import texte_du_modele
from generateur.rendu.verification import verifier_modeles

_CHEMIN = click.Path(path_type=Path)
cli_francais.installer()


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
@click.argument("dossiers", type=_CHEMIN, nargs=-1, required=True)
@click.option("--sortie", type=_CHEMIN, default=Path("sorties"), show_default=True, help="Dossier où écrire les documents.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, help="Dossier des modèles Word (par défaut, ceux du projet).")
@click.option("--force", is_flag=True, help="Remplacer les documents déjà présents.")
@click.option("--pdf", "avec_pdf", is_flag=True, help="Écrire aussi le PDF/A de chaque document (LibreOffice).")
@click.option("--processus", type=click.IntRange(1, 64), default=None, help="Processus de rendu (par défaut, un par cœur).")
@click.option("--seulement", type=click.Choice(["actes", "seance"]), default=None,
              help="Les actes seuls, ou les documents de séance seuls (convocation, émargement, liste des actes, procès-verbal, registre).")
def generer(dossiers: tuple[Path, ...], sortie: Path, modeles: Path, force: bool, avec_pdf: bool, processus: int | None, seulement: str | None):
    """Contrôle chaque DOSSIER puis écrit ses actes et les documents de ses séances dans SORTIE/<nom du dossier>/.

    Un dossier dont un contrôle échoue n'écrit rien, sans arrêter les autres.
    """
    barre = _BarreDeProgression()
    bilan = etapes.generer(list(dossiers), sortie, modeles, force, avec_pdf, processus, barre, seulement)
    barre.fermer()
    for chemin in bilan.ecrits:
        click.echo(str(chemin))
    for erreur in [*bilan.refuses.values(), *filter(None, [bilan.erreur_pdf])]:
        for ligne in erreur.lignes():
            click.echo(ligne, err=True)
    if len(dossiers) > 1:
        duree = f"{bilan.duree:.1f}".replace(".", ",")
        refuses = f" ; dossiers refusés : {', '.join(map(str, bilan.refuses))}" if bilan.refuses else ""
        click.echo(f"Écrits : {quantite(bilan.documents, 'document')} de {quantite(len(dossiers) - len(bilan.refuses), 'dossier')} en {duree} s{refuses}", err=True)
    codes = [erreur.code_sortie for erreur in bilan.refuses.values()] + ([bilan.erreur_pdf.code_sortie] if bilan.erreur_pdf else [])
    sys.exit(max(codes, default=0))


class _BarreDeProgression:
    """La barre de click, ouverte au premier document rendu d'un long lot, pour qui regarde un
    terminal : dans un journal ou un script, elle ne serait que du bruit sur la sortie d'erreur."""

    SEUIL = 20

    def __init__(self):
        self.barre = None

    def __call__(self, total: int) -> None:
        if self.barre is None and total >= self.SEUIL and sys.stderr.isatty():
            self.barre = click.progressbar(length=total, label="Rendu des documents", file=sys.stderr)
            self.barre.__enter__()
        if self.barre is not None:
            self.barre.update(1)

    def fermer(self) -> None:
        if self.barre is not None:
            self.barre.__exit__(None, None, None)


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


@principal.command("exporter-scdl")
@click.argument("dossier", type=_CHEMIN)
@click.option("--sortie", type=_CHEMIN, default=None, help="Fichier CSV à écrire (par défaut, la sortie standard).")
@click.option("--force", is_flag=True, help="Remplacer le fichier s'il existe.")
def exporter_scdl(dossier: Path, sortie: Path | None, force: bool):
    """Écrit la liste des décisions de DOSSIER au format open data « Délibérations » (SCDL 2.1.2)."""
    with _rapport():
        texte = scdl.exporter_scdl(etapes.verifier(dossier)[0].dossier)
        if sortie is None:
            click.echo(texte, nl=False)
        else:
            ecrire({sortie: texte.encode("utf-8")}, force)
            click.echo(str(sortie))


@principal.command("exporter-actes")
@click.argument("dossier", type=_CHEMIN)
@click.option("--sortie", type=_CHEMIN, required=True, help="Dossier où écrire un sous-dossier par acte.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, help="Dossier des modèles Word (par défaut, ceux du projet).")
@click.option("--force", is_flag=True, help="Remplacer les fichiers déjà présents.")
def exporter_actes(dossier: Path, sortie: Path, modeles: Path, force: bool):
    """Prépare la transmission @ctes de chaque acte de DOSSIER : dans SORTIE/<numéro>/, le PDF/A
    de l'acte et de ses annexes (convention, avenants) et ses métadonnées (<numéro>.json)."""
    with _rapport():
        for chemin in etapes.exporter_actes(dossier, sortie, modeles, force):
            click.echo(str(chemin))


@principal.command("compte-rendu")
@click.argument("dossier", type=_CHEMIN)
@click.option("--du", "debut", type=click.DateTime(["%Y-%m-%d"]), required=True, help="Premier jour de la période, AAAA-MM-JJ.")
@click.option("--au", "fin", type=click.DateTime(["%Y-%m-%d"]), required=True, help="Dernier jour de la période, AAAA-MM-JJ.")
@click.option("--sortie", type=_CHEMIN, default=Path("sorties"), show_default=True, help="Dossier où écrire le compte rendu.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, help="Dossier des modèles Word (par défaut, ceux du projet).")
@click.option("--force", is_flag=True, help="Remplacer le document s'il existe.")
def compte_rendu(dossier: Path, debut, fin, sortie: Path, modeles: Path, force: bool):
    """Écrit le compte rendu des décisions prises par le Bureau entre --du et --au (inclus), que le
    Président présente au conseil (article L5211-10 du CGCT)."""
    if fin < debut:
        raise click.BadParameter(f"le {fin:%Y-%m-%d} précède le début de la période ({debut:%Y-%m-%d})", param_hint="'--au'")
    with _rapport():
        click.echo(str(etapes.compte_rendu(dossier, sortie, debut.date(), fin.date(), modeles, force)))


@principal.command("verifier-sorties")
@click.argument("dossier", type=_CHEMIN)
def verifier_sorties(dossier: Path):
    """Recalcule l'empreinte de chaque document de DOSSIER (une sortie de generer) et dit
    lesquels ont été modifiés depuis leur génération, d'après son manifeste."""
    with _rapport():
        for ligne in manifeste.verifier_sorties(dossier):
            click.echo(ligne)


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
