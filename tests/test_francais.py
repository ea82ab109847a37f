"""Le français des actes : chaque règle de `generateur.francais` prouvée par une table
(attendus écrits d'après la grammaire, pas recopiés de la sortie) ou par une propriété."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment
from text_to_num import text2num

from generateur import francais
from generateur.exceptions import ErreurGenerateur, MontantInvalide
from generateur.francais import (
    FILTRES,
    a,
    initiale_majuscule,
    Genre,
    accorder,
    article_defini,
    civilite_et_fonction,
    date_avec_jour,
    date_courte,
    date_longue,
    de,
    euros_en_lettres,
    format_euros,
    format_nombre,
    format_pourcentage,
    formule_an,
    formule_seance,
    genre_de_civilite,
    heure_courte,
    joindre,
    lire_montant,
    montant_complet,
    nom_complet,
    nombre_en_lettres,
    possessif,
    prenom_nom,
    quantite,
)

FINE = "\u202f"  # espace fine insécable : séparateur des milliers
INSECABLE = "\u00a0"  # espace insécable : avant € et %
M, F = Genre.MASCULIN, Genre.FEMININ


# --- Montants en lettres, orthographe traditionnelle --------------------------------------

EUROS_TRADITIONNELS = [
    # centimes seuls, sous un euro
    ("0.01", "un centime"),
    ("0.02", "deux centimes"),
    ("0.21", "vingt et un centimes"),
    ("0.50", "cinquante centimes"),
    ("0.80", "quatre-vingts centimes"),
    ("0.99", "quatre-vingt-dix-neuf centimes"),
    # singulier pour zéro et un seuls
    ("0", "zéro euro"),
    ("1", "un euro"),
    ("1.01", "un euro et un centime"),
    ("2", "deux euros"),
    ("3.01", "trois euros et un centime"),
    # moins de cent : trait d'union, sauf avec « et »
    ("10", "dix euros"),
    ("11", "onze euros"),
    ("16", "seize euros"),
    ("17", "dix-sept euros"),
    ("20", "vingt euros"),
    ("21", "vingt et un euros"),
    ("22", "vingt-deux euros"),
    ("30", "trente euros"),
    ("31", "trente et un euros"),
    ("41", "quarante et un euros"),
    ("51", "cinquante et un euros"),
    ("61", "soixante et un euros"),
    ("70", "soixante-dix euros"),
    ("71", "soixante et onze euros"),
    ("72", "soixante-douze euros"),
    ("77", "soixante-dix-sept euros"),
    # quatre-vingts : s final seulement en fin de nombre, pas de « et » à 81 ni 91
    ("80", "quatre-vingts euros"),
    ("81", "quatre-vingt-un euros"),
    ("90", "quatre-vingt-dix euros"),
    ("91", "quatre-vingt-onze euros"),
    ("99", "quatre-vingt-dix-neuf euros"),
    # cent : s seulement multiplié et en fin de nombre
    ("100", "cent euros"),
    ("101", "cent un euros"),
    ("121", "cent vingt et un euros"),
    ("180", "cent quatre-vingts euros"),
    ("181", "cent quatre-vingt-un euros"),
    ("200", "deux cents euros"),
    ("201", "deux cent un euros"),
    ("280", "deux cent quatre-vingts euros"),
    ("300", "trois cents euros"),
    ("999", "neuf cent quatre-vingt-dix-neuf euros"),
    # mille : invariable, jamais « un mille », et vingt/cent ne s'accordent pas devant lui
    ("1000", "mille euros"),
    ("1001", "mille un euros"),
    ("1080", "mille quatre-vingts euros"),
    ("1100", "mille cent euros"),
    ("1200", "mille deux cents euros"),
    ("2000", "deux mille euros"),
    ("2021", "deux mille vingt et un euros"),
    ("7310", "sept mille trois cent dix euros"),
    ("14620", "quatorze mille six cent vingt euros"),
    ("14620.50", "quatorze mille six cent vingt euros et cinquante centimes"),
    ("21930", "vingt et un mille neuf cent trente euros"),
    ("29240", "vingt-neuf mille deux cent quarante euros"),
    ("36550", "trente-six mille cinq cent cinquante euros"),
    ("43860", "quarante-trois mille huit cent soixante euros"),
    ("80000", "quatre-vingt mille euros"),
    ("81000", "quatre-vingt-un mille euros"),
    ("100000", "cent mille euros"),
    ("109650", "cent neuf mille six cent cinquante euros"),
    ("180000", "cent quatre-vingt mille euros"),
    ("200000", "deux cent mille euros"),
    ("200001", "deux cent mille un euros"),
    (
        "999999.99",
        "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf euros"
        " et quatre-vingt-dix-neuf centimes",
    ),
    # million, milliard : des noms, qui s'accordent et prennent « d'euros » en fin de nombre
    ("1000000", "un million d'euros"),
    ("1000000.50", "un million d'euros et cinquante centimes"),
    ("1000001", "un million un euros"),
    ("1200000", "un million deux cent mille euros"),
    ("2000000", "deux millions d'euros"),
    ("2500000", "deux millions cinq cent mille euros"),
    ("80000000", "quatre-vingts millions d'euros"),
    ("200000000", "deux cents millions d'euros"),
    ("201000000", "deux cent un millions d'euros"),
    ("1000000000", "un milliard d'euros"),
    ("1001000000", "un milliard un million d'euros"),
    ("1000001000", "un milliard mille euros"),
    ("3000000000", "trois milliards d'euros"),
    ("3000000001", "trois milliards un euros"),
    ("2000000000.01", "deux milliards d'euros et un centime"),
    (
        "999999999999.99",
        "neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions"
        " neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf euros"
        " et quatre-vingt-dix-neuf centimes",
    ),
]


@pytest.mark.parametrize(("montant", "attendu"), EUROS_TRADITIONNELS)
def test_euros_en_lettres_suit_l_orthographe_traditionnelle(montant, attendu):
    assert euros_en_lettres(Decimal(montant)) == attendu


def test_million_suivi_de_rien_prend_d_euros():
    assert euros_en_lettres(Decimal("2000000")) == "deux millions d'euros"
    assert euros_en_lettres(Decimal("1200000")) == "un million deux cent mille euros"


def test_montant_rond_ne_dit_jamais_zero_centime():
    assert euros_en_lettres(Decimal("14620.00")) == "quatorze mille six cent vingt euros"


def test_montant_entier_accepte_comme_decimal():
    assert euros_en_lettres(14620) == "quatorze mille six cent vingt euros"


# --- Orthographe de 1990 ------------------------------------------------------------------

EUROS_1990 = [
    ("21", "vingt-et-un euros"),
    ("71", "soixante-et-onze euros"),
    ("80", "quatre-vingts euros"),
    ("81", "quatre-vingt-un euros"),
    ("100", "cent euros"),
    ("101", "cent-un euros"),
    ("200", "deux-cents euros"),
    ("201", "deux-cent-un euros"),
    ("1000", "mille euros"),
    ("1001", "mille-un euros"),
    ("2000", "deux-mille euros"),
    ("14620", "quatorze-mille-six-cent-vingt euros"),
    ("21930", "vingt-et-un-mille-neuf-cent-trente euros"),
    ("80000", "quatre-vingt-mille euros"),
    ("200000", "deux-cent-mille euros"),
    ("1000000", "un million d'euros"),
    ("1200000", "un million deux-cent-mille euros"),
    ("2000000", "deux millions d'euros"),
    ("200000000", "deux-cents millions d'euros"),
    ("3000000000", "trois milliards d'euros"),
    ("14620.50", "quatorze-mille-six-cent-vingt euros et cinquante centimes"),
    ("0.21", "vingt-et-un centimes"),
    ("1.01", "un euro et un centime"),
]


@pytest.mark.parametrize(("montant", "attendu"), EUROS_1990)
def test_orthographe_1990_lie_tous_les_numeraux_sauf_million_et_milliard(montant, attendu):
    assert euros_en_lettres(Decimal(montant), "1990") == attendu


@given(st.integers(min_value=0, max_value=999_999_999_999))
@settings(max_examples=500)
def test_orthographe_1990_ne_change_que_les_traits_d_union(n):
    assert nombre_en_lettres(n, "1990").replace("-", " ") == nombre_en_lettres(n).replace("-", " ")


def relire(mots: str) -> int:
    """Le nombre que text2num lit dans des mots. text2num (3.1) lit les deux orthographes, mais
    refuse une chaîne à traits d'union qui commence par « dix- » et se poursuit par cent ou mille
    (« dix-mille », « dix-sept-cents ») : on lui donne donc les numéraux séparés par des espaces,
    ce qui ne perd rien, la propriété ci-dessus prouvant que 1990 ne change que les traits
    d'union. Il ignore aussi le s de vingt et de cent, dont l'accord est prouvé par les tables."""
    return text2num(mots.replace("-", " "), "fr")


@pytest.mark.parametrize("orthographe", ["traditionnelle", "1990"])
@given(n=st.integers(min_value=0, max_value=999_999_999_999))
@settings(max_examples=500)
def test_nombre_en_lettres_se_relit_en_le_meme_nombre(orthographe, n):
    assert relire(nombre_en_lettres(n, orthographe)) == n


_EN_LETTRES = re.compile(r"(?:(?P<euros>.+?) (?:d'euros|euros?))?(?:(?: et )?(?P<centimes>.+) centimes?)?")


@pytest.mark.parametrize("orthographe", ["traditionnelle", "1990"])
@given(centimes=st.integers(min_value=0, max_value=10**14 - 1))
@settings(max_examples=500)
def test_euros_en_lettres_se_relit_en_le_meme_montant(orthographe, centimes):
    montant = Decimal(centimes).scaleb(-2)
    texte = euros_en_lettres(montant, orthographe)
    lu = _EN_LETTRES.fullmatch(texte)
    assert relire(lu["euros"] or "zéro") + Decimal(relire(lu["centimes"] or "zéro")) / 100 == montant
    assert "zéro centime" not in texte


@pytest.mark.parametrize("n", [-1, 10**12])
def test_nombre_en_lettres_refuse_hors_de_zero_a_mille_milliards(n):
    with pytest.raises(ValueError):
        nombre_en_lettres(n)


def test_orthographe_inconnue_refusee():
    with pytest.raises(ValueError, match="« 1878 » inconnue"):
        nombre_en_lettres(3, "1878")


# --- Lecture des montants saisis ----------------------------------------------------------

MONTANTS_ACCEPTES = [
    ("14620", "14620"),
    ("14620.50", "14620.50"),
    ("14620,50", "14620.50"),
    ("14 620,50", "14620.50"),
    (f"14{INSECABLE}620,50", "14620.50"),
    (f"14{FINE}620,50", "14620.50"),
    ("14 620 €", "14620"),
    ("14620€", "14620"),
    ("14 620,50 €", "14620.50"),
    (f"14{FINE}620,50{INSECABLE}€", "14620.50"),
    ("  14620  ", "14620"),
    ("0", "0"),
    ("0,5", "0.5"),
    ("1 000 000", "1000000"),
    ("999 999 999 999,99", "999999999999.99"),
]


@pytest.mark.parametrize(("saisie", "attendu"), MONTANTS_ACCEPTES)
def test_lire_montant_rend_exactement_le_decimal_saisi(saisie, attendu):
    lu = lire_montant(saisie)
    assert isinstance(lu, Decimal)
    assert str(lu) == attendu


EXEMPLES = "par exemple « 14 620 » ou « 14 620,50 »"
MONTANTS_REFUSES = [
    ("", f"montant vide : un montant en euros est attendu, {EXEMPLES}"),
    ("   ", f"montant vide : un montant en euros est attendu, {EXEMPLES}"),
    ("abc", f"« abc » n'est pas un montant : un nombre en euros est attendu, {EXEMPLES}"),
    ("NaN", f"« NaN » n'est pas un montant : un nombre en euros est attendu, {EXEMPLES}"),
    ("12e3", f"« 12e3 » n'est pas un montant : un nombre en euros est attendu, {EXEMPLES}"),
    ("14.620,50", f"« 14.620,50 » n'est pas un montant : un nombre en euros est attendu, {EXEMPLES}"),
    ("1,234.56", f"« 1,234.56 » n'est pas un montant : un nombre en euros est attendu, {EXEMPLES}"),
    ("14 62", f"« 14 62 » n'est pas un montant : un nombre en euros est attendu, {EXEMPLES}"),
    ("14620 EUR", f"« 14620 EUR » n'est pas un montant : un nombre en euros est attendu, {EXEMPLES}"),
    ("-5", "« -5 » est négatif : un montant en euros est positif ou nul"),
    ("\u22125", "« \u22125 » est négatif : un montant en euros est positif ou nul"),
    ("14620,505", "« 14620,505 » a plus de deux décimales : un montant en euros s'écrit au centime près"),
    ("1,500", "« 1,500 » a plus de deux décimales : un montant en euros s'écrit au centime près"),
    (
        "1 000 000 000 000",
        "« 1 000 000 000 000 » est trop grand : un montant doit rester sous mille milliards d'euros",
    ),
]


@pytest.mark.parametrize(("saisie", "message"), MONTANTS_REFUSES)
def test_lire_montant_refuse_avec_un_message_francais(saisie, message):
    with pytest.raises(MontantInvalide) as erreur:
        lire_montant(saisie)
    assert str(erreur.value) == message


def test_montant_invalide_est_une_erreur_du_generateur_et_une_valeur_invalide():
    with pytest.raises(ErreurGenerateur):
        lire_montant("abc")
    with pytest.raises(ValueError):
        lire_montant("abc")


@pytest.mark.parametrize(
    ("montant", "message"),
    [
        ("-1", "« -1 » est négatif : un montant en euros est positif ou nul"),
        ("1.005", "« 1.005 » a plus de deux décimales : un montant en euros s'écrit au centime près"),
        ("1E+12", "« 1E+12 » est trop grand : un montant doit rester sous mille milliards d'euros"),
    ],
)
@pytest.mark.parametrize("formateur", [euros_en_lettres, format_euros, montant_complet])
def test_montant_formate_negatif_ou_sous_le_centime_est_refuse(formateur, montant, message):
    with pytest.raises(MontantInvalide) as erreur:
        formateur(Decimal(montant))
    assert str(erreur.value) == message


def test_decimal_de_bout_en_bout_sans_erreur_d_arrondi():
    somme = lire_montant("0,1") + lire_montant("0,2")
    assert somme == Decimal("0.3")
    assert format_euros(somme) == f"0,30{INSECABLE}€"
    assert euros_en_lettres(somme) == "trente centimes"


@given(centimes=st.integers(min_value=0, max_value=10**14 - 1))
@settings(max_examples=300)
def test_montant_affiche_se_relit_en_le_meme_montant(centimes):
    montant = Decimal(centimes).scaleb(-2)
    assert lire_montant(format_euros(montant)) == montant


# --- Chiffres : euros, nombres, pourcentages ----------------------------------------------

@pytest.mark.parametrize(
    ("montant", "attendu"),
    [
        ("14620", f"14{FINE}620{INSECABLE}€"),
        ("14620.00", f"14{FINE}620{INSECABLE}€"),
        ("14620.50", f"14{FINE}620,50{INSECABLE}€"),
        ("14620.5", f"14{FINE}620,50{INSECABLE}€"),
        ("3.01", f"3,01{INSECABLE}€"),
        ("0", f"0{INSECABLE}€"),
        ("7310", f"7{FINE}310{INSECABLE}€"),
        ("109650", f"109{FINE}650{INSECABLE}€"),
        ("1000000", f"1{FINE}000{FINE}000{INSECABLE}€"),
    ],
)
def test_euros_groupes_par_espace_fine_et_centimes_seulement_s_il_y_en_a(montant, attendu):
    assert format_euros(Decimal(montant)) == attendu


def test_montant_complet_donne_le_chiffre_puis_les_lettres():
    assert montant_complet(Decimal("14620")) == f"14{FINE}620{INSECABLE}€ (quatorze mille six cent vingt euros)"
    assert montant_complet(Decimal("21930"), "1990") == (
        f"21{FINE}930{INSECABLE}€ (vingt-et-un-mille-neuf-cent-trente euros)"
    )


@pytest.mark.parametrize(
    ("n", "attendu"),
    [(24, "24"), (109650, f"109{FINE}650"), (Decimal("1234.5"), f"1{FINE}234,5"), (1000000, f"1{FINE}000{FINE}000")],
)
def test_nombre_groupe_par_milliers_a_la_francaise(n, attendu):
    assert format_nombre(n) == attendu


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        ("40", f"40{INSECABLE}%"),
        ("20", f"20{INSECABLE}%"),
        ("100", f"100{INSECABLE}%"),
        ("0", f"0{INSECABLE}%"),
        ("33.33", f"33,33{INSECABLE}%"),
        ("12.5", f"12,5{INSECABLE}%"),
    ],
)
def test_pourcentage_exprime_en_pour_cent_avec_espace_insecable(valeur, attendu):
    assert format_pourcentage(Decimal(valeur)) == attendu


def test_annees_et_references_jamais_groupees():
    """Le filtre `nombre` grouperait l'année ; `non_groupe` la laisse telle quelle, dans un vrai modèle Jinja."""
    from generateur.rendu.word import environnement

    modele = environnement().from_string("{{ 2022 | nombre }} / {{ 2022 | non_groupe }} / {{ 657363 | non_groupe }}")
    assert modele.render() == f"2{FINE}022 / 2022 / 657363"


