"""`generateur importer-membres` : la liste tenue au tableur devient la liste des membres du dossier ;
une ligne fautive a son message, et rien n'est écrit."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl
import pytest

from generateur.etapes import verifier
from tests.conftest import RACINE, contenu, lancer

TITRES = ["Civilité", "Prénom", "Nom", "Fonction", "Commune", "Suppléant civilité", "Suppléant prénom", "Suppléant nom", "Début", "Fin"]


def _classeur(chemin: Path, lignes: list[list]) -> Path:
    classeur = openpyxl.Workbook()
    for ligne in lignes:
        classeur.active.append(ligne)
    classeur.save(chemin)
    return chemin


def test_classeur_xlsx_ecrit_la_liste_du_bureau(tmp_path):
    tableur = _classeur(tmp_path / "bureau.xlsx", [
        TITRES,
        ["Mme", "Hélène", "Durand-Exemple", "Présidente", "Exempleville", None, None, None, None, None],
        ["M.", "Paul", " Martin ", "1er Vice-Président", "Saint-Fictif", None, None, None, datetime.datetime(2024, 6, 1), None],
        [None] * 10,
        ["monsieur", "Jérôme", "Aubert", None, "Mont-Essai", "Madame", "Odette", "Vasseur", None, "31/03/2026"],
    ])
    resultat = lancer("importer-membres", tableur, "--assemblee", "bureau", tmp_path / "dossier")
    assert (resultat.exit_code, resultat.stdout) == (0, f"{tmp_path / 'dossier' / 'assemblee_bureau.yaml'}\n")
    assert (tmp_path / "dossier" / "assemblee_bureau.yaml").read_text(encoding="utf-8") == (
        "# Liste des membres importée de bureau.xlsx par « generateur importer-membres ».\n"
        "# Les séances ne notent que l'inhabituel : tout membre en exercice est présent, sauf dit autrement.\n"
        "assemblees:\n"
        "  - code: bureau\n"
        "    nom: Bureau\n"
        "    qualificatif: communautaire\n"
        "    genre: masculin\n"
        "    actes: decision\n"
        "    acte: décision de Bureau\n"
        "    formule: jour\n"
        "    membres:\n"
        "      - {civilite: Madame, prenom: Hélène, nom: Durand-Exemple, fonction: Présidente, commune: Exempleville}\n"
        "      - {civilite: Monsieur, prenom: Paul, nom: Martin, fonction: 1er Vice-Président, commune: Saint-Fictif, debut: 2024-06-01}\n"
        "      - {civilite: Monsieur, prenom: Jérôme, nom: Aubert, commune: Mont-Essai, suppleant: {civilite: Madame, prenom: Odette, nom: Vasseur}, fin: 2026-03-31}\n"
    )


def test_csv_remplace_la_liste_du_conseil_et_garde_sa_description(tmp_path):
    dossier = tmp_path / "val_exemple"
    shutil.copytree(RACINE / "donnees" / "val_exemple", dossier)
    # La liste du conseil, exportée du tableur au point-virgule : les mêmes membres, relus.
    avant = verifier(dossier)[0].dossier.assemblees[1]
    lignes = [";".join(TITRES)] + [
        ";".join([m.civilite, m.prenom, m.nom, m.fonction or "", m.commune or "",
                  *((m.suppleant.civilite, m.suppleant.prenom, m.suppleant.nom) if m.suppleant else ("", "", "")),
                  m.debut.strftime("%d/%m/%Y") if m.debut else "", m.fin.isoformat() if m.fin else ""])
        for m in avant.membres
    ]
    (tmp_path / "conseil.csv").write_text("\n".join(lignes) + "\n", encoding="utf-8-sig")
    assert lancer("importer-membres", tmp_path / "conseil.csv", "--assemblee", "conseil", dossier).exit_code == 3  # le fichier existe
    assert lancer("importer-membres", tmp_path / "conseil.csv", "--assemblee", "conseil", dossier, "--force").exit_code == 0
    assert verifier(dossier)[0].dossier.assemblees[1] == avant


@pytest.mark.parametrize(
    ("lignes", "messages"),
    [
        (["Civilité;Prénom;Nom;Comune", "M.;Paul;Martin;Exempleville"],
         ["{f}:1 : colonne 4 : colonne « Comune » inconnue ; vouliez-vous dire « commune » ? (colonnes admises : civilite, prenom, nom, fonction, "
          "commune, suppleant_civilite, suppleant_prenom, suppleant_nom, debut, fin)"]),
        (["Civilité;Nom", "M.;Martin"], ["{f}:1 : prenom : colonne obligatoire absente de la première ligne"]),
        (["Civilité;Prénom;Nom;Début", "Dr;Luc;Roux;", "M.;Paul;;", "Mme;Anne;Petit;31/02/2024"],
         ["{f}:2 : civilite : valeur « Dr » non admise ; attendu : « Monsieur » ou « Madame »",
          "{f}:3 : nom : champ obligatoire absent",
          "{f}:4 : debut : date « 31/02/2024 » invalide ; attendu : une date qui existe, JJ/MM/AAAA ou AAAA-MM-JJ"]),
        (["Civilité;Prénom;Nom", "M.;Paul;Martin", "Mme;Anne;Petit", "monsieur;paul;MARTIN"],
         ["{f}:4 : nom : « paul MARTIN » est déjà à la ligne 2 (« Paul MARTIN ») ; un membre n'est listé qu'une fois"]),
        (["Civilité;Prénom;Nom"], ["{f} : (racine) : aucun membre : une ligne par membre est attendue sous la ligne des titres"]),
    ],
    ids=["colonne_inconnue", "colonne_obligatoire_absente", "lignes_fautives", "membre_deux_fois", "aucun_membre"],
)
def test_tableur_fautif_refuse_ligne_par_ligne_sans_rien_ecrire(tmp_path, lignes, messages):
    tableur = tmp_path / "membres.csv"
    tableur.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    dossier = tmp_path / "dossier"
    resultat = lancer("importer-membres", tableur, "--assemblee", "conseil", dossier)
    assert (resultat.exit_code, resultat.stderr.splitlines()) == (2, [m.format(f=tableur) for m in messages])
    assert "Traceback" not in resultat.output
    assert contenu(dossier) == []


def test_assemblee_inconnue_du_dossier_refusee(tmp_path):
    tableur = tmp_path / "membres.csv"
    tableur.write_text("Civilité;Prénom;Nom\nM.;Paul;Martin\n", encoding="utf-8")
    resultat = lancer("importer-membres", tableur, "--assemblee", "commission", tmp_path / "dossier")
    assert resultat.exit_code == 2
    assert resultat.stderr == (
        f"{tmp_path / 'dossier'} : assemblees : l'assemblée « commission » n'est décrite dans aucun fichier du dossier ; "
        f"décrivez-la dans {tmp_path / 'dossier' / 'assemblee_commission.yaml'} (code, nom, qualificatif, genre, actes), ou importez « bureau » ou « conseil »\n"
    )


def test_format_inconnu_refuse(tmp_path):
    tableur = tmp_path / "membres.ods"
    tableur.write_bytes(b"x")
    resultat = lancer("importer-membres", tableur, "--assemblee", "bureau", tmp_path / "dossier")
    assert (resultat.exit_code, resultat.stderr) == (2, f"{tableur} : (racine) : format « .ods » non reconnu ; un tableur .xlsx ou un fichier .csv est attendu\n")
    assert not (tmp_path / "dossier").exists()


def test_classeur_illisible_refuse(tmp_path):
    tableur = tmp_path / "membres.xlsx"
    tableur.write_bytes(b"PK\x03\x04 pas un classeur")
    resultat = lancer("importer-membres", tableur, "--assemblee", "bureau", tmp_path / "dossier")
    assert (resultat.exit_code, resultat.stderr) == (2, f"{tableur} : (racine) : classeur .xlsx illisible ; enregistrez-le à nouveau depuis le tableur\n")
    assert not (tmp_path / "dossier").exists()


def test_aide_en_francais():
    aide = lancer("importer-membres", "--help").output
    assert "--assemblee CODE  Code de l'assemblée : bureau, conseil…  [obligatoire]" in aide
