"""Le rendu préparé une fois donne, pour chaque document, le même XML que le rendu de docxtpl,
mis en forme ensuite (`composer`)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, fields

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

from generateur.vues.documents import documents
from generateur.exceptions import ErreurModele
from generateur.etapes import MODELES, verifier
from generateur.rendu.word import composer, environnement, rendre
from tests.conftest import EXEMPLE, RACINE, remplacer

DOSSIERS = [EXEMPLE, RACINE / "donnees" / "val_exemple"]


def corps(docx: bytes, mettre_en_forme: bool = False) -> bytes:
    """Le XML du document, blancs entre éléments ôtés et espaces de noms normalisés ; mis en
    forme par `composer` (typographie, exposants, rangées insécables) si demandé."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    arbre = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    if mettre_en_forme:
        composer(arbre)
    return etree.tostring(arbre, method="c14n", exclusive=True)


TOUS_LES_DOCUMENTS = [
    pytest.param(document, id=f"{dossier.name}/{document.nom_fichier}")
    for dossier in DOSSIERS
    for document in documents(verifier(dossier)[0])
]


@pytest.mark.parametrize("document", TOUS_LES_DOCUMENTS)
def test_meme_xml_que_docxtpl_mis_en_forme(document):
    gabarit = DocxTemplate(MODELES / document.modele)
    gabarit.render({champ.name: getattr(document.contexte, champ.name) for champ in fields(document.contexte)}, environnement(), autoescape=True)
    tampon = io.BytesIO()
    gabarit.save(tampon)
    assert corps(rendre(MODELES / document.modele, document.contexte)) == corps(tampon.getvalue(), mettre_en_forme=True)


def test_le_bac_a_sable_refuse_de_modifier_les_donnees(tmp_path, cotentin):
    document = next(d for d in documents(cotentin) if d.sorte == "decision")
    modele = Document(str(MODELES / "decision.docx"))
    modele.add_paragraph("{{ seance.presents.append('intrus') }}")
    modele.save(str(tmp_path / "intrus.docx"))
    with pytest.raises(ErreurModele, match="opération interdite dans un modèle"):
        rendre(tmp_path / "intrus.docx", document.contexte)
    assert len(document.contexte.seance.presents) == 24


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def compose(corps_xml: str) -> str:
    """Le XML d'un <w:body> après `composer`, espaces de noms ôtés pour le lire."""
    arbre = etree.fromstring(f'<w:body xmlns:w="{W}">{corps_xml}</w:body>')
    composer(arbre)
    return etree.tostring(arbre, encoding="unicode").replace(f' xmlns:w="{W}"', "")


def test_composer_applique_la_typographie_par_dessus_les_runs():
    xml = compose('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Présents</w:t></w:r><w:r><w:t xml:space="preserve"> : A</w:t></w:r></w:p>')
    assert xml == '<w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Présents</w:t></w:r><w:r><w:t xml:space="preserve">\u00a0: A</w:t></w:r></w:p></w:body>'


def test_composer_lit_une_tabulation_comme_un_blanc():
    xml = compose("<w:p><w:r><w:t>Objet :</w:t><w:tab/><w:t>Appel</w:t></w:r></w:p>")
    assert xml == '<w:body><w:p><w:r><w:t xml:space="preserve">Objet\u00a0:</w:t><w:tab/><w:t>Appel</w:t></w:r></w:p></w:body>'


def test_composer_met_l_ordinal_en_exposant():
    xml = compose('<w:p><w:r><w:rPr><w:b/><w:lang w:val="fr-FR"/></w:rPr><w:t>Le 1er mars</w:t></w:r></w:p>')
    assert xml == (
        '<w:body><w:p>'
        '<w:r><w:rPr><w:b/><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">Le 1</w:t></w:r>'
        '<w:r><w:rPr><w:b/><w:vertAlign w:val="superscript"/><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">er</w:t></w:r>'
        '<w:r><w:rPr><w:b/><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve"> mars</w:t></w:r>'
        '</w:p></w:body>'
    )


def test_composer_ecrit_le_trait_d_union_insecable_a_la_mode_de_word():
    xml = compose("<w:p><w:r><w:t>BELLIOU\u2011DELACOUR</w:t></w:r></w:p>")
    assert xml == '<w:body><w:p><w:r><w:t xml:space="preserve">BELLIOU</w:t><w:noBreakHyphen/><w:t xml:space="preserve">DELACOUR</w:t></w:r></w:p></w:body>'


def test_composer_rend_les_rangees_insecables_et_dimensionne_les_colonnes_egales():
    cellule = '<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>'
    xml = compose(
        '<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
        f'<w:tr>{cellule.format("Pour la CCI ON,")}{cellule.format("Pour la Communauté de Communes,")}</w:tr></w:tbl>'
    )
    # 15 et 31 caractères : 6 000 × 15 / 46 = 1 956 et 6 000 × 31 / 46 = 4 043 (arrondis vers le bas).
    assert '<w:gridCol w:w="1956"/><w:gridCol w:w="4043"/>' in xml
    assert xml.count('<w:tcW w:w="1956" w:type="dxa"/>') == xml.count('<w:tcW w:w="4043" w:type="dxa"/>') == 1
    assert '<w:tr><w:trPr><w:cantSplit/></w:trPr>' in xml