# --- Dates et heures ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("jour", "longue", "avec_jour", "courte"),
    [
        (date(2022, 11, 22), "22 novembre 2022", "mardi 22 novembre 2022", "22/11/2022"),
        (date(2022, 11, 1), "1er novembre 2022", "mardi 1er novembre 2022", "01/11/2022"),
        (date(2023, 2, 2), "2 février 2023", "jeudi 2 février 2023", "02/02/2023"),
        (date(2023, 8, 15), "15 août 2023", "mardi 15 août 2023", "15/08/2023"),
    ],
)
def test_dates_ecrivent_1er_pour_le_premier_du_mois(jour, longue, avec_jour, courte):
    assert date_longue(jour) == longue
    assert date_avec_jour(jour) == avec_jour
    assert date_courte(jour) == courte


@pytest.mark.parametrize(
    ("heure", "attendu"),
    [
        (time(9, 0), "9 heures"),
        (time(9, 30), "9 heures 30"),
        (time(9, 5), "9 heures 05"),
        (time(14, 0), "14 heures"),
        (time(1, 0), "1 heure"),
        (time(0, 0), "0 heure"),
    ],
)
def test_heure_au_singulier_sous_deux(heure, attendu):
    assert heure_courte(heure) == attendu


@pytest.mark.parametrize(
    ("jour", "heure", "attendu"),
    [
        (date(2022, 11, 22), time(9, 0), "Le mardi 22 novembre Deux Mille Vingt Deux, à 9 heures"),
        (date(2021, 11, 1), time(9, 30), "Le lundi 1er novembre Deux Mille Vingt et Un, à 9 heures 30"),
        (date(2000, 6, 15), time(14, 0), "Le jeudi 15 juin Deux Mille, à 14 heures"),
        (date(2022, 11, 22), time(1, 0), "Le mardi 22 novembre Deux Mille Vingt Deux, à 1 heure"),
    ],
)
def test_formule_de_seance_ecrit_l_annee_capitalisee_sans_trait_d_union(jour, heure, attendu):
    assert formule_seance(jour, heure) == attendu


