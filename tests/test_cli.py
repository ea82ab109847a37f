"""La ligne de commande : aide en français, montants en lettres, codes de sortie."""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import RACINE, lancer


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("14620", "quatorze mille six cent vingt euros"),
        ("14620.50", "quatorze mille six cent vingt euros et cinquante centimes"),
        ("14620,50", "quatorze mille six cent vingt euros et cinquante centimes"),
        ("14 620,50", "quatorze mille six cent vingt euros et cinquante centimes"),
        ("1000000", "un million d'euros"),
    ],
)
def test_montant_en_lettres(saisie, attendu):
    resultat = lancer("montant", saisie)
    assert (resultat.exit_code, resultat.stdout) == (0, attendu + "\n")


def test_montant_en_orthographe_1990():
    assert lancer("montant", "21930", "--orthographe", "1990").stdout == "vingt-et-un-mille-neuf-cent-trente euros\n"


@pytest.mark.parametrize(
    ("saisie", "message"),
    [
        ("-5", "« -5 » est négatif : un montant en euros est positif ou nul"),
        ("abc", "« abc » n'est pas un montant : un nombre en euros est attendu, par exemple « 14 620 » ou « 14 620,50 »"),
        ("1,505", "« 1,505 » a plus de deux décimales : un montant en euros s'écrit au centime près"),
    ],
)
def test_montant_invalide_sort_en_2_avec_un_message_francais(saisie, message):
    resultat = lancer("montant", saisie)
    assert (resultat.exit_code, resultat.stdout, resultat.stderr) == (2, "", message + "\n")


@pytest.mark.parametrize("commande", [[], ["verifier"], ["generer"], ["montant"], ["modeles"], ["modeles", "afficher"]])
def test_aide_de_chaque_commande(commande):
    resultat = lancer(*commande, "--help")
    assert resultat.exit_code == 0
    assert resultat.stdout.startswith("Utilisation : generateur ")


def test_donnees_illisibles_sortent_en_2(tmp_path):
    fichier = tmp_path / "vide.yaml"
    fichier.write_text("", encoding="utf-8")
    resultat = lancer("verifier", fichier)
    assert (resultat.exit_code, resultat.stderr) == (2, f"{fichier} : (racine) : le fichier est vide ; il doit contenir des données YAML (clé: valeur)\n")


def test_erreurs_d_usage_de_click_en_francais():
    resultat = lancer("generer", "x", "--forse")
    assert resultat.exit_code == 2
    assert resultat.stderr.splitlines()[-1] == "Erreur : Option inconnue : '--forse'. (Vouliez-vous dire l'un de : '--force', '--sortie' ?)"
    assert lancer("verifier").stderr.splitlines()[-1] == "Erreur : Argument manquant 'DOSSIER'."
    assert lancer("generer", "--help").stdout.startswith("Utilisation : generateur generer [OPTIONS] DOSSIERS...")


def test_aide_sans_mot_anglais():
    """Titres suivis de « : » à la française, métavariables en français, intervalle dit en français."""
    general, generer = lancer("--help").stdout, lancer("generer", "--help").stdout
    assert general.startswith("Utilisation : generateur [OPTIONS] COMMANDE [ARGUMENTS]...\n")
    assert "\nOptions :\n" in general and "\nCommandes :\n" in general
    assert "--sortie CHEMIN" in generer and "--processus N" in generer and "[de 1 à 64]" in generer
    for anglais in ("COMMAND", "ARGS", "PATH", "INTEGER", "RANGE", "Options:", "x<="):
        assert not re.search(rf"(?<!\w){re.escape(anglais)}(?!\w)", general + generer), anglais


@pytest.mark.parametrize("sous_commande", ["afficher", "verifier"])
def test_modele_introuvable_sort_en_3_sans_trace(sous_commande, tmp_path):
    absent = tmp_path / "inexistant.docx"
    resultat = lancer("modeles", sous_commande, absent)
    assert (resultat.exit_code, resultat.stdout, resultat.stderr) == (3, "", f"{absent} : modèle introuvable ; un fichier .docx existant est attendu\n")


@pytest.mark.parametrize(
    ("arguments", "charges"),
    [
        (["--help"], []),
        (["montant", "12"], ["num2words"]),
        (["verifier", "donnees/val_exemple"], ["pydantic", "yaml"]),
        (["verifier", "donnees/cotentin"], ["pydantic", "yaml"]),  # avec des paiements à contrôler contre les appels de fonds
    ],
)
def test_chaque_commande_ne_charge_que_ce_dont_elle_a_besoin(arguments, charges):
    """`--help` n'importe aucune bibliothèque des étapes ; `montant` seulement num2words ;
    `verifier` d'un dossier sans anomalie ni Word, ni Babel, ni num2words, ni les vues : le
    démarrage ne paie que ce que la commande emploie (les paiements se contrôlent contre les
    appels de fonds chiffrés par les contrôles, sans les mettre en mots)."""
    import subprocess
    import sys

    code = (
        f"import sys; from generateur.cli import principal; principal({arguments!r}, standalone_mode=False); "
        "print(sorted({'.'.join(m.split('.')[:2]) if m.startswith('generateur.') else m.split('.')[0] for m in sys.modules}"
        " & {'pydantic', 'docxtpl', 'docx', 'lxml', 'babel', 'yaml', 'num2words', 'generateur.vues', 'generateur.sorties'}))"
    )
    resultat = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=RACINE)
    assert resultat.stdout.splitlines()[-1] == repr(charges)


def test_valeur_hors_intervalle_dite_en_francais():
    resultat = lancer("generer", "x", "--processus", "99")
    assert resultat.exit_code == 2
    assert resultat.stderr.splitlines()[-1] == "Erreur : Valeur invalide pour '--processus' : 99 est hors de l'intervalle permis (de 1 à 64)."
    assert "de 0 à 3600]" in lancer("generer", "--help").stdout


def test_generer_avec_les_modeles_en_cache_ne_charge_ni_docxtpl_ni_python_docx(tmp_path):
    """docxtpl et python-docx (~90 ms) ne servent qu'à préparer un modèle : la seconde commande,
    qui reprend les modèles préparés du cache, s'en passe ; les documents sont les mêmes."""
    import subprocess
    import sys

    def generer(sortie):
        code = (
            "import atexit, sys; atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} & {'docxtpl', 'docx'}))); "
            f"from generateur.cli import principal; principal(['generer', 'donnees/val_exemple', '--sortie', {str(sortie)!r}])"
        )
        env = {**os.environ, "GENERATEUR_CACHE": str(tmp_path / "cache")}
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=RACINE, env=env).stdout.splitlines()[-1]

    assert generer(tmp_path / "premiere") == "['docx', 'docxtpl']"  # cache vide : les modèles sont préparés
    assert generer(tmp_path / "seconde") == "[]"
    premiere, seconde = tmp_path / "premiere" / "val_exemple", tmp_path / "seconde" / "val_exemple"
    assert sorted(p.name for p in seconde.iterdir()) == sorted(p.name for p in premiere.iterdir())
    assert all((seconde / p.name).read_bytes() == p.read_bytes() for p in premiere.iterdir())
