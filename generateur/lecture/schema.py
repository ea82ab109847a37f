"""La forme d'un dossier, écrite une fois : modèles typés aux noms de champs français.

Toute clé inconnue est refusée (une faute de frappe est une erreur, pas un champ
ignoré). Les contrôles de cohérence entre champs vivent dans `controles.py`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from dataclasses import dataclass
from functools import cache
import re
import types
import typing
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, InstanceOf, PlainSerializer, StringConstraints, Tag, WithJsonSchema, create_model, model_validator

from stdnum import bic, iban
from stdnum.fr import siret
from stdnum.exceptions import ValidationError

from generateur.francais import NOMBRE_MAX, Genre, Sorte, genre_de_civilite, nom_complet, prenom_nom
from generateur.lecture.blancs import A_COMPLETER, est_un_blanc
from generateur.lecture.territoires import Departement, departements, lire_table, trouver_departement


MOTIFS: dict[str, str] = {}
"""Chaque motif de texte du schéma et ce qu'il attend, dit en français pour les messages."""


def motif(expression: str, attendu: str):
    """Un texte qui suit `expression` ; `attendu` le décrit à l'utilisateur qui s'en écarte."""
    MOTIFS[expression] = attendu
    return Annotated[str, StringConstraints(strip_whitespace=True, pattern=expression)]


Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Numero = Annotated[motif(r"^[A-Za-z0-9][A-Za-z0-9_./-]*$", "un numéro sans espace, par exemple « B050_2022 »"), Field(max_length=60)]
"""Au plus 60 caractères : le numéro nomme le fichier de la décision, qu'un système limite à 255 octets."""
Effectif = Annotated[int, Field(ge=0, strict=True)]
Code = Annotated[motif(r"^[a-z][a-z0-9_]*$", "un code en minuscules, sans espace ni accent, par exemple « cci_on »"), Field(max_length=60)]
"""Au plus 60 caractères : le code d'un flux nomme le fichier de ses appels de fonds."""
CodePostal = motif(r"^\d{5}$", "un code postal de 5 chiffres")
ArticleBudgetaire = motif(r"^\d{3,8}$", "un numéro d'article budgétaire de 3 à 8 chiffres")
Chiffres = motif(r"^\d+$", "des chiffres seulement")
Montant = Annotated[Decimal, Field(ge=0, lt=NOMBRE_MAX, decimal_places=2, allow_inf_nan=False)]
Pourcentage = Annotated[Decimal, Field(ge=0, le=100, decimal_places=2, allow_inf_nan=False)]


@dataclass(frozen=True)
class ACompleter:
    """Un blanc voulu : rendu comme une ligne à remplir à la main."""

    def __str__(self) -> str:
        return "_____"


def _a_completer(valeur):
    return ACompleter() if est_un_blanc(valeur) else valeur


def _date(valeur):
    """Une date s'écrit AAAA-MM-JJ : pydantic lirait dans un nombre des secondes depuis 1970."""
    if isinstance(valeur, (int, Decimal)):
        raise ValueError("date attendue au format AAAA-MM-JJ")
    return valeur


ANNEES = range(1900, 2201)
"""Les années admises pour une date d'acte : « 0001-01-01 » est une date, pas celle d'un acte."""


def _annee(valeur: datetime.date) -> datetime.date:
    if valeur.year not in ANNEES:
        raise ValueError(f"année {valeur.year} invraisemblable pour un acte ; une année de {ANNEES.start} à {ANNEES.stop - 1} est attendue")
    return valeur


Date = Annotated[datetime.date, BeforeValidator(_date), AfterValidator(_annee)]


def _heure(valeur):
    """Accepte « 9:00 », « 09:30 », « 9h », « 9 h 30 » ; pas un nombre, que pydantic lirait en secondes."""
    if isinstance(valeur, (int, Decimal)):
        raise ValueError("heure attendue entre guillemets, par exemple « 9:00 » ou « 14h30 »")
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


def _garder_le_blanc(valeur):
    """Un blanc voulu se relit comme il s'écrit : « à compléter »."""
    return A_COMPLETER if isinstance(valeur, ACompleter) else valeur


def completable(type_):
    """Le type `type_`, ou un blanc voulu (« à compléter »)."""
    blanc = Annotated[InstanceOf[ACompleter], WithJsonSchema({"const": A_COMPLETER, "description": "blanc voulu, imprimé en ligne à remplir à la main"})]
    return Annotated[blanc | type_, BeforeValidator(_a_completer), PlainSerializer(_garder_le_blanc)]


class Forme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Personne(Forme):
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


class Adresse(Forme):
    voie: Texte
    code_postal: CodePostal | None = None
    commune: Texte

    @property
    def en_ligne(self) -> str:
        """« 3 rue Arthur Leduc 14000 Caen »."""
        return " ".join(filter(None, (self.voie, self.code_postal, self.commune)))


