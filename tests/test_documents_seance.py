"""Les documents de séance, lus comme leur lecteur : chaque texte contre des chiffres écrits ici.

Séance du conseil de val_exemple (27 juin 2024), comptée à la main : 20 conseillers en exercice ;
15 présents à l'ouverture (Girard, Fontaine, Aubert excusés, Blanc absente, Bouchard arrive au 2e vote) ;
Aubert suppléé par Odette Vasseur ; Girard donne pouvoir à Hugo Leroy, qui part avant le 3e vote.
Ouverture : 15 + 1 suppléante + 1 pouvoir = 17 votants ; 16 siègent, quorum 20 // 2 + 1 = 11.
D2024_042 : 16 présents (Bouchard arrivée), 16 + 1 + 1 − 1 (Haddad ne prend pas part) = 17 votants.
D2024_043 : 15 présents (Leroy parti, son pouvoir tombe) : 15 + 1 = 16 votants.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import EXEMPLE, RACINE, contenu, lancer, ligne_de, remplacer
from tests import documents

# Les documents sont rendus avec la typographie française (espaces et traits d'union insécables,
# vérifiés par test_typographie) ; on les lit ici en espaces et traits d'union ordinaires.
_ORDINAIRES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2011": "-"})


def blocs(document) -> list[str]:
    return [texte.translate(_ORDINAIRES) for texte in documents.blocs(document)]

VAL = RACINE / "donnees" / "val_exemple"
TIRETS = "_" * 76


@pytest.fixture(scope="module")
def val(tmp_path_factory):
    sortie = tmp_path_factory.mktemp("seance")
    resultat = lancer("generer", VAL, "--sortie", sortie, "--seulement", "seance")
    assert resultat.exit_code == 0, resultat.output
    return sortie / "val_exemple"


@pytest.fixture(scope="module")
def cotentin(tmp_path_factory):
    sortie = tmp_path_factory.mktemp("seance")
    resultat = lancer("generer", EXEMPLE, "--sortie", sortie)
    assert resultat.exit_code == 0, resultat.output
    return sortie / "cotentin"


EN_TETE_VAL = ["COMMUNAUTÉ DE COMMUNES DU VAL D'EXEMPLE", "1 place de la Mairie 50999 Exempleville"]


def test_seulement_seance_n_ecrit_que_les_documents_de_seance(val):
    assert [nom for nom in contenu(val)] == sorted(
        [f"{modele}_{seance}.docx" for seance in ("bureau_2024-03-14", "conseil_2024-06-27")
         for modele in ("convocation", "emargement", "liste_des_actes", "proces_verbal", "registre")] + ["manifeste.json"]
    )


def test_seulement_actes_n_ecrit_que_les_actes(tmp_path):
    resultat = lancer("generer", VAL, "--sortie", tmp_path, "--seulement", "actes")
    assert resultat.exit_code == 0, resultat.output
    assert not [nom for nom in contenu(tmp_path / "val_exemple") if nom.startswith(("convocation", "proces_verbal", "registre"))]
    assert "deliberation_D2024_042.docx" in contenu(tmp_path / "val_exemple")


def test_convocation_du_conseil(val):
    textes = blocs(val / "convocation_conseil_2024-06-27.docx")
    assert textes[:17] == EN_TETE_VAL + [
        "CONVOCATION",
        "CONSEIL COMMUNAUTAIRE DU 27 JUIN 2024",
        "Exempleville, le 21 juin 2024",
        "Madame, Monsieur,",
        "J'ai l'honneur de vous convoquer à la séance du Conseil communautaire qui se tiendra le jeudi 27 juin 2024 à 18 heures 30, "
        "salle du conseil de la Maison de l'intercommunalité.",
        "Cette convocation vous est adressée cinq jours francs au moins avant la séance (article L.2121-12 du Code Général des Collectivités Territoriales).",
        "L'ordre du jour est le suivant :",
        " | Numéro | Objet | Rapporteur",
        "1 | D2024_041 | Approbation du procès-verbal de la séance du 16 mai 2024 | Madame Hélène DURAND-EXEMPLE",
        "2 | D2024_042 | Attribution d'une subvention à l'association Les Ateliers du Val | Monsieur Paul MARTIN",
        "3 | D2024_043 | Désignation d'un représentant au comité de pilotage du plan de transition numérique | Madame Inès BEN SALAH",
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
        "La Présidente,",
        "Hélène DURAND-EXEMPLE",
        "Membres convoqués",
    ]
    # Les 20 conseillers en exercice le 27 juin 2024 : Agathe COLLIN (depuis le 1er juin) oui, Denis FAURE (jusqu'au 31 mai) non.
    membres = textes[17:]
    assert len(membres) == 20
    assert membres[0] == "Madame Hélène DURAND-EXEMPLE (Présidente – Exempleville)"
    assert membres[-1] == "Madame Agathe COLLIN (Bourg-Témoin)"
    assert not [m for m in membres if "FAURE" in m]


def test_convocation_en_urgence_enonce_son_motif(dossier, tmp_path):
    remplacer(dossier / "seance_2022-11-22.yaml", "envoi: 2022-11-16", "envoi: 2022-11-20\n      urgence: délai de dépôt du dossier de subvention")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties", "--seulement", "seance").exit_code == 0
    textes = blocs(tmp_path / "sorties" / "cotentin" / "convocation_bureau_2022-11-22.docx")
    assert "Cherbourg-en-Cotentin, le 20 novembre 2022" in textes
    assert (
        "En raison de l'urgence (délai de dépôt du dossier de subvention), le délai de convocation de cinq jours francs est abrégé "
        "(article L.2121-12 du Code Général des Collectivités Territoriales) ; l'assemblée se prononcera sur l'urgence à l'ouverture de la séance."
    ) in textes
    assert not [t for t in textes if t.startswith("Cette convocation vous est adressée")]
    proces_verbal = blocs(tmp_path / "sorties" / "cotentin" / "proces_verbal_bureau_2022-11-22.docx")
    assert "Convocation adressée en urgence : délai de dépôt du dossier de subvention." in proces_verbal


def test_convocation_du_bureau_du_cotentin_annonce_six_points(cotentin):
    textes = blocs(cotentin / "convocation_bureau_2022-11-22.docx")
    assert "Cherbourg-en-Cotentin, le 16 novembre 2022" in textes
    points = [t for t in textes if t[:1].isdigit() and " | B05" in t]
    assert points[0] == (
        "1 | B050_2022 | Signature d'une convention de partenariat pour la mise en œuvre d'un Plan d'animation et d'accompagnement "
        "à la transition numérique des Très Petites Entreprises (TPE) | "
    )
    # Les cinq autres décisions de la séance ne sont pas dans les données : leur objet reste à remplir.
    assert points[1:] == [f"{rang} | B05{rang - 1}_2022 | _____ | " for rang in range(2, 7)]
    assert len([t for t in textes if t.startswith(("Monsieur ", "Madame "))]) == 35


def test_feuille_d_emargement_du_bureau(val):
    assert blocs(val / "emargement_bureau_2024-03-14.docx") == EN_TETE_VAL + [
        "FEUILLE D'ÉMARGEMENT",
        "Séance du Bureau communautaire du jeudi 14 mars 2024 à 18 heures 30",
        "Salle du conseil de la Maison de l'intercommunalité",
        "Membre | Qualité | Signature",
        "Madame Hélène DURAND-EXEMPLE | Présidente – Exempleville | ",
        "Monsieur Paul MARTIN | 1er Vice-Président – Saint-Fictif | ",
        "Madame Inès BEN SALAH | 2e Vice-Présidente – Exempleville | ",
        "Monsieur Hugo LEROY | 3e Vice-Président – Val-sur-Modèle | ",
        "Madame Claire PETIT | Les Essais | ",
        "Monsieur Yann LE GALL | Port-Exemple | ",
        "Madame Sophie MOREAU | Exempleville | ",
        "Monsieur Karim HADDAD | Saint-Fictif | ",
        "Monsieur Luc GIRARD | Bourg-Témoin | ",
        "Madame Anne ROUX | Hameau-Fictif | ",
        "Monsieur Éric FONTAINE | Les Essais | ",
        "Madame Julie BLANC | Val-sur-Modèle | ",
        "Un membre excusé qui donne pouvoir, ou remplacé par son suppléant, est noté au procès-verbal.",
    ]


def test_liste_des_deliberations_examinees(val):
    assert blocs(val / "liste_des_actes_conseil_2024-06-27.docx") == EN_TETE_VAL + [
        "LISTE DES DÉLIBÉRATIONS EXAMINÉES",
        "Séance du Conseil communautaire du jeudi 27 juin 2024 à 18 heures 30",
        "Liste affichée au siège et mise en ligne dans un délai d'une semaine (article L.2121-25 du Code Général des Collectivités Territoriales).",
        "Numéro | Objet | Résultat",
        "D2024_041 | Approbation du procès-verbal de la séance du 16 mai 2024 | adoptée",
        "D2024_042 | Attribution d'une subvention à l'association Les Ateliers du Val | adoptée",
        "D2024_043 | Désignation d'un représentant au comité de pilotage du plan de transition numérique | adoptée",
        "Mise en ligne le _____",
        "La Présidente,",
        "Hélène DURAND-EXEMPLE",
    ]


def test_liste_dit_rejetee_quand_la_voix_preponderante_est_contre(dossier, tmp_path):
    remplacer(dossier / "seance_2022-11-22.yaml", "pour: 23\n          contre: 0\n          abstention: 0",
              "pour: 10\n          contre: 10\n          abstention: 3\n          voix_preponderante: contre")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties", "--seulement", "seance").exit_code == 0
    textes = blocs(tmp_path / "sorties" / "cotentin" / "liste_des_actes_bureau_2022-11-22.docx")
    assert [t.rsplit(" | ", 1)[1] for t in textes if t.startswith("B050_2022 | ")] == ["rejetée"]
    proces_verbal = blocs(tmp_path / "sorties" / "cotentin" / "proces_verbal_bureau_2022-11-22.docx")
    assert "Vote : 10 pour, 10 contre, 3 abstentions – Résultat : rejetée" in proces_verbal


def test_projet_de_proces_verbal_du_conseil(val):
    textes = blocs(val / "proces_verbal_conseil_2024-06-27.docx")
    assert textes[2:11] == [
        "PROCÈS-VERBAL",
        "Séance du Conseil communautaire du jeudi 27 juin 2024 à 18 heures 30",
        "Projet, à arrêter lors de la séance suivante (article L.2121-15 du Code Général des Collectivités Territoriales)",
        "L'an deux mille vingt-quatre, le vingt-sept juin, à dix-huit heures trente, le Conseil communautaire, dûment convoqué le 21 juin 2024, "
        "s'est réuni salle du conseil de la Maison de l'intercommunalité, sous la présidence de Madame Hélène DURAND-EXEMPLE, "
        "Présidente de la Communauté de Communes du Val d'Exemple.",
        "Secrétaire de séance : Madame Camille RENAUD",
        "Membres en exercice : 20 – Présents à l'ouverture : 15 – Votants à l'ouverture : 17",
        "Le quorum est atteint : 16 membres siègent sur 20 en exercice, 11 étant requis.",
        textes[9],
        "Excusés : Monsieur Luc GIRARD (pouvoir à Monsieur Hugo LEROY), Monsieur Éric FONTAINE, Monsieur Jérôme AUBERT (suppléé par Madame Odette VASSEUR)",
    ]
    assert "Monsieur Hugo LEROY (départ avant le vote de la délibération n° D2024_043)" in textes[9]
    assert "Madame Nadia BOUCHARD (arrivée à partir du vote de la délibération n° D2024_042)" in textes[9]
    debut = textes.index("Délibérations examinées")
    assert textes[debut:] == [
        "Délibérations examinées",
        "N° D2024_041 – Approbation du procès-verbal de la séance du 16 mai 2024",
        "Rapporteur : Madame Hélène DURAND-EXEMPLE",
        "Présents au moment du vote : 15 – Votants : 17",
        "Vote : 17 pour, 0 contre, 0 abstention – Résultat : adoptée",
        "Synthèse des débats (à compléter par le secrétaire de séance) :", TIRETS, TIRETS,
        "N° D2024_042 – Attribution d'une subvention à l'association Les Ateliers du Val",
        "Rapporteur : Monsieur Paul MARTIN",
        "Présents au moment du vote : 16 – Votants : 17",
        "Monsieur Karim HADDAD ne prend pas part au vote.",
        "Vote : 15 pour, 1 contre, 1 abstention, 1 ne prend pas part au vote – Résultat : adoptée",
        "Synthèse des débats (à compléter par le secrétaire de séance) :", TIRETS, TIRETS,
        "N° D2024_043 – Désignation d'un représentant au comité de pilotage du plan de transition numérique",
        "Rapporteur : Madame Inès BEN SALAH",
        "Présents au moment du vote : 15 – Votants : 16",
        "Vote : 16 pour, 0 contre, 0 abstention – Résultat : adoptée",
        "Synthèse des débats (à compléter par le secrétaire de séance) :", TIRETS, TIRETS,
        "L'ordre du jour étant épuisé, la séance est levée à _____.",
        "",
        "La Présidente de séance | La secrétaire de séance",
        "Madame Hélène DURAND-EXEMPLE | Madame Camille RENAUD",
    ]


def test_proces_verbal_du_bureau_du_cotentin(cotentin):
    textes = blocs(cotentin / "proces_verbal_bureau_2022-11-22.docx")
    # 24 présents à l'ouverture, 11 excusés sans pouvoir : 24 votants ; quorum 35 // 2 + 1 = 18.
    assert "Membres en exercice : 35 – Présents à l'ouverture : 24 – Votants à l'ouverture : 24" in textes
    assert "Le quorum est atteint : 24 membres siègent sur 35 en exercice, 18 étant requis." in textes
    assert "Secrétaire de séance : Madame Manuela MAHIER" in textes
    # Antoine DIGARD part avant le premier vote : 23 présents et 23 votants à B050_2022.
    assert "Présents au moment du vote : 23 – Votants : 23" in textes
    assert "Vote : 23 pour, 0 contre, 0 abstention – Résultat : adoptée" in textes
    assert textes[-2:] == ["Le Président de séance | La secrétaire de séance", "Monsieur David MARGUERITTE | Madame Manuela MAHIER"]


def test_cloture_du_registre(val):
    textes = blocs(val / "registre_conseil_2024-06-27.docx")
    assert textes[2:8] == [
        "REGISTRE DES DÉLIBÉRATIONS",
        "Clôture de la séance du Conseil communautaire du jeudi 27 juin 2024",
        "Feuillet de clôture (article R.2121-9 du Code Général des Collectivités Territoriales)",
        "Séance tenue salle du conseil de la Maison de l'intercommunalité, ouverte à 18 heures 30, sous la présidence de Madame Hélène DURAND-EXEMPLE.",
        "Délibérations prises au cours de la séance, dans l'ordre du registre : D2024_041, D2024_042 et D2024_043.",
        "Membres en exercice : 20 – Présents à l'ouverture : 15",
    ]
    assert textes[8].startswith("Membres présents : Madame Hélène DURAND-EXEMPLE, Monsieur Paul MARTIN, ")
    assert textes[8].count("Madame ") + textes[8].count("Monsieur ") == 16  # 15 à l'ouverture et Nadia BOUCHARD arrivée
    assert textes[-2:] == ["La Présidente de séance | La secrétaire de séance", "Madame Hélène DURAND-EXEMPLE | Madame Camille RENAUD"]


def test_secretaire_inconnu_laisse_un_blanc(tmp_path, dossier):
    remplacer(dossier / "seance_2022-11-22.yaml", "    secretaire: Manuela MAHIER\n", "")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties", "--seulement", "seance").exit_code == 0
    textes = blocs(tmp_path / "sorties" / "cotentin" / "registre_bureau_2022-11-22.docx")
    assert textes[-2:] == ["Le Président de séance | Le secrétaire de séance", "Monsieur David MARGUERITTE | _____"]


def test_compte_rendu_des_decisions_du_bureau(tmp_path):
    resultat = lancer("compte-rendu", EXEMPLE, "--du", "2022-01-01", "--au", "2024-12-31", "--sortie", tmp_path)
    fichier = tmp_path / "compte_rendu_cotentin_bureau_2022-01-01_2024-12-31.docx"
    assert (resultat.exit_code, resultat.stdout) == (0, f"{fichier}\n")
    textes = blocs(fichier)
    assert textes[2:6] == [
        "COMPTE RENDU DES DÉCISIONS DE BUREAU",
        "prises par délégation du 1er janvier 2022 au 31 décembre 2024",
        "En application de l'article L.5211-10 du Code Général des Collectivités Territoriales, le Président rend compte à l'organe délibérant "
        "des décisions de Bureau prises par délégation au cours de la période :",
        "Numéro | Date | Objet | Résultat",
    ]
    assert [t.split(" | ")[:2] + [t.rsplit(" | ", 1)[1]] for t in textes[6:8]] == [["B050_2022", "22/11/2022", "adoptée"], ["B140_2024", "10/12/2024", "adoptée"]]
    assert textes[8:] == ["Cherbourg-en-Cotentin, le _____", "Le Président,", "David MARGUERITTE"]


def test_compte_rendu_d_une_periode_sans_decision(tmp_path):
    assert lancer("compte-rendu", EXEMPLE, "--du", "2023-01-01", "--au", "2023-12-31", "--sortie", tmp_path).exit_code == 0
    textes = blocs(tmp_path / "compte_rendu_cotentin_bureau_2023-01-01_2023-12-31.docx")
    assert "Aucune décision de Bureau n'a été prise au cours de cette période." in textes


def test_compte_rendu_periode_a_l_envers_refusee(tmp_path):
    resultat = lancer("compte-rendu", EXEMPLE, "--du", "2024-07-01", "--au", "2024-06-30", "--sortie", tmp_path)
    assert resultat.exit_code == 2
    assert resultat.stderr.splitlines()[-1] == "Erreur : Valeur invalide pour '--au' : le 2024-06-30 précède le début de la période (2024-07-01)"
    assert contenu(tmp_path) == []


def test_seance_a_venir_se_prepare_mais_ne_produit_pas_d_actes(tmp_path):
    """Une convocation s'écrit avant la séance : `--seulement seance` l'admet ; des actes datés d'un
    jour à venir sont refusés (@ctes), et rien n'est écrit."""
    dossier = tmp_path / "val_exemple"
    shutil.copytree(VAL, dossier)
    fichier = dossier / "seance_2024-06-27.yaml"
    remplacer(fichier, "date: 2024-06-27", "date: 2099-06-25")
    remplacer(fichier, "envoi: 2024-06-21", "envoi: 2099-06-19")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "actes")
    assert resultat.exit_code == 1
    assert resultat.stderr.splitlines() == [
        f"{fichier}:{ligne_de(fichier, 'date: 2099-06-25')} : seances[1].date : séance du 25 juin 2099, date à venir : un acte ne peut être daté "
        "d'un jour qui n'est pas encore passé (@ctes refuse une date de décision future) ; la date de la séance tenue est attendue"
    ]
    assert contenu(tmp_path / "actes") == []
    assert lancer("generer", dossier, "--sortie", tmp_path / "seance", "--seulement", "seance").exit_code == 0
    assert "Exempleville, le 19 juin 2099" in blocs(tmp_path / "seance" / "val_exemple" / "convocation_conseil_2099-06-25.docx")


def test_titres_des_listes_du_proces_verbal_accordes(val):
    textes = blocs(val / "proces_verbal_conseil_2024-06-27.docx")
    listes = [t.split(" : ")[0] for t in textes if re.match(r"(Présent|Excusé|Absent)e?s? : (Madame|Monsieur) ", t)]
    # Une seule absente, Julie BLANC : « Absente » ; des présents et des excusés dont des hommes : au masculin pluriel.
    assert listes == ["Présents", "Excusés", "Absente"]
    assert "Absente : Madame Julie BLANC" in textes
