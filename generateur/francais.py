"""Le français des actes : accords, articles, noms, montants, nombres et dates.

Module pur : des tables et de petites fonctions, sans fichier ni Word. Les règles sont
nommées dans les docstrings et prouvées par `tests/test_francais.py`. Les montants sont
des `Decimal` de bout en bout ; num2words lit les nombres, Babel (locale fr_FR) met en
forme chiffres et noms de jours et de mois. L'un et l'autre sont importés au premier
usage (~15 ms chacun) : `verifier` d'un dossier sans anomalie n'en a pas besoin, ni
`generateur montant` de Babel. Les motifs de nombres sont analysés une fois (Babel les
réanalyse à chaque appel : quatre fois plus lent), les dates et la typographie d'un même
texte calculées une fois : un lot les redemande des milliers de fois.

Filtres Jinja (`FILTRES`, enregistrés une fois par le module de rendu) :

    filtre                 exemple                                         résultat
    euros                  {{ m | euros }}                                 14 620 € ; 14 620,50 €
    euros_en_lettres       {{ m | euros_en_lettres }}                      quatorze mille six cent vingt euros
    montant_complet        {{ m | montant_complet }}                       14 620 € (quatorze mille six cent vingt euros)
    nombre                 {{ 109650 | nombre }}                           109 650
    nombre_en_lettres      {{ 21 | nombre_en_lettres }}                    vingt et un
    pourcentage            {{ taux | pourcentage }}                        40 % ; 33,33 %
    non_groupe             {{ annee | non_groupe }}                        2022 (années, articles, références)
    date_longue            {{ d | date_longue }}                           22 novembre 2022 ; 1er novembre 2022
    date_avec_jour         {{ d | date_avec_jour }}                        mardi 22 novembre 2022
    date_courte            {{ d | date_courte }}                           22/11/2022
    heure                  {{ h | heure }}                                 9 heures ; 9 heures 30
    formule_seance         {{ s.date | formule_seance(s.heure) }}          Le mardi 22 novembre Deux Mille Vingt Deux, à 9 heures
    formule_an             {{ s.date | formule_an(s.heure) }}              L'an deux mille vingt-deux, le vingt-deux novembre, à neuf heures
    accorder               {{ "Président" | accorder(p.genre) }}           Présidente
    article_defini         {{ c.nom | article_defini(c.genre) }}           la Communauté d'Agglomération du Cotentin
    de                     {{ c.nom | de(c.genre) }}                       du Conseil Départemental de la Manche
                           {{ ville | de }}                                de Caen ; d'Avranches
    a                      {{ p.appellation | a }}                         au Département ; à la CCI ON
    initiale_majuscule     {{ p.appellation | initiale_majuscule }}        L'Agglomération
    initiale_minuscule     {{ c.titre | initiale_minuscule }}              convention triennale…
    possessif              {{ p.genre | possessif }}                       sa
    civilite_et_fonction   {{ p.genre | civilite_et_fonction("Président") }}  Madame la Présidente
    joindre                {{ noms | joindre }}                            A, B et C
    pronom_sujet           {{ p.genre | pronom_sujet(True) }}              Elle ; Il
    duree_en_annees        {{ c.duree_annees | duree_en_annees }}          1 an ; 3 ans ; (True) trois ans
    annees_suivantes       {{ (c.duree_annees - 1) | annees_suivantes }}   l'année suivante ; les deux années suivantes
    montants_par_annee     {{ f.montants | montants_par_annee(annees) }}   29 240 € ; 7 680 € en 2025 et 7 860,30 € en 2026
    nom_insecable          {{ p.prenom_nom | nom_insecable }}              Jean‑François DE BOURSETTY (insécable)

(Les espaces des montants sont insécables : U+202F entre les milliers, U+00A0 avant € et %.)
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Literal

from generateur.exceptions import MontantInvalide

LOCALE = "fr_FR"

Orthographe = Literal["traditionnelle", "1990"]


# --- Genre et accords ---------------------------------------------------------------------


class Genre(str, enum.Enum):
    """Genre grammatical d'une personne ou d'un nom, qui règle accords et articles."""

    MASCULIN = "masculin"
    FEMININ = "feminin"


_GENRES_DES_CIVILITES = {"Monsieur": Genre.MASCULIN, "Madame": Genre.FEMININ}
_CIVILITES = {genre: civilite for civilite, genre in _GENRES_DES_CIVILITES.items()}


def genre_de_civilite(civilite: str) -> Genre:
    """« Monsieur » est masculin, « Madame » féminin ; toute autre civilité est refusée."""
    try:
        return _GENRES_DES_CIVILITES[civilite]
    except KeyError:
        raise ValueError(f"civilité « {civilite} » inconnue : « Monsieur » ou « Madame » attendu") from None


# Féminins que les règles de terminaison ne donnent pas (forme en usage dans les assemblées).
_FEMININS_IRREGULIERS = {"chef": "cheffe", "rapporteur": "rapporteure"}

# Terminaison masculine → féminine, dans l'ordre où elles s'appliquent.
_TERMINAISONS_FEMININES = (
    ("e", "e"),  # épicène : Maire, Secrétaire, Membre (et tout mot déjà au féminin)
    ("teur", "trice"),  # Directeur, Administrateur, Ordonnateur
    ("er", "ère"),  # Conseiller, Trésorier, Premier
)


def accorder(mot: str, genre: Genre) -> str:
    """Accorde une fonction ou un participe passé au genre de la personne.

    Au masculin le mot est rendu tel quel. Au féminin, dans l'ordre :
    1. féminins irréguliers de la table (Chef → Cheffe, Rapporteur → Rapporteure) ;
    2. mot terminé par -e : épicène, inchangé (Maire, Secrétaire) ;
    3. -teur → -trice (Directeur → Directrice) ;
    4. -er → -ère (Conseiller → Conseillère) ;
    5. règle générale : + e (Président → Présidente, représenté → représentée).
    Un mot composé s'accorde sur sa fin (Vice-Président → Vice-Présidente) ; la casse est
    gardée (PRÉSIDENT → PRÉSIDENTE).
    """
    if genre != Genre.FEMININ:
        return mot
    minuscule = mot.lower()
    irregulier = _FEMININS_IRREGULIERS.get(minuscule)
    if irregulier is not None:
        feminin = mot[0] + irregulier[1:]
    else:
        feminin = mot + "e"
        for masculin, terminaison in _TERMINAISONS_FEMININES:
            if minuscule.endswith(masculin):
                feminin = mot[: len(mot) - len(masculin)] + terminaison
                break
    return feminin.upper() if mot.isupper() else feminin


# --- Articles et élision ------------------------------------------------------------------

# Mots à h aspiré des noms d'institutions et de lieux : pas d'élision (la Hague, le Havre).
_H_ASPIRES = frozenset(
    {"hague", "halle", "halles", "hall", "hameau", "hameaux", "handicap", "hangar", "haut", "haute",
     "hauts", "hautes", "havre", "haye", "hollande", "hongrie"}
)


def sans_accents(texte: str) -> str:
    """« Excusée » → « Excusee » : pour comparer ce qu'on saisit avec ou sans accents."""
    return "".join(c for c in unicodedata.normalize("NFD", texte) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)
