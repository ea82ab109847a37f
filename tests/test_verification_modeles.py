"""La vérification des modèles Word : balises, filtres et variables contrôlés sans rien rendre."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from generateur.vues.documents import ContexteConvention, ContexteDecision, documents
from generateur.exceptions import ErreurModele
from generateur.etapes import MODELES
from generateur.rendu.word import rendre
from generateur.lecture.schema import Acte
from generateur.rendu.verification import contexte_du_modele, analyser_modele, champs_non_utilises, verifier_modele
from tests.conftest import lancer

MODELES_DU_PROJET = sorted(MODELES.glob("*.docx"))


def modele(dossier: Path, *paragraphes: str, nom: str = "decision.docx") -> Path:
    """Un petit modèle Word : un paragraphe par texte donné."""
    document = Document()
    for texte in paragraphes:
        document.add_paragraph(texte)
    chemin = dossier / nom
    document.save(str(chemin))
    return chemin


# --- Les modèles du projet


def test_les_modeles_du_projet_sont_tous_verifies_et_sans_erreur():
    assert any(chemin.name == "decision.docx" for chemin in MODELES_DU_PROJET)
    resultat = lancer("modeles", "verifier")
    assert resultat.exit_code == 0, resultat.stderr
    n = len(MODELES_DU_PROJET)
    assert resultat.stdout.splitlines()[-1] == f"{n} modèle{'s' if n > 1 else ''} vérifié{'s' if n > 1 else ''}, 0 erreur."


@pytest.mark.parametrize("chemin", MODELES_DU_PROJET, ids=lambda chemin: chemin.name)
def test_chaque_modele_du_projet_respecte_son_contexte(chemin):
    contexte = contexte_du_modele(chemin)
    assert contexte is not None, f"{chemin.name} n'a ni contexte dans CONTEXTES ni déclaration de convention"
    assert verifier_modele(chemin, contexte) == []


def test_role_employe_par_le_modele_mais_non_declare(tmp_path):
    chemin = modele(tmp_path, "{{ roles.epci.appellation }} et {{ roles.region.appellation }}", nom="convention_test.docx")
    (tmp_path / "convention_test.yaml").write_text("description: essai\nroles:\n  epci: {sens: l'EPCI}\n", encoding="utf-8")
    resultat = lancer("modeles", "verifier", chemin)
    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[0] == (
        "convention_test.docx : rôle « region » employé par le modèle mais absent de sa déclaration convention_test.yaml (rôles déclarés : epci)"
    )


def test_faute_de_frappe_dans_une_copie_du_modele_de_decision_est_la_seule_erreur(tmp_path):
    document = Document(str(MODELES / "decision.docx"))
    textes = [t for t in document.element.body.iter(qn("w:t")) if "{{ vote.pour }}" in (t.text or "")]
    assert len(textes) == 1
    textes[0].text = textes[0].text.replace("{{ vote.pour }}", "{{ vote.pou }}")
    document.save(str(tmp_path / "decision.docx"))

    resultat = lancer("modeles", "verifier", tmp_path / "decision.docx")

    lignes = resultat.stderr.splitlines()
    assert resultat.exit_code == 3
    assert lignes[0] == (
        "decision.docx : variable inconnue « vote.pou » "
        "(« pou » n'est pas un champ de VueVote ; champs : pour, contre, abstention, ne_prend_pas_part, presents, votants, ne_prennent_pas_part, non_participation)"
    )
    assert lignes[1].startswith("champs qu'aucun document ni export ne lit : ")
    assert lignes[2:] == ["1 modèle vérifié, 1 erreur."]


# --- Une ligne par erreur, en français


@pytest.mark.parametrize(
    ("paragraphes", "erreur"),
    [
        (
            ["Réf - n° {{ decision.vot.pour }}"],
            "decision.docx : variable inconnue « decision.vot.pour » (« vot » n'est pas un champ de Acte ; champs : "
            + ", ".join(Acte.model_fields)  # le schéma évolue : la liste suit ses champs
            + ")",
        ),
        (
            ["Pour : {{ decision.vote.pour | euro }}"],
            "decision.docx : filtre inconnu « euro » ; vouliez-vous dire « euros » ?",
        ),
        (
            ["{%p for visa in decision.visas %}", "Vu {{ visa }},"],
            "decision.docx : balise non fermée : {% for %} sans {% endfor %} (paragraphe « {% for visa in decision.visas %} »)",
        ),
        (
            ["Vu {%p for visa in decision.visas %}", "{{ visa }}", "{%p endfor %}"],
            "decision.docx : la balise « {%p for visa in decision.visas %} » doit être seule dans son paragraphe : "
            "docxtpl supprime le reste au rendu (paragraphe « Vu {%p for visa in decision.visas %} »)",
        ),
        (
            ["Réf - n° {{ decision.numero", "}}"],
            "decision.docx : balise coupée entre deux paragraphes : « {{ decision.numero » n'est pas fermée dans son paragraphe "
            "(paragraphe « Réf - n° {{ decision.numero »)",
        ),
    ],
    ids=["variable", "filtre", "for_non_ferme", "balise_p_pas_seule", "balise_coupee"],
)
def test_modele_casse_donne_sa_ligne_d_erreur_et_sort_en_3(tmp_path, paragraphes, erreur):
    chemin = modele(tmp_path, *paragraphes)

    assert verifier_modele(chemin, ContexteDecision) == [erreur]
    resultat = lancer("modeles", "verifier", chemin)
    assert resultat.exit_code == 3
    assert resultat.stdout == ""
    assert resultat.stderr.splitlines()[0] == erreur
    assert resultat.stderr.splitlines()[-1] == "1 modèle vérifié, 1 erreur."


@pytest.mark.parametrize(
    ("paragraphes", "erreur"),
    [
        (["{{ decison.numero }}"], "variable inconnue « decison.numero » (« decison » n'est pas un nom du contexte ContexteDecision ; noms : collectivite, assemblee, seance, decision, vote, expose, executoire)"),
        (["{% for v in decision.visas %}{{ loop.indx }}{% endfor %}"], "variable inconnue « loop.indx » (« indx » n'est pas un champ de loop ; champs : index, index0, revindex, revindex0, first, last, length, depth, depth0, previtem, nextitem, cycle, changed)"),
        (["{{ loop.index }}"], "variable inconnue « loop.index » (« loop » n'est pas un nom du contexte ContexteDecision ; noms : collectivite, assemblee, seance, decision, vote, expose, executoire)"),
        (["{% for d in decision.dispositif %}{{ d.verb }}{% endfor %}"], "variable inconnue « d.verb » (« verb » n'est pas un champ de Disposition ; champs : verbe, texte)"),
        (["{{ decision.dispositif[0].verb }}"], "variable inconnue « decision.dispositif[0].verb » (« verb » n'est pas un champ de Disposition ; champs : verbe, texte)"),
        (["{{ decision.dispositif | map(attribute='verb') | join }}"], "variable inconnue « decision.dispositif | map(attribute='verb') » (« verb » n'est pas un champ de Disposition ; champs : verbe, texte)"),
        (["{{ (decision.dispositif | first).verb }}"], "variable inconnue « (decision.dispositif | first).verb » (« verb » n'est pas un champ de Disposition ; champs : verbe, texte)"),
        (["{% set v = decision.vote %}{{ v.pou }}"], "variable inconnue « v.pou » (« pou » n'est pas un champ de Vote ; champs : pour, contre, abstention, ne_prend_pas_part, voix_preponderante, exprimes_et_abstentions)"),
        (["{{ decision.numero.longueur }}"], "variable inconnue « decision.numero.longueur » (« longueur » n'est pas un champ de str)"),
        (["{% for x in decision.vote %}{{ x }}{% endfor %}"], "« decision.vote » n'est pas une liste : {% for %} ne peut pas parcourir un Vote"),
        (["{% if decision.numero is strin %}x{% endif %}"], "test inconnu « strin » ; vouliez-vous dire « string » ?"),
        (["{{ decision.numero | zzz }}"], "filtre inconnu « zzz »"),
        (["{% if decision.numero %}", "{% endfor %}"], "balises mal imbriquées : {% endfor %} alors que {% if %} n'est pas fermée par {% endif %} (paragraphe « {% endfor %} »)"),
        (["{% endif %}"], "balise {% endif %} sans balise ouvrante (paragraphe « {% endif %} »)"),
        (["{% inclure x %}"], "balise inconnue : {% inclure %} (paragraphe « {% inclure x %} »)"),
        (["{{ decision.numero decision.objet }}"], "balise invalide : expected token 'end of print statement', got 'decision' (paragraphe « {{ decision.numero decision.objet }} »)"),
        (["{{ decision.__class__.__mro__ }}"], "opération interdite dans un modèle « decision.__class__.__mro__ » (le bac à sable refuse les noms qui commencent par « _ »)"),
        (["{{ ''.__class__ }}"], "opération interdite dans un modèle « ''.__class__ » (le bac à sable refuse les noms qui commencent par « _ »)"),
    ],
)
def test_messages_des_erreurs(tmp_path, paragraphes, erreur):
    assert verifier_modele(modele(tmp_path, *paragraphes), ContexteDecision) == [f"decision.docx : {erreur}"]


@pytest.mark.parametrize(
    "paragraphes",
    [
        ["{% for bloc in expose %}{% if bloc.participation is defined %}{{ bloc.participation.cumul | euros }}{% endif %}{% endfor %}"],
        ["{% for bloc in decision.expose %}{% if bloc.participation is defined %}{{ bloc.participation.cumul }}{% endif %}{% endfor %}"],
        ["{{ decision.numero if decision.reference is undefined else decision.reference }}"],
        ["{% for bloc in expose %}{{ bloc.puces | join(', ') }}{{ bloc.total.cumul | euros }}{% endfor %}"],
        ["{% if decision.imputation %}{% set imp = decision.imputation %}{% endif %}{{ imp.article }}"],
        ["{% for d in decision.dispositif %}{{ loop.index }}. {{ d.verbe | upper }}{% endfor %}"],
        ["{{ seance.presidence.nom_complet }} {{ seance.date.year }} {{ collectivite.president.genre | possessif }}"],
        ["{{ decision.visas | length | nombre_en_lettres }} {{ range(3) | join }}"],
    ],
)
def test_modele_correct_passe(tmp_path, paragraphes):
    assert verifier_modele(modele(tmp_path, *paragraphes), ContexteDecision) == []


def test_dict_et_items_sont_types_par_leurs_valeurs(tmp_path):
    chemin = modele(
        tmp_path,
        "{{ roles.cci.appellation }} {{ roles['epci'].signataire }} {{ financement[0].reference.emetteur.iban }}",
        "{% for role, partie in roles.items() %}{{ role | upper }} {{ partie.appelation }}{% endfor %}",
        nom="convention.docx",
    )
    assert verifier_modele(chemin, ContexteConvention) == [
        "convention.docx : variable inconnue « partie.appelation » (« appelation » n'est pas un champ de VuePartie ; champs : "
        "code, role, sorte, genre, intitule, nature, siege, adresse, representation, ci_apres, appellation, denomination, pronom, partenaires, "
        "fonction_signataire, signataire, iban, bic)"
    ]


def test_balise_tr_doit_etre_seule_dans_sa_rangee(tmp_path):
    document = Document()
    tableau = document.add_table(rows=2, cols=2)
    tableau.cell(0, 0).text = "{%tr for partie in parties %}"
    tableau.cell(0, 1).text = "oublié"
    tableau.cell(1, 0).text = "{%tr endfor %}"
    document.save(str(tmp_path / "convention.docx"))

    assert verifier_modele(tmp_path / "convention.docx", ContexteConvention) == [
        "convention.docx : la balise « {%tr for partie in parties %} » doit être seule dans sa rangée de tableau : "
        "docxtpl supprime le reste au rendu (rangée « {%tr for partie in parties %} | oublié »)"
    ]


def test_les_en_tetes_sont_verifies_aussi(tmp_path):
    document = Document()
    document.sections[0].header.paragraphs[0].text = "{{ decision.numero | euro }}"
    document.save(str(tmp_path / "decision.docx"))

    assert verifier_modele(tmp_path / "decision.docx", ContexteDecision) == [
        "decision.docx, en-tête word/header1.xml : filtre inconnu « euro » ; vouliez-vous dire « euros » ?"
    ]


def test_modele_sans_contexte_declare_est_une_erreur(tmp_path):
    resultat = lancer("modeles", "verifier", modele(tmp_path, "{{ x }}", nom="lettre.docx"))
    assert resultat.exit_code == 3
    assert resultat.stderr == (
        "lettre.docx : modèle inconnu : aucun contexte déclaré pour « lettre.docx » dans CONTEXTES (generateur/vues/documents.py), "
        "ni déclaration de convention lettre.yaml à côté de lui\n"
        "1 modèle vérifié, 1 erreur.\n"
    )


def test_modele_introuvable(tmp_path):
    assert verifier_modele(tmp_path / "decision.docx", ContexteDecision) == [f"decision.docx : modèle introuvable : {tmp_path / 'decision.docx'}"]


# --- Les champs du schéma qu'aucun modèle ne lit


def test_champ_lu_au_travers_d_une_propriete_compte_comme_utilise(tmp_path):
    analyse = analyser_modele(modele(tmp_path, "{{ collectivite.tribunal_administratif.adresse.en_ligne }}"), ContexteDecision)
    inutilises = champs_non_utilises([analyse])

    assert "collectivite.tribunal_administratif.adresse.voie" not in inutilises
    assert "collectivite.tribunal_administratif.ville" in inutilises


def test_sous_un_champ_inutilise_ses_propres_champs_ne_sont_pas_detailles(tmp_path):
    inutilises = champs_non_utilises([analyser_modele(modele(tmp_path, "{{ collectivite.nom }}"), ContexteDecision)])

    assert "collectivite.siege" in inutilises
    assert not any(champ.startswith("collectivite.siege.") for champ in inutilises)
    assert "collectivite.nom" not in inutilises


def test_champs_inutilises_sont_une_information_pas_une_erreur(tmp_path):
    resultat = lancer("modeles", "verifier", modele(tmp_path, "{{ decision.numero }}"))
    assert resultat.exit_code == 0
    information, bilan = resultat.stdout.splitlines()
    assert information.startswith("champs qu'aucun document ni export ne lit : ")
    assert "collectivite.nom," not in information, "la vue de la séance lit le nom de la collectivité"
    assert bilan == "1 modèle vérifié, 0 erreur."


# --- Le bac à sable du rendu


@pytest.fixture(scope="module")
def contexte_de_decision(cotentin) -> ContexteDecision:
    return next(d.contexte for d in documents(cotentin) if d.sorte == "decision")


@pytest.mark.parametrize("balise", ["{{ decision.__class__.__mro__ }}", "{{ ''.__class__ }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}"])
def test_rendu_refuse_les_operations_interdites(tmp_path, contexte_de_decision, balise):
    with pytest.raises(ErreurModele, match="opération interdite dans un modèle"):
        rendre(modele(tmp_path, balise), contexte_de_decision)


@dataclass
class Coffre:
    ouvert: bool = False

    def _ouvrir(self) -> str:
        self.ouvert = True
        return "ouvert"


@dataclass(frozen=True)
class ContexteEspion:
    coffre: Coffre


def test_rendu_n_execute_rien_de_ce_que_le_bac_a_sable_refuse(tmp_path):
    coffre = Coffre()
    with pytest.raises(ErreurModele, match="opération interdite dans un modèle"):
        rendre(modele(tmp_path, "{{ coffre._ouvrir() }}"), ContexteEspion(coffre))
    assert coffre.ouvert is False


def test_un_champ_que_seule_une_vue_lit_n_est_pas_dit_inutilise():
    """L'exposé d'une décision et le lieu de signature passent par les vues, pas par une balise ;
    la forme juridique de la collectivité, elle, n'est lue par rien (le siège l'est désormais par
    l'en-tête des documents de séance)."""
    resultat = lancer("modeles", "verifier")
    assert resultat.exit_code == 0, resultat.output
    information = resultat.stdout.splitlines()[0]
    assert information.startswith("champs qu'aucun document ni export ne lit : ")
    inutilises = information.split(" : ", 1)[1].split(", ")
    assert "collectivite.forme_juridique" in inutilises
    assert "collectivite.siege" not in inutilises
    for lu_par_une_vue in ("decision.expose", "convention.lieu_signature", "collectivite.siret", "decision.matiere"):
        assert lu_par_une_vue not in inutilises
