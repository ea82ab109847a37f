"""Étape 5 : remplir un modèle Word. Seul module qui connaît docx, docxtpl, Jinja et le XML.

Le rendu échappe toujours le XML (un « & » dans un nom sort tel quel), refuse toute
variable absente du contexte (StrictUndefined) et s'exécute dans le bac à sable immuable
de Jinja. Chaque modèle est préparé et compilé une fois (`preparer`), puis rempli pour
chaque document (`remplir`) en reprenant les étapes de docxtpl. Le fichier produit ne
dépend que du modèle et des données : dates des parties du zip figées, pour que deux
générations donnent les mêmes octets.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, fields
from pathlib import Path

import jinja2
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generateur.exceptions import ErreurGenerateur, ErreurModele
from generateur.francais import FILTRES

_DATE_DOS = 1 << 5 | 1  # 1er janvier 1980, minuit, au format de date des zip
_CORPS = "word/document.xml"
_EN_TETES_ET_PIEDS = re.compile(r"word/(header\d*|footer\d*|footnotes)\.xml")
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_DOCXTPL = DocxTemplate(None)  # pour ses fonctions de préparation du XML, qui ne dépendent d'aucun document


def environnement() -> ImmutableSandboxedEnvironment:
    """L'environnement Jinja de tous les modèles : bac à sable, variables strictes, filtres français."""
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(FILTRES)
    return env


@dataclass(frozen=True)
class PartieARemplir:
    """Une partie du .docx que les balises remplissent : le corps, un en-tête, un pied de page, les notes."""

    nom: str  # dans le zip : « word/document.xml »
    libelle: str  # pour les messages : "" pour le corps, « en-tête word/header1.xml »
    xml: str  # le XML que docxtpl remplit (pour le corps, l'élément <w:body> seul)


@dataclass(frozen=True)
class ModelePrepare:
    """Un modèle lu et compilé une fois, rempli ensuite autant de fois qu'il faut.

    docxtpl relit le .docx, reprépare son XML et recompile Jinja à chaque rendu ; ici, ces
    étapes sont faites une fois et chaque document ne coûte que le rendu Jinja de ses
    parties et l'écriture de son zip.
    """

    chemin: Path
    parties: dict[str, _PartieZip | None]  # chaque partie du zip dans son ordre ; None pour une partie remplie
    gabarits: dict[str, tuple[str, jinja2.Template, str]]  # partie → (avant, gabarit, après)


def parties_a_remplir(modele: Path) -> tuple[dict[str, bytes], list[PartieARemplir]]:
    """Les parties du zip, et celles que docxtpl remplit, avec leur XML."""
    with zipfile.ZipFile(modele) as archive:
        parties = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    a_remplir = []
    for nom, contenu in parties.items():
        if nom == _CORPS:
            corps = etree.fromstring(contenu).find(qn("w:body"))
            a_remplir.append(PartieARemplir(nom, "", etree.tostring(corps, encoding="unicode")))
        elif _EN_TETES_ET_PIEDS.fullmatch(nom):
            libelle = "en-tête" if "header" in nom else ("pied de page" if "footer" in nom else "notes de bas de page")
            a_remplir.append(PartieARemplir(nom, f"{libelle} {nom}", etree.tostring(etree.fromstring(contenu), encoding="unicode")))
    return parties, a_remplir


def source_jinja(xml: str) -> str:
    """Le texte que Jinja compile, préparé comme docxtpl le prépare : balises recollées par-dessus
    les changements de mise en forme, `{%p %}`, `{%tr %}`, `{%tc %}` étendues à leur élément."""
    return _DOCXTPL.patch_xml(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))


def preparer(modele: Path) -> ModelePrepare:
    """Le modèle lu et compilé ; `ErreurModele` s'il est introuvable, illisible ou invalide."""
    cle = modele.resolve()
    try:
        etat = cle.stat()
    except OSError:
        raise ErreurModele(f"modèle introuvable : {modele}") from None
    return _preparer(cle, etat.st_mtime_ns, etat.st_size)


@functools.lru_cache(maxsize=32)
def _preparer(modele: Path, _date: int, _taille: int) -> ModelePrepare:
    """Mis en cache par modèle et version du fichier : un lot compile chaque modèle une fois."""
    try:
        parties, a_remplir = parties_a_remplir(modele)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        raise ErreurModele(f"modèle illisible : {modele} n'est pas un document Word (.docx)") from None
    env = environnement()
    gabarits = {}
    for partie in a_remplir:
        xml = parties[partie.nom].decode("utf-8")
        if partie.nom == _CORPS:
            debut, fin = xml.index("<w:body"), xml.index("</w:body>") + len("</w:body>")
            avant, apres = xml[:debut], xml[fin:]
        else:
            avant, apres = "", ""
        try:
            gabarits[partie.nom] = (avant, env.from_string(source_jinja(partie.xml)), apres)
        except jinja2.TemplateSyntaxError as erreur:
            raise ErreurModele(f"modèle {modele} : balise invalide ({erreur.message})") from None
    return ModelePrepare(modele, {nom: None if nom in gabarits else _PartieZip.de(contenu) for nom, contenu in parties.items()}, gabarits)


