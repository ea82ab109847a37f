"""Modèles piégés : un paquet Word cassé ou un modèle qui échoue en se remplissant est refusé
par `modeles verifier` et par `generer` (code 3, message qui nomme le modèle, la partie ou la
ligne, et la sorte d'erreur), sans trace Python et sans rien écrire.

Chaque piège est fabriqué ici à partir du vrai modèle de décision (zipfile, lxml, python-docx).
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from generateur.etapes import MODELES, _rendre_un as _RENDRE_UN
from tests.conftest import EXEMPLE, VAL_EXEMPLE, lancer

RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def modeles_avec(tmp_path: Path, decision: bytes) -> Path:
    """Un dossier de modèles : ceux du projet, et la décision remplacée par `decision`."""
    dossier = tmp_path / "modeles"
    shutil.copytree(MODELES, dossier)
    (dossier / "decision.docx").write_bytes(decision)
    return dossier


def paquet(modifier: Callable[[dict[str, bytes]], None], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Le modèle de décision réécrit après `modifier(parties)`."""
    with zipfile.ZipFile(MODELES / "decision.docx") as archive:
        parties = {nom: archive.read(nom) for nom in archive.namelist()}
    modifier(parties)
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression) as archive:
        for nom, contenu in parties.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def cible_changee(nom_relations: str, identifiant: str, cible: str) -> Callable[[dict[str, bytes]], None]:
    """Fait désigner `cible` à la relation `identifiant` de la partie `nom_relations`."""

    def modifier(parties: dict[str, bytes]) -> None:
        arbre = etree.fromstring(parties[nom_relations])
        (relation,) = [r for r in arbre.iter(f"{{{RELATIONS}}}Relationship") if r.get("Id") == identifiant]
        relation.set("Target", cible)
        parties[nom_relations] = etree.tostring(arbre)

    return modifier


def sans(nom: str) -> Callable[[dict[str, bytes]], None]:
    return lambda parties: parties.pop(nom)


def remplace(nom: str, contenu: bytes) -> Callable[[dict[str, bytes]], None]:
    return lambda parties: parties.__setitem__(nom, contenu)


def zip_abime() -> bytes:
    """Un octet des styles changé dans une archive non compressée : la somme de contrôle ne colle plus."""
    contenu = bytearray(paquet(lambda parties: None, zipfile.ZIP_STORED))
    marque = bytes(contenu).index(b"<w:style ")
    contenu[marque + 1] = ord("x")
    return bytes(contenu)


