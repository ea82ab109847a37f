"""La lecture du YAML : lignes citées, clés en double, étiquettes, encodage, nombres."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generateur.exceptions import DonneesIllisibles
from generateur.lecture.fichiers import lire_dossier


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
