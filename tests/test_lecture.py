"""La lecture du YAML : lignes citées, clés en double, étiquettes, encodage, nombres, textes,
fichiers du dossier ; chaque test passe avec libyaml et avec le chargeur pur Python."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generateur.exceptions import DonneesIllisibles
from generateur.lecture import fichiers
from generateur.lecture.fichiers import lire_dossier
from tests.conftest import RACINE

pytestmark = pytest.mark.usefixtures("chargeur_yaml")
CHARGEURS = fichiers.CHARGEURS  # avant que le montage `chargeur_yaml` ne les remplace


def lire_erreurs(fichier: Path) -> list[str]:
    with pytest.raises(DonneesIllisibles) as erreur:
        lire_dossier(fichier)
    return erreur.value.lignes()


def test_cle_en_double_refusee_avec_ses_deux_lignes(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("seance:\n  lieu: Valognes\n  date: 2022-11-22\n  lieu: Cherbourg\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [
        f"{fichier}:4 : seance.lieu : clé « lieu » en double (déjà définie ligne 2) ; chaque clé ne doit apparaître qu'une fois"
    ]


def test_tabulation_refusee_en_francais(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("seance:\n\tlieu: Valognes\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [f"{fichier}:2 : (racine) : YAML invalide : tabulation interdite : indentez avec des espaces"]


def test_fichier_vide_refuse(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("# rien\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [f"{fichier} : (racine) : le fichier est vide ; il doit contenir des données YAML (clé: valeur)"]


def test_fichier_non_utf8_refuse(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_bytes("lieu: Caf\xe9\n".encode("latin-1"))
    assert lire_erreurs(fichier) == [
        f"{fichier} : (racine) : le fichier n'est pas encodé en UTF-8 (octet invalide à la position 9) ; enregistrez-le en UTF-8"
    ]


def test_etiquette_python_refusee_sans_rien_executer(tmp_path):
    temoin = tmp_path / "execute"
    fichier = tmp_path / "d.yaml"
    fichier.write_text(f"lieu: !!python/object/apply:os.system ['touch {temoin}']\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [
        f"{fichier}:1 : lieu : étiquette YAML « !!python/object/apply:os.system » refusée : seules des valeurs simples (texte, nombre, date) sont admises"
    ]
    assert not temoin.exists()


def test_date_inexistante_refusee(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("seance:\n  date: 2022-02-30\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [
        f"{fichier}:2 : seance.date : la date « 2022-02-30 » n'existe pas ; une date réelle au format AAAA-MM-JJ est attendue"
    ]


def test_nombre_a_virgule_lu_en_decimal_jamais_en_float(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("a: 0.1\nb: 0.2\n", encoding="utf-8")
    donnees, _ = lire_dossier(fichier)
    assert donnees["a"] + donnees["b"] == Decimal("0.3")


def test_heure_non_lue_en_base_60(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("heure: 9:00\n", encoding="utf-8")
    assert lire_dossier(fichier)[0] == {"heure": "9:00"}


def test_cle_definie_dans_deux_fichiers_refusee(tmp_path):
    (tmp_path / "a.yaml").write_text("seance:\n  lieu: Valognes\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("\nseance:\n  lieu: Cherbourg\n", encoding="utf-8")
    assert lire_erreurs(tmp_path) == [
        f"{tmp_path / 'b.yaml'}:2 : seance : clé de premier niveau déjà définie dans {tmp_path / 'a.yaml'} ; "
        "seule une liste (comme « seances ») se complète d'un fichier à l'autre"
    ]


def test_listes_de_deux_fichiers_mises_bout_a_bout_lignes_comprises(tmp_path):
    (tmp_path / "a.yaml").write_text("seances:\n  - lieu: Valognes\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("# seconde séance\nseances:\n  - lieu: Cherbourg\n  - lieu: Caen\n", encoding="utf-8")
    donnees, source = lire_dossier(tmp_path)
    assert donnees == {"seances": [{"lieu": "Valognes"}, {"lieu": "Cherbourg"}, {"lieu": "Caen"}]}
    assert str(source.anomalie(("seances", 2, "lieu"), "x")) == f"{tmp_path / 'b.yaml'}:4 : seances[2].lieu : x"
    assert str(source.anomalie(("seances", 0, "lieu"), "x")) == f"{tmp_path / 'a.yaml'}:2 : seances[0].lieu : x"


def test_dossier_introuvable(tmp_path):
    assert lire_erreurs(tmp_path / "absent") == [f"{tmp_path / 'absent'} : (racine) : fichier ou dossier introuvable"]


def test_toutes_les_anomalies_d_un_fichier_sont_signalees(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("a: 1\na: 2\nb: 2022-13-01\n", encoding="utf-8")
    assert len(lire_erreurs(fichier)) == 2


# --- libyaml et pur Python -------------------------------------------------------------------

def test_libyaml_present_et_essaye_en_premier():
    assert yaml.__with_libyaml__, "PyYAML est installé sans libyaml : la lecture serait une douzaine de fois plus lente"
    assert CHARGEURS == (yaml.CSafeLoader, yaml.SafeLoader)


@pytest.mark.parametrize("exemple", ["cotentin", "val_exemple"])
def test_libyaml_seul_et_pur_python_seul_lisent_les_memes_valeurs_aux_memes_lignes(monkeypatch, exemple):
    lus = []
    for chargeurs in ((yaml.CSafeLoader,), (yaml.SafeLoader,)):
        monkeypatch.setattr(fichiers, "CHARGEURS", chargeurs)
        donnees, source = lire_dossier(RACINE / "donnees" / exemple)
        lus.append((donnees, source.positions))
    assert lus[0] == lus[1]
    assert len(lus[0][1]) > 250


@pytest.mark.parametrize("texte, ligne, message", [
    ("seance:\n  lieu: [salle ? Henri]\n", 2, "crochet « [ » ouvert et non fermé : « ] » ou « , » attendu"),
    ("seance:\n  lieu: salle\tHenri\n", 2, "tabulation interdite : indentez avec des espaces"),
])
def test_ce_que_libyaml_seul_admettrait_est_refuse_comme_par_le_pur_python(tmp_path, texte, ligne, message):
    """libyaml admet un « ? » entre crochets et une tabulation dans un texte sans guillemets ;
    le pur Python les refuse : le résultat ne dépend pas du chargeur présent."""
    fichier = tmp_path / "d.yaml"
    fichier.write_text(texte, encoding="utf-8")
    assert lire_erreurs(fichier) == [f"{fichier}:{ligne} : (racine) : YAML invalide : {message}"]


def test_alias_en_cascade_refuse_au_dela_de_cent_mille_valeurs(tmp_path):
    """Chaque niveau répète dix fois le précédent. Valeurs comptées dans l'ordre de lecture :
    racine 1 ; a : clé 1 + liste 11 ; b : 1 + 111 ; c : 1 + 1 111 ; d : 1 + 11 111 ; e : clé 1 et
    liste 1, soit 12 351. Chaque copie de d compte 11 111 : la 100 001e valeur est la 87 650e de e,
    soit 7 copies (77 777) puis la 9 873e de e[7] : 1 (la liste) + 8 × 1 111 + 984 → la 984e de
    e[7][8] : 1 + 8 × 111 + 95 → la 95e de e[7][8][8] : 1 + 8 × 11 + 6 → la 6e de e[7][8][8][8] :
    sa liste puis ses éléments 0 à 4. Cette valeur est écrite dans la liste « a », ligne 1."""
    fichier = tmp_path / "d.yaml"
    fichier.write_text(
        "a: &a [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n"
        + "".join(f"{nom}: &{nom} [{', '.join([f'*{avant}'] * 10)}]\n" for avant, nom in zip("abc", "bcd"))
        + f"e: [{', '.join(['*d'] * 10)}]\n",
        encoding="utf-8",
    )
    assert lire_erreurs(fichier) == [
        f"{fichier}:1 : e[7][8][8][8][4] : plus de 100\u202f000 valeurs dans le dossier (tous fichiers compris) : "
        "des alias YAML (« *nom ») les démultiplient-ils ? Recopiez plutôt les valeurs"
    ]


def test_cent_mille_valeurs_comptees_sur_tout_le_dossier(tmp_path):
    """Chaque fichier : racine, clé, liste, puis 600 copies d'une liste de 99 zéros (100 valeurs
    chacune) : 60 003 valeurs. Dans b.yaml, lu après a.yaml, b[k] commence à la 60 007e + 100 k :
    la 100 001e est la 95e de b[399] (sa liste puis ses éléments 0 à 93). Chaque fichier seul passe."""
    for nom in "ab":
        copies = ", ".join(["*z"] * 599)
        (tmp_path / f"{nom}.yaml").write_text(f"{nom}: [&z [{', '.join(['0'] * 99)}], {copies}]\n", encoding="utf-8")
    assert lire_erreurs(tmp_path) == [
        f"{tmp_path / 'b.yaml'}:1 : b[399][93] : plus de 100\u202f000 valeurs dans le dossier (tous fichiers compris) : "
        "des alias YAML (« *nom ») les démultiplient-ils ? Recopiez plutôt les valeurs"
    ]
    assert len(lire_dossier(tmp_path / "b.yaml")[0]["b"]) == 600


@pytest.mark.parametrize("niveaux", [101, 400, 1001])
def test_imbrication_trop_profonde_refusee(tmp_path, niveaux):
    """Au-delà de 100 niveaux ; libyaml en refuse plus de 1 000, la pile du pur Python en déborde plus tôt."""
    fichier = tmp_path / "d.yaml"
    fichier.write_text("a: " + "[" * niveaux + "]" * niveaux + "\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [f"{fichier} : (racine) : YAML invalide : trop de niveaux de listes ou de champs imbriqués"]


def test_cent_niveaux_admis(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("a: " + "[" * 99 + "1" + "]" * 99 + "\n", encoding="utf-8")
    valeur = lire_dossier(fichier)[0]["a"]
    for _ in range(99):
        valeur = valeur[0]
    assert valeur == 1


# --- Nombres tels que tapés ------------------------------------------------------------------

@pytest.mark.parametrize("ecrit, lu", [
    ("045", 45), ("-045", -45), ("+12", 12), ("0_45", 45), ("1_000", 1000), ("0", 0),
    ("1:30", "1:30"), ("0o17", "0o17"), ("08", "08"), ("1_0.5", Decimal("10.5")), ("045.50", Decimal("45.50")),
])
def test_nombre_lu_tel_que_tape_en_decimal(tmp_path, ecrit, lu):
    fichier = tmp_path / "d.yaml"
    fichier.write_text(f"delai_paiement_jours: {ecrit}\n", encoding="utf-8")
    valeur = lire_dossier(fichier)[0]["delai_paiement_jours"]
    assert (valeur, type(valeur)) == (lu, type(lu))


@pytest.mark.parametrize("ecrit, message", [
    ("0x2D", "nombre « 0x2D » écrit en base 16 : écrivez-le en chiffres décimaux (de 0 à 9)"),
    ("-0x2D", "nombre « -0x2D » écrit en base 16 : écrivez-le en chiffres décimaux (de 0 à 9)"),
    ("0b101101", "nombre « 0b101101 » écrit en base 2 : écrivez-le en chiffres décimaux (de 0 à 9)"),
    (".inf", "nombre « .inf » invalide : un nombre décimal fini est attendu"),
    ("-.Inf", "nombre « -.Inf » invalide : un nombre décimal fini est attendu"),
    (".NaN", "nombre « .NaN » invalide : un nombre décimal fini est attendu"),
    ("1" * 5000, "nombre de 5000 chiffres, trop long pour être lu"),
])
def test_nombre_dans_une_autre_base_ou_infini_refuse(tmp_path, ecrit, message):
    fichier = tmp_path / "d.yaml"
    fichier.write_text(f"convention:\n  delai_paiement_jours: {ecrit}\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [f"{fichier}:2 : convention.delai_paiement_jours : {message}"]


# --- Textes : une seule écriture pour un même texte -------------------------------------------

def test_texte_mis_en_forme_composee_et_sans_caractere_de_largeur_nulle(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text(
        "prenom: Ste\u0301phane\nnom: \"BAR\\u200bBE\"\nlieu: Va\u2060lo\u200cgnes\u200d\ufeff\nville: \"Caen\\uFEFF\"\n",
        encoding="utf-8",
    )
    assert lire_dossier(fichier)[0] == {"prenom": "Stéphane", "nom": "BARBE", "lieu": "Valognes", "ville": "Caen"}


def test_cle_ecrite_en_forme_decomposee_vue_en_double(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text("seance:\n  lieu: Valognes\n  lie\u200bu: Cherbourg\n  pre\u0301sident: A\n  président: B\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [
        f"{fichier}:3 : seance.lieu : clé « lieu » en double (déjà définie ligne 2) ; chaque clé ne doit apparaître qu'une fois",
        f"{fichier}:5 : seance.président : clé « président » en double (déjà définie ligne 4) ; chaque clé ne doit apparaître qu'une fois",
    ]


@pytest.mark.parametrize("echappement, code", [
    ("\\0", "0000"), ("\\x01", "0001"), ("\\a", "0007"), ("\\b", "0008"), ("\\v", "000B"),
    ("\\f", "000C"), ("\\e", "001B"), ("\\x7F", "007F"), ("\\x9B", "009B"), ("\\uFFFE", "FFFE"),
])
def test_caractere_de_controle_echappe_refuse_comme_tape(tmp_path, echappement, code):
    fichier = tmp_path / "d.yaml"
    fichier.write_text(f'seance:\n  lieu: "Valognes"\n  objet: "Budget{echappement}annexe"\n', encoding="utf-8")
    assert lire_erreurs(fichier) == [
        f"{fichier}:3 : seance.objet : caractère invisible interdit (U+{code}), écrit par un échappement « \\ » entre guillemets ; supprimez-le"
    ]


def test_tabulation_saut_de_ligne_et_retour_echappes_admis(tmp_path):
    fichier = tmp_path / "d.yaml"
    fichier.write_text('objet: "a\\tb\\nc\\rd\\Ne"\n', encoding="utf-8")
    assert lire_dossier(fichier)[0] == {"objet": "a\tb\nc\rd\x85e"}


@pytest.mark.parametrize("brut, code", [("\x00", "0000"), ("\x07", "0007"), ("\x0c", "000C"), ("\x1b", "001B"), ("\x7f", "007F")])
def test_caractere_de_controle_tape_refuse(tmp_path, brut, code):
    fichier = tmp_path / "d.yaml"
    fichier.write_text(f"seance:\n  objet: Budget{brut}annexe\n", encoding="utf-8")
    assert lire_erreurs(fichier) == [f"{fichier}:2 : (racine) : caractère invisible interdit (U+{code}) ; supprimez-le ou retapez la ligne"]


# --- Fichiers du dossier : lus ou refusés, jamais sautés --------------------------------------

def test_extension_en_majuscules_lue(tmp_path):
    (tmp_path / "a.YAML").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "b.Yml").write_text("b: 2\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("c: 3\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    donnees, source = lire_dossier(tmp_path)
    assert (donnees, source.fichiers) == ({"a": 1, "b": 2}, [tmp_path / "a.YAML", tmp_path / "b.Yml"])


def test_entrees_non_lues_refusees_chacune_nommee(tmp_path):
    (tmp_path / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "annexes").mkdir()
    (tmp_path / "boucle.yaml").symlink_to("boucle.yaml")
    (tmp_path / "casse.yml").symlink_to("absent.yaml")
    (tmp_path / "dossier.yaml").mkdir()
    (tmp_path / ".seance.yaml").write_text("b: 2\n", encoding="utf-8")
    os.mkfifo(tmp_path / "tube.yaml")
    assert lire_erreurs(tmp_path) == [
        f"{tmp_path / '.seance.yaml'} : (racine) : fichier caché (nom commençant par « . ») non lu : renommez-le sans le point, ou retirez-le du dossier",
        f"{tmp_path / 'annexes'} : (racine) : sous-dossier non lu : les fichiers .yaml d'un dossier sont lus à son premier niveau seulement ; "
        "remontez-les, ou donnez ce sous-dossier comme dossier à part",
        f"{tmp_path / 'boucle.yaml'} : (racine) : boucle de liens symboliques : ce lien mène, de lien en lien, à lui-même",
        f"{tmp_path / 'casse.yml'} : (racine) : lien symbolique cassé : sa cible « absent.yaml » n'existe pas",
        f"{tmp_path / 'dossier.yaml'} : (racine) : dossier nommé comme un fichier YAML : ses fichiers ne sont pas lus ; remontez-les au premier niveau",
        f"{tmp_path / 'tube.yaml'} : (racine) : pas un fichier ordinaire (tube, périphérique…) : un fichier YAML est attendu",
    ]


def test_lien_vers_un_fichier_yaml_lu(tmp_path):
    (tmp_path / "ailleurs.txt").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.yaml").symlink_to(tmp_path / "ailleurs.txt")
    assert lire_dossier(tmp_path / "d")[0] == {"a": 1}


def test_dossier_sans_fichier_yaml_refuse(tmp_path):
    (tmp_path / "notes.txt").write_text("a: 1\n", encoding="utf-8")
    assert lire_erreurs(tmp_path) == [f"{tmp_path} : (racine) : aucun fichier .yaml dans ce dossier"]


def test_lien_casse_donne_en_argument(tmp_path):
    (tmp_path / "d.yaml").symlink_to(tmp_path / "absent.yaml")
    (tmp_path / "boucle").symlink_to("boucle")
    assert lire_erreurs(tmp_path / "d.yaml") == [f"{tmp_path / 'd.yaml'} : (racine) : lien symbolique cassé : sa cible « {tmp_path / 'absent.yaml'} » n'existe pas"]
    assert lire_erreurs(tmp_path / "boucle") == [f"{tmp_path / 'boucle'} : (racine) : boucle de liens symboliques : ce lien mène, de lien en lien, à lui-même"]


def test_tube_donne_en_argument_refuse_sans_bloquer(tmp_path):
    os.mkfifo(tmp_path / "tube")
    assert lire_erreurs(tmp_path / "tube") == [f"{tmp_path / 'tube'} : (racine) : ni fichier ni dossier (tube, périphérique…) : un fichier .yaml ou un dossier est attendu"]
