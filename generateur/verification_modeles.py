"""Vérifier les modèles Word sans les remplir : balises, filtres, variables, champs inutilisés.

Un modèle se corrige dans Word ; une faute de frappe dans une balise ne se voit qu'au
rendu, et seulement si les données passent par là. On contrôle donc chaque modèle contre
le type de son contexte (`contexte.CONTEXTES`) : les annotations des dataclasses de
`contexte.py` et des modèles pydantic de `schema.py` sont la seule description de ce qu'un
modèle peut lire. Rien n'est rendu, rien n'est exécuté.

Quatre contrôles, dans l'ordre où docxtpl traite un modèle :

1. les balises se lisent (le XML de chaque partie, prétraité par docxtpl, passe l'analyse de Jinja) ;
2. aucune balise n'est coupée entre deux paragraphes, et une balise `{%p %}`, `{%tr %}` ou
   `{%tc %}` est seule dans son paragraphe, sa rangée ou sa cellule (docxtpl supprime le reste) ;
3. chaque filtre existe et chaque variable existe dans le type du contexte ;
4. les champs du schéma qu'aucun modèle n'utilise sont signalés (information, pas erreur).
"""

from __future__ import annotations

import ast
import collections.abc
import dataclasses
import difflib
import functools
import html
import inspect
import re
import textwrap
import types
import zipfile
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin, get_type_hints

from docx.oxml.ns import qn
from jinja2 import TemplateSyntaxError, nodes
from lxml import etree
from pydantic import BaseModel

from .contexte import CONTEXTES
from .francais import FILTRES
from .rendu import environnement, parties_a_remplir, source_jinja

INCONNU = (Any,)
"""Un type qu'on ne sait pas déduire : tout y est permis."""


@dataclass(frozen=True)
class Analyse:
    """Ce qu'un modèle montre à la vérification : ses erreurs et les champs qu'il lit."""

    modele: str
    contexte: type | None
    erreurs: list[str]
    utilises: frozenset[tuple[type, str]] = frozenset()


@dataclass(frozen=True)
class Verification:
    """Le bilan de plusieurs modèles, tel que la commande `modeles verifier` l'affiche."""

    nombre_modeles: int
    erreurs: list[str]
    non_utilises: list[str]

    def lignes(self) -> list[str]:
        """Une ligne par erreur, puis les informations, puis le bilan."""
        lignes = list(self.erreurs)
        if self.non_utilises:
            lignes.append(f"champs non utilisés par les modèles : {', '.join(self.non_utilises)}")
        n, e = self.nombre_modeles, len(self.erreurs)
        lignes.append(f"{n} modèle{_s(n)} vérifié{_s(n)}, {e} erreur{_s(e)}.")
        return lignes


def verifier_modeles(chemins: Iterable[Path]) -> Verification:
    """Vérifie chaque modèle contre le contexte que `CONTEXTES` lui donne (d'après son nom de fichier)."""
    analyses = []
    for chemin in chemins:
        contexte = CONTEXTES.get(chemin.name)
        if contexte is None:
            message = f"{chemin.name} : modèle inconnu : aucun contexte déclaré pour « {chemin.name} » dans CONTEXTES (generateur/contexte.py)"
            analyses.append(Analyse(chemin.name, None, [message]))
        else:
            analyses.append(analyser_modele(chemin, contexte))
    return Verification(len(analyses), [e for a in analyses for e in a.erreurs], champs_non_utilises(analyses))


def verifier_modele(chemin: Path, contexte: type) -> list[str]:
    """Les erreurs du modèle `chemin` rendu avec un contexte de type `contexte`, une ligne chacune."""
    return analyser_modele(chemin, contexte).erreurs


def analyser_modele(chemin: Path, contexte: type) -> Analyse:
    """Les erreurs du modèle et les champs du schéma qu'il lit."""
    nom = chemin.name
    if not chemin.is_file():
        return Analyse(nom, contexte, [f"{nom} : modèle introuvable : {chemin}"])
    try:
        parties = _parties(chemin)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        return Analyse(nom, contexte, [f"{nom} : modèle illisible : ce n'est pas un document Word (.docx)"])
    env = environnement()
    erreurs: list[str] = []
    typage = _Typage(env, contexte)
    for libelle, paragraphes, source in parties:
        lieu = f"{nom}, {libelle}" if libelle else nom
        coupees = _balises_coupees(paragraphes)
        erreurs += [f"{lieu} : {message}" for message in coupees + _balises_pas_seules(paragraphes)]
        if coupees:
            continue  # docxtpl recolle alors deux paragraphes : la suite de l'analyse n'aurait pas de sens
        try:
            arbre = env.parse(source)
        except TemplateSyntaxError as erreur:
            message, ligne = _erreur_de_syntaxe(env, source, erreur)
            erreurs.append(f"{lieu} : {message} (paragraphe « {_paragraphe(source, ligne)} »)")
            continue
        erreurs += [f"{lieu} : {message}" for message in typage.verifier(arbre)]
    return Analyse(nom, contexte, list(dict.fromkeys(erreurs)), frozenset(typage.utilises))


