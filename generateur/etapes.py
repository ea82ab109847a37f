"""Les étapes mises bout à bout : lire, contrôler, construire le contexte, rendre, écrire.

Une génération traite un lot de dossiers : chacun est contrôlé ; ceux qui passent sont
rendus ensemble (chaque modèle compilé une fois par processus, les documents répartis
sur les cœurs de la machine), puis chaque dossier est écrit tout entier ou pas du tout.
Un dossier refusé n'arrête pas les autres et n'écrit rien.
"""

from __future__ import annotations

import datetime
import importlib.util
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generateur.sorties import actes, pdf
from generateur.lecture.chargement import charger
from generateur.vues.documents import Document, Seulement, documents
from generateur.vues.dossier_seance import contexte_compte_rendu
from generateur.controles import DossierVerifie, controler
from generateur.sorties.ecriture import ecrire
from generateur.exceptions import DonneesIncoherentes, ErreurEcriture, ErreurGenerateur
from generateur.lecture.fichiers import Source
from generateur.rendu import DocumentRendu
from generateur.sorties.manifeste import NOM as NOM_MANIFESTE, manifeste
from generateur.rendu.word import rendre

MODELES = Path(importlib.util.find_spec("generateur.modeles").origin).parent
"""Les modèles Word livrés avec generateur ; l'option --modeles en désigne d'autres (ceux d'une collectivité)."""

SEUIL_PARALLELE = 16
"""En dessous, lancer des processus coûte plus qu'il ne rapporte."""


def verifier(chemin: Path, avec_actes: bool = True, export: bool = False) -> tuple[DossierVerifie, Source]:
    """Le dossier lu et vérifié, ou l'exception qui liste toutes ses anomalies.

    `avec_actes` : des actes seront produits, leur séance ne peut pas être à venir ; `export` :
    l'export @ctes, dont les règles de numéro s'appliquent même à une numérotation libre."""
    dossier, source = charger(chemin)
    ecarts, verifie = controler(dossier, datetime.date.today() if avec_actes else None, export)
    if ecarts:
        raise DonneesIncoherentes([source.anomalie(chemin_champ, message) for chemin_champ, message in ecarts])
    return verifie, source


@dataclass
class Bilan:
    """Ce qu'une génération a fait : fichiers écrits, dossiers refusés et pourquoi, durée."""

    ecrits: list[Path] = field(default_factory=list)
    refuses: dict[Path, ErreurGenerateur] = field(default_factory=dict)
    erreur_pdf: ErreurGenerateur | None = None
    documents: int = 0
    duree: float = 0.0


@dataclass(frozen=True)
class _Dossier:
    chemin: Path
    source: Source
    documents: list[Document]


def generer(
    chemins: list[Path],
    sortie: Path,
    modeles: Path = MODELES,
    remplacer: bool = False,
    avec_pdf: bool = False,
    processus: int | None = None,
    suivi: Callable[[int], None] = lambda total: None,
    seulement: Seulement | None = None,
) -> Bilan:
    """Écrit les documents de chaque dossier et son manifeste dans `sortie/<nom du dossier>/`.

    `suivi(total)` est appelé une fois par document rendu, avec le nombre total à rendre ;
    `seulement` : les actes, ou les documents de séance (qui se préparent avant la séance).
    """
    debut = time.perf_counter()
    bilan = Bilan()
    retenus: list[_Dossier] = []
    for chemin in chemins:
        try:
            dossier, source = verifier(chemin, avec_actes=seulement != "seance")
            retenus.append(_Dossier(chemin, source, documents(dossier, seulement)))
        except ErreurGenerateur as erreur:
            bilan.refuses[chemin] = erreur
    travaux = [(modeles / document.modele, document.contexte) for retenu in retenus for document in retenu.documents]
    contenus = _rendre_tous(travaux, processus, suivi)

    rang = 0
    lots: list[tuple[_Dossier, list[DocumentRendu]]] = []
    for retenu in retenus:
        rendus = []
        for document in retenu.documents:
            resultat = contenus[rang]
            rang += 1
            if isinstance(resultat, ErreurGenerateur):
                bilan.refuses[retenu.chemin] = resultat
                break
            rendus.append(DocumentRendu(document.nom_fichier, document.sorte, document.reference, modeles / document.modele, resultat))
        else:
            lots.append((retenu, rendus))

    if avec_pdf:
        lots, bilan.erreur_pdf = _ajouter_pdf(lots)
    for retenu, rendus in lots:
        destination = sortie / retenu.source.nom
        fichiers = {destination / rendu.chemin: rendu.contenu for rendu in rendus}
        fichiers[destination / NOM_MANIFESTE] = manifeste(rendus, retenu.source.fichiers)
        try:
            _refuser_les_homonymes(rendus)
            bilan.ecrits += ecrire(fichiers, remplacer)
            bilan.documents += len(rendus)
        except ErreurGenerateur as erreur:
            bilan.refuses[retenu.chemin] = erreur
    bilan.duree = time.perf_counter() - debut
    return bilan


