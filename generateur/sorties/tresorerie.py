"""L'export de trésorerie : la situation de chaque appel de fonds à une date, avec les champs
du titre de recettes, en tableur (.xlsx : nombres, dates, formules), en CSV pour les autres
outils, et en tableau lisible au terminal. Les colonnes sont décrites une fois, ici."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from generateur.controles.budget import cumul
from generateur.francais import date_courte, date_longue, format_euros, initiale_majuscule
from generateur.sorties.tableur import cellule_sure
from generateur.vues.tresorerie import AppelSuivi, Situation

EUROS, DATE, ENTIER, TEXTE = "euros", "date", "entier", "texte"
FORMAT_EUROS = '#,##0.00\\ "€"'
FORMAT_DATE = "DD/MM/YYYY"


@dataclass(frozen=True)
class Colonne:
    entete: str
    sorte: str
    largeur: int  # en caractères, dans le tableur
    valeur: Callable[[Situation], object]
    au_terminal: bool = False


COLONNES = [
    Colonne("Référence", TEXTE, 14, lambda s: s.suivi.appel.reference, True),
    Colonne("Année", ENTIER, 7, lambda s: s.suivi.appel.annee, True),
    Colonne("De", TEXTE, 16, lambda s: initiale_majuscule(s.suivi.appel.flux.emetteur.denomination), True),
    Colonne("À", TEXTE, 16, lambda s: initiale_majuscule(s.suivi.appel.flux.destinataire.denomination), True),
    Colonne("Montant appelé", EUROS, 15, lambda s: s.suivi.appel.montant, True),
    Colonne("Payé", EUROS, 15, lambda s: s.paye, True),
    Colonne("Reste dû", EUROS, 15, lambda s: s.reste, True),
    Colonne("Émission", DATE, 12, lambda s: s.suivi.appel.date_emission),
    Colonne("Échéance", DATE, 12, lambda s: s.suivi.appel.date_echeance, True),
    Colonne("Jours de retard", ENTIER, 9, lambda s: s.jours_de_retard, True),
    Colonne("Situation", TEXTE, 18, lambda s: s.etat, True),
    Colonne("Débiteur", TEXTE, 40, lambda s: s.suivi.titre.debiteur),
    Colonne("SIRET du débiteur", TEXTE, 16, lambda s: s.suivi.titre.siret),
    Colonne("Adresse du débiteur", TEXTE, 40, lambda s: s.suivi.titre.adresse),
    Colonne("Objet du titre", TEXTE, 40, lambda s: s.suivi.titre.objet),
    Colonne("Montant du titre", EUROS, 15, lambda s: s.suivi.titre.montant),
    Colonne("Exercice", ENTIER, 9, lambda s: s.suivi.titre.exercice),
    Colonne("Budget", TEXTE, 18, lambda s: s.suivi.titre.budget),
    Colonne("Imputation", TEXTE, 32, lambda s: s.suivi.titre.imputation),
    Colonne("Pièce justificative", TEXTE, 60, lambda s: s.suivi.titre.piece_justificative),
]
"""Les colonnes de l'export, dans l'ordre ; celles du titre de recettes portent les noms de la comptabilité."""

TOTALISEES = ("Montant appelé", "Payé", "Reste dû")


def totaux(lignes: list[Situation], cle: Callable[[Situation], object]) -> dict[object, tuple[Decimal, Decimal, Decimal]]:
    """Appelé, payé et reste dû, regroupés par `cle` (le débiteur, l'année), dans l'ordre d'apparition."""
    sommes: dict[object, tuple[Decimal, Decimal, Decimal]] = {}
    for s in lignes:
        appele, paye, reste = sommes.get(cle(s), (Decimal(0), Decimal(0), Decimal(0)))
        sommes[cle(s)] = (appele + s.suivi.appel.montant, paye + s.paye, reste + s.reste)
    return sommes


def par_partenaire(s: Situation) -> str:
    return initiale_majuscule(s.suivi.appel.flux.destinataire.denomination)


def par_annee(s: Situation) -> int:
    return s.suivi.appel.annee


def _texte(valeur: object, sorte: str) -> str:
    if sorte == EUROS:
        return format_euros(valeur)
    if sorte == DATE:
        return date_courte(valeur)
    return str(valeur)


def tableau_texte(lignes: list[Situation], a_emettre: list[AppelSuivi], au: datetime.date) -> str:
    """Le tableau au terminal : colonnes alignées, montants à droite, puis les totaux."""
    colonnes = [c for c in COLONNES if c.au_terminal]
    rangees = [[c.entete for c in colonnes]] + [[_texte(c.valeur(s), c.sorte) for c in colonnes] for s in lignes]
    largeurs = [max(len(r[i]) for r in rangees) for i in range(len(colonnes))]

    def aligner(rangee: list[str]) -> str:
        return "  ".join(v.rjust(l) if c.sorte in (EUROS, ENTIER) else v.ljust(l) for v, l, c in zip(rangee, largeurs, colonnes)).rstrip()

    sortie = [f"Situation des appels de fonds au {date_longue(au)}", "", aligner(rangees[0]), "  ".join("-" * l for l in largeurs)]
    sortie += [aligner(r) for r in rangees[1:]]
    for titre, cle in (("Total par partenaire", par_partenaire), ("Total par année", par_annee)):
        sortie += ["", f"{titre} (appelé / payé / reste dû) :"]
        groupes = totaux(lignes, cle)
        largeur = max((len(str(g)) for g in groupes), default=0)
        sortie += [f"  {str(g).ljust(largeur)}  {' / '.join(format_euros(m) for m in montants)}" for g, montants in groupes.items()]
    appele, paye, reste = (cumul(valeurs) for valeurs in zip(*((s.suivi.appel.montant, s.paye, s.reste) for s in lignes))) if lignes else (0, 0, 0)
    sortie += ["", f"Total : appelé {format_euros(appele)}, payé {format_euros(paye)}, reste dû {format_euros(reste)}"]
    if a_emettre:
        sortie += ["", "À émettre :"] + [f"  {s.appel.reference} : {format_euros(s.appel.montant)} prévus{' (' + s.attente + ')' if s.attente else ', le ' + date_longue(s.appel.date_emission)}" for s in a_emettre]
    return "\n".join(sortie) + "\n"


def csv_tresorerie(lignes: list[Situation]) -> str:
    """Le CSV : séparateur « ; », montants en décimal à virgule sans symbole, dates AAAA-MM-JJ,
    textes neutralisés (aucune cellule lue comme une formule)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow([c.entete for c in COLONNES])
    for s in lignes:
        ecrivain.writerow([_valeur_csv(c.valeur(s), c.sorte) for c in COLONNES])
    return tampon.getvalue()


def _valeur_csv(valeur: object, sorte: str) -> str:
    if sorte == EUROS:
        return f"{valeur:.2f}".replace(".", ",")
    if sorte == DATE:
        return valeur.isoformat()
    return cellule_sure(str(valeur))


def classeur_tresorerie(lignes: list[Situation], au: datetime.date) -> bytes:
    """Le classeur .xlsx : feuille « Situation » (une ligne par appel, en-tête figé, montants
    en nombres au format euro, dates en dates, ligne de total en formules) et feuille
    « Totaux » (par partenaire et par année, en formules qui relisent la situation)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Situation"
    feuille.append([c.entete for c in COLONNES])
    for s in lignes:
        feuille.append([_valeur_xlsx(c.valeur(s), c.sorte) for c in COLONNES])
    derniere = len(lignes) + 1
    lettres = {c.entete: get_column_letter(rang) for rang, c in enumerate(COLONNES, start=1)}
    feuille.append([f"Total au {date_courte(au)}"] + [""] * (len(COLONNES) - 1))
    for entete in (*TOTALISEES, "Montant du titre"):
        feuille[f"{lettres[entete]}{derniere + 1}"] = f"=SUM({lettres[entete]}2:{lettres[entete]}{derniere})"
    for rang, colonne in enumerate(COLONNES, start=1):
        lettre = get_column_letter(rang)
        feuille.column_dimensions[lettre].width = colonne.largeur + 2
        for cellule in feuille[lettre][1:]:
            _formater(cellule, colonne.sorte)
    for cellule in (*feuille[1], *feuille[derniere + 1]):
        cellule.font = Font(bold=True)
    feuille.freeze_panes = "A2"
    _feuille_des_totaux(classeur, lignes, lettres, derniere)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def _feuille_des_totaux(classeur, lignes: list[Situation], lettres: dict[str, str], derniere: int) -> None:
    """Les totaux par partenaire et par année : SUMIFS sur la feuille « Situation »."""
    from openpyxl.styles import Font

    feuille = classeur.create_sheet("Totaux")
    for titre, colonne, cle in (("Partenaire", "À", par_partenaire), ("Année", "Année", par_annee)):
        feuille.append([titre, *TOTALISEES])
        for cellule in feuille[feuille.max_row]:
            cellule.font = Font(bold=True)
        critere = f"Situation!${lettres[colonne]}$2:${lettres[colonne]}${derniere}"
        for groupe in totaux(lignes, cle):
            rang = feuille.max_row + 1
            feuille.append([groupe] + [f"=SUMIFS(Situation!${lettres[e]}$2:${lettres[e]}${derniere},{critere},$A{rang})" for e in TOTALISEES])
            for cellule in feuille[rang][1:]:
                cellule.number_format = FORMAT_EUROS
            if isinstance(groupe, str):
                feuille[f"A{rang}"].data_type = "s"
        feuille.append([])
    feuille.column_dimensions["A"].width = 18
    for lettre in "BCD":
        feuille.column_dimensions[lettre].width = 17
    feuille.freeze_panes = "A2"


def _valeur_xlsx(valeur: object, sorte: str) -> object:
    return valeur


def _formater(cellule, sorte: str) -> None:
    """Le format de nombre d'une cellule ; un texte reste un texte, même s'il commence par « = »."""
    if sorte == EUROS:
        cellule.number_format = FORMAT_EUROS
    elif sorte == DATE:
        cellule.number_format = FORMAT_DATE
    elif sorte == TEXTE and isinstance(cellule.value, str):
        cellule.data_type = "s"
