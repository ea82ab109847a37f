"""Les écarts d'une valeur au schéma, dits en français et situés par le chemin du champ.

pydantic décrit chaque erreur en anglais, avec un chemin où s'intercalent les branches
des unions ; ce module en tire un message par champ fautif. Le chargement d'un dossier
et la convention recalculée par un avenant s'en servent tous deux.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from decimal import Decimal

from pydantic import BaseModel, ValidationError

from generateur.francais import nombre_dans_un_message
from generateur.lecture.chemins import Chemin, Ecart
from generateur.lecture.schema import MOTIFS, Dossier

# Erreurs de type d'une branche d'union : sans intérêt dès qu'une autre branche va plus loin.
_TYPE_ERRONE = {"is_instance_of", "string_type", "model_type", "dict_type", "model_attributes_type", "list_type", "int_type", "bool_type"}


def ecarts_de_validation(erreur: ValidationError, donnees: dict, racine: Chemin = ()) -> list[Ecart]:
    """Un écart (chemin, message) par champ fautif ; d'une union, seule compte la branche qui va
    le plus loin. `donnees` est la valeur validée, à l'endroit `racine` du dossier."""
    erreurs = []
    for detail in erreur.errors(include_url=False):
        chemin, en_union = _chemin_dans_donnees(detail["loc"], donnees, detail["type"])
        chemin = racine + chemin
        erreurs.append((chemin, en_union, detail["type"] in _TYPE_ERRONE, _message(detail, chemin)))
    messages: dict[Chemin, list[str]] = {}
    for chemin, en_union, type_errone, message in erreurs:
        plus_loin = any(
            autre[1] and not autre[2] and autre[0][: len(chemin)] == chemin for autre in erreurs
        )
        if en_union and type_errone and plus_loin:
            continue
        if message not in messages.setdefault(chemin, []):
            messages[chemin].append(message)
    return [(chemin, " ou ".join(textes)) for chemin, textes in messages.items()]


def _chemin_dans_donnees(loc: tuple, donnees, type_erreur: str) -> tuple[Chemin, bool]:
    """Retire de `loc` les étiquettes de branches d'union que pydantic y insère."""
    chemin: list = []
    courant = donnees
    en_union = False
    for rang, partie in enumerate(loc):
        dernier = rang == len(loc) - 1
        if isinstance(courant, dict) and partie in courant:
            courant = courant[partie]
        elif isinstance(courant, list) and isinstance(partie, int) and partie < len(courant):
            courant = courant[partie]
        elif dernier and type_erreur == "missing" and isinstance(courant, dict):
            pass
        else:
            en_union = True
            continue
        chemin.append(partie)
    return tuple(chemin), en_union