def zip_tronque() -> bytes:
    contenu = (MODELES / "decision.docx").read_bytes()
    return contenu[: len(contenu) // 2]


PAQUETS_CASSES = [
    ("sans_types_de_contenu", lambda: paquet(sans("[Content_Types].xml")), "partie [Content_Types].xml absente : sans les types de contenu, Word n'ouvre pas le document"),
    ("styles_mal_formes", lambda: paquet(remplace("word/styles.xml", b"<a></b>")), "partie word/styles.xml : XML mal formé (ligne 1, colonne 8)"),
    (
        "styles_qui_n_en_sont_pas",
        lambda: paquet(remplace("word/styles.xml", f'<w:document xmlns:w="{W}"/>'.encode())),
        "partie word/styles.xml : ce ne sont pas des styles Word (<w:styles> attendu)",
    ),
    ("corps_mal_forme", lambda: paquet(remplace("word/document.xml", b"<a></b>")), "partie word/document.xml : XML mal formé (ligne 1, colonne 8)"),
    ("sans_relations_du_paquet", lambda: paquet(sans("_rels/.rels")), "partie _rels/.rels absente : rien ne désigne le document principal"),
    (
        "document_principal_absent",
        lambda: paquet(cible_changee("_rels/.rels", "rId1", "word/absent.xml")),
        "partie _rels/.rels : la relation rId1 désigne word/absent.xml, absente du modèle",
    ),
    (
        "styles_absents",
        lambda: paquet(cible_changee("word/_rels/document.xml.rels", "rId3", "styles2.xml")),
        "partie word/_rels/document.xml.rels : la relation rId3 désigne word/styles2.xml, absente du modèle",
    ),
    (
        "numerotation_supprimee",
        lambda: paquet(sans("word/numbering.xml")),
        "partie word/_rels/document.xml.rels : la relation rId2 désigne word/numbering.xml, absente du modèle",
    ),
    (
        "relations_mal_formees",
        lambda: paquet(remplace("word/_rels/document.xml.rels", b"<a></b>")),
        "partie word/_rels/document.xml.rels : XML mal formé (ligne 1, colonne 8)",
    ),
    ("partie_sans_type", lambda: paquet(remplace("word/extra.bin", b"x")), "partie word/extra.bin sans type de contenu dans [Content_Types].xml"),
    ("zip_tronque", zip_tronque, "ce n'est pas un document Word (.docx) : archive zip illisible ou tronquée"),
    ("zip_abime", zip_abime, "partie word/styles.xml illisible : archive zip abîmée"),
]


@pytest.mark.parametrize(("fabriquer", "message"), [cas[1:] for cas in PAQUETS_CASSES], ids=[cas[0] for cas in PAQUETS_CASSES])
def test_modeles_verifier_refuse_un_paquet_que_word_n_ouvrirait_pas(tmp_path, fabriquer, message):
    modeles = modeles_avec(tmp_path, fabriquer())

    resultat = lancer("modeles", "verifier", modeles / "decision.docx")

    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[0] == f"decision.docx : {message}"
    assert "Traceback" not in resultat.output


@pytest.mark.parametrize(("fabriquer", "message"), [cas[1:] for cas in PAQUETS_CASSES], ids=[cas[0] for cas in PAQUETS_CASSES])
def test_generer_n_ecrit_rien_avec_un_paquet_casse(tmp_path, fabriquer, message):
    modeles = modeles_avec(tmp_path, fabriquer())

    resultat = lancer("generer", EXEMPLE, "--modeles", modeles, "--sortie", tmp_path / "sorties")

    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines() == [f"modèle {modeles.resolve() / 'decision.docx'} : {message}"]
    assert not (tmp_path / "sorties").exists()


@pytest.mark.parametrize(("fabriquer", "message"), [cas[1:] for cas in PAQUETS_CASSES], ids=[cas[0] for cas in PAQUETS_CASSES])
def test_modeles_afficher_refuse_un_paquet_casse(tmp_path, fabriquer, message):
    modeles = modeles_avec(tmp_path, fabriquer())

    resultat = lancer("modeles", "afficher", modeles / "decision.docx")

    assert (resultat.exit_code, resultat.stderr) == (3, f"modèle {modeles / 'decision.docx'} : {message}\n")


# --- Erreurs à l'exécution : le vote « Pour » du modèle de décision remplacé par un piège


def piege(texte: str) -> tuple[bytes, int, str]:
    """La décision dont `{{ vote.pour }}` devient `texte`, la ligne de la source Jinja
    où se trouve le piège (la 1re est l'ouverture du corps, puis un paragraphe par ligne),
    et le texte de son paragraphe tel que le message le cite (abrégé à 100 caractères)."""
    document = Document(str(MODELES / "decision.docx"))
    (t,) = [t for t in document.element.body.iter(qn("w:t")) if "{{ vote.pour }}" in (t.text or "")]
    t.text = t.text.replace("{{ vote.pour }}", texte)
    paragraphes = list(document.element.body.iter(qn("w:p")))
    (paragraphe,) = [p for p in paragraphes if t in p.iter(qn("w:t"))]
    visible = "".join(x.text or "" for x in paragraphe.iter(qn("w:t")))
    tampon = io.BytesIO()
    document.save(tampon)
    return tampon.getvalue(), paragraphes.index(paragraphe) + 2, visible if len(visible) <= 100 else visible[:99] + "…"


PIEGES = [
    ("division_par_zero", "{{ decision.vote.pour / 0 }}", [], "division par zéro"),
    ("range_geant", "{% for i in range(10**9) %}{% endfor %}", [], "boucle trop longue : range() est limité à 100\u202f000 tours"),
    ("recursion", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(decision.vote.pour) }}", [], "récursion sans fin : une macro s'appelle elle-même sans s'arrêter"),
    (
        "boucles_imbriquees",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        ["--delai", "0.5"],
        "rendu trop long : plus de 0,5 s (boucle trop longue ?)",
    ),
    ("texte_geant", "{{ decision.objet|center(100000000) }}", ["--memoire", "64"], "mémoire dépassée : plus de 64 Mo (boucle ou texte trop grand ?)"),
    ("puissance_geante", "{{ decision.vote.pour ** 100000 }}", [], "nombre trop grand : plus de 4\u202f300 chiffres"),
    ("puissance_decimale", "{{ (decision.vote.pour / 1) ** 100000 }}", [], "calcul impossible : nombre trop grand ou opération invalide"),
    ("texte_multiplie", "{{ decision.objet * 100000000 }}", [], "texte ou liste trop longs : plus de 10\u202f000\u202f000 éléments"),
]


@pytest.mark.parametrize(("texte", "options", "sorte"), [cas[1:] for cas in PIEGES], ids=[cas[0] for cas in PIEGES])
def test_modeles_verifier_rend_les_exemples_et_dit_la_ligne_et_la_sorte_d_erreur(tmp_path, texte, options, sorte):
    contenu, ligne, paragraphe = piege(texte)
    modeles = modeles_avec(tmp_path, contenu)

    resultat = lancer("modeles", "verifier", modeles / "decision.docx", *options)

    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[0] == (
        f"decision.docx, ligne {ligne} (paragraphe « {paragraphe} ») : {sorte} (au rendu de l'exemple cotentin/decision_B050_2022.docx)"
    )
    assert "Traceback" not in resultat.output


