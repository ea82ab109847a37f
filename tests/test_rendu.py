"""Le rendu préparé une fois donne, pour chaque document, le même XML que le rendu de docxtpl."""

from __future__ import annotations

import io
import zipfile
from dataclasses import fields

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

from generateur.vues.documents import documents
from generateur.exceptions import ErreurModele
from generateur.etapes import MODELES, verifier
from generateur.rendu.word import environnement, rendre
from tests.conftest import EXEMPLE, RACINE

DOSSIERS = [EXEMPLE, RACINE / "donnees" / "val_exemple"]


def corps(docx: bytes) -> bytes:
    """Le XML du document, blancs entre éléments ôtés et espaces de noms normalisés."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    arbre = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return etree.tostring(arbre, method="c14n", exclusive=True)


TOUS_LES_DOCUMENTS = [
    pytest.param(document, id=f"{dossier.name}/{document.nom_fichier}")
    for dossier in DOSSIERS
    for document in documents(verifier(dossier)[0])
]


@pytest.mark.parametrize("document", TOUS_LES_DOCUMENTS)
def test_meme_xml_que_docxtpl(document):
    gabarit = DocxTemplate(MODELES / document.modele)
    gabarit.render({champ.name: getattr(document.contexte, champ.name) for champ in fields(document.contexte)}, environnement(), autoescape=True)
    tampon = io.BytesIO()
    gabarit.save(tampon)
    assert corps(rendre(MODELES / document.modele, document.contexte)) == corps(tampon.getvalue())


def test_le_bac_a_sable_refuse_de_modifier_les_donnees(tmp_path, cotentin):
    document = next(d for d in documents(cotentin) if d.sorte == "decision")
    modele = Document(str(MODELES / "decision.docx"))
    modele.add_paragraph("{{ seance.presents.append('intrus') }}")
    modele.save(str(tmp_path / "intrus.docx"))
    with pytest.raises(ErreurModele, match="opération interdite dans un modèle"):
        rendre(tmp_path / "intrus.docx", document.contexte)
    assert len(document.contexte.seance.presents) == 24
