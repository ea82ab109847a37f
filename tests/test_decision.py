"""La décision B050_2022 générée depuis `donnees/cotentin/` reproduit l'acte de référence,
paragraphe par paragraphe, en-tête de séance compris."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import docx
import pytest

from tests.conftest import EXEMPLE, RACINE, lancer, remplacer
from tests.documents import paragraphes_docx, paragraphes_markdown

REFERENCE = RACINE / "tests" / "reference" / "B050_2022.md"

# Écarts voulus avec la référence (extrait de la référence → texte produit), et pourquoi.
ECARTS = {
    # La référence omet « de Bureau » dans cette seule mention ; l'outil écrit toutes les mentions de la même façon.
    "LEJAMTEL (départ avant le vote de la décision n°B053_2022)": "LEJAMTEL (départ avant le vote de la décision de Bureau n°B053_2022)",
    # Libellés qu'une secrétaire corrigerait (issue 13) : accord, majuscule inutile, intitulé exact.
    "Nombres de Membres :": "Nombre de membres en exercice :",
    "Nombres de présents :": "Nombre de présents :",
    # Capitales accentuées.
    "A l'ouverture de séance": "À l'ouverture de séance",
    "l'Etat": "l'État",
    # Les chiffres du vote de l'acte lui-même (issue 11), à la ligne sous son résultat : Antoine DIGARD est
    # parti avant le premier vote ; 24 présents à l'ouverture − 1 = 23 présents, 0 suppléant, 0 pouvoir : 23 votants.
    "(Pour : 23 – Contre : 0 – Abstention : 0)": "(Pour : 23 – Contre : 0 – Abstention : 0) Présents au moment du vote : 23 – Votants : 23",
}
# Typographie : une espace insécable après « n° » partout (« n° B050_2022 ») ; la référence n'en met pas toujours.
N_DEGRE = (re.compile(r"n°(?=\w)"), "n° ")

# Ajouts voulus (paragraphe de la référence → paragraphes ajoutés juste après), et pourquoi.
AJOUTS = {
    # Le secrétaire de séance (L2121-15), que les données nomment (illustration : la référence ne le dit pas).
    "Nombre de votants : 24": ["Secrétaire de séance : Madame Manuela MAHIER"],
    # Les mentions qui rendent l'acte exécutoire, après la signature (issue 16 ; la référence, document de
    # séance, ne les porte pas encore) ; dates et accusé de réception de l'illustration des données.
    "David MARGUERITTE": [
        "Caractère exécutoire de l'acte",
        "Transmis au représentant de l'État le 28 novembre 2022",
        "Accusé de réception n° 050-123456782-20221122-B050_2022-DE",
        "Publié sur le site internet de la Communauté d'Agglomération du Cotentin le 29 novembre 2022",
    ],
}


def paragraphes_de_reference() -> list[str]:
    """Les paragraphes de la décision et de l'en-tête de séance, sans la syntaxe Markdown, écarts et ajouts voulus compris."""
    paragraphes = []
    for paragraphe in paragraphes_markdown(REFERENCE.read_text(encoding="utf-8").split("**Convention triennale")[0], ECARTS):
        paragraphe = N_DEGRE[0].sub(N_DEGRE[1], paragraphe)
        paragraphes += [paragraphe, *AJOUTS.get(paragraphe, [])]
    return paragraphes


@pytest.fixture(scope="module")
def decision(exemple_genere) -> Path:
    return exemple_genere / "decision_B050_2022.docx"


def test_generer_affiche_le_chemin_de_chaque_fichier_ecrit(tmp_path):
    resultat = lancer("generer", EXEMPLE, "--sortie", tmp_path)
    assert resultat.exit_code == 0, resultat.output
    dossier = tmp_path / "cotentin"
    assert resultat.stdout.splitlines() == [
        str(dossier / nom)
        for nom in (
            "decision_B050_2022.docx",
            "decision_B140_2024.docx",
            "convention_2023-2025.docx",
            "avenant_1_2023-2025.docx",
            *(f"appel_de_fonds_AF-{annee}-0{rang}.docx" for annee in (2023, 2024, 2025) for rang in (1, 2)),
            *(f"{modele}_bureau_{date}.docx" for date in ("2022-11-22", "2024-12-10")
              for modele in ("convocation", "emargement", "liste_des_actes", "proces_verbal", "registre")),
            "manifeste.json",
        )
    ]


