"""Les messages de click (aide, erreurs d'usage) en français.

click marque ses messages pour gettext mais ne livre aucune traduction ; ses modules
appellent `_()` et `ngettext()` au moment d'afficher. On leur donne ici une table
française, installée quand une commande se lance (pas à l'import) : un message sans
traduction reste tel quel. Les titres de l'aide prennent l'espace française avant « : ».
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

MESSAGES = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} est hors de l'intervalle permis ({range}).",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Aborted!": "Abandon.",
}
MESSAGES_AU_PLURIEL = {
    "Got unexpected extra argument ({args})": ("Argument en trop ({args})", "Arguments en trop ({args})"),
    "Option {name!r} requires an argument.": ("L'option {name!r} demande une valeur.", "L'option {name!r} demande {nargs} valeurs."),
    "{value!r} is not {choice}.": ("{value!r} n'est pas {choice}.", "{value!r} n'est pas parmi {choices}."),
    "Did you mean {possibility}?": ("Vouliez-vous dire {possibility} ?", "(Vouliez-vous dire l'un de : {possibilities} ?)"),
}


def _traduire(message: str) -> str:
    return MESSAGES.get(message, message)


def _traduire_au_pluriel(singulier: str, pluriel: str, nombre: int) -> str:
    formes = MESSAGES_AU_PLURIEL.get(singulier, (singulier, pluriel))
    return formes[0] if nombre == 1 else formes[1]


def installer() -> None:
    """Donne la table française à chaque module de click qui affiche des messages."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        module._ = _traduire
        if hasattr(module, "ngettext"):
            module.ngettext = _traduire_au_pluriel


class FormatteurFrancais(click.formatting.HelpFormatter):
    """Les titres de l'aide suivis d'une espace et d'un deux-points : « Options : »."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading} :\n")


class ContexteFrancais(click.core.Context):
    formatter_class = FormatteurFrancais
