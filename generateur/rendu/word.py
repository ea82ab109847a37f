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
import html
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
from docx.text.run import Run
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generateur.exceptions import ErreurDeRendu, ErreurGenerateur, ErreurModele
from generateur.francais import FILTRES, TRAIT_INSECABLE, format_nombre, typographie_segments
from generateur.rendu import paquet
from generateur.rendu.bornes import Bornes, DelaiDepasse, borner

_DATE_DOS = 1 << 5 | 1  # 1er janvier 1980, minuit, au format de date des zip
_CORPS = "word/document.xml"
_EN_TETES_ET_PIEDS = re.compile(r"word/(header\d*|footer\d*|footnotes)\.xml")
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_ANALYSEUR_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_DOCXTPL = DocxTemplate(None)  # pour ses fonctions de préparation du XML, qui ne dépendent d'aucun document


CHIFFRES_MAXIMUM = 4300
"""Un `**` qui donnerait un entier plus long est refusé avant d'être calculé (le calcul,
fait en C, ne s'interromprait pas au délai) ; c'est aussi la limite d'affichage de Python."""
LONGUEUR_MAXIMUM = 10_000_000
"""Un texte ou une liste multipliés (`"a" * n`) au-delà sont refusés avant d'être construits."""


class ResultatTropGrand(Exception):
    """Un `**` ou un `*` d'un modèle dont le résultat dépasserait les bornes ci-dessus."""