@pytest.mark.parametrize(
    ("jour", "heure", "attendu"),
    [
        (date(2022, 11, 22), time(9, 0), "L'an deux mille vingt-deux, le vingt-deux novembre, à neuf heures"),
        (date(2022, 11, 1), time(9, 30), "L'an deux mille vingt-deux, le premier novembre, à neuf heures trente"),
        (date(2021, 3, 21), time(1, 0), "L'an deux mille vingt et un, le vingt et un mars, à une heure"),
        (date(2000, 1, 31), time(21, 0), "L'an deux mille, le trente et un janvier, à vingt et une heures"),
        (date(2022, 11, 22), time(12, 0), "L'an deux mille vingt-deux, le vingt-deux novembre, à douze heures"),
        (date(2022, 11, 22), time(18, 1), "L'an deux mille vingt-deux, le vingt-deux novembre, à dix-huit heures une"),
    ],
)
def test_formule_l_an_accorde_heures_et_minutes_au_feminin(jour, heure, attendu):
    assert formule_an(jour, heure) == attendu


# --- Genre et accords ---------------------------------------------------------------------

def test_genre_de_civilite():
    assert genre_de_civilite("Monsieur") is M
    assert genre_de_civilite("Madame") is F


@pytest.mark.parametrize("civilite", ["Mademoiselle", "M.", "madame", ""])
def test_civilite_inconnue_refusee(civilite):
    with pytest.raises(ValueError, match="« Monsieur » ou « Madame » attendu"):
        genre_de_civilite(civilite)


