"""La ligne de commande : lit les options, appelle une étape de `etapes`, affiche en français.

Rien d'autre n'est importé ici que click et les exceptions : l'aide s'affiche à l'instant,
et chaque commande ne charge que ce dont son étape a besoin.
"""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import click

from generateur import __version__, cli_francais, etapes
from generateur.exceptions import ErreurGenerateur
from generateur.rendu.bornes import DELAI, MEMOIRE, Bornes


class _Chemin(click.Path):
    """Un chemin : « CHEMIN » dans l'aide d'une option (un argument garde son nom, « DOSSIER »)."""

    name = "chemin"

    def __init__(self):
        super().__init__(path_type=Path)

    def get_metavar(self, param, ctx=None) -> str | None:
        return "CHEMIN" if isinstance(param, click.Option) else None


_CHEMIN = _Chemin()


class _Intervalle:
    """Un nombre borné dont l'aide dit l'intervalle en français : « [de 1 à 64] », « [plus de 0] »."""

    def _describe_range(self) -> str:
        if self.max is None:
            return f"plus de {self.min:g}" if self.min_open else f"{self.min:g} ou plus"
        return f"de {self.min:g} à {self.max:g}"


class _Entier(_Intervalle, click.IntRange):
    pass


class _Reel(_Intervalle, click.FloatRange):
    pass


class _Interruption(KeyboardInterrupt):
    """SIGTERM, traité comme Ctrl-C : le jeu en cours d'écriture est retiré avant de sortir."""

    def __init__(self, numero: int):
        super().__init__(numero)
        self.code_sortie = 128 + numero


def _interrompre(numero: int, _cadre) -> None:
    raise _Interruption(numero)


class _EnFrancais:
    """Une commande (ou un groupe) dont l'aide et les erreurs d'usage parlent français, et que
    Ctrl-C ou SIGTERM arrêtent proprement."""

    context_class = cli_francais.ContexteFrancais

    def main(self, *args, **kwargs):
        cli_francais.installer()
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        """Ctrl-C sort en 130 et SIGTERM en 143 (128 + numéro du signal, l'usage), après que
        l'écriture en cours a été défaite ; click, lui, sortirait en 1."""
        if threading.current_thread() is threading.main_thread():  # seul fil où Python reçoit les signaux
            signal.signal(signal.SIGTERM, _interrompre)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as interruption:
            click.echo("Interrompu : aucun dossier n'est laissé à moitié écrit (les dossiers déjà écrits le restent).", err=True)
            sys.exit(getattr(interruption, "code_sortie", 128 + signal.SIGINT))


class _Commande(_EnFrancais, click.Command):
    pass


class _Groupe(_EnFrancais, click.Group):
    command_class = _Commande

    def __init__(self, *args, **kwargs):
        super().__init__(*args, subcommand_metavar="COMMANDE [ARGUMENTS]...", **kwargs)


_Groupe.group_class = _Groupe


_INVISIBLES = {code: f"\\x{code:02x}" for code in [*range(32), 127] if chr(code) not in "\n\t"} | {
    code: f"\\u{code:04x}" for code in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}
"""Caractères de contrôle (échappement de terminal, sonnerie, NUL) et de sens d'écriture : venus
des données, ils sont montrés sous forme lisible (« \\x1b »), jamais envoyés tels quels au terminal."""


def _afficher(texte: str, err: bool = False) -> None:
    click.echo(texte.translate(_INVISIBLES), err=err)


@contextmanager
def _rapport():
    """Affiche une erreur connue ligne à ligne sur la sortie d'erreur et sort avec son code."""
    try:
        yield
    except ErreurGenerateur as erreur:
        for ligne in erreur.lignes():
            _afficher(ligne, err=True)
        sys.exit(erreur.code_sortie)


