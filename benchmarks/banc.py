"""Banc d'essai : les vitesses mesurées côte à côte, dans un même lancement, sur la même machine.

Pour les modèles convention et appel de fonds, sur N documents d'EPCI fictifs (`charge.py`) :
  (a) la boucle docxtpl telle qu'on l'écrit : DocxTemplate(modèle), render(…, autoescape=True), save() ;
  (b) le chemin de generateur : modèle préparé une fois, puis rempli pour chaque document ;
  (c) le plancher : réécrire N fois le zip du modèle avec les mêmes parties, sans rien remplir.
Puis le rendu parallèle (1 processus contre tous les cœurs), la mémoire de pointe d'une
génération de 1 000 documents, et les PDF : un LibreOffice pour 20 documents contre un par document.

    .venv/bin/python benchmarks/banc.py [--documents 200] [--sans-pdf]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import fields
from pathlib import Path

from docxtpl import DocxTemplate

sys.path.insert(0, str(Path(__file__).resolve().parent))

from charge import ecrire_charge  # noqa: E402

from generateur.sorties import pdf  # noqa: E402
from generateur.vues.documents import documents  # noqa: E402
from generateur.etapes import MODELES, _rendre_tous, verifier  # noqa: E402
from generateur.rendu.word import environnement, rendre  # noqa: E402


def contextes(chemins: list[Path], modele: str, nombre: int) -> list:
    """Les `nombre` premiers contextes du modèle dans les dossiers de la charge."""
    trouves = []
    for chemin in chemins:
        trouves += [document.contexte for document in documents(verifier(chemin)[0]) if document.modele == modele]
        if len(trouves) >= nombre:
            return trouves[:nombre]
    raise SystemExit(f"charge trop petite : {len(trouves)} contextes de {modele} pour {nombre} demandés")


def chronometrer(action, elements) -> list[float]:
    durees = []
    for element in elements:
        debut = time.perf_counter()
        action(element)
        durees.append(time.perf_counter() - debut)
    return durees


def naif(modele: Path, env):
    def rendu(contexte) -> bytes:
        gabarit = DocxTemplate(modele)
        gabarit.render({champ.name: getattr(contexte, champ.name) for champ in fields(contexte)}, env, autoescape=True)
        tampon = io.BytesIO()
        gabarit.save(tampon)
        return tampon.getvalue()
    return rendu


def plancher(modele: Path):
    def rendu(_contexte) -> bytes:
        with zipfile.ZipFile(modele) as source:
            parties = [(info.filename, source.read(info.filename)) for info in source.infolist()]
        tampon = io.BytesIO()
        with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as cible:
            for nom, contenu in parties:
                cible.writestr(nom, contenu)
        return tampon.getvalue()
    return rendu


def ms(secondes: float) -> str:
    return f"{secondes * 1000:8.2f} ms"


def comparer(chemins: list[Path], nombre: int) -> None:
    env = environnement()  # les filtres français : sans eux, ces modèles ne se rendent pas
    for modele in ("convention.docx", "appel_de_fonds.docx"):
        chemin = MODELES / modele
        lot = contextes(chemins, modele, nombre)
        rendre(chemin, lot[0])  # préparation du modèle, une fois, comme dans un lot
        a = statistics.median(chronometrer(naif(chemin, env), lot))
        b = statistics.median(chronometrer(lambda contexte: rendre(chemin, contexte), lot))
        c = statistics.median(chronometrer(plancher(chemin), lot))
        print(f"{modele} — médiane par document sur {nombre} documents, un cœur")
        print(f"  (a) boucle docxtpl naïve      {ms(a)}")
        print(f"  (b) generateur (préparé)      {ms(b)}")
        print(f"  (c) plancher (zip réécrit)    {ms(c)}")
        print(f"  a/b = {a / b:5.1f}   (objectif ≥ 5)")
        print(f"  b/c = {b / c:5.2f}   (objectif ≤ 2)")


def parallele(chemins: list[Path], nombre: int) -> None:
    travaux = []
    for chemin in chemins:
        travaux += [(MODELES / document.modele, document.contexte) for document in documents(verifier(chemin)[0])]
    travaux = (travaux * (nombre // len(travaux) + 1))[:nombre]
    coeurs = os.cpu_count() or 1
    temps = {}
    for processus in sorted({1, coeurs}):
        debut = time.perf_counter()
        _rendre_tous(travaux, processus, lambda total: None)
        temps[processus] = time.perf_counter() - debut
    print(f"Rendu parallèle de {nombre} documents (tous modèles), {coeurs} cœurs")
    for processus, duree in temps.items():
        print(f"  {processus} processus : {duree:6.2f} s  ({ms(duree / nombre).strip()} par document)")
    if coeurs > 1:
        print(f"  accélération : {temps[1] / temps[coeurs]:4.2f} × sur {coeurs} cœurs")


def memoire(chemins: list[Path]) -> None:
    """La pointe de mémoire d'un `generateur generer` de la charge entière, dans son propre processus."""
    with tempfile.TemporaryDirectory() as sortie:
        commande = [sys.executable, "-c", "from generateur.cli import principal; principal()", "generer", *map(str, chemins), "--sortie", sortie]
        subprocess.run(commande, check=True, capture_output=True)
        ecrits = sum(1 for p in Path(sortie).rglob("*.docx"))
    pointe = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"Génération de {ecrits} documents ({len(chemins)} dossiers) : mémoire de pointe {pointe:.0f} Mo (objectif < 300 Mo)")


def pdf_par_lot(chemins: list[Path], nombre: int) -> None:
    if shutil.which("soffice") is None:
        print("PDF : LibreOffice absent, mesure sautée")
        return
    lot = {}
    for chemin in chemins:
        for document in documents(verifier(chemin)[0]):
            lot[f"{len(lot):03d}_{document.nom_fichier}"] = rendre(MODELES / document.modele, document.contexte)
            if len(lot) == nombre:
                break
        if len(lot) == nombre:
            break
    debut = time.perf_counter()
    pdf.convertir(lot)
    ensemble = (time.perf_counter() - debut) / nombre
    debut = time.perf_counter()
    for nom, contenu in lot.items():
        pdf.convertir({nom: contenu})
    un_par_un = (time.perf_counter() - debut) / nombre
    print(f"PDF/A de {nombre} documents, par document")
    print(f"  un LibreOffice pour tous  {ms(ensemble)}")
    print(f"  un LibreOffice par document {ms(un_par_un)}")
    print(f"  rapport = {un_par_un / ensemble:4.1f}   (objectif ≥ 3)")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--documents", type=int, default=200)
    arguments.add_argument("--sans-pdf", action="store_true")
    options = arguments.parse_args()
    print(f"Machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as dossier:
        chemins = ecrire_charge(Path(dossier), max(options.documents, 125))
        print(f"Charge : {len(chemins)} EPCI fictifs (benchmarks/charge.py)\n")
        comparer(chemins, options.documents)
        print()
        parallele(chemins, 1000)
        print()
        memoire(chemins[:125])  # 125 dossiers de 8 documents : 1 000 documents
        if not options.sans_pdf:
            print()
            pdf_par_lot(chemins, 20)


if __name__ == "__main__":
    main()
