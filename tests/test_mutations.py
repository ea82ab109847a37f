"""Les dossiers d'exemple abîmés au hasard, dans leur texte YAML ou dans leurs données : jamais
d'exception non gérée, toujours un code de sortie du contrat, rien d'écrit sur un refus, et
sur un succès des documents Word qui se rouvrent, tous listés au manifeste."""

from __future__ import annotations

import copy
import json
import re
import tempfile
import traceback
from pathlib import Path

import docx
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generateur.cli import principal
from tests.conftest import EXEMPLE, RACINE, contenu

EXEMPLES = {"cotentin": EXEMPLE, "val_exemple": RACINE / "donnees" / "val_exemple"}
TEXTES = {(nom, fichier.name): fichier.read_text(encoding="utf-8") for nom, dossier in EXEMPLES.items() for fichier in sorted(dossier.glob("*.yaml"))}
DONNEES = {cle: yaml.safe_load(texte) for cle, texte in TEXTES.items()}

EXEMPLES_LANCES = {"verifier": 0, "generer": 0}
"""Combien de dossiers abîmés chaque commande a reçus (affiché en fin de module avec -s)."""

ANGLAIS = re.compile(r"valeur invalide \(|\b(should|expected|found|required|Value error)\b")
"""Un message de pydantic ou de PyYAML passé sans traduction."""

REGLAGES = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}

# --- Abîmer le texte YAML -------------------------------------------------------------------

SCALAIRES_HOSTILES = st.sampled_from([
    '""', "null", "~", "-1", "0", "1e400", "1" * 40, "0x1F", "3.14159", ".nan", "true", "[]", "{}", "[a, b]", "{a: 1}",
    "2023-02-29", "2022-11-22", "2022-11-22 25:00:00", '"9:00"', "25:61", "à compléter", "'", '"', "[", "{", "- x",
    "&a x", "*a", "!!python/name:os.system", "!!python/object/apply:os.system ['true']", "!!binary aGk=", "@x", "%x",
    '"\\uD800"', '"\\x01"', '"\\0"', "yes", "B1/../../evasion", "{{ 7 * 7 }}",
])


@st.composite
def texte_abime(draw) -> tuple[tuple[str, str], str, str]:
    """Un fichier d'exemple (dossier, nom), son texte abîmé, et ce qui a été fait."""
    cle = draw(st.sampled_from(sorted(TEXTES)))
    texte = TEXTES[cle]
    lignes = texte.splitlines(keepends=True)
    rang = draw(st.integers(0, len(lignes) - 1))
    sorte = draw(st.sampled_from(["supprimer", "dupliquer", "echanger", "indenter", "remplacer", "unicode", "tronquer", "nombre"]))
    if sorte == "supprimer":
        del lignes[rang]
    elif sorte == "dupliquer":
        lignes.insert(rang, lignes[rang])
    elif sorte == "echanger":
        autre = draw(st.integers(0, len(lignes) - 1))
        lignes[rang], lignes[autre] = lignes[autre], lignes[rang]
    elif sorte == "indenter":
        decalage = draw(st.integers(-4, 4).filter(bool))
        lignes[rang] = " " * decalage + lignes[rang] if decalage > 0 else re.sub(f"^ {{1,{-decalage}}}", "", lignes[rang])
    elif sorte == "remplacer":
        debut = re.match(r"\s*(?:- )?(?:[\w.]+: )?", lignes[rang]).end()
        lignes[rang] = lignes[rang][:debut] + draw(SCALAIRES_HOSTILES | st.text(max_size=12)) + "\n"
    if sorte in ("supprimer", "dupliquer", "echanger", "indenter", "remplacer"):
        return cle, "".join(lignes), f"{sorte} ligne {rang + 1}"
    position = draw(st.integers(0, len(texte)))
    if sorte == "unicode":
        ajout = draw(st.text(min_size=1, max_size=6))
        return cle, texte[:position] + ajout + texte[position:], f"insérer {ajout!r} au caractère {position}"
    if sorte == "tronquer":
        return cle, texte[:position], f"tronquer au caractère {position}"
    nombres = list(re.finditer(r"\d+", texte))
    trouve = draw(st.sampled_from(nombres))
    nouveau = str(draw(st.integers(-(10**15), 10**15)))
    return cle, texte[: trouve.start()] + nouveau + texte[trouve.end() :], f"nombre « {trouve[0]} » du caractère {trouve.start()} changé en {nouveau}"


# --- Abîmer les données lues ----------------------------------------------------------------

VALEURS_HOSTILES = st.sampled_from([
    None, "", -1, 0, 10**30, [], {}, ["x"], {"x": 1}, True, "texte", 1.5, "2023-02-29", "\ud800", "x\x01", "B1/../../evasion", "{{ 7 * 7 }}",
])


def _chemins(valeur, chemin=()):
    """Tous les chemins vers une valeur (sauf la racine), en profondeur d'abord."""
    enfants = valeur.items() if isinstance(valeur, dict) else enumerate(valeur) if isinstance(valeur, list) else []
    for cle, enfant in enfants:
        yield chemin + (cle,)
        yield from _chemins(enfant, chemin + (cle,))


CHEMINS = {cle: list(_chemins(donnees)) for cle, donnees in DONNEES.items()}


