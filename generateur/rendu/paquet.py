"""Le paquet d'un .docx : ce que Word exige pour l'ouvrir, contrôlé avant de remplir un modèle.

Un .docx est une archive zip de parties XML (format OPC) : `[Content_Types].xml` donne le
type de chaque partie, les parties `_rels/*.rels` relient le paquet à son document
principal et le document à ses styles, en-têtes, images… Un modèle dont une de ces
pièces manque ou est cassée se remplit sans erreur, mais les documents produits ne
s'ouvrent pas ; on le refuse donc dès sa lecture, en nommant la partie fautive.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from generateur.exceptions import ErreurModele

TYPES = "[Content_Types].xml"
CORPS = "word/document.xml"
TAILLE_MAXIMALE = 200 * 1024 * 1024
"""Au-delà (une fois décompressé), un modèle est une bombe zip, pas un document."""

_NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_NS_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
ESPACES_DE_NOMS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_DOCUMENT_PRINCIPAL = "/relationships/officeDocument"
_STYLES = "/relationships/styles"
_ANALYSEUR = etree.XMLParser(resolve_entities=False, no_network=True)


def qn(etiquette: str) -> str:
    """« w:p » → « {http://…/main}p », comme `docx.oxml.ns.qn`, sans charger python-docx."""
    prefixe, nom = etiquette.split(":")
    return f"{{{ESPACES_DE_NOMS[prefixe]}}}{nom}"


class PaquetInvalide(ErreurModele):
    """Un modèle que Word ne pourrait pas ouvrir ; le message nomme la partie, pas le modèle."""


def lire(modele: Path | bytes) -> dict[str, bytes]:
    """Les parties du paquet (un fichier, ou ses octets), dans l'ordre de l'archive, après
    contrôle ; `PaquetInvalide` sinon."""
    try:
        with zipfile.ZipFile(io.BytesIO(modele) if isinstance(modele, bytes) else modele) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if sum(info.file_size for info in infos) > TAILLE_MAXIMALE:
                raise PaquetInvalide(f"archive de plus de {TAILLE_MAXIMALE // 1024 // 1024} Mo une fois décompressée : ce n'est pas un modèle")
            parties = {}
            for info in infos:
                parties[info.filename] = _lire_partie(archive, info.filename)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise PaquetInvalide("ce n'est pas un document Word (.docx) : archive zip illisible ou tronquée") from None
    controler(parties)
    return parties


def _lire_partie(archive: zipfile.ZipFile, nom: str) -> bytes:
    try:
        return archive.read(nom)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        raise PaquetInvalide(f"partie {nom} illisible : archive zip abîmée") from None


def controler(parties: dict[str, bytes]) -> None:
    """Lève `PaquetInvalide` au premier défaut : XML mal formé, type de contenu ou relation manquants,
    document principal ou styles qui n'en sont pas."""
    if TYPES not in parties:
        raise PaquetInvalide(f"partie {TYPES} absente : sans les types de contenu, Word n'ouvre pas le document")
    arbres = {nom: analyser(nom, contenu) for nom, contenu in parties.items() if nom.endswith((".xml", ".rels"))}
    _controler_types(arbres[TYPES], parties)
    if "_rels/.rels" not in parties:
        raise PaquetInvalide("partie _rels/.rels absente : rien ne désigne le document principal")
    for nom, arbre in arbres.items():
        if nom.endswith(".rels"):
            _controler_relations(nom, arbre, parties)
    principal = _cibles(arbres["_rels/.rels"], "_rels/.rels", _DOCUMENT_PRINCIPAL)
    if principal != [CORPS]:
        raise PaquetInvalide(f"partie _rels/.rels : le document principal doit être {CORPS} (trouvé : {', '.join(principal) or 'aucun'})")
    corps = arbres[CORPS]
    if corps.tag != qn("w:document") or corps.find(qn("w:body")) is None or corps.prefix != "w":
        raise PaquetInvalide(f"partie {CORPS} : ce n'est pas un corps de document Word (<w:document> et <w:body> attendus)")
    relations_du_corps = "word/_rels/document.xml.rels"
    for styles in _cibles(arbres[relations_du_corps], relations_du_corps, _STYLES) if relations_du_corps in arbres else []:
        if getattr(arbres.get(styles), "tag", None) != qn("w:styles"):
            raise PaquetInvalide(f"partie {styles} : ce ne sont pas des styles Word (<w:styles> attendu)")


def analyser(nom: str, contenu: bytes):
    """L'arbre XML de la partie `nom` ; `PaquetInvalide` s'il est mal formé."""
    try:
        return etree.fromstring(contenu, _ANALYSEUR)
    except etree.XMLSyntaxError as erreur:
        ligne, colonne = erreur.position
        raise PaquetInvalide(f"partie {nom} : XML mal formé (ligne {ligne}, colonne {colonne})") from None


def _controler_types(types, parties: dict[str, bytes]) -> None:
    """Chaque partie a un type de contenu : par son extension (Default) ou par son nom (Override)."""
    if types.tag != f"{{{_NS_TYPES}}}Types":
        raise PaquetInvalide(f"partie {TYPES} : ce ne sont pas des types de contenu (<Types> attendu)")
    extensions = {element.get("Extension", "").lower() for element in types.iter(f"{{{_NS_TYPES}}}Default")}
    noms = {element.get("PartName", "").lstrip("/").lower() for element in types.iter(f"{{{_NS_TYPES}}}Override")}
    for nom in parties:
        if nom != TYPES and nom.lower() not in noms and _extension(nom) not in extensions:
            raise PaquetInvalide(f"partie {nom} sans type de contenu dans {TYPES}")


def _extension(nom: str) -> str:
    """L'extension d'une partie, sans le point (« rels » pour `_rels/.rels`)."""
    base = posixpath.basename(nom)
    return base.rpartition(".")[2].lower() if "." in base else ""


def _controler_relations(nom: str, relations, parties: dict[str, bytes]) -> None:
    """Chaque relation interne de la partie `nom` désigne une partie présente."""
    if relations.tag != f"{{{_NS_RELATIONS}}}Relationships":
        raise PaquetInvalide(f"partie {nom} : ce ne sont pas des relations (<Relationships> attendu)")
    presentes = {partie.lower() for partie in parties}  # les noms de parties ne distinguent pas la casse
    for relation in relations.iter(f"{{{_NS_RELATIONS}}}Relationship"):
        if relation.get("TargetMode") == "External":
            continue
        cible = _cible(nom, relation.get("Target", ""))
        if cible.lower() not in presentes:
            raise PaquetInvalide(f"partie {nom} : la relation {relation.get('Id')} désigne {cible}, absente du modèle")


def _cibles(relations, nom: str, sorte: str) -> list[str]:
    """Les parties que désignent les relations de cette sorte (type qui finit par `sorte`)."""
    return [_cible(nom, r.get("Target", "")) for r in relations.iter(f"{{{_NS_RELATIONS}}}Relationship") if r.get("Type", "").endswith(sorte)]


def _cible(nom_des_relations: str, cible: str) -> str:
    """Le nom dans l'archive de la cible d'une relation, relative à la partie source
    (`word/_rels/document.xml.rels` décrit `word/document.xml` : ses cibles partent de `word/`)."""
    cible = unquote(cible)
    if cible.startswith("/"):
        return posixpath.normpath(cible).lstrip("/")
    dossier_source = posixpath.dirname(posixpath.dirname(nom_des_relations))
    return posixpath.normpath(posixpath.join(dossier_source, cible)).lstrip("/")
