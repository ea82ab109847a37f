"""La trésorerie des appels de fonds (issue 15) : paiements contrôlés, appel fondé sur un
paiement, situation à une date (terminal, .xlsx, .csv), relances, titre de recettes.

Chiffres de donnees/cotentin (paiements fictifs de paiements.yaml), calculés à la main :
- AF-2023-01, AF-2024-01 : 36 550 − 7 310 (chambres) = 29 240 € ; AF-2025-01 (avenant n°1) : 40 000 − 8 000 = 32 000 €.
- AF-aaaa-02 : 50 % de ce que l'Agglomération a versé : 14 620 € ; 16 000 € en 2025.
- AF-2025-01 : émis le 1er mars 2025, échéance le 31 mars (30 jours), payé le 22 avril : 22 jours de retard.
- AF-2025-02 : émis le lendemain de ce paiement, 23 avril 2025 ; échéance le 23 mai ; au 30 juin,
  8 jours de mai + 30 de juin = 38 jours de retard.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from generateur import francais
from generateur.etapes import tresorerie
from generateur.francais import Genre
from tests.conftest import EXEMPLE, contenu, lancer, ligne_de, remplacer

NB, FINE = "\u00a0", "\u202f"
AU = datetime.date(2025, 6, 30)


def texte_docx(chemin) -> str:
    return "\n".join(p.text for p in Document(chemin).paragraphs)


def test_situation_au_30_juin_2025():
    lignes, a_emettre = tresorerie(EXEMPLE, AU)
    assert [
        (l.suivi.appel.reference, l.suivi.appel.montant, l.paye, l.reste, l.suivi.appel.date_emission, l.suivi.appel.date_echeance, l.jours_de_retard, l.etat)
        for l in lignes
    ] == [
        ("AF-2023-01", 29240, 29240, 0, datetime.date(2023, 3, 1), datetime.date(2023, 3, 31), 0, "soldé"),
        ("AF-2023-02", 14620, 14620, 0, datetime.date(2023, 3, 25), datetime.date(2023, 4, 24), 0, "soldé"),
        ("AF-2024-01", 29240, 29240, 0, datetime.date(2024, 3, 1), datetime.date(2024, 3, 31), 0, "soldé"),
        ("AF-2024-02", 14620, 14620, 0, datetime.date(2024, 3, 28), datetime.date(2024, 4, 27), 0, "soldé"),
        ("AF-2025-01", 32000, 32000, 0, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31), 22, "soldé avec retard"),
        ("AF-2025-02", 16000, 0, 16000, datetime.date(2025, 4, 23), datetime.date(2025, 5, 23), 38, "en retard"),
    ]
    assert a_emettre == []


def test_avant_le_paiement_de_l_appel_01_l_appel_02_attend():
    lignes, a_emettre = tresorerie(EXEMPLE, datetime.date(2025, 4, 1))
    assert [(l.suivi.appel.reference, l.paye, l.reste, l.jours_de_retard, l.etat) for l in lignes][-1] == ("AF-2025-01", 0, 32000, 1, "en retard")
    assert [s.appel.reference for s in a_emettre] == ["AF-2025-02"]


def test_tableau_au_terminal_avec_les_totaux():
    resultat = lancer("tresorerie", EXEMPLE, "--au", "2025-06-30")
    assert resultat.exit_code == 0, resultat.output
    lignes = resultat.output.splitlines()
    assert lignes[0] == "Situation des appels de fonds au 30 juin 2025"
    assert lignes[9] == f"AF-2025-02   2025  L'Agglomération  Le Département         16{FINE}000{NB}€       0{NB}€  16{FINE}000{NB}€  23/05/2025               38  en retard"
    # par partenaire : 29 240 × 3 + 32 000 = 90 480 (tout payé) ; 14 620 × 2 + 16 000 = 45 240, dont 16 000 dus
    assert f"  L'Agglomération  90{FINE}480{NB}€ / 90{FINE}480{NB}€ / 0{NB}€" in lignes
    assert f"  Le Département   45{FINE}240{NB}€ / 29{FINE}240{NB}€ / 16{FINE}000{NB}€" in lignes
    # par année : 29 240 + 14 620 = 43 860 ; 32 000 + 16 000 = 48 000
    assert f"  2025  48{FINE}000{NB}€ / 32{FINE}000{NB}€ / 16{FINE}000{NB}€" in lignes
    assert lignes[-1] == f"Total : appelé 135{FINE}720{NB}€, payé 119{FINE}720{NB}€, reste dû 16{FINE}000{NB}€"


def test_classeur_relu_avec_openpyxl(tmp_path):
    sortie = tmp_path / "tresorerie.xlsx"
    assert lancer("tresorerie", EXEMPLE, "--au", "2025-06-30", "--sortie", sortie).exit_code == 0
    classeur = load_workbook(sortie)
    feuille = classeur["Situation"]
    entetes = [c.value for c in feuille[1]]
    assert entetes[:11] == ["Référence", "Année", "De", "À", "Montant appelé", "Payé", "Reste dû", "Émission", "Échéance", "Jours de retard", "Situation"]
    assert entetes[11:] == ["Débiteur", "SIRET du débiteur", "Adresse du débiteur", "Objet du titre", "Montant du titre", "Exercice", "Budget", "Imputation", "Pièce justificative"]
    assert feuille.freeze_panes == "A2"
    af02 = [c.value for c in feuille[7]]
    assert af02[:11] == ["AF-2025-02", 2025, "L'Agglomération", "Le Département", 16000, 0, 16000, datetime.datetime(2025, 4, 23), datetime.datetime(2025, 5, 23), 38, "en retard"]
    assert af02[11:19] == ["Conseil Départemental de la Manche", "98765432400019", "98, Route de Candol, 50000 Saint-Lô", "Subvention 2025 – convention 2023-2025", 16000, 2025, "budget principal", "chapitre 74 – nature 7473 – fonction 90"]
    assert af02[19] == ("Appel de fonds AF-2025-02 du 23/04/2025 ; convention autorisée par la décision n°B050_2022 du 22/11/2022 ; "
                        "avenant n°1 autorisé par la décision n°B140_2024 du 10/12/2024")
    assert feuille["E7"].number_format == '#,##0.00\\ "€"' and feuille["I7"].number_format == "DD/MM/YYYY"
    assert [feuille.cell(8, colonne).value for colonne in (1, 5, 6, 7)] == ["Total au 30/06/2025", "=SUM(E2:E7)", "=SUM(F2:F7)", "=SUM(G2:G7)"]
    assert feuille.column_dimensions["A"].width == 16 and feuille.column_dimensions["T"].width == 62
    totaux = classeur["Totaux"]
    assert [c.value for c in totaux[1]] == ["Partenaire", "Montant appelé", "Payé", "Reste dû"]
    assert [c.value for c in totaux[3]] == ["Le Département", "=SUMIFS(Situation!$E$2:$E$7,Situation!$D$2:$D$7,$A3)", "=SUMIFS(Situation!$F$2:$F$7,Situation!$D$2:$D$7,$A3)", "=SUMIFS(Situation!$G$2:$G$7,Situation!$D$2:$D$7,$A3)"]
    assert [c.value for c in totaux[7]] == [2024, "=SUMIFS(Situation!$E$2:$E$7,Situation!$B$2:$B$7,$A7)", "=SUMIFS(Situation!$F$2:$F$7,Situation!$B$2:$B$7,$A7)", "=SUMIFS(Situation!$G$2:$G$7,Situation!$B$2:$B$7,$A7)"]
    assert totaux["B3"].number_format == '#,##0.00\\ "€"'


def test_csv_montants_dates_et_formules_neutralisees(dossier, tmp_path):
    remplacer(dossier / "convention.yaml", "nom: Conseil Départemental de la Manche", "nom: =HYPERLINK(\"http://x\")")
    csv, xlsx = tmp_path / "t.csv", tmp_path / "t.xlsx"
    assert lancer("tresorerie", dossier, "--au", "2025-06-30", "--sortie", csv).exit_code == 0
    lignes = csv.read_text(encoding="utf-8").splitlines()
    assert lignes[6].split(";")[:13] == ["AF-2025-02", "2025", "L'Agglomération", "Le Département", "16000,00", "0,00", "16000,00", "2025-04-23", "2025-05-23", "38", "en retard", "\"'=HYPERLINK(\"\"http://x\"\")\"", "98765432400019"]
    assert lancer("tresorerie", dossier, "--au", "2025-06-30", "--sortie", xlsx).exit_code == 0
    cellule = load_workbook(xlsx)["Situation"]["L7"]
    assert (cellule.value, cellule.data_type) == ('=HYPERLINK("http://x")', "s")


def test_export_dans_un_format_inconnu_refuse(tmp_path):
    resultat = lancer("tresorerie", EXEMPLE, "--sortie", tmp_path / "t.ods")
    assert resultat.exit_code == 2
    assert f"« {tmp_path / 't.ods'} » : un fichier .xlsx (tableur) ou .csv est attendu" in resultat.output
    assert contenu(tmp_path) == []


PAIEMENTS = "  - {appel: AF-2025-01, date: 2025-04-22, montant: 32000, reference_bancaire: VIR CA COTENTIN 2025-131}   # FICTIF, en retard\n"


@pytest.mark.parametrize(
    ("paiement", "champ", "message"),
    [
        ("  - {appel: AF-2026-01, date: 2025-04-22, montant: 100}\n", "appel",
         "l'appel de fonds « AF-2026-01 » n'existe pas dans ce dossier ; une référence parmi AF-2023-01, AF-2023-02, AF-2024-01, AF-2024-02, AF-2025-01, AF-2025-02 est attendue"),
        ("  - {appel: AF-2025-01, date: 2025-02-28, montant: 100}\n", "date",
         "paiement du 28 février 2025 antérieur à l'émission de l'appel AF-2025-01 le 1er mars 2025 ; une date à partir du 1er mars 2025 est attendue"),
        ("  - {appel: AF-2025-02, date: 2025-04-22, montant: 100}\n", "date",
         "paiement du 22 avril 2025 antérieur à l'émission de l'appel AF-2025-02 le 23 avril 2025 ; une date à partir du 23 avril 2025 est attendue"),
        ("  - {appel: AF-2024-02, date: 2024-05-02, montant: 0.01}\n", "montant",
         "l'appel AF-2024-02 est déjà soldé ; aucun autre paiement n'est attendu"),
    ],
)
def test_paiement_refuse_au_message_exact_et_rien_d_ecrit(dossier, tmp_path, paiement, champ, message):
    fichier = dossier / "paiements.yaml"
    remplacer(fichier, PAIEMENTS, PAIEMENTS + paiement)
    for commande in (("generer", dossier, "--sortie", tmp_path / "actes"), ("tresorerie", dossier, "--sortie", tmp_path / "t.xlsx")):
        resultat = lancer(*commande)
        assert resultat.exit_code == 1
        assert resultat.stderr == f"{fichier}:{ligne_de(fichier, paiement.strip())} : paiements[5].{champ} : {message}\n"
    assert not (tmp_path / "actes").exists() and not (tmp_path / "t.xlsx").exists()


def test_paiement_au_dela_du_reste_du(dossier):
    # 32 000 € appelés : 30 000 puis 2 000,01 dépassent de 1 centime
    fichier = dossier / "paiements.yaml"
    remplacer(fichier, "date: 2025-04-22, montant: 32000", "date: 2025-04-22, montant: 30000")
    remplacer(fichier, PAIEMENTS.replace("32000", "30000"), PAIEMENTS.replace("32000", "30000") + "  - {appel: AF-2025-01, date: 2025-05-02, montant: 2000.01}\n")
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 1
    assert resultat.stderr == (
        f"{fichier}:{ligne_de(fichier, '2000.01')} : paiements[5].montant : 2{FINE}000,01{NB}€ dépassent le reste dû sur l'appel AF-2025-01 (2{FINE}000{NB}€) ; "
        f"au plus 2{FINE}000{NB}€ est attendu\n"
    )


def test_appel_02_non_emis_tant_que_l_appel_01_n_est_pas_paye(dossier, tmp_path):
    fichier = dossier / "paiements.yaml"
    remplacer(fichier, PAIEMENTS, "")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    assert not (tmp_path / "sorties" / "cotentin" / "appel_de_fonds_AF-2025-02.docx").exists()
    assert (tmp_path / "sorties" / "cotentin" / "appel_de_fonds_AF-2024-02.docx").exists()
    remplacer(fichier, "paiements:\n", "paiements:\n  - {appel: AF-2025-02, date: 2025-05-01, montant: 16000}\n")
    resultat = lancer("verifier", dossier)
    assert resultat.stderr == (
        f"{fichier}:{ligne_de(fichier, 'date: 2025-05-01')} : paiements[0].appel : l'appel de fonds AF-2025-02 n'est pas encore émis "
        "(il attend le paiement de l'appel AF-2025-01) ; un paiement ne peut pas le précéder\n"
    )


def test_titre_de_recettes_d_un_flux_inconnu(dossier):
    fichier = dossier / "paiements.yaml"
    remplacer(fichier, "    - flux: demande", "    - flux: reversement")
    resultat = lancer("verifier", dossier)
    assert resultat.stderr == f"{fichier}:{ligne_de(fichier, 'reversement')} : tresorerie.titres_de_recettes[0].flux : flux « reversement » inconnu ; un code de flux de la convention est attendu (versement, demande)\n"


# --- Les lettres ------------------------------------------------------------------------------


def test_appel_02_de_2025_suit_le_paiement_de_l_appel_01(exemple_genere):
    texte = texte_docx(exemple_genere / "appel_de_fonds_AF-2025-02.docx")
    assert "Cherbourg-en-Cotentin, le 23 avril 2025" in texte
    assert "\nMonsieur le Président,\n" in texte
    assert (f"Ce montant suit l'avenant n°{NB}1 à la convention, en vigueur depuis le 1er janvier 2025 et autorisé par la décision du "
            f"Bureau communautaire n°{NB}B140_2024 du 10 décembre 2024.") in texte
    assert f"Ce montant est calculé sur le versement effectué{NB}: 32{FINE}000{NB}€ le 22 avril 2025 en règlement de l'appel de fonds AF-2025-01." in texte
    assert "soit au plus tard le 23 mai 2025" in texte
    assert f"Soit la somme de 16{FINE}000{NB}€ (seize mille euros)." in texte
    assert "Nous vous prions d'agréer, Monsieur le Président, l'expression de nos salutations distinguées." in texte
    tableau = [[c.text for c in rangee.cells] for rangee in Document(exemple_genere / "appel_de_fonds_AF-2025-02.docx").tables[0].rows]
    assert tableau[1:] == [
        ["Subvention versée à la CCI ON le 22 avril 2025 (appel AF-2025-01)", f"32{FINE}000{NB}€"],
        [f"Part demandée{NB}: 50{NB}%", f"16{FINE}000{NB}€"],
        ["Montant appelé", f"16{FINE}000{NB}€"],
    ]


def test_bloc_du_titre_de_recettes_dans_l_appel_quand_le_dossier_le_demande(exemple_genere):
    texte = texte_docx(exemple_genere / "appel_de_fonds_AF-2025-02.docx")
    assert (f"Pour le titre de recettes{NB}:\nDébiteur{NB}: Conseil Départemental de la Manche, SIRET 98765432400019\n"
            f"Adresse du débiteur{NB}: 98, Route de Candol, 50000 Saint-Lô\nObjet{NB}: Subvention 2025 – convention 2023-2025\n"
            f"Montant{NB}: 16{FINE}000{NB}€, exercice 2025\nBudget{NB}: budget principal{NB}; imputation{NB}: chapitre 74 – nature 7473 – fonction 90\n"
            f"Pièce justificative{NB}: Appel de fonds AF-2025-02 du 23/04/2025{NB}; convention autorisée par la décision n°{NB}B050_2022 du 22/11/2022{NB}; "
            f"avenant n°{NB}1 autorisé par la décision n°{NB}B140_2024 du 10/12/2024") in texte
    assert "titre de recettes" not in texte_docx(exemple_genere / "appel_de_fonds_AF-2025-01.docx")


def test_appel_de_la_cci_date_de_son_siege_et_sans_avenant_avant_2025(exemple_genere):
    texte = texte_docx(exemple_genere / "appel_de_fonds_AF-2025-01.docx")
    assert "Saint-Lô, le 1er mars 2025" in texte and "\nMonsieur le Président,\n" in texte
    assert f"avenant n°{NB}1" in texte
    assert f"32{FINE}000{NB}€ (trente-deux mille euros)" in texte
    texte_2023 = texte_docx(exemple_genere / "appel_de_fonds_AF-2023-01.docx")
    assert "Saint-Lô, le 1er mars 2023" in texte_2023 and "avenant" not in texte_2023
    assert "Ce montant est calculé" not in texte_2023
    assert "Cherbourg-en-Cotentin, le 25 mars 2023" in texte_docx(exemple_genere / "appel_de_fonds_AF-2023-02.docx")


def test_sans_suivi_des_paiements_l_appel_dit_qu_il_suit_le_budget(val_exemple):
    from generateur.vues.tresorerie import appels_suivis, vues_des_versions

    fondements = {s.appel.reference: s.fondement for s in appels_suivis(val_exemple, vues_des_versions(val_exemple))}
    assert {ref: f for ref, f in fondements.items() if f} == {
        ref: "Ce montant est calculé sur le budget prévu par la convention." for ref in fondements if ref.endswith("-02")
    }


def test_vocatif_d_une_presidente_et_d_un_representant_a_completer(dossier, tmp_path):
    remplacer(dossier / "convention.yaml", "representant: {civilite: Monsieur, prenom: Jean, nom: Morin, fonction: Président}",
              "representant: {civilite: Madame, prenom: Jeanne, nom: Morin, fonction: Président}")
    assert lancer("generer", dossier, "--sortie", tmp_path / "a").exit_code == 0
    texte = texte_docx(tmp_path / "a" / "cotentin" / "appel_de_fonds_AF-2024-02.docx")
    assert "\nMadame la Présidente,\n" in texte and "Nous vous prions d'agréer, Madame la Présidente, l'expression" in texte


# --- Les relances -----------------------------------------------------------------------------


def test_relances_premiere_puis_seconde_qui_cite_la_premiere(tmp_path):
    actes = tmp_path / "sorties"
    assert lancer("generer", EXEMPLE, "--sortie", actes).exit_code == 0
    avant = {p: p.read_bytes() for p in (actes / "cotentin").iterdir()}
    resultat = lancer("tresorerie", EXEMPLE, "--au", "2025-06-30", "--relances", "--actes", actes)
    relances = actes / "cotentin" / "relances"
    assert resultat.output == f"{relances / 'relance_AF-2025-02-R1_2025-06-30.docx'}\n{relances / 'manifeste.json'}\n"
    texte = texte_docx(relances / "relance_AF-2025-02-R1_2025-06-30.docx")
    assert "Cherbourg-en-Cotentin, le 30 juin 2025" in texte
    assert f"Référence{NB}:\tAF-2025-02-R1" in texte and f"Objet{NB}:\tPremière relance – appel de fonds AF-2025-02 du 23 avril 2025" in texte
    assert (f"Par l'appel de fonds AF-2025-02 du 23 avril 2025, nous vous avons demandé, en application de l'article 4 de la convention autorisée "
            f"par la décision du Bureau communautaire n°{NB}B050_2022 du 22 novembre 2022, le versement de la subvention due au titre de l'année 2025, "
            f"d'un montant de 16{FINE}000{NB}€ (seize mille euros), payable au plus tard le 23 mai 2025.") in texte
    assert f"À ce jour, 38 jours après l'échéance, ce paiement ne nous est pas parvenu{NB}: le reste dû s'élève à 16{FINE}000{NB}€ (seize mille euros)." in texte
    # nouvelle échéance : 30 juin + 15 jours
    assert "au plus tard le 15 juillet 2025, par virement" in texte
    assert "\nMonsieur le Président,\n" in texte and "Nous vous prions d'agréer, Monsieur le Président," in texte
    assert "relance du" not in texte

    # l'échéance de la première court encore : pas de nouvelle relance
    resultat = lancer("tresorerie", EXEMPLE, "--au", "2025-07-10", "--relances", "--actes", actes)
    assert resultat.output == "AF-2025-02 : première relance du 30 juin 2025 en cours, échéance le 15 juillet 2025\n"

    # régénérer les actes ne touche pas aux relances
    assert lancer("generer", EXEMPLE, "--sortie", actes, "--force").exit_code == 0
    assert {p: p.read_bytes() for p in (actes / "cotentin").iterdir() if p.is_file()} == {p: b for p, b in avant.items()}
    assert sorted(p.name for p in relances.iterdir()) == ["manifeste.json", "relance_AF-2025-02-R1_2025-06-30.docx"]

    resultat = lancer("tresorerie", EXEMPLE, "--au", "2025-07-31", "--relances", "--actes", actes)
    assert resultat.exit_code == 0
    seconde = texte_docx(relances / "relance_AF-2025-02-R2_2025-07-31.docx")
    assert f"Objet{NB}:\tDeuxième relance – appel de fonds AF-2025-02 du 23 avril 2025" in seconde
    assert "Notre première relance du 30 juin 2025 (référence AF-2025-02-R1) vous en rappelait le paiement avant le 15 juillet 2025." in seconde
    # 23 mai → 31 juillet : 8 + 30 + 31 = 69 jours
    assert "À ce jour, 69 jours après l'échéance" in seconde
    manifeste = json.loads((relances / "manifeste.json").read_text(encoding="utf-8"))
    assert [(d["chemin"], d["reference"]) for d in manifeste["documents"]] == [
        ("relance_AF-2025-02-R1_2025-06-30.docx", "AF-2025-02-R1"), ("relance_AF-2025-02-R2_2025-07-31.docx", "AF-2025-02-R2"),
    ]


def test_aucune_relance_avant_l_echeance(tmp_path):
    resultat = lancer("tresorerie", EXEMPLE, "--au", "2025-05-23", "--relances", "--actes", tmp_path)
    assert resultat.output == "Aucun appel à relancer.\n"
    assert contenu(tmp_path) == []


# --- Le français des lettres --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("civilite", "genre", "fonction", "attendu"),
    [
        ("Monsieur", Genre.MASCULIN, "Président", "Monsieur le Président"),
        ("Madame", Genre.FEMININ, "Président", "Madame la Présidente"),
        ("Madame", Genre.FEMININ, "Adjoint", "Madame l'Adjointe"),
        (None, None, None, "Madame, Monsieur"),
    ],
)
def test_vocatif_accorde(civilite, genre, fonction, attendu):
    assert francais.vocatif(civilite, genre, fonction) == attendu


@pytest.mark.parametrize(("rang", "attendu"), [(1, "première relance"), (2, "deuxième relance"), (4, "quatrième relance"), (7, "7e relance")])
def test_nieme_relance(rang, attendu):
    assert francais.nieme_relance(rang) == attendu


def test_lieu_et_date_et_fondement():
    assert francais.lieu_et_date("Cherbourg-en-Cotentin", datetime.date(2023, 1, 15)) == "Cherbourg-en-Cotentin, le 15 janvier 2023"
    assert francais.lieu_et_date("Saint-Lô", datetime.date(2025, 3, 1)) == "Saint-Lô, le 1er mars 2025"
    assert francais.fondement_du_montant([]) == "Ce montant est calculé sur le budget prévu par la convention."
    assert francais.fondement_du_montant([(Decimal("20000"), datetime.date(2025, 4, 2), "AF-2025-01"), (Decimal("12000.50"), datetime.date(2025, 4, 22), "AF-2025-01")]) == (
        f"Ce montant est calculé sur les versements effectués : 20{FINE}000{NB}€ le 2 avril 2025 en règlement de l'appel de fonds AF-2025-01 "
        f"et 12{FINE}000,50{NB}€ le 22 avril 2025 en règlement de l'appel de fonds AF-2025-01."
    )
    assert francais.versement_recu("financement", "le Département", datetime.date(2024, 3, 27), "AF-2024-01") == "Financement versé au Département le 27 mars 2024 (appel AF-2024-01)"


def test_relances_avant_toute_generation_puis_actes_puis_verifier_sorties(tmp_path):
    actes = tmp_path / "sorties"
    assert lancer("tresorerie", EXEMPLE, "--au", "2025-06-30", "--relances", "--actes", actes).exit_code == 0
    relance = actes / "cotentin" / "relances" / "relance_AF-2025-02-R1_2025-06-30.docx"
    # le dossier de sortie n'a encore que les relances : la génération des actes l'écrit sans --force et les garde
    assert lancer("generer", EXEMPLE, "--sortie", actes).exit_code == 0
    assert relance.is_file()
    resultat = lancer("verifier-sorties", actes / "cotentin")
    assert resultat.exit_code == 0
    assert f"{relance} : conforme" in resultat.output.splitlines()
    relance.write_bytes(b"modifiee")
    resultat = lancer("verifier-sorties", actes / "cotentin")
    assert resultat.exit_code == 1
    assert f"{relance} : modifié depuis la génération (empreinte SHA-256 différente)" in resultat.output


def test_date_mal_ecrite_refusee_en_francais():
    resultat = lancer("tresorerie", EXEMPLE, "--au", "2025-13-01")
    assert resultat.exit_code == 2
    assert resultat.stderr.splitlines()[-1] == "Erreur : Valeur invalide pour '--au' : « 2025-13-01 » n'est pas une date ; une date AAAA-MM-JJ est attendue, par exemple 2025-06-30"
