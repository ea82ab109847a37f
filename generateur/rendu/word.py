"""Étape 5 : remplir un modèle Word. Seul module qui connaît docx, docxtpl, Jinja et le XML.

Le rendu échappe toujours le XML (un « & » dans un nom sort tel quel), refuse toute
variable absente du contexte (StrictUndefined) et s'exécute dans le bac à sable immuable
de Jinja. Chaque modèle est préparé et compilé une fois (`preparer`), puis rempli pour
chaque document (`remplir`) en reprenant les étapes de docxtpl. Le fichier produit ne
dépend que du modèle et des données : dates des parties du zip figées, pour que deux
générations donnent les mêmes octets.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, fields
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generateur.exceptions import ErreurGenerateur, ErreurModele
from generateur.francais import FILTRES, TRAIT_INSECABLE, typographie_segments

_DATE_DOS = 1 << 5 | 1  # 1er janvier 1980, minuit, au format de date des zip
_CORPS = "word/document.xml"
_EN_TETES_ET_PIEDS = re.compile(r"word/(header\d*|footer\d*|footnotes)\.xml")
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_DOCXTPL = DocxTemplate(None)  # pour ses fonctions de préparation du XML, qui ne dépendent d'aucun document


def environnement() -> ImmutableSandboxedEnvironment:
    """L'environnement Jinja de tous les modèles : bac à sable, variables strictes, filtres français."""
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_valeur_ecrite)
    env.filters.update(FILTRES)
    return env


def _valeur_ecrite(valeur) -> Markup:
    """La valeur échappée pour le XML, ses « _ » écrits `&#95;` : après le rendu, docxtpl change
    tout « {_{ », « }_} », « {_% », « %_} » en balise (c'est ainsi qu'un modèle écrit « {{ »),
    et un « {_{ x }_} » venu des données doit sortir tel quel."""
    texte = escape(valeur)
    return Markup(str(texte).replace("_", "&#95;")) if "_" in texte else texte


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
    composer(arbre)
    return (avant + etree.tostring(arbre, encoding="unicode") + apres).encode("utf-8") if corps else etree.tostring(arbre, xml_declaration=True, encoding="UTF-8", standalone=True)


def composer(arbre: etree._Element) -> None:
    """La mise en forme d'un acte prêt à signer, sur le XML rempli (texte du modèle et des
    données ensemble) : typographie française de chaque paragraphe (`francais.typographie`),
    exposant des ordinaux (« 1er », « 1re », « 2e »), traits d'union insécables en
    `<w:noBreakHyphen/>` (que Word et LibreOffice savent ne pas couper), aucune rangée de
    tableau coupée entre deux pages, colonnes égales mises à la mesure de leur contenu."""
    for paragraphe in arbre.iter(_W_P):
        elements = list(paragraphe.iter(_W_T, *_BLANCS))
        textes = [e for e in elements if e.tag == _W_T]
        segments = [e.text or "" if e.tag == _W_T else _BLANCS[e.tag] for e in elements]
        for element, compose in zip(elements, typographie_segments(segments)):
            if element.tag == _W_T and compose != (element.text or ""):
                element.text = compose
                element.set(_XML_SPACE, "preserve")
        for texte in textes:
            if _ORDINAL.search(texte.text or ""):
                _ordinaux_en_exposant(texte)
    for texte in list(arbre.iter(_W_T)):
        if TRAIT_INSECABLE in (texte.text or ""):
            _traits_insecables(texte)
    for rangee in arbre.iter(qn("w:tr")):
        _rangee_insecable(rangee)
    for tableau in arbre.iter(qn("w:tbl")):
        _colonnes_au_contenu(tableau)


_W_P, _W_T, _W_R, _W_RPR = qn("w:p"), qn("w:t"), qn("w:r"), qn("w:rPr")
_BLANCS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}  # lus comme du texte par la typographie
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ORDINAL = re.compile(r"(?<!\w)(\d+)(er|re|e)(?!\w)")
# Éléments de <w:rPr> qui suivent <w:vertAlign> dans l'ordre du schéma (Word refuse un autre ordre).
_APRES_VERTALIGN = {qn(f"w:{nom}") for nom in ("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")}


def _ordinaux_en_exposant(texte: etree._Element) -> None:
    """« 1er janvier » : le run est coupé autour de « er », mis en exposant (w:vertAlign)."""
    run = texte.getparent()
    if run.tag != _W_R:
        return
    morceaux, curseur = [], 0
    for trouve in _ORDINAL.finditer(texte.text):
        morceaux += [(texte.text[curseur : trouve.start(2)], False), (trouve.group(2), True)]
        curseur = trouve.end()
    morceaux.append((texte.text[curseur:], False))
    enfants = [e for e in run if e.tag != _W_RPR]
    rang = enfants.index(texte)
    nouveaux = [_run_comme(run, enfants[:rang])] + [_run_comme(run, [_t(chaine)], exposant) for chaine, exposant in morceaux if chaine] + [_run_comme(run, enfants[rang + 1 :])]
    parent, position = run.getparent(), run.getparent().index(run)
    parent.remove(run)
    for decalage, nouveau in enumerate(n for n in nouveaux if any(e.tag != _W_RPR for e in n)):
        parent.insert(position + decalage, nouveau)