class Tribunal(Forme):
    """Le tribunal administratif compétent pour les recours."""

    ville: Texte
    adresse: Adresse


def _verifie_par(module, message: str):
    """Un identifiant vérifié par python-stdnum (clé de contrôle, longueur) et remis sous sa forme
    compacte ; `message` dit ce qui est attendu, « {valeur} » y est remplacé par la saisie."""

    def verifier(valeur):
        if isinstance(valeur, str):
            try:
                return module.validate(valeur)
            except ValidationError:
                raise ValueError(message.format(valeur=valeur)) from None
        return valeur

    return BeforeValidator(verifier)


Siret = Annotated[str, _verifie_par(siret, (
    "SIRET « {valeur} » invalide (clé de contrôle ou longueur fausse) ; "
    "14 chiffres attendus (SIREN puis NIC), recopiés depuis l'avis de situation SIRENE de l'établissement"
))]
Iban = Annotated[str, _verifie_par(iban, "IBAN « {valeur} » invalide (clé de contrôle ou longueur fausse) ; recopiez-le depuis le RIB")]
Bic = Annotated[str, _verifie_par(bic, "BIC « {valeur} » invalide ; 8 ou 11 caractères attendus, par exemple « AGRIFRPP882 »")]


def _prefecture(valeur):
    """L'identifiant de la préfecture destinataire des actes, tel que l'écrit le SCDL « Délibérations »."""
    if isinstance(valeur, str) and not re.fullmatch(r"PREF\d{3}|SPREF\d{4}|SGAR\d{3}", valeur.strip()):
        raise ValueError(
            f"identifiant de préfecture « {valeur} » invalide ; attendu : PREF et le département sur 3 chiffres "
            "(« PREF050 » pour la Manche), SPREF et 4 chiffres pour une sous-préfecture, ou SGAR et 3 chiffres"
        )
    return valeur.strip() if isinstance(valeur, str) else valeur


def _departement(valeur):
    """« Manche », « la Manche » ou « 50 » → « 50 » : le code, d'où viennent nom, article et région."""
    if isinstance(valeur, (int, Decimal)) and not isinstance(valeur, bool):
        valeur = str(valeur)
    if isinstance(valeur, str):
        trouve = trouver_departement(valeur)
        if trouve is None:
            raise ValueError(f"département « {valeur} » inconnu ; attendu : son nom (« Manche », « Côtes-d'Armor ») ou son code (« 50 », « 2A », « 974 »)")
        return trouve.code
    return valeur


class Collectivite(Forme):
    """L'établissement qui prend et signe les actes."""

    nom: Texte = Field(description="« Communauté d'Agglomération du Cotentin »")
    nom_statutaire: Texte = Field(None, description="nom des statuts, en tête des actes ; par défaut, le nom", validate_default=False)
    genre: Genre
    forme_juridique: Texte
    siret: Siret = Field(description="SIRET de l'établissement, 14 chiffres (clé vérifiée) : la liste des actes en open data le cite")
    prefecture: Annotated[str, BeforeValidator(_prefecture)] | None = Field(None, description="préfecture qui reçoit les actes : « PREF050 » pour la Manche")
    siege: Adresse
    departement: Annotated[str, BeforeValidator(_departement)] = Field(description="département du territoire, par son nom ou son code : « Manche » ou « 50 » ; la convention en tire « de la Manche » et « la Région Normandie »")
    president: Personne
    tribunal_administratif: Tribunal
    numerotation_actes: Literal["actes", "libre"] = Field(
        "actes", description="« libre » : numéros hors règles @ctes admis, seul l'export @ctes les refuse"
    )

    @property
    def territoire(self) -> Departement:
        """Le département du territoire, son article et sa région."""
        return departements()[self.departement]

    @property
    def siren(self) -> str:
        """Le SIREN de l'établissement : les neuf premiers chiffres de son SIRET."""
        return self.siret[:9]

    @model_validator(mode="before")
    @classmethod
    def _nom_statutaire_par_defaut(cls, donnees):
        if isinstance(donnees, dict) and "nom_statutaire" not in donnees and "nom" in donnees:
            return {**donnees, "nom_statutaire": donnees["nom"]}
        return donnees


class MembreAssemblee(Personne):
    """Un membre de la liste d'une assemblée, tel qu'élu ou désigné ; ses dates bornent son mandat."""

    fonction: Texte | None = Field(None, description="« 1er Vice-Président », imprimée après le nom")
    commune: Texte | None = Field(None, description="commune qu'il représente")
    suppleant: Personne | None = Field(None, description="suppléant d'un conseiller communautaire d'une commune à un siège")
    debut: Date | None = Field(None, description="premier jour du mandat ; sans date, membre depuis toujours")
    fin: Date | None = Field(None, description="dernier jour du mandat ; sans date, toujours membre")

    @model_validator(mode="after")
    def _fin_apres_debut(self) -> MembreAssemblee:
        if self.debut and self.fin and self.fin < self.debut:
            raise ValueError("la fin du mandat (« fin ») précède son début (« debut »)")
        return self


