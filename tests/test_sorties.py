"""Le dossier de sortie appartient à l'outil : il contient exactement ce que la dernière
génération a écrit, rien n'atterrit ailleurs, le remplacement est tout ou rien, et
`verifier-sorties` dit tout écart (fichier ajouté, manquant, modifié, manifeste mal formé)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from generateur.sorties import ecriture, pdf
from generateur.sorties.tableur import cellule_sure
from tests.conftest import EXEMPLE, RACINE, contenu, lancer, remplacer

VAL = RACINE / "donnees" / "val_exemple"
# Les actes (décision du Bureau, trois délibérations du conseil, convention, appels de fonds),
# les cinq documents de chacune des deux séances, le manifeste ; dans l'ordre des noms.
DOCUMENTS_VAL = sorted(
    [f"appel_de_fonds_AF-{annee}-0{rang}.docx" for annee in (2024, 2025, 2026) for rang in (1, 2)]
    + ["convention_2024-2026.docx", "decision_B2024_012.docx", "manifeste.json"]
    + [f"deliberation_D2024_04{rang}.docx" for rang in (1, 2, 3)]
    + [f"{modele}_{seance}.docx" for seance in ("bureau_2024-03-14", "conseil_2024-06-27")
       for modele in ("convocation", "emargement", "liste_des_actes", "proces_verbal", "registre")]
)


@pytest.fixture
def val(tmp_path):
    copie = tmp_path / "val_exemple"
    shutil.copytree(VAL, copie)
    return copie


def test_les_fichiers_perimes_partent_avec_force(tmp_path):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    (sortie / "val_exemple" / "decision_B2024_012.pdf").write_bytes(b"ancien PDF, autre vote")
    (sortie / "val_exemple" / "decision_B2023_099.docx").write_bytes(b"decision supprimee des donnees")
    assert lancer("generer", VAL, "--sortie", sortie, "--force").exit_code == 0
    assert contenu(sortie) == ["val_exemple"] + [f"val_exemple/{nom}" for nom in DOCUMENTS_VAL]


def test_sans_force_un_dossier_deja_genere_n_est_pas_touche(tmp_path):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    (sortie / "val_exemple" / "decision_B2024_012.pdf").write_bytes(b"ancien")
    avant = contenu(sortie)
    resultat = lancer("generer", VAL, "--sortie", sortie)
    assert (resultat.exit_code, resultat.stderr) == (3, f"{sortie / 'val_exemple'} contient déjà des documents ; ils ne sont remplacés qu'avec --force\n")
    assert contenu(sortie) == avant


def test_un_dossier_que_generateur_n_a_pas_ecrit_n_est_jamais_vide(tmp_path):
    sortie = tmp_path / "sorties"
    (sortie / "val_exemple").mkdir(parents=True)
    (sortie / "val_exemple" / "notes.txt").write_text("à garder", encoding="utf-8")
    resultat = lancer("generer", VAL, "--sortie", sortie, "--force")
    assert resultat.exit_code == 3
    assert resultat.stderr == (
        f"{sortie / 'val_exemple'} contient des fichiers qui n'ont pas été écrits par generateur (pas de manifeste.json) ; "
        "ils ne sont jamais supprimés : videz ce dossier ou choisissez un autre --sortie\n"
    )
    assert contenu(sortie) == ["val_exemple", "val_exemple/notes.txt"]


@pytest.mark.parametrize(("premier", "second"), [("a/val_exemple", "b/val_exemple"), ("x", "x.yaml")])
def test_deux_dossiers_au_meme_nom_refuses_sans_rien_ecrire(tmp_path, premier, second):
    for nom in (premier, second):
        cible = tmp_path / nom
        cible.parent.mkdir(parents=True, exist_ok=True)
        if nom.endswith(".yaml"):
            cible.write_text("\n".join(f.read_text(encoding="utf-8") for f in sorted(VAL.glob("*.yaml"))), encoding="utf-8")
        else:
            shutil.copytree(VAL, cible)
    sortie = tmp_path / "sorties"
    resultat = lancer("generer", tmp_path / premier, tmp_path / second, "--sortie", sortie)
    nom = premier.split("/")[-1]
    assert resultat.exit_code == 3
    *refus, resume = resultat.stderr.splitlines()
    assert resume.startswith("Écrits : 0 document de 0 dossier en ")
    assert resume.endswith(f" ; dossiers refusés : {tmp_path / premier}, {tmp_path / second}")
    assert refus == [
        f"{tmp_path / premier} et {tmp_path / second} s'écriraient dans le même dossier {sortie / nom} ; aucun n'est écrit : "
        "renommez l'un d'eux ou générez-les vers des --sortie différents",
        f"{tmp_path / second} et {tmp_path / premier} s'écriraient dans le même dossier {sortie / nom} ; aucun n'est écrit : "
        "renommez l'un d'eux ou générez-les vers des --sortie différents",
    ]
    assert contenu(sortie) == []


def test_un_dossier_cite_deux_fois_refuse(tmp_path, monkeypatch):
    monkeypatch.chdir(RACINE)
    resultat = lancer("generer", "donnees/val_exemple", "donnees/../donnees/val_exemple", "donnees/val_exemple", "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[:2] == [
        "donnees/val_exemple est cité plusieurs fois dans la commande ; citez chaque dossier une fois",
        "donnees/../donnees/val_exemple est cité plusieurs fois dans la commande ; citez chaque dossier une fois",
    ]
    assert contenu(tmp_path / "sorties") == []


def test_le_bilan_compte_les_dossiers_vraiment_ecrits(tmp_path):
    sortie = tmp_path / "sorties"
    (sortie / "val_exemple").mkdir(parents=True)
    (sortie / "val_exemple" / "notes.txt").write_text("à garder", encoding="utf-8")
    resultat = lancer("generer", EXEMPLE, VAL, "--sortie", sortie)
    assert resultat.exit_code == 3
    assert resultat.stderr.splitlines()[-1].startswith("Écrits : 20 documents de 1 dossier en ")  # cotentin : 10 actes, 10 documents de séance


@pytest.mark.parametrize("appel", ["parent", "courant", "points"])
def test_rien_n_atterrit_hors_de_la_sortie(tmp_path, monkeypatch, appel):
    donnees = tmp_path / "donnees" / "val_exemple"
    shutil.copytree(VAL, donnees)
    if appel == "points":
        (tmp_path / "donnees" / "...yaml").write_text("\n".join(f.read_text(encoding="utf-8") for f in sorted(VAL.glob("*.yaml"))), encoding="utf-8")
        monkeypatch.chdir(tmp_path / "donnees")
        argument, attendu = "...yaml", None
    elif appel == "parent":
        (tmp_path / "donnees" / "sous").mkdir()
        monkeypatch.chdir(tmp_path / "donnees" / "sous")
        argument, attendu = "../val_exemple/../val_exemple", "val_exemple"
    else:
        monkeypatch.chdir(donnees)
        argument, attendu = ".", "val_exemple"
    sortie = tmp_path / "X"
    resultat = lancer("generer", argument, "--sortie", sortie)
    if attendu is None:
        assert (resultat.exit_code, resultat.stderr) == (
            3, "...yaml : ce nom ne donne pas de nom de dossier de sortie ; renommez le fichier ou le dossier (des lettres ou des chiffres sont attendus)\n"
        )
        assert contenu(sortie) == []
    else:
        assert resultat.exit_code == 0, resultat.output
        assert contenu(sortie) == [attendu] + [f"{attendu}/{nom}" for nom in DOCUMENTS_VAL]
    assert [p for p in tmp_path.rglob("*.docx") if sortie not in p.parents] == []


def test_nom_de_sortie_pris_sur_le_chemin_reel(tmp_path, monkeypatch):
    (tmp_path / "epci" / "sous").mkdir(parents=True)
    (tmp_path / "epci" / ".actes.yaml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "epci" / "sous")
    assert [ecriture.nom_de_sortie(Path(chemin)) for chemin in ("..", ".", "../.actes.yaml")] == ["epci", "sous", "actes"]


def test_la_racine_ne_nomme_pas_de_dossier_de_sortie(tmp_path):
    resultat = lancer("generer", "/", "--sortie", tmp_path / "X")
    assert (resultat.exit_code, resultat.stderr) == (
        3, "/ : ce nom ne donne pas de nom de dossier de sortie ; renommez le fichier ou le dossier (des lettres ou des chiffres sont attendus)\n"
    )


def test_droits_des_fichiers_selon_l_umask_meme_avec_force(tmp_path):
    ancien = os.umask(0o022)
    try:
        sortie = tmp_path / "sorties"
        assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
        assert lancer("generer", VAL, "--sortie", sortie, "--force").exit_code == 0
        assert lancer("exporter-scdl", VAL, "--sortie", tmp_path / "actes.csv").exit_code == 0
        assert lancer("exporter-scdl", VAL, "--sortie", tmp_path / "actes.csv", "--force").exit_code == 0
        os.umask(0o027)
        assert lancer("generer", VAL, "--sortie", tmp_path / "groupe").exit_code == 0
    finally:
        os.umask(ancien)
    droits = {stat.S_IMODE(p.stat().st_mode) for p in (sortie / "val_exemple").iterdir()}
    assert droits == {0o644}
    assert stat.S_IMODE((sortie / "val_exemple").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "actes.csv").stat().st_mode) == 0o644
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "groupe" / "val_exemple").iterdir()} == {0o640}


def test_echange_qui_echoue_laisse_l_ancien_jeu_et_le_dit(tmp_path, monkeypatch):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    avant = {p.name: p.read_bytes() for p in (sortie / "val_exemple").iterdir()}

    def echec(*_):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(ecriture, "_renameat2_echange", echec)
    resultat = lancer("generer", VAL, "--sortie", sortie, "--force")
    assert (resultat.exit_code, resultat.stderr) == (
        3, f"impossible d'écrire dans {sortie / 'val_exemple'} : erreur d'entrée-sortie du disque ; aucun document n'a été écrit ni remplacé\n"
    )
    assert {p.name: p.read_bytes() for p in (sortie / "val_exemple").iterdir()} == avant
    assert contenu(sortie) == ["val_exemple"] + [f"val_exemple/{nom}" for nom in DOCUMENTS_VAL]


def test_second_renommage_qui_echoue_est_defait(tmp_path, monkeypatch, val):
    """Sans échange atomique (autre système), deux renommages : si le second échoue, le premier
    est défait et le message dit vrai."""
    sortie = tmp_path / "sorties"
    assert lancer("generer", val, "--sortie", sortie).exit_code == 0
    avant = {p.name: p.read_bytes() for p in (sortie / "val_exemple").iterdir()}
    remplacer(val / "seance_2024-03-14.yaml", "objet: ", "objet: Nouvel objet. ")

    def non_pris_en_charge(*_):
        raise OSError(errno.EINVAL, "Invalid argument")

    renommer = os.rename
    appels = []

    def second_echoue(source, cible):
        appels.append(str(source))
        if len(appels) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        renommer(source, cible)

    monkeypatch.setattr(ecriture, "_renameat2_echange", non_pris_en_charge)
    monkeypatch.setattr(ecriture.os, "rename", second_echoue)
    resultat = lancer("generer", val, "--sortie", sortie, "--force")
    assert (resultat.exit_code, resultat.stderr) == (
        3, f"impossible d'écrire dans {sortie / 'val_exemple'} : disque plein ; aucun document n'a été écrit ni remplacé\n"
    )
    assert {p.name: p.read_bytes() for p in (sortie / "val_exemple").iterdir()} == avant
    assert contenu(sortie) == ["val_exemple"] + [f"val_exemple/{nom}" for nom in DOCUMENTS_VAL]
    monkeypatch.undo()
    assert lancer("generer", val, "--sortie", sortie, "--force").exit_code == 0
    assert lancer("verifier-sorties", sortie).exit_code == 0
    assert (sortie / "val_exemple" / "decision_B2024_012.docx").read_bytes() != avant["decision_B2024_012.docx"]


def test_restes_d_un_arret_brutal_retires_par_la_generation_suivante(tmp_path):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    for reste in (".val_exemple.generateur-nouveau", ".val_exemple.generateur-ancien"):
        (sortie / reste).mkdir()
        (sortie / reste / "decision_B2024_012.docx").write_bytes(b"a moitie")
    (sortie / ".val_exemple.generateur-verrou").write_bytes(b"")
    for verifie in (sortie, sortie / "val_exemple"):
        resultat = lancer("verifier-sorties", verifie)
        assert resultat.exit_code == 1
        assert resultat.stderr.splitlines()[:3] == [
            f"{sortie / reste} : reste d'une génération arrêtée net ; la prochaine génération de ce dossier le retire"
            for reste in (".val_exemple.generateur-ancien", ".val_exemple.generateur-nouveau", ".val_exemple.generateur-verrou")
        ]
    assert lancer("generer", VAL, "--sortie", sortie, "--force").exit_code == 0
    assert contenu(sortie) == ["val_exemple"] + [f"val_exemple/{nom}" for nom in DOCUMENTS_VAL]


def test_arret_entre_les_deux_renommages_remet_l_ancien_jeu(tmp_path):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    os.rename(sortie / "val_exemple", sortie / ".val_exemple.generateur-ancien")
    assert lancer("verifier-sorties", sortie).stderr == f"{sortie / 'manifeste.json'} : manifeste absent ; ce dossier n'a pas été produit par generateur generer " \
        "(ni n'est le dossier --sortie d'un lot, dont chaque sous-dossier a son manifeste)\n"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 3
    assert lancer("verifier-sorties", sortie / "val_exemple").exit_code == 0
    assert contenu(sortie) == ["val_exemple"] + [f"val_exemple/{nom}" for nom in DOCUMENTS_VAL]


# --- verifier-sorties ------------------------------------------------------------------------

def test_verifier_sorties_signale_un_fichier_ajoute(tmp_path):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    (sortie / "val_exemple" / "decision_B2024_012.pdf").write_bytes(b"PDF perime")
    resultat = lancer("verifier-sorties", sortie / "val_exemple")
    assert resultat.exit_code == 1
    assert resultat.stderr.splitlines()[0] == f"{sortie / 'val_exemple' / 'decision_B2024_012.pdf'} : ajouté depuis la génération (absent du manifeste)"
    assert len(resultat.stderr.splitlines()) == 1 + len(DOCUMENTS_VAL) - 1  # le PDF ajouté, puis chaque fichier conforme hors manifeste


def test_verifier_sorties_d_un_lot_entier(tmp_path):
    sortie = tmp_path / "sorties"
    assert lancer("generer", EXEMPLE, VAL, "--sortie", sortie).exit_code == 0
    conforme = lancer("verifier-sorties", sortie)
    assert conforme.exit_code == 0
    assert len(conforme.stdout.splitlines()) == 20 + len(DOCUMENTS_VAL) - 1  # cotentin : 10 actes et 10 documents de séance
    (sortie / "val_exemple" / "convention_2024-2026.docx").unlink()
    altere = lancer("verifier-sorties", sortie)
    assert altere.exit_code == 1
    assert altere.stderr.splitlines()[0] == f"{sortie / 'val_exemple' / 'convention_2024-2026.docx'} : absent (supprimé ou renommé depuis la génération)"


MANIFESTES = {
    "json_invalide": ('{"documents": [', "manifeste illisible : JSON invalide ligne 1"),
    "non_utf8": (b"\xff\xfe", "manifeste illisible : il n'est pas encodé en UTF-8"),
    "null": ("null", "manifeste mal formé : (racine) : objet JSON attendu"),
    "cle_absente": ('{"outil": {}}', "manifeste mal formé : documents : champ absent"),
    "documents_null": ('{"documents": null}', "manifeste mal formé : documents : liste attendue"),
    "liste_vide": ('{"documents": []}', "manifeste mal formé : documents : au moins un document attendu ; un manifeste qui ne liste rien ne prouve rien"),
    "sha_absent": ('{"documents": [{"chemin": "a.docx"}]}', "manifeste mal formé : documents[0].sha256 : champ absent"),
    "sha_nombre": ('{"documents": [{"chemin": "a.docx", "sha256": 12}]}', "manifeste mal formé : documents[0].sha256 : texte attendu"),
    "sha_court": ('{"documents": [{"chemin": "a.docx", "sha256": "abc"}]}', "manifeste mal formé : documents[0].sha256 : empreinte SHA-256 attendue (64 chiffres hexadécimaux)"),
    "chemin_hors_dossier": ('{"documents": [{"chemin": "../../etc/passwd", "sha256": "' + "0" * 64 + '"}]}',
                            "manifeste mal formé : documents[0].chemin : nom d'un fichier du dossier attendu"),
    "document_null": ('{"documents": [null]}', "manifeste mal formé : documents[0] : objet JSON attendu"),
}


@pytest.mark.parametrize(("ecrit", "message"), MANIFESTES.values(), ids=MANIFESTES.keys())
def test_manifeste_mal_forme_refuse_en_francais(tmp_path, ecrit, message):
    manifeste = tmp_path / "manifeste.json"
    manifeste.write_bytes(ecrit if isinstance(ecrit, bytes) else ecrit.encode())
    resultat = lancer("verifier-sorties", tmp_path)
    assert (resultat.exit_code, resultat.stdout, resultat.stderr) == (1, "", f"{manifeste} : {message}\n")


# --- messages --------------------------------------------------------------------------------

def test_erreurs_du_systeme_en_francais(tmp_path):
    (tmp_path / "dossier.csv").mkdir()
    resultat = lancer("exporter-scdl", VAL, "--sortie", tmp_path / "dossier.csv", "--force")
    assert (resultat.exit_code, resultat.stderr) == (3, f"impossible d'écrire {tmp_path / 'dossier.csv'} : c'est un dossier ; un nom de fichier est attendu\n")
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    sortie = tmp_path / "fichier" / "sorties"
    resultat = lancer("generer", VAL, "--sortie", sortie)
    assert (resultat.exit_code, resultat.stderr) == (
        3, f"impossible d'écrire dans {sortie / 'val_exemple'} : un fichier porte déjà le nom d'un dossier à créer ; aucun document n'a été écrit ni remplacé\n"
    )
    long = tmp_path / ("n" * 300 + ".csv")
    resultat = lancer("exporter-scdl", VAL, "--sortie", long)
    assert (resultat.exit_code, resultat.stderr) == (3, f"impossible d'écrire {long} : nom de fichier trop long ; rien n'a été écrit\n")


def test_cause_inconnue_nommee_sans_texte_anglais():
    from generateur.exceptions import cause_systeme
    assert cause_systeme(OSError(errno.ENOLCK, "No locks available")) == "erreur du système ENOLCK"


def test_caracteres_de_controle_jamais_envoyes_bruts_au_terminal(tmp_path):
    dossier = tmp_path / "val\x1b[31m\x07"
    resultat = lancer("verifier", dossier)
    assert resultat.exit_code == 2
    assert resultat.stderr == f"{tmp_path}/val\\x1b[31m\\x07 : (racine) : fichier ou dossier introuvable\n"


def test_echec_pdf_nomme_le_document_et_garde_le_message_de_libreoffice(tmp_path, monkeypatch):
    faux = tmp_path / "soffice"
    faux.write_text('#!/bin/sh\necho "Error: source file could not be loaded" >&2\nexit 81\n', encoding="utf-8")
    faux.chmod(0o755)
    monkeypatch.setattr(pdf, "programme", lambda: str(faux))
    resultat = lancer("generer", VAL, "--sortie", tmp_path / "sorties", "--pdf")
    assert resultat.exit_code == 3
    assert resultat.stderr == (
        f"LibreOffice n'a pas converti {tmp_path / 'sorties' / 'val_exemple' / 'decision_B2024_012.docx'} en PDF "
        "(code 81) : « Error: source file could not be loaded » ; les documents .docx ont été écrits\n"
    )
    assert contenu(tmp_path / "sorties") == ["val_exemple"] + [f"val_exemple/{nom}" for nom in DOCUMENTS_VAL]


# --- tableur ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("texte", "sur"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+33 1 23", "'+33 1 23"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("-12,50", "-12,50"),
        ("+3", "+3"),
        ("Subvention 2024", "Subvention 2024"),
        ("", ""),
    ],
)
def test_cellule_sure_neutralise_les_formules(texte, sur):
    assert cellule_sure(texte) == sur


def test_scdl_garde_les_valeurs_du_schema_national(tmp_path, val):
    remplacer(val / "seance_2024-03-14.yaml", "objet: ", "objet: =1+1 ")
    resultat = lancer("exporter-scdl", val)
    assert resultat.exit_code == 0, resultat.output
    assert ",=1+1 " in resultat.stdout


def test_le_manifeste_du_jeu_ecrit_est_coherent(tmp_path):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    manifeste = json.loads((sortie / "val_exemple" / "manifeste.json").read_text(encoding="utf-8"))
    assert sorted([d["chemin"] for d in manifeste["documents"]] + ["manifeste.json"]) == DOCUMENTS_VAL


def test_verifier_sorties_document_illisible(tmp_path, monkeypatch):
    sortie = tmp_path / "sorties"
    assert lancer("generer", VAL, "--sortie", sortie).exit_code == 0
    lire = type(sortie).read_bytes

    def refuser(chemin):
        if chemin.name == "convention_2024-2026.docx":
            raise PermissionError(errno.EACCES, "Permission denied")
        return lire(chemin)

    monkeypatch.setattr(type(sortie), "read_bytes", refuser)
    resultat = lancer("verifier-sorties", sortie)
    assert resultat.exit_code == 1
    assert resultat.stderr.splitlines()[0] == f"{sortie / 'val_exemple' / 'convention_2024-2026.docx'} : illisible (permission refusée)"


def test_export_tue_net_ne_bloque_pas_le_suivant(tmp_path):
    (tmp_path / ".actes.csv.generateur-nouveau").write_bytes(b"a moitie")
    resultat = lancer("exporter-scdl", VAL, "--sortie", tmp_path / "actes.csv")
    assert resultat.exit_code == 0, resultat.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actes.csv"]


def test_ctrl_c_pendant_l_ecriture_prend_effet_a_la_fin_du_dossier(tmp_path, monkeypatch):
    """Le dossier en cours s'écrit en entier (son nettoyage n'est jamais coupé) ; les suivants
    ne sont pas écrits ; la commande sort en 130."""
    import signal

    ecrire = ecriture._ecrire

    def ecrire_puis_ctrl_c(chemin, contenu):
        ecrire(chemin, contenu)
        if chemin.name == "convention_2023-2025.docx":
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(ecriture, "_ecrire", ecrire_puis_ctrl_c)
    sortie = tmp_path / "sorties"
    resultat = lancer("generer", EXEMPLE, VAL, "--sortie", sortie, "--processus", "1")  # l'écriture dans ce processus-ci
    assert resultat.exit_code == 130
    # 21 documents : la barre de progression s'affiche d'abord.
    assert resultat.stderr.splitlines()[-1] == "Interrompu : aucun dossier n'est laissé à moitié écrit (les dossiers déjà écrits le restent)."
    assert [p for p in contenu(sortie) if "/" not in p] == ["cotentin"]
    assert len(contenu(sortie)) == 1 + 10 + 10 + 1  # le dossier, ses actes, ses documents de séance, son manifeste
    monkeypatch.undo()
    assert lancer("verifier-sorties", sortie).exit_code == 0
