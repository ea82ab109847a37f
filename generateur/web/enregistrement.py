"""Enregistrer une modification faite dans la page : réécrire le YAML source, et rien d'autre.

Chaque fichier touché est relu par ruamel.yaml en aller-retour : commentaires, ordre des
clés, guillemets et mise en forme de tout ce qui n'est pas modifié restent tels quels.
Les fichiers modifiés sont d'abord écrits dans une copie du dossier, que `verifier` contrôle
tout entière ; ils ne remplacent les originaux (écriture atomique) que si elle passe, et
seulement si aucun d'eux n'a changé sur disque depuis que la page a été chargée.
"""

from __future__ import annotations

import difflib
import io
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from generateur.exceptions import ErreurGenerateur
from generateur.lecture.chemins import Chemin, chemin_lisible
from generateur.lecture.schema import Dossier
from generateur.sorties.ecriture import ecrire_fichier
from generateur.sorties.manifeste import empreinte
from generateur.web.dossiers import Constat, Etat, constat, lire_etat

SUPPRIMER = object()
"""Valeur d'une modification qui retire la clé visée."""

_INDENTATIONS = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 4, 4), (4, 4, 0)]
"""Les indentations (clés, listes, tiret) essayées pour relire un fichier à l'identique."""

_verrou = threading.Lock()


@dataclass(frozen=True)
class Modification:
    """Une valeur à écrire au champ `chemin` du dossier (chemin tel que `verifier` le nomme) ;
    une clé nouvelle se place avant la première des clés `avant` présente, sinon à la fin."""

    chemin: Chemin
    valeur: Any
    avant: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ajout:
    """Un élément à ajouter à la fin de la liste `chemin` ; la liste est créée si elle manque,
    avant la première des clés `avant` présente (les actes d'une séance restent à la fin)."""

    chemin: Chemin
    valeur: Any
    avant: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflit:
    """Un fichier changé sur disque depuis le chargement de la page : la différence à montrer."""

    fichier: str
    difference: str


@dataclass
class Resultat:
    """Ce qu'un enregistrement (ou un essai) a trouvé : refus, conflits, et les fichiers réécrits."""

    constats: list[Constat] = field(default_factory=list)
    conflits: list[Conflit] = field(default_factory=list)
    erreur: str | None = None
    differences: dict[str, str] = field(default_factory=dict)
    ecrits: list[str] = field(default_factory=list)
    dossier: Dossier | None = None
    """Le dossier tel qu'il serait écrit, lu selon le schéma : les pages en recalculent les comptes."""

    @property
    def accepte(self) -> bool:
        return not (self.constats or self.conflits or self.erreur)


class VersionsLues:
    """Les contenus des fichiers tels que les pages les ont montrés, par empreinte : pour montrer
    à l'utilisateur ce qui a changé sur disque entre son chargement et son enregistrement."""

    def __init__(self, taille: int = 64):
        self.taille = taille
        self._contenus: dict[str, bytes] = {}

    def retenir(self, etat: Etat) -> None:
        for contenu in etat.contenus.values():
            self._contenus[empreinte(contenu)] = contenu
        while len(self._contenus) > self.taille:
            self._contenus.pop(next(iter(self._contenus)))

    def contenu(self, empreinte: str) -> bytes | None:
        return self._contenus.get(empreinte)


def enregistrer(etat: Etat, modifications: list[Modification | Ajout], empreintes: dict[str, str], versions: VersionsLues, essai: bool = False) -> Resultat:
    """Applique `modifications` au dossier d'`etat` ; `empreintes` sont celles de la page (nom → SHA-256).

    Avec `essai`, contrôle sans rien écrire : ce qui serait refusé, avant d'enregistrer.
    """
    with _verrou:
        fichiers = {fichier.name: fichier for fichier in etat.fichiers}
        documents = {nom: _Document(fichier) for nom, fichier in fichiers.items()}
        if {nom: document.empreinte for nom, document in documents.items()} != etat.empreintes:
            # Les modifications ont été calculées sur un état que le disque vient de quitter.
            return Resultat(erreur="un fichier du dossier a changé sur disque pendant l'opération ; rechargez la page")
        try:
            touches = _appliquer(documents, modifications)
        except ErreurGenerateur as erreur:
            return Resultat(erreur=str(erreur))
        resultat = Resultat(conflits=_conflits(documents, touches, empreintes, versions))
        if resultat.conflits:
            return resultat
        nouveaux = {nom: documents[nom].texte() for nom in touches}
        resultat.differences = {nom: _difference(documents[nom].original, texte, nom) for nom, texte in nouveaux.items() if texte != documents[nom].original}
        resultat.constats, resultat.dossier = _controler_la_copie(etat, fichiers, nouveaux)
        if resultat.accepte and not essai and resultat.differences:
            a_ecrire = {fichiers[nom]: nouveaux[nom].encode("utf-8") for nom in resultat.differences}
            if _conflits(documents, touches, {nom: documents[nom].empreinte for nom in touches}, versions):
                resultat.erreur = "un fichier a changé sur disque pendant l'enregistrement ; rechargez la page"
                return resultat
            try:
                for fichier, contenu in a_ecrire.items():
                    ecrire_fichier(fichier, contenu, remplacer=True)
            except ErreurGenerateur as erreur:
                resultat.erreur = str(erreur)
                return resultat
            resultat.ecrits = sorted(resultat.differences)
        return resultat