class Assemblee(Forme):
    """Une assemblée de la collectivité, décrite une fois : son nom, ses actes, la liste de ses membres."""

    code: Code = Field(description="nom court que cite chaque séance : « bureau », « conseil »")
    nom: Texte = Field(description="« Bureau », « Conseil »")
    qualificatif: Texte = Field(description="« communautaire »")
    genre: Genre
    actes: Literal["decision", "deliberation"] = Field(description="sorte d'actes qu'elle prend")
    acte: Texte | None = Field(None, description="nom d'un acte dans les mentions : « décision de Bureau » ; par défaut « décision de <nom> » ou « délibération »")
    formule: Literal["jour", "an"] = Field("jour", description="ouverture : « Le mardi 22 novembre Deux Mille Vingt Deux, à 9 heures » (jour) ou « L'an deux mille vingt-deux, le vingt-deux novembre, à neuf heures » (an)")
    membres: list[MembreAssemblee] = Field(min_length=1, description="les membres, dans l'ordre de la liste")
    delai_jours_francs: Annotated[int, Field(ge=1, le=30, strict=True)] = Field(
        5, description="délai de convocation en jours francs : 5 pour un conseil (L2121-12), 3 où L2121-11 s'applique, celui du règlement intérieur pour un Bureau"
    )

    @property
    def intitule(self) -> str:
        """« Bureau communautaire » : l'assemblée telle qu'on la cite (les articles s'y accordent au genre)."""
        return f"{self.nom} {self.qualificatif}"

    @property
    def nom_acte(self) -> str:
        """Comment les mentions de séance nomment un acte de l'assemblée."""
        return self.acte or ("délibération" if self.actes == "deliberation" else f"décision de {self.nom}")


class Excuse(Forme):
    """Un membre excusé, et qui vote pour lui : son mandataire, ou son suppléant."""

    membre: Texte = Field(description="« Prénom NOM » d'un membre de l'assemblée")
    pouvoir_a: Texte | None = Field(None, description="« Prénom NOM » du membre présent qui porte son pouvoir")
    suppleant: Texte | None = Field(None, description="« Prénom NOM » de son suppléant, tel que la liste des membres le nomme")

    @model_validator(mode="before")
    @classmethod
    def _nom_seul(cls, valeur):
        """« - Prénom NOM » suffit pour un excusé sans pouvoir ni suppléant."""
        return {"membre": valeur} if isinstance(valeur, str) else valeur

    @model_validator(mode="after")
    def _pouvoir_ou_suppleant(self) -> Excuse:
        if self.pouvoir_a and self.suppleant:
            raise ValueError("un membre suppléé ne donne pas aussi pouvoir : « pouvoir_a » ou « suppleant », pas les deux")
        return self


class Mouvement(Forme):
    """Une arrivée en cours de séance, un départ, et le retour éventuel, repérés par les votes."""

    membre: Texte = Field(description="« Prénom NOM » d'un membre de l'assemblée")
    arrivee_a_partir_de: Numero | None = Field(None, description="numéro du premier acte voté après son arrivée")
    depart_avant: Numero | None = Field(None, description="numéro du premier acte voté en son absence")
    retour_a_partir_de: Numero | None = Field(None, description="numéro du premier acte voté après son retour")

    @model_validator(mode="after")
    def _un_mouvement(self) -> Mouvement:
        if not (self.arrivee_a_partir_de or self.depart_avant):
            raise ValueError("un mouvement dit « arrivee_a_partir_de » ou « depart_avant »")
        if self.retour_a_partir_de and not self.depart_avant:
            raise ValueError("un retour (« retour_a_partir_de ») suit un départ (« depart_avant »)")
        return self


class Presidence(Forme):
    membre: Texte = Field(description="« Prénom NOM » du membre qui préside")
    qualite: Texte | None = Field(None, description="à donner si la présidence n'est pas assurée par le président")


class Liste(Forme):
    """Une liste à puces (`puces`) ou numérotée (`numeros`) de l'exposé."""

    puces: list[Texte] = []
    numeros: list[Texte] = []

    @model_validator(mode="after")
    def _une_seule_sorte(self) -> Liste:
        if bool(self.puces) == bool(self.numeros):
            raise ValueError("une liste a soit des « puces », soit des « numeros », et au moins un élément")
        return self


class CitationBudget(Forme):
    participation: Code = Field(description="ligne du budget dont on annonce la participation")
    soutiens: list[Code] = Field([], description="autres lignes citées, dans l'ordre de la phrase")