def test_decision_reproduit_la_reference_paragraphe_par_paragraphe(decision):
    # Le titre et l'objet sont là où la référence les met, la séance à la suite.
    assert paragraphes_docx(decision) == paragraphes_de_reference()


def test_ligne_de_vote_et_en_tete_de_seance(decision):
    textes = [p.text for p in docx.Document(str(decision)).paragraphs]
    # Le résultat, puis à la ligne les chiffres du vote de l'acte : 24 présents à l'ouverture, Antoine DIGARD parti avant le vote.
    assert "(Pour\u00a0: 23 – Contre\u00a0: 0 – Abstention\u00a0: 0)\nPrésents au moment du vote\u00a0: 23 – Votants\u00a0: 23" in textes
    assert "Nombre de présents\u00a0: 24" in textes
    assert "Nombre de votants\u00a0: 24" in textes
    assert "Le mardi 22 novembre Deux Mille Vingt Deux, à 9 heures" in textes[textes.index("BUREAU COMMUNAUTAIRE DU 22 NOVEMBRE 2022") + 1]


def test_modules_numerotes_et_mise_en_forme(decision):
    document = docx.Document(str(decision))
    textes = [p.text for p in document.paragraphs]
    assert [t.split("\t")[0] for t in textes if re.match(r"^\d\.\t", t)] == ["1.", "2.", "3.", "4."]
    vu = [p for p in document.paragraphs if p.text.startswith("Vu ")]
    assert len(vu) == 2 and all(p.runs[0].text == "Vu" and p.runs[0].bold for p in vu)
    autoriser = [p for p in document.paragraphs if p.text.startswith("Autoriser")]
    assert [p.style.name for p in autoriser] == ["List Bullet", "List Bullet"]


def test_le_genre_de_la_presidente_accorde_l_acte(dossier, tmp_path):
    remplacer(dossier / "collectivite.yaml", "civilite: Monsieur\n    prenom: David", "civilite: Madame\n    prenom: David")
    remplacer(dossier / "assemblee_bureau.yaml", "{civilite: Monsieur, prenom: David, nom: MARGUERITTE", "{civilite: Madame, prenom: David, nom: MARGUERITTE")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    textes = [p.text for p in docx.Document(str(tmp_path / "sorties" / "cotentin" / "decision_B050_2022.docx")).paragraphs]
    assert "La Présidente," in textes
    assert any(t.startswith("Autoriser la Présidente ou son délégataire") for t in textes)
    assert any("sous la présidence de Madame David MARGUERITTE, Présidente de la Communauté d'Agglomération du Cotentin." in t for t in textes)


def test_caracteres_speciaux_restitues_a_l_identique(dossier, tmp_path):
    nom = 'Salle « A&B » <Nord> "Est"'
    remplacer(dossier / "seance_2022-11-22.yaml", "lieu: salle Henri Cornat en Mairie de Valognes", f"lieu: '{nom}'")
    remplacer(dossier / "seance_2022-11-22.yaml", "budget: principal", "budget: 'annexe <eau> & \"assainissement\"'")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    texte = "\n".join(p.text for p in docx.Document(str(tmp_path / "sorties" / "cotentin" / "decision_B050_2022.docx")).paragraphs)
    assert f"s'est réuni Salle «\u00a0A&B\u00a0» <Nord> \"Est\", sous la présidence" in texte  # typographie appliquée aux données
    assert 'imputée au budget annexe <eau> & "assainissement", article 657363' in texte