def _s(nombre: int) -> str:
    return "s" if nombre > 1 else ""


# --- Les parties d'un modèle (le seul endroit d'ici qui lit le XML de Word), et 2. les balises mal placées

def _parties(chemin: Path) -> list[tuple[str, list, str]]:
    """Chaque partie que docxtpl remplit (corps, en-têtes, pieds de page, notes) : son libellé,
    ses paragraphes et le texte que Jinja en compile, un paragraphe par ligne (les erreurs
    montrent ainsi le bon paragraphe)."""
    _, parties = parties_a_remplir(chemin)
    return [(partie.libelle, list(etree.fromstring(partie.xml.encode("utf-8")).iter(qn("w:p"))), source_jinja(partie.xml)) for partie in parties]


def _paragraphe(source: str, ligne: int) -> str:
    """Le texte visible de la ligne `ligne` (à partir de 1) de la source Jinja."""
    lignes = source.split("\n")
    texte = lignes[ligne - 1] if 0 < ligne <= len(lignes) else ""
    return _abrege(html.unescape(re.sub(r"<[^>]+>", "", texte)).strip())


def _abrege(texte: str, longueur: int = 100) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


_FERMANTES = {"{{": "}}", "{%": "%}", "{#": "#}"}
_CONTENEURS = {"p": ("w:p", "son paragraphe"), "tr": ("w:tr", "sa rangée de tableau"), "tc": ("w:tc", "sa cellule de tableau")}


def _balises_coupees(paragraphes: list) -> list[str]:
    """Les balises ouvertes dans un paragraphe et fermées dans un autre."""
    messages = []
    for paragraphe in paragraphes:
        texte = _texte_du_paragraphe(paragraphe)
        messages += [
            f"balise coupée entre deux paragraphes : « {_abrege(texte[debut:], 60)} » n'est pas fermée dans son paragraphe "
            f"(paragraphe « {_abrege(texte)} »)"
            for debut, fin in _balises(texte)
            if fin is None
        ]
    return messages


def _balises_pas_seules(paragraphes: list) -> list[str]:
    """Les balises `{%p %}`, `{%tr %}`, `{%tc %}` qui partagent leur paragraphe, rangée ou cellule.

    docxtpl remplace tout le conteneur par la balise : le reste disparaîtrait sans bruit.
    """
    messages = []
    for paragraphe in paragraphes:
        texte = _texte_du_paragraphe(paragraphe)
        for debut, fin in _balises(texte):
            niveau = re.match(r"\{[{%#](p|tr|tc) ", texte[debut:fin or len(texte)])
            if fin is None or niveau is None:
                continue
            balise = texte[debut:fin]
            element, nom_conteneur = _CONTENEURS[niveau[1]]
            conteneur = paragraphe if element == "w:p" else next(paragraphe.iterancestors(qn(element)), None)
            if conteneur is None:
                messages.append(f"la balise « {balise} » n'est pas dans un tableau (paragraphe « {_abrege(texte)} »)")
                continue
            tout = " | ".join(_texte_du_paragraphe(p) for p in conteneur.iter(qn("w:p")))
            if tout.replace(balise, "", 1).replace("|", "").strip():
                messages.append(
                    f"la balise « {balise} » doit être seule dans {nom_conteneur} : docxtpl supprime le reste au rendu "
                    f"({nom_conteneur.split()[1]} « {_abrege(tout)} »)"
                )
    return messages


def _texte_du_paragraphe(paragraphe) -> str:
    """Le texte du paragraphe, sans celui des paragraphes imbriqués (zones de texte)."""
    return "".join(
        t.text or ""
        for t in paragraphe.iter(qn("w:t"))
        if next(t.iterancestors(qn("w:p"))) is paragraphe
    )


def _balises(texte: str) -> Iterable[tuple[int, int | None]]:
    """Début et fin de chaque balise Jinja du texte ; fin à None si elle n'est pas fermée."""
    position = 0
    while True:
        debuts = [(texte.find(ouvrante, position), ouvrante) for ouvrante in _FERMANTES]
        debuts = [(i, ouvrante) for i, ouvrante in debuts if i >= 0]
        if not debuts:
            return
        debut, ouvrante = min(debuts)
        fin = texte.find(_FERMANTES[ouvrante], debut + 2)
        if fin < 0:
            yield debut, None
            return
        yield debut, fin + 2
        position = fin + 2


# --- 1. Les erreurs de syntaxe, en français