class _BacASable(ImmutableSandboxedEnvironment):
    """Le bac à sable immuable de Jinja, dont `**` et `*` sont bornés avant d'être calculés."""

    intercepted_binops = frozenset(["**", "*"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and _entier(left) and _entier(right) and abs(left) > 1 and right * abs(left).bit_length() > CHIFFRES_MAXIMUM * 3.33:
            raise ResultatTropGrand(f"nombre trop grand : plus de {format_nombre(CHIFFRES_MAXIMUM)} chiffres")
        if operator == "*" and _entier(right) and isinstance(left, (str, list, tuple)) and len(left) * right > LONGUEUR_MAXIMUM:
            raise ResultatTropGrand(f"texte ou liste trop longs : plus de {format_nombre(LONGUEUR_MAXIMUM)} éléments")
        if operator == "*" and _entier(left) and isinstance(right, (str, list, tuple)):
            return self.call_binop(context, operator, right, left)
        return super().call_binop(context, operator, left, right)


def _entier(valeur) -> bool:
    return isinstance(valeur, int) and not isinstance(valeur, bool)


def environnement() -> ImmutableSandboxedEnvironment:
    """L'environnement Jinja de tous les modèles : bac à sable, variables strictes, filtres français."""
    env = _BacASable(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_valeur_ecrite)
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
    sources: dict[str, tuple[str, str]]  # partie → (libellé, source Jinja) : pour situer une erreur au rendu
    colonnes: frozenset[str]  # les parties où `{%tc %}` ajoute des colonnes de tableau


def parties_a_remplir(modele: Path) -> tuple[dict[str, bytes], list[PartieARemplir]]:
    """Les parties du zip, contrôlées (`paquet.PaquetInvalide` si Word ne pourrait pas
    ouvrir le document), et celles que docxtpl remplit, avec leur XML."""
    parties = paquet.lire(modele)
    a_remplir = []
    for nom, contenu in parties.items():
        if nom != _CORPS and not _EN_TETES_ET_PIEDS.fullmatch(nom):
            continue
        try:
            contenu.decode("utf-8")
        except UnicodeDecodeError:
            raise paquet.PaquetInvalide(f"partie {nom} : encodage UTF-8 attendu") from None
        arbre = paquet.analyser(nom, contenu)
        if nom == _CORPS:
            a_remplir.append(PartieARemplir(nom, "", etree.tostring(arbre.find(qn("w:body")), encoding="unicode")))
        else:
            libelle = "en-tête" if "header" in nom else ("pied de page" if "footer" in nom else "notes de bas de page")
            a_remplir.append(PartieARemplir(nom, f"{libelle} {nom}", etree.tostring(arbre, encoding="unicode")))
    return parties, a_remplir


def source_jinja(xml: str) -> str:
    """Le texte que Jinja compile, préparé comme docxtpl le prépare : balises recollées par-dessus
    les changements de mise en forme, `{%p %}`, `{%tr %}`, `{%tc %}` étendues à leur élément."""
    return _DOCXTPL.patch_xml(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))


def preparer(modele: Path, bornes: Bornes = Bornes()) -> ModelePrepare:
    """Le modèle lu et compilé ; `ErreurModele` s'il est introuvable, illisible ou invalide.

    La compilation est bornée comme le rendu : Jinja y calcule déjà les expressions constantes
    (`{{ "a"|center(10**9) }}`)."""
    cle = modele.resolve()
    try:
        etat = cle.stat()
    except OSError:
        raise ErreurModele(f"modèle introuvable : {modele}") from None
    return _preparer(cle, etat.st_mtime_ns, etat.st_size, bornes)


@functools.lru_cache(maxsize=32)
def _preparer(modele: Path, _date: int, _taille: int, bornes: Bornes) -> ModelePrepare:
    """Mis en cache par modèle et version du fichier : un lot compile chaque modèle une fois."""
    try:
        parties, a_remplir = parties_a_remplir(modele)
    except paquet.PaquetInvalide as erreur:
        raise ErreurModele(f"modèle {modele} : {erreur}") from None
    env = environnement()
    gabarits = {}
    for partie in a_remplir:
        xml = parties[partie.nom].decode("utf-8")
        avant, apres = "", ""
        if partie.nom == _CORPS:
            debut, fin = xml.index("<w:body"), xml.index("</w:body>") + len("</w:body>")
            avant, apres = xml[:debut], xml[fin:]
        try:
            with borner(bornes):
                gabarits[partie.nom] = (avant, env.from_string(source_jinja(partie.xml)), apres)
        except jinja2.TemplateSyntaxError as erreur:
            raise ErreurModele(f"modèle {modele} : balise invalide ({erreur.message})") from None
        except Exception as erreur:  # une expression constante que Jinja calcule en compilant
            lieu = f", {partie.libelle}" if partie.libelle else ""
            raise ErreurDeRendu(str(modele), f"{lieu}, à la compilation", _sorte_d_erreur(erreur, bornes)) from None
    sources = {partie.nom: (partie.libelle, source_jinja(partie.xml)) for partie in a_remplir}
    colonnes = frozenset(partie.nom for partie in a_remplir if "{%tc" in "".join(etree.fromstring(partie.xml).itertext()))
    fixes = {nom: None if nom in gabarits else _PartieZip.de(contenu) for nom, contenu in parties.items()}
    return ModelePrepare(modele, fixes, gabarits, sources, colonnes)


def rendre(modele: Path, contexte, bornes: Bornes = Bornes()) -> bytes:
    """Le document rempli, en octets ; `ErreurModele` si le modèle ne peut pas l'être."""
    return remplir(preparer(modele), contexte, bornes)


def remplir(prepare: ModelePrepare, contexte, bornes: Bornes = Bornes()) -> bytes:
    """Le document rempli depuis un modèle préparé, chaque partie dans les bornes de temps et
    de mémoire données ; `ErreurModele` qui dit où et pourquoi si le modèle échoue.

    `contexte` est un des `Contexte…` de `contexte.py` : ses champs sont les noms du modèle.
    """
    valeurs = {champ.name: getattr(contexte, champ.name) for champ in fields(contexte)}
    rendues: dict[str, str] = {}
    remplies: dict[str, bytes] = {}
    try:
        with borner(bornes):  # le rendu Jinja et la mise en forme du XML rendu, dont la taille dépend du modèle
            for nom, (_, gabarit, _) in prepare.gabarits.items():
                rendues[nom] = gabarit.render(valeurs)
            for nom, (avant, _, apres) in prepare.gabarits.items():
                remplies[nom] = _apres_rendu(rendues[nom], avant, apres, nom == _CORPS, nom in prepare.colonnes)
    except Exception as erreur:  # tout ce qu'un modèle déclenche est une erreur du modèle
        nom = next(nom for nom in prepare.gabarits if nom not in rendues or nom not in remplies)
        if nom not in rendues:
            raise ErreurDeRendu(str(prepare.chemin), _lieu(prepare, nom, erreur), _sorte_d_erreur(erreur, bornes)) from None
        libelle = f", {prepare.sources[nom][0]}" if prepare.sources[nom][0] else ""
        if isinstance(erreur, (DelaiDepasse, MemoryError)):
            raise ErreurDeRendu(str(prepare.chemin), libelle, _sorte_d_erreur(erreur, bornes)) from None
        if isinstance(erreur, (etree.XMLSyntaxError, AttributeError, KeyError, ValueError)):  # XML défait, tableau sans grille
            raise ErreurDeRendu(str(prepare.chemin), libelle, _XML_INVALIDE) from None
        raise
    return _controler_zip(_zip({nom: partie or _PartieZip.de(remplies[nom]) for nom, partie in prepare.parties.items()}), list(prepare.parties))


_XML_INVALIDE = (
    "le document rempli ne serait pas un XML valide (une balise {% if %} ou {% for %} "
    "s'ouvre-t-elle dans un paragraphe, un tableau ou une cellule et se ferme-t-elle dans un autre ?)"
)


def _controler_zip(contenu: bytes, noms: list[str]) -> bytes:
    """Le .docx relu comme une archive (répertoire central, noms de ses parties) avant d'être
    rendu : un fichier qui ne s'ouvrirait pas n'est jamais écrit. ~0,2 ms par document."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            lus = archive.namelist()
    except zipfile.BadZipFile:
        lus = []
    if lus != noms:
        raise ErreurModele("document produit illisible : archive zip invalide (erreur interne de generateur)")
    return contenu


def _sorte_d_erreur(erreur: Exception, bornes: Bornes) -> str:
    """Ce qui a fait échouer le rendu, en français."""
    if isinstance(erreur, DelaiDepasse):
        return f"rendu trop long : plus de {format_nombre(bornes.delai)} s (boucle trop longue ?)"
    if isinstance(erreur, MemoryError):
        return f"mémoire dépassée : plus de {format_nombre(bornes.memoire)} Mo (boucle ou texte trop grand ?)"
    if isinstance(erreur, RecursionError):
        return "récursion sans fin : une macro s'appelle elle-même sans s'arrêter"
    if isinstance(erreur, ZeroDivisionError):
        return "division par zéro"
    if isinstance(erreur, OverflowError) and "MAX_RANGE" in str(erreur):
        return f"boucle trop longue : range() est limité à {format_nombre(jinja2.sandbox.MAX_RANGE)} tours"
    if isinstance(erreur, ResultatTropGrand):
        return str(erreur)
    if isinstance(erreur, ArithmeticError):  # 2.0 ** 10000, opération décimale invalide
        return "calcul impossible : nombre trop grand ou opération invalide"
    if isinstance(erreur, jinja2.exceptions.SecurityError):
        return f"opération interdite dans un modèle ({erreur})"
    if isinstance(erreur, jinja2.UndefinedError):
        return f"variable inconnue ({erreur.message})"
    if isinstance(erreur, (ErreurGenerateur, ValueError, TypeError, AttributeError, LookupError)):
        return f"une valeur ne peut pas être écrite ({erreur})"
    return f"erreur à l'exécution du modèle ({type(erreur).__name__} : {erreur})"


def _lieu(prepare: ModelePrepare, nom: str, erreur: BaseException) -> str:
    """« , ligne 12 (paragraphe « … ») » : la ligne de la source Jinja où le rendu a échoué
    (une ligne par paragraphe), d'après la trace que Jinja réécrit aux lignes du modèle."""
    libelle, source = prepare.sources[nom]
    lignes = []
    trace = erreur.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            lignes.append(trace.tb_lineno)
        trace = trace.tb_next
    partie = f", {libelle}" if libelle else ""
    if not lignes:
        return partie
    return f"{partie}, ligne {lignes[-1]} (paragraphe « {paragraphe_de_la_source(source, lignes[-1])} »)"


def paragraphe_de_la_source(source: str, ligne: int) -> str:
    """Le texte visible de la ligne `ligne` (à partir de 1) de la source Jinja, abrégé."""
    lignes = source.split("\n")
    texte = html.unescape(re.sub(r"<[^>]+>", "", lignes[ligne - 1] if 0 < ligne <= len(lignes) else "")).strip()
    return texte if len(texte) <= 100 else texte[:99] + "…"


def _apres_rendu(xml: str, avant: str, apres: str, corps: bool, colonnes: bool) -> bytes:
    """Ce que docxtpl fait du XML rendu : paragraphes recollés, balises échappées rétablies,
    tabulations et sauts de ligne des valeurs traduits, grilles des tableaux ajustées aux
    colonnes ajoutées par `{%tc %}`.

    Le XML est analysé strictement (`etree.XMLSyntaxError` s'il est mal formé) : docxtpl
    l'analyse en mode tolérant, qui répare sans le dire. Sa correction des grilles (qui
    réanalyse le XML) n'est appelée que pour les parties qui ont des `{%tc %}` ; les autres
    gardent les grilles du modèle, et l'analyse stricte ne coûte rien de plus."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    xml = _DOCXTPL.resolve_listing(xml)
    arbre = etree.fromstring(xml, _ANALYSEUR_STRICT)
    if colonnes:
        arbre = _DOCXTPL.fix_tables(xml)
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
    minimums = [_LARGEUR_CARACTERE * max(_plus_long_mot(cellules[rang]) for cellules in rangees) + _MARGES_CELLULE for rang in range(len(grille))]
    nouvelles = _repartir_largeurs(sum(largeurs), poids, minimums)
    for colonne, largeur in zip(grille, nouvelles):
        colonne.set(qn("w:w"), str(largeur))
    for cellules in rangees:
        for cellule, largeur in zip(cellules, nouvelles):
            largeur_cellule = cellule.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if largeur_cellule is not None:
                largeur_cellule.set(qn("w:w"), str(largeur))
                largeur_cellule.set(qn("w:type"), "dxa")


_LARGEUR_CARACTERE = 115
"""Largeur d'un caractère de nom en capitales à 9 points, en vingtièmes de point (dxa), arrondie par excès."""
_MARGES_CELLULE = 240
"""Les marges gauche et droite d'une cellule, en dxa."""


def _repartir_largeurs(total: int, poids: list[int], minimums: list[int]) -> list[int]:
    """`total` réparti au prorata de `poids`, chaque colonne recevant au moins son minimum (la
    place de son plus long mot insécable) quand le total le permet : un nom ne se coupe pas en
    son milieu (« FOURNIE / R ») pour qu'une autre colonne garde de la marge."""
    if sum(minimums) >= total:
        return [total * m // sum(minimums) for m in minimums]
    fixes: dict[int, int] = {}
    while True:
        libres = [rang for rang in range(len(poids)) if rang not in fixes]
        reste = total - sum(fixes.values())
        parts = {rang: reste * poids[rang] // sum(poids[r] for r in libres) for rang in libres}
        trop_etroites = {rang: minimums[rang] for rang in libres if parts[rang] < minimums[rang]}
        if not trop_etroites:
            return [fixes.get(rang, parts.get(rang)) for rang in range(len(poids))]
        fixes.update(trop_etroites)


def _plus_long_mot(cellule: etree._Element) -> int:
    """Le nombre de caractères du plus long mot que le traitement de texte ne peut pas couper :
    les espaces et traits d'union insécables lient les mots (« DURAND‑EXEMPLE », « LE FICTIF »)."""
    texte = " ".join("".join(element.text or "" for element in paragraphe.iter(_W_T)) for paragraphe in cellule.iter(_W_P))
    return max((len(mot) for mot in re.split(r"[ \t\n-]+", texte)), default=0)


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
    """Le texte du modèle, balises comprises : un paragraphe par ligne, une ligne par rangée de tableau ;
    `ErreurModele` si ce n'est pas un paquet Word que python-docx (et Word) sauraient ouvrir."""
    try:
        paquet.lire(modele)
    except paquet.PaquetInvalide as erreur:
        raise ErreurModele(f"modèle {modele} : {erreur}") from None
    document = Document(str(modele))
    lignes = _lignes_de(document)
    vus: set[str] = set()
    for section in document.sections:
        for libelle, partie in (("en-tête", section.header), ("pied de page", section.footer)):
            if partie.is_linked_to_previous or str(partie.part.partname) in vus:
                continue
            vus.add(str(partie.part.partname))
            lignes += [f"--- {libelle} {str(partie.part.partname).lstrip('/')}", *_lignes_de(partie)]
    return "\n".join(lignes) + "\n"


def _texte_avec_champs(paragraphe: Paragraph) -> str:
    """Le texte du paragraphe, chaque champ Word écrit « ⟨PAGE⟩ » (python-docx ne lit pas les champs)."""
    morceaux = []
    for element in paragraphe._p.iterchildren():
        if element.tag == qn("w:fldSimple"):
            morceaux.append(f"⟨{element.get(qn('w:instr')).strip()}⟩")
        elif element.tag == qn("w:r"):
            morceaux.append(Run(element, paragraphe).text)
        elif element.tag == qn("w:hyperlink"):
            morceaux += [Run(run, paragraphe).text for run in element.iterchildren(qn("w:r"))]
    return "".join(morceaux)


def _lignes_de(conteneur) -> list[str]:
    """Un paragraphe par ligne, une ligne par rangée de tableau (« cellule | cellule »)."""
    lignes: list[str] = []
    for bloc in conteneur.iter_inner_content():
        if isinstance(bloc, Paragraph):
            lignes.append(_texte_avec_champs(bloc).replace("\n", "↵"))
        else:
            lignes += [" | ".join(cellule.text.replace("\n", "↵") for cellule in rangee.cells) for rangee in bloc.rows]
    return lignes


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
