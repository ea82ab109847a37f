"""Vérifier les modèles Word : paquet, balises, filtres, variables, rendu des exemples, champs inutilisés.

Un modèle se corrige dans Word ; une faute de frappe dans une balise ne se voit qu'au
rendu, et seulement si les données passent par là. On contrôle donc chaque modèle contre
le type de son contexte (`vues.documents.CONTEXTES`) : les annotations des dataclasses de
`vues/documents.py` et des formes pydantic de `lecture/schema.py` sont la seule description
de ce qu'un modèle peut lire.

Six contrôles, dans l'ordre où docxtpl traite un modèle :

0. le modèle est un paquet Word que Word ouvrirait (zip, types de contenu, relations,
   styles, XML bien formé : `paquet`) ;
1. les balises se lisent (le XML de chaque partie, prétraité par docxtpl, passe l'analyse de Jinja) ;
2. aucune balise n'est coupée entre deux paragraphes, et une balise `{%p %}`, `{%tr %}` ou
   `{%tc %}` est seule dans son paragraphe, sa rangée ou sa cellule (docxtpl supprime le reste) ;
3. chaque filtre existe et chaque variable existe dans le type du contexte ;
4. s'il passe les contrôles précédents, le modèle est rendu une fois avec chaque contexte des
   exemples, sous les bornes de temps et de mémoire du rendu : une division par zéro, une
   boucle sans fin ou une récursion, que les types ne montrent pas, se voient là ;
5. les champs du schéma que rien ne lit, ni un modèle ni les vues qui préparent les documents
   et l'export SCDL des exemples, sont signalés (information, pas erreur).
"""

from __future__ import annotations

import collections.abc
import dataclasses
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import get_args, get_origin

from jinja2 import TemplateSyntaxError, nodes
from lxml import etree

from generateur.exceptions import ErreurDeRendu, ErreurModele
from generateur.francais import abrege, au_pluriel, quantite
from generateur.lecture.declarations import chemin_de_la_declaration, lire_declaration
from generateur.lecture.schema import Forme
from generateur.rendu import paquet
from generateur.rendu.bornes import Bornes
from generateur.rendu.paquet import qn
from generateur.rendu.typage import Typage, champs_de, deplier, est_forme_du_schema, est_structure, proprietaire
from generateur.rendu.word import environnement, paragraphe_de_la_source, parties_a_remplir, preparer, remplir, source_jinja
from generateur.vues.documents import CONTEXTES, ContexteConvention


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
            lignes.append(f"champs qu'aucun document ni export ne lit : {', '.join(self.non_utilises)}")
        n, e = self.nombre_modeles, len(self.erreurs)
        lignes.append(f"{quantite(n, 'modèle')} {au_pluriel('vérifié', n)}, {quantite(e, 'erreur')}.")
        return lignes


def verifier_modeles(
    chemins: Iterable[Path],
    exemples: Mapping[str, list[tuple[str, object]]] | None = None,
    bornes: Bornes = Bornes(),
    lus_par_les_vues: frozenset[tuple[type, str]] = frozenset(),
) -> Verification:
    """Vérifie chaque modèle contre le contexte que `CONTEXTES` lui donne (d'après son nom de fichier),
    puis le rend avec les contextes d'`exemples` (nom du modèle → [(nom de l'exemple, contexte)]).
    `lus_par_les_vues` : les champs que les vues ont lus en préparant ces exemples (`lectures_des_formes`)."""
    analyses = []
    for chemin in chemins:
        contexte = contexte_du_modele(chemin)
        if contexte is None:
            message = f"{chemin.name} : modèle inconnu : aucun contexte déclaré pour « {chemin.name} » dans CONTEXTES (generateur/vues/documents.py), ni déclaration de convention {chemin.with_suffix('.yaml').name} à côté de lui"
            analyses.append(Analyse(chemin.name, None, [message]))
            continue
        analyse = analyser_modele(chemin, contexte)
        if contexte is ContexteConvention:
            analyse = _avec_les_roles(chemin, analyse)
        if not analyse.erreurs and exemples:
            analyse = dataclasses.replace(analyse, erreurs=erreurs_au_rendu(chemin, exemples.get(chemin.name, []), bornes))
        analyses.append(analyse)
    return Verification(len(analyses), [e for a in analyses for e in a.erreurs], champs_non_utilises(analyses, lus_par_les_vues))


