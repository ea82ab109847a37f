"""Une charge réaliste pour le banc d'essai : des EPCI fictifs dérivés de l'exemple Val d'Exemple,
chacun avec ses partenaires, ses représentants, son budget (centimes, répartition inégale) et
ses années. Chaque dossier écrit passe les contrôles de `generateur verifier`."""

from __future__ import annotations

import copy
import datetime
import random
from decimal import Decimal
from pathlib import Path

import yaml
from stdnum import luhn

from generateur.controles.budget import repartir
from generateur.exceptions import ErreurGenerateur
from generateur.lecture.fichiers import lire_dossier
from generateur.etapes import verifier

EXEMPLE = Path(__file__).resolve().parent.parent / "donnees" / "val_exemple"
PRENOMS = [("Madame", "Claire"), ("Monsieur", "Paul"), ("Madame", "Inès"), ("Monsieur", "Hugo"), ("Madame", "Sophie"), ("Monsieur", "Karim")]
NOMS = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel"]
COMMUNES = ["Val-Fictif", "Bourg-Exemple", "Port-Modèle", "Mont-Essai", "Saint-Test", "Pré-Démo"]


def _siret(alea: random.Random) -> str:
    """Un SIRET fictif à clé de Luhn valide (SIREN puis NIC, chacun avec sa clé)."""
    siren = str(alea.randrange(10**7, 10**8))
    siren += luhn.calc_check_digit(siren)
    nic = f"{alea.randrange(1, 10**3):04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def _personne(alea: random.Random, fonction: str | None = None) -> dict:
    civilite, prenom = alea.choice(PRENOMS)
    personne = {"civilite": civilite, "prenom": prenom, "nom": alea.choice(NOMS)}
    if fonction:
        personne["fonction"] = "Présidente" if civilite == "Madame" else "Président"
    return personne


def _en_yaml(valeur):
    """Les montants en texte exact (« 12345.67 ») : YAML ne connaît pas Decimal."""
    if isinstance(valeur, dict):
        return {cle: _en_yaml(v) for cle, v in valeur.items()}
    if isinstance(valeur, list):
        return [_en_yaml(v) for v in valeur]
    return str(valeur) if isinstance(valeur, Decimal) else valeur


def dossier_fictif(rang: int, modele: dict, alea: random.Random) -> dict:
    """Le `rang`-ième EPCI fictif : noms, représentants, budget et années tirés au sort."""
    donnees = copy.deepcopy(modele)
    commune = f"{alea.choice(COMMUNES)} {rang}"
    collectivite = donnees["collectivite"]
    collectivite["nom"] = f"Communauté de Communes de {commune}"
    collectivite["siret"] = _siret(alea)
    convention = donnees["convention"]
    convention["titre"] = f"Convention triennale de partenariat pour l'accompagnement numérique des commerces de {commune}"
    for partie in convention["parties"]:
        partie["representant"] = _personne(alea, "fonction")
    epci = next(p for p in convention["parties"] if p["role"] == "epci")
    epci["nom"] = collectivite["nom"]
    debut = alea.randrange(2024, 2030)
    budget = convention["budget"]
    budget["annees"] = [debut, debut + 1, debut + 2]
    budget["total"] = [Decimal(alea.randrange(1_000_000, 8_000_000)) / 100 for _ in range(3)]
    part_chambres = Decimal(alea.choice([20, 30, 40]))
    parts = [part_chambres, (100 - part_chambres) / 2, (100 - part_chambres) / 2]
    for ligne, part in zip(budget["lignes"], parts):
        ligne["part"] = part
    for rang_annee, total in enumerate(budget["total"]):
        for ligne, montant in zip(budget["lignes"], repartir(total, parts)):
            ligne["montants"][rang_annee] = montant
    appels = convention["appels_de_fonds"]
    appels["emission"] = [datetime.date(annee, 5, 15) for annee in budget["annees"]]
    appels["depenses_realisees"] = {}
    if alea.random() < 0.5:
        annee = alea.choice(budget["annees"])
        total = budget["total"][budget["annees"].index(annee)]
        appels["depenses_realisees"][annee] = (total * Decimal(alea.uniform(0.7, 1.2))).quantize(Decimal("0.01"))
    return donnees


def ecrire_charge(dossier: Path, nombre: int, graine: int = 2026) -> list[Path]:
    """Écrit `nombre` dossiers fictifs sous `dossier`, chacun vérifié ; rend leurs chemins."""
    modele, _ = lire_dossier(EXEMPLE)
    alea = random.Random(graine)
    chemins = []
    rang = 0
    while len(chemins) < nombre:
        rang += 1
        chemin = dossier / f"epci_{rang:03d}.yaml"
        chemin.write_text(yaml.safe_dump(_en_yaml(dossier_fictif(rang, modele, alea)), allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            verifier(chemin)
        except ErreurGenerateur:  # un tirage qui tombe sur un centime d'écart : on en tire un autre
            chemin.unlink()
            continue
        chemins.append(chemin)
    return chemins
