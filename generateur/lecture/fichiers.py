"""Étape 1 : lire un dossier (un fichier YAML ou un dossier de fichiers YAML).

Le YAML est lu nœud par nœud plutôt que par `yaml.safe_load`, pour retenir la ligne de
chaque valeur (les messages la citent), refuser les clés en double (qu'un chargeur ordinaire
accepte, la dernière gagnant) et lire chaque nombre tel qu'il est tapé : en `Decimal` pour un
nombre à virgule (un montant ne passe jamais par un float), en décimal pour un entier
(« 045 » fait 45, pas 37 comme l'octal de YAML 1.1). Un alias YAML qui se contient lui-même,
ou des alias imbriqués qui démultiplient les valeurs, sont refusés au lieu d'épuiser la pile
ou la mémoire. Les textes sont mis en forme composée (NFC) et privés des caractères de
largeur nulle, pour qu'un même nom s'écrive d'une seule façon.

Les nœuds sont composés par libyaml (`CSafeLoader`) : la lecture d'un dossier en est environ
8 fois plus rapide. Si libyaml refuse le texte, ou manque, le chargeur pur Python relit le
fichier : lui seul donne les messages d'erreur que ce module traduit, et les données lues
ne dépendent pas du chargeur.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

import yaml

from generateur.francais import format_nombre
from generateur.exceptions import Anomalie, DonneesIllisibles
from generateur.lecture.chemins import Chemin, chemin_lisible

CHARGEURS: tuple[type, ...] = ((yaml.CSafeLoader,) if yaml.__with_libyaml__ else ()) + (yaml.SafeLoader,)
"""Les chargeurs essayés dans l'ordre : libyaml s'il est là, puis le chargeur pur Python."""

T = TypeVar("T")

_ETIQUETTE = "tag:yaml.org,2002:"
_TEXTE, _ENTIER, _DECIMAL = (f"{_ETIQUETTE}{nom}" for nom in ("str", "int", "float"))
_ADMISES = {f"{_ETIQUETTE}{nom}" for nom in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_EXTENSIONS = (".yaml", ".yml")
_INVISIBLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Ce que YAML refuse tapé tel quel : caractères de contrôle (NUL, BEL, saut de page, échappement…)."""
_DEMI_CARACTERE = re.compile("[\ud800-\udfff]")
"""Une moitié de paire UTF-16, que seul un échappement « \\uD800 » entre guillemets produit."""
_LARGEUR_NULLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
"""Invisibles à l'écran, ils feraient de deux noms identiques deux noms différents."""
_LU_AUTREMENT_PAR_LIBYAML = re.compile("[\t?]")
"""libyaml admet dans un texte sans guillemets une tabulation, ou un « ? » entre crochets ou
accolades, que le pur Python refuse : un fichier qui en contient est lu par le pur Python seul."""
_ENTIER_DECIMAL = re.compile(r"[-+]?[0-9_]+")
_BASES = {"0b": "en base 2", "0x": "en base 16"}
_VALEURS_MAX = 100_000
"""Bien au-delà d'un vrai dossier ; au-delà, des alias imbriqués démultiplient les valeurs."""
_NIVEAUX_MAX = 100
"""Un vrai dossier en a moins de dix ; la limite est la même quel que soit le chargeur."""


@dataclass
class Source:
    """Où se trouve chaque valeur lue : fichier et ligne, par chemin de champ."""

    racine: Path
    fichiers: list[Path] = field(default_factory=list)
    positions: dict[Chemin, tuple[str, int]] = field(default_factory=dict)
    blancs: list[Anomalie] = field(default_factory=list)
    """Les valeurs « à compléter » du dossier, situées (renseigné au chargement)."""

    def anomalie(self, chemin: Chemin, message: str) -> Anomalie:
        """Situe `message` au plus près de `chemin` (le plus long préfixe connu)."""
        for fin in range(len(chemin), -1, -1):
            if chemin[:fin] in self.positions:
                fichier, ligne = self.positions[chemin[:fin]]
                return Anomalie(fichier, chemin_lisible(chemin), message, ligne)
        fichier = str(self.fichiers[0]) if len(self.fichiers) == 1 else str(self.racine)
        return Anomalie(fichier, chemin_lisible(chemin), message)