def _elide(nom: str) -> bool:
    """Élision devant une voyelle (accentuée ou non) ou un h muet ; pas devant un h aspiré.
    Gardée en cache : chaque partie, chaque assemblée est nommée des dizaines de fois par dossier."""
    premier_mot = re.split(r"[\s\-']", sans_accents(nom).lower(), maxsplit=1)[0]
    if premier_mot.startswith("h"):
        return premier_mot not in _H_ASPIRES
    return premier_mot[:1] in ("a", "e", "i", "o", "u")


def article_defini(nom: str, genre: Genre, majuscule: bool = False) -> str:
    """« la Communauté », « le Conseil », « l'Agglomération », « l'Hôtel », « la Hague ».

    Article défini accordé au genre du nom, élidé en « l' » devant une voyelle ou un h muet ;
    `majuscule` pour un début de phrase (« La Communauté »).
    """
    if _elide(nom):
        article = "l'"
    else:
        article = "la " if genre == Genre.FEMININ else "le "
    if majuscule:
        article = article.capitalize()
    return article + nom


_CONTRACTIONS = {"de": {"le": "du", "les": "des"}, "à": {"le": "au", "les": "aux"}}


def _preposition(preposition: str, nom: str, genre: Genre | None) -> str:
    """« de » ou « à » devant un nom, contractés avec l'article le/les (du, des, au, aux).

    Avec un genre, le nom prend d'abord son article défini (« le Conseil » → « du Conseil ») ;
    sans genre, le nom est pris tel qu'écrit, article compris s'il en a un (« le Havre »,
    « les Chambres Consulaires », « l'Agglomération », « Caen »). « de » s'élide devant une
    voyelle ou un h muet (« d'Avranches ») ; « à » ne s'élide jamais.
    """
    texte = article_defini(nom, genre) if genre is not None else nom
    premier, espace, reste = texte.partition(" ")
    contraction = _CONTRACTIONS[preposition].get(premier.lower())
    if contraction and espace:
        return f"{contraction} {reste}"
    if preposition == "de" and _elide(texte):
        return f"d'{texte}"
    return f"{preposition} {texte}"


def de(nom: str, genre: Genre | None = None) -> str:
    """« de la Communauté », « de l'Agglomération », « du Conseil », « de Caen », « d'Avranches »,
    « du Havre », « des Chambres Consulaires » (voir `_preposition`)."""
    return _preposition("de", nom, genre)


def a(nom: str, genre: Genre | None = None) -> str:
    """« au Département », « à la CCI ON », « à l'Agglomération », « aux chambres », « à Caen »."""
    return _preposition("à", nom, genre)


def initiale_minuscule(texte: str) -> str:
    """« Convention triennale… » → « convention triennale… », après « à la » : seule la première lettre change."""
    return texte[:1].lower() + texte[1:]


def initiale_majuscule(texte: str) -> str:
    """« l'Agglomération versera » → « L'Agglomération versera » : seule la première lettre change."""
    return texte[:1].upper() + texte[1:]


def possessif(genre: Genre, nom: str = "") -> str:
    """« son » ou « sa », au genre du titulaire de la fonction (« représentée par sa Présidente »).

    Euphonie : « son » remplace « sa » devant une voyelle ou un h muet (« son Adjointe »).
    """
    if genre == Genre.FEMININ and not _elide(nom):
        return "sa"
    return "son"


def civilite_et_fonction(genre: Genre, fonction: str) -> str:
    """« Monsieur le Président », « Madame la Présidente » : civilité, article et fonction accordés."""
    return f"{_CIVILITES[Genre(genre)]} {article_defini(accorder(fonction, genre), genre)}"


# --- Noms de personnes et listes ----------------------------------------------------------


_CIVILITES_ABREGEES = {"monsieur": "Monsieur", "m": "Monsieur", "mr": "Monsieur", "madame": "Madame", "mme": "Madame"}


def civilite_developpee(texte: str) -> str | None:
    """« M. », « Mr », « monsieur » → « Monsieur » ; « Mme », « MADAME » → « Madame » : la civilité
    d'un tableur, écrite en toutes lettres comme dans les actes ; None si ce n'en est pas une."""
    return _CIVILITES_ABREGEES.get(texte.strip().rstrip(".").lower())


def prenom_nom(prenom: str, nom: str) -> str:
    """« David MARGUERITTE » : nom de famille en capitales, accents gardés (BRIENS, É),
    particules et traits d'union compris (de Boursetty → DE BOURSETTY)."""
    return f"{prenom.strip()} {nom.strip().upper()}"


def nom_complet(civilite: str, prenom: str, nom: str) -> str:
    """« Madame Nicole BELLIOU-DELACOUR » : civilité, prénom, NOM."""
    return f"{civilite} {prenom_nom(prenom, nom)}"


def joindre(elements: list[str]) -> str:
    """Énumération française : « A, B et C », « A et B », « A » ; vide pour une liste vide."""
    if len(elements) < 2:
        return "".join(elements)
    return ", ".join(elements[:-1]) + " et " + elements[-1]


def au_pluriel(mot: str, nombre: int) -> str:
    """« vérifié », « vérifiés » : la marque du pluriel à partir de deux (zéro et un sont au singulier)."""
    return f"{mot}s" if nombre >= 2 else mot


def quantite(nombre: int, nom: str) -> str:
    """« 0 suppléant », « 1 pouvoir », « 2 pouvoirs » : le nombre, puis le nom accordé (`au_pluriel`)."""
    return f"{nombre} {au_pluriel(nom, nombre)}"


