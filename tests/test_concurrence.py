"""De vrais processus `generateur generer` lancés en même temps, tués net (kill -9) ou
interrompus (Ctrl-C, SIGTERM) pendant qu'ils écrivent : chaque dossier de sortie garde soit
l'ancien jeu et son manifeste, soit le nouveau et le sien ; rien d'autre ne reste qu'un
dossier « .<nom>.generateur-… » que la génération suivante retire."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import RACINE, lancer

VAL = RACINE / "donnees" / "val_exemple"
COMMANDE = [sys.executable, "-c", "from generateur.cli import principal; principal(prog_name='generateur')"]

pytestmark = pytest.mark.lent


def lancer_processus(*arguments) -> subprocess.Popen:
    return subprocess.Popen([*COMMANDE, *map(str, arguments)], cwd=RACINE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lot(tmp_path: Path, nombre: int, objet: str = "") -> list[Path]:
    """`nombre` copies de val_exemple (d00, d01…), l'objet de la décision précédé de `objet`."""
    dossiers = []
    for rang in range(nombre):
        copie = tmp_path / "donnees" / f"d{rang:02d}"
        shutil.rmtree(copie, ignore_errors=True)
        shutil.copytree(VAL, copie)
        seance = copie / "seance_2024-03-14.yaml"
        seance.write_text(seance.read_text(encoding="utf-8").replace("objet: ", f"objet: {objet}"), encoding="utf-8")
        dossiers.append(copie)
    return dossiers


def manifestes(sortie: Path) -> dict[str, bytes]:
    return {d.name: (d / "manifeste.json").read_bytes() for d in sortie.iterdir() if not d.name.startswith(".")}


def attendre(condition, limite: float = 60) -> None:
    fin = time.monotonic() + limite
    while not condition():
        assert time.monotonic() < fin, "condition jamais remplie"
        time.sleep(0.001)


def verifier_sorties(sortie: Path):
    return lancer("verifier-sorties", sortie)


def test_deux_generations_en_meme_temps_une_seule_ecrit(tmp_path):
    for essai in range(2):
        sortie = tmp_path / f"sorties{essai}"
        processus = [lancer_processus("generer", VAL, "--sortie", sortie, "--processus", "1") for _ in range(2)]
        resultats = sorted((p.wait(), p.stderr.read()) for p in processus)
        for p in processus:
            p.stdout.close()
            p.stderr.close()
        assert resultats == [(0, ""), (3, f"{sortie / 'val_exemple'} contient déjà des documents ; ils ne sont remplacés qu'avec --force\n")]
        assert verifier_sorties(sortie).exit_code == 0
        assert sorted(p.name for p in sortie.iterdir()) == ["val_exemple"]


def test_verrou_tenu_la_seconde_generation_renonce_avec_un_message(tmp_path):
    sortie = tmp_path / "sorties"
    sortie.mkdir()
    verrou = sortie / ".val_exemple.generateur-verrou"
    with open(verrou, "wb") as fichier:
        fcntl.flock(fichier, fcntl.LOCK_EX)
        resultat = subprocess.run([*COMMANDE, "generer", str(VAL), "--sortie", str(sortie), "--attente", "0.5"], cwd=RACINE, capture_output=True, text=True)
    assert (resultat.returncode, resultat.stdout) == (3, "")
    assert resultat.stderr == (
        f"une autre génération écrit déjà dans {sortie / 'val_exemple'} (verrou .val_exemple.generateur-verrou) et n'a pas fini en 0.5 s ; "
        "rien n'a été écrit : relancez quand elle sera terminée\n"
    )
    assert sorted(p.name for p in sortie.iterdir()) == [".val_exemple.generateur-verrou"]
    reprise = lancer("generer", VAL, "--sortie", sortie)
    assert reprise.exit_code == 0, reprise.stderr
    assert sorted(p.name for p in sortie.iterdir()) == ["val_exemple"]