def lire_dossier(chemin: Path) -> tuple[dict, Source]:
    """Lit le fichier ou tous les `*.yaml`/`*.yml` du dossier, fusionnés par clé de premier niveau."""
    source = Source(chemin)
    source.fichiers, anomalies = fichiers_a_lire(chemin)
    donnees: dict = {}
    origines: dict[str, Path] = {}
    valeurs_lues = 0
    for fichier in source.fichiers:
        positions: dict[Chemin, tuple[str, int]] = {}
        lecture = _LectureYaml(str(fichier), positions, valeurs_lues)
        contenu = lecture.lire(fichier)
        anomalies += lecture.anomalies
        valeurs_lues = lecture.nombre_de_valeurs
        if valeurs_lues > _VALEURS_MAX:
            break
        if contenu is None:
            continue
        source.positions.setdefault((), positions[()])
        anomalies += _fusionner(contenu, fichier, positions, donnees, origines, source)
    if anomalies:
        raise DonneesIllisibles(anomalies)
    return donnees, source


def _fusionner(contenu: dict, fichier: Path, positions: dict[Chemin, tuple[str, int]], donnees: dict, origines: dict, source: Source) -> list[Anomalie]:
    """Ajoute aux données les clés de premier niveau d'un fichier, et leurs lignes : une liste se
    complète d'un fichier à l'autre, ses rangs décalés d'autant ; toute autre clé n'est définie qu'une fois."""
    anomalies = []
    decalages: dict = {}
    for cle, valeur in contenu.items():
        if cle not in donnees:
            donnees[cle], origines[cle], decalages[cle] = valeur, fichier, 0
        elif isinstance(donnees[cle], list) and isinstance(valeur, list):
            decalages[cle] = len(donnees[cle])
            donnees[cle] = donnees[cle] + valeur
        else:
            anomalies.append(Anomalie(
                str(fichier), str(cle),
                f"clé de premier niveau déjà définie dans {origines[cle]} ; seule une liste (comme « seances ») se complète d'un fichier à l'autre",
                positions[(cle,)][1],
            ))
    for chemin_local, lieu in positions.items():
        decalage = decalages.get(chemin_local[0]) if chemin_local else None
        if decalage is None:
            continue
        if decalage and len(chemin_local) > 1:
            chemin_local = (chemin_local[0], chemin_local[1] + decalage) + chemin_local[2:]
        source.positions.setdefault(chemin_local, lieu)
    return anomalies


def fichiers_a_lire(chemin: Path) -> tuple[list[Path], list[Anomalie]]:
    """Les fichiers YAML du dossier, et une anomalie pour chaque entrée qui semble en être une
    sans pouvoir être lue : rien n'est sauté sans le dire."""
    try:
        etat = chemin.stat()
    except OSError as erreur:
        raise DonneesIllisibles([Anomalie(str(chemin), "", _inaccessible(chemin, erreur, "fichier ou dossier introuvable"))]) from None
    if stat.S_ISREG(etat.st_mode):
        return [chemin], []
    if not stat.S_ISDIR(etat.st_mode):
        raise DonneesIllisibles([Anomalie(str(chemin), "", "ni fichier ni dossier (tube, périphérique…) : un fichier .yaml ou un dossier est attendu")])
    try:
        entrees = sorted(chemin.iterdir())
    except OSError as erreur:
        raise DonneesIllisibles([Anomalie(str(chemin), "", f"impossible de lire le dossier ({_cause(erreur)})")]) from None
    fichiers, anomalies = [], []
    for entree in entrees:
        refus = _refus(entree)
        if refus == "":
            fichiers.append(entree)
        elif refus:
            anomalies.append(Anomalie(str(entree), "", refus))
    if not fichiers and not anomalies:
        raise DonneesIllisibles([Anomalie(str(chemin), "", "aucun fichier .yaml dans ce dossier")])
    return fichiers, anomalies


