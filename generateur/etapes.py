"""Les étapes mises bout à bout, une fonction par commande : lire, contrôler, construire
les vues, rendre, écrire.

Une génération traite un lot de dossiers, répartis entre les cœurs de la machine : chacun
est lu, contrôlé, rendu (chaque modèle compilé une fois par processus) et écrit tout entier
ou pas du tout, dès qu'il est prêt. Un dossier refusé n'arrête pas les autres et n'écrit rien.

Chaque fonction importe les étapes dont elle a besoin au moment de s'en servir : `montant`
n'a pas à charger pydantic, ni `verifier` python-docx ; l'aide s'affiche sans rien charger.
"""

from __future__ import annotations

import collections
import contextlib
import datetime
import functools
import importlib.util
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generateur.exceptions import Anomalie, DonneesIllisibles, DonneesIncoherentes, ErreurEcriture, ErreurGenerateur, ErreurModele, cause_systeme
from generateur.rendu.bornes import Bornes

if TYPE_CHECKING:
    from generateur.controles import DossierVerifie
    from generateur.lecture.fichiers import Source
    from generateur.rendu import DocumentRendu
    from generateur.vues.documents import Seulement

MODELES = Path(importlib.util.find_spec("generateur.modeles").origin).parent
"""Les modèles Word livrés avec generateur ; l'option --modeles en désigne d'autres (ceux d'une collectivité)."""

EXEMPLES = Path(__file__).resolve().parent.parent / "donnees"
"""Les dossiers d'exemple, avec lesquels `modeles verifier` rend chaque modèle."""


def verifier(
    chemin: Path, modeles: Path = MODELES, definitif: bool = False, avec_actes: bool = True, export: bool = False
) -> tuple[DossierVerifie, Source]:
    """Le dossier lu et vérifié, ou l'exception qui liste toutes ses anomalies ; les types de
    convention admis sont ceux que déclarent les modèles de `modeles`. `definitif` (la
    version à signer) refuse aussi les blancs « à compléter » qui restent ; `avec_actes` : des
    actes seront produits, leur séance ne peut pas être à venir ; `export` : l'export @ctes,
    dont les règles de numéro s'appliquent même à une numérotation libre."""
    from generateur.controles import controler
    from generateur.exceptions import BlancsRestants
    from generateur.lecture.blancs import lignes_des_blancs
    from generateur.lecture.chargement import charger
    from generateur.lecture.declarations import declarations

    dossier, source = charger(chemin)
    ecarts, verifie = controler(dossier, declarations(modeles), datetime.date.today() if avec_actes else None, export)
    if ecarts:
        raise DonneesIncoherentes([source.anomalie(chemin_champ, message) for chemin_champ, message in ecarts])
    if definitif and source.blancs:
        raise BlancsRestants(source.blancs, lignes_des_blancs(str(chemin), source.blancs))
    return verifie, source


@dataclass
class Bilan:
    """Ce qu'une génération a fait : fichiers écrits, dossiers refusés et pourquoi, durée."""

    ecrits: list[Path] = field(default_factory=list)
    refuses: dict[Path, ErreurGenerateur] = field(default_factory=dict)
    erreur_pdf: ErreurGenerateur | None = None
    documents: int = 0
    dossiers: int = 0
    duree: float = 0.0

    def resume(self) -> str:
        """« Écrits : 19 documents de 2 dossiers en 3,5 s » ; un document et son PDF comptent pour un."""
        from generateur.francais import duree_en_secondes, quantite

        ecrits = f"Écrits : {quantite(self.documents, 'document')} de {quantite(self.dossiers, 'dossier')} en {duree_en_secondes(self.duree)}"
        return ecrits + (f" ; dossiers refusés : {', '.join(map(str, self.refuses))}" if self.refuses else "")