def pluriel_nom_compose(nom: str) -> str:
    """« décision de Bureau » → « décisions de Bureau », « délibération » → « délibérations » :
    dans un nom composé avec « de », seul le premier nom prend la marque du pluriel."""
    premier, espace, reste = nom.partition(" ")
    return f"{premier}s{espace}{reste}"


def mention_arrivee(genre: Genre, acte: str, numero: str) -> str:
    """« arrivée à partir du vote de la délibération n°D2024_041 » : le participe s'accorde au membre."""
    return f"{accorder('arrivé', genre)} à partir du vote de la {acte} n°{numero}"


def mention_depart(acte: str, numero: str, premier_vote: bool = False, retour: str | None = None) -> str:
    """« départ avant le vote de la décision de Bureau n°B052_2022 et retour à partir du vote de la
    décision de Bureau n°B053_2022 » ; un départ sans retour avant le premier vote se dit « départ
    avant le vote des décisions de Bureau » (formule de l'acte de référence)."""
    if premier_vote and retour is None:
        return f"départ avant le vote des {pluriel_nom_compose(acte)}"
    mention = f"départ avant le vote de la {acte} n°{numero}"
    return f"{mention} et retour à partir du vote de la {acte} n°{retour}" if retour else mention


def mention_remplacement(genre: Genre, suppleant: str | None = None, mandataire: str | None = None) -> str:
    """« suppléée par Monsieur Marc ROUX » (accordé au titulaire) ou « pouvoir à Monsieur Paul MARTIN »."""
    if suppleant:
        return f"{accorder('suppléé', genre)} par {suppleant}"
    return f"pouvoir à {mandataire}" if mandataire else ""


def avec_mention(nom: str, mention: str) -> str:
    """« Monsieur Antoine DIGARD (départ avant le vote des décisions de Bureau) » ; le nom seul sans mention."""
    return f"{nom} ({mention})" if mention else nom


def non_participation(noms: list[str]) -> str:
    """« Monsieur Karim HADDAD ne prend pas part au vote. » ; « A et B ne prennent pas part au vote. »
    (membres intéressés à l'affaire, L2131-11) ; le texte vide sans personne."""
    if not noms:
        return ""
    verbe = "ne prend" if len(noms) == 1 else "ne prennent"
    return f"{joindre(noms)} {verbe} pas part au vote."


MENTION_SECONDE_CONVOCATION = (
    "Le quorum n'ayant pas été atteint lors d'une première réunion, l'assemblée, à nouveau convoquée, "
    "délibère valablement sans condition de quorum (article L.2121-17 du Code Général des Collectivités Territoriales)."
)
def pronom_sujet(genre: Genre, majuscule: bool = False) -> str:
    """« elle » ou « il » : le pronom qui reprend une partie, au genre de son nom (« Elle pourra moduler… »)."""
    pronom = "elle" if genre == Genre.FEMININ else "il"
    return pronom.capitalize() if majuscule else pronom


_ARTICLES = ("le ", "la ", "les ", "l'", "l’")


def avec_article(nom: str, genre: Genre) -> str:
    """« CCI ON » → « la CCI ON » ; « l'Agglomération », « le Département » restent tels quels :
    un nom qui porte déjà son article (le, la, les, l') ne reçoit pas le sien."""
    if nom.lower().startswith(_ARTICLES):
        return nom
    return article_defini(nom, genre)


def duree_en_annees(annees: int, en_lettres: bool = False) -> str:
    """« 1 an », « 3 ans » (règle du pluriel de `quantite`) ; en lettres, « un an », « trois ans »."""
    if en_lettres:
        return f"{nombre_en_lettres(annees)} {'ans' if annees >= 2 else 'an'}"
    return quantite(annees, "an")


def annees_suivantes(nombre: int) -> str:
    """« l'année suivante » (1), « les deux années suivantes » (2) : le nombre en lettres, accordé.

    Zéro n'a pas de tournure : le modèle ne parle pas des années suivantes d'une convention d'un an.
    """
    if nombre < 1:
        raise ValueError("aucune année suivante")
    if nombre == 1:
        return "l'année suivante"
    return f"les {nombre_en_lettres(nombre)} années suivantes"


# Genre des objets de flux usuels ; un objet absent de la table est pris au féminin (« subvention »).
_GENRES_DES_OBJETS = {
    "subvention": Genre.FEMININ, "participation": Genre.FEMININ, "contribution": Genre.FEMININ,
    "avance": Genre.FEMININ, "cotisation": Genre.FEMININ, "aide": Genre.FEMININ,
    "financement": Genre.MASCULIN, "versement": Genre.MASCULIN, "remboursement": Genre.MASCULIN,
    "loyer": Genre.MASCULIN, "fonds de concours": Genre.MASCULIN, "concours": Genre.MASCULIN,
}


def genre_de_l_objet(objet: str) -> Genre:
    """Le genre d'un objet de flux (« subvention » féminin, « financement » masculin), pour accorder « versé »."""
    return _GENRES_DES_OBJETS.get(objet.strip().lower(), Genre.FEMININ)


def objet_verse_a(objet: str, beneficiaire: str, annee: int) -> str:
    """« Subvention versée à la CCI ON pour 2024 », « Financement versé au Département pour 2024 »."""
    return f"{initiale_majuscule(objet)} {accorder('versé', genre_de_l_objet(objet))} {a(beneficiaire)} pour {non_groupe(annee)}"


def objet_verse_par(objet: str, payeur: str, beneficiaire: str, annee: int) -> str:
    """« Subvention versée par l'Agglomération à la CCI ON en 2025 »."""
    return f"{initiale_majuscule(objet)} {accorder('versé', genre_de_l_objet(objet))} par {payeur} {a(beneficiaire)} en {non_groupe(annee)}"


def abrege(texte: str, longueur: int = 100) -> str:
    """Le texte, coupé à `longueur` caractères, points de suspension compris, s'il est plus long :
    un paragraphe cité dans un message."""
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


def budget_total_de(annee: int) -> str:
    """« Budget total HT 2025 » : la ligne du total d'une année, dans un calcul ou un récapitulatif."""
    return f"Budget total HT {annee}"


def part_demandee(taux: Decimal) -> str:
    """« Part demandée : 50 % » : la ligne du taux d'un flux dans le calcul d'un appel de fonds."""
    return f"Part demandée : {format_pourcentage(taux)}"


