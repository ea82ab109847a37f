"""La forme d'un dossier, écrite une fois : modèles typés aux noms de champs français.

Toute clé inconnue est refusée (une faute de frappe est une erreur, pas un champ
ignoré). Les contrôles de cohérence entre champs vivent dans `controles.py`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, InstanceOf, StringConstraints, model_validator

from .francais import Genre, genre_de_civilite, nom_complet, prenom_nom, sans_accents

A_COMPLETER = "à compléter"
"""Valeur à écrire dans les données pour un blanc voulu, rempli à la main après impression."""

Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Numero = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]*$")]
Effectif = Annotated[int, Field(ge=0, strict=True)]


@dataclass(frozen=True)
class ACompleter:
    """Un blanc voulu : rendu comme une ligne à remplir à la main."""

    def __str__(self) -> str:
        return "_____"


def _a_completer(valeur):
    if isinstance(valeur, str) and sans_accents(valeur.strip().lower()) == sans_accents(A_COMPLETER):
        return ACompleter()
    return valeur


def _heure(valeur):
    """Accepte « 9:00 », « 09:30 », « 9h », « 9 h 30 »."""
    if isinstance(valeur, str):
        trouve = re.fullmatch(r"\s*(\d{1,2})\s*(?:h|:)\s*(\d{2})?\s*", valeur)
        if not trouve:
            raise ValueError("heure attendue, par exemple « 9:00 » ou « 14h30 »")
        heures, minutes = int(trouve[1]), int(trouve[2] or 0)
        if heures > 23 or minutes > 59:
            raise ValueError(f"l'heure « {valeur.strip()} » n'existe pas")
        return datetime.time(heures, minutes)
    return valeur


Heure = Annotated[datetime.time, BeforeValidator(_heure)]


def completable(type_):
    """Le type `type_`, ou un blanc voulu (« à compléter »)."""
    return Annotated[InstanceOf[ACompleter] | type_, BeforeValidator(_a_completer)]


class Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Personne(Modele):
    """Une personne nommée dans un acte."""

    civilite: Literal["Monsieur", "Madame"]
    prenom: Texte
    nom: Texte

    @property
    def genre(self) -> Genre:
        return genre_de_civilite(self.civilite)

    @property
    def nom_complet(self) -> str:
        """« Monsieur David MARGUERITTE »."""
        return nom_complet(self.civilite, self.prenom, self.nom)

    @property
    def prenom_nom(self) -> str:
        """« David MARGUERITTE » : c'est aussi ainsi qu'on désigne un membre dans les données."""
        return prenom_nom(self.prenom, self.nom)


class Adresse(Modele):
    voie: Texte
    code_postal: Annotated[str, StringConstraints(pattern=r"^\d{5}$")] | None = None
    commune: Texte

    @property
    def en_ligne(self) -> str:
        """« 3 rue Arthur Leduc 14000 Caen »."""
        return " ".join(filter(None, (self.voie, self.code_postal, self.commune)))


class Tribunal(Modele):
    """Le tribunal administratif compétent pour les recours."""

    ville: Texte
    adresse: Adresse


class Assemblee(Modele):
    """L'assemblée qui prend les actes : « le Bureau communautaire »."""

    nom: Texte = Field(description="« Bureau »")
    qualificatif: Texte = Field(description="« communautaire »")
    genre: Genre
    acte: Texte = Field(description="nom d'un acte de l'assemblée : « décision de Bureau »")
    membres_en_exercice: Annotated[int, Field(gt=0, strict=True)]


class Collectivite(Modele):
    """L'établissement qui prend et signe les actes."""

    nom: Texte = Field(description="« Communauté d'Agglomération du Cotentin »")
    nom_statutaire: Texte | None = Field(None, description="nom des statuts, en tête des actes, s'il diffère")
    genre: Genre
    forme_juridique: Texte
    siege: Adresse
    president: Personne
    assemblee: Assemblee
    tribunal_administratif: Tribunal


class Mouvement(Modele):
    """Un départ en cours de séance, et le retour éventuel."""

    depart_avant: Numero = Field(description="numéro de la première décision votée en l'absence du membre")
    retour_a_partir_de: Numero | None = Field(None, description="numéro de la première décision votée après son retour")


def _presence(valeur):
    """« présent », « Présente », « excusée » s'écrivent comme on les dit : « present », « excuse »."""
    if isinstance(valeur, str):
        simple = sans_accents(valeur.strip().lower())
        if simple.endswith("e") and simple[:-1] in PRESENCES:
            simple = simple[:-1]
        return simple if simple in PRESENCES else valeur
    return valeur


PRESENCES = ("present", "excuse", "absent")


class Membre(Personne):
    """Un membre de l'assemblée et sa présence à la séance."""

    presence: Annotated[Literal["present", "excuse", "absent"], BeforeValidator(_presence)]
    pouvoir_a: Texte | None = Field(None, description="« Prénom NOM » du membre présent qui porte son pouvoir")
    suppleant: Personne | None = None
    mouvements: list[Mouvement] = []


class Presidence(Modele):
    membre: Texte = Field(description="« Prénom NOM » du membre qui préside")
    qualite: Texte | None = Field(None, description="à donner si la présidence n'est pas assurée par le président")


class Seance(Modele):
    date: datetime.date
    heure: Heure
    lieu: Texte = Field(description="« salle Henri Cornat en Mairie de Valognes »")
    presidence: Presidence
    ordre_du_jour: list[Numero] = Field(min_length=1, description="numéros des décisions, dans l'ordre des votes")
    membres: list[Membre] = Field(min_length=1)
    nombre_presents: Effectif | None = Field(None, description="si indiqué, doit égaler le nombre calculé")
    nombre_votants: Effectif | None = Field(None, description="si indiqué, doit égaler le nombre calculé")


class Liste(Modele):
    """Une liste à puces (`puces`) ou numérotée (`numeros`) de l'exposé."""

    puces: list[Texte] = []
    numeros: list[Texte] = []

    @model_validator(mode="after")
    def _une_seule_sorte(self) -> Liste:
        if bool(self.puces) == bool(self.numeros):
            raise ValueError("une liste a soit des « puces », soit des « numeros », et au moins un élément")
        return self


class Vote(Modele):
    pour: Effectif
    contre: Effectif = 0
    abstention: Effectif = 0
    ne_prend_pas_part: Effectif = 0

    @property
    def total(self) -> int:
        return self.pour + self.contre + self.abstention + self.ne_prend_pas_part


class Disposition(Modele):
    """Un article du dispositif : « **Autoriser** la signature… »."""

    verbe: Texte
    texte: Texte


class Imputation(Modele):
    """« imputée au budget principal, article 657363, LdC n°77525 »."""

    budget: Texte
    article: Annotated[str, StringConstraints(pattern=r"^\d{3,8}$")]
    ligne_de_credit: completable(Annotated[str, StringConstraints(pattern=r"^\d+$")]) | None = None


class Decision(Modele):
    numero: Numero
    objet: Texte
    expose: list[Texte | Liste] = Field(min_length=1)
    visas: list[Texte] = Field(min_length=1)
    vote: Vote
    dispositif: list[Disposition] = Field(min_length=1)
    imputation: Imputation | None = None
    delegation_signature: bool = Field(True, description="« Autoriser le Président ou son délégataire à signer toute pièce… »")


class Dossier(Modele):
    """Tout ce qu'il faut pour produire les actes d'une séance."""

    collectivite: Collectivite
    seance: Seance
    decisions: list[Decision] = Field(min_length=1)