class _Document:
    """Un fichier YAML relu en aller-retour, avec la configuration qui le réécrit à l'identique."""

    def __init__(self, fichier: Path):
        self.fichier = fichier
        contenu = fichier.read_bytes()
        self.empreinte = empreinte(contenu)
        self.original = contenu.decode("utf-8", errors="replace")
        self.yaml: YAML | None = None
        self.racine = None

    def charger(self):
        """Les données du fichier, modifiables ; refuse un fichier que ruamel ne réécrirait pas à l'identique."""
        if self.yaml is None:
            for cles, listes, tiret in _INDENTATIONS:
                yaml = _yaml(cles, listes, tiret)
                try:
                    racine = yaml.load(self.original)
                except YAMLError:
                    break
                if _ecrire(yaml, racine) == self.original:
                    self.yaml, self.racine = yaml, racine
                    break
            else:
                raise ErreurGenerateur(f"{self.fichier.name} : sa mise en forme ne peut pas être conservée à l'enregistrement ; modifiez ce fichier à la main")
            if self.yaml is None:
                raise ErreurGenerateur(f"{self.fichier.name} : YAML invalide ; corrigez-le à la main avant d'enregistrer depuis cette page")
        return self.racine

    def texte(self) -> str:
        return _ecrire(self.yaml, self.racine)


def _yaml(cles: int, listes: int, tiret: int) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=cles, sequence=listes, offset=tiret)
    yaml.representer.add_representer(Decimal, lambda representant, nombre: representant.represent_scalar("tag:yaml.org,2002:float", str(nombre)))
    return yaml


def _ecrire(yaml: YAML, racine) -> str:
    flux = io.StringIO()
    yaml.dump(racine, flux)
    return flux.getvalue()


def _appliquer(documents: dict[str, _Document], modifications: list[Modification | Ajout]) -> set[str]:
    """Écrit chaque modification dans le fichier qui porte son champ, dans l'ordre donné ; les noms
    des fichiers touchés. Une liste vidée disparaît avec sa clé."""
    touches: set[str] = set()
    videes = []
    for modification in modifications:
        nom, chemin = _localiser(documents, modification.chemin)
        parent = documents[nom].charger()
        for partie in chemin[:-1]:
            parent = parent[partie]
        if isinstance(modification, Ajout):
            _ajouter(parent, chemin[-1], modification)
        else:
            _poser(parent, chemin[-1], modification.valeur, modification.avant)
            if modification.valeur is SUPPRIMER and isinstance(chemin[-1], int):
                videes.append((documents[nom].charger(), chemin[:-1]))
        touches.add(nom)
    for racine, chemin in videes:
        conteneur = racine
        for partie in chemin[:-1]:
            conteneur = conteneur[partie]
        if chemin[-1] in conteneur and len(conteneur[chemin[-1]]) == 0:
            del conteneur[chemin[-1]]
    return touches


def _en_yaml(valeur):
    """Une valeur nouvelle, écrite en ligne comme dans les exemples : `{membre: …, pouvoir_a: …}`, `[A, B]`."""
    if isinstance(valeur, dict):
        resultat = CommentedMap((cle, _en_yaml(v)) for cle, v in valeur.items())
        resultat.fa.set_flow_style()
        return resultat
    if isinstance(valeur, list):
        resultat = CommentedSeq(_en_yaml(v) for v in valeur)
        resultat.fa.set_flow_style()
        return resultat
    return valeur