DOSSIERS_PAR_PAQUET_PDF = 8
"""Avec --pdf, les dossiers sont convertis par paquets : un lancement de LibreOffice coûte
environ une seconde, amortie sur les documents de plusieurs dossiers ; au-delà, la mémoire
d'un paquet (ses documents gardés jusqu'à la conversion) grandirait sans rien gagner."""


@dataclass(frozen=True)
class _Consigne:
    """Ce que chaque processus de travail doit savoir pour générer un paquet de dossiers."""

    sortie: Path
    modeles: Path
    remplacer: bool
    attente: float
    avec_pdf: bool
    instances_pdf: int
    bornes: Bornes
    definitif: bool
    seulement: str | None


@dataclass
class _CompteRendu:
    """Ce qu'un dossier a donné, renvoyé au processus principal : rien de ses documents."""

    chemin: Path
    ecrits: list[Path] = field(default_factory=list)
    documents: int = 0
    erreur: ErreurGenerateur | None = None
    erreur_pdf: ErreurGenerateur | None = None


def generer(
    chemins: list[Path],
    sortie: Path,
    modeles: Path = MODELES,
    remplacer: bool = False,
    avec_pdf: bool = False,
    processus: int | None = None,
    suivi: Callable[[int], None] = lambda total: None,
    attente: float = 60,
    bornes: Bornes = Bornes(),
    definitif: bool = False,
    seulement: Seulement | None = None,
) -> Bilan:
    """Écrit les documents de chaque dossier et son manifeste dans `sortie/<nom du dossier>/`,
    qui ne contient ensuite rien d'autre.

    Chaque dossier est lu, contrôlé, rendu et écrit dans un processus de travail (`lot`),
    et écrit dès qu'il est prêt ; un dossier refusé n'arrête pas les autres. `suivi(total)`
    est appelé une fois par dossier fini, avec le nombre de dossiers à générer ; `attente`
    borne l'attente d'une autre génération qui écrit le même dossier ; chaque document est
    rendu dans les `bornes` de temps et de mémoire ; `definitif` (la version à signer)
    refuse un dossier qui a encore des blancs ; `seulement` : actes, ou séance.
    """
    from generateur import lot

    debut = time.perf_counter()
    bilan = Bilan()
    noms = _noms_de_sortie(chemins, sortie, bilan.refuses)
    a_generer = [(chemin, noms[chemin]) for chemin in chemins if chemin not in bilan.refuses]
    processus = processus or os.cpu_count() or 1
    paquets, instances_pdf = paquets_de_dossiers(a_generer, processus, avec_pdf)
    consigne = _Consigne(sortie, modeles, remplacer, attente, avec_pdf, instances_pdf, bornes, definitif, seulement)
    if processus > 1 and len(paquets) > 1:
        _charger_la_chaine(modeles)

    def fini(paquet: list) -> None:  # la barre avance d'un cran par dossier fini
        for _ in paquet:
            suivi(len(a_generer))

    resultats = lot.en_parallele(functools.partial(_generer_paquet, consigne=consigne), paquets, processus, fini)
    for paquet, resultat in zip(paquets, resultats):
        if isinstance(resultat, lot.ProcessusPerdu):
            resultat = [_CompteRendu(chemin, erreur=ErreurModele(_PROCESSUS_PERDU)) for chemin, _ in paquet]
        for compte_rendu in resultat:
            _compter(compte_rendu, bilan)
    bilan.duree = time.perf_counter() - debut
    return bilan


