"""L'export @ctes : un dossier par acte, son PDF/A et ceux de ses annexes, et des métadonnées JSON
validées contre le schéma livré (jsonschema)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib.resources import files

import jsonschema
import pytest

from generateur import etapes
from generateur.sorties import actes
from generateur.vues.documents import documents
from tests.conftest import EXEMPLE, RACINE, lancer

SCHEMA = json.loads(files("generateur.sorties").joinpath(actes.SCHEMA).read_text(encoding="utf-8"))
VALIDATEUR = jsonschema.Draft202012Validator(SCHEMA)


def _metadonnees_sans_pdf(chemin):
    """Les métadonnées de chaque acte, chaque PDF remplacé par des octets connus (sans LibreOffice)."""
    verifie, _ = etapes.verifier(chemin, export=True)
    pieces = actes.pieces(verifie.dossier, documents(verifie))
    faux = {actes.nom_pdf(d): d.nom_fichier.encode() for acte in pieces for d in (acte.document, *acte.annexes)}
    return [actes.metadonnees(verifie.dossier, acte, faux) for acte in pieces]


def test_schema_lui_meme_valide():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_metadonnees_de_b050_et_b140():
    b050, b140 = _metadonnees_sans_pdf(EXEMPLE)
    assert b050 == {
        "format": "generateur/acte-actes/1",
        "collectivite": {"nom": "Communauté d'Agglomération du Cotentin", "siren": "123456782", "siret": "12345678200010", "prefecture": "PREF050"},
        "numero": "B050_2022",
        "date_decision": "2022-11-22",
        "nature": {"code": 1, "abrege": "DE", "libelle": "Délibérations"},
        "matiere": {"code": "7.5", "matiere": "Finances locales", "sous_matiere": "Subventions"},
        "objet": "Signature d'une convention de partenariat pour la mise en œuvre d'un Plan d'animation et d'accompagnement "
                 "à la transition numérique des Très Petites Entreprises (TPE)",
        "acte": {"fichier": "decision_B050_2022.pdf", "type_piece": "99_DE", "sha256": hashlib.sha256(b"decision_B050_2022.docx").hexdigest()},
        "annexes": [{"fichier": "convention_2023-2025.pdf", "type_piece": "99_AU", "sha256": hashlib.sha256(b"convention_2023-2025.docx").hexdigest(),
                     "sorte": "convention", "nature": 4}],
        "transmission": {"date": "2022-11-28", "accuse_reception": "050-123456782-20221122-B050_2022-DE"},
        "publication": {"date": "2022-11-29"},
    }
    assert (b140["numero"], b140["date_decision"], b140["transmission"], b140["publication"]) == ("B140_2024", "2024-12-10", None, None)
    assert [(a["fichier"], a["sorte"]) for a in b140["annexes"]] == [("avenant_1_2023-2025.pdf", "avenant")]


@pytest.mark.parametrize("exemple", ["cotentin", "val_exemple"])
def test_metadonnees_des_exemples_conformes_au_schema(exemple):
    for valeurs in _metadonnees_sans_pdf(RACINE / "donnees" / exemple):
        VALIDATEUR.validate(json.loads(actes.en_json(valeurs)))


@pytest.mark.parametrize("champ, valeur, chemin", [
    ("numero", "DEL20180705-186", ["numero"]),
    ("objet", "A" * 500, ["objet"]),
    ("objet", "deux\nlignes", ["objet"]),
    ("nature", {"code": 5, "abrege": "BF", "libelle": "Documents budgétaires et financiers"}, ["nature", "code"]),
    ("matiere", {"code": "7", "matiere": "Finances locales", "sous_matiere": "Subventions"}, ["matiere", "code"]),
])
def test_le_schema_refuse_ce_que_actes_refuse(champ, valeur, chemin):
    valeurs = _metadonnees_sans_pdf(EXEMPLE)[0]
    valeurs[champ] = valeur
    erreurs = list(VALIDATEUR.iter_errors(valeurs))
    assert [list(erreur.absolute_path) for erreur in erreurs][:1] == [chemin]


avec_libreoffice = pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"), reason="LibreOffice absent de ce poste")


@avec_libreoffice
def test_exporter_actes_ecrit_pdf_a_et_metadonnees_conformes(tmp_path):
    sortie = tmp_path / "actes"
    resultat = lancer("exporter-actes", EXEMPLE, "--sortie", sortie)
    assert resultat.exit_code == 0, resultat.output
    assert resultat.stdout.splitlines() == [str(sortie / chemin) for chemin in (
        "B050_2022/decision_B050_2022.pdf", "B050_2022/convention_2023-2025.pdf", "B050_2022/B050_2022.json", "B050_2022/manifeste.json",
        "B140_2024/decision_B140_2024.pdf", "B140_2024/avenant_1_2023-2025.pdf", "B140_2024/B140_2024.json", "B140_2024/manifeste.json",
    )]
    # Chaque dossier d'acte porte son manifeste : verifier-sorties dit s'il a été modifié depuis.
    assert lancer("verifier-sorties", sortie / "B050_2022").exit_code == 0
    for numero in ("B050_2022", "B140_2024"):
        valeurs = json.loads((sortie / numero / f"{numero}.json").read_text(encoding="utf-8"))
        VALIDATEUR.validate(valeurs)
        for piece in [valeurs["acte"], *valeurs["annexes"]]:
            contenu = (sortie / numero / piece["fichier"]).read_bytes()
            assert contenu.startswith(b"%PDF-") and b"pdfaid:part" in contenu
            assert hashlib.sha256(contenu).hexdigest() == piece["sha256"]