def _options_de_bornes(commande):
    """Les bornes du rendu de chaque document, communes à `generer` et `modeles verifier`."""
    commande = click.option(
        "--memoire", type=_Entier(64, 65536), default=MEMOIRE, show_default=True, metavar="MO", help="Mémoire accordée au rendu d'un document, en mégaoctets."
    )(commande)
    return click.option("--delai", type=_Reel(0, min_open=True), default=DELAI, show_default=True, metavar="SECONDES", help="Délai accordé au rendu d'un document.")(commande)


@click.group(cls=_Groupe, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, message="generateur %(version)s")
def principal():
    """Produit les actes d'une intercommunalité (décisions, conventions…) depuis des données YAML vérifiées.

    Codes de sortie : 0 tout va bien ; 1 données incohérentes ; 2 données illisibles
    ou hors schéma ; 3 modèle ou écriture impossible ; 130 interrompu (Ctrl-C) ;
    143 arrêté (SIGTERM).
    """


@principal.command()
@click.argument("dossier", type=_CHEMIN)
def verifier(dossier: Path):
    """Charge et contrôle DOSSIER (fichier YAML ou dossier de fichiers YAML), sans rien écrire.

    Affiche une ligne par anomalie : fichier:ligne : champ : ce qui ne va pas.
    """
    with _rapport():
        _, source = etapes.verifier(dossier)
        blancs = etapes.blancs_restants(source)
        if not blancs:
            _afficher(f"{dossier} : données complètes et cohérentes.")
        else:
            _afficher(f"{dossier} : données cohérentes ; la version définitive (generer --definitif) attend que ces blancs soient remplis :")
            _afficher("\n".join(blancs))