def _refus(entree: Path) -> str | None:
    """Pourquoi l'entrée d'un dossier n'est pas lue : "" si elle l'est, None si ce n'est pas
    une donnée (autre extension, entrée cachée comme `.git`)."""
    cachee = entree.name.startswith(".")
    if entree.suffix.lower() not in _EXTENSIONS:
        if not cachee and entree.is_dir():
            return ("sous-dossier non lu : les fichiers .yaml d'un dossier sont lus à son premier niveau seulement ; "
                    "remontez-les, ou donnez ce sous-dossier comme dossier à part")
        return None
    if cachee:
        return "fichier caché (nom commençant par « . ») non lu : renommez-le sans le point, ou retirez-le du dossier"
    try:
        mode = entree.stat().st_mode
    except OSError as erreur:
        return _inaccessible(entree, erreur, f"impossible de lire le fichier ({_cause(erreur)})")
    if stat.S_ISDIR(mode):
        return "dossier nommé comme un fichier YAML : ses fichiers ne sont pas lus ; remontez-les au premier niveau"
    if not stat.S_ISREG(mode):
        return "pas un fichier ordinaire (tube, périphérique…) : un fichier YAML est attendu"
    return ""


def _inaccessible(chemin: Path, erreur: OSError, sinon: str) -> str:
    """Ce qui empêche d'atteindre `chemin` : un lien cassé ou en boucle, ou `sinon`."""
    if erreur.errno == errno.ELOOP:
        return "boucle de liens symboliques : ce lien mène, de lien en lien, à lui-même"
    if erreur.errno == errno.ENOENT and chemin.is_symlink():
        return f"lien symbolique cassé : sa cible « {os.readlink(chemin)} » n'existe pas"
    return sinon


def _cause(erreur: OSError) -> str:
    return "permission refusée" if erreur.errno in (errno.EACCES, errno.EPERM) else "erreur du système de fichiers"


class _TropDeNiveaux(Exception):
    """Lecture abandonnée : plus de `_NIVEAUX_MAX` listes ou champs imbriqués."""


class _TropDeValeurs(Exception):
    """Lecture abandonnée : le dossier déplie plus de `_VALEURS_MAX` valeurs."""

    def __init__(self, chemin: Chemin, ligne: int):
        super().__init__(chemin, ligne)
        self.chemin, self.ligne = chemin, ligne


