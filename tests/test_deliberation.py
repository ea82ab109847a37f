"""Les délibérations du conseil (exemple fictif du 27 juin 2024) : leur modèle, leur titre, leur
formule, et les chiffres du vote de chacune, avec ses arrivées, départs et non-participants."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from tests.conftest import RACINE, lancer, remplacer

VAL = RACINE / "donnees" / "val_exemple"


@pytest.fixture(scope="module")
def sortie(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("sorties")
    resultat = lancer("generer", VAL, "--sortie", dossier)
    assert resultat.exit_code == 0, resultat.output
    return dossier / "val_exemple"


def _textes(fichier: Path) -> list[str]:
    """Le texte de chaque paragraphe, les espaces et traits d'union insécables de la typographie lus comme les autres."""
    return [p.text.translate({0x00A0: " ", 0x202F: " ", 0x2011: "-"}) for p in docx.Document(str(fichier)).paragraphs]


def test_une_deliberation_par_acte_du_conseil(sortie):
    assert sorted(p.name for p in sortie.glob("deliberation_*.docx")) == ["deliberation_D2024_041.docx", "deliberation_D2024_042.docx", "deliberation_D2024_043.docx"]


def test_deliberation_avec_non_participant(sortie):
    textes = _textes(sortie / "deliberation_D2024_042.docx")
    assert textes[:3] == [
        "CONSEIL DE LA COMMUNAUTÉ DE COMMUNES DU VAL D'EXEMPLE\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS",
        "Délibération n° D2024_042",
        "OBJET : Attribution d'une subvention à l'association Les Ateliers du Val",
    ]
    debut = textes.index("Le Conseil communautaire, après en avoir délibéré, DÉCIDE :")
    # Au vote : 16 présents (Nadia BOUCHARD arrivée), 1 suppléant, 1 pouvoir, Karim HADDAD ne prend pas part : 17 votants.
    assert textes[debut + 1:debut + 3] == [
        "(Pour : 15 – Contre : 1 – Abstention : 1 – Ne prend pas part au vote : 1)\nPrésents au moment du vote : 16 – Votants : 17",
        "Monsieur Karim HADDAD ne prend pas part au vote.",
    ]
    assert "Autoriser la Présidente ou son délégataire à signer toute pièce nécessaire à l'exécution de la présente délibération," in textes
    assert any(t.startswith("Dire que la présente délibération peut faire l'objet d'un recours") for t in textes)
    assert not any("décision" in t for t in textes)


def test_en_tete_du_conseil(sortie):
    textes = _textes(sortie / "deliberation_D2024_043.docx")
    seance = textes.index("CONSEIL COMMUNAUTAIRE DU 27 JUIN 2024")
    assert textes[seance + 1:seance + 6] == [
        "L'an deux mille vingt-quatre, le vingt-sept juin, à dix-huit heures trente, le Conseil de la Communauté de Communes du Val d'Exemple, "
        "dûment convoqué, s'est réuni salle du conseil de la Maison de l'intercommunalité, sous la présidence de Madame Hélène DURAND-EXEMPLE, "
        "Présidente de la Communauté de Communes du Val d'Exemple.",
        "Nombre de membres en exercice : 20",
        "Nombre de présents : 15",
        "Nombre de votants : 17",
        "Secrétaire de séance : Madame Camille RENAUD",
    ]
    presents = next(t for t in textes if t.startswith("Présents : "))
    assert "Monsieur Hugo LEROY (départ avant le vote de la délibération n° D2024_043)" in presents
    assert "Madame Nadia BOUCHARD (arrivée à partir du vote de la délibération n° D2024_042)" in presents
    assert "Madame Agathe COLLIN" in presents and "FAURE" not in " ".join(textes)
    assert next(t for t in textes if t.startswith("Excusés : ")) == (
        "Excusés : Monsieur Luc GIRARD (pouvoir à Monsieur Hugo LEROY), Monsieur Éric FONTAINE, Monsieur Jérôme AUBERT (suppléé par Madame Odette VASSEUR)"
    )
    assert "Absente : Madame Julie BLANC" in textes  # titre accordé à la seule absente
    # Hugo LEROY parti, son pouvoir tombe : 15 présents + 1 suppléant = 16 votants.
    assert "(Pour : 16 – Contre : 0 – Abstention : 0)\nPrésents au moment du vote : 15 – Votants : 16" in textes


def test_presidence_par_un_vice_president_dit_sa_fonction(tmp_path):
    dossier = tmp_path / "val_exemple"
    shutil.copytree(VAL, dossier)
    remplacer(dossier / "seance_2024-06-27.yaml", "      membre: Hélène Durand-Exemple", "      membre: Paul Martin")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    textes = _textes(tmp_path / "sorties" / "val_exemple" / "deliberation_D2024_041.docx")
    assert any("sous la présidence de Monsieur Paul MARTIN, 1er Vice-Président de la Communauté de Communes du Val d'Exemple." in t for t in textes)


def test_seconde_convocation_mentionnee(tmp_path):
    dossier = tmp_path / "val_exemple"
    shutil.copytree(VAL, dossier)
    remplacer(dossier / "seance_2024-06-27.yaml", "    secretaire: Camille Renaud\n", "    secretaire: Camille Renaud\n    seconde_convocation: true\n")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    textes = _textes(tmp_path / "sorties" / "val_exemple" / "deliberation_D2024_041.docx")
    assert (
        "Le quorum n'ayant pas été atteint lors d'une première réunion, l'assemblée, à nouveau convoquée, délibère valablement "
        "sans condition de quorum (article L.2121-17 du Code Général des Collectivités Territoriales)."
    ) in textes


def test_l_expose_d_une_deliberation_ne_cite_que_des_lignes_du_budget(tmp_path):
    """Le contrôle des citations du budget vaut pour les délibérations comme pour les décisions."""
    dossier = tmp_path / "val_exemple"
    shutil.copytree(VAL, dossier)
    fichier = dossier / "seance_2024-06-27.yaml"
    remplacer(fichier, "          - Le procès-verbal de la séance du 16 mai 2024 a été transmis à chaque conseiller avec la convocation.\n",
              "          - Le procès-verbal de la séance du 16 mai 2024 a été transmis à chaque conseiller avec la convocation.\n"
              "          - financement: {participation: region}\n")
    resultat = lancer("verifier", dossier)
    ligne = next(rang for rang, texte in enumerate(fichier.read_text(encoding="utf-8").splitlines(), start=1) if "participation: region" in texte)
    assert (resultat.exit_code, resultat.stderr) == (1, (
        f"{fichier}:{ligne} : seances[1].deliberations[0].expose[1].financement.participation : « region » n'est pas une "
        "ligne du budget de la convention (chambres, communaute, departement)\n"
    ))