def montants_par_annee(montants: list[Decimal], annees: list[int]) -> str:
    """« 29 240 € » si le montant est le même chaque année ; sinon
    « 7 407,40 € en 2024, 7 680 € en 2025 et 7 860,30 € en 2026 »."""
    if len(set(montants)) == 1:
        return format_euros(montants[0])
    return joindre([f"{format_euros(montant)} en {non_groupe(annee)}" for montant, annee in zip(montants, annees)])


def echeancier(echeances: list[tuple[Decimal, str, str]]) -> str:
    """« en deux fois : 60 % (6 000 €) à la signature de la convention et 40 % (4 000 €) sur
    présentation des justificatifs » ; vide pour un versement unique. Chaque échéance :
    (part en %, moment, montants de l'échéance dans une phrase)."""
    if len(echeances) < 2:
        return ""
    fois = f"{nombre_en_lettres(len(echeances))} fois"
    return f"en {fois} : " + joindre([f"{format_pourcentage(part)} ({montants}) {moment}" for part, moment, montants in echeances])


# --- Parties d'une convention --------------------------------------------------------------

Sorte = Literal[
    "epci", "commune", "departement", "region", "chambre_consulaire", "association", "etat",
    "etablissement_public", "entreprise",
]


_NATURES: dict[str, tuple[str, str, str]] = {
    # sorte : (nature dans la désignation, la sorte dans une phrase, acte qui habilite le représentant)
    "epci": ("établissement public de coopération intercommunale", "un EPCI", "décision"),
    "commune": ("collectivité territoriale", "une commune", "délibération du conseil municipal"),
    "departement": ("collectivité territoriale", "un département", "délibération de la commission permanente"),
    "region": ("collectivité territoriale", "une région", "délibération de la commission permanente"),
    "chambre_consulaire": ("établissement public", "une chambre consulaire", "délibération de l'assemblée générale"),
    "association": ("association régie par la loi du 1er juillet 1901", "une association", "décision du conseil d'administration"),
    "etat": ("administration de l'État", "l'État", "arrêté"),
    "etablissement_public": ("établissement public", "un établissement public", "délibération du conseil d'administration"),
    "entreprise": ("société", "une entreprise", "décision"),
}
SORTES: tuple[str, ...] = tuple(_NATURES)


def nature_de_la_sorte(sorte: str) -> str:
    """« établissement public de coopération intercommunale » pour un EPCI, « association régie par
    la loi du 1er juillet 1901 » pour une association : la nature écrite dans la désignation."""
    return _NATURES[sorte][0]


def sorte_en_phrase(sorte: str) -> str:
    """« une chambre consulaire », « une association », « l'État » : la sorte dans un message."""
    return _NATURES[sorte][1]


def habilitation(genre: Genre, sorte: str, date_de_l_acte: str) -> str:
    """« dûment habilité par décision en date du 2 mars 2024 » ; pour une commune, « … par délibération
    du conseil municipal en date du … » : l'acte qui habilite dépend de la sorte de la partie."""
    return f"dûment {accorder('habilité', genre)} par {_NATURES[sorte][2]} en date du {date_de_l_acte}"


def siege_a(voie: str, commune: str) -> str:
    """« 86, rue de l'Exode à Saint-Lô » ; « 1 quai de Southampton au Havre » (à + le → au)."""
    return f"{voie} {a(commune)}"


# --- Nombres en lettres -------------------------------------------------------------------

NOMBRE_MAX = 10**12  # « mille milliards » : au-delà, num2words passe aux billions
_NOMS_NUMERAUX = frozenset({"million", "millions", "milliard", "milliards"})


@functools.lru_cache(maxsize=4096)
def nombre_en_lettres(n: int, orthographe: Orthographe = "traditionnelle") -> str:
    """Un entier de 0 à 999 999 999 999 en toutes lettres, num2words pour moteur.

    Orthographe traditionnelle : trait d'union entre deux numéraux inférieurs à cent, sauf
    avec « et » (vingt-deux, vingt et un, cent un) ; vingt et cent multipliés prennent un s
    en fin de nombre (quatre-vingts, deux cents) ou devant million et milliard, qui sont des
    noms (quatre-vingts millions), mais pas devant mille, invariable (quatre-vingt mille).
    Orthographe de 1990 : les mêmes accords, et un trait d'union entre tous les numéraux
    (vingt-et-un, deux-cents, quatorze-mille-six-cent-vingt) ; million et milliard, noms, ne
    prennent pas de trait d'union (deux millions trois-cent-mille).
    num2words suit ces règles jusqu'aux milliards (vérifié par les tests). Gardé en cache :
    chaque séance redit son année, son jour et son heure, chaque appel de fonds ses montants.
    """
    if not 0 <= n < NOMBRE_MAX:
        raise ValueError(f"{n} : un entier de 0 à 999 999 999 999 est attendu")
    if orthographe not in ("traditionnelle", "1990"):
        raise ValueError(f"orthographe « {orthographe} » inconnue : « traditionnelle » ou « 1990 » attendu")
    from num2words import num2words

    traditionnel = num2words(n, lang="fr")
    if orthographe == "traditionnelle":
        return traditionnel
    mots = traditionnel.split(" ")
    texte = mots[0]
    for precedent, mot in zip(mots, mots[1:]):
        texte += (" " if {precedent, mot} & _NOMS_NUMERAUX else "-") + mot
    return texte


def _au_feminin(nombre: str) -> str:
    """« un » s'accorde devant un nom féminin : une heure, vingt et une minutes."""
    return nombre + "e" if nombre.endswith("un") else nombre



def jours_francs(n: int) -> str:
    """« cinq jours francs », « un jour franc », « aucun jour franc » : le délai de convocation
    en lettres ; « franc » s'accorde avec « jour », singulier sous deux."""
    if n <= 0:
        return "aucun jour franc"
    return f"{nombre_en_lettres(n)} jour{'s' if n >= 2 else ''} franc{'s' if n >= 2 else ''}"


def resultat_du_vote(adoptee: bool) -> str:
    """« adoptée » ou « rejetée » : le participe s'accorde à l'acte, décision ou délibération, féminins."""
    return accorder("adopté" if adoptee else "rejeté", Genre.FEMININ)


