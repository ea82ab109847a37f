"""L'interface web dans un vrai navigateur : le Chromium de Debian, piloté par Playwright.

Aucun navigateur n'est téléchargé : Playwright lance /usr/bin/chromium (paquet Debian
« chromium », installé par .ci/run). Le serveur de test écoute sur 127.0.0.1 seulement.
Une capture de chaque page est écrite dans $GENERATEUR_CAPTURES (ou un dossier temporaire).
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import docx
import pytest

from generateur.web import creer_application, hotes_locaux
from tests.conftest import RACINE

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
DELAI = 30_000  # ms, pour chaque attente : le rendu des pages et la génération restent bien en deçà

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason="Chromium (paquet Debian « chromium ») est installé par .ci/run")
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def serveur(tmp_path: Path):
    """L'application sur 127.0.0.1, port libre, servant une copie des exemples."""
    from werkzeug.serving import make_server

    donnees = tmp_path / "donnees"
    for nom in ("cotentin", "val_exemple"):
        shutil.copytree(RACINE / "donnees" / nom, donnees / nom)
    serveur_ = make_server("127.0.0.1", 0, None, threaded=True)
    serveur_.app = creer_application([donnees / "cotentin", donnees / "val_exemple"], tmp_path / "sorties", hotes_locaux(serveur_.server_port))
    fil = threading.Thread(target=serveur_.serve_forever, daemon=True)
    fil.start()
    yield f"http://127.0.0.1:{serveur_.server_port}", donnees
    serveur_.shutdown()
    fil.join(timeout=10)


@pytest.fixture
def navigateur(tmp_path: Path):
    captures = Path(os.environ.get("GENERATEUR_CAPTURES") or tmp_path / "captures")
    captures.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTS)
        contexte = chromium.new_context(accept_downloads=True, locale="fr-FR", viewport={"width": 1280, "height": 900})
        contexte.set_default_timeout(DELAI)
        page = contexte.new_page()
        yield page, lambda nom: page.screenshot(path=str(captures / f"{nom}.png"), full_page=True)
        contexte.close()
        chromium.close()


def votants(page, numero: str):
    return page.locator(f'#comptes tr[data-numero="{numero}"] .votants')


def test_une_seance_saisie_enregistree_generee_et_telechargee(serveur, navigateur):
    adresse, donnees = serveur
    page, capturer = navigateur
    fichier = donnees / "val_exemple" / "seance_2024-03-14.yaml"
    avant = fichier.read_text(encoding="utf-8")

    page.goto(f"{adresse}/")
    expect = playwright.expect
    expect(page.locator("h1")).to_have_text("Dossiers")
    expect(page.locator("section.dossier").nth(1)).to_contain_text("Cohérent : toutes les vérifications passent.")
    # Au clavier : la première tabulation mène au lien d'évitement.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Aller au contenu")
    capturer("1-dossiers")

    page.locator("section.dossier").nth(1).get_by_role("link", name="Séance du 14 mars 2024").click()
    expect(page.locator("h1")).to_have_text("Séance du 14 mars 2024 — Bureau communautaire")
    # 12 membres ; 3 excusés et 1 absente : 8 présents, 1 suppléant, 1 pouvoir (Luc GIRARD à Paul MARTIN),
    # soit 10 votants ; Yann LE GALL part avant le troisième vote : 9.
    expect(votants(page, "B2024_011")).to_have_text("10")
    expect(votants(page, "B2024_012")).to_have_text("10")
    expect(votants(page, "B2024_013")).to_have_text("9")
    capturer("2-seance")

    # Julie BLANC, absente, est en fait excusée et a donné pouvoir à Hugo LEROY, présent à chaque vote.
    page.get_by_label("Présence de Julie BLANC").select_option("excuse")
    page.get_by_label("Pouvoir ou suppléant de Julie BLANC, s'il est excusé").select_option(label="pouvoir à Hugo LEROY")
    expect(votants(page, "B2024_011")).to_have_text("11")
    expect(votants(page, "B2024_012")).to_have_text("11")
    expect(votants(page, "B2024_013")).to_have_text("10")
    # Le vote saisi (9 pour, 1 contre) ne fait plus le compte : refusé avant d'enregistrer.
    expect(page.locator("#essai")).to_contain_text("10 ≠ 11 votants")
    expect(page.locator("#essai")).to_contain_text("Ces valeurs seraient refusées à l'enregistrement")
    capturer("3-seance-refus-avant-enregistrement")

    page.get_by_label("Pour, B2024_012").fill("10")
    expect(page.locator("#essai")).to_contain_text("Ces valeurs passent tous les contrôles : elles peuvent être enregistrées.")
    page.get_by_role("button", name="Enregistrer la séance").click()
    expect(page.locator(".resultat")).to_contain_text("Enregistré dans seance_2024-03-14.yaml.")
    capturer("4-seance-enregistree")

    attendu = avant.replace(
        "      - Éric Fontaine\n    absents: [Julie Blanc]\n",
        "      - Éric Fontaine\n      - {membre: Julie Blanc, pouvoir_a: Hugo Leroy}\n",
    ).replace("          pour: 9\n", "          pour: 10\n")
    assert attendu != avant
    assert fichier.read_text(encoding="utf-8") == attendu
    assert "    # EXEMPLE FICTIF.\n" in attendu

    page.get_by_role("link", name="Générer et télécharger").click()
    page.get_by_role("button", name="Générer les documents du dossier").click()
    expect(page.locator("[role=status]")).to_contain_text("documents écrits.")
    capturer("5-documents")
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="decision_B2024_012.docx").click()
    texte = "\n".join(paragraphe.text for paragraphe in docx.Document(telechargement.value.path()).paragraphs)
    assert "Madame Julie BLANC (pouvoir à Monsieur Hugo LEROY)" in texte
    # 8 présents, 1 suppléant, 2 pouvoirs : 11 votants, à l'ouverture comme au vote de B2024_012.
    assert "Nombre de votants\u00a0: 11" in texte
    assert "Présents au moment du vote\u00a0: 8 – Votants\u00a0: 11" in texte


