"""Le tableau du budget de la convention, cellule par cellule, avec les contrôles de chacune.

Chaque cellule connaît le champ du dossier qu'elle montre : les anomalies de ce champ
s'affichent dans la cellule, et une saisie y devient une modification de ce champ. Une part
s'écrit en pourcentage (« 40 », « 33,33 ») ou en fraction du budget (« 1/3 ») ; une ligne
sans montants les tire de sa part : ses cellules ne se saisissent pas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from generateur.controles.budget import cumul
from generateur.exceptions import MontantInvalide
from generateur.francais import format_euros, format_pourcentage, lire_montant
from generateur.lecture.chemins import Chemin, chemin_lisible
from generateur.lecture.schema import Convention
from generateur.web.dossiers import Constat
from generateur.web.enregistrement import Modification

RACINE: Chemin = ("convention", "budget")
_FRACTION = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass
class Cellule:
    """Une valeur du tableau : son champ, sa valeur, son texte affiché, ses anomalies, et si elle se saisit."""

    chemin: Chemin
    valeur: Decimal | Fraction | None
    pourcentage: bool = False
    ecrite: object = None
    """La valeur telle qu'écrite dans le YAML (« 1/3 » reste « 1/3 » dans le champ)."""
    saisissable: bool = True
    constats: list[Constat] = field(default_factory=list)

    @property
    def champ(self) -> str:
        """Le nom du champ de formulaire : le chemin lisible du champ du dossier."""
        return chemin_lisible(self.chemin)

    @property
    def texte(self) -> str:
        if self.valeur is None:
            return "tiré de la part"
        if self.pourcentage:
            return format_pourcentage(Decimal(self.valeur.numerator) / Decimal(self.valeur.denominator))
        return format_euros(self.valeur)

    @property
    def saisie(self) -> str:
        """La valeur telle qu'on la retape : « 4938,27 », « 40 », « 1/3 »."""
        if isinstance(self.ecrite, str):
            return self.ecrite.strip()
        valeur = self.ecrite if self.ecrite is not None else self.valeur
        return "" if valeur is None else str(valeur).replace(".", ",")


@dataclass
class LigneDuTableau:
    libelle: str
    part: Cellule
    montants: list[Cellule]
    cumul: Decimal | None


@dataclass
class TableauBudget:
    annees: list[int]
    lignes: list[LigneDuTableau]
    totaux: list[Cellule]
    cumul_total: Decimal
    constats: list[Constat]
    """Les anomalies du budget qui ne visent aucune cellule (les parts ensemble, un flux…)."""

    def cellules(self) -> list[Cellule]:
        return [c for ligne in self.lignes for c in [ligne.part, *ligne.montants]] + self.totaux


def tableau(convention: Convention, donnees: dict | None, constats: list[Constat]) -> TableauBudget:
    """Le tableau du budget tel qu'écrit ; `donnees` (le YAML lu) garde la forme de chaque part."""
    budget = convention.budget
    ecrites = (((donnees or {}).get("convention") or {}).get("budget") or {}).get("lignes") or []
    lignes = []
    for rang, ligne in enumerate(budget.lignes):
        ecrite = ecrites[rang].get("part") if rang < len(ecrites) and isinstance(ecrites[rang], dict) else None
        montants = ligne.montants or [None] * len(budget.annees)
        lignes.append(LigneDuTableau(
            ligne.libelle,
            Cellule(RACINE + ("lignes", rang, "part"), ligne.part, pourcentage=True, ecrite=ecrite),
            [Cellule(RACINE + ("lignes", rang, "montants", rang_annee), montant, saisissable=ligne.montants is not None) for rang_annee, montant in enumerate(montants)],
            cumul(ligne.montants) if ligne.montants else None,
        ))
    totaux = [Cellule(RACINE + ("total", rang_annee), total) for rang_annee, total in enumerate(budget.total)]
    resultat = TableauBudget(list(budget.annees), lignes, totaux, cumul(budget.total), [])
    repartir(resultat, constats)
    return resultat


def repartir(tableau_: TableauBudget, constats: list[Constat]) -> None:
    """Chaque anomalie du budget à la cellule de son champ ; les autres au tableau entier."""
    cellules = {cellule.chemin: cellule for cellule in tableau_.cellules()}
    for constat in constats:
        cellule = cellules.get(constat.chemin)
        if cellule is not None:
            cellule.constats.append(constat)
        elif constat.chemin[:1] == ("convention",):
            tableau_.constats.append(constat)


def modifications(tableau_: TableauBudget, formulaire: dict[str, str]) -> tuple[list[Modification], list[str]]:
    """Les cellules saisies autrement que leur valeur actuelle, et les saisies illisibles (en français)."""
    changees, erreurs = [], []
    for cellule in tableau_.cellules():
        saisie = formulaire.get(cellule.champ)
        if saisie is None or not cellule.saisissable or saisie.strip() == cellule.saisie:
            continue
        try:
            valeur, ecrite = _lire(saisie, cellule.pourcentage)
        except MontantInvalide as erreur:
            erreurs.append(f"{cellule.champ} : {erreur}")
            continue
        if valeur != cellule.valeur:
            changees.append(Modification(cellule.chemin, ecrite))
    return changees, erreurs


def _lire(saisie: str, pourcentage: bool) -> tuple[Decimal | Fraction, object]:
    """La valeur saisie, et ce qu'il faut écrire dans le YAML : un nombre, ou la fraction « 1/3 »."""
    fraction = _FRACTION.fullmatch(saisie) if pourcentage else None
    if fraction:
        if int(fraction[2]) == 0:
            raise MontantInvalide(f"« {saisie.strip()} » : une fraction du budget a un dénominateur non nul")
        return Fraction(int(fraction[1]), int(fraction[2])) * 100, f"{fraction[1]}/{fraction[2]}"
    valeur = lire_montant(saisie.replace("%", "").strip())
    ecrite = int(valeur) if valeur == valeur.to_integral_value() else valeur
    return (Fraction(valeur) if pourcentage else valeur), ecrite