def detail_du_vote(pour: int, contre: int, abstention: int, ne_prend_pas_part: int = 0) -> str:
    """« 23 pour, 1 contre, 2 abstentions » ; « 1 ne prend pas part au vote », « 2 ne prennent pas part au vote »."""
    parties = [f"{pour} pour", f"{contre} contre", quantite(abstention, "abstention")]
    if ne_prend_pas_part:
        parties.append(f"{ne_prend_pas_part} {'ne prennent' if ne_prend_pas_part >= 2 else 'ne prend'} pas part au vote")
    return ", ".join(parties)


def qualite_de_seance(fonction: str, genre: Genre | None) -> str:
    """« Le Président de séance », « La secrétaire de séance » : la qualité d'un signataire du
    procès-verbal, accordée à son genre ; au masculin quand la personne n'est pas encore connue."""
    genre = genre or Genre.MASCULIN
    return f"{article_defini(accorder(fonction, genre), genre, majuscule=True)} de séance"


def phrase_quorum(siegent: int, en_exercice: int, quorum: int) -> str:
    """« Le quorum est atteint : 24 membres siègent sur 35 en exercice, 18 étant requis. »"""
    return f"Le quorum est atteint : {quantite(siegent, 'membre')} {'siègent' if siegent >= 2 else 'siège'} sur {en_exercice} en exercice, {quorum} étant requis."

# --- Montants -----------------------------------------------------------------------------

_CENTIME = Decimal("0.01")
_ESPACES_DE_GROUPE = " \u00a0\u202f"
_MONTANT_SAISI = re.compile(
    rf"(?P<entier>\d{{1,3}}(?:[{_ESPACES_DE_GROUPE}]\d{{3}})+|\d+)(?:[.,](?P<decimales>\d+))?"
    rf"(?:[{_ESPACES_DE_GROUPE}]?€)?"
)
_EXEMPLES = "par exemple « 14 620 » ou « 14 620,50 »"
_NEGATIF = "« {} » est négatif : un montant en euros est positif ou nul"
_TROP_DE_DECIMALES = "« {} » a plus de deux décimales : un montant en euros s'écrit au centime près"


def _montant_verifie(montant: Decimal | int, saisie: str | None = None) -> Decimal:
    """Un montant d'acte est positif ou nul, au centime près, et sous mille milliards d'euros."""
    saisie = str(montant) if saisie is None else saisie
    montant = Decimal(montant)
    if montant < 0:
        raise MontantInvalide(_NEGATIF.format(saisie))
    if montant != montant.quantize(_CENTIME):
        raise MontantInvalide(_TROP_DE_DECIMALES.format(saisie))
    if montant >= NOMBRE_MAX:
        raise MontantInvalide(f"« {saisie} » est trop grand : un montant doit rester sous mille milliards d'euros")
    return montant


def lire_montant(texte: str) -> Decimal:
    """Le montant saisi, exactement (« 14620 » → Decimal("14620"), « 14 620,50 € » → Decimal("14620.50")).

    Virgule ou point décimal ; milliers séparés par une espace (ordinaire, insécable U+00A0
    ou fine U+202F) en groupes de trois chiffres ; « € » final facultatif. Plus de deux
    chiffres après la virgule sont refusés même s'ils sont nuls : « 1,500 » est sans doute
    un mille cinq cents mal saisi.
    """
    saisie = texte.strip()
    if not saisie:
        raise MontantInvalide(f"montant vide : un montant en euros est attendu, {_EXEMPLES}")
    if saisie[0] in "-\u2212":
        raise MontantInvalide(_NEGATIF.format(saisie))
    lu = _MONTANT_SAISI.fullmatch(saisie)
    if lu is None:
        raise MontantInvalide(f"« {saisie} » n'est pas un montant : un nombre en euros est attendu, {_EXEMPLES}")
    decimales = lu["decimales"] or ""
    if len(decimales) > 2:
        raise MontantInvalide(_TROP_DE_DECIMALES.format(saisie))
    entier = re.sub(f"[{_ESPACES_DE_GROUPE}]", "", lu["entier"])
    return _montant_verifie(Decimal(f"{entier}.{decimales}" if decimales else entier), saisie)


def _avec_unite(n: int, orthographe: Orthographe, unite: str) -> str:
    """Accord de l'unité : singulier pour zéro et un seuls (zéro euro, un euro, vingt et un
    euros) ; « d'euros » quand million ou milliard termine le nombre (un million d'euros)."""
    mots = nombre_en_lettres(n, orthographe)
    if mots.rsplit(" ", 1)[-1] in _NOMS_NUMERAUX:
        return f"{mots} d'{unite}s"
    return f"{mots} {unite}" if n < 2 else f"{mots} {unite}s"


def euros_en_lettres(montant: Decimal | int, orthographe: Orthographe = "traditionnelle") -> str:
    """« quatorze mille six cent vingt euros et cinquante centimes ».

    Règles : accord de l'unité (un euro, deux euros, zéro euro) ; « d'euros » après million
    ou milliard qui termine le nombre (un million d'euros, mais un million deux cent mille
    euros) ; centimes joints par « et » (trois euros et un centime), jamais « zéro centime »
    pour un montant rond ; sous un euro, les centimes seuls (cinquante centimes).
    """
    montant = _montant_verifie(montant)
    euros = int(montant)
    centimes = int((montant - euros) * 100)
    en_centimes = _avec_unite(centimes, orthographe, "centime")
    if euros == 0 and centimes:
        return en_centimes
    en_euros = _avec_unite(euros, orthographe, "euro")
    return f"{en_euros} et {en_centimes}" if centimes else en_euros


def format_euros(montant: Decimal | int) -> str:
    """« 14 620 € », « 14 620,50 € » : milliers séparés par une espace fine insécable (U+202F),
    virgule décimale, espace insécable (U+00A0) avant € ; centimes affichés seulement s'il y en a."""
    montant = _montant_verifie(montant)
    motif = "#,##0\u00a0€" if montant == montant.to_integral_value() else "#,##0.00\u00a0€"
    return _motif(motif).apply(montant, _locale())


def montant_complet(montant: Decimal | int, orthographe: Orthographe = "traditionnelle") -> str:
    """« 14 620 € (quatorze mille six cent vingt euros) » : le chiffre, puis les lettres."""
    return f"{format_euros(montant)} ({euros_en_lettres(montant, orthographe)})"


def format_nombre(n: int | Decimal) -> str:
    """« 109 650 » : milliers séparés par une espace fine insécable, virgule décimale."""
    return _locale().decimal_formats[None].apply(n, _locale())


