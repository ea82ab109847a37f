"""Le document généré s'ouvre pour de vrai : LibreOffice le convertit en PDF et le texte y est."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import EXEMPLE, lancer

LIBREOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
# En CI, LibreOffice est installé par .ci/run : son absence y est un échec, pas un saut.
pytestmark = pytest.mark.skipif(
    not (LIBREOFFICE and PDFTOTEXT) and not os.environ.get("CI"), reason="LibreOffice ou pdftotext absent de ce poste"
)


def test_decision_convertie_en_pdf_contient_vote_et_presences(tmp_path):
    assert lancer("generer", EXEMPLE, "--sortie", tmp_path).exit_code == 0
    document = tmp_path / "cotentin" / "decision_B050_2022.docx"
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(document)],
        check=True, capture_output=True, timeout=180,
    )
    texte = subprocess.run([PDFTOTEXT, "-layout", str(tmp_path / "decision_B050_2022.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    assert "(Pour : 23 – Contre : 0 – Abstention : 0)" in texte
    assert "BUREAU COMMUNAUTAIRE DU 22 NOVEMBRE 2022" in texte
    assert "Nombres de présents : 24" in texte
    pages = subprocess.run(["pdfinfo", str(tmp_path / "decision_B050_2022.pdf")], check=True, capture_output=True, text=True).stdout
    assert int(next(l for l in pages.splitlines() if l.startswith("Pages:")).split()[1]) >= 2
