"""L'export @ctes : pour chaque acte, ses PDF/A et un fichier de métadonnées JSON, ce qu'un tiers
de télétransmission demande pour l'envoyer en préfecture.

Un dossier par acte (`<numéro>/`) : le PDF de l'acte, ceux de ses annexes (la convention et les
avenants qu'il autorise) et `<numéro>.json`, conforme au schéma `acte_actes.schema.json`
livré avec le paquet. Rien n'est recalculé ici : dates, nature et matière sont celles que les
contrôles ont vérifiées.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePosixPath

from generateur.controles.actes import nature
from generateur.lecture.schema import NATURE_DES_DOCUMENTS, NATURES_ACTES, ACompleter, Acte, Dossier, classification_actes
from generateur.sorties.manifeste import empreinte
from generateur.vues.documents import Document

FORMAT = "generateur/acte-actes/1"
SCHEMA = "acte_actes.schema.json"

TYPE_DE_PIECE = {1: "99_DE", 2: "99_AR", 3: "99_AI", 4: "99_DC", 6: "99_AU"}
"""Type de pièce de repli de l'acte principal, selon sa nature ; une annexe est « 99_AU »."""
TYPE_D_ANNEXE = "99_AU"


@dataclass(frozen=True)
class PiecesDeLActe:
    """Un acte et les documents qui l'accompagnent à la transmission."""

    acte: Acte
    date: datetime.date
    document: Document
    annexes: list[Document]


def pieces(dossier: Dossier, documents: list[Document]) -> list[PiecesDeLActe]:
    """Chaque acte du dossier avec ses annexes : la convention et les avenants qu'il autorise."""
    par_sorte = {("acte" if document.sorte in ("decision", "deliberation") else document.sorte, document.reference): document for document in documents}
    resultat = []
    for seance in dossier.seances:
        for acte in seance.actes:
            annexes = []
            if dossier.convention and dossier.convention.decision == acte.numero:
                annexes += [document for document in documents if document.sorte == "convention"]
            annexes += [par_sorte[("avenant", f"n°{avenant.numero}")] for avenant in dossier.avenants if avenant.decision == acte.numero]
            resultat.append(PiecesDeLActe(acte, seance.date, par_sorte[("acte", acte.numero)], annexes))
    return resultat


def nom_pdf(document: Document) -> str:
    return str(PurePosixPath(document.nom_fichier).with_suffix(".pdf"))


def metadonnees(dossier: Dossier, pieces: PiecesDeLActe, pdf: dict[str, bytes]) -> dict:
    """Les métadonnées de l'acte, `pdf` donnant le contenu de chaque PDF par nom de fichier."""
    collectivite, acte = dossier.collectivite, pieces.acte
    code_nature = nature(acte)
    matiere = classification_actes()[acte.matiere]
    return {
        "format": FORMAT,
        "collectivite": {"nom": collectivite.nom, "siren": collectivite.siren, "siret": collectivite.siret, "prefecture": collectivite.prefecture},
        "numero": acte.numero,
        "date_decision": pieces.date.isoformat(),
        "nature": {"code": code_nature, "abrege": NATURES_ACTES[code_nature][0], "libelle": NATURES_ACTES[code_nature][1]},
        "matiere": {"code": matiere.code, "matiere": matiere.matiere, "sous_matiere": matiere.sous_matiere},
        "objet": acte.objet,
        "acte": _fichier(nom_pdf(pieces.document), TYPE_DE_PIECE[code_nature], pdf),
        "annexes": [
            {**_fichier(nom_pdf(annexe), TYPE_D_ANNEXE, pdf), "sorte": annexe.sorte, "nature": NATURE_DES_DOCUMENTS[annexe.sorte]}
            for annexe in pieces.annexes
        ],
        "transmission": _formalite(acte.transmission, accuse_reception=True),
        "publication": _formalite(acte.publication),
    }


def _fichier(nom: str, type_piece: str, pdf: dict[str, bytes]) -> dict:
    return {"fichier": nom, "type_piece": type_piece, "sha256": empreinte(pdf[nom])}


def _formalite(formalite, accuse_reception: bool = False) -> dict | None:
    """Une formalité accomplie, ses valeurs encore en blanc à `null` ; `null` si elle ne l'est pas."""
    if formalite is None:
        return None
    valeurs = {"date": None if isinstance(formalite.date, ACompleter) else formalite.date.isoformat()}
    if accuse_reception:
        valeurs["accuse_reception"] = formalite.accuse_reception if isinstance(formalite.accuse_reception, str) else None
    return valeurs


def en_json(valeurs: dict) -> bytes:
    """Clés dans l'ordre du schéma, UTF-8 lisible, une fin de ligne : mêmes données, mêmes octets."""
    return (json.dumps(valeurs, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def schema() -> Path:
    """Le JSON Schema des métadonnées, livré avec le paquet : le « modèle » du JSON dans le manifeste."""
    return Path(str(files(__package__).joinpath(SCHEMA)))