def _erreur_de_syntaxe(env, source: str, erreur: TemplateSyntaxError) -> tuple[str, int]:
    """Le message français d'une erreur de Jinja, et la ligne de la source où la montrer."""
    message = erreur.message or ""
    if message.startswith("Unexpected end of template"):
        ouvert = _bloc_non_ferme(env, source)
        if ouvert is not None:
            nom, ligne = ouvert
            return f"balise non fermée : {{% {nom} %}} sans {{% end{nom} %}}", ligne
    inconnue = re.match(r"Encountered unknown tag '(\w+)'", message)
    if inconnue:
        nom = inconnue[1]
        attendu = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
        if not nom.startswith(("end", "el")):
            return f"balise inconnue : {{% {nom} %}}", erreur.lineno
        if attendu:
            return f"balises mal imbriquées : {{% {nom} %}} alors que {{% {attendu[1]} %}} n'est pas fermée par {{% end{attendu[1]} %}}", erreur.lineno
        return f"balise {{% {nom} %}} sans balise ouvrante", erreur.lineno
    return f"balise invalide : {message}", erreur.lineno


_BLOCS = {"for", "if", "macro", "call", "filter", "with", "autoescape", "block", "set", "trans"}


def _bloc_non_ferme(env, source: str) -> tuple[str, int] | None:
    """Le bloc le plus intérieur resté ouvert à la fin de la source, et la ligne où il s'ouvre."""
    jetons = [(ligne, sorte, valeur) for ligne, sorte, valeur in env.lex(source) if sorte != "whitespace"]
    pile: list[tuple[str, int]] = []
    for rang, (ligne, sorte, _) in enumerate(jetons):
        if sorte != "block_begin" or rang + 1 == len(jetons):
            continue
        nom = jetons[rang + 1][2]
        if nom.startswith("end") and pile:
            pile.pop()
        elif nom == "set":
            if "=" not in _jusqu_a_la_fin(jetons, rang + 1):  # seul `{% set x %}…{% endset %}` est un bloc
                pile.append((nom, ligne))
        elif nom in _BLOCS:
            pile.append((nom, ligne))
    return pile[-1] if pile else None


def _jusqu_a_la_fin(jetons, rang: int) -> list[str]:
    """Les valeurs des jetons de la balise ouverte au rang `rang`, jusqu'à sa fermeture."""
    valeurs = []
    for _, sorte, valeur in jetons[rang + 1:]:
        if sorte == "block_end":
            break
        valeurs.append(valeur)
    return valeurs


# --- 3. Les types : de quoi chaque expression d'un modèle est faite


@dataclass(frozen=True)
class Boucle:
    """Ce que Jinja offre dans une boucle `{% for %}` sous le nom `loop`."""

    nom_affiche: ClassVar[str] = "loop"
    index: int
    index0: int
    revindex: int
    revindex0: int
    first: bool
    last: bool
    length: int
    depth: int
    depth0: int
    previtem: Any
    nextitem: Any
    cycle: Any
    changed: Any


@dataclass(frozen=True)
class _Sequence:
    """Une liste que le modèle fabrique (`| map(attribute=…)`, `.items()`) : le type de ses éléments."""

    elements: tuple


@dataclass(frozen=True)
class _Nuplet:
    """Un n-uplet (`(code, partie)` de `roles.items()`) : le type de chaque position."""

    positions: tuple[tuple, ...]


@dataclass(frozen=True)
class _MethodeDict:
    """`roles.items` avant l'appel : l'appel donne les clés, les valeurs ou les paires."""

    cles: tuple
    valeurs: tuple
    nom: str


@dataclass(frozen=True)
class _Echec:
    """Une variable qu'on ne trouve pas : le message est écrit une fois la chaîne entière connue."""

    sorte: str
    raison: str

    def message(self, texte: str) -> str:
        return f"{self.sorte} « {texte} » ({self.raison})"


def _deplier(indication) -> tuple:
    """Les types possibles d'une valeur annotée : unions dépliées, métadonnées et None retirés."""
    if indication is Any or isinstance(indication, (_Sequence, _Nuplet, _MethodeDict)):
        return (indication,)
    origine = get_origin(indication)
    if origine is Annotated:
        return _deplier(get_args(indication)[0])
    if origine in (Union, types.UnionType):
        return _unir(*(_deplier(membre) for membre in get_args(indication)))
    if origine is Literal:
        return _unir(*((type(valeur),) for valeur in get_args(indication)))
    if indication is type(None) or indication is None:
        return ()
    if isinstance(indication, str):  # annotation restée en texte : on ne sait pas la lire
        return INCONNU
    return (indication,)


def _unir(*groupes: tuple) -> tuple:
    resultat: list = []
    for groupe in groupes:
        resultat += [membre for membre in groupe if membre not in resultat]
    return tuple(resultat)