def erreurs_au_rendu(chemin: Path, exemples: list[tuple[str, object]], bornes: Bornes) -> list[str]:
    """L'erreur du premier rendu d'exemple qui échoue (une suffit pour corriger le modèle)."""
    try:
        prepare = preparer(chemin, bornes)
        for exemple, contexte in exemples:
            try:
                remplir(prepare, contexte, bornes)
            except ErreurDeRendu as erreur:
                return [f"{chemin.name}{erreur.lieu} : {erreur.sorte} (au rendu de l'exemple {exemple})"]
    except ErreurDeRendu as erreur:
        return [f"{chemin.name}{erreur.lieu} : {erreur.sorte}"]
    except ErreurModele as erreur:
        return [f"{chemin.name} : {erreur}"]
    return []


def contexte_du_modele(chemin: Path) -> type | None:
    """Le contexte d'un modèle : celui de `CONTEXTES`, ou celui d'une convention s'il en a la déclaration."""
    if chemin.name in CONTEXTES:
        return CONTEXTES[chemin.name]
    return ContexteConvention if chemin_de_la_declaration(chemin).exists() else None


def _avec_les_roles(chemin: Path, analyse: Analyse) -> Analyse:
    """Chaque rôle que le modèle nomme (`roles.cci`, `parties_du_role.partenaire`) est déclaré."""
    try:
        declaration = lire_declaration(chemin)
    except ErreurModele as erreur:
        return dataclasses.replace(analyse, erreurs=analyse.erreurs + erreur.lignes())
    env = environnement()
    nommes: set[str] = set()
    for _, _, source in _parties(chemin):
        try:
            arbre = env.parse(source)
        except TemplateSyntaxError:
            continue  # déjà signalé
        nommes |= {noeud.attr for noeud in arbre.find_all(nodes.Getattr) if isinstance(noeud.node, nodes.Name) and noeud.node.name in ("roles", "parties_du_role")}
        nommes |= {noeud.arg.value for noeud in arbre.find_all(nodes.Getitem) if isinstance(noeud.node, nodes.Name) and noeud.node.name in ("roles", "parties_du_role") and isinstance(noeud.arg, nodes.Const)}
    inconnus = sorted(nommes - set(declaration.roles))
    erreurs = [
        f"{chemin.name} : rôle « {role} » employé par le modèle mais absent de sa déclaration {chemin_de_la_declaration(chemin).name} (rôles déclarés : {', '.join(declaration.roles)})"
        for role in inconnus
    ]
    return dataclasses.replace(analyse, erreurs=analyse.erreurs + erreurs)


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
    except paquet.PaquetInvalide as erreur:
        return Analyse(nom, contexte, [f"{nom} : {erreur}"])
    env = environnement()
    erreurs: list[str] = []
    typage = Typage(env, contexte)
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
            erreurs.append(f"{lieu} : {message} (paragraphe « {paragraphe_de_la_source(source, ligne)} »)")
            continue
        erreurs += [f"{lieu} : {message}" for message in typage.verifier(arbre)]
    return Analyse(nom, contexte, list(dict.fromkeys(erreurs)), frozenset(typage.utilises))


# --- Les parties d'un modèle (le seul endroit d'ici qui lit le XML de Word), et 2. les balises mal placées

def _parties(chemin: Path) -> list[tuple[str, list, str]]:
    """Chaque partie que docxtpl remplit (corps, en-têtes, pieds de page, notes) : son libellé,
    ses paragraphes et le texte que Jinja en compile, un paragraphe par ligne (les erreurs
    montrent ainsi le bon paragraphe)."""
    _, parties = parties_a_remplir(chemin)
    return [(partie.libelle, list(etree.fromstring(partie.xml.encode("utf-8")).iter(qn("w:p"))), source_jinja(partie.xml)) for partie in parties]