@pytest.mark.parametrize(("texte", "options", "sorte"), [cas[1:] for cas in PIEGES], ids=[cas[0] for cas in PIEGES])
def test_generer_refuse_le_dossier_dont_le_modele_echoue(tmp_path, texte, options, sorte):
    contenu, ligne, paragraphe = piege(texte)
    modeles = modeles_avec(tmp_path, contenu)

    resultat = lancer("generer", EXEMPLE, "--modeles", modeles, "--sortie", tmp_path / "sorties", *options)

    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[0] == f"modèle {modeles.resolve() / 'decision.docx'}, ligne {ligne} (paragraphe « {paragraphe} ») : {sorte}"
    assert not (tmp_path / "sorties").exists()


def test_memoire_depassee_peu_a_peu_par_une_boucle(tmp_path):
    contenu, _, _ = piege("{% for i in range(100000) %}{{ decision.objet * 10000 }}{% endfor %}")
    modeles = modeles_avec(tmp_path, contenu)

    resultat = lancer("generer", EXEMPLE, "--modeles", modeles, "--sortie", tmp_path / "sorties", "--memoire", "64")

    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[0].endswith(" : mémoire dépassée : plus de 64 Mo (boucle ou texte trop grand ?)")
    assert resultat.stderr.startswith(f"modèle {modeles.resolve() / 'decision.docx'}")


def test_dans_un_lot_le_dossier_dont_le_rendu_echoue_n_arrete_pas_les_autres(tmp_path):
    # La division par zéro ne frappe que la décision de val_exemple.
    contenu, ligne, paragraphe = piege("{{ 1 / 0 if decision.numero == 'B2024_012' else decision.vote.pour }}")
    modeles = modeles_avec(tmp_path, contenu)
    sorties = tmp_path / "sorties"

    resultat = lancer("generer", EXEMPLE, VAL_EXEMPLE, "--modeles", modeles, "--sortie", sorties, "--processus", "2")

    assert resultat.exit_code == 3
    lignes = [texte for texte in resultat.stderr.splitlines() if texte != "Rendu des documents"]  # la barre de progression d'un lot de 21 documents
    assert lignes[0] == f"modèle {modeles.resolve() / 'decision.docx'}, ligne {ligne} (paragraphe « {paragraphe} ») : division par zéro"
    assert lignes[-1].endswith(f" ; dossiers refusés : {VAL_EXEMPLE}")
    assert (sorties / "cotentin" / "decision_B050_2022.docx").is_file()
    assert not (sorties / "val_exemple").exists()


def test_un_rendu_qui_defait_le_xml_est_refuse(tmp_path):
    # Un {% if %} ouvert dans un paragraphe et fermé dans la cellule d'un tableau qui suit : faux, il
    # retire l'ouverture du tableau mais pas sa fermeture.
    document = Document(str(MODELES / "decision.docx"))
    document.add_paragraph("{% if decision.vote.pour > 1000 %}avant")
    document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].text = "après{% endif %}"
    tampon = io.BytesIO()
    document.save(tampon)
    modeles = modeles_avec(tmp_path, tampon.getvalue())

    resultat = lancer("generer", EXEMPLE, "--modeles", modeles, "--sortie", tmp_path / "sorties")

    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[0] == (
        f"modèle {modeles.resolve() / 'decision.docx'} : le document rempli ne serait pas un XML valide (une balise {{% if %}} ou {{% for %}} "
        "s'ouvre-t-elle dans un paragraphe, un tableau ou une cellule et se ferme-t-elle dans un autre ?)"
    )
    assert not (tmp_path / "sorties").exists()


def _rendre_ou_mourir(travail):
    """Un processus de rendu tué net (comme par le système faute de mémoire) sur la décision de val_exemple."""
    if travail[0].name == "decision.docx" and travail[1].decision.numero == "B2024_012":
        os._exit(9)
    return _RENDRE_UN(travail)


def test_un_processus_de_rendu_tue_ne_fait_pas_planter_le_lot(tmp_path, monkeypatch):
    monkeypatch.setattr("generateur.etapes._rendre_un", _rendre_ou_mourir)
    monkeypatch.setattr("generateur.etapes.SEUIL_PARALLELE", 1)
    sorties = tmp_path / "sorties"

    resultat = lancer("generer", VAL_EXEMPLE, "--sortie", sorties, "--processus", "2")

    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[0] == (
        "rendu interrompu : un processus de rendu s'est arrêté net (tué par le système, mémoire épuisée ?) ; relancez ce dossier avec --processus 1"
    )
    assert "Traceback" not in resultat.output
    assert not sorties.exists()
