"""Le type de chaque expression d'un modèle, déduit sans rien rendre.

Les annotations des dataclasses de `vues/documents.py` et des formes pydantic de
`lecture/schema.py` disent ce qu'un modèle peut lire ; `Typage` parcourt l'arbre Jinja d'un
modèle (boucles, conditions, `set`, filtres) et signale chaque variable ou filtre qui
n'existe pas, en relevant au passage les champs du schéma lus (pour `rendu/verification.py`).
"""

from __future__ import annotations

import ast
import collections.abc
import dataclasses
import difflib
import functools
import inspect
import textwrap
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin, get_type_hints

from jinja2 import nodes
from pydantic import BaseModel

from generateur.francais import FILTRES

INCONNU = (Any,)
"""Un type qu'on ne sait pas déduire : tout y est permis."""


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


def deplier(indication) -> tuple:
    """Les types possibles d'une valeur annotée : unions dépliées, métadonnées et None retirés."""
    if indication is Any or isinstance(indication, (_Sequence, _Nuplet, _MethodeDict)):
        return (indication,)
    origine = get_origin(indication)
    if origine is Annotated:
        return deplier(get_args(indication)[0])
    if origine in (Union, types.UnionType):
        return _unir(*(deplier(membre) for membre in get_args(indication)))
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


def est_structure(membre) -> bool:
    """Un modèle pydantic ou une dataclass : des champs nommés et typés."""
    return isinstance(membre, type) and (issubclass(membre, BaseModel) or dataclasses.is_dataclass(membre))


def est_forme_du_schema(membre) -> bool:
    return isinstance(membre, type) and issubclass(membre, BaseModel)


@functools.cache
def champs_de(classe: type) -> dict[str, Any]:
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


def proprietaire(classe: type, nom: str) -> type:
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
            resultat.add((proprietaire(classe, lu), lu))
        elif lu in champs_de(classe) and lu != nom:
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
            elements += [deplier(a) for a in arguments if a is not Ellipsis]
        elif origine in (list, set, frozenset, dict, collections.abc.Sequence, collections.abc.Set, collections.abc.Mapping, collections.abc.Iterable):
            elements.append(deplier(arguments[0]) if arguments else INCONNU)
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


class Typage:
    """Parcourt l'arbre d'un modèle en déduisant le type de chaque expression."""

    def __init__(self, env, contexte: type):
        self.env = env
        self.contexte = contexte
        self.racine = {f.name: deplier(champs_de(contexte)[f.name]) for f in dataclasses.fields(contexte)}
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
            if est_structure(membre):
                if nom in champs_de(membre):
                    trouves.append(deplier(champs_de(membre)[nom]))
                    self.noter(membre, nom)
            elif origine in (dict, collections.abc.Mapping):
                cles, valeurs = (deplier(arguments[0]), deplier(arguments[1])) if arguments else (INCONNU, INCONNU)
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
        champs = _unir(*(tuple(champs_de(m)) for m in types_ if est_structure(m)))
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
            if membre is Any or (est_structure(membre) and not isinstance(noeud.arg, nodes.Const)):
                return INCONNU
            if origine in (dict, collections.abc.Mapping):
                trouves.append(deplier(arguments[1]) if arguments else INCONNU)
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
        if not est_forme_du_schema(classe):
            return
        if nom in classe.model_fields:
            self.utilises.add((proprietaire(classe, nom), nom))
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
            resultat.append(deplier(get_args(membre)[rang]))
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
