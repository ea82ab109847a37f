"""Les PDF/A : les documents d'une génération répartis entre un LibreOffice par processus, chacun
avec son profil ; le texte y est, le PDF se déclare PDF/A ; sans LibreOffice, un message clair et
les .docx quand même."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from generateur.exceptions import ErreurPdf
from generateur.sorties import pdf
from tests.conftest import EXEMPLE, lancer

LIBREOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
# En CI, LibreOffice est installé par .ci/run : son absence y est un échec, pas un saut.
avec_libreoffice = pytest.mark.skipif(
    not (LIBREOFFICE and PDFTOTEXT) and not os.environ.get("CI"), reason="LibreOffice ou pdftotext absent de ce poste"
)


@pytest.fixture(scope="module")
def sortie(tmp_path_factory):
    if not (LIBREOFFICE and PDFTOTEXT) and not os.environ.get("CI"):
        pytest.skip("LibreOffice ou pdftotext absent de ce poste")
    dossier = tmp_path_factory.mktemp("sorties")
    appels = []
    lancement = subprocess.Popen

    def compter(commande, *args, **kwargs):
        appels.append(commande)
        return lancement(commande, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf.subprocess, "Popen", compter)
        resultat = lancer("generer", EXEMPLE, "--sortie", dossier, "--pdf", "--processus", "2")
    assert resultat.exit_code == 0, resultat.output
    return dossier / "cotentin", appels


def texte(fichier) -> str:
    return subprocess.run([PDFTOTEXT, "-layout", str(fichier), "-"], check=True, capture_output=True, text=True).stdout


@avec_libreoffice
def test_un_libreoffice_par_processus_chacun_son_profil_et_sa_part(sortie):
    dossier, appels = sortie
    assert len(appels) == 2
    profils = [argument for commande in appels for argument in commande if argument.startswith("-env:UserInstallation=")]
    assert len(set(profils)) == 2
    donnes = sorted(Path(argument).name for commande in appels for argument in commande if argument.endswith(".docx"))
    assert donnes == [f"{rang:05d}.docx" for rang in range(10 + 10)]  # chaque document à un seul LibreOffice
    assert len(list(dossier.glob("*.pdf"))) == len(list(dossier.glob("*.docx"))) == 10 + 10  # actes, documents des 2 séances


def test_documents_repartis_le_plus_gros_d_abord_vers_la_part_la_moins_chargee():
    # a (9) va à la part 1, b (5) à la 2, c (4) à la 2 (5 < 9), d (3) à la 1 (9 = 9 : la première),
    # e (1) à la 2 (9 + 1 = 10 contre 12).
    assert pdf.repartir({"e": 1, "c": 4, "a": 9, "d": 3, "b": 5}, 2) == [["a", "d"], ["b", "c", "e"]]
    assert pdf.repartir({"a": 1, "b": 2}, 4) == [["b"], ["a"]]
    assert pdf.repartir({"a": 1, "b": 2}, 1) == [["b", "a"]]


@avec_libreoffice
def test_pdf_de_la_decision_contient_vote_et_presences(sortie):
    contenu = texte(sortie[0] / "decision_B050_2022.pdf")
    assert "(Pour : 23 – Contre : 0 – Abstention : 0)" in contenu  # pdftotext rend l’insécable en espace
    assert "BUREAU COMMUNAUTAIRE DU 22 NOVEMBRE 2022" in contenu
    assert "Nombre de présents : 24" in contenu


@avec_libreoffice
def test_pdf_de_l_appel_de_fonds_contient_le_montant(sortie):
    contenu = " ".join(texte(sortie[0] / "appel_de_fonds_AF-2023-01.pdf").split())
    assert "Soit la somme de 29 240 € (vingt-neuf mille deux cent quarante euros)." in contenu.replace("\u202f", " ").replace("\u00a0", " ")


@avec_libreoffice
def test_pdf_se_declare_pdf_a(sortie):
    for fichier in sortie[0].glob("*.pdf"):
        assert b"<pdfaid:part>2</pdfaid:part>" in fichier.read_bytes(), fichier.name


def test_sans_libreoffice_message_clair_et_docx_ecrits(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda nom: None)
    resultat = lancer("generer", EXEMPLE, "--sortie", tmp_path, "--pdf")
    assert resultat.exit_code == 3
    assert resultat.stderr == (
        "LibreOffice est introuvable : installez-le (paquet Debian « libreoffice-writer-nogui ») pour produire les PDF ; "
        "les documents .docx ont été écrits\n"
    )
    assert len(list((tmp_path / "cotentin").glob("*.docx"))) == 10 + 10
    assert list((tmp_path / "cotentin").glob("*.pdf")) == []


def _faux_libreoffice(dossier: Path, script: str) -> str:
    programme = dossier / "soffice"
    programme.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    programme.chmod(0o755)
    return str(programme)


def test_echec_de_libreoffice_nomme_le_premier_document_et_garde_son_message(tmp_path, monkeypatch):
    faux = _faux_libreoffice(tmp_path, 'echo "convert x.docx -> x.pdf"\necho "Error: source file could not be loaded" >&2\nexit 81\n')
    monkeypatch.setattr(pdf, "programme", lambda: faux)
    with pytest.raises(ErreurPdf) as erreur:
        pdf.convertir({"sortie/a.docx": b"a", "sortie/b.docx": b"bb", "sortie/c.docx": b"ccc"}, instances=2)
    assert str(erreur.value) == (
        "LibreOffice n'a pas converti sortie/a.docx en PDF (code 81) : « Error: source file could not be loaded » ; "
        "les documents .docx ont été écrits"
    )


def test_au_dela_du_delai_chaque_libreoffice_est_arrete_avec_ses_enfants(tmp_path, monkeypatch):
    """Le faux LibreOffice lance un enfant qui dormirait une minute : tous deux sont arrêtés."""
    faux = _faux_libreoffice(tmp_path, f'sleep 60 &\necho $! >> {tmp_path}/enfants\nwait\n')
    monkeypatch.setattr(pdf, "programme", lambda: faux)
    monkeypatch.setattr(pdf, "DELAI_MINIMUM", 3)
    monkeypatch.setattr(pdf, "DELAI_PAR_DOCUMENT", 0)
    with pytest.raises(ErreurPdf) as erreur:
        pdf.convertir({"a.docx": b"a", "b.docx": b"b"}, instances=2)
    assert str(erreur.value) == "LibreOffice n'a pas fini la conversion en 3 s et a été arrêté ; les documents .docx ont été écrits"
    enfants = (tmp_path / "enfants").read_text().split()
    assert len(enfants) == 2
    for enfant in enfants:
        assert _mort_dans_les_5_secondes(int(enfant)), f"sleep {enfant} toujours vivant"


def _mort_dans_les_5_secondes(pid: int) -> bool:
    """SIGKILL est remis sans attendre sa fin : le processus meurt dans l'instant qui suit."""
    fin = time.monotonic() + 5
    while time.monotonic() < fin:
        try:
            if Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] == "Z":
                return True
        except (FileNotFoundError, ProcessLookupError):
            return True
        time.sleep(0.01)
    return False


@avec_libreoffice
def test_pdf_d_un_lot_chaque_dossier_avec_ses_pdf_dans_son_manifeste(tmp_path):
    """Deux dossiers sur deux processus : chacun converti par le LibreOffice de son processus,
    ses PDF écrits avec ses .docx et comptés dans son manifeste."""
    val = EXEMPLE.parent / "val_exemple"
    resultat = lancer("generer", EXEMPLE, val, "--sortie", tmp_path, "--pdf", "--processus", "2")
    assert resultat.exit_code == 0, resultat.output
    for dossier, nombre in (("cotentin", 20), ("val_exemple", 21)):
        pdfs = sorted(p.name for p in (tmp_path / dossier).glob("*.pdf"))
        assert pdfs == sorted(p.with_suffix(".pdf").name for p in (tmp_path / dossier).glob("*.docx"))
        assert len(pdfs) == nombre
        manifeste = (tmp_path / dossier / "manifeste.json").read_text(encoding="utf-8")
        assert all(f'"chemin": "{nom}"' in manifeste for nom in pdfs)
    assert lancer("verifier-sorties", tmp_path).exit_code == 0