class Financement(Forme):
    """Le paragraphe de l'exposé qui cite le budget de la convention : ses montants sont calculés."""

    financement: CitationBudget


class CitationAvenant(Forme):
    """Le paragraphe de l'exposé qui résume un avenant : ses montants avant et après, calculés."""

    avenant: Annotated[int, Field(ge=1, strict=True)] = Field(description="numéro de l'avenant cité")


def _sorte_de_bloc(bloc) -> str:
    """Un texte est un paragraphe ; un ensemble de champs cite le budget s'il a « financement »,
    un avenant s'il a « avenant », et c'est une liste sinon : les erreurs ne parlent que de la
    sorte visée."""
    if isinstance(bloc, dict):
        return next((cle for cle in ("financement", "avenant") if cle in bloc), "liste")
    return "paragraphe"


BlocExpose = Annotated[
    Annotated[Texte, Tag("paragraphe")]
    | Annotated[Liste, Tag("liste")]
    | Annotated[Financement, Tag("financement")]
    | Annotated[CitationAvenant, Tag("avenant")],
    Discriminator(_sorte_de_bloc),
]


class Vote(Forme):
    """Le résultat du vote ; ceux qui ne prennent pas part sont nommés dans l'acte, et comptés de là."""

    pour: Effectif
    contre: Effectif = 0
    abstention: Effectif = 0
    ne_prend_pas_part: Effectif | None = Field(None, description="si indiqué, doit égaler le nombre de noms de « ne_prennent_pas_part »")
    voix_preponderante: Literal["pour", "contre"] | None = Field(
        None, description="en cas d'égalité, le sens de la voix du président, qui l'emporte (L2121-20 CGCT)"
    )

    @property
    def exprimes_et_abstentions(self) -> int:
        """Ce que doivent faire les votants de l'acte : pour + contre + abstention."""
        return self.pour + self.contre + self.abstention


class Disposition(Forme):
    """Un article du dispositif : « **Autoriser** la signature… »."""

    verbe: Texte
    texte: Texte


class Imputation(Forme):
    """« imputée au budget principal, article 657363, LdC n°77525 »."""

    budget: Texte
    article: ArticleBudgetaire
    ligne_de_credit: completable(Chiffres) | None = None


@dataclass(frozen=True)
class MatiereActes:
    """Une matière de niveau 2 de la classification ACTES : « 7.5 », Finances locales, Subventions."""

    code: str
    matiere: str
    sous_matiere: str


@cache
def classification_actes() -> dict[str, MatiereActes]:
    """La classification ACTES (matières de niveau 2, télétransmission au contrôle de légalité), par code.

    Ce sont des données, pas du code : `actes_matieres.csv` (code;matiere;sous_matiere).
    """
    return {ligne["code"]: MatiereActes(**ligne) for ligne in lire_table("actes_matieres.csv")}


def _matiere(valeur):
    """« 7.5 » ; écrit sans guillemets, 7.5 est lu en décimal, dont le texte garde chaque chiffre (7.10)."""
    if isinstance(valeur, (Decimal, int)) and not isinstance(valeur, bool):
        valeur = str(valeur)
    if not isinstance(valeur, str):
        return valeur
    code = valeur.strip()
    classification = classification_actes()
    if code in classification:
        return code
    meme_matiere = [c for c in classification if c.split(".")[0] == code.split(".")[0]]
    if meme_matiere and "." not in code:
        raise ValueError(
            f"matière « {code} » à un seul niveau : @ctes demande au moins deux niveaux de la classification ACTES ; "
            f"attendu : de {meme_matiere[0]} à {meme_matiere[-1]} pour « {classification[meme_matiere[0]].matiere} »"
        )
    if meme_matiere:
        attendu = f"de {meme_matiere[0]} à {meme_matiere[-1]} pour « {classification[meme_matiere[0]].matiere} »"
    else:
        attendu = "par exemple « 7.5 » (Finances locales / Subventions)"
    raise ValueError(f"matière « {code} » absente de la classification ACTES ; attendu : un code de niveau 2, {attendu}")


NATURES_ACTES = {
    1: ("DE", "Délibérations"),
    2: ("AR", "Actes réglementaires"),
    3: ("AI", "Actes individuels"),
    4: ("CC", "Contrats, conventions et avenants"),
    5: ("BF", "Documents budgétaires et financiers"),
    6: ("AU", "Autres"),
}
"""Les natures d'actes de @ctes : code, abréviation et libellé."""

NUMERO_ACTES_MAX = 15
"""La longueur la plus grande d'un numéro d'acte que @ctes accepte (règle la plus stricte des plateformes)."""

