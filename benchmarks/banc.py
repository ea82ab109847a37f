"""Banc d'essai : les vitesses mesurées côte à côte, dans un même lancement, sur la même machine.

    make banc                                   # complet : quelques minutes
    .venv/bin/python benchmarks/banc.py --court # réduit, pour vérifier pendant qu'on développe
    .venv/bin/python benchmarks/banc.py --court --parties 24   # seulement les parties 2 et 4

Ce n'est pas un test : il imprime des mesures, rien n'échoue. Chaque mesure est répétée en
plusieurs tours ; on imprime la médiane des tours et leur dispersion (plus petit – plus grand).

1. Rendu d'un document (convention, appel de fonds), sur des dossiers d'EPCI fictifs
   (`charge.py`), un cœur :
   (a) la boucle docxtpl telle qu'on l'écrit : DocxTemplate(modèle), render(), save() ;
   (b) generateur : modèle préparé une fois, puis rempli pour chaque document (caches de données
       du français vidés avant chaque tour : chaque document est rendu comme pour la première fois) ;
   (c) le vrai plancher de (b) : les parties fixes du modèle compressées une fois (comme (b)),
       les seules parties remplies (corps, pieds de page) compressées pour chaque document et
       le zip assemblé ; le XML rempli est donné tout fait. Ce que (b) coûte de plus est le
       remplissage lui-même (Jinja, mise en forme du XML, typographie).
2. La commande `generateur generer` de bout en bout (lire, contrôler, rendre, écrire) sur 1 600
   et 8 000 documents, en 1 processus et en un par cœur, le cache des modèles préparés rempli par
   un premier lancement (dont la durée est imprimée) : durée, documents par seconde, mémoire
   de pointe de TOUS les processus de la commande, mesurée dans un lancement à part (lire /proc
   toutes les 10 ms prend du processeur aux processus mesurés). La mémoire est échantillonnée dans /proc
   (toutes les 10 ms, le processus et tous ses descendants) : RSS sommée, et PSS sommée (les
   pages partagées après le fork comptées une fois). `getrusage(RUSAGE_CHILDREN)` ne convient
   pas : son `ru_maxrss` est la pointe du plus gros processus seul, jamais une somme ; il
   garde le maximum de tous les enfants depuis le début du banc ; et Linux garde cette
   pointe à travers exec, si bien qu'un enfant lancé par le banc (140 Mo, docxtpl chargé)
   « commence » à 140 Mo même si la commande n'en occupe que 70.
3. PDF/A de 20 documents : un LibreOffice par cœur, un seul LibreOffice, un par document.
4. Démarrage : temps processeur de `generateur --help`, `montant 12` et `verifier` de l'exemple.
5. Carbone (facultatif) : si `node` et le paquet npm `carbone` sont là.

Les commandes sont lancées sans PYTHONDONTWRITEBYTECODE et le paquet compilé d'avance, comme
un paquet installé : sinon chaque lancement recompile generateur (~40 ms).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import fields
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from charge import ecrire_charge  # noqa: E402

from generateur.etapes import MODELES, verifier  # noqa: E402
from generateur.rendu.word import _PartieZip, _zip, environnement, preparer, rendre  # noqa: E402
from generateur.vues.documents import documents  # noqa: E402

RACINE = Path(__file__).resolve().parent.parent
GENERATEUR = Path(sys.executable).parent / "generateur"
COEURS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
ENVIRONNEMENT = {nom: valeur for nom, valeur in os.environ.items() if nom != "PYTHONDONTWRITEBYTECODE"}


# --- Mesures répétées ---------------------------------------------------------------------


def repartition(valeurs: list[float], unite: float = 1000, format_: str = "{:.2f}") -> str:
    """« 3,41 (3,30–3,62) » : la médiane des tours et leur dispersion."""
    mediane, bas, haut = (format_.format(v * unite).replace(".", ",") for v in (statistics.median(valeurs), min(valeurs), max(valeurs)))
    return f"{mediane} ({bas}–{haut})" if len(valeurs) > 1 else mediane


def par_document(action, elements, tours: int) -> list[float]:
    """Pour chaque tour, le temps processeur moyen par élément (un seul fil : le temps
    processeur est le temps de calcul, que la charge de la machine ne gonfle pas)."""
    durees = []
    for _ in range(tours):
        debut = time.process_time()
        for element in elements:
            action(element)
        durees.append((time.process_time() - debut) / len(elements))
    return durees


# --- 0. Ce que la machine donne en parallèle ----------------------------------------------


def _boucle(tours: int) -> int:
    total = 0
    for rang in range(tours):
        total += rang * rang
    return total


def capacite_parallele(tours: int = 3) -> float:
    """Combien de fois plus de calcul `COEURS` processus font ensemble qu'un seul, dans le même
    temps : une boucle Python pure (ni mémoire ni disque), chronométrée seule puis en même temps
    dans chaque processus. Sur des cœurs virtuels partagés, ce n'est pas toujours le nombre de
    cœurs : c'est le plafond de toute mesure « N processus / un » prise au même moment."""
    import multiprocessing

    rapports = []
    with multiprocessing.get_context("fork").Pool(COEURS) as groupe:
        groupe.map(_boucle, [1000] * COEURS)  # processus démarrés avant la mesure
        for _ in range(tours):
            debut = time.perf_counter()
            groupe.map(_boucle, [3_000_000])
            seul = time.perf_counter() - debut
            debut = time.perf_counter()
            groupe.map(_boucle, [3_000_000] * COEURS, chunksize=1)
            rapports.append(COEURS * seul / (time.perf_counter() - debut))
    return statistics.median(rapports)


