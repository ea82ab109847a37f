"""Les PDF/A : tous les documents d'une génération convertis par un seul LibreOffice, le texte y
est, le PDF se déclare PDF/A ; sans LibreOffice, un message clair et les .docx quand même."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

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
    lancement = subprocess.run

    def compter(commande, *args, **kwargs):
        appels.append(commande)
        return lancement(commande, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf.subprocess, "run", compter)
        resultat = lancer("generer", EXEMPLE, "--sortie", dossier, "--pdf")
    assert resultat.exit_code == 0, resultat.output
    return dossier / "cotentin", appels


def texte(fichier) -> str:
    return subprocess.run([PDFTOTEXT, "-layout", str(fichier), "-"], check=True, capture_output=True, text=True).stdout


@avec_libreoffice
def test_un_seul_libreoffice_pour_tous_les_documents(sortie):
    dossier, appels = sortie
    assert len(appels) == 1
    assert len(list(dossier.glob("*.pdf"))) == len(list(dossier.glob("*.docx"))) == 10 + 10  # actes, documents des 2 séances


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
