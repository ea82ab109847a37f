"""Les avenants : la convention modifiée, calculée avenant après avenant, jamais retapée.

Un avenant ne dit que ce qui change ; la convention qu'il produit est recalculée
(convention de départ + avenants dans l'ordre) puis repasse par tous les contrôles.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from pydantic import ValidationError

from generateur.controles.budget import completer
from generateur.francais import date_longue
from generateur.lecture.validation import ecarts_de_validation
from generateur.lecture.chemins import Chemin, Ecart, chemin_lisible
from generateur.lecture.schema import Avenant, Convention, Dossier



class ModificationImpossible(Exception):
    """Une modification qui ne s'applique pas : `chemin` dans l'avenant, `message` en français."""

    def __init__(self, chemin: Chemin, message: str):
        super().__init__(message)
        self.chemin, self.message = chemin, message


@dataclass(frozen=True)
class Version:
    """La convention telle qu'elle est après un avenant (ou d'origine, `avenant` vide) : telle
    qu'écrite (`brute`, que le suivant modifie) et complète (montants tirés des parts)."""

    avenant: Avenant | None
    brute: Convention

    @cached_property
    def convention(self) -> Convention:
        return completer(self.brute)

    @property
    def date_effet(self) -> datetime.date:
        return self.avenant.date_effet if self.avenant else datetime.date.min


def versions(dossier: Dossier) -> tuple[list[Version], list[Ecart]]:
    """La convention d'origine (le dossier en a une) puis après chaque avenant, et les écarts
    des avenants qui ne s'appliquent pas (la suite des versions s'arrête au premier)."""
    suite = [Version(None, dossier.convention)]
    ecarts = _controler_numerotation(dossier.avenants)
    if ecarts:
        return suite, ecarts
    for rang, avenant in enumerate(dossier.avenants):
        lieu: Chemin = ("avenants", rang, "modifications")
        try:
            donnees = appliquer(suite[-1].brute.model_dump(), avenant.modifications.model_dump(exclude_unset=True), suite[-1].brute.budget.annees, ())
            suite.append(Version(avenant, Convention.model_validate(donnees)))
        except ModificationImpossible as erreur:
            return suite, [(lieu + erreur.chemin, f"avenant n°{avenant.numero} : {erreur.message}")]
        except ValidationError as erreur:
            return suite, [
                (lieu, f"avenant n°{avenant.numero} : la convention modifiée ne suit plus le schéma : {chemin_lisible(chemin)} : {message}")
                for chemin, message in ecarts_de_validation(erreur, donnees, ("convention",))
            ]
    return suite, []


def en_vigueur(suite: list[Version], jour: datetime.date) -> int:
    """Le rang dans `suite` de la version applicable à `jour` : celle du dernier avenant entré en vigueur."""
    return max(rang for rang, version in enumerate(suite) if version.date_effet <= jour)


def _controler_numerotation(avenants: list[Avenant]) -> list[Ecart]:
    """Avenants numérotés 1, 2, 3… sans lacune, dans l'ordre de leurs dates d'effet."""
    ecarts: list[Ecart] = []
    for rang, avenant in enumerate(avenants):
        if avenant.numero != rang + 1:
            ecarts.append((("avenants", rang, "numero"), f"avenant n°{avenant.numero} à la place de l'avenant n°{rang + 1} ; les avenants sont numérotés 1, 2, 3… sans lacune, dans l'ordre"))
        if rang and avenant.date_effet <= avenants[rang - 1].date_effet:
            ecarts.append((("avenants", rang, "date_effet"), f"l'avenant n°{avenant.numero} prend effet le {date_longue(avenant.date_effet)}, pas après l'avenant n°{avenants[rang - 1].numero} ({date_longue(avenants[rang - 1].date_effet)})"))
    return ecarts


def appliquer(valeur, modification, annees: list[int], chemin: Chemin):
    """`valeur` (données de la convention) modifiée par `modification`, sans toucher à `valeur`.

    Règles : un ensemble de champs se modifie champ par champ ; une liste d'éléments à
    `code` se modifie élément par élément, désigné par son code ; une liste d'un montant
    par année se modifie année par année ; toute autre valeur est remplacée.
    """
    if isinstance(valeur, dict) and isinstance(modification, dict):
        resultat = dict(valeur)
        for cle, sous_modification in modification.items():
            if cle not in valeur:
                raise ModificationImpossible(chemin + (cle,), f"« {cle} » n'est pas un champ de la convention à cet endroit ({', '.join(valeur)})")
            resultat[cle] = appliquer(valeur[cle], sous_modification, annees, chemin + (cle,))
        return resultat
    if isinstance(valeur, list) and isinstance(modification, dict):
        if valeur and all(isinstance(element, dict) and "code" in element for element in valeur):
            codes = [element["code"] for element in valeur]
            resultat = list(valeur)
            for code, sous_modification in modification.items():
                if code not in codes:
                    raise ModificationImpossible(chemin + (code,), f"« {code} » ne désigne aucun élément ({', '.join(codes)})")
                resultat[codes.index(code)] = appliquer(valeur[codes.index(code)], sous_modification, annees, chemin + (code,))
            return resultat
        if len(valeur) == len(annees):
            resultat = list(valeur)
            for annee, nouvelle in modification.items():
                if annee not in annees:
                    raise ModificationImpossible(chemin + (annee,), f"{annee} n'est pas une année de la convention ({', '.join(map(str, annees))})")
                resultat[annees.index(annee)] = nouvelle
            return resultat
        raise ModificationImpossible(chemin, "cette liste se remplace en entier : donnez la nouvelle liste complète")
    return modification