# --- 1. Rendu d'un document ---------------------------------------------------------------


def contextes(chemins: list[Path], modele: str, nombre: int) -> list:
    """Les `nombre` premiers contextes du modèle dans les dossiers de la charge."""
    trouves = []
    for chemin in chemins:
        trouves += [document.contexte for document in documents(verifier(chemin)[0]) if document.modele == modele]
        if len(trouves) >= nombre:
            return trouves[:nombre]
    raise SystemExit(f"charge trop petite : {len(trouves)} contextes de {modele} pour {nombre} demandés")


def oublier_les_donnees_du_francais() -> None:
    """Vide les caches de données du français (paragraphes déjà composés, dates et nombres déjà
    écrits), avant un tour de (b) : un tour qui rend les mêmes documents que le précédent ne
    paierait pas, sinon, la typographie des paragraphes remplis, qu'un vrai lot paie à chaque
    document. Les caches de constantes (locale, motifs de nombres) restent : un lot les paie une fois."""
    import generateur.francais

    for fonction in vars(generateur.francais).values():
        if hasattr(fonction, "cache_clear") and fonction.cache_parameters()["maxsize"] is not None:
            fonction.cache_clear()


@contextlib.contextmanager
def sans_la_mise_en_forme_des_paragraphes_remplis():
    """Le rendu privé de la typographie des paragraphes remplis (le texte fixe du modèle l'a
    reçue à la préparation) : pour dire ce qu'elle coûte, pas pour produire un document."""
    from generateur.rendu import word

    vraie = word._composer_le_rempli
    word._composer_le_rempli = lambda arbre: None
    try:
        yield
    finally:
        word._composer_le_rempli = vraie


def naif(modele: Path, env):
    def rendu(contexte) -> bytes:
        from docxtpl import DocxTemplate

        gabarit = DocxTemplate(modele)
        gabarit.render({champ.name: getattr(contexte, champ.name) for champ in fields(contexte)}, env, autoescape=True)
        tampon = io.BytesIO()
        gabarit.save(tampon)
        return tampon.getvalue()

    return rendu