_FERMANTES = {"{{": "}}", "{%": "%}", "{#": "#}"}
_CONTENEURS = {"p": ("w:p", "son paragraphe"), "tr": ("w:tr", "sa rangée de tableau"), "tc": ("w:tc", "sa cellule de tableau")}


def _balises_coupees(paragraphes: list) -> list[str]:
    """Les balises ouvertes dans un paragraphe et fermées dans un autre."""
    messages = []
    for paragraphe in paragraphes:
        texte = _texte_du_paragraphe(paragraphe)
        messages += [
            f"balise coupée entre deux paragraphes : « {abrege(texte[debut:], 60)} » n'est pas fermée dans son paragraphe "
            f"(paragraphe « {abrege(texte)} »)"
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
                messages.append(f"la balise « {balise} » n'est pas dans un tableau (paragraphe « {abrege(texte)} »)")
                continue
            tout = " | ".join(_texte_du_paragraphe(p) for p in conteneur.iter(qn("w:p")))
            if tout.replace(balise, "", 1).replace("|", "").strip():
                messages.append(
                    f"la balise « {balise} » doit être seule dans {nom_conteneur} : docxtpl supprime le reste au rendu "
                    f"({nom_conteneur.split()[1]} « {abrege(tout)} »)"
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


# --- 3. Les types : voir `typage`. 5. Les champs du schéma qu'aucun modèle ne lit


@contextmanager
def lectures_des_formes() -> Iterator[set[tuple[type, str]]]:
    """Les champs des formes du schéma lus pendant le bloc : un champ que seule une vue lit
    (l'exposé d'une décision, le lieu de signature) parvient bien aux documents.

    La lecture est observée en posant, le temps du bloc, un `__getattribute__` sur `Forme` :
    le reste du temps, les formes n'en paient rien."""
    lus: set[tuple[type, str]] = set()

    def noter(objet, nom):
        classe = type(objet)
        if nom in classe.model_fields:
            lus.add((proprietaire(classe, nom), nom))
        return object.__getattribute__(objet, nom)

    Forme.__getattribute__ = noter
    try:
        yield lus
    finally:
        del Forme.__getattribute__


def champs_non_utilises(analyses: Iterable[Analyse], lus_par_les_vues: frozenset[tuple[type, str]] = frozenset()) -> list[str]:
    """Les champs des formes du schéma atteignables depuis les contextes, que ni un modèle ni une vue ne lit.

    Chacun est nommé par le premier chemin qui y mène (« collectivite.forme_juridique ») ;
    sous un champ inutilisé, on ne détaille pas ses propres champs.
    """
    analyses = list(analyses)
    utilises = frozenset().union(*(a.utilises for a in analyses)) | lus_par_les_vues
    contextes = list(dict.fromkeys(a.contexte for a in analyses if a.contexte is not None))
    file = deque((f.name, deplier(champs_de(contexte)[f.name])) for contexte in contextes for f in dataclasses.fields(contexte))
    vus: set = set()
    resultat = []
    while file:
        chemin, types_ = file.popleft()
        for structure in _structures(types_):
            if structure in vus:
                continue
            if not est_forme_du_schema(structure):
                vus.add(structure)
                file += [(f"{chemin}.{f.name}", deplier(champs_de(structure)[f.name])) for f in dataclasses.fields(structure)]
                continue
            for nom, indication in champs_de(structure).items():
                cle = (proprietaire(structure, nom), nom)
                if nom not in structure.model_fields or cle in vus:
                    continue
                vus.add(cle)
                if cle in utilises:
                    file.append((f"{chemin}.{nom}", deplier(indication)))
                else:
                    resultat.append(f"{chemin}.{nom}")
    return resultat


def _structures(types_: tuple) -> Iterable[type]:
    """Les modèles et dataclasses qu'une valeur contient, directement ou dans ses listes et dicts."""
    for membre in types_:
        if est_structure(membre):
            yield membre
        elif get_origin(membre) in (dict, collections.abc.Mapping):
            yield from _structures(deplier(get_args(membre)[1]))
        elif get_origin(membre) is not None:
            for argument in get_args(membre):
                if argument is not Ellipsis:
                    yield from _structures(deplier(argument))
