"""Générer un lot de dossiers : chacun tout ou rien et écrit dès qu'il est prêt, un refus
n'arrête pas les autres (un processus de travail tué : tests/test_modeles_pieges.py), le
lot parallèle donne les mêmes octets que le lot en série ; le manifeste dit ce qui a changé."""

from __future__ import annotations

import json

from generateur import etapes
from tests.conftest import EXEMPLE, RACINE, contenu, lancer, remplacer

VAL = RACINE / "donnees" / "val_exemple"


def test_deux_dossiers_en_un_lot(tmp_path):
    resultat = lancer("generer", EXEMPLE, VAL, "--sortie", tmp_path)
    assert resultat.exit_code == 0, resultat.output
    ecrits = resultat.stdout.splitlines()
    # cotentin : 10 actes, 5 documents pour chacune de ses 2 séances, son manifeste ;
    # val_exemple : 8 actes, 3 délibérations, 5 documents pour chacune de ses 2 séances, son manifeste.
    assert len(ecrits) == 10 + 10 + 1 + 8 + 3 + 10 + 1
    # 41 documents : sous 50, pas de barre de progression, le bilan seul.
    assert len(resultat.stderr.splitlines()) == 1
    assert resultat.stderr.splitlines()[-1].startswith("Écrits : 41 documents de 2 dossiers en ")