def test_les_autres_pages_se_lisent(serveur, navigateur):
    adresse, donnees = serveur
    page, capturer = navigateur
    expect = playwright.expect
    page.goto(f"{adresse}/dossiers/val_exemple/budget")
    expect(page.locator("h1")).to_have_text("Budget de la convention — val_exemple")
    # Une saisie fausse est dite dans la page avant tout enregistrement.
    page.get_by_label("Département, 2025, en euros").fill("3850")
    expect(page.locator("#essai")).to_contain_text("2025 : les contributions font 12\u202f810\u00a0€")
    # La cellule refusée est encadrée dans le tableau même, et annoncée invalide.
    expect(page.get_by_label("Total HT 2025, en euros")).to_have_attribute("aria-invalid", "true")
    capturer("6-budget")

    (donnees / "val_exemple" / "convention.yaml").write_text(
        (donnees / "val_exemple" / "convention.yaml").read_text(encoding="utf-8").replace("part: 40", "part: 45"), encoding="utf-8"
    )
    # La part indiquée (45 %) n'est plus celle que font les montants de la ligne (40 %).
    page.goto(f"{adresse}/")
    expect(page.locator("section.dossier").nth(1)).to_contain_text("1 anomalie")
    capturer("7-dossiers-anomalies")
    page.locator("section.dossier").nth(1).get_by_role("link", name="1 anomalie").click()
    ligne = page.locator("table.constats tbody tr").first
    expect(ligne.locator("th")).to_have_text("Convention › budget › ligne « CCI Exemple / CMA Exemple »")
    expect(ligne.locator("td").first).to_contain_text("Part indiquée 45\u00a0%, mais les montants de « CCI Exemple / CMA Exemple »")
    capturer("8-anomalies")
    # La page suit le disque : la correction fait disparaître les anomalies sans recharger.
    (donnees / "val_exemple" / "convention.yaml").write_text(
        (donnees / "val_exemple" / "convention.yaml").read_text(encoding="utf-8").replace("part: 45", "part: 40"), encoding="utf-8"
    )
    expect(page.locator("#anomalies")).to_contain_text("Aucune anomalie : le dossier est cohérent et peut être généré.")

    page.goto(f"{adresse}/dossiers/val_exemple/seances/1")
    expect(page.locator("h1")).to_have_text("Séance du 27 juin 2024 — Conseil communautaire")
    # Hugo LEROY part avant D2024_043 : le pouvoir de Luc GIRARD tombe, 16 votants au lieu de 17.
    expect(votants(page, "D2024_042")).to_have_text("17")
    expect(votants(page, "D2024_043")).to_have_text("16")
    capturer("10-seance-conseil")

    if shutil.which("soffice") and shutil.which("pdftoppm"):
        page.goto(f"{adresse}/dossiers/val_exemple/documents")
        page.get_by_role("button", name="Générer les documents du dossier").click()
        page.get_by_text("Aperçu : première page de B2024_012").click()
        image = page.get_by_alt_text("Première page de l'acte B2024_012")
        expect(image).to_be_visible()
        page.wait_for_function("() => { const i = document.querySelector('details[open] img'); return i && i.complete && i.naturalWidth > 0; }", timeout=120_000)
        capturer("9-apercu")