ACCORDS = [
    ("Président", "Présidente"),  # règle générale : + e
    ("Vice-Président", "Vice-Présidente"),  # mot composé : accord sur la fin
    ("Adjoint", "Adjointe"),
    ("représenté", "représentée"),  # participes passés
    ("habilité", "habilitée"),
    ("dénommé", "dénommée"),
    ("suppléé", "suppléée"),
    ("Délégué", "Déléguée"),
    ("élu", "élue"),
    ("Directeur", "Directrice"),  # -teur → -trice
    ("Administrateur", "Administratrice"),
    ("Conseiller", "Conseillère"),  # -er → -ère
    ("Trésorier", "Trésorière"),
    ("Maire", "Maire"),  # épicène en -e
    ("Secrétaire", "Secrétaire"),
    ("Présidente", "Présidente"),  # déjà au féminin
    ("Chef", "Cheffe"),  # féminins irréguliers
    ("Rapporteur", "Rapporteure"),
    ("PRÉSIDENT", "PRÉSIDENTE"),  # la casse est gardée
]


@pytest.mark.parametrize(("masculin", "feminin"), ACCORDS)
def test_accord_au_feminin_des_fonctions_et_participes(masculin, feminin):
    assert accorder(masculin, F) == feminin
    assert accorder(masculin, "feminin") == feminin  # le genre tel qu'un modèle le passe


@pytest.mark.parametrize("mot", [masculin for masculin, _ in ACCORDS])
def test_masculin_rend_le_mot_inchange(mot):
    assert accorder(mot, M) == mot