class _LectureYaml:
    """Un fichier YAML lu nœud par nœud, en relevant lignes et anomalies ; `nombre_de_valeurs`
    compte celles du dossier entier, fichiers déjà lus compris."""

    def __init__(self, nom: str, positions: dict[Chemin, tuple[str, int]], valeurs_deja_lues: int = 0):
        self.nom = nom
        self.positions = positions
        self.anomalies: list[Anomalie] = []
        self.ouverts: set[int] = set()
        self.nombre_de_valeurs = valeurs_deja_lues

    def signaler(self, chemin: Chemin, ligne: int | None, message: str) -> None:
        self.anomalies.append(Anomalie(self.nom, chemin_lisible(chemin), message, ligne))

    def lire(self, fichier: Path) -> dict | None:
        try:
            texte = fichier.read_bytes().decode("utf-8")
        except OSError as erreur:
            self.signaler((), None, f"impossible de lire le fichier ({_cause(erreur)})")
            return None
        except UnicodeDecodeError as erreur:
            self.signaler((), None, f"le fichier n'est pas encodé en UTF-8 (octet invalide à la position {erreur.start}) ; enregistrez-le en UTF-8")
            return None
        invisible = _INVISIBLE.search(texte)
        if invisible:
            ligne = texte.count("\n", 0, invisible.start()) + 1
            self.signaler((), ligne, f"caractère invisible interdit (U+{ord(invisible.group()):04X}) ; supprimez-le ou retapez la ligne")
            return None
        try:
            noeud, chargeur = _composer(texte)
            if noeud is None:
                self.signaler((), None, "le fichier est vide ; il doit contenir des données YAML (clé: valeur)")
                return None
            if not isinstance(noeud, yaml.MappingNode):
                self.signaler((), noeud.start_mark.line + 1, "le fichier doit contenir des paires « clé: valeur » au premier niveau")
                return None
            return self.valeur(noeud, (), chargeur)
        except yaml.MarkedYAMLError as erreur:
            marque = erreur.problem_mark or erreur.context_mark
            if erreur.context_mark and marque.index >= len(texte):
                # À la fin du fichier, c'est ce qui reste ouvert (guillemet, crochet) qui dit où regarder.
                marque = erreur.context_mark
            self.signaler((), marque.line + 1 if marque else None, _traduire_erreur_yaml(erreur))
        except (RecursionError, _TropDeNiveaux):
            self.signaler((), None, "YAML invalide : trop de niveaux de listes ou de champs imbriqués")
        except _TropDeValeurs as erreur:
            self.signaler(erreur.chemin, erreur.ligne, f"plus de {format_nombre(_VALEURS_MAX)} valeurs dans le dossier (tous fichiers compris)"
                          + " : des alias YAML (« *nom ») les démultiplient-ils ? Recopiez plutôt les valeurs")
        return None

    def valeur(self, noeud: yaml.Node, chemin: Chemin, chargeur: yaml.BaseLoader):
        ligne = noeud.start_mark.line + 1
        self.positions.setdefault(chemin, (self.nom, ligne))
        self.nombre_de_valeurs += 1
        if self.nombre_de_valeurs > _VALEURS_MAX:
            raise _TropDeValeurs(chemin, ligne)
        if len(chemin) > _NIVEAUX_MAX:
            raise _TropDeNiveaux
        if noeud.tag not in _ADMISES:
            self.signaler(chemin, ligne, f"étiquette YAML « {noeud.tag.replace(_ETIQUETTE, '!!')} » refusée : seules des valeurs simples (texte, nombre, date) sont admises")
            return None
        if isinstance(noeud, yaml.ScalarNode):
            return self.scalaire(noeud, chemin, ligne, chargeur)
        if id(noeud) in self.ouverts:
            self.signaler(chemin, self.positions[chemin][1], "alias YAML qui se contient lui-même : une valeur ne peut pas s'inclure dans sa propre définition")
            return None
        self.ouverts.add(id(noeud))
        try:
            if isinstance(noeud, yaml.MappingNode):
                return self.ensemble(noeud, chemin, chargeur)
            return [self.valeur(element, chemin + (rang,), chargeur) for rang, element in enumerate(noeud.value)]
        finally:
            self.ouverts.discard(id(noeud))

    def ensemble(self, noeud: yaml.MappingNode, chemin: Chemin, chargeur: yaml.BaseLoader) -> dict:
        resultat: dict = {}
        vues: dict = {}
        for noeud_cle, noeud_valeur in noeud.value:
            ligne_cle = noeud_cle.start_mark.line + 1
            deja_signalees = len(self.anomalies)
            cle = self.valeur(noeud_cle, chemin, chargeur) if isinstance(noeud_cle, yaml.ScalarNode) else None
            if isinstance(cle, bool):
                # « yes: », « on: » sont des booléens en YAML 1.1 : en clé, c'est le mot écrit qui compte.
                cle = noeud_cle.value
            if not isinstance(cle, (str, int)):
                if len(self.anomalies) == deja_signalees:
                    self.signaler(chemin, ligne_cle, "clé invalide : un nom simple est attendu")
                continue
            if cle in vues:
                self.signaler(chemin + (cle,), ligne_cle, f"clé « {cle} » en double (déjà définie ligne {vues[cle]}) ; chaque clé ne doit apparaître qu'une fois")
                continue
            vues[cle] = ligne_cle
            self.positions[chemin + (cle,)] = (self.nom, ligne_cle)
            resultat[cle] = self.valeur(noeud_valeur, chemin + (cle,), chargeur)
        return resultat

    def scalaire(self, noeud: yaml.ScalarNode, chemin: Chemin, ligne: int, chargeur: yaml.BaseLoader):
        etiquette, ecrit = noeud.tag, noeud.value
        if etiquette == _TEXTE:
            return self.texte(ecrit, chemin, ligne)
        if ":" in ecrit and etiquette in (_ENTIER, _DECIMAL):
            # YAML 1.1 lit « 9:00 » en base 60 (540) : on garde le texte tel qu'écrit.
            return ecrit
        if etiquette == _ENTIER:
            return self.entier(ecrit, chemin, ligne)
        if etiquette == _DECIMAL:
            try:
                nombre = Decimal(ecrit.replace("_", ""))
            except InvalidOperation:
                nombre = None
            if nombre is None or not nombre.is_finite():
                self.signaler(chemin, ligne, f"nombre « {ecrit} » invalide : un nombre décimal fini est attendu")
            return nombre
        try:
            return chargeur.construct_object(noeud)
        except ValueError:
            self.signaler(chemin, ligne, f"la date « {ecrit} » n'existe pas ; une date réelle au format AAAA-MM-JJ est attendue")
            return None

    def entier(self, ecrit: str, chemin: Chemin, ligne: int) -> int | None:
        """L'entier tel que tapé, en décimal : YAML 1.1 lirait « 045 » en octal (37)."""
        if not _ENTIER_DECIMAL.fullmatch(ecrit):
            base = _BASES[ecrit.lstrip("+-")[:2].lower()]
            self.signaler(chemin, ligne, f"nombre « {ecrit} » écrit {base} : écrivez-le en chiffres décimaux (de 0 à 9)")
            return None
        try:
            return int(ecrit.replace("_", ""))
        except ValueError:
            # Python refuse de convertir un entier de plus de 4 300 chiffres.
            self.signaler(chemin, ligne, f"nombre de {len(ecrit)} chiffres, trop long pour être lu")
            return None

    def texte(self, ecrit: str, chemin: Chemin, ligne: int) -> str | None:
        """Le texte en forme composée, sans caractère de largeur nulle ; un caractère de contrôle
        écrit par un échappement (« \\0 », « \\a », « \\f »…) est refusé comme s'il était tapé."""
        if ecrit.isascii() and ecrit.isprintable():
            return ecrit
        if _DEMI_CARACTERE.search(ecrit):
            self.signaler(chemin, ligne, "échappement « \\uD800 » à « \\uDFFF » : ce n'est pas un caractère ; écrivez le caractère lui-même")
            return None
        invisible = _INVISIBLE.search(ecrit)
        if invisible:
            self.signaler(chemin, ligne, f"caractère invisible interdit (U+{ord(invisible.group()):04X}), écrit par un échappement « \\ » entre guillemets ; supprimez-le")
            return None
        return _LARGEUR_NULLE.sub("", unicodedata.normalize("NFC", ecrit))