NATURE_DES_DOCUMENTS = {"decision": 1, "deliberation": 1, "convention": 4, "avenant": 4}
"""La nature déduite d'un document : une décision ou délibération est de nature 1, une
convention ou un avenant de nature 4 (contrats, conventions et avenants)."""


def _nature(valeur):
    """Les documents budgétaires (5) passent par un flux budgétaire que generateur ne produit pas."""
    if valeur == 5:
        raise ValueError(
            "nature 5 (documents budgétaires et financiers) non admise : ces actes se transmettent avec leur flux budgétaire, "
            "que generateur ne produit pas ; attendu : 1 délibérations, 2 actes réglementaires, 3 actes individuels, "
            "4 contrats, conventions et avenants, 6 autres"
        )
    return valeur


AccuseReception = motif(
    rf"^\d{{3}}-\d{{9}}-\d{{8}}-[A-Z0-9_]{{1,{NUMERO_ACTES_MAX}}}-({'|'.join(abreviation for abreviation, _ in NATURES_ACTES.values())})$",
    "l'identifiant de l'accusé de réception de la préfecture, par exemple « 050-200067205-20221122-B050_2022-DE »",
)


class Transmission(Forme):
    """La transmission de l'acte au représentant de l'État (contrôle de légalité, @ctes)."""

    date: completable(Date)
    accuse_reception: completable(AccuseReception) | None = Field(None, description="« 050-200067205-20221122-B050_2022-DE »")


class Publication(Forme):
    """La mise en ligne de l'acte sur le site de la collectivité, qui le rend exécutoire (L2131-1)."""

    date: completable(Date)


class Acte(Forme):
    """Une décision de Bureau ou une délibération du conseil : la même forme, rendue par le modèle de son assemblée."""

    numero: Numero
    objet: Texte
    matiere: Annotated[str, BeforeValidator(_matiere)] = Field(description="code de la classification ACTES, niveau 2 : « 7.5 » (Finances locales / Subventions)")
    nature: Annotated[Literal[1, 2, 3, 4, 6], BeforeValidator(_nature)] | None = Field(
        None, description="nature @ctes : 1 délibérations (par défaut), 2 réglementaire, 3 individuel, 4 contrats, 6 autres"
    )
    transmission: Transmission | None = Field(None, description="date d'envoi en préfecture et accusé de réception, une fois connus")
    publication: Publication | None = Field(None, description="date de mise en ligne, une fois connue")
    expose: list[BlocExpose] = Field(min_length=1)
    visas: list[Texte] = Field(min_length=1)
    vote: Vote
    ne_prennent_pas_part: list[Texte] = Field([], description="« Prénom NOM » des membres intéressés à l'affaire (L2131-11) : nommés, ni votants ni comptés au vote")
    rapporteur: Texte | None = Field(None, description="« Prénom NOM » du membre qui rapporte l'affaire : la convocation et le procès-verbal le nomment")
    dispositif: list[Disposition] = Field(min_length=1)
    imputation: Imputation | None = None
    delegation_signature: bool = Field(True, description="« Autoriser le Président ou son délégataire à signer toute pièce… »")


class Representant(Personne):
    """Qui signe pour une partie : « son Président Daniel DUFEU »."""

    fonction: Texte = "Président"


class Partie(Forme):
    """Une partie à la convention."""

    code: Code = Field(description="nom court, cité par le budget et le financement : « cci_on »")
    role: Code = Field(description="rôle que lui donne le texte de la convention, parmi ceux que déclare le modèle (modeles/<type>.yaml) : « epci », « cci »…")
    sorte: Sorte = Field(description="ce qu'est la partie : epci, commune, departement, region, chambre_consulaire, association, etat, etablissement_public, entreprise ; donne sa nature et l'acte qui habilite son représentant")
    nom: Texte = Field(description="« Chambre de Commerce et d'Industrie Ouest Normandie »")
    genre: Genre = Field(description="genre du nom (la Chambre : feminin ; le Conseil : masculin), pour les accords et le pronom « elle » ou « il »")
    nature: Texte | None = Field(None, description="à donner pour remplacer la nature tirée de la sorte : « établissement public à caractère administratif »")
    siege: Adresse
    representant: completable(Representant)
    habilitation: completable(Date) | None = Field(None, description="date de la décision qui habilite le représentant")
    denomination: Texte = Field(description="« CCI ON », « l'Agglomération » : ci-après dénommée…")
    iban: Iban | None = None
    bic: Bic | None = None
    siret: Siret | None = Field(None, description="SIRET de la partie, 14 chiffres (clé vérifiée) : le titre de recettes du débiteur le cite")


