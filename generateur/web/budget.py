"""Le tableau du budget de la convention, cellule par cellule, avec les contrôles de chacune.

Chaque cellule connaît le champ du dossier qu'elle montre : les anomalies de ce champ
s'affichent dans la cellule, et une saisie y devient une modification de ce champ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generateur.controles.budget import cumul
from generateur.exceptions import MontantInvalide
from generateur.francais import format_euros, format_pourcentage, lire_montant
from generateur.lecture.chemins import Chemin, chemin_lisible
from generateur.lecture.schema import Convention
from generateur.web.dossiers import Constat
from generateur.web.enregistrement import Modification

RACINE: Chemin = ("convention", "budget")


@dataclass
class Cellule:
    """Une valeur du tableau : son champ, sa valeur, son texte affiché et ses anomalies."""

    chemin: Chemin
    valeur: Decimal | None
    pourcentage: bool = False
    constats: list[Constat] = field(default_factory=list)

    @property
    def champ(self) -> str:
        """Le nom du champ de formulaire : le chemin lisible du champ du dossier."""
        return chemin_lisible(self.chemin)

    @property
    def texte(self) -> str:
        if self.valeur is None:
            return ""
        return format_pourcentage(self.valeur) if self.pourcentage else format_euros(self.valeur)

    @property
    def saisie(self) -> str:
        """La valeur telle qu'on la retape : « 4938,27 »."""
        return "" if self.valeur is None else str(self.valeur).replace(".", ",")


@dataclass
class LigneDuTableau:
    libelle: str
    part: Cellule
    montants: list[Cellule]
    cumul: Decimal


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


def tableau(convention: Convention, constats: list[Constat]) -> TableauBudget:
    budget = convention.budget
    lignes = [
        LigneDuTableau(
            ligne.libelle,
            Cellule(RACINE + ("lignes", rang, "part"), ligne.part, pourcentage=True),
            [Cellule(RACINE + ("lignes", rang, "montants", rang_annee), montant) for rang_annee, montant in enumerate(ligne.montants)],
            cumul(ligne.montants),
        )
        for rang, ligne in enumerate(budget.lignes)
    ]
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
        if saisie is None:
            continue
        try:
            valeur = lire_montant(saisie.replace("%", "").strip())
        except MontantInvalide as erreur:
            erreurs.append(f"{cellule.champ} : {erreur}")
            continue
        if valeur != cellule.valeur:
            changees.append(Modification(cellule.chemin, int(valeur) if valeur == valeur.to_integral_value() else valeur))
    return changees, erreurs