def _est_structure(membre) -> bool:
    """Un modèle pydantic ou une dataclass : des champs nommés et typés."""
    return isinstance(membre, type) and (issubclass(membre, BaseModel) or dataclasses.is_dataclass(membre))


def _est_modele_du_schema(membre) -> bool:
    return isinstance(membre, type) and issubclass(membre, BaseModel)


@functools.cache
def _champs(classe: type) -> dict[str, Any]:
    """Les champs, puis les propriétés, d'un modèle pydantic ou d'une dataclass, avec leur type."""
    if issubclass(classe, BaseModel):
        champs = {nom: info.annotation for nom, info in classe.model_fields.items()}
    else:
        try:
            indications = get_type_hints(classe)
        except (NameError, TypeError):
            indications = {}
        champs = {f.name: indications.get(f.name, Any) for f in dataclasses.fields(classe)}
    for ancetre in reversed(classe.__mro__):
        if ancetre is object or ancetre.__module__.startswith("pydantic"):
            continue
        for nom, valeur in vars(ancetre).items():
            lecture = valeur.fget if isinstance(valeur, property) else getattr(valeur, "func", None) if isinstance(valeur, functools.cached_property) else None
            if lecture is not None and not nom.startswith("_"):
                try:
                    champs[nom] = get_type_hints(lecture).get("return", Any)
                except (NameError, TypeError):
                    champs[nom] = Any
    return champs


def _proprietaire(classe: type, nom: str) -> type:
    """La classe qui déclare le champ : `prenom` d'un Membre est celui de Personne."""
    return next((c for c in classe.__mro__ if nom in vars(c).get("__annotations__", {})), classe)