def test_accolades_soulignees_des_donnees_sortent_telles_quelles(dossier):
    """docxtpl change après le rendu « {_{ » en « {{ » : c'est la syntaxe des modèles, pas des données."""
    remplacer(dossier / "seance_2022-11-22.yaml", "Entreprises (TPE)\n        matiere", "Entreprises (TPE) {_{ x }_} {_% y %_} _\n        matiere")
    document = next(d for d in documents(verifier(dossier)[0]) if d.sorte == "decision")
    textes = [p.text for p in Document(io.BytesIO(rendre(MODELES / document.modele, document.contexte))).paragraphs]
    assert [t for t in textes if "{" in t] == [  # espaces insécables de la typographie avant « : » et « % »
        "OBJET\u00a0: Signature d'une convention de partenariat pour la mise en œuvre d'un Plan d'animation et "
        "d'accompagnement à la transition numérique des Très Petites Entreprises (TPE) {_{ x }_} {_% y\u00a0%_} _"
    ]


@pytest.mark.parametrize(
    ("xml", "a_traduire"),
    [
        ("<w:p><w:r><w:t>a</w:t></w:r></w:p>\n\n<w:p><w:r><w:tab/></w:r></w:p>", False),  # sauts laissés entre deux paragraphes
        ("<w:p><w:r><w:tab/>\n<w:t>a</w:t></w:r></w:p>", False),
        ('<w:p><w:r><w:t xml:space="preserve">a\nb</w:t></w:r></w:p>', True),
        ("<w:p><w:r><w:t>\n</w:t></w:r></w:p>", True),
        ("<w:p><w:r><w:t>a\tb</w:t></w:r></w:p>", True),
        ("<w:p><w:r><w:t>a\fb</w:t></w:r></w:p>", True),
    ],
)
def test_traduction_des_sauts_de_ligne_seulement_s_il_y_en_a_dans_un_texte(xml, a_traduire):
    from generateur.rendu.word import _texte_a_traduire

    assert _texte_a_traduire(xml) is a_traduire


def test_sauts_de_ligne_et_tabulations_des_valeurs_traduits_comme_docxtpl(tmp_path, cotentin):
    document = next(d for d in documents(cotentin) if d.sorte == "decision")
    modele = Document(str(MODELES / "decision.docx"))
    modele.add_paragraph('{{ "un\\ndeux\\ttrois" }}')
    modele.save(str(tmp_path / "sauts.docx"))
    gabarit = DocxTemplate(tmp_path / "sauts.docx")
    gabarit.render({champ.name: getattr(document.contexte, champ.name) for champ in fields(document.contexte)}, environnement(), autoescape=True)
    tampon = io.BytesIO()
    gabarit.save(tampon)
    attendu = corps(tampon.getvalue(), mettre_en_forme=True)
    assert b'<w:t xml:space="preserve">un</w:t><w:br></w:br><w:t xml:space="preserve">deux</w:t>' in attendu
    assert corps(rendre(tmp_path / "sauts.docx", document.contexte)) == attendu


@dataclass(frozen=True)
class _Essai:
    nom: str = "Jean-René DURAND"
    titre: str = "Plan d'animation"
    liste: tuple = ("1er lot", "2e lot")
    montant: str = "12 500 €"


@pytest.mark.parametrize(
    "paragraphes",
    [
        # texte fixe composé une fois (espaces insécables, ordinal, trait insécable), texte rempli après
        ["Le 1er article : voir ci-dessus.", "{{ nom }} : « {{ titre }} »", "Total : {{ montant }} ; soit 12 500 € !"],
        # paragraphes fixes entre des balises de boucle, et copiés par elle
        ["{% for x in liste %}", "Ligne {{ x }} ; fin", "Fixe dans la boucle : n° 12", "{% endfor %}", "N° 12 fixe !"],
        # {%- et -%} collent des paragraphes : toute la partie est composée après le rendu
        ["Avant {%- if nom %} collé : {{ titre }} {% endif -%}", "Après : suite", "Encore : 2e"],
    ],
    ids=["fixe-et-rempli", "boucle", "paragraphes-colles"],
)
def test_texte_fixe_compose_une_fois_comme_docxtpl_rempli_puis_compose(tmp_path, paragraphes):
    """Le texte fixe mis en forme à la préparation du modèle, le reste après le rendu : le
    document est celui que docxtpl remplit et que `composer` met en forme en entier."""
    modele = Document()
    for texte in paragraphes:
        modele.add_paragraph(texte)
    modele.save(str(tmp_path / "essai.docx"))
    gabarit = DocxTemplate(tmp_path / "essai.docx")
    gabarit.render({champ.name: getattr(_Essai(), champ.name) for champ in fields(_Essai)}, environnement(), autoescape=True)
    tampon = io.BytesIO()
    gabarit.save(tampon)
    attendu = corps(tampon.getvalue(), mettre_en_forme=True)
    assert corps(rendre(tmp_path / "essai.docx", _Essai())) == attendu
    assert "\u00a0:".encode() in attendu and "\u2011".encode() not in attendu  # la mise en forme a bien eu lieu


def test_un_document_au_dela_des_limites_du_zip_est_refuse(cotentin):
    """Au-delà de 4 Gio (sans ZIP64), aucun traitement de texte n'ouvrirait l'archive : refusée, pas écrite fausse."""
    from dataclasses import replace

    from generateur.rendu.word import _PartieZip, preparer, remplir

    document = next(d for d in documents(cotentin) if d.sorte == "decision")
    prepare = preparer(MODELES / document.modele)
    fixe = next(nom for nom, partie in prepare.parties.items() if partie is not None)
    geant = replace(prepare, parties={**prepare.parties, fixe: _PartieZip(0, 2**32, b"")})
    with pytest.raises(ErreurModele, match=r"document trop grand pour une archive Word \(plus de 4 Gio ou de 65 535 parties\)$"):
        remplir(geant, document.contexte)