def rendre(modele: Path, contexte) -> bytes:
    """Le document rempli, en octets ; `ErreurModele` si le modèle ne peut pas l'être."""
    return remplir(preparer(modele), contexte)


def remplir(prepare: ModelePrepare, contexte) -> bytes:
    """Le document rempli depuis un modèle préparé.

    `contexte` est un des `Contexte…` de `contexte.py` : ses champs sont les noms du modèle.
    """
    valeurs = {champ.name: getattr(contexte, champ.name) for champ in fields(contexte)}
    remplies = {}
    try:
        for nom, (avant, gabarit, apres) in prepare.gabarits.items():
            remplies[nom] = _apres_rendu(gabarit.render(valeurs), avant, apres, nom == _CORPS)
    except jinja2.exceptions.SecurityError as erreur:
        raise ErreurModele(f"modèle {prepare.chemin} : opération interdite dans un modèle ({erreur})") from None
    except jinja2.UndefinedError as erreur:
        raise ErreurModele(f"modèle {prepare.chemin} : variable inconnue ({erreur.message})") from None
    except (ErreurGenerateur, ValueError, TypeError, AttributeError) as erreur:
        raise ErreurModele(f"modèle {prepare.chemin} : une valeur ne peut pas être écrite ({erreur})") from None
    return _zip({nom: partie or _PartieZip.de(remplies[nom]) for nom, partie in prepare.parties.items()})


def _apres_rendu(xml: str, avant: str, apres: str, corps: bool) -> bytes:
    """Ce que docxtpl fait du XML rendu : paragraphes recollés, balises échappées rétablies,
    tabulations et sauts de ligne des valeurs traduits, grilles des tableaux ajustées aux
    colonnes ajoutées par `{%tc %}`."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    arbre = _DOCXTPL.fix_tables(_DOCXTPL.resolve_listing(xml))
    for rang, dessin in enumerate(arbre.iter(f"{{{_WP}}}docPr"), start=1001):
        dessin.set("id", str(rang))
    return (avant + etree.tostring(arbre, encoding="unicode") + apres).encode("utf-8") if corps else etree.tostring(arbre, xml_declaration=True, encoding="UTF-8", standalone=True)


def texte_du_modele(modele: Path) -> str:
    """Le texte du modèle, balises comprises : un paragraphe par ligne, une ligne par rangée de tableau."""
    lignes: list[str] = []
    for bloc in Document(str(modele)).iter_inner_content():
        if isinstance(bloc, Paragraph):
            lignes.append(bloc.text.replace("\n", "↵"))
        else:
            lignes += [" | ".join(cellule.text.replace("\n", "↵") for cellule in rangee.cells) for rangee in bloc.rows]
    return "\n".join(lignes) + "\n"


@dataclass(frozen=True)
class _PartieZip:
    """Une partie compressée une fois pour toutes : les parties fixes d'un modèle (styles,
    thème…) ne sont pas recompressées pour chaque document."""

    crc: int
    taille: int
    compressee: bytes

    @classmethod
    def de(cls, contenu: bytes) -> _PartieZip:
        compresseur = zlib.compressobj(6, zlib.DEFLATED, -15)
        return cls(zlib.crc32(contenu), len(contenu), compresseur.compress(contenu) + compresseur.flush())


def _zip(parties: dict[str, _PartieZip]) -> bytes:
    """Le .docx : ses parties dans l'ordre du modèle, compressées (deflate), toutes datées du
    1er janvier 1980 : mêmes données, mêmes octets. Format zip écrit directement (en-têtes
    locaux, répertoire central) pour réutiliser les parties déjà compressées."""
    sortie = io.BytesIO()
    repertoire = []
    for nom, partie in parties.items():
        nom_octets = nom.encode("utf-8")
        debut = sortie.tell()
        champs = (20, 0, 8, 0, _DATE_DOS, partie.crc, len(partie.compressee), partie.taille, len(nom_octets), 0)
        sortie.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *champs) + nom_octets + partie.compressee)
        repertoire.append(struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIHH", *champs) + struct.pack("<HHHII", 0, 0, 0, 0, debut) + nom_octets)
    central = b"".join(repertoire)
    position = sortie.tell()
    sortie.write(central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(repertoire), len(repertoire), len(central), position, 0))
    return sortie.getvalue()