def _part(valeur):
    """« 20 » (pour 20 %) ou « 1/3 » (un tiers du budget) : la part, en pourcentage exact."""
    illisible = ValueError("pourcentage attendu, avec au plus deux décimales (« 20 », « 33.33 »), ou une fraction du budget (« 1/3 »)")
    if isinstance(valeur, str):
        numerateur, barre, denominateur = valeur.strip().partition("/")
        try:
            if barre:
                return Fraction(int(numerateur), int(denominateur)) * 100
            valeur = Decimal(numerateur)
        except (ValueError, ArithmeticError):
            raise illisible from None
    if isinstance(valeur, bool) or not isinstance(valeur, (int, Decimal, Fraction)):
        raise illisible
    if isinstance(valeur, Decimal) and (not valeur.is_finite() or valeur.as_tuple().exponent < -2):
        raise illisible
    return Fraction(valeur)


Part = Annotated[Fraction, BeforeValidator(_part), Field(ge=0, le=100)]


class LigneBudget(Forme):
    """Un contributeur du budget : une ligne du tableau de l'article 4.

    Les montants font foi ; la part affichée en est déduite. Sans montants, la part seule
    (« 20 » ou « 1/3 ») les donne, répartis au centime chaque année.
    """

    code: Code
    libelle: Texte = Field(description="« CCI ON /CMA Normandie », tel qu'au tableau")
    designation: Texte = Field(description="« les Chambres Consulaires », la ligne dans une phrase")
    parties: list[Code] = Field(min_length=1)
    part: Part | None = Field(None, description="part du budget, en % (20 pour 20 %) ou en fraction (« 1/3 ») ; si les montants sont donnés, doit égaler leur part arrondie au centième")
    montants: list[Montant] | None = Field(None, min_length=1, description="un montant par année ; s'ils manquent, ils sont calculés depuis la part")
    cumul: Montant | None = Field(None, description="si indiqué, doit égaler la somme des montants")

    @model_validator(mode="after")
    def _part_ou_montants(self) -> LigneBudget:
        if self.part is None and self.montants is None:
            raise ValueError("une ligne du budget a ses « montants », ou sa « part » pour qu'ils soient calculés")
        return self


class Budget(Forme):
    annees: list[Annotated[int, Field(ge=2000, le=2100, strict=True)]] = Field(min_length=1)
    total: list[Montant] = Field(min_length=1, description="budget total HT de chaque année")
    cumul: Montant | None = Field(None, description="si indiqué, doit égaler la somme des totaux")
    lignes: list[LigneBudget] = Field(min_length=1)


class Echeance(Forme):
    """Une échéance du calendrier d'un flux : « 60 % à la signature de la convention »."""

    part: Pourcentage = Field(description="part du montant annuel du flux, en %")
    moment: Texte = Field(description="« à la signature de la convention », « sur présentation des justificatifs »")
    emission: list[Date] | None = Field(None, description="date de l'appel de fonds de cette échéance, une par année ; par défaut celles de « appels_de_fonds »")


class Flux(Forme):
    """Un flux de l'article 4 : qui appelle les fonds, qui paie, et comment le montant se calcule.

    Une seule base : le budget moins des lignes (`budget_hors`), la somme de lignes du budget
    (`lignes`), des montants fixes par année (`montants`), ou un taux d'un autre flux (`taux`
    de `taux_de`). Le calendrier partage le montant de chaque année en échéances.
    """

    code: Code
    emetteur: Code = Field(description="la partie qui appelle les fonds (et les reçoit)")
    destinataire: Code = Field(description="la partie qui paie")
    objet: Texte = Field(description="« subvention »")
    budget_hors: list[Code] = Field([], description="base : le budget de l'année moins ces lignes")
    lignes: list[Code] = Field([], description="base : la somme de ces lignes du budget")
    montants: list[Montant] = Field([], description="base : un montant fixe par année")
    taux_de: Code | None = Field(None, description="base : « taux » % de ce flux, défini plus haut")
    taux: Pourcentage | None = None
    egal_a_ligne: Code | None = Field(None, description="ligne du budget que ce flux doit égaler chaque année")
    justificatifs: Texte | None = Field(None, description="« accompagnée des justificatifs de règlement »")
    calendrier: list[Echeance] = Field([], description="échéances de chaque année (parts de somme 100 %) ; par défaut, un appel de fonds par an")

    @model_validator(mode="after")
    def _une_seule_base(self) -> Flux:
        bases = [bool(self.budget_hors), bool(self.lignes), bool(self.montants), self.taux_de is not None]
        if sum(bases) != 1 or (self.taux_de is None) != (self.taux is None):
            raise ValueError("un flux a une seule base : « budget_hors », « lignes », « montants », ou « taux » et « taux_de »")
        return self


class AppelsDeFonds(Forme):
    emission: list[Date] = Field(min_length=1, description="date d'émission des appels, une par année")
    delai_paiement_jours: Annotated[int, Field(gt=0, le=365, strict=True)]
    depenses_realisees: dict[int, Montant] = Field({}, description="dépenses réellement engagées, par année")