def _message(detail: dict, chemin: Chemin) -> str:
    sorte, ctx = detail["type"], detail.get("ctx", {})
    if sorte == "missing":
        return "champ obligatoire absent"
    if sorte in ("extra_forbidden", "invalid_key"):
        return _champ_inconnu(chemin)
    if sorte == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if sorte == "literal_error" or sorte == "enum":
        attendu = str(ctx.get("expected", "")).replace(" or ", " ou ")
        saisie = "valeur vide" if detail["input"] is None else f"valeur « {detail['input']} »"
        return f"{saisie} non admise ; attendu : {_guillemets(attendu)}"
    if sorte == "string_type" and isinstance(detail["input"], (int, Decimal)):
        return f"texte attendu : écrivez la valeur entre guillemets (\"{detail['input']}\")"
    if sorte == "string_pattern_mismatch":
        return f"« {detail['input']} » ne convient pas ; attendu : {MOTIFS.get(ctx.get('pattern'), ctx.get('pattern'))}"
    if sorte == "string_too_long":
        return f"au plus {ctx.get('max_length')} caractères attendus"
    if sorte == "too_short":
        return f"au moins {ctx.get('min_length')} élément attendu"
    if sorte == "decimal_max_places":
        return f"au plus {ctx.get('decimal_places')} décimales attendues (un montant s'écrit au centime près)"
    if sorte in _BORNES:
        comparaison, borne = _BORNES[sorte]
        return f"nombre {comparaison} {nombre_dans_un_message(ctx.get(borne))} attendu"
    messages = {
        "is_instance_of": "« à compléter »",
        "string_type": "texte attendu",
        "string_too_short": "texte vide ; une valeur est attendue",
        "int_type": "nombre entier attendu",
        "int_parsing": "nombre entier attendu",
        "int_from_float": "nombre entier attendu",
        "bool_type": "« true » ou « false » attendu",
        "bool_parsing": "« true » ou « false » attendu",
        "date_type": "date attendue au format AAAA-MM-JJ",
        "date_parsing": "date attendue au format AAAA-MM-JJ",
        "date_from_datetime_inexact": "date sans heure attendue (AAAA-MM-JJ)",
        "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ",
        "time_type": "heure attendue, par exemple « 9:00 »",
        "decimal_type": "montant attendu, par exemple 14620 ou 14620.50",
        "decimal_parsing": "montant attendu, par exemple 14620 ou 14620.50 (sans espace ni « € »)",
        "list_type": "liste attendue (éléments précédés de « - »)",
        "model_type": "ensemble de champs « clé: valeur » attendu",
        "dict_type": "ensemble de champs « clé: valeur » attendu",
        "model_attributes_type": "ensemble de champs « clé: valeur » attendu",
    }
    return messages.get(sorte, f"valeur invalide ({detail['msg']})")


_BORNES = {
    "less_than_equal": ("inférieur ou égal à", "le"),
    "greater_than_equal": ("supérieur ou égal à", "ge"),
    "less_than": ("inférieur à", "lt"),
    "greater_than": ("supérieur à", "gt"),
}
"""Les erreurs de borne de pydantic : la comparaison en français et la clé de la borne."""


def _guillemets(attendu: str) -> str:
    """« 'present', 'excuse' ou 'absent' » → « « present », « excuse » ou « absent » »."""
    return re.sub(r"'([^']*)'", r"« \1 »", attendu)


def _champ_inconnu(chemin: Chemin) -> str:
    admis = _champs_admis(chemin[:-1])
    message = f"champ inconnu « {chemin[-1]} »"
    proche = difflib.get_close_matches(str(chemin[-1]), admis, n=1)
    if proche:
        message += f" ; vouliez-vous dire « {proche[0]} » ?"
    return f"{message} (champs admis : {', '.join(admis)})" if admis else message


def _champs_admis(chemin: Chemin) -> list[str]:
    """Les champs du modèle qui décrit la valeur à `chemin`."""
    types_courants: list = [Dossier]
    for partie in chemin:
        suivants = []
        for candidat in _deplier(types_courants):
            origine = typing.get_origin(candidat)
            if isinstance(partie, int) and origine is list:
                suivants.append(typing.get_args(candidat)[0])
            elif isinstance(candidat, type) and issubclass(candidat, BaseModel) and partie in candidat.model_fields:
                suivants.append(candidat.model_fields[partie].annotation)
        types_courants = suivants
    modeles = [t for t in _deplier(types_courants) if isinstance(t, type) and issubclass(t, BaseModel)]
    return list(modeles[0].model_fields) if modeles else []


def _deplier(candidats: list) -> list:
    """Déplie `Annotated[…]` et les unions jusqu'aux types qui les composent."""
    resultat = []
    for candidat in candidats:
        origine = typing.get_origin(candidat)
        if origine is typing.Annotated:
            resultat += _deplier([typing.get_args(candidat)[0]])
        elif origine in (typing.Union, types.UnionType):
            resultat += _deplier(list(typing.get_args(candidat)))
        else:
            resultat.append(candidat)
    return resultat