ARTICLES = [
    ("Communauté d'Agglomération du Cotentin", F, "la Communauté d'Agglomération du Cotentin"),
    ("Conseil Départemental de la Manche", M, "le Conseil Départemental de la Manche"),
    ("Agglomération", F, "l'Agglomération"),
    ("Établissement public", M, "l'Établissement public"),
    ("État", M, "l'État"),
    ("Île-de-France", F, "l'Île-de-France"),
    ("Office de tourisme", M, "l'Office de tourisme"),
    ("Université de Caen", F, "l'Université de Caen"),
    ("Hôtel de ville", M, "l'Hôtel de ville"),  # h muet
    ("habitat", M, "l'habitat"),
    ("Hague", F, "la Hague"),  # h aspiré
    ("Havre", M, "le Havre"),
    ("Haute Autorité de santé", F, "la Haute Autorité de santé"),
    ("Haute-Normandie", F, "la Haute-Normandie"),
]


@pytest.mark.parametrize(("nom", "genre", "attendu"), ARTICLES)
def test_article_defini_elide_devant_voyelle_ou_h_muet(nom, genre, attendu):
    assert article_defini(nom, genre) == attendu


@pytest.mark.parametrize(
    ("nom", "genre", "attendu"),
    [
        ("Communauté d'Agglomération du Cotentin", F, "La Communauté d'Agglomération du Cotentin"),
        ("Bureau", M, "Le Bureau"),
        ("Agglomération", F, "L'Agglomération"),
    ],
)
def test_article_defini_en_debut_de_phrase(nom, genre, attendu):
    assert article_defini(nom, genre, majuscule=True) == attendu


@pytest.mark.parametrize(
    ("nom", "genre", "attendu"),
    [
        ("Conseil Départemental de la Manche", M, "du Conseil Départemental de la Manche"),
        ("Communauté d'Agglomération du Cotentin", F, "de la Communauté d'Agglomération du Cotentin"),
        ("Agglomération", F, "de l'Agglomération"),
        ("Établissement public", M, "de l'Établissement public"),
        ("Havre", M, "du Havre"),
    ],
)
def test_de_le_se_contracte_en_du(nom, genre, attendu):
    assert de(nom, genre) == attendu


@pytest.mark.parametrize(
    ("ville", "attendu"),
    [
        ("Caen", "de Caen"),
        ("Avranches", "d'Avranches"),
        ("Évreux", "d'Évreux"),
        ("Honfleur", "d'Honfleur"),
        ("La Rochelle", "de La Rochelle"),
        ("Le Havre", "du Havre"),
        ("Les Sables-d'Olonne", "des Sables-d'Olonne"),
    ],
)
def test_de_devant_une_ville_s_elide_et_se_contracte(ville, attendu):
    assert de(ville) == attendu


@pytest.mark.parametrize(
    ("genre", "nom", "attendu"),
    [(M, "", "son"), (F, "", "sa"), (F, "Présidente", "sa"), (F, "Adjointe", "son"), (M, "Adjoint", "son")],
)
def test_possessif_au_genre_du_representant_et_son_devant_voyelle(genre, nom, attendu):
    assert possessif(genre, nom) == attendu


@pytest.mark.parametrize(
    ("genre", "fonction", "attendu"),
    [
        (M, "Président", "Monsieur le Président"),
        (F, "Président", "Madame la Présidente"),
        (F, "Vice-Président", "Madame la Vice-Présidente"),
        (M, "Maire", "Monsieur le Maire"),
        (F, "Maire", "Madame la Maire"),
        (F, "Adjoint", "Madame l'Adjointe"),
    ],
)
def test_civilite_et_fonction_accordees(genre, fonction, attendu):
    assert civilite_et_fonction(genre, fonction) == attendu


@pytest.mark.parametrize(
    ("civilite", "prenom", "nom", "attendu"),
    [
        ("Madame", "Nicole", "Belliou-Delacour", "Madame Nicole BELLIOU-DELACOUR"),
        ("Monsieur", "Olivier", "de Boursetty", "Monsieur Olivier DE BOURSETTY"),
        ("Monsieur", "Jean-François", "Lamotte", "Monsieur Jean-François LAMOTTE"),
        ("Madame", "Hélène", "Lefèvre", "Madame Hélène LEFÈVRE"),
        ("Monsieur", "Éric", "Éluard", "Monsieur Éric ÉLUARD"),
        ("Monsieur", " David ", "MARGUERITTE ", "Monsieur David MARGUERITTE"),
    ],
)
def test_nom_de_famille_en_capitales_accents_et_particules_gardes(civilite, prenom, nom, attendu):
    assert nom_complet(civilite, prenom, nom) == attendu
    assert prenom_nom(prenom, nom) == attendu.split(" ", 1)[1]


@pytest.mark.parametrize(
    ("elements", "attendu"),
    [
        ([], ""),
        (["A"], "A"),
        (["A", "B"], "A et B"),
        (["A", "B", "C"], "A, B et C"),
        (
            [
                "la CCI Ouest Normandie",
                "la Chambre des Métiers de Normandie",
                "le Conseil Départemental de la Manche",
            ],
            "la CCI Ouest Normandie, la Chambre des Métiers de Normandie et le Conseil Départemental de la Manche",
        ),
    ],
)
def test_enumeration_virgules_puis_et_avant_le_dernier(elements, attendu):
    assert joindre(elements) == attendu


# --- Filtres Jinja ------------------------------------------------------------------------

def rendre(source: str, **contexte) -> str:
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    env.filters.update(FILTRES)
    return env.from_string(source).render(**contexte)