def test_un_dossier_refuse_n_arrete_pas_les_autres(dossier, tmp_path):
    remplacer(dossier / "seance_2022-11-22.yaml", "pour: 23", "pour: 24")
    resultat = lancer("generer", dossier, VAL, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 1
    assert contenu(tmp_path / "sorties" / "cotentin") == []
    assert len(contenu(tmp_path / "sorties" / "val_exemple")) == 8 + 3 + 10 + 1
    lignes = resultat.stderr.splitlines()
    assert lignes[0].endswith("alors que 23 membres votent B050_2022 (23 présents, 0 suppléant, 0 pouvoir) ; absent à ce vote après un départ : Monsieur Antoine DIGARD")
    assert lignes[-1].endswith(f" ; dossiers refusés : {dossier}")
    assert lignes[-1].startswith("Écrits : 21 documents de 1 dossier en ")


def test_rendu_parallele_identique_au_rendu_en_serie(tmp_path):
    assert lancer("generer", EXEMPLE, VAL, "--sortie", tmp_path / "serie", "--processus", "1").exit_code == 0
    assert lancer("generer", EXEMPLE, VAL, "--sortie", tmp_path / "parallele", "--processus", "2").exit_code == 0
    serie = {p.relative_to(tmp_path / "serie"): p.read_bytes() for p in (tmp_path / "serie").rglob("*") if p.is_file()}
    parallele = {p.relative_to(tmp_path / "parallele"): p.read_bytes() for p in (tmp_path / "parallele").rglob("*") if p.is_file()}
    assert len(serie) == 43
    assert serie == parallele


def test_manifeste_decrit_chaque_document(tmp_path):
    assert lancer("generer", EXEMPLE, "--sortie", tmp_path).exit_code == 0
    manifeste = json.loads((tmp_path / "cotentin" / "manifeste.json").read_text(encoding="utf-8"))
    premier = manifeste["documents"][0]
    assert (premier["chemin"], premier["sorte"], premier["reference"], premier["modele"]) == ("decision_B050_2022.docx", "decision", "B050_2022", "decision.docx")
    assert len(premier["sha256"]) == len(premier["modele_sha256"]) == len(premier["donnees_sha256"]) == 64
    assert manifeste["donnees"]["fichiers"] == ["assemblee_bureau.yaml", "avenants.yaml", "collectivite.yaml", "convention.yaml", "paiements.yaml", "seance_2022-11-22.yaml", "seance_2024-12-10.yaml"]
    assert manifeste["outil"]["nom"] == "generateur"


def test_verifier_sorties_signale_un_document_modifie_ou_supprime(tmp_path):
    assert lancer("generer", EXEMPLE, "--sortie", tmp_path).exit_code == 0
    dossier = tmp_path / "cotentin"
    conforme = lancer("verifier-sorties", dossier)
    assert conforme.exit_code == 0
    assert conforme.stdout.splitlines()[0] == f"{dossier / 'decision_B050_2022.docx'} : conforme"
    (dossier / "decision_B050_2022.docx").write_bytes(b"retouche")
    (dossier / "appel_de_fonds_AF-2023-01.docx").unlink()
    altere = lancer("verifier-sorties", dossier)
    assert altere.exit_code == 1
    assert altere.stderr.splitlines()[:2] == [
        f"{dossier / 'decision_B050_2022.docx'} : modifié depuis la génération (empreinte SHA-256 différente)",
        f"{dossier / 'appel_de_fonds_AF-2023-01.docx'} : absent (supprimé ou renommé depuis la génération)",
    ]


def test_verifier_sorties_sans_manifeste(tmp_path):
    resultat = lancer("verifier-sorties", tmp_path)
    assert (resultat.exit_code, resultat.stderr) == (
        1, f"{tmp_path / 'manifeste.json'} : manifeste absent ; ce dossier n'a pas été produit par generateur generer "
        "(ni n'est le dossier --sortie d'un lot, dont chaque sous-dossier a son manifeste)\n"
    )


def test_exporter_scdl_vers_un_fichier_sans_ecraser(tmp_path):
    fichier = tmp_path / "actes.csv"
    resultat = lancer("exporter-scdl", EXEMPLE, "--sortie", fichier)
    assert (resultat.exit_code, resultat.stdout) == (0, f"{fichier}\n")
    assert fichier.read_text(encoding="utf-8").splitlines()[0].startswith("COLL_NOM,COLL_SIRET,DELIB_ID,")
    refuse = lancer("exporter-scdl", EXEMPLE, "--sortie", fichier)
    assert (refuse.exit_code, refuse.stderr) == (3, f"{fichier} existe déjà et n'est pas remplacé sans --force\n")


def test_deux_numeros_qui_donnent_le_meme_nom_de_fichier_refuses(dossier, tmp_path):
    seance = dossier / "seance_2024-12-10.yaml"
    remplacer(seance, "ordre_du_jour: [B140_2024]", "ordre_du_jour: [B050/2022, B050-2022]")
    texte = seance.read_text(encoding="utf-8")
    decision = texte[texte.index("      - numero: B140_2024"):]
    seance.write_text(texte.replace("numero: B140_2024", "numero: B050/2022") + decision.replace("B140_2024", "B050-2022"), encoding="utf-8")
    remplacer(dossier / "avenants.yaml", "decision: B140_2024", "decision: B050/2022")
    remplacer(dossier / "collectivite.yaml", "collectivite:\n", "collectivite:\n  numerotation_actes: libre\n")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 3, resultat.output
    assert resultat.stderr == (
        "plusieurs documents du dossier porteraient le même nom (decision_B050-2022.docx) ; "
        "donnez-leur des numéros qui diffèrent autrement que par « / » et « - »\n"
    )
    assert contenu(tmp_path / "sorties") == []


def test_chaque_dossier_est_ecrit_des_qu_il_est_pret(tmp_path, monkeypatch):
    """Le second dossier n'est lu qu'une fois le premier écrit : le lot n'est jamais tenu
    tout entier en mémoire."""
    rendre_dossier, vus = etapes._rendre_dossier, {}

    def noter(chemin, consigne):
        vus[chemin.name] = sorted(p.name for p in (tmp_path / "cotentin").glob("*")) if (tmp_path / "cotentin").exists() else []
        return rendre_dossier(chemin, consigne)

    monkeypatch.setattr(etapes, "_rendre_dossier", noter)
    bilan = etapes.generer([EXEMPLE, VAL], tmp_path, processus=1)
    assert (bilan.documents, bilan.dossiers, bilan.refuses) == (20 + 21, 2, {})
    assert vus["cotentin"] == []
    assert len(vus["val_exemple"]) == 20 + 1 and "manifeste.json" in vus["val_exemple"]


def test_paquets_un_dossier_chacun_ou_partages_pour_les_pdf():
    dossiers = [f"d{rang}" for rang in range(20)]
    assert etapes.paquets_de_dossiers(dossiers, 2, False) == ([[d] for d in dossiers], 1)
    # 20 dossiers sur 2 processus : au plus 8 par paquet (8, 8, 4), un LibreOffice chacun
    assert etapes.paquets_de_dossiers(dossiers, 2, True) == ([dossiers[:8], dossiers[8:16], dossiers[16:]], 1)
    # 3 dossiers sur 2 processus : 2 et 1 ; un seul dossier : un paquet et deux LibreOffice
    assert etapes.paquets_de_dossiers(dossiers[:3], 2, True) == ([dossiers[:2], dossiers[2:3]], 1)
    assert etapes.paquets_de_dossiers(dossiers[:1], 2, True) == ([dossiers[:1]], 2)


def _carre(nombre: int) -> int:
    return nombre * nombre


def test_en_parallele_resultats_dans_l_ordre_des_paquets_fini_appele_pour_chacun():
    from generateur import lot

    for processus in (1, 2):
        finis = []
        assert lot.en_parallele(_carre, [3, 1, 2], processus, finis.append) == [9, 1, 4]
        assert sorted(finis) == [1, 2, 3]


def test_les_dossiers_incomplets_d_un_lot_parallele_sont_refuses_pour_leurs_blancs(tmp_path):
    """Le refus d'un dossier repasse du processus de travail au principal tel qu'il a été levé
    (ses blancs, sa conclusion) : aucun ne passe pour « arrêté net »."""
    resultat = lancer("generer", EXEMPLE, VAL, "--definitif", "--processus", "2", "--sortie", tmp_path)
    assert resultat.exit_code == 1
    assert contenu(tmp_path) == []
    lignes = resultat.stderr.splitlines()
    assert "arrêté net" not in resultat.stderr
    for dossier in (EXEMPLE, VAL):
        assert f"{dossier} : version définitive refusée : remplissez ces blancs, ou générez sans --definitif une version de travail" in lignes