def _run_comme(run: etree._Element, enfants: list[etree._Element], exposant: bool = False) -> etree._Element:
    """Un run de même mise en forme que `run`, avec ces enfants ; en exposant si demandé."""
    nouveau = etree.Element(_W_R, nsmap=run.nsmap)
    proprietes = run.find(_W_RPR)
    if proprietes is not None or exposant:
        copie = copy.deepcopy(proprietes) if proprietes is not None else etree.SubElement(nouveau, _W_RPR)
        nouveau.append(copie)
        if exposant:
            suivant = next((e for e in copie if e.tag in _APRES_VERTALIGN), None)
            alignement = etree.Element(qn("w:vertAlign"))
            alignement.set(qn("w:val"), "superscript")
            suivant.addprevious(alignement) if suivant is not None else copie.append(alignement)
    for enfant in enfants:
        nouveau.append(enfant)
    return nouveau


def _t(chaine: str) -> etree._Element:
    texte = etree.Element(_W_T)
    texte.text = chaine
    texte.set(_XML_SPACE, "preserve")
    return texte


def _traits_insecables(texte: etree._Element) -> None:
    """« BELLIOU‑DELACOUR » : chaque U+2011 devient un <w:noBreakHyphen/> dans le même run
    (le caractère lui-même manque à certaines polices)."""
    morceaux = texte.text.split(TRAIT_INSECABLE)
    texte.text = morceaux[0]
    texte.set(_XML_SPACE, "preserve")
    courant = texte
    for morceau in morceaux[1:]:
        trait = etree.Element(qn("w:noBreakHyphen"))
        courant.addnext(trait)
        courant = _t(morceau)
        trait.addnext(courant)


def _rangee_insecable(rangee: etree._Element) -> None:
    """Une rangée de tableau ne se coupe jamais entre deux pages (<w:cantSplit/>)."""
    proprietes = rangee.find(qn("w:trPr"))
    if proprietes is None:
        proprietes = etree.Element(qn("w:trPr"))
        exceptions = rangee.find(qn("w:tblPrEx"))
        exceptions.addnext(proprietes) if exceptions is not None else rangee.insert(0, proprietes)
    if proprietes.find(qn("w:cantSplit")) is None:
        proprietes.insert(0, etree.Element(qn("w:cantSplit")))


def _colonnes_au_contenu(tableau: etree._Element) -> None:
    """Un tableau aux colonnes toutes égales (celles qu'un `{%tc %}` répartit, comme les
    signataires) prend des largeurs proportionnelles à la plus longue ligne de chaque colonne,
    dans la même largeur totale : « Pour la Communauté de Communes, » ne se coupe plus en trois."""
    grille = tableau.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    largeurs = [int(colonne.get(qn("w:w"), "0")) for colonne in grille]
    if len(grille) < 2 or len(set(largeurs)) != 1 or not largeurs[0]:
        return
    rangees = [rangee.findall(qn("w:tc")) for rangee in tableau.findall(qn("w:tr"))]
    if any(len(cellules) != len(grille) for cellules in rangees):
        return  # cellules fusionnées : la grille reste celle du modèle
    poids = [max([8] + [_plus_longue_ligne(cellules[rang]) for cellules in rangees]) for rang in range(len(grille))]
    nouvelles = [sum(largeurs) * p // sum(poids) for p in poids]
    for colonne, largeur in zip(grille, nouvelles):
        colonne.set(qn("w:w"), str(largeur))
    for cellules in rangees:
        for cellule, largeur in zip(cellules, nouvelles):
            largeur_cellule = cellule.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if largeur_cellule is not None:
                largeur_cellule.set(qn("w:w"), str(largeur))
                largeur_cellule.set(qn("w:type"), "dxa")


def _plus_longue_ligne(cellule: etree._Element) -> int:
    """Le nombre de caractères de la plus longue ligne d'une cellule (paragraphes et sauts de ligne)."""
    lignes = [""]
    for paragraphe in cellule.iter(_W_P):
        lignes.append("")
        for element in paragraphe.iter(_W_T, qn("w:br")):
            if element.tag == _W_T:
                lignes[-1] += element.text or ""
            else:
                lignes.append("")
    return max(len(ligne) for ligne in lignes)


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
