"""Outils communs des tests : une copie modifiable du dossier d'exemple, et la CLI."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generateur.cli import principal
from generateur.etapes import verifier
from generateur.lecture import fichiers

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "donnees" / "cotentin"
VAL_EXEMPLE = RACINE / "donnees" / "val_exemple"


def pytest_configure(config) -> None:
    """Les modèles préparés de la suite gardés dans un cache à elle (`rendu.cache`), vide au
    départ : les tests ne lisent ni n'écrivent celui de l'utilisateur."""
    config.cache_des_modeles = tempfile.mkdtemp(prefix="generateur-cache-")
    os.environ["GENERATEUR_CACHE"] = config.cache_des_modeles


def pytest_unconfigure(config) -> None:
    shutil.rmtree(config.cache_des_modeles, ignore_errors=True)


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    """Une copie du dossier d'exemple, à abîmer à volonté."""
    copie = tmp_path / "cotentin"
    shutil.copytree(EXEMPLE, copie)
    return copie


@pytest.fixture(params=["libyaml", "pur_python"])
def chargeur_yaml(request, monkeypatch) -> str:
    """Chaque test qui le demande passe deux fois : YAML composé par libyaml (repli sur le pur
    Python si libyaml refuse le texte), puis par le seul chargeur pur Python, comme là où libyaml manque."""
    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML installé sans libyaml")
        monkeypatch.setattr(fichiers, "CHARGEURS", (yaml.CSafeLoader, yaml.SafeLoader))
    else:
        monkeypatch.setattr(fichiers, "CHARGEURS", (yaml.SafeLoader,))
    return request.param


@pytest.fixture(scope="session")
def cotentin():
    """Le dossier d'exemple du Cotentin, lu et vérifié une fois pour toute la suite (à ne pas modifier)."""
    return verifier(EXEMPLE)[0]


@pytest.fixture(scope="session")
def val_exemple():
    """Le dossier fictif Val d'Exemple, lu et vérifié une fois pour toute la suite (à ne pas modifier)."""
    return verifier(VAL_EXEMPLE)[0]


@pytest.fixture(scope="session")
def exemple_genere(tmp_path_factory) -> Path:
    """Les documents du dossier d'exemple, générés une fois pour tous les tests qui les lisent."""
    sortie = tmp_path_factory.mktemp("sorties")
    resultat = lancer("generer", EXEMPLE, "--sortie", sortie)
    assert resultat.exit_code == 0, resultat.output
    return sortie / "cotentin"


def remplacer(fichier: Path, avant: str, apres: str) -> None:
    """Remplace une seule occurrence de `avant` dans `fichier` (le test échoue sinon)."""
    texte = fichier.read_text(encoding="utf-8")
    assert texte.count(avant) == 1, f"« {avant} » doit apparaître une fois dans {fichier.name}"
    fichier.write_text(texte.replace(avant, apres), encoding="utf-8")


def ligne_de(fichier: Path, extrait: str) -> int:
    """Numéro (à partir de 1) de la première ligne de `fichier` contenant `extrait`."""
    for numero, ligne in enumerate(fichier.read_text(encoding="utf-8").splitlines(), start=1):
        if extrait in ligne:
            return numero
    raise AssertionError(f"« {extrait} » absent de {fichier}")


def lancer(*arguments: str):
    """Lance la commande `generateur` et rend le résultat (code, sorties)."""
    return CliRunner().invoke(principal, [str(a) for a in arguments], catch_exceptions=False, prog_name="generateur")


def contenu(dossier_sortie: Path) -> list[str]:
    """Tout ce qui existe sous `dossier_sortie`, pour comparer avant et après."""
    return sorted(str(p.relative_to(dossier_sortie)) for p in dossier_sortie.rglob("*")) if dossier_sortie.exists() else []