def format_taille(octets: int) -> str:
    """« 812 octets », « 12,3 ko », « 1,4 Mo » : la taille d'un fichier, en unités de 1 000."""
    if octets < 1000:
        return quantite(octets, "octet")
    unite, diviseur = next(((u, d) for u, d in (("ko", 10**3), ("Mo", 10**6)) if octets < d * 1000), ("Go", 10**9))
    return f"{_motif('#,##0.#').apply(Decimal(octets) / diviseur, _locale())}\u00a0{unite}"


def nombre_dans_un_message(n: int | Decimal) -> str:
    """« 365 », « 2100 », « 100 000 » : un nombre de quatre chiffres ne se coupe pas (une borne
    d'année se lit « 2100 ») ; au-delà, les milliers sont séparés comme dans `format_nombre`."""
    return format_nombre(n) if abs(n) >= 10_000 else str(n)


def format_pourcentage(valeur: Decimal) -> str:
    """« 40 % », « 33,33 % » pour Decimal("40") et Decimal("33.33") (la valeur est déjà en
    pour cent) : arrondie à deux décimales au plus, espace insécable (U+00A0) avant %."""
    return _motif("#,##0.##\u00a0%").apply(Decimal(valeur) / 100, _locale())


def duree_en_secondes(secondes: float) -> str:
    """« 3,5 s », « 12,0 s » : une durée mesurée, au dixième de seconde, virgule décimale."""
    return _motif("#,##0.0").apply(round(secondes, 1), _locale()) + "\u00a0s"


@functools.cache
def _locale():
    """La locale fr_FR de Babel, chargée une fois."""
    from babel import Locale

    return Locale.parse(LOCALE)


@functools.cache
def _motif(motif: str):
    """Un motif de nombre Babel (« #,##0.00 € »), analysé une fois."""
    from babel.numbers import parse_pattern

    return parse_pattern(motif)


def non_groupe(n: int | str) -> str:
    """« 2022 », « 657363 » : années, numéros d'article et références ne sont jamais groupés par milliers."""
    return str(n)


# --- Dates et heures ----------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _date(d: date, motif: str) -> str:
    """La date selon un motif CLDR (« MMMM y », « EEEE »), en français."""
    from babel.dates import format_date

    return format_date(d, motif, locale=LOCALE)


def _jour_du_mois(d: date) -> str:
    """Le premier du mois s'écrit « 1er » ; les autres jours, en chiffres."""
    return "1er" if d.day == 1 else str(d.day)


def date_longue(d: date) -> str:
    """« 22 novembre 2022 », « 1er novembre 2022 »."""
    return f"{_jour_du_mois(d)} {_date(d, 'MMMM y')}"


def date_avec_jour(d: date) -> str:
    """« mardi 22 novembre 2022 »."""
    return f"{_date(d, 'EEEE')} {date_longue(d)}"


def date_courte(d: date) -> str:
    """« 22/11/2022 »."""
    return _date(d, "dd/MM/yyyy")


def _heures(n: int) -> str:
    """« heure » au singulier sous deux (une heure, zéro heure), « heures » au-delà."""
    return "heure" if n < 2 else "heures"


def heure_courte(t: time) -> str:
    """« 9 heures », « 9 heures 30 », « 1 heure », « 9 heures 05 »."""
    texte = f"{t.hour} {_heures(t.hour)}"
    return f"{texte} {t.minute:02d}" if t.minute else texte


def _annee_capitalisee(annee: int) -> str:
    """« Deux Mille Vingt Deux », « Deux Mille Vingt et Un » : l'année du document de référence,
    chaque numéral capitalisé, sans trait d'union, « et » en minuscules."""
    mots = nombre_en_lettres(annee).replace("-", " ").split(" ")
    return " ".join(mot if mot == "et" else mot.capitalize() for mot in mots)


def formule_seance(d: date, heure: time) -> str:
    """« Le mardi 22 novembre Deux Mille Vingt Deux, à 9 heures » : formule d'ouverture de séance."""
    jour = _date(d, "EEEE")
    mois = _date(d, "MMMM")
    return f"Le {jour} {_jour_du_mois(d)} {mois} {_annee_capitalisee(d.year)}, à {heure_courte(heure)}"


def formule_an(d: date, heure: time) -> str:
    """« L'an deux mille vingt-deux, le vingt-deux novembre, à neuf heures » : formule classique.

    Le premier du mois se dit « le premier » ; heures et minutes sont féminines (à une heure,
    à vingt et une heures, à neuf heures trente et une).
    """
    jour = "premier" if d.day == 1 else nombre_en_lettres(d.day)
    mois = _date(d, "MMMM")
    a_l_heure = f"{_au_feminin(nombre_en_lettres(heure.hour))} {_heures(heure.hour)}"
    if heure.minute:
        a_l_heure += f" {_au_feminin(nombre_en_lettres(heure.minute))}"
    return f"L'an {nombre_en_lettres(d.year)}, le {jour} {mois}, à {a_l_heure}"


# --- Typographie ----------------------------------------------------------------------------

INSECABLE = "\u00a0"  # espace insécable : la seule de la ponctuation (voir le README)
FINE = "\u202f"  # espace fine insécable : entre les milliers d'un nombre
TRAIT_INSECABLE = "\u2011"  # trait d'union insécable : noms propres et mots composés

_FIN_DE_MOT = r"(?=[\s)\]»,.;:!?…]|$)"
_MILLIERS = re.compile(r"(?<![\d.,\u00a0\u202f])\d{1,3}(?: \d{3})+(?![\d])")

# Ce sans quoi aucune règle ne s'applique : un paragraphe qui n'en a pas est laissé tel quel.
_A_COMPOSER = re.compile(r"[:;!?«»°%€]|\d \d|-|[A-Z]{2}|^A ")


def _pas_espace(caractere: str) -> bool:
    return not caractere.isspace()  # `\s` des motifs : espaces insécables comprises


def _lettre_ou_chiffre(caractere: str) -> bool:
    return caractere.isalnum() or caractere == "_"  # `\w` des motifs


