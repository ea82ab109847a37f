"""La liste des actes en open data : le SCDL « Délibérations » 2.1.2 (OpenDataFrance).

Une ligne par acte (décision ou délibération), séance après séance et dans l'ordre de chaque séance ; 17 colonnes
dans l'ordre du schéma ; une valeur que le dossier ne donne pas est le texte vide. Les
nombres du vote sont ceux des actes : votants calculés par `presences`, jamais recomptés ici.
"""

from __future__ import annotations

import csv
import io
import re

from generateur.controles import presences
from generateur.lecture.schema import Acte, Dossier, MatiereActes, classification_actes

COLONNES = (
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
)
"""Les colonnes du schéma, dans son ordre."""


def lignes_scdl(dossier: Dossier) -> list[dict[str, str]]:
    """Une ligne par acte d'un dossier vérifié (`etapes.verifier`), colonne → texte."""
    collectivite = dossier.collectivite
    lignes = []
    for seance in dossier.seances:
        assemblee = dossier.assemblee_de(seance)
        for decision in seance.actes:
            comptes = presences.comptes_de_l_acte(assemblee, seance, decision)
            matiere = classification_actes()[decision.matiere]
            vote = decision.vote
            lignes.append({
                "COLL_NOM": collectivite.nom,
                "COLL_SIRET": collectivite.siret,
                "DELIB_ID": decision.numero,
                "DELIB_DATE": seance.date.isoformat(),
                "DELIB_MATIERE_CODE": matiere.code,
                "DELIB_MATIERE_NOM": nom_de_matiere(matiere),
                # Un objet écrit sur plusieurs lignes du YAML tient sur une ligne du tableau.
                "DELIB_OBJET": " ".join(decision.objet.split()),
                "BUDGET_ANNEE": annees_budget(dossier, decision),
                "BUDGET_NOM": nom_budget(decision),
                "PREF_ID": collectivite.prefecture or "",
                # L'outil ne sait pas quand l'acte est transmis, ni où il est publié.
                "PREF_DATE": "",
                "VOTE_EFFECTIF": str(comptes.en_exercice),
                "VOTE_REEL": str(comptes.votants),
                "VOTE_POUR": str(vote.pour),
                "VOTE_CONTRE": str(vote.contre),
                "VOTE_ABSTENTION": str(vote.abstention),
                "DELIB_URL": "",
            })
    return lignes


def exporter_scdl(dossier: Dossier) -> str:
    """Le fichier CSV du SCDL : en-tête puis une ligne par décision, virgules, fins de ligne « \\n ».

    Le texte est à écrire en UTF-8, sans traduire les fins de ligne (`newline=""`).
    """
    tampon = io.StringIO()
    ecrivain = csv.DictWriter(tampon, fieldnames=COLONNES, lineterminator="\n")
    ecrivain.writeheader()
    ecrivain.writerows(lignes_scdl(dossier))
    return tampon.getvalue()


def nom_de_matiere(matiere: MatiereActes) -> str:
    """« Finances locales » et « Subventions » → « finances locales/subventions ».

    Règle du SCDL : nom de la matière, « / », nom de la sous-matière, en minuscules et avec
    leurs accents, sans virgule ni parenthèse. Une précision entre parenthèses est retirée
    en entier (« Transactions (protocole d'accord transactionnel) » → « transactions »),
    une virgule simplement effacée ; les espaces restantes sont réduites à une.
    """
    return "/".join(_simplifier(nom) for nom in (matiere.matiere, matiere.sous_matiere))


def _simplifier(nom: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", " ", nom).replace(",", "").split()).lower()


def annees_budget(dossier: Dossier, decision: Acte) -> str:
    """Les années du budget de la convention que la décision autorise (« 2023/2025 », ou « 2024 »
    pour une seule année) ; le texte vide si elle n'en autorise aucune."""
    convention = dossier.convention
    if convention is None or convention.decision != decision.numero:
        return ""
    premiere, derniere = min(convention.budget.annees), max(convention.budget.annees)
    return str(premiere) if premiere == derniere else f"{premiere}/{derniere}"


def nom_budget(decision: Acte) -> str:
    """Le budget de l'imputation, nommé comme au SCDL : « principal » → « budget principal » ;
    un nom qui commence déjà par « budget » est gardé tel quel. Le texte vide sans imputation."""
    if decision.imputation is None:
        return ""
    nom = " ".join(decision.imputation.budget.split())
    return nom if nom.casefold().startswith("budget") else f"budget {nom}"
