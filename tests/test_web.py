"""L'interface web par HTTP (client de test de Flask) : pages, sécurité, enregistrement, génération."""

from __future__ import annotations

import hashlib
import html
from html.parser import HTMLParser
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generateur.web import creer_application, hotes_locaux
from tests.conftest import RACINE, ligne_de, remplacer

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def dossiers(tmp_path: Path) -> dict[str, Path]:
    copies = {}
    for nom in ("cotentin", "val_exemple"):
        copies[nom] = tmp_path / "donnees" / nom
        shutil.copytree(RACINE / "donnees" / nom, copies[nom])
    return copies


@pytest.fixture
def client(dossiers, tmp_path):
    application = creer_application(list(dossiers.values()), tmp_path / "sorties", hotes_locaux(8000))
    return application.test_client()


def lire(client, adresse: str, code: int = 200) -> str:
    reponse = client.get(adresse, base_url=BASE)
    assert reponse.status_code == code, reponse.get_data(as_text=True)
    return reponse.get_data(as_text=True)


def champs_caches(page: str) -> dict[str, str]:
    """Les champs cachés d'une page (jeton, empreintes), comme un navigateur les enverrait."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))


def texte(page: str) -> str:
    """Le texte d'une page, sans balises ni blancs multiples, entités décodées ; les espaces
    insécables, qui comptent, restent."""
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def test_la_page_dossiers_resume_chaque_dossier(client):
    page = texte(lire(client, "/"))
    assert "cotentin — Communauté d'Agglomération du Cotentin Cohérent : toutes les vérifications passent." in page
    assert "Séance du 22 novembre 2022 — Bureau communautaire (1 acte)" in page
    assert "Séance du 10 décembre 2024 — Bureau communautaire (1 acte)" in page
    assert "(1 avenant) Appels de fonds 6" in page
    assert "val_exemple — Communauté de Communes du Val d'Exemple Cohérent" in page
    # 3 années × 2 flux (versement, demande) : 6 appels.
    assert "Séance du 14 mars 2024 — Bureau communautaire (1 acte) Séance du 27 juin 2024 — Conseil communautaire (3 actes) Convention" in page
    assert "Appels de fonds 6 Générer et télécharger les documents de val_exemple" in page


def test_la_page_dossiers_suit_les_fichiers_sur_disque(client, dossiers):
    avant = lire(client, "/fragments/dossiers")
    remplacer(dossiers["val_exemple"] / "seance_2024-03-14.yaml", "pouvoir_a: Paul Martin", "pouvoir_a: Paul Martine")
    apres = texte(lire(client, "/fragments/dossiers"))
    assert apres != texte(avant)
    assert "val_exemple — Communauté de Communes du Val d'Exemple 1 anomalie" in apres


def test_une_anomalie_est_montree_a_cote_de_ce_qu_elle_concerne(client, dossiers):
    remplacer(dossiers["val_exemple"] / "seance_2024-03-14.yaml", "pouvoir_a: Paul Martin", "pouvoir_a: Paul Martine")
    page = texte(lire(client, "/dossiers/val_exemple/anomalies"))
    assert "1 anomalie à corriger avant de générer les documents." in page
    ligne = ligne_de(dossiers["val_exemple"] / "seance_2024-03-14.yaml", "Paul Martine")
    assert (
        "Séance du 14 mars 2024 › membre Luc GIRARD « Paul Martine » n'est pas membre du Bureau communautaire le 14 mars 2024 ; "
        f"vouliez-vous dire « Paul MARTIN » ? seances[0].excuses[0].pouvoir_a seance_2024-03-14.yaml, ligne {ligne}"
    ) in page


def test_une_cellule_du_budget_refusee_porte_son_message(client, dossiers):
    remplacer(dossiers["val_exemple"] / "convention.yaml", "montants: [3703.70, 3840.00, 3930.15]\n      - code: communaute", "montants: [3703.70, 3850.00, 3930.15]\n      - code: communaute")
    page = lire(client, "/dossiers/val_exemple/budget")
    cellule = re.search(r'<td class="nombre fautive">(.*?)</td>', page, re.S)[1]
    assert 'id="champ-convention-budget-total-1"' in cellule
    # 2025 : 5 120 + 3 850 + 3 840 = 12 810 €, pour un total de 12 800 €.
    assert "2025 : les contributions font 12\u202f810\u00a0€, le budget total HT est de 12\u202f800\u00a0€ ; ils doivent être égaux" in texte(cellule)
    assert page.count('class="nombre fautive"') == 1


def test_le_budget_enregistre_ne_change_que_les_valeurs_saisies(client, dossiers):
    fichier = dossiers["val_exemple"] / "convention.yaml"
    avant = fichier.read_text(encoding="utf-8")
    page = lire(client, "/dossiers/val_exemple/budget")
    # 2024 ramené à 10 000 € : 40 % = 4 000, 30 % = 3 000 et 3 000.
    saisie = {**champs_caches(page), "convention.budget.total[0]": "10 000", "convention.budget.lignes[0].montants[0]": "4000",
              "convention.budget.lignes[1].montants[0]": "3000,00", "convention.budget.lignes[2].montants[0]": "3 000"}
    reponse = client.post("/dossiers/val_exemple/budget", data=saisie, base_url=BASE)
    assert reponse.status_code == 200, texte(reponse.get_data(as_text=True))
    assert "Enregistré dans convention.yaml." in texte(reponse.get_data(as_text=True))
    attendu = (avant.replace("total: [12345.67, 12800.00, 13100.50]", "total: [10000, 12800.00, 13100.50]")
               .replace("montants: [4938.27, 5120.00, 5240.20]", "montants: [4000, 5120.00, 5240.20]")
               .replace("montants: [3703.70, 3840.00, 3930.15]", "montants: [3000, 3840.00, 3930.15]"))
    assert fichier.read_text(encoding="utf-8") == attendu
    assert "# EXEMPLE FICTIF" in attendu


def test_un_budget_incoherent_n_est_pas_enregistre(client, dossiers):
    fichier = dossiers["val_exemple"] / "convention.yaml"
    avant = fichier.read_bytes()
    page = lire(client, "/dossiers/val_exemple/budget")
    saisie = {**champs_caches(page), "convention.budget.total[0]": "10 000"}
    reponse = client.post("/dossiers/val_exemple/budget", data=saisie, base_url=BASE)
    assert reponse.status_code == 422
    page = texte(reponse.get_data(as_text=True))
    # Le total, et le flux « demande » (50 % du versement, soit du total moins les chambres), qui doit égaler la ligne du Département.
    assert "Enregistrement refusé, rien n'a été écrit : les contrôles de « verifier » trouvent 2 anomalies." in page
    assert "2024 : les contributions font 12\u202f345,67\u00a0€, le budget total HT est de 10\u202f000\u00a0€ ; ils doivent être égaux" in page
    # (10 000 − 4 938,27) / 2 = 2 530,865, arrondi au centime.
    assert "2024 : le flux « demande » fait 2\u202f530,87\u00a0€, alors que la ligne « Département » prévoit 3\u202f703,70\u00a0€ ; ils doivent être égaux" in page
    # La cellule saisie garde la saisie, encadrée avec son message.
    assert 'value="10 000" inputmode="decimal" size="10" aria-invalid="true"' in reponse.get_data(as_text=True)
    assert fichier.read_bytes() == avant


def test_l_essai_dit_ce_qui_serait_refuse_sans_rien_ecrire(client, dossiers):
    fichier = dossiers["val_exemple"] / "convention.yaml"
    avant = fichier.read_bytes()
    page = lire(client, "/dossiers/val_exemple/budget")
    jeton_essai = re.search(r'data-jeton-essai="(\w+)"', page)[1]
    saisie = {"empreintes": champs_caches(page)["empreintes"], "convention.budget.lignes[0].part": "45"}
    reponse = client.post("/dossiers/val_exemple/budget/essai", data=saisie, headers={"X-Jeton": jeton_essai}, base_url=BASE)
    assert reponse.status_code == 200
    assert "Ces valeurs seraient refusées à l'enregistrement" in texte(reponse.get_data(as_text=True))
    # 4 938,27 + 5 120 + 5 240,20 = 15 298,47 € sur 12 345,67 + 12 800 + 13 100,50 = 38 246,17 € : 40 %.
    assert ("Part indiquée 45\u00a0%, mais les montants de « CCI Exemple / CMA Exemple » (15\u202f298,47\u00a0€ sur 38\u202f246,17\u00a0€) "
            "en font 40\u00a0% ; indiquez 40\u00a0% ou retirez la part, que le tableau calcule") in texte(reponse.get_data(as_text=True))
    assert fichier.read_bytes() == avant


def test_un_fichier_change_sur_disque_n_est_jamais_ecrase(client, dossiers):
    fichier = dossiers["val_exemple"] / "convention.yaml"
    page = lire(client, "/dossiers/val_exemple/budget")
    remplacer(fichier, "lieu_signature: Exempleville", "lieu_signature: Exempleville-sur-Mer")
    modifie = fichier.read_bytes()
    saisie = {**champs_caches(page), "convention.budget.total[0]": "10000", "convention.budget.lignes[0].montants[0]": "4000",
              "convention.budget.lignes[1].montants[0]": "3000", "convention.budget.lignes[2].montants[0]": "3000"}
    reponse = client.post("/dossiers/val_exemple/budget", data=saisie, base_url=BASE)
    assert reponse.status_code == 409
    page = reponse.get_data(as_text=True)
    assert "convention.yaml a changé sur disque depuis le chargement de cette page" in texte(page)
    assert "-  lieu_signature: Exempleville\n+  lieu_signature: Exempleville-sur-Mer\n" in page
    assert fichier.read_bytes() == modifie


@pytest.mark.parametrize("entetes, jeton, attendu", [
    ({}, None, "Jeton de la page absent ou invalide"),
    ({}, "autre", "Jeton de la page absent ou invalide"),
    ({"Origin": "http://exemple.invalid"}, "bon", "Requête venue d'un autre site : refusée."),
])
def test_une_requete_qui_modifie_sans_le_bon_jeton_est_refusee(client, dossiers, entetes, jeton, attendu):
    fichier = dossiers["val_exemple"] / "convention.yaml"
    avant = fichier.read_bytes()
    page = lire(client, "/dossiers/val_exemple/budget")
    saisie = {**champs_caches(page), "convention.budget.lignes[0].part": "45"}
    if jeton == "autre":
        # Le jeton d'une autre action (générer) ne vaut pas pour celle-ci.
        saisie["jeton"] = champs_caches(lire(client, "/dossiers/val_exemple/documents"))["jeton"]
    elif jeton is None:
        del saisie["jeton"]
    reponse = client.post("/dossiers/val_exemple/budget", data=saisie, headers=entetes, base_url=BASE)
    assert reponse.status_code == 403
    assert attendu in texte(reponse.get_data(as_text=True))
    assert fichier.read_bytes() == avant


def test_generer_sans_jeton_est_refuse(client, tmp_path):
    reponse = client.post("/dossiers/val_exemple/generer", data={}, base_url=BASE)
    assert reponse.status_code == 403
    assert not (tmp_path / "sorties").exists()


def test_un_nom_d_hote_etranger_est_refuse(client):
    reponse = client.get("/", base_url="http://piege.exemple.invalid:8000")
    assert reponse.status_code == 400
    assert "Nom d'hôte « piege.exemple.invalid:8000 » refusé" in texte(reponse.get_data(as_text=True))


@pytest.mark.parametrize("adresse", [
    "/dossiers/..%2F..%2Fetc/anomalies",
    "/dossiers/%2Fetc%2Fpasswd/budget",
    "/dossiers/donnees/anomalies",
    "/dossiers/val_exemple/documents/..%2Fval_exemple%2Fconvention.yaml",
    "/dossiers/val_exemple/documents/%2Fetc%2Fpasswd",
    "/dossiers/val_exemple/documents/manifeste.json",
    "/dossiers/val_exemple/apercus/..%2F..%2Fdonnees%2Fval_exemple%2Fconvention.yaml",
    "/statique/..%2F__init__.py",
    "/statique/gabarits/base.html",
    "/../../etc/passwd",
])
def test_aucun_chemin_hors_des_dossiers_n_est_atteint(client, adresse):
    reponse = client.get(adresse, base_url=BASE)
    assert reponse.status_code == 404
    assert "Page introuvable" in reponse.get_data(as_text=True)


def test_generer_puis_telecharger(client, tmp_path):
    page = lire(client, "/dossiers/val_exemple/documents")
    assert "Aucun document généré pour ce dossier." in texte(page)
    reponse = client.post("/dossiers/val_exemple/generer", data=champs_caches(page), base_url=BASE)
    assert reponse.status_code == 200
    page = texte(reponse.get_data(as_text=True))
    # Une décision, trois délibérations, une convention, 6 appels de fonds, et pour chacune des deux
    # séances sa convocation, sa feuille d'émargement, sa liste des actes, son procès-verbal et son registre.
    assert "21 documents écrits." in page
    sortie = tmp_path / "sorties" / "val_exemple"
    decision = (sortie / "decision_B2024_012.docx").read_bytes()
    empreinte = hashlib.sha256(decision).hexdigest()
    taille = f"{len(decision) / 1000:.1f}".replace(".", ",").replace(",0", "")
    assert f"decision_B2024_012.docx B2024_012 {taille}\u00a0ko {empreinte} conforme au manifeste" in page
    telecharge = client.get("/dossiers/val_exemple/documents/decision_B2024_012.docx", base_url=BASE)
    assert telecharge.data == decision
    assert telecharge.headers["Content-Disposition"] == 'attachment; filename="decision_B2024_012.docx"'
    archive = zipfile.ZipFile(io.BytesIO(client.get("/dossiers/val_exemple/documents.zip", base_url=BASE).data))
    assert len(archive.namelist()) == 22
    assert archive.read("val_exemple/decision_B2024_012.docx") == decision


def test_un_dossier_incoherent_n_est_pas_genere(client, dossiers, tmp_path):
    remplacer(dossiers["val_exemple"] / "seance_2024-03-14.yaml", "pouvoir_a: Paul Martin", "pouvoir_a: Paul Martine")
    page = lire(client, "/dossiers/val_exemple/documents")
    assert "Le dossier a 1 anomalie : la génération sera refusée." in texte(page)
    reponse = client.post("/dossiers/val_exemple/generer", data=champs_caches(page), base_url=BASE)
    assert "Génération refusée, rien n'a été écrit" in texte(reponse.get_data(as_text=True))
    assert not (tmp_path / "sorties" / "val_exemple").exists()


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None, reason="LibreOffice et poppler sont installés par .ci/run")
def test_l_apercu_d_un_acte_est_une_image_de_sa_premiere_page(client):
    page = lire(client, "/dossiers/val_exemple/documents")
    assert "Produire aussi le PDF/A de chaque document (LibreOffice, plus long)" in texte(page)
    reponse = client.post("/dossiers/val_exemple/generer", data={**champs_caches(page), "pdf": "oui"}, base_url=BASE)
    page = texte(reponse.get_data(as_text=True))
    assert "decision_B2024_012.pdf B2024_012" in page
    assert "Télécharger tous les documents (zip)" in page
    assert client.get("/dossiers/val_exemple/documents/decision_B2024_012.pdf", base_url=BASE).data.startswith(b"%PDF-")
    image = client.get("/dossiers/val_exemple/apercus/decision_B2024_012.docx", base_url=BASE)
    assert image.status_code == 200
    assert image.mimetype == "image/png"
    assert image.data.startswith(b"\x89PNG\r\n\x1a\n")
    # A4 (21 cm = 8,27 pouces) à 60 points par pouce : 496 pixels de large, arrondis par excès à 497.
    assert int.from_bytes(image.data[16:20], "big") == 497


class _Formulaire(HTMLParser):
    """Les champs du premier formulaire d'une page, tels qu'un navigateur les enverrait."""

    def __init__(self):
        super().__init__()
        self.champs: list[tuple[str, str]] = []
        self.liste: str | None = None
        self.premiere_option: str | None = None
        self.choisie = False

    def handle_starttag(self, balise, attributs):
        attributs = dict(attributs)
        if balise == "input" and attributs.get("type") != "checkbox" or balise == "input" and "checked" in attributs:
            self.champs.append((attributs["name"], attributs.get("value", "")))
        elif balise == "select":
            self.liste, self.premiere_option, self.choisie = attributs["name"], None, False
        elif balise == "option" and self.liste:
            if self.premiere_option is None:
                self.premiere_option = attributs["value"]
            if "selected" in attributs:
                self.champs.append((self.liste, attributs["value"]))
                self.choisie = True

    def handle_endtag(self, balise):
        if balise == "select" and self.liste:
            if not self.choisie:
                self.champs.append((self.liste, self.premiere_option or ""))
            self.liste = None


def formulaire(page: str, **changes: str) -> dict[str, list[str]]:
    lecteur = _Formulaire()
    lecteur.feed(page)
    champs: dict[str, list[str]] = {}
    for nom, valeur in lecteur.champs:
        champs.setdefault(nom, []).append(valeur)
    for nom, valeur in changes.items():
        champs[nom.replace("_", "-")] = [valeur] if valeur is not None else []
    return champs


def test_les_comptes_de_chaque_vote_du_conseil(client):
    page = texte(lire(client, "/dossiers/val_exemple/seances/1"))
    # 20 conseillers en exercice le 27 juin 2024 (Agathe COLLIN remplace Denis FAURE au 1er juin).
    # Excusés : Luc GIRARD (pouvoir à Hugo LEROY), Jérôme AUBERT (suppléé), Éric FONTAINE ; absente : Julie BLANC ;
    # Nadia BOUCHARD arrive à partir de D2024_042 ; Hugo LEROY part avant D2024_043, son pouvoir tombe.
    # D2024_041 : 20 − 3 − 1 − 1 = 15 présents, 1 suppléant, 1 pouvoir : 17 votants ; quorum 11, 16 siègent.
    # D2024_042 : 16 présents, 1 suppléant, 1 pouvoir, Karim HADDAD ne prend pas part : 17 votants.
    # D2024_043 : 15 présents, 1 suppléant, pouvoir tombé : 16 votants.
    assert "D2024_041 15 1 1 0 17 17 16 siègent pour 11 requis : atteint" in page
    assert "D2024_042 16 1 1 1 17 17 17 siègent pour 11 requis : atteint" in page
    assert "D2024_043 15 1 0 0 16 16 16 siègent pour 11 requis : atteint" in page
    assert "Luc GIRARD pouvoir à Hugo LEROY pouvoir à Hugo LEROY excusé" in page
    assert "Nadia BOUCHARD avant son arrivée présent présent" in page
    assert "Hugo LEROY présent présent après son départ" in page
    assert "Karim HADDAD présent ne prend pas part présent" in page


def test_une_arrivee_et_un_non_participant_changes_dans_la_grille(client, dossiers):
    fichier = dossiers["val_exemple"] / "seance_2024-06-27.yaml"
    avant = fichier.read_text(encoding="utf-8")
    page = lire(client, "/dossiers/val_exemple/seances/1")
    # Nadia BOUCHARD (14e de la liste en exercice) n'arrive qu'au troisième vote ; Karim HADDAD (8e) prend part au deuxième :
    # D2024_042 compte alors 15 présents, 1 suppléant, 1 pouvoir, personne à retirer : toujours 17 votants.
    saisie = formulaire(page, arrivee_13="D2024_043", npp_1=None)
    reponse = client.post("/dossiers/val_exemple/seances/1", data=saisie, base_url=BASE)
    assert reponse.status_code == 200, texte(reponse.get_data(as_text=True))
    assert "D2024_042 15 1 1 0 17 17 16 siègent pour 11 requis : atteint" in texte(reponse.get_data(as_text=True))
    attendu = avant.replace("{membre: Nadia Bouchard, arrivee_a_partir_de: D2024_042}", "{membre: Nadia Bouchard, arrivee_a_partir_de: D2024_043}")
    attendu = attendu.replace("        ne_prennent_pas_part: [Karim Haddad]\n", "")
    assert fichier.read_text(encoding="utf-8") == attendu


def test_une_grille_qui_perd_le_quorum_est_refusee(client, dossiers):
    fichier = dossiers["val_exemple"] / "seance_2024-03-14.yaml"
    avant = fichier.read_bytes()
    page = lire(client, "/dossiers/val_exemple/seances/0")
    # Bureau de 12 : quorum 7. Les 8 présents moins Inès BEN SALAH, Sophie MOREAU et Karim HADDAD, absents :
    # 5 présents et le suppléant, 6 siègent (5 au troisième vote, après le départ de Yann LE GALL).
    saisie = formulaire(page, presence_2="absent", presence_6="absent", presence_7="absent")
    reponse = client.post("/dossiers/val_exemple/seances/0", data=saisie, base_url=BASE)
    assert reponse.status_code == 422
    page = texte(reponse.get_data(as_text=True))
    assert "B2024_011 (acte hors du dossier) 5 1 1 0 7 — 6 siègent pour 7 requis : non atteint" in page
    assert "B2024_013 (acte hors du dossier) 4 1 1 0 6 — 5 siègent pour 7 requis : non atteint" in page
    assert ("Séance du 14 mars 2024 › vote B2024_013 Quorum non atteint au vote de B2024_013 : 5 membres siégeant "
            "(présents ou suppléants), 7 requis sur 12 en exercice ; une séance sur seconde convocation le dit (« seconde_convocation: true »)") in page
    assert fichier.read_bytes() == avant


def test_la_taille_d_un_fichier_en_francais():
    from generateur.francais import format_taille

    assert format_taille(1) == "1 octet"
    assert format_taille(999) == "999 octets"
    assert format_taille(38_700) == "38,7\u00a0ko"
    assert format_taille(1_400_000) == "1,4\u00a0Mo"


def test_serveur_sur_un_dossier_introuvable(tmp_path):
    from tests.conftest import lancer

    resultat = lancer("serveur", str(tmp_path / "absent"), "--port", "8123")
    assert resultat.exit_code == 3
    assert resultat.output == f"dossier introuvable : {tmp_path / 'absent'}\n"


def test_un_retour_sans_depart_est_dit_sans_rien_ecrire(client, dossiers):
    fichier = dossiers["val_exemple"] / "seance_2024-06-27.yaml"
    avant = fichier.read_bytes()
    page = lire(client, "/dossiers/val_exemple/seances/1")
    reponse = client.post("/dossiers/val_exemple/seances/1", data=formulaire(page, retour_4="D2024_043"), base_url=BASE)
    assert reponse.status_code == 422
    assert "Claire PETIT : un retour à partir de D2024_043 suppose un départ ; choisissez aussi « Départ avant » ; rien n'a été écrit." in texte(reponse.get_data(as_text=True))
    assert fichier.read_bytes() == avant


def test_le_serveur_n_ecoute_que_sur_la_machine_et_ne_sert_que_ses_noms(dossiers, tmp_path):
    import http.client
    import threading

    from generateur.web.serveur import lancer

    serveur = lancer(list(dossiers.values()), "127.0.0.1", 0, tmp_path / "sorties")
    fil = threading.Thread(target=serveur.servir, daemon=True)
    fil.start()
    try:
        port = serveur.serveur.server_port
        assert serveur.serveur.server_address == ("127.0.0.1", port)
        connexion = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connexion.request("GET", "/")
        reponse = connexion.getresponse()
        assert reponse.status == 200
        assert "cotentin — Communauté d'Agglomération du Cotentin" in texte(reponse.read().decode("utf-8"))
        # Un nom de domaine qui pointerait vers 127.0.0.1 (rebond DNS) n'est pas servi.
        connexion.request("GET", "/", headers={"Host": f"piege.exemple.invalid:{port}"})
        reponse = connexion.getresponse()
        assert reponse.status == 400
        reponse.read()
        connexion.close()
    finally:
        serveur.serveur.shutdown()
        fil.join(timeout=10)


def test_une_part_se_saisit_en_pourcentage_ou_en_fraction():
    from decimal import Decimal
    from fractions import Fraction

    from generateur.web.budget import _lire

    assert _lire("1/3", pourcentage=True) == (Fraction(100, 3), "1/3")
    assert _lire(" 33,33 % ", pourcentage=True) == (Fraction(3333, 100), Decimal("33.33"))
    assert _lire("40", pourcentage=True) == (Fraction(40), 40)
    assert _lire("14 620,50", pourcentage=False) == (Decimal("14620.50"), Decimal("14620.50"))


def test_la_situation_des_appels_de_fonds_a_une_date(client):
    page = texte(lire(client, "/dossiers/val_exemple/budget?au=2025-07-01"))
    # Émis le 15 mai 2025, payable à 45 jours : échéance le 29 juin, 2 jours de retard au 1er juillet.
    # Versement 2025 : 12 800 € (dépenses de 13 250 € plafonnées au budget) moins les chambres (40 %, 5 120 €) = 7 680 €.
    assert "AF-2025-01 15 mai 2025 29 juin 2025 7\u202f680\u00a0€ 0\u00a0€ 7\u202f680\u00a0€ en retard (2 jours)" in page
    assert "À émettre : AF-2026-01 (prévu le 15 mai 2026" in page
