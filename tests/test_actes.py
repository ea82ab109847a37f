"""Les règles de @ctes sur chaque acte, vérifiées avant toute écriture, chacune avec son message
exact ; les mentions exécutoires de l'acte, remplies depuis les données ou laissées en blanc."""

from __future__ import annotations

import datetime

import docx
import pytest

from generateur.controles.actes import controler_actes, numero_propose
from generateur.lecture.chargement import charger
from tests.conftest import EXEMPLE, contenu, lancer, ligne_de, remplacer

S22, COLL = "seance_2022-11-22.yaml", "collectivite.yaml"
REGLE = "de 1 à 15 caractères parmi A à Z, 0 à 9 et « _ », sans « _ » au début ni à la fin"
LIBRE = " ; une collectivité qui numérote autrement déclare « numerotation_actes: libre » (seul l'export @ctes est alors refusé)"


def anomalies(dossier, code_attendu: int, commande: str = "verifier") -> list[str]:
    resultat = lancer(commande, dossier, *(("--sortie", dossier.parent / "sorties") if commande != "verifier" else ()))
    assert resultat.exit_code == code_attendu, resultat.output
    assert "Traceback" not in resultat.output
    assert contenu(dossier.parent / "sorties") == []
    return resultat.stderr.splitlines()


def renumeroter(dossier, numero: str) -> None:
    """B050_2022 devient `numero` partout où le dossier le cite (accusé de réception retiré)."""
    for fichier in dossier.glob("*.yaml"):
        texte = fichier.read_text(encoding="utf-8").replace("          accuse_reception: 050-123456782-20221122-B050_2022-DE\n", "")
        fichier.write_text(texte.replace("B050_2022", numero), encoding="utf-8")


@pytest.mark.parametrize("numero, propose", [
    ("DEL20180705-186", "DEL20180705_186"),
    ("B050/2022", "B050_2022"),
    ("b050_2022", "B050_2022"),
    ("_B050_", "B050"),
    ("Délib 2022 n°12", "DELIB_2022_N_12"),
    ("DEL2018070500186X", "DEL201807050018"),
    ("AB_____________CD", "AB_CD"),
    ("---", None),
])
def test_numero_propose_le_plus_proche_accepte_par_actes(numero, propose):
    assert numero_propose(numero) == propose


def test_numero_avec_tiret_refuse_avec_le_numero_qui_passerait(dossier):
    renumeroter(dossier, "DEL20180705-186")
    fichier = dossier / S22
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, '- numero: DEL20180705-186')} : seances[0].decisions[0].numero : "
        f"numéro « DEL20180705-186 » refusé par @ctes : {REGLE} ; « DEL20180705_186 » passerait{LIBRE}"
    ]


@pytest.mark.parametrize("numero, propose", [
    ("B050_2022_", "« B050_2022 » passerait"),
    ("B0502022000000000", "« B05020220000000 » passerait"),
    ("b050_2022", "« B050_2022 » passerait"),
])
def test_numeros_hors_regles_actes_refuses(dossier, numero, propose):
    renumeroter(dossier, numero)
    fichier = dossier / S22
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, f'- numero: {numero}')} : seances[0].decisions[0].numero : "
        f"numéro « {numero} » refusé par @ctes : {REGLE} ; {propose}{LIBRE}"
    ]


def test_numerotation_libre_ne_refuse_que_l_export_actes(dossier, tmp_path):
    renumeroter(dossier, "DEL20180705-186")
    remplacer(dossier / COLL, "collectivite:\n", "collectivite:\n  numerotation_actes: libre\n")
    assert lancer("verifier", dossier).exit_code == 0
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    fichier = dossier / S22
    resultat = lancer("exporter-actes", dossier, "--sortie", tmp_path / "actes")
    assert (resultat.exit_code, resultat.stderr.splitlines()) == (1, [
        f"{fichier}:{ligne_de(fichier, '- numero: DEL20180705-186')} : seances[0].decisions[0].numero : "
        f"numéro « DEL20180705-186 » refusé par @ctes : {REGLE} ; « DEL20180705_186 » passerait"
    ])
    assert contenu(tmp_path / "actes") == []