class Convention(Forme):
    type: Code = Field("convention", description="le modèle Word de la convention, modeles/<type>.docx, dont la déclaration modeles/<type>.yaml dit les rôles attendus")
    titre: Texte
    territoire: Texte = Field(description="« l'Agglomération du Cotentin »")
    duree_annees: Annotated[int, Field(gt=0, le=10, strict=True)]
    decision: Numero = Field(description="numéro de la décision qui autorise la signature")
    parties: list[Partie] = Field(min_length=2)
    visas: list[Texte] = Field(min_length=1)
    modules: list[Texte] = Field(min_length=1)
    budget: Budget
    financement: list[Flux] = Field(min_length=1)
    appels_de_fonds: AppelsDeFonds
    lieu_signature: completable(Texte)
    date_signature: completable(Date)


class Convocation(Forme):
    """L'envoi de la convocation (L2121-10, L2121-12) : sa date, et le motif d'une urgence qui abrège le délai."""

    envoi: Date = Field(description="date d'envoi de la convocation aux membres")
    urgence: Texte | None = Field(None, description="motif de l'urgence, que la convocation énonce ; le délai peut alors descendre à un jour franc")


class Seance(Forme):
    """Une séance : ce qui n'est pas ordinaire. Tout membre de la liste de l'assemblée est présent, sauf dit autrement."""

    assemblee: Code = Field(description="code de l'assemblée qui siège : « bureau », « conseil »")
    date: Date
    heure: Heure
    lieu: Texte = Field(description="« salle Henri Cornat en Mairie de Valognes »")
    presidence: Presidence
    secretaire: Texte | None = Field(None, description="« Prénom NOM » du secrétaire de séance (L2121-15)")
    seconde_convocation: bool = Field(False, description="séance tenue sur seconde convocation : aucune condition de quorum (L2121-17)")
    convocation: Convocation | None = Field(None, description="date d'envoi de la convocation, et motif d'une urgence")
    ordre_du_jour: list[Numero] = Field(min_length=1, description="numéros des actes, dans l'ordre des votes")
    excuses: list[Excuse] = []
    absents: list[Texte] = []
    mouvements: list[Mouvement] = []
    membres_en_exercice: Effectif | None = Field(None, description="si indiqué, doit égaler le nombre de membres de la liste à la date de la séance")
    nombre_presents: Effectif | None = Field(None, description="si indiqué, doit égaler le nombre calculé")
    nombre_votants: Effectif | None = Field(None, description="si indiqué, doit égaler le nombre calculé")
    decisions: list[Acte] = Field([], description="les décisions d'une séance du Bureau, dans l'ordre")
    deliberations: list[Acte] = Field([], description="les délibérations d'une séance du conseil, dans l'ordre")

    @property
    def actes(self) -> list[Acte]:
        """Les actes de la séance, décisions ou délibérations selon l'assemblée."""
        return self.decisions + self.deliberations

    @property
    def champ_actes(self) -> str:
        """Le champ qui porte les actes : les chemins des messages le citent."""
        return "deliberations" if self.deliberations else "decisions"

    @model_validator(mode="after")
    def _des_actes(self) -> Seance:
        if not self.actes:
            raise ValueError("une séance a au moins un acte : « decisions » (Bureau) ou « deliberations » (conseil)")
        if self.decisions and self.deliberations:
            raise ValueError("une séance prend des « decisions » ou des « deliberations », selon son assemblée, pas les deux")
        return self


def _unique(indication):
    """Le type d'un champ, sans le « | None » d'un champ facultatif."""
    membres = [m for m in typing.get_args(indication) if m is not type(None)] if typing.get_origin(indication) in (typing.Union, types.UnionType) else [indication]
    return membres[0] if len(membres) == 1 else indication


def _element_de(indication):
    """`X` pour `list[X]` (sous ses éventuelles annotations), sinon None."""
    indication = _unique(indication)
    if typing.get_origin(indication) is list:
        return typing.get_args(indication)[0]
    return None


def _base(indication):
    while typing.get_origin(indication) is Annotated:
        indication = typing.get_args(indication)[0]
    return indication


def _en_modification(indication):
    """Ce qu'un avenant écrit pour changer un champ de type `indication` : une liste d'éléments à
    code se modifie élément par élément (par code), une liste d'un montant ou d'une date par année
    année par année (ou en entier), un ensemble de champs champ par champ ; le reste se remplace."""
    element = _element_de(indication)
    unique = _base(_unique(indication))
    if element is not None and isinstance(_base(element), type) and issubclass(_base(element), Forme) and "code" in _base(element).model_fields:
        return dict[Code, modification_de(_base(element))]
    if element is not None and _base(element) in (Decimal, datetime.date):
        return dict[int, element] | list[element]
    if isinstance(unique, type) and issubclass(unique, Forme):
        return modification_de(unique)
    return _unique(indication)


