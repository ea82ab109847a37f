"""Installé comme un utilisateur installe un outil : la roue (wheel) dans un environnement neuf,
hors du dépôt, génère l'exemple avec les modèles livrés dans le paquet."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import EXEMPLE, RACINE


def test_la_roue_installee_hors_du_depot_genere_l_exemple(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp_path / "roue", RACINE], check=True, cwd=tmp_path)
    roue = next((tmp_path / "roue").glob("generateur-*.whl"))
    contenu = zipfile.ZipFile(roue).namelist()
    assert {"generateur/modeles/decision.docx", "generateur/lecture/actes_matieres.csv", "generateur/modeles/convention.yaml",
            "generateur/modeles/convention_evenement.docx", "generateur/lecture/departements.csv", "generateur/lecture/regions.csv"} <= set(contenu)

    subprocess.run([sys.executable, "-m", "venv", tmp_path / "env"], check=True)
    subprocess.run([tmp_path / "env" / "bin" / "pip", "install", "--quiet", roue], check=True, cwd=tmp_path)
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    resultat = subprocess.run(
        [tmp_path / "env" / "bin" / "generateur", "generer", EXEMPLE, "--sortie", ailleurs / "sorties"],
        capture_output=True, text=True, cwd=ailleurs,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert (ailleurs / "sorties" / "cotentin" / "decision_B050_2022.docx").is_file()
    module = subprocess.run([tmp_path / "env" / "bin" / "python", "-c", "import generateur; print(generateur.__file__)"], capture_output=True, text=True, cwd=ailleurs, check=True)
    assert module.stdout.startswith(str(tmp_path / "env")), "le paquet installé, pas le dépôt, doit servir"
