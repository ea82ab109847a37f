"""Lire la liste des membres d'une assemblée dans le tableur que tient déjà le secrétariat (.xlsx ou .csv).

La première ligne nomme les colonnes (« Civilité », « Prénom », « Nom », « Fonction », « Commune »,
« Suppléant civilité », « Suppléant prénom », « Suppléant nom », « Début », « Fin » ; casse, accents
et espaces indifférents) ; chaque ligne suivante est un membre. Chaque ligne fautive reçoit son message.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import re
from pathlib import Path

from pydantic import ValidationError

from generateur.exceptions import Anomalie, DonneesIllisibles
from generateur.francais import civilite_developpee, sans_accents
from generateur.lecture.schema import Assemblee, MembreAssemblee
from generateur.lecture.validation import ecarts_de_validation

COLONNES = ("civilite", "prenom", "nom", "fonction", "commune", "suppleant_civilite", "suppleant_prenom", "suppleant_nom", "debut", "fin")
OBLIGATOIRES = ("civilite", "prenom", "nom")


def _nom_de_colonne(titre) -> str:
    """« Prénom du suppléant » → « prenom_du_suppleant » ; « Suppléant - nom » → « suppleant_nom »."""
    return re.sub(r"[^a-z0-9]+", "_", sans_accents(str(titre or "")).lower()).strip("_")


def lire_lignes(fichier: Path) -> list[list]:
    """Les lignes du tableur, cellule par cellule ; .xlsx : la première feuille."""
    suffixe = fichier.suffix.lower()
    if not fichier.is_file():
        raise DonneesIllisibles([Anomalie(str(fichier), "", "fichier introuvable")])
    if suffixe == ".xlsx":
        return _lignes_xlsx(fichier)
    if suffixe == ".csv":
        return _lignes_csv(fichier)
    raise DonneesIllisibles([Anomalie(str(fichier), "", f"format « {fichier.suffix} » non reconnu ; un tableur .xlsx ou un fichier .csv est attendu")])


def _lignes_xlsx(fichier: Path) -> list[list]:
    import openpyxl  # chargé seulement pour l'import : les autres commandes n'en ont pas besoin

    try:
        classeur = openpyxl.load_workbook(fichier, read_only=True, data_only=True)
    except Exception:  # openpyxl lève des erreurs de zip, de XML ou de clé selon la corruption
        raise DonneesIllisibles([Anomalie(str(fichier), "", "classeur .xlsx illisible ; enregistrez-le à nouveau depuis le tableur")]) from None
    try:
        return [list(ligne) for ligne in classeur.worksheets[0].iter_rows(values_only=True)]
    finally:
        classeur.close()


def _lignes_csv(fichier: Path) -> list[list]:
    """Le point-virgule des tableurs français, ou la virgule ; UTF-8 avec ou sans BOM."""
    try:
        texte = fichier.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DonneesIllisibles([Anomalie(str(fichier), "", "le fichier n'est pas encodé en UTF-8 ; enregistrez-le en « CSV UTF-8 »")]) from None
    premiere = texte.splitlines()[0] if texte.strip() else ""
    separateur = ";" if premiere.count(";") >= premiere.count(",") else ","
    return list(csv.reader(texte.splitlines(), delimiter=separateur))


def membres_du_tableur(fichier: Path, description: dict) -> tuple[Assemblee, list[int]]:
    """L'assemblée décrite par `description` (nom, genre, actes…), avec les membres du tableur,
    et le numéro de ligne de chaque membre (pour situer les messages des contrôles).

    Toutes les lignes fautives sont signalées à la fois (`DonneesIllisibles`), chacune par son
    numéro de ligne et sa colonne."""
    lignes = lire_lignes(fichier)
    colonnes, anomalies = _colonnes(fichier, lignes)
    if anomalies:
        raise DonneesIllisibles(anomalies)
    membres, numeros = [], []
    for numero, ligne in enumerate(lignes[1:], start=2):
        if not any(str(cellule or "").strip() for cellule in ligne):
            continue
        membre, ecarts = _membre(fichier, numero, dict(zip(colonnes, ligne)))
        anomalies += ecarts
        if membre is not None:
            membres.append(membre)
            numeros.append(numero)
    if not membres and not anomalies:
        anomalies.append(Anomalie(str(fichier), "", "aucun membre : une ligne par membre est attendue sous la ligne des titres"))
    if anomalies:
        raise DonneesIllisibles(anomalies)
    try:
        return Assemblee.model_validate({**description, "membres": membres}), numeros
    except ValidationError as erreur:
        raise DonneesIllisibles([Anomalie(str(fichier), f"assemblees.{'.'.join(map(str, chemin))}", message) for chemin, message in ecarts_de_validation(erreur, description)]) from None


DESCRIPTIONS_PAR_DEFAUT = {
    "bureau": {"nom": "Bureau", "qualificatif": "communautaire", "genre": "masculin", "actes": "decision", "acte": "décision de Bureau"},
    "conseil": {"nom": "Conseil", "qualificatif": "communautaire", "genre": "masculin", "actes": "deliberation", "formule": "an"},
}
"""Ce qu'on sait d'une assemblée nommée « bureau » ou « conseil » quand le dossier ne la décrit pas encore."""


def _colonnes(fichier: Path, lignes: list[list]) -> tuple[list[str], list[Anomalie]]:
    """Les noms des colonnes de la première ligne ; une colonne inconnue reçoit une suggestion."""
    if not lignes:
        return [], [Anomalie(str(fichier), "", "le tableur est vide ; la première ligne nomme les colonnes (Civilité, Prénom, Nom…)")]
    colonnes = [_nom_de_colonne(titre) for titre in lignes[0]]
    anomalies = []
    for rang, colonne in enumerate(colonnes):
        if colonne and colonne not in COLONNES:
            proches = difflib.get_close_matches(colonne, COLONNES, n=1)
            conseil = f"vouliez-vous dire « {proches[0]} » ? " if proches else ""
            anomalies.append(Anomalie(str(fichier), f"colonne {rang + 1}", f"colonne « {lignes[0][rang]} » inconnue ; {conseil}(colonnes admises : {', '.join(COLONNES)})", 1))
    anomalies += [
        Anomalie(str(fichier), colonne, "colonne obligatoire absente de la première ligne", 1) for colonne in OBLIGATOIRES if colonne not in colonnes
    ]
    return colonnes, anomalies


def _membre(fichier: Path, numero: int, cellules: dict) -> tuple[dict | None, list[Anomalie]]:
    """Un membre d'une ligne du tableur, validé par le schéma ; ou les messages de ses cellules fautives."""
    lues = {colonne: _valeur(colonne, valeur) for colonne, valeur in cellules.items() if colonne in COLONNES}
    valeurs = {colonne: valeur for colonne, valeur in lues.items() if valeur is not None}
    membre = {cle: valeurs[cle] for cle in ("civilite", "prenom", "nom", "fonction", "commune", "debut", "fin") if cle in valeurs}
    dates_fausses = [colonne for colonne in ("debut", "fin") if isinstance(valeurs.get(colonne), str)]
    if dates_fausses:
        return None, [Anomalie(str(fichier), colonne, f"date « {valeurs[colonne]} » invalide ; attendu : une date qui existe, JJ/MM/AAAA ou AAAA-MM-JJ", numero) for colonne in dates_fausses]
    suppleant = {cle: valeurs[f"suppleant_{cle}"] for cle in ("civilite", "prenom", "nom") if f"suppleant_{cle}" in valeurs}
    if suppleant:
        membre["suppleant"] = suppleant
    try:
        MembreAssemblee.model_validate(membre)
    except ValidationError as erreur:
        return None, [Anomalie(str(fichier), "_".join(str(p) for p in chemin) or "ligne", message, numero) for chemin, message in ecarts_de_validation(erreur, membre)]
    return membre, []


def _valeur(colonne: str, valeur):
    """Le texte de la cellule sans espaces autour ; une date de tableur en date ; « Mme » en « Madame »."""
    if isinstance(valeur, datetime.datetime):
        return valeur.date()
    if valeur is None or not str(valeur).strip():
        return None
    texte = " ".join(str(valeur).split())
    if colonne.endswith("civilite"):
        return civilite_developpee(texte) or texte
    if colonne in ("debut", "fin"):
        return _date(texte)
    return texte


def _date(texte: str) -> datetime.date | str:
    """« 01/06/2024 » ou « 2024-06-01 » ; une date qui n'existe pas reste du texte, signalé par `_membre`."""
    trouve = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", texte) or re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", texte)
    if not trouve:
        return texte
    jour, mois, annee = (trouve[1], trouve[2], trouve[3]) if "/" in texte else (trouve[3], trouve[2], trouve[1])
    try:
        return datetime.date(int(annee), int(mois), int(jour))
    except ValueError:
        return texte