def test_suppleant_et_pouvoir_mentionnes_parmi_les_excuses(dossier, tmp_path):
    remplacer(dossier / "seance_2022-11-22.yaml", "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Stéphane BARBE}")
    remplacer(
        dossier / "assemblee_bureau.yaml",
        "{civilite: Madame, prenom: Odile, nom: THOMINET}",
        "{civilite: Madame, prenom: Odile, nom: THOMINET, suppleant: {civilite: Monsieur, prenom: Paul, nom: Martin}}",
    )
    remplacer(dossier / "seance_2022-11-22.yaml", "- Odile THOMINET", "- {membre: Odile THOMINET, suppleant: Paul MARTIN}")
    remplacer(dossier / "seance_2022-11-22.yaml", "pour: 23", "pour: 25")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    textes = [p.text for p in docx.Document(str(tmp_path / "sorties" / "cotentin" / "decision_B050_2022.docx")).paragraphs]
    excuses = next(t for t in textes if t.startswith("Excusés"))
    assert "Monsieur Benoît ARRIVE (pouvoir à Monsieur Stéphane BARBE)" in excuses
    assert excuses.endswith("Madame Odile THOMINET (suppléée par Monsieur Paul MARTIN)")
    assert "Nombre de votants\u00a0: 26" in textes


def test_sortie_existante_pas_remplacee_sans_force(tmp_path):
    assert lancer("generer", EXEMPLE, "--sortie", tmp_path).exit_code == 0
    fichier = tmp_path / "cotentin" / "decision_B050_2022.docx"
    fichier.write_bytes(b"version signee")
    resultat = lancer("generer", EXEMPLE, "--sortie", tmp_path)
    assert resultat.exit_code == 3
    assert resultat.stderr == f"{tmp_path / 'cotentin'} contient déjà des documents ; ils ne sont remplacés qu'avec --force\n"
    assert fichier.read_bytes() == b"version signee"
    assert lancer("generer", EXEMPLE, "--sortie", tmp_path, "--force").exit_code == 0
    assert docx.Document(str(fichier)).paragraphs


def test_deux_generations_donnent_les_memes_octets(tmp_path):
    assert lancer("generer", EXEMPLE, "--sortie", tmp_path / "a").exit_code == 0
    assert lancer("generer", EXEMPLE, "--sortie", tmp_path / "b").exit_code == 0
    assert (tmp_path / "a/cotentin/decision_B050_2022.docx").read_bytes() == (tmp_path / "b/cotentin/decision_B050_2022.docx").read_bytes()


def test_disque_plein_rien_d_ecrit(tmp_path, monkeypatch):
    def disque_plein(_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("generateur.sorties.ecriture.os.fsync", disque_plein)
    resultat = lancer("generer", EXEMPLE, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 3
    assert resultat.stderr == f"impossible d'écrire dans {tmp_path / 'sorties' / 'cotentin'} : disque plein ; aucun document n'a été écrit ni remplacé\n"
    assert not (tmp_path / "sorties").exists()


def test_blanc_voulu_rendu_comme_ligne_a_remplir(dossier, tmp_path):
    remplacer(dossier / "seance_2022-11-22.yaml", 'ligne_de_credit: "77525"', "ligne_de_credit: À compléter")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    texte = "\n".join(p.text for p in docx.Document(str(tmp_path / "sorties" / "cotentin" / "decision_B050_2022.docx")).paragraphs)
    assert "imputée au budget principal, article 657363, LdC n°\u00a0_____," in texte


def test_dossier_en_un_seul_fichier(tmp_path):
    fichier = tmp_path / "seance_2022_11_22.yaml"
    morceaux = ("collectivite.yaml", "assemblee_bureau.yaml", "convention.yaml", "seance_2022-11-22.yaml")
    fichier.write_text("\n".join((EXEMPLE / nom).read_text(encoding="utf-8") for nom in morceaux), encoding="utf-8")
    resultat = lancer("generer", fichier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 0, resultat.output
    assert resultat.stdout.splitlines()[0] == str(tmp_path / "sorties" / "seance_2022_11_22" / "decision_B050_2022.docx")


def test_dossier_de_sortie_non_inscriptible_rien_d_ecrit(tmp_path, monkeypatch):
    def refuse(*_, **__):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("generateur.sorties.ecriture.open", refuse, raising=False)
    resultat = lancer("generer", EXEMPLE, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 3
    assert resultat.stderr == f"impossible d'écrire dans {tmp_path / 'sorties' / 'cotentin'} : permission refusée ; aucun document n'a été écrit ni remplacé\n"
    assert not (tmp_path / "sorties").exists()
