"""Les règles de @ctes, vérifiées sur chaque acte avant toute écriture.

@ctes (transmission des actes au contrôle de légalité) refuse un numéro hors de sa forme,
un objet trop long ou sur plusieurs lignes, une date de décision à venir. Ces règles sont
vérifiées ici pour que l'acte signé soit aussi l'acte transmissible ; une collectivité qui
numérote autrement (`numerotation_actes: libre`) ne voit refuser que l'export @ctes.
"""

from __future__ import annotations

import datetime
import re

from generateur.francais import date_longue, sans_accents
from generateur.lecture.chemins import Chemin, Ecart
from generateur.lecture.schema import NATURE_DES_DOCUMENTS, NATURES_ACTES, NUMERO_ACTES_MAX, ACompleter, Acte, Dossier, Seance

NUMERO_ACTES = re.compile(rf"[A-Z0-9](?:[A-Z0-9_]{{0,{NUMERO_ACTES_MAX - 2}}}[A-Z0-9])?")
"""1 à `NUMERO_ACTES_MAX` caractères parmi A–Z, 0–9 et « _ », sans « _ » au début ni à la fin."""

OBJET_MAX = 499


def nature(acte: Acte) -> int:
    """La nature @ctes de l'acte : celle qu'il déclare, sinon celle d'une décision ou délibération (1)."""
    return acte.nature or NATURE_DES_DOCUMENTS["deliberation"]


def numero_propose(numero: str) -> str | None:
    """Le numéro le plus proche que @ctes accepte (« DEL20180705-186 » → « DEL20180705_186 ») :
    capitales sans accents, chaque suite d'autres caractères remplacée par « _ », `NUMERO_ACTES_MAX` caractères au plus."""
    texte = re.sub(r"[^A-Z0-9]+", "_", sans_accents(numero).upper()).strip("_")
    texte = texte[:NUMERO_ACTES_MAX].rstrip("_")
    return texte if NUMERO_ACTES.fullmatch(texte) else None


def controler_actes(dossier: Dossier, aujourd_hui: datetime.date | None, export: bool = False) -> list[Ecart]:
    """Les écarts aux règles de @ctes de chaque acte du dossier.

    `aujourd_hui` : la date du jour, pour refuser une séance à venir (None : une convocation
    se prépare avant la séance, sans acte) ; `export` : l'export @ctes, qui refuse aussi les
    numéros d'une numérotation libre."""
    libre = dossier.collectivite.numerotation_actes == "libre"
    ecarts: list[Ecart] = []
    for rang_seance, seance in enumerate(dossier.seances):
        lieu: Chemin = ("seances", rang_seance)
        if aujourd_hui is not None and seance.date > aujourd_hui:
            ecarts.append((lieu + ("date",), (
                f"séance du {date_longue(seance.date)}, date à venir : un acte ne peut être daté d'un jour qui n'est pas encore passé "
                "(@ctes refuse une date de décision future) ; la date de la séance tenue est attendue"
            )))
        for rang_acte, acte in enumerate(seance.actes):
            chemin = lieu + (seance.champ_actes, rang_acte)
            if export or not libre:
                ecarts += _controler_numero(acte.numero, chemin + ("numero",), export)
            ecarts += _controler_objet(acte.objet, chemin + ("objet",))
            ecarts += _controler_dates(seance, acte, chemin)
            ecarts += _controler_accuse(dossier, seance, acte, chemin)
    return ecarts


def _controler_numero(numero: str, chemin: Chemin, export: bool) -> list[Ecart]:
    if NUMERO_ACTES.fullmatch(numero):
        return []
    propose = numero_propose(numero)
    exemple = f"« {propose} » passerait" if propose else "par exemple « B050_2022 »"
    issue = "" if export else " ; une collectivité qui numérote autrement déclare « numerotation_actes: libre » (seul l'export @ctes est alors refusé)"
    return [(chemin, (
        f"numéro « {numero} » refusé par @ctes : de 1 à {NUMERO_ACTES_MAX} caractères parmi A à Z, 0 à 9 et « _ », "
        f"sans « _ » au début ni à la fin ; {exemple}{issue}"
    ))]


def _controler_objet(objet: str, chemin: Chemin) -> list[Ecart]:
    if "\n" in objet:
        return [(chemin, "objet sur plusieurs lignes : @ctes le veut sur une seule ; dans le YAML, écrivez-le après « >- », qui joint les lignes par des espaces")]
    if len(objet) > OBJET_MAX:
        return [(chemin, f"objet de {len(objet)} caractères : @ctes en admet {OBJET_MAX} au plus ; retirez-en {len(objet) - OBJET_MAX}")]
    return []


def _controler_dates(seance: Seance, acte: Acte, chemin: Chemin) -> list[Ecart]:
    """Un acte se transmet et se publie après la séance qui l'a pris."""
    ecarts: list[Ecart] = []
    for champ, action in (("transmission", "transmis en préfecture"), ("publication", "publié")):
        formalite = getattr(acte, champ)
        if formalite is not None and not isinstance(formalite.date, ACompleter) and formalite.date < seance.date:
            ecarts.append((chemin + (champ, "date"), (
                f"{action} le {date_longue(formalite.date)}, avant la séance du {date_longue(seance.date)} qui a pris {acte.numero} : "
                "un acte ne peut l'être qu'une fois pris ; une date égale ou postérieure à la séance est attendue"
            )))
    return ecarts


def _controler_accuse(dossier: Dossier, seance: Seance, acte: Acte, chemin: Chemin) -> list[Ecart]:
    """L'accusé de réception nomme la collectivité (SIREN), la date, le numéro et la nature de l'acte."""
    transmission = acte.transmission
    if transmission is None or not isinstance(transmission.accuse_reception, str):
        return []
    departement = transmission.accuse_reception.split("-", 1)[0]
    attendu = f"{departement}-{dossier.collectivite.siren}-{seance.date:%Y%m%d}-{acte.numero}-{NATURES_ACTES[nature(acte)][0]}"
    if transmission.accuse_reception == attendu:
        return []
    return [(chemin + ("transmission", "accuse_reception"), (
        f"accusé de réception « {transmission.accuse_reception} » qui ne désigne pas cet acte ; attendu « {attendu} » "
        "(département, SIREN de la collectivité, date de la séance, numéro, nature)"
    ))]