@principal.command()
@click.argument("dossiers", type=_CHEMIN, nargs=-1, required=True)
@click.option("--sortie", type=_CHEMIN, default=Path("sorties"), show_default=True, help="Dossier où écrire les documents.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, show_default="ceux livrés avec generateur", help="Dossier des modèles Word.")
@click.option("--force", is_flag=True, help="Remplacer les documents déjà présents (tout le dossier de sortie du dossier).")
@click.option("--pdf", "avec_pdf", is_flag=True, help="Écrire aussi le PDF/A de chaque document (LibreOffice).")
@click.option("--processus", type=_Entier(1, 64), default=None, metavar="N", help="Processus de travail, et LibreOffice pour les PDF (par défaut, un par cœur).")
@click.option("--attente", type=_Reel(0, 3600), default=60, show_default=True, metavar="SECONDES",
              help="Attente au plus, si une autre génération écrit le même dossier.")
@click.option("--definitif", is_flag=True, help="Version à signer : refuser un dossier qui a encore des blancs « à compléter ».")
@click.option("--seulement", type=click.Choice(["actes", "seance"]), default=None, metavar="PART",
              help="« actes » : les actes seuls ; « seance » : les documents de séance seuls (convocation, émargement, liste des actes, procès-verbal, registre).")
@_options_de_bornes
def generer(dossiers: tuple[Path, ...], sortie: Path, modeles: Path, force: bool, avec_pdf: bool, processus: int | None, attente: float, definitif: bool,
            seulement: str | None, delai: float, memoire: int):
    """Contrôle chaque DOSSIER puis écrit ses actes et les documents de ses séances dans
    SORTIE/<nom du dossier>/, qui ne contient ensuite que ce que cette génération a écrit
    (et son manifeste).

    Un dossier dont un contrôle ou un rendu échoue n'écrit rien, sans arrêter les autres.
    """
    barre = _BarreDeProgression()
    bilan = etapes.generer(list(dossiers), sortie, modeles, force, avec_pdf, processus, barre, attente, Bornes(delai, memoire), definitif, seulement)
    barre.fermer()
    for chemin in bilan.ecrits:
        _afficher(str(chemin))
    for erreur in [*bilan.refuses.values(), *filter(None, [bilan.erreur_pdf])]:
        for ligne in erreur.lignes():
            _afficher(ligne, err=True)
    if len(dossiers) > 1:
        _afficher(bilan.resume(), err=True)
    codes = [erreur.code_sortie for erreur in bilan.refuses.values()] + ([bilan.erreur_pdf.code_sortie] if bilan.erreur_pdf else [])
    sys.exit(max(codes, default=0))


class _BarreDeProgression:
    """La barre de click, ouverte au premier dossier fini d'un long lot."""

    SEUIL = 3
    """Deux dossiers finissent vite ; à partir de trois, la barre compte les dossiers finis."""

    def __init__(self):
        self.barre = None

    def __call__(self, total: int) -> None:
        if self.barre is None and total >= self.SEUIL:
            self.barre = click.progressbar(length=total, label="Génération des dossiers", file=sys.stderr)
            self.barre.__enter__()
        if self.barre is not None:
            self.barre.update(1)

    def fermer(self) -> None:
        if self.barre is not None:
            self.barre.__exit__(None, None, None)


@principal.command()
@click.argument("dossier", type=_CHEMIN)
@click.option("--depuis", type=_CHEMIN, required=True, help="Dossier existant dont reprendre la structure et les partenaires.")
@click.option("--type", "type_", default=None, help="Type de convention (modèle modeles/TYPE.docx) ; par défaut, celui du dossier repris.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, help="Dossier des modèles Word (par défaut, ceux du projet).")
def nouveau(dossier: Path, depuis: Path, type_: str | None, modeles: Path):
    """Crée DOSSIER pour un autre EPCI depuis un dossier existant : ce qui appartient à
    l'ancien EPCI devient « à compléter » ; `verifier` liste ensuite les blancs."""
    with _rapport():
        for chemin in etapes.nouveau(dossier, depuis, type_, modeles):
            click.echo(str(chemin))


@principal.command()
@click.option("--sortie", type=_CHEMIN, default=None, help="Fichier JSON à écrire (par défaut, la sortie standard).")
@click.option("--force", is_flag=True, help="Remplacer le fichier s'il existe.")
def schema(sortie: Path | None, force: bool):
    """Écrit le JSON Schema d'un dossier (descriptions en français), pour l'éditeur de YAML."""
    with _rapport():
        resultat = etapes.schema(sortie, force)
        click.echo(resultat if isinstance(resultat, str) else "\n".join(map(str, resultat)), nl=not isinstance(resultat, str))


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
        click.echo(etapes.montant_en_lettres(montant, orthographe))


@principal.command("exporter-scdl")
@click.argument("dossier", type=_CHEMIN)
@click.option("--sortie", type=_CHEMIN, default=None, help="Fichier CSV à écrire (par défaut, la sortie standard).")
@click.option("--force", is_flag=True, help="Remplacer le fichier s'il existe.")
def exporter_scdl(dossier: Path, sortie: Path | None, force: bool):
    """Écrit la liste des décisions de DOSSIER au format open data « Délibérations » (SCDL 2.1.2)."""
    with _rapport():
        texte = etapes.exporter_scdl(dossier)
        if sortie is None:
            click.echo(texte, nl=False)
        else:
            _afficher(str(etapes.ecrire_fichier(sortie, texte.encode("utf-8"), force)))


@principal.command("exporter-actes")
@click.argument("dossier", type=_CHEMIN)
@click.option("--sortie", type=_CHEMIN, required=True, help="Dossier où écrire un sous-dossier par acte.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, show_default="ceux livrés avec generateur", help="Dossier des modèles Word.")
@click.option("--force", is_flag=True, help="Remplacer les fichiers déjà présents.")
def exporter_actes(dossier: Path, sortie: Path, modeles: Path, force: bool):
    """Prépare la transmission @ctes de chaque acte de DOSSIER : dans SORTIE/<numéro>/, le PDF/A
    de l'acte et de ses annexes (convention, avenants) et ses métadonnées (<numéro>.json)."""
    with _rapport():
        for chemin in etapes.exporter_actes(dossier, sortie, modeles, force):
            _afficher(str(chemin))


@principal.command("compte-rendu")
@click.argument("dossier", type=_CHEMIN)
@click.option("--du", "debut", type=click.DateTime(["%Y-%m-%d"]), required=True, metavar="AAAA-MM-JJ", help="Premier jour de la période.")
@click.option("--au", "fin", type=click.DateTime(["%Y-%m-%d"]), required=True, metavar="AAAA-MM-JJ", help="Dernier jour de la période.")
@click.option("--sortie", type=_CHEMIN, default=Path("sorties"), show_default=True, help="Dossier où écrire le compte rendu.")
@click.option("--modeles", type=_CHEMIN, default=etapes.MODELES, show_default="ceux livrés avec generateur", help="Dossier des modèles Word.")
@click.option("--force", is_flag=True, help="Remplacer le document s'il existe.")
def compte_rendu(dossier: Path, debut, fin, sortie: Path, modeles: Path, force: bool):
    """Écrit le compte rendu des décisions prises par le Bureau entre --du et --au (inclus), que le
    Président présente au conseil (article L5211-10 du CGCT)."""
    if fin < debut:
        raise click.BadParameter(f"le {fin:%Y-%m-%d} précède le début de la période ({debut:%Y-%m-%d})", param_hint="'--au'")
    with _rapport():
        _afficher(str(etapes.compte_rendu(dossier, sortie, debut.date(), fin.date(), modeles, force)))


@principal.command("importer-membres")
@click.argument("tableur", type=_CHEMIN)
@click.option("--assemblee", required=True, metavar="CODE", help="Code de l'assemblée : bureau, conseil…")
@click.argument("dossier", type=_CHEMIN)
@click.option("--force", is_flag=True, help="Remplacer la liste des membres si elle existe.")
def importer_membres(tableur: Path, assemblee: str, dossier: Path, force: bool):
    """Écrit DOSSIER/assemblee_<code>.yaml depuis la liste des membres tenue dans TABLEUR (.xlsx ou .csv).

    Colonnes : Civilité, Prénom, Nom, et au besoin Fonction, Commune, Suppléant civilité,
    Suppléant prénom, Suppléant nom, Début, Fin. Une ligne fautive : rien n'est écrit.
    """
    with _rapport():
        click.echo(str(etapes.importer_membres(tableur, assemblee, dossier, force)))
class _Jour(click.ParamType):
    """Une date AAAA-MM-JJ, dite en français si elle est mal écrite."""

    name = "date"

    def get_metavar(self, param, ctx=None) -> str:
        return "AAAA-MM-JJ"

    def convert(self, value, param, ctx):
        import datetime

        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(f"« {value} » n'est pas une date ; une date AAAA-MM-JJ est attendue, par exemple 2025-06-30", param, ctx)


class _Export(click.Path):
    """Le fichier d'un export de trésorerie : .xlsx (tableur) ou .csv."""

    name = "chemin"

    def __init__(self):
        super().__init__(path_type=Path)

    def get_metavar(self, param, ctx=None) -> str:
        return "FICHIER.xlsx|.csv"

    def convert(self, value, param, ctx):
        chemin = super().convert(value, param, ctx)
        if chemin.suffix.lower() not in (".xlsx", ".csv"):
            self.fail(f"« {chemin} » : un fichier .xlsx (tableur) ou .csv est attendu", param, ctx)
        return chemin


@principal.command()
@click.argument("dossier", type=_CHEMIN)
@click.option("--au", type=_Jour(), default=None, help="Date de la situation (par défaut, aujourd'hui).")
@click.option("--sortie", type=_Export(), default=None, help="Fichier .xlsx ou .csv à écrire (par défaut, le tableau au terminal).")
@click.option("--force", is_flag=True, help="Remplacer le fichier s'il existe.")
@click.option("--relances", is_flag=True, help="Écrire une lettre de relance pour chaque appel impayé après son échéance.")
@click.option("--pdf", "avec_pdf", is_flag=True, help="Avec --relances : écrire aussi le PDF/A de chaque relance.")
@click.option("--actes", type=_CHEMIN, default=Path("sorties"), show_default=True, help="Avec --relances : dossier de sortie des actes ; les relances vont dans ACTES/<nom du dossier>/relances/.")
def tresorerie(dossier: Path, au, sortie: Path | None, force: bool, relances: bool, avec_pdf: bool, actes: Path):
    """Situation des appels de fonds de DOSSIER : appelé, payé, reste dû, retard, et les
    champs du titre de recettes ; totaux par partenaire et par année."""
    import datetime

    au = au or datetime.date.today()
    with _rapport():
        if relances:
            ecrits, remarques = etapes.relancer(dossier, au, actes, avec_pdf)
            for ligne in [*map(str, ecrits), *remarques] or ["Aucun appel à relancer."]:
                click.echo(ligne)
        else:
            click.echo(etapes.exporter_tresorerie(dossier, au, sortie, force), nl=sortie is not None)


@principal.command("verifier-sorties")
@click.argument("dossier", type=_CHEMIN)
def verifier_sorties(dossier: Path):
    """Recalcule l'empreinte de chaque document de DOSSIER (le dossier d'un dossier, ou le
    --sortie d'un lot) et dit, d'après son manifeste, quels fichiers ont été modifiés,
    supprimés ou ajoutés depuis la génération (code 1)."""
    with _rapport():
        for ligne in etapes.verifier_sorties(dossier):
            _afficher(ligne)


@principal.command()
@click.argument("dossiers", type=_CHEMIN, nargs=-1)
@click.option("--port", type=_Entier(1, 65535), default=8000, show_default=True, metavar="N", help="Port d'écoute.")
@click.option("--hote", default="127.0.0.1", show_default=True, metavar="ADRESSE", help="Adresse d'écoute ; toute autre que 127.0.0.1 rend l'application joignable depuis le réseau.")
@click.option("--sortie", type=_CHEMIN, default=Path("sorties"), show_default=True, help="Dossier où écrire les documents générés.")
def serveur(dossiers: tuple[Path, ...], port: int, hote: str, sortie: Path):
    """Ouvre l'interface web locale sur DOSSIERS (par défaut, ceux de donnees/) : voir,
    corriger, générer et télécharger depuis un navigateur. Ctrl+C pour l'arrêter."""
    with _rapport():
        application = etapes.serveur(list(dossiers), hote, port, sortie)
        click.echo(f"Interface web : http://{application.adresse}/ (Ctrl+C pour arrêter)")
        application.servir()


@principal.group()
def modeles():
    """Les modèles Word."""


@modeles.command("afficher")
@click.argument("modele", type=_CHEMIN, nargs=-1)
def modeles_afficher(modele: tuple[Path, ...]):
    """Affiche le texte de chaque MODELE, balises comprises (tous ceux livrés par défaut)."""
    with _rapport():
        for nom, texte in etapes.textes_des_modeles(list(modele) or etapes.modeles_livres()):
            click.echo(f"=== {nom}")
            click.echo(texte, nl=False)


@modeles.command("verifier")
@click.argument("modele", type=_CHEMIN, nargs=-1)
@_options_de_bornes
def modeles_verifier(modele: tuple[Path, ...], delai: float, memoire: int):
    """Vérifie chaque MODELE (tous ceux livrés par défaut) : paquet Word (types de contenu,
    relations, styles), balises, filtres, variables contre le contexte du modèle, puis un
    rendu avec chaque document des exemples de donnees/ ; signale les champs inutilisés.

    Sort en 3 si un modèle a une erreur.
    """
    with _rapport():
        click.echo("\n".join(etapes.verifier_modeles(list(modele) or etapes.modeles_livres(), Bornes(delai, memoire))))