def plancher(modele: Path, rendus: list[bytes]):
    """Le vrai plancher : par document, compresser les seules parties remplies (données toutes
    faites, prises dans les documents de (b)) et assembler le zip avec les parties fixes déjà
    compressées du modèle préparé."""
    prepare = preparer(modele)
    remplies = []
    for contenu in rendus:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            remplies.append({nom: archive.read(nom) for nom, partie in prepare.parties.items() if partie is None})

    def rendu(parties: dict[str, bytes]) -> bytes:
        return _zip({nom: partie or _PartieZip.de(parties[nom]) for nom, partie in prepare.parties.items()})

    return rendu, remplies


def comparer_rendus(chemins: list[Path], nombre: int, tours: int) -> None:
    env = environnement()  # les filtres français : sans eux, ces modèles ne se rendent pas
    print(f"1. Rendu d'un document, un cœur : ms de processeur par document sur {nombre} documents, médiane de {tours} tours (dispersion)")
    for modele in ("convention.docx", "appel_de_fonds.docx"):
        chemin = MODELES / modele
        lot = contextes(chemins, modele, nombre)
        rendus = [rendre(chemin, contexte) for contexte in lot]  # prépare aussi le modèle, une fois, comme un lot
        remplir_zip, remplies = plancher(chemin, rendus)
        a, b, deja_vus, sans_mise_en_forme, c = [], [], [], [], []
        for _ in range(tours):  # les mesures alternées : une charge passagère de la machine les touche toutes
            a += par_document(naif(chemin, env), lot[: max(1, nombre // 4)], 1)
            oublier_les_donnees_du_francais()
            b += par_document(lambda contexte: rendre(chemin, contexte), lot, 1)
            deja_vus += par_document(lambda contexte: rendre(chemin, contexte), lot, 1)
            with sans_la_mise_en_forme_des_paragraphes_remplis():
                sans_mise_en_forme += par_document(lambda contexte: rendre(chemin, contexte), lot, 1)
            c += par_document(remplir_zip, remplies, 1)
        print(f"  {modele}")
        print(f"    (a) boucle docxtpl naïve        {repartition(a):>24} ms  (sur {max(1, nombre // 4)} documents)")
        print(f"    (b) generateur (préparé)        {repartition(b):>24} ms")
        print(f"        les mêmes, rendus à nouveau {repartition(deja_vus):>24} ms  (le français des paragraphes remplis déjà en cache)")
        print(f"        sans mettre en forme le rempli {repartition(sans_mise_en_forme):>21} ms  "
              f"(analyse, documents faux : {statistics.median(sans_mise_en_forme) / statistics.median(c):.1f} × le plancher)".replace(".", ",", 1))
        print(f"    (c) vrai plancher               {repartition(c):>24} ms")
        print(f"    a/b = {statistics.median(a) / statistics.median(b):5.1f}    b/c = {statistics.median(b) / statistics.median(c):4.1f}   (objectif b/c ≤ 5 sur la convention)")


# --- 2. De bout en bout, mémoire de tous les processus --------------------------------------


def descendants(racine: int) -> list[int]:
    """Le processus et tous ses descendants (/proc/<pid>/task/<tid>/children, chaque fil)."""
    trouves, a_voir = [], [racine]
    while a_voir:
        pid = a_voir.pop()
        trouves.append(pid)
        try:
            for tache in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tache}/children") as enfants:
                    a_voir += [int(enfant) for enfant in enfants.read().split()]
        except OSError:  # fini entre-temps
            continue
    return trouves


def memoire(pid: int) -> tuple[int, int]:
    """RSS et PSS d'un processus, en octets (0 s'il a fini entre-temps)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as resume:
            valeurs = dict(ligne.split(":", 1) for ligne in resume if ligne.startswith(("Rss:", "Pss:")))
        return int(valeurs["Rss"].split()[0]) * 1024, int(valeurs["Pss"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):
        return 0, 0


class Echantillonneur(threading.Thread):
    """Relève toutes les 10 ms la mémoire sommée du processus `pid` et de ses descendants ;
    garde les pointes de la RSS sommée et de la PSS sommée, et le nombre de processus vus."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.rss, self.pss, self.processus = pid, 0, 0, set()
        self.arret = threading.Event()

    def run(self) -> None:
        while not self.arret.wait(0.01):
            pids = descendants(self.pid)
            self.processus.update(pids)
            mesures = [memoire(pid) for pid in pids]
            self.rss = max(self.rss, sum(rss for rss, _ in mesures))
            self.pss = max(self.pss, sum(pss for _, pss in mesures))


def generer(chemins: list[Path], processus: int, cache: Path, memoire: bool = False) -> dict:
    """Une génération par la CLI, avec ce cache des modèles préparés : durée, documents écrits,
    et, avec `memoire`, les pointes de mémoire. L'échantillonneur lit /proc toutes les 10 ms et
    prend du processeur aux processus mesurés (sur deux cœurs, un dixième de seconde sur 1 600
    documents) : la durée se mesure sans lui, la mémoire dans un lancement à part."""
    with tempfile.TemporaryDirectory(prefix="banc-") as sortie:
        commande = [str(GENERATEUR), "generer", *map(str, chemins), "--sortie", sortie, "--processus", str(processus)]
        debut = time.perf_counter()
        lance = subprocess.Popen(commande, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**ENVIRONNEMENT, "GENERATEUR_CACHE": str(cache)})
        echantillons = Echantillonneur(lance.pid)
        if memoire:
            echantillons.start()
        erreurs = lance.stderr.read()
        _, statut = os.waitpid(lance.pid, 0)
        duree = time.perf_counter() - debut
        lance.returncode = os.waitstatus_to_exitcode(statut)
        if memoire:
            echantillons.arret.set()
            echantillons.join()
        if lance.returncode:
            raise SystemExit(f"generer a échoué ({lance.returncode}) : {erreurs.decode()[-2000:]}")
        ecrits = sum(1 for fichier in Path(sortie).rglob("*.docx"))
    return {"duree": duree, "rss": echantillons.rss, "pss": echantillons.pss, "documents": ecrits, "processus": len(echantillons.processus)}


def bout_en_bout(chemins: list[Path], tailles: list[int], tours: int, cache: Path) -> None:
    par_dossier = len(documents(verifier(chemins[0])[0]))
    petit_lot = chemins[: -(-tailles[0] // par_dossier)]
    froid = generer(petit_lot, COEURS, cache)  # remplit le cache des modèles préparés, comme le premier lancement d'un poste
    print(f"2. generateur generer de bout en bout (lire, contrôler, rendre, écrire) : durée, médiane de {tours} tours (dispersion) ;"
          " mémoire, un lancement à part")
    print(f"   capacité de la machine à cet instant : {COEURS} boucles de calcul ensemble = {capacite_parallele():.2f} × une seule".replace(".", ","))
    print(f"   cache des modèles préparés rempli par un premier lancement ({froid['documents']} documents, {COEURS} processus : {froid['duree']:.2f} s)".replace(".", ","))
    print(f"   {'documents':>9} {'processus':>9} {'durée (s)':>22} {'documents/s':>12} {'RSS sommée (Mo)':>16} {'PSS sommée (Mo)':>16} {'proc. vus':>9}")
    durees, memoires, ecrits = {}, {}, {}
    for taille in tailles:
        lot = chemins[: -(-taille // par_dossier)]
        for processus in sorted({1, COEURS}):
            mesures = [generer(lot, processus, cache) for _ in range(tours)]
            durees[taille, processus] = [m["duree"] for m in mesures]
            memoires[taille, processus] = memoire = generer(lot, processus, cache, memoire=True)
            ecrits[taille] = mesures[0]["documents"]
            print(
                f"   {ecrits[taille]:>9} {processus:>9} {repartition(durees[taille, processus], 1):>22} {ecrits[taille] / statistics.median(durees[taille, processus]):>12.0f}"
                f" {memoire['rss'] / 2**20:>16.0f} {memoire['pss'] / 2**20:>16.0f} {memoire['processus']:>9}"
            )
    petit, grand = tailles
    if COEURS > 1:
        acceleration = statistics.median(durees[petit, 1]) / statistics.median(durees[petit, COEURS])
        debit = ecrits[petit] / statistics.median(durees[petit, COEURS])
        print(f"   {petit} documents : {COEURS} processus = {acceleration:.2f} × un processus (objectif ≥ 1,7) ; {debit:.0f} documents/s = {debit / 311:.2f} × 311 (objectif ≥ 2)")
    for processus in sorted({1, COEURS}):
        rapport = memoires[grand, processus]["rss"] / memoires[petit, processus]["rss"]
        print(f"   RSS sommée, {processus} processus : {grand} documents = {rapport:.2f} × {petit} documents (objectif ≤ 1,2)")


# --- 3. PDF -----------------------------------------------------------------------------


def comparer_pdf(chemins: list[Path], nombre: int, un_par_un: int, tours: int) -> None:
    from generateur.sorties import pdf

    if shutil.which("soffice") is None:
        print("3. PDF : LibreOffice absent, mesure sautée")
        return
    lot = {}
    for chemin in chemins:
        for document in documents(verifier(chemin)[0]):
            lot[f"{chemin.stem}/{document.nom_fichier}"] = rendre(MODELES / document.modele, document.contexte)
        if len(lot) >= nombre:
            break
    lot = dict(list(lot.items())[:nombre])
    print(f"3. PDF/A de {nombre} documents : ms par document, médiane de {tours} tours (dispersion)")
    print(f"    capacité de la machine à cet instant : {COEURS} boucles de calcul ensemble = {capacite_parallele():.2f} × une seule".replace(".", ","))
    par_coeur, un_seul = [], []
    for _ in range(tours):
        for instances, durees in ((COEURS, par_coeur), (1, un_seul)):
            debut = time.perf_counter()
            pdf.convertir(lot, instances)
            durees.append((time.perf_counter() - debut) / nombre)
    seuls = list(lot.items())[:un_par_un]
    debut = time.perf_counter()
    for nom, contenu in seuls:
        pdf.convertir({nom: contenu}, 1)
    par_document = (time.perf_counter() - debut) / len(seuls)
    print(f"    un LibreOffice par cœur ({COEURS})       {repartition(par_coeur, 1000, '{:.0f}'):>20} ms")
    print(f"    un seul LibreOffice pour tous      {repartition(un_seul, 1000, '{:.0f}'):>20} ms")
    print(f"    un LibreOffice par document        {par_document * 1000:>20.0f} ms  (sur {len(seuls)} documents, un tour)")
    print(f"    un par cœur = {statistics.median(un_seul) / statistics.median(par_coeur):.2f} × un seul (objectif ≥ 1,6) ; "
          f"{par_document / statistics.median(par_coeur):.1f} × un par document")
    # Un LibreOffice coûte un démarrage S (son premier document : bibliothèques de Writer et des
    # filtres chargées), puis c par document : un par document = S + c, un seul = S / n + c.
    c = (nombre * statistics.median(un_seul) - par_document) / (nombre - 1)
    s = par_document - c
    plafond = (s + nombre * c) / (s + nombre * c / COEURS)
    print(f"    d'après ces mesures, un démarrage coûte {s:.2f} s et un document {c * 1000:.0f} ms : même sans perte, {COEURS} LibreOffice"
          f" ne peuvent aller que (S + {nombre}c) / (S + {nombre}c / {COEURS}) = {plafond:.2f} fois plus vite qu'un seul sur {nombre} documents".replace(".", ","))


# --- 4. Démarrage -------------------------------------------------------------------------


def demarrage(tours: int) -> None:
    commandes = [["--help"], ["montant", "12"], ["verifier", str(RACINE / "donnees" / "cotentin")]]
    print(f"4. Démarrage : temps processeur (utilisateur + système) en ms, médiane de {tours} lancements (dispersion)")
    for arguments in [[sys.executable, "-c", "pass"]] + [[str(GENERATEUR), *arguments] for arguments in commandes]:
        cpu, reel = [], []
        for _ in range(tours):
            debut = time.perf_counter()
            lance = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONNEMENT)
            _, _, usage = os.wait4(lance.pid, 0)
            reel.append(time.perf_counter() - debut)
            cpu.append(usage.ru_utime + usage.ru_stime)
        nom = " ".join(Path(arguments[0]).name if rang == 0 else argument.replace(str(RACINE) + "/", "") for rang, argument in enumerate(arguments))
        print(f"    {nom:<45} {repartition(cpu, 1000, '{:.0f}'):>16} ms processeur   {repartition(reel, 1000, '{:.0f}'):>16} ms écoulées")
    print("    (objectifs : --help et montant bien sous 100 ms, verifier sous 250 ms)")


# --- 5. Carbone ---------------------------------------------------------------------------


def carbone() -> None:
    node = shutil.which("node")
    present = node and subprocess.run([node, "-e", "require.resolve('carbone')"], capture_output=True, cwd=RACINE).returncode == 0
    if not present:
        print("5. Carbone : `node` ou le paquet npm `carbone` absent, mesure sautée")
        return
    print("5. Carbone : présent, mais aucun modèle au format Carbone n'est livré ; mesure sautée")


# --- Le banc ------------------------------------------------------------------------------


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--court", action="store_true", help="banc réduit (moins de documents et de tours), pour développer")
    arguments.add_argument("--parties", default="12345", help="les parties à mesurer (par défaut toutes : 12345)")
    options = arguments.parse_args()
    court, parties = options.court, options.parties
    compileall.compile_dir(RACINE / "generateur", quiet=1)
    charge1, charge5, charge15 = os.getloadavg()
    print(f"Machine : {COEURS} cœurs ({os.cpu_count()} au total), Python {sys.version.split()[0]}, charge {charge1:.2f} {charge5:.2f} {charge15:.2f} (1, 5, 15 min)")
    print(f"Banc {'court' if court else 'complet'}, lancé le {time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n")
    tailles = [160, 800] if court else [1600, 8000]
    with tempfile.TemporaryDirectory(prefix="charge-") as dossier:
        debut = time.perf_counter()
        par_dossier = len(documents(verifier(ecrire_charge(Path(dossier), 1)[0])[0]))
        rendus = 40 if court else 200  # une convention par dossier : autant de dossiers au moins
        chemins = ecrire_charge(Path(dossier), max(rendus, -(-tailles[-1] // par_dossier) if "2" in parties else 0))
        print(f"Charge : {len(chemins)} EPCI fictifs de {par_dossier} documents (benchmarks/charge.py), écrits en {time.perf_counter() - debut:.0f} s\n")
        if "1" in parties:
            comparer_rendus(chemins, rendus, 3 if court else 5)
            print()
        if "2" in parties:
            bout_en_bout(chemins, tailles, 1 if court else 3, Path(dossier) / "cache")
            print()
        if "3" in parties:
            comparer_pdf(chemins, 6 if court else 20, 2 if court else 6, 1 if court else 3)
            print()
    if "4" in parties:
        demarrage(5 if court else 20)
        print()
    if "5" in parties:
        carbone()
    charge1, charge5, charge15 = os.getloadavg()
    print(f"\nCharge de la machine à la fin : {charge1:.2f} {charge5:.2f} {charge15:.2f} (1, 5, 15 min)")


if __name__ == "__main__":
    main()