def test_numero_en_double_dans_deux_seances_refuse(dossier):
    renumeroter(dossier, "B140_2024")
    fichier, autre = dossier / S22, dossier / "seance_2024-12-10.yaml"
    assert anomalies(dossier, 1)[0] == (
        f"{autre}:{ligne_de(autre, '- numero: B140_2024')} : seances[1].decisions[0].numero : "
        "numéro « B140_2024 » déjà utilisé par seances[0].decisions[0] ; chaque acte a un numéro unique"
    )


def test_objet_de_500_caracteres_refuse(dossier):
    fichier = dossier / S22
    texte = fichier.read_text(encoding="utf-8")
    debut = texte.index("        objet: >-\n")
    fin = texte.index("        matiere:", debut)
    fichier.write_text(texte[:debut] + "        objet: " + "A" * 500 + "\n" + texte[fin:], encoding="utf-8")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'objet: AAA')} : seances[0].decisions[0].objet : objet de 500 caractères : @ctes en admet 499 au plus ; retirez-en 1"
    ]


def test_objet_de_499_caracteres_admis(dossier):
    fichier = dossier / S22
    texte = fichier.read_text(encoding="utf-8")
    debut = texte.index("        objet: >-\n")
    fin = texte.index("        matiere:", debut)
    fichier.write_text(texte[:debut] + "        objet: " + "A" * 499 + "\n" + texte[fin:], encoding="utf-8")
    assert anomalies(dossier, 0) == []


def test_objet_sur_deux_lignes_refuse(dossier):
    fichier = dossier / S22
    remplacer(fichier, "        objet: >-\n", "        objet: |-\n")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'objet: |-')} : seances[0].decisions[0].objet : objet sur plusieurs lignes : @ctes le veut sur une seule ; "
        "dans le YAML, écrivez-le après « >- », qui joint les lignes par des espaces"
    ]


def test_nature_5_refusee(dossier):
    fichier = dossier / S22
    remplacer(fichier, 'matiere: "7.5"   #', 'nature: 5\n        matiere: "7.5"   #')
    assert anomalies(dossier, 2) == [
        f"{fichier}:{ligne_de(fichier, 'nature: 5')} : seances[0].decisions[0].nature : nature 5 (documents budgétaires et financiers) non admise : "
        "ces actes se transmettent avec leur flux budgétaire, que generateur ne produit pas ; attendu : 1 délibérations, "
        "2 actes réglementaires, 3 actes individuels, 4 contrats, conventions et avenants, 6 autres"
    ]


def test_nature_inconnue_refusee(dossier):
    fichier = dossier / S22
    remplacer(fichier, 'matiere: "7.5"   #', 'nature: 7\n        matiere: "7.5"   #')
    assert anomalies(dossier, 2) == [
        f"{fichier}:{ligne_de(fichier, 'nature: 7')} : seances[0].decisions[0].nature : valeur « 7 » non admise ; attendu : 1, 2, 3, 4 ou 6"
    ]


def test_matiere_a_un_seul_niveau_refusee(dossier):
    fichier = dossier / S22
    remplacer(fichier, 'matiere: "7.5"   #', 'matiere: "7"   #')
    ligne = ligne_de(fichier, 'matiere: "7"')
    assert anomalies(dossier, 2) == [
        f"{fichier}:{ligne} : seances[0].decisions[0].matiere : matière « 7 » à un seul niveau : "
        "@ctes demande au moins deux niveaux de la classification ACTES ; attendu : de 7.1 à 7.10 pour « Finances locales »"
    ]


