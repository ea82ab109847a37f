"""Étape 1 : lire un dossier (un fichier YAML ou un dossier de fichiers YAML).

Le YAML est lu nœud par nœud plutôt que par `yaml.safe_load`, pour trois raisons :
retenir la ligne de chaque valeur (les messages la citent), refuser les clés en
double (qu'un chargeur ordinaire accepte, la dernière gagnant), et lire les nombres
à virgule en `Decimal` (un montant ne passe jamais par un float). Un alias YAML qui
se contient lui-même, ou des alias imbriqués qui démultiplient les valeurs, sont
refusés au lieu d'épuiser la pile ou la mémoire.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from generateur.exceptions import Anomalie, DonneesIllisibles
from generateur.lecture.chemins import Chemin, chemin_lisible

_ETIQUETTE = "tag:yaml.org,2002:"
_ADMISES = {f"{_ETIQUETTE}{nom}" for nom in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_DEMI_CARACTERE = re.compile("[\ud800-\udfff]")
"""Une moitié de paire UTF-16, que seul un échappement « \\uD800 » entre guillemets produit."""
_VALEURS_MAX = 100_000
"""Bien au-delà d'un vrai dossier ; au-delà, des alias imbriqués démultiplient les valeurs."""



@dataclass
class Source:
    """Où se trouve chaque valeur lue : fichier et ligne, par chemin de champ."""

    racine: Path
    fichiers: list[Path] = field(default_factory=list)
    positions: dict[Chemin, tuple[str, int]] = field(default_factory=dict)
    blancs: list[Anomalie] = field(default_factory=list)
    """Les valeurs « à compléter » du dossier, situées (renseigné au chargement)."""

    @property
    def nom(self) -> str:
        """Nom du dossier, qui nomme aussi son dossier de sortie."""
        return self.racine.stem if self.racine.is_file() else self.racine.name

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
    if chemin.is_dir():
        source.fichiers = sorted(p for p in chemin.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not source.fichiers:
            raise DonneesIllisibles([Anomalie(str(chemin), "", "aucun fichier .yaml dans ce dossier")])
    elif chemin.is_file():
        source.fichiers = [chemin]
    else:
        raise DonneesIllisibles([Anomalie(str(chemin), "", "fichier ou dossier introuvable")])

    donnees: dict = {}
    origines: dict[str, Path] = {}
    anomalies: list[Anomalie] = []
    for fichier in source.fichiers:
        positions: dict[Chemin, tuple[str, int]] = {}
        lecture = _LectureYaml(str(fichier), positions)
        contenu = lecture.lire(fichier)
        anomalies += lecture.anomalies
        if contenu is None:
            continue
        source.positions.setdefault((), positions[()])
        for cle, valeur in contenu.items():
            decalage = 0
            if cle not in donnees:
                donnees[cle], origines[cle] = valeur, fichier
            elif isinstance(donnees[cle], list) and isinstance(valeur, list):
                decalage = len(donnees[cle])
                donnees[cle] = donnees[cle] + valeur
            else:
                anomalies.append(Anomalie(
                    str(fichier), str(cle),
                    f"clé de premier niveau déjà définie dans {origines[cle]} ; seule une liste (comme « seances ») se complète d'un fichier à l'autre",
                    positions[(cle,)][1],
                ))
                continue
            for chemin_local, lieu in positions.items():
                if chemin_local[:1] == (cle,):
                    decale = (cle, chemin_local[1] + decalage) + chemin_local[2:] if decalage and len(chemin_local) > 1 else chemin_local
                    source.positions.setdefault(decale, lieu)
    if anomalies:
        raise DonneesIllisibles(anomalies)
    return donnees, source


class _TropDeValeurs(Exception):
    """Lecture abandonnée : le fichier déplie plus de `_VALEURS_MAX` valeurs."""

    def __init__(self, chemin: Chemin, ligne: int):
        super().__init__(chemin, ligne)
        self.chemin, self.ligne = chemin, ligne


class _LectureYaml:
    """Un fichier YAML lu nœud par nœud, en relevant lignes et anomalies."""

    def __init__(self, nom: str, positions: dict[Chemin, tuple[str, int]]):
        self.nom = nom
        self.positions = positions
        self.anomalies: list[Anomalie] = []
        self.ouverts: set[int] = set()
        self.nombre_de_valeurs = 0

    def signaler(self, chemin: Chemin, ligne: int | None, message: str) -> None:
        self.anomalies.append(Anomalie(self.nom, chemin_lisible(chemin), message, ligne))

    def lire(self, fichier: Path) -> dict | None:
        try:
            texte = fichier.read_bytes().decode("utf-8")
        except OSError as erreur:
            cause = "permission refusée" if erreur.errno in (errno.EACCES, errno.EPERM) else "erreur du système de fichiers"
            self.signaler((), None, f"impossible de lire le fichier ({cause})")
            return None
        except UnicodeDecodeError as erreur:
            self.signaler((), None, f"le fichier n'est pas encodé en UTF-8 (octet invalide à la position {erreur.start}) ; enregistrez-le en UTF-8")
            return None
        try:
            chargeur = yaml.SafeLoader(texte)
        except yaml.reader.ReaderError as erreur:
            # Le lecteur de PyYAML refuse d'emblée les caractères de contrôle (NUL, BEL…).
            self.signaler((), texte.count("\n", 0, erreur.position) + 1, f"caractère invisible interdit (U+{erreur.character:04X}) ; supprimez-le ou retapez la ligne")
            return None
        try:
            noeud = chargeur.get_single_node()
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
            return None
        except RecursionError:
            self.signaler((), None, "YAML invalide : trop de niveaux de listes ou de champs imbriqués")
            return None
        except _TropDeValeurs as erreur:
            self.signaler(erreur.chemin, erreur.ligne, f"plus de {_VALEURS_MAX:,} valeurs dans le fichier".replace(",", "\u202f") + " : des alias YAML (« *nom ») les démultiplient-ils ? Recopiez plutôt les valeurs")
            return None
        finally:
            chargeur.dispose()

    def valeur(self, noeud: yaml.Node, chemin: Chemin, chargeur: yaml.SafeLoader):
        ligne = noeud.start_mark.line + 1
        self.positions.setdefault(chemin, (self.nom, ligne))
        self.nombre_de_valeurs += 1
        if self.nombre_de_valeurs > _VALEURS_MAX:
            raise _TropDeValeurs(chemin, ligne)
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

    def ensemble(self, noeud: yaml.MappingNode, chemin: Chemin, chargeur: yaml.SafeLoader) -> dict:
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

    def scalaire(self, noeud: yaml.ScalarNode, chemin: Chemin, ligne: int, chargeur: yaml.SafeLoader):
        etiquette = noeud.tag
        if ":" in noeud.value and etiquette in (f"{_ETIQUETTE}int", f"{_ETIQUETTE}float"):
            # YAML 1.1 lit « 9:00 » en base 60 (540) : on garde le texte tel qu'écrit.
            return noeud.value
        if etiquette == f"{_ETIQUETTE}float":
            try:
                nombre = Decimal(noeud.value.replace("_", ""))
            except InvalidOperation:
                nombre = None
            if nombre is None or not nombre.is_finite():
                self.signaler(chemin, ligne, f"nombre « {noeud.value} » invalide : un nombre décimal fini est attendu")
            return nombre
        try:
            valeur = chargeur.construct_object(noeud)
            if isinstance(valeur, str) and _DEMI_CARACTERE.search(valeur):
                self.signaler(chemin, ligne, "échappement « \\uD800 » à « \\uDFFF » : ce n'est pas un caractère ; écrivez le caractère lui-même")
                return None
            return valeur
        except ValueError:
            if etiquette == f"{_ETIQUETTE}timestamp":
                self.signaler(chemin, ligne, f"la date « {noeud.value} » n'existe pas ; une date réelle au format AAAA-MM-JJ est attendue")
            else:
                # Python refuse de convertir un entier de plus de 4 300 chiffres.
                self.signaler(chemin, ligne, f"nombre de {len(noeud.value)} chiffres, trop long pour être lu")
            return None


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