def _composer(texte: str) -> tuple[yaml.Node | None, yaml.BaseLoader]:
    """Le nœud racine du document ; l'erreur est celle du pur Python, dont ce module traduit les messages."""
    return par_le_premier_chargeur(texte, _noeud_racine)


def par_le_premier_chargeur(texte: str, lire: Callable[[type, str], T]) -> T:
    """`lire(chargeur, texte)` par le premier chargeur qui accepte le texte ; sinon l'erreur du
    pur Python. Un texte où les deux divergent (voir `_LU_AUTREMENT_PAR_LIBYAML`) est lu par le
    pur Python seul."""
    for chargeur in CHARGEURS[:-1] if not _LU_AUTREMENT_PAR_LIBYAML.search(texte) else ():
        try:
            return lire(chargeur, texte)
        except yaml.YAMLError:
            continue
    return lire(CHARGEURS[-1], texte)


def _noeud_racine(chargeur: type, texte: str) -> tuple[yaml.Node | None, yaml.BaseLoader]:
    lecteur = chargeur(texte)
    try:
        return lecteur.get_single_node(), lecteur
    finally:
        lecteur.dispose()


_ERREURS_YAML = [
    (r"found character '\\t' that cannot start any token", "tabulation interdite : indentez avec des espaces"),
    (r"found character '(.+)' that cannot start any token", "une valeur ne commence pas par « {0} » : mettez-la entre guillemets"),
    (r"mapping values are not allowed here", "« : » inattendu (indentation incorrecte ou texte à mettre entre guillemets ?)"),
    (r"could not find expected ':'", "« : » attendu après la clé (indentation incorrecte ?)"),
    (r"expected <block end>, but found '<block mapping start>'", "indentation incorrecte"),
    (r"expected <block end>, but found '(<block sequence start>|-)'", "indentation incorrecte de la liste"),
    (r"expected <block end>, but found '<scalar>'", "texte inattendu (indentation incorrecte, ou guillemet resté ouvert plus haut ?)"),
    (r"expected <block end>, but found '(.+)'", "« {0} » inattendu (indentation incorrecte, ou crochet ou accolade fermé en trop ?)"),
    (r"expected ',' or '\]', but got", "crochet « [ » ouvert{ouverture} et non fermé : « ] » ou « , » attendu"),
    (r"expected ',' or '\}', but got", "accolade « {{ » ouverte{ouverture} et non fermée : « }} » ou « , » attendu"),
    (r"found unexpected (end of stream|document separator)", "guillemet ouvert{ouverture} et non fermé"),
    (r"(found unknown escape character|expected escape sequence)", "barre oblique inverse « \\ » entre guillemets doubles : doublez-la (« \\\\ ») ou mettez la valeur entre guillemets simples"),
    (r"expected alphabetic or numeric character", "« & » ou « * » annonce une ancre ou un alias YAML : mettez la valeur entre guillemets"),
    (r"but found another document", "un seul document par fichier : retirez la ligne « --- »"),
    (r"second occurrence", "ancre YAML (« &nom ») définie deux fois{ouverture}"),
    (r"found undefined alias '(.+)'", "alias YAML « *{0} » inconnu : aucune ancre « &{0} » ne le définit plus haut"),
    (r"(expected (chomping or )?indentation indicator|expected a comment or a line break)", "après « | » ou « > », seuls « - », « + » ou un chiffre de 1 à 9 sont admis sur la ligne"),
    (r"expected the node content", "valeur attendue"),
    (r"sequence entries are not allowed here", "« - » inattendu (indentation incorrecte de la liste ?)"),
    (r"(found undefined tag handle|expected '>'|expected URI|expected '!')", "étiquette YAML (« ! ») invalide"),
    (r"(found incompatible YAML document|found duplicate YAML directive|duplicate tag handle)", "directive YAML (« % ») invalide"),
]
"""Les erreurs de PyYAML (motif du problème) et leur explication ; {ouverture} dit où
s'ouvre ce qui n'est pas refermé, quand ce n'est pas sur la ligne de l'erreur."""


def _traduire_erreur_yaml(erreur: yaml.MarkedYAMLError) -> str:
    probleme = erreur.problem or ""
    debut, fin = erreur.context_mark, erreur.problem_mark
    ouverture = f" ligne {debut.line + 1}" if debut and fin and debut.line != fin.line else ""
    for motif, francais in _ERREURS_YAML:
        trouve = re.match(motif, probleme)
        if trouve:
            return "YAML invalide : " + francais.format(*trouve.groups(), ouverture=ouverture)
    return "YAML invalide : syntaxe incorrecte (indentation, guillemet, crochet ou accolade ?)"