@pytest.mark.parametrize(
    ("source", "contexte", "attendu"),
    [
        (
            "{{ m | montant_complet }}",
            {"m": Decimal("14620")},
            f"14{FINE}620{INSECABLE}€ (quatorze mille six cent vingt euros)",
        ),
        ("{{ m | euros }}", {"m": Decimal("43860")}, f"43{FINE}860{INSECABLE}€"),
        ("{{ m | euros_en_lettres('1990') }}", {"m": Decimal("200")}, "deux-cents euros"),
        ("{{ t | pourcentage }}", {"t": Decimal("40")}, f"40{INSECABLE}%"),
        ("{{ n | nombre }}", {"n": 109650}, f"109{FINE}650"),
        ("{{ n | nombre_en_lettres }}", {"n": 21}, "vingt et un"),
        ("{{ a | non_groupe }}", {"a": 2022}, "2022"),
        ("{{ d | date_longue }}", {"d": date(2022, 11, 1)}, "1er novembre 2022"),
        ("{{ d | date_avec_jour }}", {"d": date(2022, 11, 22)}, "mardi 22 novembre 2022"),
        ("{{ d | date_courte }}", {"d": date(2022, 11, 22)}, "22/11/2022"),
        ("{{ h | heure }}", {"h": time(9, 30)}, "9 heures 30"),
        (
            "{{ d | formule_seance(h) }}",
            {"d": date(2022, 11, 22), "h": time(9, 0)},
            "Le mardi 22 novembre Deux Mille Vingt Deux, à 9 heures",
        ),
        (
            "{{ d | formule_an(h) }}",
            {"d": date(2022, 11, 22), "h": time(9, 0)},
            "L'an deux mille vingt-deux, le vingt-deux novembre, à neuf heures",
        ),
        ("{{ v | de }}", {"v": "Caen"}, "de Caen"),
        ('{{ "Président" | accorder(g) }}', {"g": F}, "Présidente"),
        ('{{ "Président" | accorder(g) }}', {"g": M}, "Président"),
        ("{{ c | article_defini(g, majuscule=True) }}", {"c": "Agglomération", "g": F}, "L'Agglomération"),
        ("{{ c | de(g) }}", {"c": "Conseil Départemental", "g": M}, "du Conseil Départemental"),
        ('{{ g | civilite_et_fonction("Président") }}', {"g": F}, "Madame la Présidente"),
        ("{{ noms | joindre }}", {"noms": ["A", "B", "C"]}, "A, B et C"),
    ],
)
def test_filtres_dans_un_modele(source, contexte, attendu):
    assert rendre(source, **contexte) == attendu


def test_participe_accorde_a_l_organisme_et_possessif_au_representant():
    source = (
        '{{ "représenté" | accorder(organisme) }} par '
        '{{ personne | possessif }} {{ "Président" | accorder(personne) }}'
    )
    assert rendre(source, organisme=F, personne=M) == "représentée par son Président"
    assert rendre(source, organisme=M, personne=F) == "représenté par sa Présidente"


def test_chaque_filtre_figure_dans_la_table_du_module():
    table = francais.__doc__
    for nom in FILTRES:
        assert re.search(rf"^    {nom} ", table, re.MULTILINE), nom


@pytest.mark.parametrize(
    ("nombre", "nom", "attendu"),
    [(0, "suppléant", "0 suppléant"), (1, "pouvoir", "1 pouvoir"), (2, "pouvoir", "2 pouvoirs"), (23, "présent", "23 présents")],
)
def test_quantite_ne_prend_le_pluriel_qu_a_partir_de_deux(nombre, nom, attendu):
    assert quantite(nombre, nom) == attendu


@pytest.mark.parametrize(
    ("nom", "attendu_de", "attendu_a"),
    [
        ("le Département", "du Département", "au Département"),
        ("les Chambres Consulaires", "des Chambres Consulaires", "aux Chambres Consulaires"),
        ("la CCI ON", "de la CCI ON", "à la CCI ON"),
        ("l'Agglomération", "de l'Agglomération", "à l'Agglomération"),
        ("Avranches", "d'Avranches", "à Avranches"),
        ("Les Pieux", "des Pieux", "aux Pieux"),
    ],
)
def test_de_et_a_se_contractent_avec_le_et_les(nom, attendu_de, attendu_a):
    assert (de(nom), a(nom)) == (attendu_de, attendu_a)


def test_initiale_majuscule_ne_touche_que_la_premiere_lettre():
    assert initiale_majuscule("l'Agglomération versera") == "L'Agglomération versera"
    assert initiale_majuscule("") == ""


@pytest.mark.parametrize(("n", "attendu"), [(365, "365"), (2100, "2100"), (10_000, f"10{FINE}000"), (10**12, f"1{FINE}000{FINE}000{FINE}000{FINE}000")])
def test_nombre_dans_un_message_groupe_a_partir_de_cinq_chiffres(n, attendu):
    assert francais.nombre_dans_un_message(n) == attendu
# --- Parties d'une convention et durées (issue 12, parts de l'issue 10) ---------------------

from generateur.francais import (  # noqa: E402
    annees_suivantes, avec_article, duree_en_annees, echeancier, habilitation, montants_par_annee, objet_verse_a, pronom_sujet, siege_a,
)
from generateur.lecture.territoires import trouver_departement  # noqa: E402


@pytest.mark.parametrize(("voie", "commune", "attendu"), [
    ("1 quai de Southampton", "Le Havre", "1 quai de Southampton au Havre"),
    ("86, rue de l'Exode", "Saint-Lô", "86, rue de l'Exode à Saint-Lô"),
    ("2 rue des Lilas", "Les Andelys", "2 rue des Lilas aux Andelys"),
    ("3 place de l'Église", "La Haye", "3 place de l'Église à La Haye"),
])
def test_siege_a_contracte_l_article_de_la_commune(voie, commune, attendu):
    assert siege_a(voie, commune) == attendu


@pytest.mark.parametrize(("annees", "en_lettres", "attendu"), [(1, False, "1 an"), (3, False, "3 ans"), (1, True, "un an"), (3, True, "trois ans")])
def test_duree_en_annees(annees, en_lettres, attendu):
    assert duree_en_annees(annees, en_lettres) == attendu


@pytest.mark.parametrize(("nombre", "attendu"), [(1, "l'année suivante"), (2, "les deux années suivantes"), (9, "les neuf années suivantes")])
def test_annees_suivantes(nombre, attendu):
    assert annees_suivantes(nombre) == attendu