def _ajouter(parent, cle, ajout: Ajout) -> None:
    if cle not in parent:
        parent.insert(_position(parent, ajout.avant), cle, CommentedSeq())
    parent[cle].append(_en_yaml(ajout.valeur))


def _localiser(documents: dict[str, _Document], chemin: Chemin) -> tuple[str, Chemin]:
    """Le fichier qui porte `chemin`, et le chemin dans ce fichier : une liste de premier niveau
    (« seances ») peut se répartir sur plusieurs fichiers, mise bout à bout dans leur ordre."""
    cle, decalage = chemin[0], 0
    for nom, document in documents.items():
        racine = document.charger()
        if not isinstance(racine, CommentedMap) or cle not in racine:
            continue
        valeur = racine[cle]
        if len(chemin) > 1 and isinstance(valeur, CommentedSeq) and isinstance(chemin[1], int):
            if chemin[1] - decalage < len(valeur):
                return nom, (cle, chemin[1] - decalage) + chemin[2:]
            decalage += len(valeur)
            continue
        return nom, chemin
    raise ErreurGenerateur(f"{chemin_lisible(chemin)} : champ introuvable dans les fichiers du dossier ; rechargez la page")


def _position(parent, avant: tuple[str, ...]) -> int:
    return next((list(parent).index(cle) for cle in avant if cle in parent), len(parent))


def _poser(parent, cle, valeur, avant: tuple[str, ...] = ()) -> None:
    if isinstance(parent, list) and valeur is SUPPRIMER and isinstance(cle, int) and cle < len(parent):
        del parent[cle]
        return
    if valeur is SUPPRIMER:
        if isinstance(parent, dict) and cle in parent:
            del parent[cle]
        return
    if isinstance(parent, dict) or (isinstance(parent, list) and isinstance(cle, int) and cle < len(parent)):
        if isinstance(parent, dict) and cle not in parent:
            parent.insert(_position(parent, avant), cle, _en_yaml(valeur))
        elif parent[cle] != valeur:
            parent[cle] = _en_yaml(valeur)
        return
    raise ErreurGenerateur(f"{cle} : champ introuvable ; rechargez la page")


def _conflits(documents: dict[str, _Document], touches: set[str], empreintes: dict[str, str], versions: VersionsLues) -> list[Conflit]:
    """Les fichiers à réécrire qui ne sont plus ceux que la page a montrés."""
    conflits = []
    for nom in sorted(touches):
        document = documents[nom]
        actuel = document.fichier.read_bytes() if document.fichier.is_file() else b""
        if empreinte(actuel) == empreintes.get(nom):
            continue
        lu = versions.contenu(empreintes.get(nom, ""))
        avant = lu.decode("utf-8", errors="replace") if lu is not None else ""
        conflits.append(Conflit(nom, _difference(avant, actuel.decode("utf-8", errors="replace"), nom, "chargé dans la page", "sur disque")))
    return conflits


def _difference(avant: str, apres: str, nom: str, etiquette_avant: str = "avant", etiquette_apres: str = "après") -> str:
    lignes = difflib.unified_diff(avant.splitlines(keepends=True), apres.splitlines(keepends=True), f"{nom} ({etiquette_avant})", f"{nom} ({etiquette_apres})")
    return "".join(lignes)


def _controler_la_copie(etat: Etat, fichiers: dict[str, Path], nouveaux: dict[str, str]) -> tuple[list[Constat], Dossier | None]:
    """Les anomalies du dossier tel qu'il serait écrit, situées dans les vrais fichiers, et ce dossier."""
    with tempfile.TemporaryDirectory(prefix="generateur-web-") as dossier:
        copie = Path(dossier) / etat.chemin.name
        copie.mkdir()
        for nom, fichier in fichiers.items():
            if nom in nouveaux:
                (copie / nom).write_text(nouveaux[nom], encoding="utf-8")
            else:
                shutil.copyfile(fichier, copie / nom)
        cible = copie if etat.chemin.is_dir() else copie / etat.chemin.name
        controle = lire_etat(etat.nom, cible)
        prefixe = str(copie)
        origine = str(etat.chemin if etat.chemin.is_dir() else etat.chemin.parent)
        return [
            constat(type(c.anomalie)(c.anomalie.fichier.replace(prefixe, origine, 1), c.anomalie.chemin, c.anomalie.message, c.anomalie.ligne), controle.donnees)
            for c in controle.constats
        ], controle.dossier
