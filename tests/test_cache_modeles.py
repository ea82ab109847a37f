"""Les modèles préparés gardés sur disque (`rendu.cache`) : repris à l'identique par la commande
suivante, jamais périmés, refaits s'ils sont abîmés, et jamais indispensables."""

from __future__ import annotations

import io
import os
import marshal

import pytest
from docx import Document

from generateur.etapes import MODELES
from generateur.rendu import word
from generateur.vues.documents import documents


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """Un cache vide, et les modèles oubliés par le processus : chaque `rendre` qui suit
    prépare son modèle comme le ferait une nouvelle commande."""
    dossier = tmp_path / "cache"
    monkeypatch.setenv("GENERATEUR_CACHE", str(dossier))
    word._preparer.cache_clear()
    yield dossier
    word._preparer.cache_clear()


def _decision(cotentin):
    return next(d for d in documents(cotentin) if d.sorte == "decision")


def _sans_preparation(monkeypatch):
    """Toute préparation depuis le modèle échoue désormais : ce qui se rend vient du cache."""
    def interdit(*_):
        raise AssertionError("le modèle a été préparé à nouveau au lieu d'être repris du cache")

    monkeypatch.setattr(word, "parties_a_remplir", interdit)


def test_un_modele_prepare_est_repris_du_cache_a_l_identique(cache, cotentin, monkeypatch):
    document = _decision(cotentin)
    premier = word.rendre(MODELES / document.modele, document.contexte)
    assert len(list(cache.iterdir())) == 1  # une entrée par modèle préparé
    word._preparer.cache_clear()
    _sans_preparation(monkeypatch)
    assert word.rendre(MODELES / document.modele, document.contexte) == premier


def test_une_entree_abimee_est_refaite(cache, cotentin):
    document = _decision(cotentin)
    premier = word.rendre(MODELES / document.modele, document.contexte)
    (entree,) = cache.iterdir()
    code_qui_echoue = compile("raise RuntimeError('entrée piégée')", "<template>", "exec")
    piegee = {"parties": [], "gabarits": [("word/document.xml", "", "", code_qui_echoue, "", "", False, False)]}
    for abime in (b"", b"\x00" * 10, marshal.dumps({"parties": [("x", (1, 2))]}), marshal.dumps([1, 2, 3]), marshal.dumps(piegee)):
        entree.write_bytes(abime)
        word._preparer.cache_clear()
        assert word.rendre(MODELES / document.modele, document.contexte) == premier
    assert marshal.loads(entree.read_bytes())["gabarits"]  # réécrite entière


def test_un_modele_modifie_a_sa_propre_entree(cache, cotentin, tmp_path):
    document = _decision(cotentin)
    word.rendre(MODELES / document.modele, document.contexte)
    modifie = Document(str(MODELES / document.modele))
    modifie.add_paragraph("Texte ajouté au modèle")
    modifie.save(str(tmp_path / "decision.docx"))
    rendu = word.rendre(tmp_path / "decision.docx", document.contexte)
    assert len(list(cache.iterdir())) == 2
    assert "Texte ajouté au modèle" in [p.text for p in Document(io.BytesIO(rendu)).paragraphs]


def test_sans_cache_rien_n_est_ecrit(tmp_path, monkeypatch, cotentin):
    monkeypatch.setenv("GENERATEUR_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "maison"))
    word._preparer.cache_clear()
    document = _decision(cotentin)
    try:
        word.rendre(MODELES / document.modele, document.contexte)
    finally:
        word._preparer.cache_clear()
    assert list(tmp_path.iterdir()) == []


def test_un_cache_impossible_a_ecrire_ne_fait_qu_oter_le_gain(tmp_path, monkeypatch, cotentin):
    (tmp_path / "fichier").write_text("pas un dossier")
    document = _decision(cotentin)
    monkeypatch.setenv("GENERATEUR_CACHE", "")
    word._preparer.cache_clear()
    attendu = word.rendre(MODELES / document.modele, document.contexte)
    monkeypatch.setenv("GENERATEUR_CACHE", str(tmp_path / "fichier" / "cache"))
    word._preparer.cache_clear()
    try:
        assert word.rendre(MODELES / document.modele, document.contexte) == attendu
    finally:
        word._preparer.cache_clear()
    assert (tmp_path / "fichier").read_text() == "pas un dossier"


def test_le_cache_garde_les_entrees_les_plus_recemment_servies(cache, cotentin, monkeypatch):
    from generateur.rendu import cache as module_cache

    monkeypatch.setattr(module_cache, "ENTREES_GARDEES", 2)
    par_modele = {d.modele: d for d in documents(cotentin)}
    decision, convention, avenant = (par_modele[nom] for nom in ("decision.docx", "convention.docx", "avenant.docx"))
    word.rendre(MODELES / decision.modele, decision.contexte)
    (entree_decision,) = cache.iterdir()
    word.rendre(MODELES / convention.modele, convention.contexte)
    (entree_convention,) = set(cache.iterdir()) - {entree_decision}
    os.utime(entree_decision, ns=(2, 2))
    os.utime(entree_convention, ns=(1, 1))  # la convention, écrite la première de toutes
    word._preparer.cache_clear()
    word.rendre(MODELES / convention.modele, convention.contexte)  # mais relue du cache à l'instant
    word.rendre(MODELES / avenant.modele, avenant.contexte)  # une troisième entrée : la moins récemment servie part
    assert entree_convention.exists() and not entree_decision.exists() and len(list(cache.iterdir())) == 2