@cache
def modification_de(forme: type[Forme]) -> type[Forme]:
    """La forme d'une modification de `forme` : chacun de ses champs, facultatif, écrit comme
    `_en_modification` le dit. Tirée du schéma, jamais décrite une seconde fois."""
    champs = {
        nom: (_en_modification(info.annotation) | None, Field(None, description=info.description))
        for nom, info in forme.model_fields.items()
        if nom != "code"
    }
    return create_model(f"Modification{forme.__name__}", __base__=Forme, __doc__=f"Ce qu'un avenant change à : {forme.__doc__ or forme.__name__}", **champs)


class Avenant(Forme):
    """Un avenant : ce qu'il change à la convention (telle que les avenants précédents l'ont laissée).

    `modifications` a la forme de la convention, réduite à ce qui change. Les parties, les
    lignes du budget et les flux se désignent par leur code ; les montants d'une année par
    l'année : `budget: {total: {2025: 40000}, lignes: {chambres: {montants: {2025: 8000}}}}`.
    Une liste sans codes ni années (visas, modules) se remplace en entier.
    """

    numero: Annotated[int, Field(ge=1, strict=True)]
    date_effet: Date
    decision: Numero = Field(description="numéro de la décision qui autorise l'avenant")
    lieu_signature: completable(Texte)
    date_signature: completable(Date)
    modifications: modification_de(Convention) = Field(description="la convention réduite à ce qui change : parties, lignes du budget et flux par leur code, montants par année")

    @model_validator(mode="after")
    def _modifie_quelque_chose(self) -> Avenant:
        if not self.modifications.model_fields_set:
            raise ValueError("un avenant modifie au moins un champ de la convention (« modifications » est vide)")
        return self


ReferenceAppel = motif(r"^AF-\d{4}-\d{2}(-\d+)?$", "une référence d'appel de fonds, par exemple « AF-2023-01 »")
MontantPaye = Annotated[Decimal, Field(gt=0, lt=NOMBRE_MAX, decimal_places=2, allow_inf_nan=False)]


class Paiement(Forme):
    """Un paiement reçu sur un appel de fonds, tel que le relevé du compte le montre."""

    appel: ReferenceAppel = Field(description="référence de l'appel payé : « AF-2023-01 »")
    date: Date = Field(description="date de l'encaissement (relevé du compte)")
    montant: MontantPaye
    reference_bancaire: Texte | None = Field(None, description="libellé ou référence du virement sur le relevé")


class TitreDeRecettes(Forme):
    """Ce que la comptabilité de la partie qui appelle les fonds saisit pour les appels d'un flux."""

    flux: Code = Field(description="code du flux (financement) dont les appels sont titrés")
    budget: Texte = Field(description="« budget principal »")
    imputation: Texte = Field(description="chapitre, nature et fonction : « 74 – 7473 – 90 »")
    dans_l_appel: bool = Field(False, description="imprimer le bloc « titre de recettes » dans l'appel de fonds lui-même")


class Tresorerie(Forme):
    """Le suivi des appels de fonds : titres de recettes et relances."""

    titres_de_recettes: list[TitreDeRecettes] = []
    delai_relance_jours: Annotated[int, Field(gt=0, le=365, strict=True)] = Field(15, description="délai de paiement donné par une relance")


class Dossier(Forme):
    """Tout ce qu'il faut pour produire les actes d'une séance."""

    collectivite: Collectivite
    assemblees: list[Assemblee] = Field(min_length=1, description="chaque assemblée et la liste de ses membres, une fois")
    seances: list[Seance] = Field(min_length=1)
    convention: Convention | None = None
    avenants: list[Avenant] = []
    paiements: list[Paiement] | None = Field(None, description="paiements reçus sur les appels de fonds ; avec cette clé, un appel fondé sur un paiement attend ce paiement")
    tresorerie: Tresorerie = Tresorerie()

    def assemblee_de(self, seance: Seance) -> Assemblee | None:
        """L'assemblée qui a tenu la séance ; None si la séance en cite une que le dossier n'a pas
        (les contrôles le refusent : après eux, elle existe toujours)."""
        return next((assemblee for assemblee in self.assemblees if assemblee.code == seance.assemblee), None)

    @property
    def actes(self) -> list[Acte]:
        """Tous les actes du dossier, séance après séance."""
        return [acte for seance in self.seances for acte in seance.actes]

    @property
    def dates_des_decisions(self) -> dict[str, datetime.date]:
        """Le numéro de chaque acte du dossier (décision ou délibération) et la date de la séance qui l'a pris."""
        return {acte.numero: seance.date for seance in self.seances for acte in seance.actes}