# Chaque règle d'espace insécable : le signe qui la déclenche (trouvé par son motif), le côté
# où va l'espace, et ce que doit être le voisin de ce côté pour qu'elle y soit insérée ; une
# espace ordinaire à cette place est remplacée. Chercher le signe d'abord, puis regarder son
# voisin, coûte dix fois moins qu'un motif qui essaie chaque position du texte.
_ESPACES_INSECABLES = (
    # 1. ponctuation haute et guillemet fermant qui terminent un mot
    (re.compile(rf"[:;!?]{_FIN_DE_MOT}"), "avant", _pas_espace),
    (re.compile("»"), "avant", _pas_espace),
    # 2. guillemet ouvrant
    (re.compile("«"), "apres", _pas_espace),
    # 3. « n° »
    (re.compile(r"\b[nN]°"), "apres", _lettre_ou_chiffre),
    # 4. « % » et « € » (après un chiffre)
    (re.compile("[%€]"), "avant", str.isdecimal),
)
# 6. mots composés usuels des actes : le trait d'union (groupe 1) devient insécable
_MOTS_COMPOSES = re.compile(r"\b[cC]i(-)(?=(?:dessus|dessous|après|contre|joint|jointe|joints|jointes|inclus)\b)")
_CHIFFRE_ESPACE_CHIFFRE = re.compile(r"\d \d")


def corrections_typographiques(texte: str) -> list[tuple[int, int, str]]:
    """Ce que `typographie` change dans `texte` : (début, fin, remplacement), dans l'ordre ;
    chaque correction remplace un caractère (fin = début + 1) ou insère (fin = début)."""
    corrections: dict[tuple[int, int], str] = {}
    for motif, cote, inserer_si in _ESPACES_INSECABLES:
        for signe in motif.finditer(texte):
            place = signe.start() - 1 if cote == "avant" else signe.end()  # le voisin du signe
            voisin = texte[place] if 0 <= place < len(texte) else ""
            if voisin == " ":
                corrections[place, place + 1] = INSECABLE
            elif voisin and inserer_si(voisin):
                corrections[(place + 1, place + 1) if cote == "avant" else (place, place)] = INSECABLE
    if "i-" in texte:
        corrections.update({compose.span(1): TRAIT_INSECABLE for compose in _MOTS_COMPOSES.finditer(texte)})
    if _CHIFFRE_ESPACE_CHIFFRE.search(texte):
        for nombre in _MILLIERS.finditer(texte):  # 5. milliers
            corrections.update({(nombre.start() + rang, nombre.start() + rang + 1): FINE for rang, c in enumerate(nombre.group()) if c == " "})
    accentue = accentuer_capitales(texte)  # 7. capitales accentuées (même longueur)
    if accentue != texte:
        corrections.update({(rang, rang + 1): c for rang, (c, avant) in enumerate(zip(accentue, texte)) if c != avant})
    return sorted((debut, fin, remplacement) for (debut, fin), remplacement in corrections.items())


def typographie(texte: str) -> str:
    """Le texte composé à la française, données comme modèles :

    1. espace insécable (U+00A0) avant « : », « ; », « ! », « ? » et « » » quand ils terminent
       un mot : l'espace ordinaire devient insécable, ou l'insécable est ajoutée ; rien dans
       « https:// », « 9:00 » ou « ?a=1 » ;
    2. espace insécable après « « » ;
    3. espace insécable après « n° » (« n° B050_2022 ») ;
    4. espace insécable avant « % » et « € » ;
    5. espace fine insécable (U+202F) entre les milliers d'un nombre (« 14 620 ») ;
    6. trait d'union insécable (U+2011) dans « ci-dessus », « ci-après »… ;
    7. capitales accentuées (`accentuer_capitales`).
    Une espace déjà insécable est gardée : appliquée deux fois, la fonction ne change plus rien.
    """
    return typographie_segments([texte])[0]


def typographie_segments(segments: list[str]) -> list[str]:
    """`typographie` d'un texte découpé en morceaux (les runs d'un paragraphe Word), découpage
    gardé : une règle voit tout le texte, chaque correction va au morceau où elle tombe (une
    insertion entre deux morceaux, à la fin du premier)."""
    return list(composer_paragraphe(tuple(segments)).segments)


@dataclass(frozen=True)
class ParagrapheCompose:
    """Un paragraphe composé : ses morceaux corrigés, et ce que Word écrit autrement que par
    du texte : les morceaux dont un ordinal (« 1er », « 1re », « 2e ») va en exposant, et
    s'il y a des traits d'union insécables."""

    segments: tuple[str, ...]
    ordinaux: tuple[int, ...]
    traits_insecables: bool


@functools.lru_cache(maxsize=8192)
def composer_paragraphe(segments: tuple[str, ...]) -> ParagrapheCompose:
    """`typographie_segments`, et ce qui reste à écrire en Word. Mis en cache : les paragraphes
    d'un modèle reviennent à chaque document, et la plupart de ceux qu'on remplit aussi."""
    composes = _typographie_segments(segments)
    texte = "".join(composes)
    ordinaux = tuple(rang for rang, segment in enumerate(composes) if _CHIFFRE_ET_LETTRE.search(segment) and _ORDINAL.search(segment)) if _CHIFFRE_ET_LETTRE.search(texte) else ()
    return ParagrapheCompose(composes, ordinaux, TRAIT_INSECABLE in texte)


def suffixes_ordinaux(texte: str) -> list[tuple[int, int]]:
    """Où sont, dans `texte`, les suffixes des ordinaux (« er » de « 1er ») : (début, fin)."""
    return [trouve.span(2) for trouve in _ORDINAL.finditer(texte)]


_ORDINAL = re.compile(r"(?<!\w)(\d+)(er|re|e)(?!\w)")
_CHIFFRE_ET_LETTRE = re.compile(r"\d[er]")  # filtre rapide : deux fois moins cher que `_ORDINAL` sur un texte sans ordinal


def _typographie_segments(segments: tuple[str, ...]) -> tuple[str, ...]:
    if not _A_COMPOSER.search("".join(segments)):
        return segments  # la plupart des paragraphes : rien à corriger
    fins = list(itertools.accumulate(len(segment) for segment in segments))
    par_segment: list[list[tuple[int, int, str]]] = [[] for _ in segments]
    for debut, fin, remplacement in corrections_typographiques("".join(segments)):
        caractere = debut if fin > debut else max(debut - 1, 0)
        par_segment[min(bisect.bisect_right(fins, caractere), len(segments) - 1)].append((debut, fin, remplacement))
    resultat = []
    for segment, fin_segment, corrections in zip(segments, fins, par_segment):
        origine = curseur = fin_segment - len(segment)
        morceaux = []
        for debut, fin, remplacement in corrections:
            morceaux += [segment[curseur - origine : debut - origine], remplacement]
            curseur = fin
        resultat.append("".join(morceaux) + segment[curseur - origine :])
    return tuple(resultat)