@pytest.mark.parametrize(("nom", "genre", "attendu"), [
    ("CCI ON", Genre.FEMININ, "la CCI ON"), ("l'Agglomération", Genre.FEMININ, "l'Agglomération"),
    ("le Département", Genre.MASCULIN, "le Département"), ("Département", Genre.MASCULIN, "le Département"),
    ("Office de Tourisme", Genre.MASCULIN, "l'Office de Tourisme"), ("les Chambres", Genre.FEMININ, "les Chambres"),
])
def test_avec_article_n_en_ajoute_pas_un_second(nom, genre, attendu):
    assert avec_article(nom, genre) == attendu


def test_pronoms_habilitation_et_versement():
    assert (pronom_sujet(Genre.FEMININ, True), pronom_sujet(Genre.MASCULIN)) == ("Elle", "il")
    assert habilitation(Genre.FEMININ, "commune", "2 mars 2024") == "dûment habilitée par délibération du conseil municipal en date du 2 mars 2024"
    assert objet_verse_a("subvention", "le Département", 2024) == "Subvention versée au Département pour 2024"
    assert objet_verse_a("financement", "les Chambres", 2024) == "Financement versé aux Chambres pour 2024"


def test_montants_par_annee_et_echeancier():
    assert montants_par_annee([Decimal(29240)] * 3, [2023, 2024, 2025]) == "29\u202f240\u00a0€"
    assert montants_par_annee([Decimal("7407.40"), Decimal(7680)], [2024, 2025]) == "7\u202f407,40\u00a0€ en 2024 et 7\u202f680\u00a0€ en 2025"
    assert echeancier([(Decimal(60), "à la signature", "6\u202f000\u00a0€"), (Decimal(40), "sur justificatifs", "4\u202f000\u00a0€")]) == (
        "en deux fois : 60\u00a0% (6\u202f000\u00a0€) à la signature et 40\u00a0% (4\u202f000\u00a0€) sur justificatifs"
    )
    assert echeancier([(Decimal(100), "à la signature", "1\u00a0€")]) == ""


@pytest.mark.parametrize(("saisie", "de_lui", "region"), [
    ("Manche", "de la Manche", "la Région Normandie"), ("14", "du Calvados", "la Région Normandie"),
    ("cotes d'armor", "des Côtes-d'Armor", "la Région Bretagne"), ("974", "de La Réunion", "la Région Réunion"),
    ("Orne", "de l'Orne", "la Région Normandie"), ("Paris", "de Paris", "la Région Île-de-France"),
])
def test_departements_et_regions_avec_leurs_articles(saisie, de_lui, region):
    departement = trouver_departement(saisie)
    assert de(departement.avec_article) == de_lui
    assert article_defini(departement.region.institution, Genre.FEMININ) == region


# --- Typographie ----------------------------------------------------------------------------

NB, TI = INSECABLE, "\u2011"


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        # 1. ponctuation haute et guillemet fermant : l'espace devient insécable, ou elle est ajoutée
        ("OBJET : x", f"OBJET{NB}: x"),
        ("Pour : 23 – Contre : 0", f"Pour{NB}: 23 – Contre{NB}: 0"),
        ("suivants :", f"suivants{NB}:"),
        ("Quoi? Non! a; b", f"Quoi{NB}? Non{NB}! a{NB}; b"),
        ("Référence :\tAF-2023-01", f"Référence{NB}:\tAF-2023-01"),
        # … mais ni adresse, ni heure, ni paramètre d'adresse
        ("https://www.telerecours.fr?a=1 à 9:00", "https://www.telerecours.fr?a=1 à 9:00"),
        # 2. guillemets
        ("« Télérecours citoyens »", f"«{NB}Télérecours citoyens{NB}»"),
        ("«PACTE»", f"«{NB}PACTE{NB}»"),
        # 3. n°
        ("n°B050_2022 et LdC n° 77525", f"n°{NB}B050_2022 et LdC n°{NB}77525"),
        ("N°12, un°1 et n°", f"N°{NB}12, un°1 et n°"),  # « n° » seulement en début de mot, suivi d'un mot
        (": en tête, «", ": en tête, «"),  # ni voisin avant le premier signe, ni après le dernier
        # 4. % et €
        ("40% de 100 €", f"40{NB}% de 100{NB}€"),
        # 5. milliers
        ("14 620 et 1 000 000 mais 2019 486", f"14{FINE}620 et 1{FINE}000{FINE}000 mais 2019 486"),
        # 6. mots composés
        ("ci-dessus, ci-après, ci-joint mais cinq-six", f"ci{TI}dessus, ci{TI}après, ci{TI}joint mais cinq-six"),
        # 7. capitales accentuées
        ("ARTICLE 9 : DUREE", f"ARTICLE 9{NB}: DURÉE"),
        ("A l'ouverture de séance ; A la demande", f"À l'ouverture de séance{NB}; A la demande"),
        ("ANNEE 1 et l'ETAT", "ANNÉE 1 et l'ÉTAT"),
        # une espace déjà insécable est gardée
        (f"x{FINE}: «{NB}y{NB}»", f"x{FINE}: «{NB}y{NB}»"),
    ],
)
def test_typographie_francaise(texte, attendu):
    assert francais.typographie(texte) == attendu


def test_typographie_d_un_texte_en_morceaux_garde_le_decoupage():
    assert francais.typographie_segments(["Présents", " : A", "", "B »", " n°", "B050"]) == [
        "Présents", f"{NB}: A", "", f"B{NB}»", f" n°{NB}", "B050",
    ]


