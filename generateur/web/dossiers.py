"""Les dossiers que sert l'application, et l'état de chacun tel que `verifier` le voit.

Seuls les dossiers donnés au démarrage sont atteignables : on les désigne par leur nom
court, jamais par un chemin venu de l'URL. L'état d'un dossier est recalculé quand un de
ses fichiers change sur disque (date de modification, taille ou liste des fichiers).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generateur import etapes
from generateur.controles import DossierVerifie
from generateur.exceptions import Anomalie, ErreurDonnees, ErreurGenerateur
from generateur.lecture.chargement import charger
from generateur.lecture.chemins import Chemin
from generateur.lecture.fichiers import lire_dossier
from generateur.lecture.schema import Dossier
from generateur.sorties.manifeste import empreinte
from generateur.web.objets import ce_que_concerne

_PARTIE = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def chemin_du_champ(texte: str) -> Chemin:
    """`seances[0].membres[3]` → `("seances", 0, "membres", 3)` : l'inverse de `chemin_lisible`."""
    return tuple(int(rang) if rang else nom for rang, nom in _PARTIE.findall(texte))


@dataclass(frozen=True)
class Constat:
    """Une anomalie, le champ qu'elle vise et ce qu'il désigne pour un lecteur (« membre Luc GIRARD »)."""

    anomalie: Anomalie
    chemin: Chemin
    concerne: str


@dataclass
class Etat:
    """Un dossier tel qu'il est sur disque à un instant : contenus lus, anomalies, dossier vérifié."""

    nom: str
    chemin: Path
    fichiers: list[Path]
    contenus: dict[str, bytes]
    donnees: dict | None = None
    dossier: Dossier | None = None
    """Le dossier typé, s'il suit le schéma, même incohérent : les pages le montrent avec ses anomalies."""
    verifie: DossierVerifie | None = None
    constats: list[Constat] = field(default_factory=list)
    illisible: bool = False

    @property
    def empreintes(self) -> dict[str, str]:
        """L'empreinte SHA-256 de chaque fichier lu : ce que la page garde pour refuser un conflit."""
        return {nom: empreinte(contenu) for nom, contenu in self.contenus.items()}


def _entrees(chemin: Path) -> list[Path]:
    """Tout ce que contient le dossier : un fichier ajouté, retiré ou modifié change son état."""
    try:
        return sorted(chemin.iterdir()) if chemin.is_dir() else [chemin]
    except OSError:
        return []


def _signature(chemin: Path) -> tuple:
    """Ce qui change quand un fichier du dossier change : noms, dates de modification et tailles."""
    signature = []
    for entree in _entrees(chemin):
        try:
            etat = entree.stat()
        except OSError:
            continue
        signature.append((entree.name, etat.st_mtime_ns, etat.st_size))
    return tuple(signature)


def lire_etat(nom: str, chemin: Path) -> Etat:
    """Lit et vérifie le dossier exactement comme `generateur verifier` ; les fichiers sont ceux
    que la lecture a retenus, dans son ordre (celui où elle met bout à bout les listes)."""
    try:
        donnees, source = lire_dossier(chemin)
        fichiers = list(source.fichiers)
    except ErreurGenerateur:
        donnees, fichiers = None, [p for p in _entrees(chemin) if p.is_file() and p.suffix.lower() in (".yaml", ".yml")]
    contenus = {}
    for fichier in fichiers:
        try:
            contenus[fichier.name] = fichier.read_bytes()
        except OSError:
            contenus[fichier.name] = b""
    etat = Etat(nom, chemin, fichiers, contenus, donnees)
    try:
        etat.verifie, _ = etapes.verifier(chemin)
        etat.dossier = etat.verifie.dossier
    except ErreurDonnees as erreur:
        etat.illisible = erreur.code_sortie == 2
        etat.constats = [constat(anomalie, etat.donnees) for anomalie in erreur.anomalies]
        etat.dossier = _dossier_incoherent(chemin)
    return etat


def _dossier_incoherent(chemin: Path) -> Dossier | None:
    """Le dossier typé s'il suit le schéma, même refusé par les contrôles : les pages le montrent
    avec ses anomalies ; None s'il ne se lit pas."""
    try:
        return charger(chemin)[0]
    except ErreurGenerateur:
        return None


def constat(anomalie: Anomalie, donnees: dict | None) -> Constat:
    chemin = chemin_du_champ(anomalie.chemin)
    return Constat(anomalie, chemin, ce_que_concerne(donnees or {}, chemin))


class Catalogue:
    """Les dossiers servis, par nom court ; l'état de chacun gardé tant que ses fichiers ne changent pas."""

    def __init__(self, chemins: list[Path]):
        self.chemins: dict[str, Path] = {}
        for chemin in chemins:
            base = chemin.stem if chemin.is_file() else chemin.resolve().name
            nom, rang = base, 2
            while nom in self.chemins:
                nom, rang = f"{base}-{rang}", rang + 1
            self.chemins[nom] = chemin
        self._etats: dict[str, tuple[tuple, Etat]] = {}
        self._verrou = threading.Lock()

    def noms(self) -> list[str]:
        return list(self.chemins)

    def signature(self) -> str:
        """Une empreinte de l'état sur disque de tous les dossiers : change avec le moindre fichier."""
        texte = repr([(nom, _signature(chemin)) for nom, chemin in self.chemins.items()])
        return empreinte(texte.encode())[:16]

    def etat(self, nom: str) -> Etat:
        """L'état du dossier `nom` (KeyError s'il n'est pas servi), relu si un fichier a changé."""
        chemin = self.chemins[nom]
        signature = _signature(chemin)
        with self._verrou:
            garde = self._etats.get(nom)
            if garde and garde[0] == signature:
                return garde[1]
        etat = lire_etat(nom, chemin)
        with self._verrou:
            self._etats[nom] = (signature, etat)
        return etat