def _refuser_les_homonymes(rendus: list[DocumentRendu]) -> None:
    """Deux documents d'un dossier au même nom de fichier (« 2022/050 » et « 2022-050 ») :
    l'un écraserait l'autre, le dossier est refusé."""
    noms = [rendu.chemin for rendu in rendus]
    doubles = sorted({nom for nom in noms if noms.count(nom) > 1})
    if doubles:
        raise ErreurEcriture(f"plusieurs documents du dossier porteraient le même nom ({', '.join(doubles)}) ; donnez-leur des numéros qui diffèrent autrement que par « / » et « - »")


def _rendre_tous(travaux: list[tuple[Path, object]], processus: int | None, suivi: Callable[[int], None]) -> list:
    """Le contenu de chaque document, ou l'`ErreurGenerateur` qui l'a empêché, dans l'ordre."""
    processus = processus or os.cpu_count() or 1
    if processus == 1 or len(travaux) < SEUIL_PARALLELE:
        return [_suivre(_rendre_un(travail), suivi, len(travaux)) for travail in travaux]
    taille = max(1, len(travaux) // (processus * 4))
    with ProcessPoolExecutor(processus, mp_context=multiprocessing.get_context("fork")) as executeur:
        return [_suivre(resultat, suivi, len(travaux)) for resultat in executeur.map(_rendre_un, travaux, chunksize=taille)]


def _suivre(resultat, suivi: Callable[[int], None], total: int):
    suivi(total)
    return resultat


def _rendre_un(travail: tuple[Path, object]) -> bytes | ErreurGenerateur:
    modele, contexte = travail
    try:
        return rendre(modele, contexte)
    except ErreurGenerateur as erreur:
        return erreur


def _ajouter_pdf(lots: list[tuple[_Dossier, list[DocumentRendu]]]) -> tuple[list, ErreurGenerateur | None]:
    """Chaque lot avec le PDF/A de ses documents, tous convertis par un seul LibreOffice ;
    si la conversion échoue, les lots sans PDF et l'erreur (les .docx restent à écrire)."""
    a_convertir = {f"{rang_lot:03d}_{rendu.chemin}": rendu for rang_lot, (_, rendus) in enumerate(lots) for rendu in rendus}
    try:
        convertis = pdf.convertir({nom: rendu.contenu for nom, rendu in a_convertir.items()})
    except ErreurGenerateur as erreur:
        return lots, erreur
    avec_pdf = []
    for rang_lot, (retenu, rendus) in enumerate(lots):
        pdfs = [
            DocumentRendu(str(Path(rendu.chemin).with_suffix(".pdf")), f"{rendu.sorte}_pdf", rendu.reference, rendu.modele, convertis[f"{rang_lot:03d}_{rendu.chemin}"])
            for rendu in rendus
        ]
        avec_pdf.append((retenu, rendus + pdfs))
    return avec_pdf, None


def exporter_actes(chemin: Path, sortie: Path, modeles: Path = MODELES, remplacer: bool = False) -> list[Path]:
    """Écrit dans `sortie/<numéro>/` le PDF/A de chaque acte, ceux de ses annexes et ses
    métadonnées JSON ; rien n'est écrit si un acte enfreint une règle de @ctes ou si un PDF manque."""
    verifie, _ = verifier(chemin, export=True)
    pieces = actes.pieces(verifie.dossier, documents(verifie))
    a_rendre = {document.nom_fichier: document for acte in pieces for document in (acte.acte, *acte.annexes)}
    convertis = pdf.convertir({nom: rendre(modeles / document.modele, document.contexte) for nom, document in a_rendre.items()})
    contenus = {actes.nom_pdf(a_rendre[nom]): contenu for nom, contenu in convertis.items()}
    fichiers: dict[Path, bytes] = {}
    for acte in pieces:
        dossier_acte = sortie / acte.decision.numero
        for document in (acte.acte, *acte.annexes):
            fichiers[dossier_acte / actes.nom_pdf(document)] = contenus[actes.nom_pdf(document)]
        fichiers[dossier_acte / f"{acte.decision.numero}.json"] = actes.en_json(actes.metadonnees(verifie.dossier, acte, contenus))
    return ecrire(fichiers, remplacer)


def compte_rendu(chemin: Path, sortie: Path, du: datetime.date, au: datetime.date, modeles: Path = MODELES, remplacer: bool = False) -> Path:
    """Écrit `sortie/<dossier>/compte_rendu_<assemblée>_<du>_<au>.docx` : les décisions de
    l'assemblée qui prend des décisions par délégation (le Bureau), prises entre `du` et `au`."""
    verifie, source = verifier(chemin)
    assemblee = next((a for a in verifie.dossier.assemblees if a.actes == "decision"), None)
    if assemblee is None:
        raise DonneesIncoherentes([source.anomalie(("assemblees",), "aucune assemblée ne prend de décisions par délégation (« actes: decision ») : il n'y a pas de compte rendu de Bureau à écrire")])
    contexte = contexte_compte_rendu(verifie, assemblee, du, au)
    fichier = sortie / source.nom / f"compte_rendu_{assemblee.code}_{du.isoformat()}_{au.isoformat()}.docx"
    ecrire({fichier: rendre(modeles / "compte_rendu.docx", contexte)}, remplacer)
    return fichier
