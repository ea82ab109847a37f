"""Étape 1 : lire un dossier (un fichier YAML ou un dossier de fichiers YAML).

Le YAML est lu nœud par nœud plutôt que par `yaml.safe_load`, pour trois raisons :
retenir la ligne de chaque valeur (les messages la citent), refuser les clés en
double (qu'un chargeur ordinaire accepte, la dernière gagnant), et lire les nombres
à virgule en `Decimal` (un montant ne passe jamais par un float).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from .exceptions import Anomalie, DonneesIllisibles

Chemin = tuple[str | int, ...]

_ETIQUETTE = "tag:yaml.org,2002:"
_ADMISES = {f"{_ETIQUETTE}{nom}" for nom in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def chemin_lisible(chemin: Chemin) -> str:
    """`("seance", "membres", 3, "nom")` → `seance.membres[3].nom`."""
    texte = ""
    for partie in chemin:
        texte += f"[{partie}]" if isinstance(partie, int) else (f".{partie}" if texte else str(partie))
    return texte


@dataclass
class Source:
    """Où se trouve chaque valeur lue : fichier et ligne, par chemin de champ."""

    racine: Path
    fichiers: list[Path] = field(default_factory=list)
    positions: dict[Chemin, tuple[str, int]] = field(default_factory=dict)

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
                    lecture.lignes_racine[cle],
                ))
                continue
            for chemin_local, lieu in positions.items():
                if chemin_local[:1] == (cle,):
                    decale = (cle, chemin_local[1] + decalage) + chemin_local[2:] if decalage and len(chemin_local) > 1 else chemin_local
                    source.positions.setdefault(decale, lieu)
    if anomalies:
        raise DonneesIllisibles(anomalies)
    return donnees, source


class _LectureYaml:
    """Un fichier YAML lu nœud par nœud, en relevant lignes et anomalies."""

    def __init__(self, nom: str, positions: dict[Chemin, tuple[str, int]]):
        self.nom = nom
        self.positions = positions
        self.anomalies: list[Anomalie] = []
        self.lignes_racine: dict[str, int] = {}

    def signaler(self, chemin: Chemin, ligne: int | None, message: str) -> None:
        self.anomalies.append(Anomalie(self.nom, chemin_lisible(chemin), message, ligne))

    def lire(self, fichier: Path) -> dict | None:
        try:
            texte = fichier.read_bytes().decode("utf-8")
        except UnicodeDecodeError as erreur:
            self.signaler((), None, f"le fichier n'est pas encodé en UTF-8 (octet invalide à la position {erreur.start}) ; enregistrez-le en UTF-8")
            return None
        chargeur = yaml.SafeLoader(texte)
        try:
            noeud = chargeur.get_single_node()
        except yaml.MarkedYAMLError as erreur:
            marque = erreur.problem_mark or erreur.context_mark
            self.signaler((), marque.line + 1 if marque else None, _traduire_erreur_yaml(erreur))
            return None
        finally:
            chargeur.dispose()
        if noeud is None:
            self.signaler((), None, "le fichier est vide ; il doit contenir des données YAML (clé: valeur)")
            return None
        if not isinstance(noeud, yaml.MappingNode):
            self.signaler((), noeud.start_mark.line + 1, "le fichier doit contenir des paires « clé: valeur » au premier niveau")
            return None
        for cle, _ in noeud.value:
            self.lignes_racine[cle.value] = cle.start_mark.line + 1
        return self.valeur(noeud, (), chargeur)

    def valeur(self, noeud: yaml.Node, chemin: Chemin, chargeur: yaml.SafeLoader):
        ligne = noeud.start_mark.line + 1
        self.positions.setdefault(chemin, (self.nom, ligne))
        if noeud.tag not in _ADMISES:
            self.signaler(chemin, ligne, f"étiquette YAML « {noeud.tag.replace(_ETIQUETTE, '!!')} » refusée : seules des valeurs simples (texte, nombre, date) sont admises")
            return None
        if isinstance(noeud, yaml.MappingNode):
            resultat: dict = {}
            vues: dict = {}
            for noeud_cle, noeud_valeur in noeud.value:
                ligne_cle = noeud_cle.start_mark.line + 1
                cle = self.valeur(noeud_cle, chemin, chargeur) if isinstance(noeud_cle, yaml.ScalarNode) else None
                if not isinstance(cle, (str, int)):
                    self.signaler(chemin, ligne_cle, "clé invalide : un nom simple est attendu")
                    continue
                if cle in vues:
                    self.signaler(chemin + (cle,), ligne_cle, f"clé « {cle} » en double (déjà définie ligne {vues[cle]}) ; chaque clé ne doit apparaître qu'une fois")
                    continue
                vues[cle] = ligne_cle
                self.positions[chemin + (cle,)] = (self.nom, ligne_cle)
                resultat[cle] = self.valeur(noeud_valeur, chemin + (cle,), chargeur)
            return resultat
        if isinstance(noeud, yaml.SequenceNode):
            return [self.valeur(element, chemin + (rang,), chargeur) for rang, element in enumerate(noeud.value)]
        return self.scalaire(noeud, chemin, ligne, chargeur)

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
            return chargeur.construct_object(noeud)
        except ValueError:
            self.signaler(chemin, ligne, f"la date « {noeud.value} » n'existe pas ; une date réelle au format AAAA-MM-JJ est attendue")
            return None


_ERREURS_YAML = {
    "found character '\\t' that cannot start any token": "tabulation interdite : indentez avec des espaces",
    "mapping values are not allowed here": "« : » inattendu (indentation incorrecte ou texte à mettre entre guillemets ?)",
    "could not find expected ':'": "« : » attendu après la clé (indentation incorrecte ?)",
    "expected <block end>, but found '<block mapping start>'": "indentation incorrecte",
    "expected <block end>, but found '<block sequence start>'": "indentation incorrecte de la liste",
    "expected <block end>, but found '-'": "indentation incorrecte de la liste",
    "found undefined alias": "alias YAML inconnu",
}


def _traduire_erreur_yaml(erreur: yaml.MarkedYAMLError) -> str:
    probleme = erreur.problem or ""
    for anglais, francais in _ERREURS_YAML.items():
        if probleme.startswith(anglais):
            return f"YAML invalide : {francais}"
    return f"YAML invalide : {probleme}"