@st.composite
def donnees_abimees(draw) -> tuple[tuple[str, str], str, str]:
    """Un fichier d'exemple, ses données abîmées réécrites en YAML, et ce qui a été fait."""
    cle = draw(st.sampled_from(sorted(DONNEES)))
    donnees = copy.deepcopy(DONNEES[cle])
    chemin = draw(st.sampled_from(CHEMINS[cle]))
    parent = donnees
    for partie in chemin[:-1]:
        parent = parent[partie]
    dernier = chemin[-1]
    sorte = draw(st.sampled_from(["retirer", "remplacer", "renommer"] if isinstance(parent, dict) else ["retirer", "remplacer"]))
    if sorte == "retirer":
        del parent[dernier]
        fait = "retirer"
    elif sorte == "remplacer":
        valeur = draw(VALEURS_HOSTILES)
        parent[dernier] = valeur
        fait = f"remplacer par {valeur!r}"
    else:
        nom = draw(st.sampled_from([f"{dernier}s", str(dernier)[:-1], str(dernier).upper(), "inconnu", "2025"]))
        parent = {nom if cle_parent == dernier else cle_parent: valeur for cle_parent, valeur in parent.items()}
        donnees = _remplacer(donnees, chemin[:-1], parent)
        fait = f"renommer en « {nom} »"
    return cle, yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), f"{fait} : {chemin}"


def _remplacer(donnees, chemin, valeur):
    if not chemin:
        return valeur
    donnees[chemin[0]] = _remplacer(donnees[chemin[0]], chemin[1:], valeur)
    return donnees


# --- Les propriétés -------------------------------------------------------------------------


def _dossier(racine: Path, cle: tuple[str, str], texte: str) -> Path:
    """Une copie du dossier d'exemple où le fichier `cle` porte `texte`."""
    nom, fichier = cle
    dossier = Path(tempfile.mkdtemp(dir=racine)) / nom
    dossier.mkdir()
    for (autre_nom, autre_fichier), autre_texte in TEXTES.items():
        if autre_nom == nom:
            (dossier / autre_fichier).write_text(texte if autre_fichier == fichier else autre_texte, encoding="utf-8")
    return dossier


def _lancer_sans_planter(*arguments, mutation: str):
    resultat = CliRunner().invoke(principal, [str(a) for a in arguments], catch_exceptions=True)
    erreur = resultat.exception
    assert erreur is None or isinstance(erreur, SystemExit), f"{mutation} :\n" + "".join(traceback.format_exception(erreur))
    assert "Traceback" not in resultat.output, mutation
    assert resultat.exit_code in (0, 1, 2, 3), mutation
    return resultat


def verifier_ne_plante_jamais(racine: Path, cle: tuple[str, str], texte: str, mutation: str) -> None:
    dossier = _dossier(racine, cle, texte)
    resultat = _lancer_sans_planter("verifier", dossier, mutation=mutation)
    EXEMPLES_LANCES["verifier"] += 1
    if resultat.exit_code:
        assert resultat.stdout == "", mutation
        assert resultat.stderr and all(ligne.startswith(str(dossier)) for ligne in resultat.stderr.splitlines()), f"{mutation} :\n{resultat.stderr}"
        assert not ANGLAIS.search(resultat.stderr), f"{mutation} :\n{resultat.stderr}"


def generer_tout_ou_rien(racine: Path, cle: tuple[str, str], texte: str, mutation: str) -> None:
    dossier = _dossier(racine, cle, texte)
    sortie = dossier.parent / "sorties"
    sortie.mkdir()
    (sortie / "temoin.txt").write_text("déjà là", encoding="utf-8")
    avant = contenu(sortie)
    verification = _lancer_sans_planter("verifier", dossier, mutation=mutation)
    resultat = _lancer_sans_planter("generer", dossier, "--sortie", sortie, mutation=mutation)
    EXEMPLES_LANCES["generer"] += 1
    assert resultat.exit_code == verification.exit_code, f"{mutation} : verifier {verification.exit_code}, generer {resultat.exit_code}\n{resultat.stderr}"
    if resultat.exit_code:
        assert resultat.stdout == "", mutation
        assert contenu(sortie) == avant, mutation
        return
    manifeste = json.loads((sortie / dossier.name / "manifeste.json").read_text(encoding="utf-8"))
    listes = sorted(document["chemin"] for document in manifeste["documents"])
    assert listes == sorted(p.name for p in (sortie / dossier.name).glob("*.docx")), mutation
    assert listes, mutation
    for chemin in listes:
        docx.Document(str(sortie / dossier.name / chemin))


@settings(max_examples=150, **REGLAGES)
@given(texte_abime())
def test_verifier_ne_plante_sur_aucun_texte_abime(tmp_path, abime):
    verifier_ne_plante_jamais(tmp_path, *abime)


@settings(max_examples=150, **REGLAGES)
@given(donnees_abimees())
def test_verifier_ne_plante_sur_aucune_donnee_abimee(tmp_path, abime):
    verifier_ne_plante_jamais(tmp_path, *abime)


@settings(max_examples=20, **REGLAGES)
@given(texte_abime())
def test_generer_ecrit_tout_ou_rien_sur_un_texte_abime(tmp_path, abime):
    generer_tout_ou_rien(tmp_path, *abime)


@settings(max_examples=20, **REGLAGES)
@given(donnees_abimees())
def test_generer_ecrit_tout_ou_rien_sur_des_donnees_abimees(tmp_path, abime):
    generer_tout_ou_rien(tmp_path, *abime)


def teardown_module() -> None:
    print(f"\ntest_mutations : {EXEMPLES_LANCES['verifier']} dossiers abîmés vérifiés, {EXEMPLES_LANCES['generer']} générés")