def test_kill_9_pendant_force_laisse_l_ancien_ou_le_nouveau_jeu(tmp_path):
    sortie = tmp_path / "sorties"
    anciens_dossiers = lot(tmp_path, 12, "Ancien. ")
    assert lancer("generer", *anciens_dossiers, "--sortie", sortie).exit_code == 0
    anciens = manifestes(sortie)
    nouveaux_dossiers = lot(tmp_path, 12, "Nouveau. ")
    processus = lancer_processus("generer", *nouveaux_dossiers, "--sortie", sortie, "--force")
    attendre(lambda: (sortie / "d00" / "manifeste.json").exists() and manifestes(sortie).get("d00") != anciens["d00"])
    processus.send_signal(signal.SIGKILL)
    processus.wait()
    processus.stdout.close()
    processus.stderr.close()

    apres = manifestes(sortie)
    assert sorted(apres) == sorted(anciens)
    remplaces = [nom for nom in apres if apres[nom] != anciens[nom]]
    assert "d00" in remplaces
    restes = sorted(p.name for p in sortie.iterdir() if p.name.startswith("."))
    assert all(".generateur-" in nom for nom in restes), restes
    verification = verifier_sorties(sortie)
    lignes = verification.stderr.splitlines()
    assert lignes[:len(restes)] == [f"{sortie / nom} : reste d'une génération arrêtée net ; la prochaine génération de ce dossier le retire" for nom in restes]
    assert all(ligne.endswith(" : conforme") for ligne in lignes[len(restes):] + verification.stdout.splitlines())
    assert verification.exit_code == (1 if restes else 0)

    assert lancer("generer", *nouveaux_dossiers, "--sortie", sortie, "--force").exit_code == 0
    assert sorted(p.name for p in sortie.iterdir()) == [f"d{rang:02d}" for rang in range(12)]
    final = manifestes(sortie)
    assert all(final[nom] == apres[nom] for nom in remplaces)
    assert all(final[nom] != anciens[nom] for nom in final)
    assert verifier_sorties(sortie).exit_code == 0


@pytest.mark.parametrize(("signal_", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interruption_pendant_l_ecriture_sort_proprement(tmp_path, signal_, code):
    sortie = tmp_path / "sorties"
    dossiers = lot(tmp_path, 12)
    for essai in range(5):
        shutil.rmtree(sortie, ignore_errors=True)
        processus = lancer_processus("generer", *dossiers, "--sortie", sortie)
        attendre(lambda: (sortie / "d00" / "manifeste.json").exists() or processus.poll() is not None)
        processus.send_signal(signal_)
        retour, erreurs = processus.wait(), processus.stderr.read()
        processus.stdout.close()
        processus.stderr.close()
        if retour != 0:
            break
    assert (retour, erreurs.splitlines()[-1]) == (code, "Interrompu : aucun dossier n'est laissé à moitié écrit (les dossiers déjà écrits le restent).")
    assert "Traceback" not in erreurs
    assert [p.name for p in sortie.iterdir() if p.name.startswith(".")] == []
    assert verifier_sorties(sortie).exit_code == 0


def test_ctrl_c_pendant_le_rendu_arrete_tous_les_processus_sans_trace(tmp_path):
    """Ctrl-C au terminal touche tout le groupe : le processus principal et ceux du rendu."""
    sortie = tmp_path / "sorties"
    processus = subprocess.Popen([*COMMANDE, "generer", *map(str, lot(tmp_path, 20)), "--sortie", str(sortie), "--processus", "2"],
                                 cwd=RACINE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    lu = b""
    while b"Rendu des documents" not in lu:
        morceau = os.read(processus.stderr.fileno(), 100)
        assert morceau, lu
        lu += morceau
    os.killpg(processus.pid, signal.SIGINT)
    erreurs = (lu + processus.stderr.read()).decode()
    processus.stderr.close()
    assert processus.wait() == 130
    assert erreurs.splitlines()[-1] == "Interrompu : aucun dossier n'est laissé à moitié écrit (les dossiers déjà écrits le restent)."
    assert "Traceback" not in erreurs
    assert not sortie.exists()