@given(st.lists(st.text(alphabet="ab :;?!«»n°€%1 2-ciDUREA'", max_size=12), min_size=1, max_size=5))
@settings(max_examples=200)
def test_typographie_en_morceaux_egale_le_texte_entier_et_est_idempotente(segments):
    composes = francais.typographie_segments(segments)
    assert len(composes) == len(segments)
    assert "".join(composes) == francais.typographie("".join(segments))
    assert francais.typographie("".join(composes)) == "".join(composes)


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("Monsieur Olivier DE BOURSETTY", f"Monsieur Olivier DE{NB}BOURSETTY"),
        ("Madame Nicole BELLIOU-DELACOUR", f"Madame Nicole BELLIOU{TI}DELACOUR"),
        ("Monsieur Jean-René BEN SALAH", f"Monsieur Jean{TI}René BEN{NB}SALAH"),
        ("David MARGUERITTE", "David MARGUERITTE"),
    ],
)
def test_nom_insecable(nom, attendu):
    assert francais.nom_insecable(nom) == attendu


@pytest.mark.parametrize(
    ("mot", "genres", "attendu"),
    [
        ("Absent", [Genre.FEMININ], "Absente"),
        ("Absent", [Genre.MASCULIN], "Absent"),
        ("Absent", [Genre.FEMININ, Genre.FEMININ], "Absentes"),
        ("Absent", [Genre.FEMININ, Genre.MASCULIN], "Absents"),
        ("Excusé", [Genre.FEMININ], "Excusée"),
        ("Excusé", [Genre.MASCULIN, Genre.MASCULIN], "Excusés"),
        ("Présent", [Genre.FEMININ, Genre.FEMININ, Genre.FEMININ], "Présentes"),
    ],
)
def test_titre_de_liste_accorde_aux_personnes(mot, genres, attendu):
    assert francais.accorder_liste(mot, genres) == attendu


@pytest.mark.parametrize(
    ("lieu", "avec_a", "avec_de"),
    [
        ("Le Havre", "au Havre", "du Havre"),
        ("Les Pieux", "aux Pieux", "des Pieux"),
        ("La Haye", "à La Haye", "de La Haye"),
        ("Cherbourg-en-Cotentin", "à Cherbourg-en-Cotentin", "de Cherbourg-en-Cotentin"),
        ("Avranches", "à Avranches", "d'Avranches"),
    ],
)
def test_contractions_avec_les_noms_de_lieux_a_article(lieu, avec_a, avec_de):
    assert (a(lieu), de(lieu)) == (avec_a, avec_de)


# --- Les séances : mentions et mots -------------------------------------------------------


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [("décision de Bureau", "décisions de Bureau"), ("délibération", "délibérations"), ("décision du Président", "décisions du Président")],
)
def test_pluriel_du_nom_compose_sur_le_premier_nom(nom, attendu):
    assert francais.pluriel_nom_compose(nom) == attendu


@pytest.mark.parametrize(
    ("genre", "attendu"),
    [
        (Genre.MASCULIN, "arrivé à partir du vote de la délibération n°D2024_042"),
        (Genre.FEMININ, "arrivée à partir du vote de la délibération n°D2024_042"),
    ],
)
def test_mention_d_arrivee_accordee_au_membre(genre, attendu):
    assert francais.mention_arrivee(genre, "délibération", "D2024_042") == attendu


@pytest.mark.parametrize(
    ("arguments", "attendu"),
    [
        (("décision de Bureau", "B053_2022"), "départ avant le vote de la décision de Bureau n°B053_2022"),
        (("décision de Bureau", "B052_2022", False, "B053_2022"),
         "départ avant le vote de la décision de Bureau n°B052_2022 et retour à partir du vote de la décision de Bureau n°B053_2022"),
        (("décision de Bureau", "B050_2022", True), "départ avant le vote des décisions de Bureau"),
        (("délibération", "D1", True, "D2"), "départ avant le vote de la délibération n°D1 et retour à partir du vote de la délibération n°D2"),
    ],
)
def test_mention_de_depart_et_de_retour(arguments, attendu):
    assert francais.mention_depart(*arguments) == attendu


@pytest.mark.parametrize(
    ("genre", "suppleant", "mandataire", "attendu"),
    [
        (Genre.FEMININ, "Monsieur Marc ROUX", None, "suppléée par Monsieur Marc ROUX"),
        (Genre.MASCULIN, "Madame Odette VASSEUR", None, "suppléé par Madame Odette VASSEUR"),
        (Genre.MASCULIN, None, "Monsieur Paul MARTIN", "pouvoir à Monsieur Paul MARTIN"),
        (Genre.MASCULIN, None, None, ""),
    ],
)
def test_mention_de_remplacement(genre, suppleant, mandataire, attendu):
    assert francais.mention_remplacement(genre, suppleant, mandataire) == attendu


def test_avec_mention_entre_parentheses_ou_nom_seul():
    assert francais.avec_mention("Madame Julie BLANC", "") == "Madame Julie BLANC"
    assert francais.avec_mention("Madame Julie BLANC", "pouvoir à Monsieur Paul MARTIN") == "Madame Julie BLANC (pouvoir à Monsieur Paul MARTIN)"


@pytest.mark.parametrize(
    ("noms", "attendu"),
    [
        ([], ""),
        (["Monsieur Karim HADDAD"], "Monsieur Karim HADDAD ne prend pas part au vote."),
        (["Monsieur Karim HADDAD", "Madame Claire PETIT"], "Monsieur Karim HADDAD et Madame Claire PETIT ne prennent pas part au vote."),
    ],
)
def test_non_participation_au_singulier_et_au_pluriel(noms, attendu):
    assert francais.non_participation(noms) == attendu


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [("M.", "Monsieur"), ("Mr", "Monsieur"), ("monsieur", "Monsieur"), ("Mme", "Madame"), ("MADAME", "Madame"), ("Dr", None), ("Mlle", None)],
)
def test_civilite_du_tableur_developpee(saisie, attendu):
    assert francais.civilite_developpee(saisie) == attendu
