"""Étape 5 : remplir un modèle Word. Seul module qui connaît docx, docxtpl, Jinja et le XML.

Le rendu échappe toujours le XML (un « & » dans un nom sort tel quel), refuse toute
variable absente du contexte (StrictUndefined) et s'exécute dans le bac à sable immuable
de Jinja. Chaque modèle est préparé et compilé une fois (`preparer`), puis rempli pour
chaque document (`remplir`) en reprenant les étapes de docxtpl. Le fichier produit ne
dépend que du modèle et des données : dates des parties du zip figées, pour que deux
générations donnent les mêmes octets.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import html
import io
import os
import re
import struct
import zlib
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from lxml import etree
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generateur.exceptions import ErreurDeRendu, ErreurGenerateur, ErreurModele
from generateur.francais import FILTRES, TRAIT_INSECABLE, abrege, composer_paragraphe, format_nombre, suffixes_ordinaux
from generateur.rendu import cache, paquet
from generateur.rendu.paquet import CORPS, qn
from generateur.rendu.bornes import Bornes, DelaiDepasse, borner

_DATE_DOS = 1 << 5 | 1  # 1er janvier 1980, minuit, au format de date des zip
_EN_TETES_ET_PIEDS = re.compile(r"word/(header\d*|footer\d*|footnotes)\.xml")
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_ANALYSEUR_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@functools.cache
def _docxtpl():
    """docxtpl, pour ses fonctions de préparation du XML (qui ne dépendent d'aucun document) ;
    chargé au premier usage : un modèle repris du cache n'en a pas besoin, ni un document sans
    saut de ligne à traduire, et docxtpl charge python-docx (~90 ms à chaque commande)."""
    from docxtpl import DocxTemplate

    return DocxTemplate(None)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._attributs_surs: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj, attr, value) -> bool:
        """La réponse du bac à sable, gardée par sorte d'objet et nom d'attribut : Jinja ne
        regarde que cela (le nom, et si l'objet est une fonction, une classe, une liste…), et
        un document lit des centaines d'attributs des mêmes vues."""
        cle = (type(obj), attr)
        if cle not in self._attributs_surs:
            self._attributs_surs[cle] = super().is_safe_attribute(obj, attr, value)
        return self._attributs_surs[cle]

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
class GabaritDePartie:
    """Une partie remplie du modèle, prête à l'être : son gabarit compilé, le XML qui l'entoure,
    et ce que la préparation a appris du modèle pour n'en refaire, à chaque document, que le
    nécessaire."""

    libelle: str  # pour les messages : "" pour le corps, « en-tête word/header1.xml »
    source: str  # la source Jinja compilée : pour situer une erreur au rendu
    gabarit: jinja2.Template
    avant: str  # pour le corps : le XML avant et après <w:body>
    apres: str
    colonnes: bool  # des `{%tc %}` ajoutent des colonnes : grilles à ajuster
    accolades: bool  # le modèle écrit « {_{ » : à rétablir en « {{ » après le rendu


@dataclass(frozen=True)
class ModelePrepare:
    """Un modèle lu et compilé une fois, rempli ensuite autant de fois qu'il faut.

    docxtpl relit le .docx, reprépare son XML et recompile Jinja à chaque rendu ; ici, ces
    étapes sont faites une fois, comme la mise en forme du texte fixe, et chaque document
    ne coûte que le rendu Jinja de ses parties, la mise en forme de ce qu'elles ont de rempli
    et l'écriture de son zip.
    """

    chemin: Path
    parties: dict[str, _PartieZip | None]  # chaque partie du zip dans son ordre ; None pour une partie remplie
    gabarits: dict[str, GabaritDePartie]  # les parties remplies


def parties_a_remplir(modele: Path | bytes) -> tuple[dict[str, bytes], list[PartieARemplir]]:
    """Les parties du zip, contrôlées (`paquet.PaquetInvalide` si Word ne pourrait pas
    ouvrir le document), et celles que docxtpl remplit, avec leur XML."""
    parties = paquet.lire(modele)
    a_remplir = []
    for nom, contenu in parties.items():
        if nom != CORPS and not _EN_TETES_ET_PIEDS.fullmatch(nom):
            continue
        try:
            contenu.decode("utf-8")
        except UnicodeDecodeError:
            raise paquet.PaquetInvalide(f"partie {nom} : encodage UTF-8 attendu") from None
        arbre = paquet.analyser(nom, contenu)
        if nom == CORPS:
            a_remplir.append(PartieARemplir(nom, "", etree.tostring(arbre.find(qn("w:body")), encoding="unicode")))
        else:
            libelle = "en-tête" if "header" in nom else ("pied de page" if "footer" in nom else "notes de bas de page")
            a_remplir.append(PartieARemplir(nom, f"{libelle} {nom}", etree.tostring(arbre, encoding="unicode")))
    return parties, a_remplir


def source_jinja(xml: str) -> str:
    """Le texte que Jinja compile, préparé comme docxtpl le prépare : balises recollées par-dessus
    les changements de mise en forme, `{%p %}`, `{%tr %}`, `{%tc %}` étendues à leur élément."""
    return _docxtpl().patch_xml(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))


def preparer(modele: Path, bornes: Bornes = Bornes()) -> ModelePrepare:
    """Le modèle lu et compilé ; `ErreurModele` s'il est introuvable, illisible ou invalide.

    La compilation est bornée comme le rendu : Jinja y calcule déjà les expressions constantes
    (`{{ "a"|center(10**9) }}`). Le modèle est retrouvé par son chemin absolu, sans résoudre
    les liens (une résolution par document coûtait plus que le reste de la recherche)."""
    cle = Path(os.path.abspath(modele))
    try:
        etat = cle.stat()
    except OSError:
        raise ErreurModele(f"modèle introuvable : {modele}") from None
    return _preparer(cle, etat.st_mtime_ns, etat.st_size, bornes)


@functools.lru_cache(maxsize=32)
def _preparer(modele: Path, _date: int, _taille: int, bornes: Bornes) -> ModelePrepare:
    """Mis en cache par modèle et version du fichier : un lot compile chaque modèle une fois ;
    et gardé sur disque (`cache`) : la commande suivante ne le prépare pas à nouveau."""
    try:
        octets = modele.read_bytes()
    except OSError:
        raise ErreurModele(f"modèle introuvable : {modele}") from None
    env = environnement()
    cle = cache.cle(octets)
    garde = cache.lire(cle)
    if garde is not None:
        with contextlib.suppress(Exception):  # une entrée qui ne se relit pas, quelle qu'en soit la raison, est refaite
            return _depuis_le_cache(modele, env, garde)
    try:
        parties, a_remplir = parties_a_remplir(octets)
    except paquet.PaquetInvalide as erreur:
        raise ErreurModele(f"modèle {modele} : {erreur}") from None
    fixes = {nom: None if nom in {partie.nom for partie in a_remplir} else _PartieZip.de(contenu) for nom, contenu in parties.items()}
    gabarits = {partie.nom: _preparer_partie(modele, env, partie, parties[partie.nom].decode("utf-8"), bornes) for partie in a_remplir}
    cache.ecrire(cle, {"parties": [(nom, None if fixe is None else astuple(fixe)) for nom, fixe in fixes.items()], "gabarits": [(nom, *entree) for nom, (_, entree) in gabarits.items()]})
    return ModelePrepare(modele, fixes, {nom: gabarit for nom, (gabarit, _) in gabarits.items()})


def _preparer_partie(modele: Path, env: jinja2.Environment, partie: PartieARemplir, xml: str, bornes: Bornes) -> tuple[GabaritDePartie, tuple]:
    """Le gabarit d'une partie, son texte fixe composé, et son entrée du cache (ses champs, le
    code compilé à la place du gabarit). La compilation est bornée comme le rendu : Jinja y
    calcule déjà les expressions constantes (`{{ "a"|center(10**9) }}`)."""
    avant, apres = "", ""
    if partie.nom == CORPS:
        debut, fin = xml.index("<w:body"), xml.index("</w:body>") + len("</w:body>")
        avant, apres = xml[:debut], xml[fin:]
    source = source_jinja(_composer_le_fixe(partie.xml))
    try:
        with borner(bornes):
            code = env.compile(source)
    except jinja2.TemplateSyntaxError as erreur:
        raise ErreurModele(f"modèle {modele} : balise invalide ({erreur.message})") from None
    except Exception as erreur:  # une expression constante que Jinja calcule en compilant
        lieu = f", {partie.libelle}" if partie.libelle else ""
        raise ErreurDeRendu(str(modele), f"{lieu}, à la compilation", _sorte_d_erreur(erreur, bornes)) from None
    colonnes = "{%tc" in "".join(etree.fromstring(partie.xml).itertext())
    accolades = any(signe in source for signe in ("{_", "_}"))  # les données n'en écrivent jamais (`_valeur_ecrite`)
    entree = (partie.libelle, source, code, avant, apres, colonnes, accolades)
    return _gabarit(env, *entree), entree


def _gabarit(env: jinja2.Environment, libelle: str, source: str, code, avant: str, apres: str, colonnes: bool, accolades: bool) -> GabaritDePartie:
    return GabaritDePartie(libelle, source, env.template_class.from_code(env, code, env.make_globals(None)), avant, apres, colonnes, accolades)


def _depuis_le_cache(modele: Path, env: jinja2.Environment, garde: dict) -> ModelePrepare:
    """Le modèle préparé depuis son entrée du cache (`_preparer` dit ce qu'elle contient)."""
    parties = {nom: None if fixe is None else _PartieZip(*fixe) for nom, fixe in garde["parties"]}
    return ModelePrepare(modele, parties, {nom: _gabarit(env, *entree) for nom, *entree in garde["gabarits"]})


def rendre(modele: Path, contexte, bornes: Bornes = Bornes()) -> bytes:
    """Le document rempli, en octets ; `ErreurModele` si le modèle ne peut pas l'être."""
    return remplir(preparer(modele), contexte, bornes)


def remplir(prepare: ModelePrepare, contexte, bornes: Bornes = Bornes()) -> bytes:
    """Le document rempli depuis un modèle préparé, chaque partie dans les bornes de temps et
    de mémoire données ; `ErreurModele` qui dit où et pourquoi si le modèle échoue.

    `contexte` est un des `Contexte…` de `vues/documents.py` : ses champs sont les noms du modèle.
    """
    valeurs = {champ.name: getattr(contexte, champ.name) for champ in fields(contexte)}
    rendues: dict[str, str] = {}
    remplies: dict[str, bytes] = {}
    try:
        with borner(bornes):  # le rendu Jinja et la mise en forme du XML rendu, dont la taille dépend du modèle
            for nom, partie in prepare.gabarits.items():
                rendues[nom] = partie.gabarit.render(valeurs)
            for nom, partie in prepare.gabarits.items():
                remplies[nom] = _apres_rendu(rendues[nom], partie, nom == CORPS)
    except Exception as erreur:  # tout ce qu'un modèle déclenche est une erreur du modèle
        nom = next(nom for nom in prepare.gabarits if nom not in rendues or nom not in remplies)
        if nom not in rendues:
            raise ErreurDeRendu(str(prepare.chemin), _lieu(prepare, nom, erreur), _sorte_d_erreur(erreur, bornes)) from None
        libelle = f", {prepare.gabarits[nom].libelle}" if prepare.gabarits[nom].libelle else ""
        if isinstance(erreur, (DelaiDepasse, MemoryError)):
            raise ErreurDeRendu(str(prepare.chemin), libelle, _sorte_d_erreur(erreur, bornes)) from None
        if isinstance(erreur, (etree.XMLSyntaxError, AttributeError, KeyError, ValueError)):  # XML défait, tableau sans grille
            raise ErreurDeRendu(str(prepare.chemin), libelle, _XML_INVALIDE) from None
        raise
    try:
        return _zip({nom: partie or _PartieZip.de(remplies[nom]) for nom, partie in prepare.parties.items()})
    except struct.error:  # une archive qu'aucun traitement de texte n'ouvrirait n'est jamais écrite
        raise ErreurDeRendu(str(prepare.chemin), "", "document trop grand pour une archive Word (plus de 4 Gio ou de 65 535 parties)") from None


_XML_INVALIDE = (
    "le document rempli ne serait pas un XML valide (une balise {% if %} ou {% for %} "
    "s'ouvre-t-elle dans un paragraphe, un tableau ou une cellule et se ferme-t-elle dans un autre ?)"
)


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
    libelle, source = prepare.gabarits[nom].libelle, prepare.gabarits[nom].source
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
    return abrege(texte)


def _apres_rendu(xml: str, partie: GabaritDePartie, corps: bool) -> bytes:
    """Ce que docxtpl fait du XML rendu : paragraphes recollés, balises échappées rétablies,
    tabulations et sauts de ligne des valeurs traduits, grilles des tableaux ajustées aux
    colonnes ajoutées par `{%tc %}` ; puis la mise en forme de ce qui a été rempli.

    Le XML est analysé strictement (`etree.XMLSyntaxError` s'il est mal formé) : docxtpl
    l'analyse en mode tolérant, qui répare sans le dire. Ce que la préparation sait inutile
    n'est pas fait : grilles des parties sans `{%tc %}`, accolades d'un modèle qui n'en écrit
    pas (chaque recherche dans le XML d'une convention coûte 0,04 ms)."""
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")  # les sauts de ligne de `source_jinja`
    if partie.accolades:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if _texte_a_traduire(xml):
        xml = _docxtpl().resolve_listing(xml)
    arbre = etree.fromstring(xml, _ANALYSEUR_STRICT)
    if partie.colonnes:
        for tableau in arbre.iter(_W_TBL):
            _grille_aux_cellules(tableau)
    for rang, dessin in enumerate(arbre.iter(f"{{{_WP}}}docPr"), start=1001):
        dessin.set("id", str(rang))
    _composer_le_rempli(arbre)
    if corps:
        return partie.avant.encode("utf-8") + etree.tostring(arbre, encoding="UTF-8") + partie.apres.encode("utf-8")
    return etree.tostring(arbre, xml_declaration=True, encoding="UTF-8", standalone=True)


def _texte_a_traduire(xml: str) -> bool:
    """Vrai si un texte (w:t) du XML rendu contient une tabulation, un saut de ligne ou de
    page, que docxtpl traduit en éléments Word (`resolve_listing`). Sinon, cette traduction,
    qui passe chaque run aux expressions régulières (un quart du rendu), ne changerait rien.
    Un saut de ligne entre deux éléments (laissé par une balise `{% %}`) ne compte pas : un
    texte ne contient jamais « < », la dernière balise ouverte avant le saut dit donc s'il
    est dans un texte."""
    if "\t" in xml or "\a" in xml or "\f" in xml:
        return True
    position = xml.find("\n")
    while position != -1:
        if xml.startswith(("<w:t>", "<w:t ", "<![CDATA["), xml.rfind("<", 0, position)):
            return True
        position = xml.find("\n", position + 1)
    return False


def composer(arbre: etree._Element) -> None:
    """La mise en forme d'un acte prêt à signer, sur le XML rempli (texte du modèle et des
    données ensemble) : typographie de chaque paragraphe (`_composer_paragraphes`), aucune
    rangée de tableau coupée entre deux pages, colonnes égales mises à la mesure de leur
    contenu. Un modèle préparé en fait une part une fois pour toutes (`_composer_le_fixe`)
    et le reste à chaque document (`_composer_le_rempli`) : le résultat est le même."""
    _composer_paragraphes(list(arbre.iter(_W_P)))
    for rangee in arbre.iter(_W_TR):
        _rangee_insecable(rangee)
    for tableau in arbre.iter(_W_TBL):
        _colonnes_au_contenu(tableau)


def _composer_paragraphes(paragraphes: list[etree._Element]) -> None:
    """Typographie française de chaque paragraphe (`francais.typographie`, par-dessus ses
    runs), exposant des ordinaux (« 1er », « 1re », « 2e »), puis traits d'union insécables
    en `<w:noBreakHyphen/>` (que Word et LibreOffice savent ne pas couper). Le texte entier
    du paragraphe dit s'il a un trait insécable : la plupart n'en ont pas, et leurs textes ne
    sont pas relus un à un."""
    a_couper = []
    for paragraphe in paragraphes:
        elements = list(paragraphe.iter(_W_T, *_BLANCS))
        etiquettes = [element.tag for element in elements]  # lus une fois : chaque lecture d'lxml crée une chaîne
        segments = tuple(element.text or "" if etiquette == _W_T else _BLANCS[etiquette] for element, etiquette in zip(elements, etiquettes))
        compose = composer_paragraphe(segments)
        if compose.segments != segments:
            for element, etiquette, texte, nouveau in zip(elements, etiquettes, segments, compose.segments):
                if nouveau != texte and etiquette == _W_T:
                    element.text = nouveau
                    element.set(_XML_SPACE, "preserve")
        for rang in compose.ordinaux:
            if etiquettes[rang] == _W_T:
                _ordinaux_en_exposant(elements[rang])
        if compose.traits_insecables:
            a_couper.append(paragraphe)
    for paragraphe in a_couper:
        for element in list(paragraphe.iter(_W_T)):
            if TRAIT_INSECABLE in (element.text or ""):
                _traits_insecables(element)


def _composer_le_fixe(xml: str) -> str:
    """Le XML d'une partie du modèle, composé une fois pour tous ses documents : ses
    paragraphes sans balise ni blanc à traduire (la plupart) sont mis en forme tels qu'ils
    sortiront, ses rangées rendues insécables (toute rangée produite est la copie d'une
    rangée du modèle). Les autres paragraphes sont marqués (`_MARQUE`) pour être composés
    après le rendu. Un paragraphe dans un autre (zone de texte) l'est toujours après, comme
    toute la partie si une balise `{%- %}` ou `{% -%}` y colle des paragraphes entre eux."""
    arbre = etree.fromstring(xml)
    paragraphes = list(arbre.iter(_W_P))
    tout_apres = "{%-" in xml or "-%}" in xml
    fixes = []
    for paragraphe in paragraphes:
        texte = "".join(paragraphe.itertext())
        imbrique = next(paragraphe.iterancestors(_W_P), None) is not None or next(paragraphe.iterdescendants(_W_P), None) is not None
        if tout_apres or imbrique or any(signe in texte for signe in "{}\t\n\a\f"):
            paragraphe.insert(0, etree.ProcessingInstruction(_MARQUE))
        else:
            fixes.append(paragraphe)
    _composer_paragraphes(fixes)
    for rangee in arbre.iter(_W_TR):
        _rangee_insecable(rangee)
    return etree.tostring(arbre, encoding="unicode")


def _composer_le_rempli(arbre: etree._Element) -> None:
    """Ce que `_composer_le_fixe` a laissé pour après le rendu : les paragraphes marqués, et
    les colonnes égales mises à la mesure de leur contenu, qui dépend des données."""
    paragraphes = []
    for marque in list(arbre.iter(etree.ProcessingInstruction)):
        if marque.target == _MARQUE:
            paragraphes.append(marque.getparent())
            _retirer(marque)
    _composer_paragraphes(paragraphes)
    for tableau in arbre.iter(_W_TBL):
        _colonnes_au_contenu(tableau)


def _retirer(element: etree._Element) -> None:
    """Retire l'élément de l'arbre en gardant le texte qui le suit (lxml l'emporterait)."""
    parent, precedent = element.getparent(), element.getprevious()
    if element.tail:
        if precedent is not None:
            precedent.tail = (precedent.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _grille_aux_cellules(tableau: etree._Element) -> None:
    """La grille d'un tableau dont un `{%tc %}` a changé le nombre de cellules, comme docxtpl
    l'ajuste : autant de colonnes que la rangée la plus large, largeur du tableau gardée
    (colonnes ajoutées à la largeur moyenne, retirées en rendant leur place aux autres)."""
    grille = tableau.find(_W_TBLGRID)
    colonnes = grille.findall(_W_GRIDCOL)
    rangees = [list(rangee.iterchildren(_W_TC)) for rangee in tableau.iter(_W_TR)]  # iterchildren : 2 fois moins cher que findall
    manquantes = max([len(cellules) for cellules in rangees] + [0]) - len(colonnes)
    largeur = sum(float(colonne.get(_W_W)) for colonne in colonnes if colonne.get(_W_W) is not None)
    if manquantes > 0 and largeur > 0:
        ancienne, nouvelle = largeur / len(colonnes), largeur / (len(colonnes) + manquantes)  # largeurs moyennes
        for colonne in colonnes:
            colonne.set(_W_W, str(int(float(colonne.get(_W_W)) * nouvelle / ancienne)))
        for _ in range(manquantes):
            etree.SubElement(grille, _W_GRIDCOL, {_W_W: str(int(nouvelle))})
        colonnes = grille.findall(_W_GRIDCOL)
    fusions = next(tableau.iter(_W_GRIDSPAN), None) is not None
    occupees = max([sum(map(_etendue, cellules)) if fusions else len(cellules) for cellules in rangees] + [0])
    en_trop = len(colonnes) - occupees
    if en_trop > 0:
        liberee = sum(float(colonne.get(_W_W)) for colonne in colonnes[-en_trop:])
        for colonne in colonnes[-en_trop:]:
            grille.remove(colonne)
        restantes = grille.findall(_W_GRIDCOL)
        supplement = int(liberee / len(restantes)) if restantes else 0
        for colonne in restantes:
            colonne.set(_W_W, str(int(float(colonne.get(_W_W)) + supplement)))


def _etendue(cellule: etree._Element) -> int:
    """Le nombre de colonnes de la grille qu'occupe une cellule (`w:gridSpan`, 1 sans)."""
    proprietes = next(cellule.iterchildren(_W_TCPR), None)
    fusion = None if proprietes is None else next(proprietes.iterchildren(_W_GRIDSPAN), None)
    return 1 if fusion is None else int(fusion.get(_W_VAL))


_W_P, _W_T, _W_R, _W_RPR = qn("w:p"), qn("w:t"), qn("w:r"), qn("w:rPr")
_W_TBL, _W_TR, _W_TC, _W_TCPR = qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:tcPr")
_W_TBLGRID, _W_GRIDCOL, _W_GRIDSPAN, _W_W, _W_VAL = qn("w:tblGrid"), qn("w:gridCol"), qn("w:gridSpan"), qn("w:w"), qn("w:val")
_MARQUE = "generateur-a-composer"
"""Cible de l'instruction de traitement qui marque, dans un modèle préparé, un paragraphe à composer après le rendu."""
_BLANCS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}  # lus comme du texte par la typographie
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Éléments de <w:rPr> qui suivent <w:vertAlign> dans l'ordre du schéma (Word refuse un autre ordre).
_APRES_VERTALIGN = {qn(f"w:{nom}") for nom in ("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")}


def _ordinaux_en_exposant(texte: etree._Element) -> None:
    """« 1er janvier » : le run est coupé autour de « er », mis en exposant (w:vertAlign)."""
    run = texte.getparent()
    if run.tag != _W_R:
        return
    morceaux, curseur = [], 0
    for debut, fin in suffixes_ordinaux(texte.text):
        morceaux += [(texte.text[curseur:debut], False), (texte.text[debut:fin], True)]
        curseur = fin
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
    from docx import Document

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


def _texte_avec_champs(paragraphe) -> str:
    """Le texte du paragraphe (python-docx), chaque champ Word écrit « ⟨PAGE⟩ » (python-docx ne lit pas les champs)."""
    from docx.text.run import Run

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
    from docx.text.paragraph import Paragraph

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
    locaux, répertoire central) pour réutiliser les parties déjà compressées ; `struct.error`
    au-delà des limites d'un zip sans ZIP64 (4 Gio, 65 535 parties)."""
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