def test_transmission_et_publication_avant_la_seance_refusees(dossier):
    fichier = dossier / S22
    remplacer(fichier, "date: 2022-11-28", "date: 2022-11-21")
    remplacer(fichier, "date: 2022-11-29", "date: 2022-11-20")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'date: 2022-11-21')} : seances[0].decisions[0].transmission.date : transmis en préfecture le 21 novembre 2022, "
        "avant la séance du 22 novembre 2022 qui a pris B050_2022 : un acte ne peut l'être qu'une fois pris ; une date égale ou postérieure à la séance est attendue",
        f"{fichier}:{ligne_de(fichier, 'date: 2022-11-20')} : seances[0].decisions[0].publication.date : publié le 20 novembre 2022, "
        "avant la séance du 22 novembre 2022 qui a pris B050_2022 : un acte ne peut l'être qu'une fois pris ; une date égale ou postérieure à la séance est attendue",
    ]


def test_transmission_le_jour_de_la_seance_admise(dossier):
    remplacer(dossier / S22, "date: 2022-11-28", "date: 2022-11-22")
    assert anomalies(dossier, 0) == []


def test_accuse_de_reception_d_un_autre_acte_refuse(dossier):
    fichier = dossier / S22
    remplacer(fichier, "050-123456782-20221122-B050_2022-DE", "050-123456782-20221121-B050_2022-DE")
    assert anomalies(dossier, 1) == [
        f"{fichier}:{ligne_de(fichier, 'accuse_reception:')} : seances[0].decisions[0].transmission.accuse_reception : "
        "accusé de réception « 050-123456782-20221121-B050_2022-DE » qui ne désigne pas cet acte ; attendu « 050-123456782-20221122-B050_2022-DE » "
        "(département, SIREN de la collectivité, date de la séance, numéro, nature)"
    ]


def test_accuse_de_reception_mal_forme_refuse(dossier):
    fichier = dossier / S22
    remplacer(fichier, "050-123456782-20221122-B050_2022-DE", "AR-B050")
    assert anomalies(dossier, 2) == [
        f"{fichier}:{ligne_de(fichier, 'accuse_reception:')} : seances[0].decisions[0].transmission.accuse_reception : "
        "« AR-B050 » ne convient pas ; attendu : l'identifiant de l'accusé de réception de la préfecture, par exemple « 050-200067205-20221122-B050_2022-DE »"
    ]


def test_seance_a_venir_refusee_la_veille_admise_le_jour_meme():
    dossier, _ = charger(EXEMPLE)
    assert controler_actes(dossier, datetime.date(2022, 11, 21)) == [
        (("seances", 0, "date"), "séance du 22 novembre 2022, date à venir : un acte ne peut être daté d'un jour qui n'est pas encore passé "
         "(@ctes refuse une date de décision future) ; la date de la séance tenue est attendue"),
        (("seances", 1, "date"), "séance du 10 décembre 2024, date à venir : un acte ne peut être daté d'un jour qui n'est pas encore passé "
         "(@ctes refuse une date de décision future) ; la date de la séance tenue est attendue"),
    ]
    assert controler_actes(dossier, datetime.date(2022, 11, 22))[0][0] == ("seances", 1, "date")
    assert controler_actes(dossier, datetime.date(2024, 12, 10)) == []


def test_mentions_executoires_remplies_depuis_les_donnees_ou_en_blanc(exemple_genere):
    def mentions(nom):
        textes = [p.text for p in docx.Document(str(exemple_genere / nom)).paragraphs]
        debut = textes.index("Caractère exécutoire de l'acte")
        return textes[debut + 1:debut + 4]

    assert mentions("decision_B050_2022.docx") == [
        "Transmis au représentant de l'État le 28 novembre 2022",
        "Accusé de réception n°\u00a0050-123456782-20221122-B050_2022-DE",
        "Publié sur le site internet de la Communauté d'Agglomération du Cotentin le 29 novembre 2022",
    ]
    assert mentions("decision_B140_2024.docx") == [
        "Transmis au représentant de l'État le _____",
        "Accusé de réception n°\u00a0_____",
        "Publié sur le site internet de la Communauté d'Agglomération du Cotentin le _____",
    ]