@functools.cache
def _champs_lus(classe: type, nom: str) -> frozenset[tuple[type, str]]:
    """Les champs du schéma que lit une propriété (« nom_complet » lit civilite, prenom et nom).

    Sans cela, un champ lu seulement au travers d'une propriété paraîtrait inutilisé.
    """
    propriete = inspect.getattr_static(classe, nom, None)
    lecture = propriete.fget if isinstance(propriete, property) else getattr(propriete, "func", None)
    try:
        arbre = ast.parse(textwrap.dedent(inspect.getsource(lecture)))
    except (OSError, TypeError, SyntaxError):
        return frozenset()
    lus = {n.attr for n in ast.walk(arbre) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"}
    resultat: set[tuple[type, str]] = set()
    for lu in lus:
        if issubclass(classe, BaseModel) and lu in classe.model_fields:
            resultat.add((_proprietaire(classe, lu), lu))
        elif lu in _champs(classe) and lu != nom:
            resultat |= _champs_lus(classe, lu)
    return frozenset(resultat)


def _nom_type(membre) -> str:
    if isinstance(membre, _Sequence):
        return "liste"
    if get_origin(membre) is not None:
        return f"{get_origin(membre).__name__}[{', '.join(_nom_type(a) for a in get_args(membre))}]"
    return getattr(membre, "nom_affiche", getattr(membre, "__name__", str(membre)))


def _element(types_: tuple) -> tuple | None:
    """Le type des éléments qu'une boucle parcourt, ou None si la valeur ne se parcourt pas."""
    elements: list[tuple] = []
    for membre in types_:
        if membre is Any:
            return INCONNU
        origine, arguments = get_origin(membre), get_args(membre)
        if isinstance(membre, _Sequence):
            elements.append(membre.elements)
        elif origine is tuple:
            elements += [_deplier(a) for a in arguments if a is not Ellipsis]
        elif origine in (list, set, frozenset, dict, collections.abc.Sequence, collections.abc.Set, collections.abc.Mapping, collections.abc.Iterable):
            elements.append(_deplier(arguments[0]) if arguments else INCONNU)
        elif membre in (list, tuple, set, frozenset, dict):
            elements.append(INCONNU)
        elif isinstance(membre, type) and issubclass(membre, str):
            elements.append((str,))
    return _unir(*elements) if elements else None


# Ce que rendent les filtres de Jinja, pour continuer à typer ce qui les suit.
_FILTRES_MEME_TYPE = {"default", "d", "sort", "reverse", "unique", "list", "select", "reject", "selectattr", "rejectattr", "batch", "slice"}
_FILTRES_ELEMENT = {"first", "last", "min", "max", "random"}
_FILTRES_ENTIERS = {"length", "count", "wordcount", "int"}
_FILTRES_TEXTE = {"join", "string", "upper", "lower", "title", "capitalize", "trim", "replace", "format", "striptags", "truncate", "center", "indent", "wordwrap"}
# Filtres qui nomment un attribut des éléments : `| map(attribute="cumul")`, `| selectattr("constant")`.
_FILTRES_ATTRIBUT_POSITIONNEL = {"selectattr", "rejectattr", "groupby"}
_FILTRES_ATTRIBUT_NOMME = {"map", "sort", "sum", "groupby", "unique", "min", "max"}


@dataclass
class _Portee:
    """Les noms liés par le modèle (`{% for %}`, `{% set %}`) et les chaînes gardées par `is defined`."""

    noms: dict[str, tuple] = field(default_factory=dict)
    gardes: frozenset[tuple] = frozenset()

    def enfant(self, noms: dict[str, tuple]) -> _Portee:
        """La portée d'une boucle ou d'une macro : ses `{% set %}` ne sortent pas."""
        return _Portee({**self.noms, **noms}, self.gardes)

    def gardee(self, gardes: Iterable[tuple]) -> _Portee:
        """La même portée (un `{% set %}` dans un `{% if %}` reste visible après), plus des gardes."""
        return _Portee(self.noms, self.gardes | frozenset(gardes))


class _Typage:
    """Parcourt l'arbre d'un modèle en déduisant le type de chaque expression."""

    def __init__(self, env, contexte: type):
        self.env = env
        self.contexte = contexte
        self.racine = {f.name: _deplier(_champs(contexte)[f.name]) for f in dataclasses.fields(contexte)}
        self.utilises: set[tuple[type, str]] = set()
        self.erreurs: list[str] = []

    def verifier(self, arbre: nodes.Template) -> list[str]:
        self.erreurs = []
        self.instructions(arbre.body, _Portee())
        return self.erreurs

    # Instructions

    def instructions(self, liste: Iterable[nodes.Node], portee: _Portee) -> None:
        for noeud in liste:
            self.instruction(noeud, portee)

    def instruction(self, noeud: nodes.Node, portee: _Portee) -> None:
        match noeud:
            case nodes.For():
                elements = self.parcouru(noeud.iter, portee)
                interieur = portee.enfant({"loop": (Boucle,), **self.lier(noeud.target, elements)})
                if noeud.test is not None:
                    self.valeur(noeud.test, interieur)
                self.instructions(noeud.body, interieur)
                self.instructions(noeud.else_, portee)
            case nodes.If():
                oui, non = _gardes(noeud.test)
                self.valeur(noeud.test, portee.gardee(oui | non))
                self.instructions(noeud.body, portee.gardee(oui))
                self.instructions([*noeud.elif_, *noeud.else_], portee.gardee(non))
            case nodes.Assign():
                portee.noms.update(self.lier(noeud.target, self.valeur(noeud.node, portee)))
            case nodes.AssignBlock():
                self.instructions(noeud.body, portee)
                if noeud.filter is not None:
                    self.valeur(noeud.filter, portee)
                portee.noms.update(self.lier(noeud.target, (str,)))
            case nodes.With():
                for valeur in noeud.values:
                    self.valeur(valeur, portee)
                self.instructions(noeud.body, portee.enfant({cible.name: INCONNU for cible in noeud.targets if isinstance(cible, nodes.Name)}))
            case nodes.Macro() | nodes.CallBlock():
                if isinstance(noeud, nodes.Macro):
                    portee.noms[noeud.name] = INCONNU
                else:
                    self.valeur(noeud.call, portee)
                for defaut in noeud.defaults:
                    self.valeur(defaut, portee)
                parametres = {a.name: INCONNU for a in noeud.args} | {n: INCONNU for n in ("caller", "varargs", "kwargs")}
                self.instructions(noeud.body, portee.enfant(parametres))
            case nodes.Expr():
                self.valeur(noeud, portee)
            case _:
                for enfant in noeud.iter_child_nodes():
                    self.instruction(enfant, portee)

    def parcouru(self, iterable: nodes.Expr, portee: _Portee) -> tuple:
        """Le type des éléments d'une boucle ; une erreur si la valeur n'est pas une liste."""
        types_ = self.valeur(iterable, portee)
        elements = _element(types_)
        if elements is None:
            self.erreurs.append(f"« {_texte(iterable)} » n'est pas une liste : {{% for %}} ne peut pas parcourir un {' | '.join(map(_nom_type, types_)) or 'None'}")
            return INCONNU
        return elements

    def lier(self, cible: nodes.Expr, types_: tuple) -> dict[str, tuple]:
        """Les noms qu'une cible de `{% for %}` ou de `{% set %}` reçoit, avec leur type."""
        if isinstance(cible, nodes.Name):
            return {cible.name: types_}
        if isinstance(cible, nodes.Tuple):
            noms: dict[str, tuple] = {}
            for rang, element in enumerate(cible.items):
                noms |= self.lier(element, _position(types_, rang))
            return noms
        return {}

    # Expressions

    def valeur(self, noeud: nodes.Expr, portee: _Portee) -> tuple:
        """Le type de l'expression ; une variable introuvable est signalée avec sa chaîne entière."""
        resultat = self.type_de(noeud, portee)
        if isinstance(resultat, _Echec):
            self.erreurs.append(resultat.message(_texte(noeud)))
            return INCONNU
        return resultat

    def type_de(self, noeud: nodes.Node, portee: _Portee) -> tuple | _Echec:
        match noeud:
            case nodes.Name():
                return self.nom(noeud, portee)
            case nodes.Const():
                return (type(noeud.value),)
            case nodes.Getattr():
                base = self.type_de(noeud.node, portee)
                return base if isinstance(base, _Echec) else self.attribut(base, noeud.attr, noeud, portee)
            case nodes.Getitem():
                base = self.type_de(noeud.node, portee)
                return base if isinstance(base, _Echec) else self.indice(base, noeud, portee)
            case nodes.Call():
                base = self.type_de(noeud.node, portee)
                self.enfants(noeud, portee, sauf=noeud.node)
                if isinstance(base, _Echec):
                    return base
                return _appel(base)
            case nodes.Filter():
                return self.filtre(noeud, portee)
            case nodes.Test():
                return self.test(noeud, portee)
            case nodes.CondExpr():
                oui, non = _gardes(noeud.test)
                self.valeur(noeud.test, portee.gardee(oui | non))
                alors = self.valeur(noeud.expr1, portee.gardee(oui))
                sinon = self.valeur(noeud.expr2, portee.gardee(non)) if noeud.expr2 is not None else ()
                return _unir(alors, sinon)
            case nodes.Concat() | nodes.TemplateData():
                self.enfants(noeud, portee)
                return (str,)
            case _:
                self.enfants(noeud, portee)
                return INCONNU

    def enfants(self, noeud: nodes.Node, portee: _Portee, sauf: nodes.Node | None = None) -> None:
        for enfant in noeud.iter_child_nodes():
            if enfant is sauf:
                continue
            if isinstance(enfant, nodes.Expr):
                self.valeur(enfant, portee)
            else:
                self.enfants(enfant, portee)

    def nom(self, noeud: nodes.Name, portee: _Portee) -> tuple | _Echec:
        if noeud.name in portee.noms:
            return portee.noms[noeud.name]
        if noeud.name in self.racine:
            return self.racine[noeud.name]
        if noeud.name in self.env.globals or _garde(noeud, portee):
            return INCONNU
        noms = [*self.racine, *portee.noms]
        return _Echec("variable inconnue", f"« {noeud.name} » n'est pas un nom du contexte {self.contexte.__name__} ; noms : {', '.join(noms)}")

    def attribut(self, types_: tuple, nom: str, noeud: nodes.Node, portee: _Portee) -> tuple | _Echec:
        """Le type de `valeur.nom` : permis si l'un des types possibles de la valeur l'a."""
        if nom.startswith("_"):
            return _Echec("opération interdite dans un modèle", "le bac à sable refuse les noms qui commencent par « _ »")
        trouves: list[tuple] = []
        for membre in types_:
            if membre is Any:
                return INCONNU
            origine, arguments = get_origin(membre), get_args(membre)
            if _est_structure(membre):
                if nom in _champs(membre):
                    trouves.append(_deplier(_champs(membre)[nom]))
                    self.noter(membre, nom)
            elif origine in (dict, collections.abc.Mapping):
                cles, valeurs = (_deplier(arguments[0]), _deplier(arguments[1])) if arguments else (INCONNU, INCONNU)
                if nom in ("items", "keys", "values"):
                    trouves.append((_MethodeDict(cles, valeurs, nom),))
                else:
                    trouves.append(INCONNU if hasattr(dict, nom) else valeurs)
            elif origine is None and isinstance(membre, type) and hasattr(membre, nom):
                trouves.append(INCONNU)  # str, date, Decimal… : ce que Python et le bac à sable offrent
        if trouves:
            return _unir(*trouves)
        if _garde(noeud, portee):
            return INCONNU
        champs = _unir(*(tuple(_champs(m)) for m in types_ if _est_structure(m)))
        raison = f"« {nom} » n'est pas un champ de {' | '.join(map(_nom_type, types_)) or 'None'}"
        return _Echec("variable inconnue", raison + (f" ; champs : {', '.join(champs)}" if champs else ""))

    def indice(self, types_: tuple, noeud: nodes.Getitem, portee: _Portee) -> tuple | _Echec:
        """Le type de `valeur[indice]` : élément d'une liste, valeur d'un dict, ou attribut nommé."""
        if isinstance(noeud.arg, nodes.Slice):
            self.enfants(noeud.arg, portee)
            return types_
        if isinstance(noeud.arg, nodes.Const) and isinstance(noeud.arg.value, str):
            return self.attribut(types_, noeud.arg.value, noeud, portee)
        self.valeur(noeud.arg, portee)
        trouves: list[tuple] = []
        for membre in types_:
            origine, arguments = get_origin(membre), get_args(membre)
            if membre is Any or (_est_structure(membre) and not isinstance(noeud.arg, nodes.Const)):
                return INCONNU
            if origine in (dict, collections.abc.Mapping):
                trouves.append(_deplier(arguments[1]) if arguments else INCONNU)
            elif (element := _element((membre,))) is not None:
                trouves.append(element)
        if trouves:
            return _unir(*trouves)
        if _garde(noeud, portee):
            return INCONNU
        return _Echec("variable inconnue", f"{' | '.join(map(_nom_type, types_)) or 'None'} n'est pas une liste")

    def filtre(self, noeud: nodes.Filter, portee: _Portee) -> tuple:
        entree = self.valeur(noeud.node, portee) if noeud.node is not None else INCONNU
        self.enfants(noeud, portee, sauf=noeud.node)
        if noeud.name not in self.env.filters:
            self.erreurs.append(f"filtre inconnu « {noeud.name} »{_suggestion(noeud.name, self.env.filters)}")
            return INCONNU
        sortie = self.attribut_de_filtre(noeud, entree, portee)
        if noeud.name in _FILTRES_MEME_TYPE:
            return entree
        if noeud.name in _FILTRES_ELEMENT:
            return _element(entree) or INCONNU
        if noeud.name in _FILTRES_ENTIERS:
            return (int,)
        if noeud.name == "map" and sortie is not None:
            return (_Sequence(sortie),)
        if noeud.name in _FILTRES_TEXTE or noeud.name in FILTRES:
            return (str,)  # les filtres français rendent tous du texte
        return INCONNU

    def attribut_de_filtre(self, noeud: nodes.Filter, entree: tuple, portee: _Portee) -> tuple | None:
        """Vérifie l'attribut qu'un filtre lit sur chaque élément (`| sum(attribute="cumul")`) ; rend son type."""
        nom = None
        if noeud.name in _FILTRES_ATTRIBUT_POSITIONNEL and noeud.args and isinstance(noeud.args[0], nodes.Const):
            nom = noeud.args[0].value
        for argument in noeud.kwargs:
            if argument.key == "attribute" and noeud.name in _FILTRES_ATTRIBUT_NOMME and isinstance(argument.value, nodes.Const):
                nom = argument.value.value
        if not isinstance(nom, str):
            return None
        types_ = _element(entree) or INCONNU
        for etape in nom.split("."):
            resultat = self.attribut(types_, etape, noeud, portee) if not etape.isdigit() else _element(types_) or INCONNU
            if isinstance(resultat, _Echec):
                self.erreurs.append(resultat.message(f"{_texte(noeud.node)} | {noeud.name}(attribute={nom!r})"))
                return INCONNU
            types_ = resultat
        return types_

    def test(self, noeud: nodes.Test, portee: _Portee) -> tuple:
        if noeud.name not in self.env.tests:
            self.erreurs.append(f"test inconnu « {noeud.name} »{_suggestion(noeud.name, self.env.tests)}")
        garde = _cle(noeud.node) if noeud.name in ("defined", "undefined") else None
        self.valeur(noeud.node, portee.gardee([garde] if garde else []))
        self.enfants(noeud, portee, sauf=noeud.node)
        return (bool,)

    def noter(self, classe: type, nom: str) -> None:
        """Retient qu'un modèle lit ce champ du schéma (directement, ou au travers d'une propriété)."""
        if not _est_modele_du_schema(classe):
            return
        if nom in classe.model_fields:
            self.utilises.add((_proprietaire(classe, nom), nom))
        else:
            self.utilises |= _champs_lus(classe, nom)


def _appel(types_: tuple) -> tuple:
    """Le type rendu par un appel : seules les méthodes `items`, `keys`, `values` d'un dict sont connues."""
    resultats: list[tuple] = []
    for membre in types_:
        if not isinstance(membre, _MethodeDict):
            return INCONNU
        elements = {"keys": membre.cles, "values": membre.valeurs, "items": (_Nuplet((membre.cles, membre.valeurs)),)}[membre.nom]
        resultats.append((_Sequence(elements),))
    return _unir(*resultats) or INCONNU


def _position(types_: tuple, rang: int) -> tuple:
    """Le type de la position `rang` d'un n-uplet déballé (`{% for code, partie in roles.items() %}`)."""
    resultat: list[tuple] = []
    for membre in types_:
        if isinstance(membre, _Nuplet) and rang < len(membre.positions):
            resultat.append(membre.positions[rang])
        elif get_origin(membre) is tuple and rang < len(get_args(membre)) and get_args(membre)[-1] is not Ellipsis:
            resultat.append(_deplier(get_args(membre)[rang]))
        else:
            return INCONNU
    return _unir(*resultat) or INCONNU


def _cle(noeud: nodes.Node) -> tuple | None:
    """La chaîne d'une variable (`bloc.participation` → ("bloc", "participation")), ou None."""
    match noeud:
        case nodes.Name():
            return (noeud.name,)
        case nodes.Getattr():
            base = _cle(noeud.node)
            return base + (noeud.attr,) if base else None
        case nodes.Getitem(arg=nodes.Const()):
            base = _cle(noeud.node)
            return base + (noeud.arg.value,) if base else None
    return None


def _garde(noeud: nodes.Node, portee: _Portee) -> bool:
    """Vrai si un `is defined` couvre cette chaîne (ou une chaîne qui la prolonge)."""
    cle = _cle(noeud)
    return cle is not None and any(garde[: len(cle)] == cle for garde in portee.gardes)


def _gardes(test: nodes.Node) -> tuple[frozenset, frozenset]:
    """Les chaînes qu'un test déclare définies quand il est vrai, et quand il est faux.

    `and` et `or` sont traités de même, largement : on veut taire une fausse alerte, pas prouver.
    """
    match test:
        case nodes.Not():
            oui, non = _gardes(test.node)
            return non, oui
        case nodes.Test(name="defined" | "undefined") if _cle(test.node):
            cle = frozenset({_cle(test.node)})
            return (cle, frozenset()) if test.name == "defined" else (frozenset(), cle)
        case nodes.And() | nodes.Or():
            gauche, droite = _gardes(test.left), _gardes(test.right)
            return gauche[0] | droite[0], gauche[1] | droite[1]
    return frozenset(), frozenset()


def _texte(noeud: nodes.Node) -> str:
    """L'expression telle qu'on l'a écrite dans le modèle, pour la nommer dans un message."""
    match noeud:
        case nodes.Name():
            return noeud.name
        case nodes.Getattr():
            return f"{_texte_de_base(noeud.node)}.{noeud.attr}"
        case nodes.Getitem(arg=nodes.Const()):
            return f"{_texte_de_base(noeud.node)}[{noeud.arg.value!r}]"
        case nodes.Getitem():
            return f"{_texte_de_base(noeud.node)}[…]"
        case nodes.Call():
            return f"{_texte_de_base(noeud.node)}(…)"
        case nodes.Filter():
            return f"{_texte(noeud.node)} | {noeud.name}"
        case nodes.Const():
            return repr(noeud.value)
    return "…"


def _texte_de_base(noeud: nodes.Node) -> str:
    """`(lignes | first).libelle` : une expression composée se met entre parenthèses devant un point."""
    texte = _texte(noeud)
    return texte if isinstance(noeud, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Const)) else f"({texte})"