def paquets_de_dossiers(dossiers: list, processus: int, avec_pdf: bool) -> tuple[list[list], int]:
    """Les dossiers en paquets, et le nombre de LibreOffice de chaque paquet : un dossier par
    paquet ; avec les PDF, des paquets qui se partagent les processus, chacun d'au plus
    `DOSSIERS_PAR_PAQUET_PDF` dossiers, et les LibreOffice d'un processus laissé sans paquet
    donnés aux autres (un seul dossier sur deux cœurs : deux LibreOffice)."""
    taille = max(1, min(DOSSIERS_PAR_PAQUET_PDF, -(-len(dossiers) // processus))) if avec_pdf else 1
    paquets = [dossiers[rang : rang + taille] for rang in range(0, len(dossiers), taille)]
    return paquets, max(1, processus // max(1, len(paquets)))


_PROCESSUS_PERDU = "génération interrompue : un processus de travail s'est arrêté net (tué par le système, mémoire épuisée ?) ; relancez ce dossier avec --processus 1"


def _compter(compte_rendu: _CompteRendu, bilan: Bilan) -> None:
    if compte_rendu.erreur is not None:
        bilan.refuses[compte_rendu.chemin] = compte_rendu.erreur
        return
    bilan.ecrits += compte_rendu.ecrits
    bilan.documents += compte_rendu.documents
    bilan.dossiers += 1
    bilan.erreur_pdf = bilan.erreur_pdf or compte_rendu.erreur_pdf


def _charger_la_chaine(modeles: Path) -> None:
    """Charge, avant de créer les processus de travail, ce dont chacun a besoin, et prépare
    les modèles : ils le partagent au lieu de le refaire chacun (~0,4 s de processeur par
    processus, et ~0,2 s pour compiler les modèles). Un modèle qui ne se prépare pas sera
    refusé par chaque dossier qui l'emploie, avec son message."""
    import generateur.controles  # noqa: F401
    import generateur.lecture.chargement  # noqa: F401
    import generateur.sorties.ecriture  # noqa: F401
    import generateur.sorties.manifeste  # noqa: F401
    import generateur.vues.documents  # noqa: F401
    from generateur.rendu.word import preparer

    for modele in sorted(modeles.glob("*.docx")) if modeles.is_dir() else []:
        with contextlib.suppress(ErreurGenerateur):
            preparer(modele)  # comme `rendre` le prépare


def _generer_paquet(paquet: list[tuple[Path, str]], consigne: _Consigne) -> list[_CompteRendu]:
    """Un paquet de dossiers de bout en bout, dans un processus de travail : chacun lu,
    contrôlé et rendu ; leurs PDF convertis ensemble s'il le faut ; puis chacun écrit."""
    comptes_rendus, prets = [], []
    for chemin, nom in paquet:
        compte_rendu = _CompteRendu(chemin)
        comptes_rendus.append(compte_rendu)
        try:
            prets.append((compte_rendu, nom, *_rendre_dossier(chemin, consigne)))
        except ErreurGenerateur as erreur:
            compte_rendu.erreur = erreur
    if consigne.avec_pdf:
        prets = _ajouter_pdf(prets, consigne)
    for compte_rendu, nom, source, rendus in prets:
        _ecrire(compte_rendu, nom, source, rendus, consigne)
    return comptes_rendus


def _rendre_dossier(chemin: Path, consigne: _Consigne) -> tuple[Source, list[DocumentRendu]]:
    """Les documents du dossier lu, contrôlé et rendu ; `ErreurGenerateur` au premier refus."""
    from generateur.rendu import DocumentRendu
    from generateur.rendu.word import rendre
    from generateur.vues.documents import documents

    dossier, source = verifier(chemin, consigne.modeles, consigne.definitif, avec_actes=consigne.seulement != "seance")
    modeles = consigne.modeles
    rendus = [
        DocumentRendu(document.nom_fichier, document.sorte, document.reference, modeles / document.modele, rendre(modeles / document.modele, document.contexte, consigne.bornes))
        for document in documents(dossier, consigne.seulement)
    ]
    _refuser_les_homonymes(rendus)
    return source, rendus


def _ecrire(compte_rendu: _CompteRendu, nom: str, source: Source, rendus: list[DocumentRendu], consigne: _Consigne) -> None:
    """Écrit le jeu d'un dossier et son manifeste à la place de l'ancien, et le note au compte rendu."""
    from generateur.sorties.ecriture import ecrire_dossier
    from generateur.sorties.manifeste import NOM as NOM_MANIFESTE, manifeste

    fichiers = {rendu.chemin: rendu.contenu for rendu in rendus}
    fichiers[NOM_MANIFESTE] = manifeste(rendus, source.fichiers)
    try:
        compte_rendu.ecrits = ecrire_dossier(consigne.sortie / nom, fichiers, consigne.remplacer, consigne.attente)
        compte_rendu.documents = sum(1 for rendu in rendus if not rendu.est_un_pdf)
    except ErreurGenerateur as erreur:
        compte_rendu.erreur = erreur


def _noms_de_sortie(chemins: list[Path], sortie: Path, refuses: dict[Path, ErreurGenerateur]) -> dict[Path, str]:
    """Le nom du dossier de sortie de chaque dossier ; deux dossiers du lot au même nom
    (« a/val » et « b/val », « x/ » et « x.yaml ») sont refusés tous deux : l'un écraserait l'autre."""
    from generateur.sorties.ecriture import nom_de_sortie

    noms: dict[Path, str] = {}
    for chemin in chemins:
        try:
            noms[chemin] = nom_de_sortie(chemin)
        except ErreurGenerateur as erreur:
            refuses[chemin] = erreur
    par_nom: dict[str, list[Path]] = {}  # un passage, pas une comparaison de chaque paire : un lot a des milliers de dossiers
    for chemin, nom in noms.items():
        par_nom.setdefault(nom, []).append(chemin)
    cites = collections.Counter(chemins)
    for chemin, nom in noms.items():
        autres = [autre for autre in par_nom[nom] if autre != chemin]
        if cites[chemin] > 1 or any(autre.resolve() == chemin.resolve() for autre in autres):
            refuses[chemin] = ErreurEcriture(f"{chemin} est cité plusieurs fois dans la commande ; citez chaque dossier une fois")
        elif autres:
            refuses[chemin] = ErreurEcriture(
                f"{chemin} et {', '.join(map(str, autres))} s'écriraient dans le même dossier {sortie / nom} ; aucun n'est écrit : "
                "renommez l'un d'eux ou générez-les vers des --sortie différents"
            )
    return noms


def _refuser_les_homonymes(rendus: list[DocumentRendu]) -> None:
    """Deux documents d'un dossier au même nom de fichier (« 2022/050 » et « 2022-050 ») :
    l'un écraserait l'autre, le dossier est refusé."""
    noms = [rendu.chemin for rendu in rendus]
    doubles = sorted({nom for nom in noms if noms.count(nom) > 1})
    if doubles:
        raise ErreurEcriture(f"plusieurs documents du dossier porteraient le même nom ({', '.join(doubles)}) ; donnez-leur des numéros qui diffèrent autrement que par « / » et « - »")


def _ajouter_pdf(prets: list, consigne: _Consigne) -> list:
    """Chaque dossier prêt avec le PDF/A de ses documents, tous ceux du paquet convertis
    ensemble ; si la conversion échoue, l'erreur est notée et les .docx restent à écrire."""
    from generateur.sorties import pdf

    a_convertir = {str(consigne.sortie / nom / rendu.chemin): rendu.contenu for _, nom, _, rendus in prets for rendu in rendus}
    try:
        convertis = pdf.convertir(a_convertir, consigne.instances_pdf)
    except ErreurGenerateur as erreur:
        for compte_rendu, *_ in prets:
            compte_rendu.erreur_pdf = erreur
        return prets
    avec_pdf = []
    for compte_rendu, nom, source, rendus in prets:
        pdfs = [rendu.en_pdf(convertis[str(consigne.sortie / nom / rendu.chemin)]) for rendu in rendus]
        avec_pdf.append((compte_rendu, nom, source, rendus + pdfs))
    return avec_pdf


def exporter_actes(chemin: Path, sortie: Path, modeles: Path = MODELES, remplacer: bool = False) -> list[Path]:
    """Écrit dans `sortie/<numéro>/` le PDF/A de chaque acte, ceux de ses annexes, ses
    métadonnées JSON et le manifeste du dossier de l'acte ; rien n'est écrit si un acte
    enfreint une règle de @ctes ou si un PDF manque."""
    from generateur.rendu import DocumentRendu
    from generateur.rendu.word import rendre
    from generateur.sorties import actes, pdf
    from generateur.sorties.ecriture import ecrire_dossier
    from generateur.sorties.manifeste import NOM as NOM_MANIFESTE, manifeste
    from generateur.vues.documents import documents

    verifie, source = verifier(chemin, modeles, export=True)
    pieces = actes.pieces(verifie.dossier, documents(verifie, "actes"))
    a_rendre = {document.nom_fichier: document for acte in pieces for document in (acte.document, *acte.annexes)}
    convertis = pdf.convertir({nom: rendre(modeles / document.modele, document.contexte) for nom, document in a_rendre.items()})
    rendus = {
        actes.nom_pdf(document): DocumentRendu(actes.nom_pdf(document), f"{document.sorte}_pdf", document.reference, modeles / document.modele, convertis[nom])
        for nom, document in a_rendre.items()
    }
    contenus = {nom: rendu.contenu for nom, rendu in rendus.items()}
    ecrits: list[Path] = []
    for acte in pieces:
        du_dossier = [rendus[actes.nom_pdf(document)] for document in (acte.document, *acte.annexes)]
        metadonnees = DocumentRendu(f"{acte.acte.numero}.json", "metadonnees_actes", acte.acte.numero, actes.schema(),
                                    actes.en_json(actes.metadonnees(verifie.dossier, acte, contenus)))
        fichiers = {rendu.chemin: rendu.contenu for rendu in (*du_dossier, metadonnees)}
        fichiers[NOM_MANIFESTE] = manifeste([*du_dossier, metadonnees], source.fichiers)
        ecrits += ecrire_dossier(sortie / acte.acte.numero, fichiers, remplacer)
    return ecrits


def compte_rendu(chemin: Path, sortie: Path, du: datetime.date, au: datetime.date, modeles: Path = MODELES, remplacer: bool = False) -> Path:
    """Écrit `sortie/compte_rendu_<dossier>_<assemblée>_<du>_<au>.docx` : les décisions de
    l'assemblée qui décide par délégation (le Bureau), prises entre `du` et `au`. Hors du
    dossier des actes, que chaque génération remplace en entier."""
    from generateur.rendu.word import rendre
    from generateur.sorties.ecriture import ecrire_fichier as ecrire, nom_de_sortie
    from generateur.vues.dossier_seance import contexte_compte_rendu

    verifie, source = verifier(chemin, modeles)
    assemblee = next((a for a in verifie.dossier.assemblees if a.actes == "decision"), None)
    if assemblee is None:
        raise DonneesIncoherentes([source.anomalie(("assemblees",), "aucune assemblée ne prend de décisions par délégation (« actes: decision ») : il n'y a pas de compte rendu de Bureau à écrire")])
    contexte = contexte_compte_rendu(verifie, assemblee, du, au)
    fichier = sortie / f"compte_rendu_{nom_de_sortie(chemin)}_{assemblee.code}_{du.isoformat()}_{au.isoformat()}.docx"
    sortie.mkdir(parents=True, exist_ok=True)
    return ecrire(fichier, rendre(modeles / "compte_rendu.docx", contexte), remplacer)


def exporter_scdl(chemin: Path) -> str:
    """La liste des actes du dossier vérifié, au format open data SCDL « Délibérations »."""
    from generateur.sorties.scdl import exporter_scdl as exporter

    return exporter(verifier(chemin)[0].dossier)


def ecrire_fichier(chemin: Path, contenu: bytes, remplacer: bool) -> Path:
    """Un fichier écrit tout entier ou pas du tout (jamais remplacé sans `remplacer`)."""
    from generateur.sorties.ecriture import ecrire_fichier as ecrire

    return ecrire(chemin, contenu, remplacer)


def verifier_sorties(dossier: Path) -> list[str]:
    """Les documents conformes au manifeste du dossier, ou de chaque dossier d'un lot ;
    `ErreurSortiesAlterees` sinon."""
    from generateur.sorties.manifeste import verifier_sorties as verifier_manifeste

    return verifier_manifeste(dossier)


def modeles_livres() -> list[Path]:
    return sorted(MODELES.glob("*.docx"))


def textes_des_modeles(chemins: list[Path]) -> list[tuple[str, str]]:
    """Le nom et le texte, balises comprises, de chaque modèle."""
    from generateur.rendu.word import texte_du_modele

    return [(chemin.name, texte_du_modele(chemin)) for chemin in _modeles_existants(chemins)]


def verifier_modeles(chemins: list[Path], bornes: Bornes = Bornes()) -> list[str]:
    """Le bilan de la vérification des modèles, rendus aussi avec chaque document des dossiers
    d'exemple ; `ErreurModele` qui le porte si un modèle a une erreur."""
    from generateur.rendu.verification import verifier_modeles as verifier_tous

    contextes, lus = _contextes_des_exemples()
    verification = verifier_tous(_modeles_existants(chemins), contextes, bornes, lus)
    if verification.erreurs:
        raise ErreurModele("\n".join(verification.lignes()))
    return verification.lignes()


def _contextes_des_exemples() -> tuple[dict[str, list[tuple[str, object]]], frozenset]:
    """Nom du modèle → [(« exemple/document », contexte)] pour chaque document des exemples
    (aucun si generateur est installé sans son dépôt), et les champs que leurs vues et leur
    export SCDL ont lus."""
    from generateur.rendu.verification import lectures_des_formes
    from generateur.sorties.scdl import exporter_scdl
    from generateur.vues.documents import documents

    contextes: dict[str, list[tuple[str, object]]] = {}
    dossiers = sorted(p for p in EXEMPLES.iterdir() if p.is_dir() and not p.name.startswith(".")) if EXEMPLES.is_dir() else []
    verifies = [(dossier.name, verifier(dossier)[0]) for dossier in dossiers]
    with lectures_des_formes() as lus:
        for nom, verifie in verifies:
            exporter_scdl(verifie.dossier)
            for document in documents(verifie):
                contextes.setdefault(document.modele, []).append((f"{nom}/{document.nom_fichier}", document.contexte))
    return contextes, frozenset(lus)


def montant_en_lettres(saisie: str, orthographe: str) -> str:
    from generateur.francais import euros_en_lettres, lire_montant

    return euros_en_lettres(lire_montant(saisie), orthographe)


def _modeles_existants(chemins: list[Path]) -> list[Path]:
    """Les modèles demandés, tous présents ; sinon `ErreurModele` qui nomme ceux qui manquent."""
    absents = [chemin for chemin in chemins if not chemin.is_file()]
    if absents:
        raise ErreurModele("\n".join(f"{chemin} : modèle introuvable ; un fichier .docx existant est attendu" for chemin in absents))
    return chemins


def importer_membres(tableur: Path, code: str, dossier: Path, remplacer: bool = False) -> Path:
    """Écrit `dossier/assemblee_<code>.yaml` : l'assemblée telle que le dossier la décrit déjà (ou,
    pour « bureau » et « conseil », telle qu'on la décrit d'ordinaire), avec les membres du tableur.
    Une ligne fautive, un membre listé deux fois : rien n'est écrit."""
    from generateur.controles.seance import membres_en_double
    from generateur.lecture.liste_membres import membres_du_tableur
    from generateur.sorties.liste_membres import yaml_de_l_assemblee

    cible = dossier / f"assemblee_{code}.yaml"
    assemblee, numeros = membres_du_tableur(tableur, _description_de_l_assemblee(code, dossier, cible))
    doublons = [
        Anomalie(str(tableur), "nom", f"« {assemblee.membres[rang].prenom_nom} » est déjà à la ligne {numeros[premier]} (« {assemblee.membres[premier].prenom_nom} ») ; "
                 "un membre n'est listé qu'une fois", numeros[rang])
        for rang, premier in membres_en_double(assemblee.membres)
    ]
    if doublons:
        raise DonneesIllisibles(doublons)
    return _ecrire_dans_le_dossier(dossier, cible, yaml_de_l_assemblee(assemblee, tableur.name).encode("utf-8"), remplacer)


def _ecrire_dans_le_dossier(dossier: Path, cible: Path, contenu: bytes, remplacer: bool) -> Path:
    """Le fichier écrit, le dossier créé s'il n'existait pas ; en cas d'échec, ni l'un ni l'autre."""
    nouveau = not dossier.exists()
    try:
        dossier.mkdir(parents=True, exist_ok=True)
        return ecrire_fichier(cible, contenu, remplacer)
    except (ErreurEcriture, OSError) as erreur:
        if nouveau and dossier.is_dir() and not any(dossier.iterdir()):
            dossier.rmdir()  # rien d'écrit : pas même le dossier
        if isinstance(erreur, ErreurEcriture):
            raise
        raise ErreurEcriture(f"impossible de créer {dossier} : {cause_systeme(erreur)} ; rien n'a été écrit") from None


def _description_de_l_assemblee(code: str, dossier: Path, cible: Path) -> dict:
    """Nom, genre, actes… de l'assemblée `code` : ceux du dossier s'il la décrit, sinon ceux d'usage."""
    from generateur.lecture.fichiers import lire_dossier
    from generateur.lecture.liste_membres import DESCRIPTIONS_PAR_DEFAUT

    decrites = []
    if dossier.is_dir() and any(p.suffix in (".yaml", ".yml") for p in dossier.iterdir()):
        donnees, source = lire_dossier(dossier)
        assemblees = donnees.get("assemblees") if isinstance(donnees.get("assemblees"), list) else []
        decrites = [(a, source.positions.get(("assemblees", rang), (str(cible), 0))[0]) for rang, a in enumerate(assemblees) if isinstance(a, dict) and a.get("code") == code]
    if decrites:
        description, fichier = decrites[0]
        if Path(fichier).resolve() != cible.resolve():
            raise ErreurEcriture(f"l'assemblée « {code} » est décrite dans {fichier} ; l'import écrit sa liste dans {cible} : déplacez-y sa description, puis relancez")
        return {cle: valeur for cle, valeur in description.items() if cle != "membres"}
    if code not in DESCRIPTIONS_PAR_DEFAUT:
        raise DonneesIllisibles([Anomalie(str(dossier), "assemblees", f"l'assemblée « {code} » n'est décrite dans aucun fichier du dossier ; "
                                          f"décrivez-la dans {cible} (code, nom, qualificatif, genre, actes), ou importez « bureau » ou « conseil »")])
    return {"code": code, **DESCRIPTIONS_PAR_DEFAUT[code]}


def nouveau(destination: Path, depuis: Path, type_: str | None = None, modeles: Path = MODELES) -> list[Path]:
    """Écrit un dossier à compléter pour un autre EPCI, tiré de `depuis` (voir `sorties.nouveau`)."""
    from generateur.lecture.declarations import declarations
    from generateur.sorties.ecriture import ecrire_fichier
    from generateur.sorties.nouveau import nouveau_dossier

    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise ErreurEcriture(f"{destination} existe déjà et n'est pas vide ; choisissez un nouveau dossier")
    fichiers = nouveau_dossier(depuis, destination, type_, declarations(modeles))
    try:
        destination.mkdir(parents=True, exist_ok=True)
    except OSError as erreur:
        raise ErreurEcriture(f"impossible de créer {destination} : {erreur.strerror}") from None
    return [ecrire_fichier(chemin, contenu) for chemin, contenu in fichiers.items()]


def schema(sortie: Path | None, remplacer: bool = False) -> str | list[Path]:
    """Le JSON Schema d'un dossier : écrit dans `sortie`, ou rendu en texte."""
    from generateur.sorties.ecriture import ecrire_fichier
    from generateur.sorties.schema_json import texte_du_schema

    texte = texte_du_schema()
    return [ecrire_fichier(sortie, texte.encode("utf-8"), remplacer)] if sortie else texte


def blancs_restants(source: Source) -> list[str]:
    """Les blancs « à compléter » d'un dossier valide, à remplir avant la version définitive."""
    from generateur.lecture.blancs import lignes_des_blancs

    return lignes_des_blancs(str(source.racine), source.blancs) if source.blancs else []


def tresorerie(chemin: Path, au: datetime.date):
    """La situation des appels de fonds du dossier à la date `au` (`situation_des_appels`)."""
    return situation_des_appels(verifier(chemin)[0], au)


def situation_des_appels(verifie: DossierVerifie, au: datetime.date):
    """La situation des appels de fonds d'un dossier vérifié à la date `au` : les appels émis
    (`Situation`) et ceux qui restent à émettre."""
    from generateur.vues.tresorerie import appels_suivis, situations, vues_des_versions

    return situations(appels_suivis(verifie, vues_des_versions(verifie)), au)


def exporter_tresorerie(chemin: Path, au: datetime.date, sortie: Path | None, remplacer: bool) -> str:
    """Le tableau au terminal, ou l'export .xlsx / .csv écrit dans `sortie` (rend son chemin)."""
    from generateur.sorties import tresorerie as export

    lignes, a_emettre = tresorerie(chemin, au)
    if sortie is None:
        return export.tableau_texte(lignes, a_emettre, au)
    contenu = export.classeur_tresorerie(lignes, au) if sortie.suffix.lower() == ".xlsx" else export.csv_tresorerie(lignes).encode("utf-8")
    ecrire_fichier(sortie, contenu, remplacer)
    return str(sortie)


def relancer(chemin: Path, au: datetime.date, sortie: Path, avec_pdf: bool = False, modeles: Path = MODELES) -> tuple[list[Path], list[str]]:
    """Écrit une relance pour chaque appel impayé après son échéance à la date `au` dans
    `sortie/<dossier>/relances/` ; rend les fichiers écrits et les relances en cours, non refaites."""
    from generateur.rendu import DocumentRendu
    from generateur.rendu.word import rendre
    from generateur.sorties.ecriture import nom_de_sortie
    from generateur.sorties.relances import DOSSIER, ecrire_relances, nom_de_fichier, relances_envoyees
    from generateur.vues.tresorerie import relances_a_ecrire

    verifie, source = verifier(chemin)
    lignes, _ = situation_des_appels(verifie, au)
    destination = sortie / nom_de_sortie(chemin)
    contextes, en_cours = relances_a_ecrire(verifie, lignes, relances_envoyees(destination / DOSSIER), au)
    modele = modeles / "relance.docx"
    rendus = [
        DocumentRendu(nom_de_fichier(contexte.reference, au), "relance", contexte.reference, modele, rendre(modele, contexte))
        for contexte in contextes
    ]
    if avec_pdf and rendus:
        from generateur.sorties import pdf

        convertis = pdf.convertir({rendu.chemin: rendu.contenu for rendu in rendus})
        rendus += [rendu.en_pdf(convertis[rendu.chemin]) for rendu in rendus]
    return (ecrire_relances(destination, rendus, source.fichiers) if rendus else []), en_cours


def serveur(dossiers: list[Path], hote: str, port: int, sortie: Path):
    """L'interface web locale, prête à servir ; Flask n'est chargé que pour elle."""
    from generateur.web.serveur import lancer

    return lancer(dossiers, hote, port, sortie)