def nom_insecable(nom: str) -> str:
    """« Jean‑François BEN SALAH » ne se coupe pas dans un nom : traits d'union insécables
    (U+2011) partout, espaces insécables dans le nom de famille (le mot en capitales qui suit
    le prénom : « DE BOURSETTY », « BEN SALAH »)."""
    nom = nom.replace("-", TRAIT_INSECABLE)
    return re.sub(r"(?<=[A-ZÀ-ÖØ-Þ\u2011']{2}) (?=[A-ZÀ-ÖØ-Þ]{2})", INSECABLE, nom)



# Titres écrits sans accents sur les capitales : la forme juste, pour qui écrit les modèles.
_CAPITALES_ACCENTUEES = {
    sans_accents(mot).upper(): mot.upper()
    for mot in (
        "durée", "déontologie", "confidentialité", "répartition", "résiliation", "anticipée", "élection",
        "déploiement", "comité", "responsabilité", "année", "état", "décision", "collectivités", "général",
        "générale", "à", "département", "départemental", "séance", "désignation", "délibération", "exposé",
        "intégralité", "réunion", "modalités", "activités",
    )
}


def accentuer_capitales(texte: str) -> str:
    """« ARTICLE 9 : DUREE » → « ARTICLE 9 : DURÉE », « A l'ouverture » → « À l'ouverture » :
    un mot tout en capitales de la table reprend ses accents ; « A » seul ne devient « À »
    qu'en tête de phrase devant un article élidé ou défini (« A l'ouverture », « A la demande »)."""
    texte = _MOT_EN_CAPITALES.sub(lambda mot: _CAPITALES_ACCENTUEES.get(mot.group(), mot.group()), texte)
    return _A_EN_TETE.sub("À", texte) if texte.startswith("A ") else texte


_MOT_EN_CAPITALES = re.compile(r"\b[A-Z]{2,}\b")
_A_EN_TETE = re.compile(r"^A(?= (?:l'|la |le |les |compter))")


def accorder_liste(mot: str, genres: list[Genre]) -> str:
    """Le titre d'une liste de personnes accordé à ceux qu'elle nomme : « Absente » (une femme),
    « Absent » (un homme), « Absentes » (des femmes seulement), « Absents » (des hommes, ou
    mixte : le masculin l'emporte) ; de même « Excusé(e)s », « Présent(e)s »."""
    feminin = bool(genres) and all(genre == Genre.FEMININ for genre in genres)
    forme = accorder(mot, Genre.FEMININ if feminin else Genre.MASCULIN)
    return forme if len(genres) == 1 else forme + "s"


# --- Filtres Jinja ------------------------------------------------------------------------

FILTRES: dict[str, Callable] = {
    "euros": format_euros,
    "euros_en_lettres": euros_en_lettres,
    "montant_complet": montant_complet,
    "nombre": format_nombre,
    "nombre_en_lettres": nombre_en_lettres,
    "pourcentage": format_pourcentage,
    "non_groupe": non_groupe,
    "date_longue": date_longue,
    "date_avec_jour": date_avec_jour,
    "date_courte": date_courte,
    "heure": heure_courte,
    "formule_seance": formule_seance,
    "formule_an": formule_an,
    "accorder": accorder,
    "article_defini": article_defini,
    "de": de,
    "a": a,
    "initiale_majuscule": initiale_majuscule,
    "initiale_minuscule": initiale_minuscule,
    "possessif": possessif,
    "civilite_et_fonction": civilite_et_fonction,
    "joindre": joindre,
    "pronom_sujet": pronom_sujet,
    "duree_en_annees": duree_en_annees,
    "annees_suivantes": annees_suivantes,
    "montants_par_annee": montants_par_annee,
    "nom_insecable": nom_insecable,
}


# --- Trésorerie : lettres d'appel et de relance ---------------------------------------------


def lieu_et_date(lieu: str, jour: date) -> str:
    """« Cherbourg-en-Cotentin, le 15 janvier 2023 » : la ligne de date d'une lettre."""
    return f"{lieu}, le {date_longue(jour)}"


def vocatif(civilite: str | None, genre: Genre | None, fonction: str | None) -> str:
    """« Monsieur le Président », « Madame la Présidente » : comment la lettre s'adresse au
    représentant du destinataire (en appel et dans la formule de politesse) ; « Madame,
    Monsieur » quand il n'est pas encore connu."""
    if civilite is None or genre is None or fonction is None:
        return "Madame, Monsieur"
    return civilite_et_fonction(genre, fonction)


def versement_recu(objet: str, beneficiaire: str, jour: date, reference: str) -> str:
    """« Subvention versée à la CCI ON le 22 avril 2025 (appel AF-2025-01) » : une ligne de calcul."""
    return f"{initiale_majuscule(objet)} {accorder('versé', genre_de_l_objet(objet))} {a(beneficiaire)} le {date_longue(jour)} (appel {reference})"


def attente_du_paiement(references: tuple[str, ...]) -> str:
    """« il attend le paiement de l'appel AF-2025-01 » : pourquoi un appel fondé sur un autre n'est pas encore émis."""
    return f"il attend le paiement de l'appel {', '.join(references)}"


def fondement_du_montant(versements: list[tuple[Decimal, date, str]]) -> str:
    """La base d'un appel qui suit un autre paiement, dite au lecteur : les versements
    enregistrés (montant, date, appel réglé), ou le budget prévu quand il n'y en a aucun."""
    if not versements:
        return "Ce montant est calculé sur le budget prévu par la convention."
    cites = joindre([f"{format_euros(montant)} le {date_longue(jour)} en règlement de l'appel de fonds {reference}" for montant, jour, reference in versements])
    return f"Ce montant est calculé sur {'le versement effectué' if len(versements) == 1 else 'les versements effectués'} : {cites}."


_ORDINAUX = {1: "première", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième"}


def nieme_relance(rang: int) -> str:
    """« première relance », « deuxième relance » ; au-delà de la cinquième, « 6e relance »."""
    return f"{_ORDINAUX.get(rang, f'{rang}e')} relance"