def _suggestion(nom: str, connus: Iterable[str]) -> str:
    proches = difflib.get_close_matches(nom, list(connus), n=1)
    return f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""


# --- 4. Les champs du schéma qu'aucun modèle ne lit


def champs_non_utilises(analyses: Iterable[Analyse]) -> list[str]:
    """Les champs des modèles pydantic atteignables depuis les contextes, qu'aucun modèle ne lit.

    Chacun est nommé par le premier chemin qui y mène (« collectivite.forme_juridique ») ;
    sous un champ inutilisé, on ne détaille pas ses propres champs.
    """
    analyses = list(analyses)
    utilises = frozenset().union(*(a.utilises for a in analyses))
    contextes = list(dict.fromkeys(a.contexte for a in analyses if a.contexte is not None))
    file = deque((f.name, _deplier(_champs(contexte)[f.name])) for contexte in contextes for f in dataclasses.fields(contexte))
    vus: set = set()
    resultat = []
    while file:
        chemin, types_ = file.popleft()
        for structure in _structures(types_):
            if structure in vus:
                continue
            if not _est_modele_du_schema(structure):
                vus.add(structure)
                file += [(f"{chemin}.{f.name}", _deplier(_champs(structure)[f.name])) for f in dataclasses.fields(structure)]
                continue
            for nom, indication in _champs(structure).items():
                cle = (_proprietaire(structure, nom), nom)
                if nom not in structure.model_fields or cle in vus:
                    continue
                vus.add(cle)
                if cle in utilises:
                    file.append((f"{chemin}.{nom}", _deplier(indication)))
                else:
                    resultat.append(f"{chemin}.{nom}")
    return resultat


def _structures(types_: tuple) -> Iterable[type]:
    """Les modèles et dataclasses qu'une valeur contient, directement ou dans ses listes et dicts."""
    for membre in types_:
        if _est_structure(membre):
            yield membre
        elif get_origin(membre) in (dict, collections.abc.Mapping):
            yield from _structures(_deplier(get_args(membre)[1]))
        elif get_origin(membre) is not None:
            for argument in get_args(membre):
                if argument is not Ellipsis:
                    yield from _structures(_deplier(argument))
