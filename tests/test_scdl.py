"""La liste des actes en open data (SCDL « Délibérations » 2.1.2) : valeurs exactes, contraintes
du schéma colonne par colonne ; les dossiers qui ne peuvent pas la produire sont refusés,
message exact à l'appui, dans la table de tests/test_donnees_hostiles.py."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from stdnum.fr import siret

from generateur.etapes import verifier
from generateur.lecture.schema import classification_actes
from generateur.sorties.scdl import exporter_scdl, lignes_scdl, nom_de_matiere
from tests.conftest import remplacer

EN_TETE = (
    "COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,"
    "BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL"
)


def test_export_cotentin_en_tete_et_ligne_b050_2022(cotentin):
    texte = exporter_scdl(cotentin.dossier)
    lignes = texte.split("\n")
    assert lignes[0] == EN_TETE
    assert lignes[1] == (
        "Communauté d'Agglomération du Cotentin,12345678200010,B050_2022,2022-11-22,7.5,finances locales/subventions,"
        "Signature d'une convention de partenariat pour la mise en œuvre d'un Plan d'animation et d'accompagnement "
        "à la transition numérique des Très Petites Entreprises (TPE),2023/2025,budget principal,PREF050,,35,23,23,0,0,"
    )


def test_une_ligne_par_decision_dans_l_ordre_des_seances(cotentin):
    lignes = lignes_scdl(cotentin.dossier)
    assert [(ligne["DELIB_ID"], ligne["DELIB_DATE"]) for ligne in lignes] == [("B050_2022", "2022-11-22"), ("B140_2024", "2024-12-10")]


def test_decision_qui_n_autorise_pas_la_convention_n_a_pas_d_annees_de_budget(cotentin):
    b140 = lignes_scdl(cotentin.dossier)[1]
    assert (b140["BUDGET_ANNEE"], b140["BUDGET_NOM"], b140["VOTE_REEL"], b140["VOTE_POUR"]) == ("", "budget principal", "24", "24")


def test_export_val_exemple_sans_prefecture_avec_un_vote_contre(val_exemple):
    assert lignes_scdl(val_exemple.dossier)[0] == {
        "COLL_NOM": "Communauté de Communes du Val d'Exemple",
        "COLL_SIRET": "98765432400019",
        "DELIB_ID": "B2024_012",
        "DELIB_DATE": "2024-03-14",
        "DELIB_MATIERE_CODE": "7.5",
        "DELIB_MATIERE_NOM": "finances locales/subventions",
        "DELIB_OBJET": "Signature d'une convention de partenariat pour l'accompagnement numérique des commerces et de l'artisanat du Val d'Exemple",
        "BUDGET_ANNEE": "2024/2026",
        "BUDGET_NOM": "budget principal",
        "PREF_ID": "",
        "PREF_DATE": "",
        "VOTE_EFFECTIF": "12",
        "VOTE_REEL": "10",
        "VOTE_POUR": "9",
        "VOTE_CONTRE": "1",
        "VOTE_ABSTENTION": "0",
        "DELIB_URL": "",
    }


def test_deliberations_du_conseil_avec_leurs_votants(val_exemple):
    # Conseil du 27 juin 2024 : 20 en exercice ; votants 17, 17 (une arrivée, un non-participant), 16 (pouvoir tombé).
    lignes = lignes_scdl(val_exemple.dossier)[1:]
    assert [(l["DELIB_ID"], l["DELIB_DATE"], l["DELIB_MATIERE_CODE"], l["VOTE_EFFECTIF"], l["VOTE_REEL"], l["VOTE_POUR"], l["VOTE_CONTRE"], l["VOTE_ABSTENTION"]) for l in lignes] == [
        ("D2024_041", "2024-06-27", "5.2", "20", "17", "17", "0", "0"),
        ("D2024_042", "2024-06-27", "7.5", "20", "17", "15", "1", "1"),
        ("D2024_043", "2024-06-27", "5.3", "20", "16", "16", "0", "0"),
    ]


# Les contraintes de la spécification, colonne par colonne ; `None` : texte libre obligatoire.
_DATE = r"\d{4}-\d{2}-\d{2}"
_ENTIER = r"\d+"
CONTRAINTES = {
    "COLL_NOM": (True, None),
    "COLL_SIRET": (True, r"\d{14}"),
    "DELIB_ID": (True, None),
    "DELIB_DATE": (True, _DATE),
    "DELIB_MATIERE_CODE": (True, r"\d\.\d{1,2}"),
    "DELIB_MATIERE_NOM": (True, r"[^,()/A-Z]+/[^,()/A-Z]+"),
    "DELIB_OBJET": (True, r"[^\n\r]+"),
    "BUDGET_ANNEE": (False, r"[0-9]{4}(/[0-9]{4})?"),
    "BUDGET_NOM": (False, None),
    "PREF_ID": (False, r"PREF\d{3}|SPREF\d{3}\d|SGAR\d{3}"),
    "PREF_DATE": (False, _DATE),
    "VOTE_EFFECTIF": (False, _ENTIER),
    "VOTE_REEL": (False, _ENTIER),
    "VOTE_POUR": (False, _ENTIER),
    "VOTE_CONTRE": (False, _ENTIER),
    "VOTE_ABSTENTION": (False, _ENTIER),
    "DELIB_URL": (False, r"https?://\S+"),
}


@pytest.mark.parametrize("exemple", ["cotentin", "val_exemple"])
def test_export_respecte_le_schema_colonne_par_colonne(exemple, request):
    dossier = request.getfixturevalue(exemple).dossier
    texte = exporter_scdl(dossier)
    assert "\r" not in texte and texte.endswith("\n")
    lecteur = csv.DictReader(io.StringIO(texte, newline=""))
    assert tuple(lecteur.fieldnames) == tuple(CONTRAINTES)
    lignes = list(lecteur)
    assert [ligne["DELIB_ID"] for ligne in lignes] == [acte.numero for acte in dossier.actes]
    for ligne in lignes:
        assert None not in ligne and all(valeur is not None for valeur in ligne.values())
        for colonne, (obligatoire, motif) in CONTRAINTES.items():
            valeur = ligne[colonne]
            if obligatoire:
                assert valeur.strip(), colonne
            if valeur and motif:
                assert re.fullmatch(motif, valeur), (colonne, valeur)
        assert siret.is_valid(ligne["COLL_SIRET"])
        datetime.date.fromisoformat(ligne["DELIB_DATE"])
        matiere = classification_actes()[ligne["DELIB_MATIERE_CODE"]]
        assert ligne["DELIB_MATIERE_NOM"].split("/")[0] == matiere.matiere.lower()
        assert matiere.sous_matiere.lower().startswith(ligne["DELIB_MATIERE_NOM"].split("/")[1])
        if ligne["BUDGET_ANNEE"]:
            annees = [int(annee) for annee in ligne["BUDGET_ANNEE"].split("/")]
            assert annees == sorted(annees)
        vote = {colonne: int(ligne[f"VOTE_{colonne}"]) for colonne in ("EFFECTIF", "REEL", "POUR", "CONTRE", "ABSTENTION")}
        assert vote["POUR"] + vote["CONTRE"] + vote["ABSTENTION"] <= vote["REEL"] <= vote["EFFECTIF"]


@pytest.mark.parametrize(
    ("code", "nom"),
    [
        ("7.5", "finances locales/subventions"),
        ("7.10", "finances locales/divers"),
        ("1.5", "commande publique/transactions"),
        ("4.1", "fonction publique/personnels titulaires et stagiaires de la f.p.t."),
        ("5.8", "institutions et vie politique/décision d'ester en justice"),
        ("6.5", "libertés publiques et pouvoirs de police/actes pris au nom de l'etat"),
    ],
)
def test_nom_de_matiere_en_minuscules_sans_parenthese(code, nom):
    assert nom_de_matiere(classification_actes()[code]) == nom


def test_classification_actes_complete_et_chaque_nom_conforme():
    classification = classification_actes()
    assert len(classification) == 57
    assert {code.split(".")[0] for code in classification} == {str(chiffre) for chiffre in range(1, 10)}
    for code, matiere in classification.items():
        assert re.fullmatch(r"\d\.\d{1,2}", code)
        nom = nom_de_matiere(matiere)
        assert nom == nom.lower() and nom.count("/") == 1 and not set(nom) & set(",()"), nom


def test_siret_ecrit_avec_espaces_accepte_et_exporte_compact(dossier):
    remplacer(dossier / "collectivite.yaml", 'siret: "12345678200010"', 'siret: "123 456 782 00010"')
    assert lignes_scdl(verifier(dossier)[0].dossier)[0]["COLL_SIRET"] == "12345678200010"


def test_matiere_ecrite_sans_guillemets_garde_ses_chiffres(dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", 'matiere: "7.5"', "matiere: 7.10")
    ligne = lignes_scdl(verifier(dossier)[0].dossier)[0]
    assert (ligne["DELIB_MATIERE_CODE"], ligne["DELIB_MATIERE_NOM"]) == ("7.10", "finances locales/divers")
