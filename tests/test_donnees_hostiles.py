"""Un corpus de dossiers cassés, chacun par une petite retouche d'un dossier d'exemple : chacun
est refusé par `verifier` comme par `generer`, avec son code de sortie et ses lignes d'erreur
exacts, sans trace Python, et `generer` n'écrit rien (le dossier de sortie reste tel quel)."""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docx import Document

from tests.conftest import RACINE, contenu, lancer, ligne_de, remplacer

pytestmark = pytest.mark.usefixtures("chargeur_yaml")

S22, S24, CONV, COLL, AV = "seance_2022-11-22.yaml", "seance_2024-12-10.yaml", "convention.yaml", "collectivite.yaml", "avenants.yaml"
BUREAU = "assemblee_bureau.yaml"  # la liste des membres du Bureau (cotentin)
VAL = "seance_2024-03-14.yaml"  # la séance du Bureau de val_exemple
CONSEIL = "seance_2024-06-27.yaml"  # la séance du conseil de val_exemple
NBSP, FINE = "\u00a0", "\u202f"
STEPHANE_DECOMPOSE = unicodedata.normalize("NFD", "Stéphane")
assert STEPHANE_DECOMPOSE != "Stéphane"

UN_AVENANT_DE_PLUS = """
          agglomeration: {{montants: {{2025: 16000}}}}
  - numero: {numero}
    date_effet: {date_effet}
    decision: B140_2024
    lieu_signature: à compléter
    date_signature: à compléter
    modifications:
      visas: [la loi n° 2019-486 du 22 mai 2019]
"""

UNE_DECISION_DE_PLUS = """    decisions:
      - numero: "B140_2024"
        objet: Doublon
        matiere: "7.5"
        expose: [Un paragraphe.]
        visas: [le Code Général des Collectivités Territoriales]
        vote: {pour: 24}
        dispositif: [{verbe: Autoriser, texte: la signature}]
      - numero: B140_2024
"""


@dataclass(frozen=True)
class Cas:
    """Un dossier cassé : les retouches `(fichier, avant, apres)` — `avant` vide remplace tout
    le fichier — puis le code de sortie et les anomalies attendues `(fichier, ligne, champ,
    message)`, où la ligne est désignée par un extrait de son texte (après retouche), ou par
    son numéro quand deux lignes du fichier portent le même texte. `amenager` ajoute au dossier
    ce qu'une retouche de texte ne fait pas (lien symbolique, sous-dossier…)."""

    retouches: tuple[tuple[str, str, str | bytes], ...]
    code: int
    anomalies: tuple[tuple[str, str | int | None, str, str], ...]
    exemple: str = "cotentin"
    amenager: Callable[[Path], object] | None = None


def euros(texte: str) -> str:
    """« 36_540 € » écrit avec les espaces des montants : fine insécable des milliers, insécable avant € et %."""
    return texte.replace(" €", f"{NBSP}€").replace(" %", f"{NBSP}%").replace("_", FINE)


def cas(fichier: str, avant: str, apres: str | bytes, code: int, *anomalies, exemple: str = "cotentin") -> Cas:
    return Cas(((fichier, avant, apres),), code, anomalies, exemple)


def entree(amenager: Callable[[Path], object], nom: str, message: str) -> Cas:
    """Une entrée du dossier qui ne peut pas être lue : refusée en la nommant, jamais sautée."""
    return Cas((), 2, ((nom, None, "(racine)", message),), amenager=amenager)


CORPUS = {
    # --- YAML illisible ----------------------------------------------------------------------
    "tabulation": cas(COLL, "  genre: feminin", "\tgenre: feminin", 2,
        (COLL, "\tgenre", "(racine)", "YAML invalide : tabulation interdite : indentez avec des espaces")),
    "indentation_incorrecte": cas(COLL, "    prenom: David", "      prenom: David", 2,
        (COLL, "prenom: David", "(racine)", "YAML invalide : « : » inattendu (indentation incorrecte ou texte à mettre entre guillemets ?)")),
    "indentation_de_liste_incorrecte": cas(BUREAU, "      - {civilite: Madame, prenom: Odile", "    - {civilite: Madame, prenom: Odile", 2,
        (BUREAU, "prenom: Odile", "(racine)", "YAML invalide : indentation incorrecte de la liste")),
    "guillemet_non_ferme_en_fin_de_fichier": cas(COLL, "      commune: Caen\n", '      commune: "Caen\n', 2,
        (COLL, 'commune: "Caen', "(racine)", "YAML invalide : guillemet ouvert ligne 24 et non fermé")),
    "guillemet_non_ferme_referme_plus_loin": cas(COLL, 'siret: "12345678200010"', 'siret: "12345678200010', 2,
        (COLL, 'code_postal: "14000"', "(racine)", "YAML invalide : texte inattendu (indentation incorrecte, ou guillemet resté ouvert plus haut ?)")),
    "crochet_non_ferme": cas(CONV, "annees: [2023, 2024, 2025]", "annees: [2023, 2024, 2025", 2,
        (CONV, "total: [36550", "(racine)", "YAML invalide : crochet « [ » ouvert ligne 91 et non fermé : « ] » ou « , » attendu")),
    "accolade_non_fermee": cas(CONV, 'commune: Caen}', "commune: Caen", 2,
        (CONV, "representant: à compléter", "(racine)", "YAML invalide : accolade « { » ouverte ligne 30 et non fermée : « } » ou « , » attendu")),
    "cle_en_double": cas(COLL, "  genre: feminin\n", "  genre: feminin\n  genre: masculin\n", 2,
        (COLL, "genre: masculin", "collectivite.genre", "clé « genre » en double (déjà définie ligne 5) ; chaque clé ne doit apparaître qu'une fois")),
    "cle_en_double_dans_un_vote": cas(S22, "pour: 23\n", "pour: 23\n          pour: 24\n", 2,
        (S22, "pour: 24", "seances[0].decisions[0].vote.pour", "clé « pour » en double (déjà définie ligne 105) ; chaque clé ne doit apparaître qu'une fois")),
    "fichier_vide": cas(COLL, "", "", 2,
        (COLL, None, "(racine)", "le fichier est vide ; il doit contenir des données YAML (clé: valeur)")),
    "fichier_en_latin_1": cas(COLL, "", (RACINE / "donnees" / "cotentin" / COLL).read_text(encoding="utf-8").encode("latin-1"), 2,
        (COLL, None, "(racine)", "le fichier n'est pas encodé en UTF-8 (octet invalide à la position 11) ; enregistrez-le en UTF-8")),
    "etiquette_python_qui_executerait_une_commande": cas(COLL, "  genre: feminin", "  genre: !!python/object/apply:os.system ['touch {temoin}']", 2,
        (COLL, "genre:", "collectivite.genre", "étiquette YAML « !!python/object/apply:os.system » refusée : seules des valeurs simples (texte, nombre, date) sont admises")),
    "etiquette_python_qui_importerait_un_objet": cas(S22, "lieu: salle Henri Cornat", "lieu: !!python/name:os.system", 2,
        (S22, "lieu:", "seances[0].lieu", "étiquette YAML « !!python/name:os.system » refusée : seules des valeurs simples (texte, nombre, date) sont admises")),
    "caractere_de_controle": cas(COLL, "nom: MARGUERITTE", "nom: MARGUE\x00RITTE", 2,
        (COLL, "MARGUE", "(racine)", "caractère invisible interdit (U+0000) ; supprimez-le ou retapez la ligne")),
    "demi_caractere_unicode_echappe": cas(CONV, "iban: FR42 3000 1000 6400 0000 0001 234", 'iban: "FR42\\uD800"', 2,
        (CONV, "FR42", "convention.parties[0].iban", "échappement « \\uD800 » à « \\uDFFF » : ce n'est pas un caractère ; écrivez le caractère lui-même")),
    "alias_qui_se_contient_lui_meme": cas(COLL, "  siege:\n", "  siege: &s\n    annexe: *s\n", 2,
        (COLL, "annexe", "collectivite.siege.annexe", "alias YAML qui se contient lui-même : une valeur ne peut pas s'inclure dans sa propre définition")),
    "entier_en_hexadecimal": cas(CONV, "delai_paiement_jours: 30", "delai_paiement_jours: 0x1E", 2,
        (CONV, "0x1E", "convention.appels_de_fonds.delai_paiement_jours", "nombre « 0x1E » écrit en base 16 : écrivez-le en chiffres décimaux (de 0 à 9)")),
    "entier_en_binaire": cas(CONV, "delai_paiement_jours: 30", "delai_paiement_jours: 0b11110", 2,
        (CONV, "0b11110", "convention.appels_de_fonds.delai_paiement_jours", "nombre « 0b11110 » écrit en base 2 : écrivez-le en chiffres décimaux (de 0 à 9)")),
    "entier_en_base_60": cas(CONV, "delai_paiement_jours: 30", "delai_paiement_jours: 0:30", 2,
        (CONV, "0:30", "convention.appels_de_fonds.delai_paiement_jours", "nombre entier attendu")),
    "entier_en_octal_a_la_mode_yaml_1_2": cas(CONV, "delai_paiement_jours: 30", "delai_paiement_jours: 0o36", 2,
        (CONV, "0o36", "convention.appels_de_fonds.delai_paiement_jours", "nombre entier attendu")),
    "montant_infini": cas(CONV, "total: [36550, 36550, 36550]", "total: [36550, .inf, 36550]", 2,
        (CONV, "total: [", "convention.budget.total[1]", "nombre « .inf » invalide : un nombre décimal fini est attendu")),
    "sonnerie_echappee": cas(COLL, "nom: MARGUERITTE", 'nom: "MARGUE\\aRITTE"', 2,
        (COLL, "MARGUE", "collectivite.president.nom", "caractère invisible interdit (U+0007), écrit par un échappement « \\ » entre guillemets ; supprimez-le")),
    "saut_de_page_echappe": cas(S22, "lieu: salle Henri Cornat en Mairie de Valognes", 'lieu: "salle Henri Cornat\\fen Mairie de Valognes"', 2,
        (S22, "lieu:", "seances[0].lieu", "caractère invisible interdit (U+000C), écrit par un échappement « \\ » entre guillemets ; supprimez-le")),
    "octet_nul_echappe": cas(CONV, "iban: FR42 3000 1000 6400 0000 0001 234", 'iban: "FR42 3000 1000 6400 0000 0001 234\\0"', 2,
        (CONV, "FR42", "convention.parties[0].iban", "caractère invisible interdit (U+0000), écrit par un échappement « \\ » entre guillemets ; supprimez-le")),
    "echappement_ansi_echappe": cas(COLL, "nom: MARGUERITTE", 'nom: "\\e[31mMARGUERITTE"', 2,
        (COLL, "MARGUERITTE", "collectivite.president.nom", "caractère invisible interdit (U+001B), écrit par un échappement « \\ » entre guillemets ; supprimez-le")),
    "cle_en_double_en_forme_decomposee": cas(COLL, "  genre: feminin\n", "  genre: feminin\n  ge\u200bnre: masculin\n", 2,
        (COLL, "masculin", "collectivite.genre", "clé « genre » en double (déjà définie ligne 5) ; chaque clé ne doit apparaître qu'une fois")),
    "deux_documents_dans_un_fichier": cas(AV, "    modifications:\n", "---\n    modifications:\n", 2,
        (AV, "---", "(racine)", "YAML invalide : un seul document par fichier : retirez la ligne « --- »")),

    # --- Hors schéma ---------------------------------------------------------------------------
    "cle_inconnue_au_premier_niveau": cas(AV, "avenants:\n", "avenant:\n", 2,
        (AV, "avenant:", "avenant", "champ inconnu « avenant » ; vouliez-vous dire « avenants » ? (champs admis : collectivite, assemblees, seances, convention, avenants, paiements, tresorerie)")),
    "cle_inconnue_chez_un_membre": cas(BUREAU, "prenom: Benoît, nom: ARRIVE}", "prenon: Benoît, nom: ARRIVE}", 2,
        (BUREAU, "prenon", "assemblees[0].membres[0].prenom", "champ obligatoire absent"),
        (BUREAU, "prenon", "assemblees[0].membres[0].prenon", "champ inconnu « prenon » ; vouliez-vous dire « prenom » ? "
         "(champs admis : civilite, prenom, nom, fonction, commune, suppleant, debut, fin)")),
    "cle_inconnue_dans_une_ligne_du_budget": cas(CONV, "        libelle: CD 50", "        libellé: CD 50", 2,
        (CONV, "      - code: departement", "convention.budget.lignes[1].libelle", "champ obligatoire absent"),
        (CONV, "libellé", "convention.budget.lignes[1].libellé", "champ inconnu « libellé » ; vouliez-vous dire « libelle » ? "
         "(champs admis : code, libelle, designation, parties, part, montants, cumul)")),
    "cle_inconnue_dans_un_avenant": cas(AV, "    date_effet: 2025-01-01", "    date_effet: 2025-01-01\n    date_effect: 2025-01-01", 2,
        (AV, "date_effect", "avenants[0].date_effect", "champ inconnu « date_effect » ; vouliez-vous dire « date_effet » ? "
         "(champs admis : numero, date_effet, decision, lieu_signature, date_signature, modifications)")),
    "cle_qui_se_lit_comme_un_booleen": cas(S24, "          pour: 24", "          pour: 24\n          no: 0", 2,
        (S24, "no: 0", "seances[1].decisions[0].vote.no", "champ inconnu « no » (champs admis : pour, contre, abstention, ne_prend_pas_part, voix_preponderante)")),
    "texte_a_la_place_d_un_nombre": cas(S22, "pour: 23", "pour: vingt-trois", 2,
        (S22, "vingt-trois", "seances[0].decisions[0].vote.pour", "nombre entier attendu")),
    "liste_a_la_place_d_un_texte": cas(S22, "lieu: salle Henri Cornat en Mairie de Valognes", "lieu: [salle Henri Cornat, Valognes]", 2,
        (S22, "lieu:", "seances[0].lieu", "texte attendu")),
    "nombre_a_la_place_d_une_date": cas(S22, "date: 2022-11-22", "date: 20221122", 2,
        (S22, "date:", "seances[0].date", "date attendue au format AAAA-MM-JJ")),
    "nombre_a_la_place_d_une_heure": cas(S22, 'heure: "9:00"', "heure: 9", 2,
        (S22, "heure:", "seances[0].heure", "heure attendue entre guillemets, par exemple « 9:00 » ou « 14h30 »")),
    "montant_negatif": cas(CONV, "total: [36550, 36550, 36550]", "total: [36550, -36550, 36550]", 2,
        (CONV, "total: [", "convention.budget.total[1]", "nombre supérieur ou égal à 0 attendu")),
    "montant_a_trois_decimales": cas(CONV, "montants: [7310, 7310, 7310]", "montants: [7310, 7310.005, 7310]", 2,
        (CONV, "7310.005", "convention.budget.lignes[0].montants[1]", "au plus 2 décimales attendues (un montant s'écrit au centime près)")),
    "montant_demesure": cas(CONV, "total: [36550, 36550, 36550]", "total: [36550, 1e400, 36550]", 2,
        (CONV, "total: [", "convention.budget.total[1]", f"nombre inférieur à 1{FINE}000{FINE}000{FINE}000{FINE}000 attendu")),
    "date_qui_n_existe_pas": cas(CONV, "emission: [2023-03-01,", "emission: [2023-02-29,", 2,
        (CONV, "emission:", "convention.appels_de_fonds.emission[0]", "la date « 2023-02-29 » n'existe pas ; une date réelle au format AAAA-MM-JJ est attendue")),
    "heure_qui_n_existe_pas": cas(S24, 'heure: "9:00"', 'heure: "9:75"', 2,
        (S24, "heure:", "seances[1].heure", "l'heure « 9:75 » n'existe pas")),
    "iban_invalide": cas(CONV, "iban: FR42 3000 1000 6400 0000 0001 234", "iban: FR42 3000 1000 6400 0000 0001 235", 2,
        (CONV, "0001 235", "convention.parties[0].iban", "IBAN « FR42 3000 1000 6400 0000 0001 235 » invalide (clé de contrôle ou longueur fausse) ; recopiez-le depuis le RIB")),
    "bic_invalide": cas(CONV, "      bic: BDFEFRPPCCT                          # EXEMPLE\n    - code: cma_normandie", "      bic: BDFE1RPPCCT\n    - code: cma_normandie", 2,
        (CONV, "BDFE1RPPCCT", "convention.parties[0].bic", "BIC « BDFE1RPPCCT » invalide ; 8 ou 11 caractères attendus, par exemple « AGRIFRPP882 »")),
    "siret_invalide": cas(COLL, 'siret: "12345678200010"', 'siret: "12345678200011"', 2,
        (COLL, "siret:", "collectivite.siret", "SIRET « 12345678200011 » invalide (clé de contrôle ou longueur fausse) ; "
         "14 chiffres attendus (SIREN puis NIC), recopiés depuis l'avis de situation SIRENE de l'établissement")),
    "matiere_actes_inconnue": cas(S24, 'matiere: "7.5"', 'matiere: "7.12"', 2,
        (S24, "matiere:", "seances[1].decisions[0].matiere", "matière « 7.12 » absente de la classification ACTES ; attendu : un code de niveau 2, "
         "de 7.1 à 7.10 pour « Finances locales »")),
    "champ_obligatoire_absent": cas(S24, "    lieu: salle Henri Cornat en Mairie de Valognes\n", "", 2,
        (S24, "assemblee: bureau", "seances[1].lieu", "champ obligatoire absent")),
    "valeur_hors_liste": cas(CONV, "sorte: epci", "sorte: communaute", 2,
        (CONV, "sorte: communaute", "convention.parties[2].sorte", "valeur « communaute » non admise ; attendu : « epci », « commune », « departement », « region », « chambre_consulaire », « association », « etat », « etablissement_public » ou « entreprise »")),
    "sorte_d_actes_inconnue": cas(BUREAU, "actes: decision", "actes: decisoin", 2,
        (BUREAU, "actes:", "assemblees[0].actes", "valeur « decisoin » non admise ; attendu : « decision » ou « deliberation »")),

    "numero_de_300_caracteres": cas(S24, "- numero: B140_2024", "- numero: B" + "1" * 299, 2,
        (S24, "- numero: B111", "seances[1].decisions[0].numero", "au plus 60 caractères attendus")),
    "code_de_flux_de_300_caracteres": cas(CONV, "    - code: demande", "    - code: d" + "e" * 299, 2,
        (CONV, "code: deee", "convention.financement[1].code", "au plus 60 caractères attendus")),
    "seance_en_l_an_1": cas(S24, "date: 2024-12-10", "date: 0001-12-10", 2,
        (S24, "date: 0001-12-10", "seances[1].date", "année 1 invraisemblable pour un acte ; une année de 1900 à 2200 est attendue")),

    # --- Séance incohérente --------------------------------------------------------------------
    "numero_de_decision_en_double_dans_une_seance": cas(S24, "    decisions:\n      - numero: B140_2024\n", UNE_DECISION_DE_PLUS, 1,
        (S24, "- numero: B140_2024", "seances[1].decisions[1].numero", "numéro « B140_2024 » déjà utilisé par seances[1].decisions[0] ; chaque acte a un numéro unique")),
    "numero_de_decision_en_double_entre_deux_seances": Cas(((S24, "ordre_du_jour: [B140_2024]", "ordre_du_jour: [B050_2022]"), (S24, "numero: B140_2024", "numero: B050_2022"), (AV, "decision: B140_2024", "decision: B050_2022")), 1, (
        (S24, "numero: B050_2022", "seances[1].decisions[0].numero", "numéro « B050_2022 » déjà utilisé par seances[0].decisions[0] ; chaque acte a un numéro unique"),
    )),
    "votes_qui_ne_font_pas_le_compte": cas(S22, "pour: 23", "pour: 22", 1,
        (S22, "vote:", "seances[0].decisions[0].vote", "pour 22 + contre 0 + abstention 0 = 22, alors que 23 membres votent B050_2022 "
         "(23 présents, 0 suppléant, 0 pouvoir) ; absent à ce vote après un départ : Monsieur Antoine DIGARD")),
    "membre_liste_deux_fois_sous_deux_graphies": cas(BUREAU, "nom: VASSAL}\n", "nom: VASSAL}\n      - {civilite: Monsieur, prenom: stéphane, nom: Barbe}\n", 1,
        (BUREAU, "prenom: stéphane", "assemblees[0].membres[35]", "« stéphane BARBE » est déjà dans la liste en assemblees[0].membres[2] (« Stéphane BARBE ») ; "
         "un membre n'est listé qu'une fois")),
    "pouvoir_a_un_membre_present_a_aucun_vote": cas(S22, "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Antoine DIGARD}", 1,
        (S22, "ARRIVE", "seances[0].excuses[0].pouvoir_a", "pouvoir donné à Antoine DIGARD, qui n'est présent à aucun vote ; le mandataire doit être un membre présent")),
    "pouvoir_a_une_absente": cas(CONSEIL, "pouvoir_a: Hugo Leroy}", "pouvoir_a: Julie Blanc}", 1,
        (CONSEIL, "pouvoir_a: Julie Blanc", "seances[1].excuses[0].pouvoir_a", "pouvoir donné à Julie BLANC, qui n'est présente à aucun vote ; le mandataire doit être un membre présent"),
        exemple="val_exemple"),
    "pouvoir_a_un_inconnu": cas(S22, "- Benoît ARRIVE", "- {membre: Benoît ARRIVE, pouvoir_a: Jean DUPONT}", 1,
        (S22, "ARRIVE", "seances[0].excuses[0].pouvoir_a", "« Jean DUPONT » n'est pas membre du Bureau communautaire le 22 novembre 2022 ; "
         "attendu : le « Prénom NOM » d'un membre de la liste de l'assemblée « bureau » à cette date")),
    "nom_presque_juste": cas(CONSEIL, "membre: Nadia Bouchard", "membre: Nadia Bouchart", 1,
        (CONSEIL, "Nadia Bouchart", "seances[1].mouvements[0].membre", "« Nadia Bouchart » n'est pas membre du Conseil communautaire le 27 juin 2024 ; "
         "vouliez-vous dire « Nadia BOUCHARD » ?"), exemple="val_exemple"),
    "membre_sorti_de_la_liste_avant_la_seance": cas(CONSEIL, "- Éric Fontaine", "- Denis Faure", 1,
        (CONSEIL, "- Denis Faure", "seances[1].excuses[2].membre", "« Denis Faure » n'est pas membre du Conseil communautaire le 27 juin 2024 ; "
         "attendu : le « Prénom NOM » d'un membre de la liste de l'assemblée « conseil » à cette date"), exemple="val_exemple"),
    "deux_pouvoirs_au_meme_membre": cas(S24, "[Benoît ARRIVE, Yves ASSELINE,", "[{membre: Benoît ARRIVE, pouvoir_a: Stéphane BARBE}, {membre: Yves ASSELINE, pouvoir_a: Stéphane BARBE},", 1,
        (S24, "ASSELINE", "seances[1].excuses[1].pouvoir_a", "Stéphane BARBE porte déjà le pouvoir de Benoît ARRIVE ; un membre ne peut porter qu'un seul pouvoir")),
    "pouvoir_donne_par_un_membre_supplee": cas(VAL, "{membre: Anne Roux, suppleant: Marc Roux-Suppléant}", "{membre: Anne Roux, suppleant: Marc Roux-Suppléant, pouvoir_a: Hugo Leroy}", 2,
        (VAL, "pouvoir_a: Hugo Leroy", "seances[0].excuses[1]", "un membre suppléé ne donne pas aussi pouvoir : « pouvoir_a » ou « suppleant », pas les deux"), exemple="val_exemple"),
    "suppleant_qui_n_est_pas_celui_de_la_liste": cas(CONSEIL, "suppleant: Odette Vasseur}", "suppleant: Odile Vasseur}", 1,
        (CONSEIL, "Odile Vasseur", "seances[1].excuses[1].suppleant", "« Odile Vasseur » n'est pas la suppléante de Jérôme AUBERT ; la liste des membres nomme Odette VASSEUR"),
        exemple="val_exemple"),
    "arrivee_d_un_titulaire_supplee": cas(CONSEIL, "      - {membre: Hugo Leroy, depart_avant: D2024_043}\n", "      - {membre: Hugo Leroy, depart_avant: D2024_043}\n"
        "      - {membre: Jérôme Aubert, arrivee_a_partir_de: D2024_043}\n", 1,
        (CONSEIL, "suppleant: Odette Vasseur", "seances[1].excuses[1].suppleant", "Jérôme AUBERT arrive en cours de séance : un suppléant ne siège qu'à la place d'un titulaire absent "
         "toute la séance ; retirez « suppleant » ou l'arrivée"), exemple="val_exemple"),
    "arrivee_d_une_membre_deja_presente": cas(CONSEIL, "arrivee_a_partir_de: D2024_042}\n", "arrivee_a_partir_de: D2024_042}\n      - {membre: Nadia Bouchard, arrivee_a_partir_de: D2024_043}\n", 1,
        (CONSEIL, "arrivee_a_partir_de: D2024_043", "seances[1].mouvements[1].arrivee_a_partir_de", "Nadia BOUCHARD est déjà présente au vote de D2024_043 ; "
         "seul un membre absent arrive ou revient"), exemple="val_exemple"),
    "seconde_arrivee_apres_un_depart": cas(CONSEIL, "{membre: Nadia Bouchard, arrivee_a_partir_de: D2024_042}", "{membre: Nadia Bouchard, arrivee_a_partir_de: D2024_041, depart_avant: D2024_042}\n"
        "      - {membre: Nadia Bouchard, arrivee_a_partir_de: D2024_043}", 1,
        (CONSEIL, "Nadia Bouchard, arrivee_a_partir_de: D2024_043", "seances[1].mouvements[1].arrivee_a_partir_de", "Nadia BOUCHARD est déjà arrivée plus tôt ; "
         "après un départ, un membre revient (« retour_a_partir_de »)"), exemple="val_exemple"),
    "depart_d_une_absente": cas(CONSEIL, "      - {membre: Hugo Leroy, depart_avant: D2024_043}\n", "      - {membre: Hugo Leroy, depart_avant: D2024_043}\n      - {membre: Julie Blanc, depart_avant: D2024_042}\n", 1,
        (CONSEIL, "Julie Blanc, depart_avant", "seances[1].mouvements[2].depart_avant", "Julie BLANC n'est pas présente au vote de D2024_042 ; seul un membre présent peut partir"),
        exemple="val_exemple"),
    "depart_avant_l_arrivee": cas(CONSEIL, "{membre: Nadia Bouchard, arrivee_a_partir_de: D2024_042}", "{membre: Nadia Bouchard, arrivee_a_partir_de: D2024_042, depart_avant: D2024_041}", 1,
        (CONSEIL, "depart_avant: D2024_041", "seances[1].mouvements[0].depart_avant", "départ avant D2024_041, qui ne vient pas après l'arrivée à partir de D2024_042 dans l'ordre du jour"),
        exemple="val_exemple"),
    "non_participant_absent": cas(CONSEIL, "ne_prennent_pas_part: [Karim Haddad]", "ne_prennent_pas_part: [Éric Fontaine]", 1,
        (CONSEIL, "ne_prennent_pas_part", "seances[1].deliberations[1].ne_prennent_pas_part[0]", "Éric FONTAINE n'est pas présent au vote de D2024_042 : "
         "seul un membre présent peut ne pas prendre part au vote"), exemple="val_exemple"),
    "ne_prend_pas_part_indique_qui_ne_suit_pas_les_noms": cas(CONSEIL, "vote: {pour: 15, contre: 1, abstention: 1}", "vote: {pour: 15, contre: 1, abstention: 1, ne_prend_pas_part: 2}", 1,
        (CONSEIL, "ne_prend_pas_part: 2", "seances[1].deliberations[1].vote.ne_prend_pas_part", "2 indiqué, mais 1 nom dans « ne_prennent_pas_part »"),
        exemple="val_exemple"),
    "quorum_perdu_a_un_vote": Cas((
        (CONSEIL, "      - {membre: Hugo Leroy, depart_avant: D2024_043}\n", "      - {membre: Hugo Leroy, depart_avant: D2024_043}\n"
         + "".join(f"      - {{membre: {nom}, depart_avant: D2024_043}}\n" for nom in ("Paul Martin", "Inès Ben Salah", "Claire Petit", "Yann Le Gall", "Sophie Moreau", "Karim Haddad"))),
        (CONSEIL, "vote: {pour: 16}", "vote: {pour: 10}"),
    ), 1, (
        # Au vote de D2024_043 : 15 présents − 6 partis = 9, + 1 suppléant = 10 siègent ; quorum 20 // 2 + 1 = 11.
        (CONSEIL, "ordre_du_jour:", "seances[1].ordre_du_jour[2]", "quorum non atteint au vote de D2024_043 : 10 membres siégeant (présents ou suppléants), 11 requis sur 20 en exercice ; "
         "une séance sur seconde convocation le dit (« seconde_convocation: true »)"),
    ), exemple="val_exemple"),
    "membre_ecrit_deux_fois_en_forme_decomposee": cas(BUREAU, "nom: VASSAL}\n", f"nom: VASSAL}}\n      - {{civilite: Monsieur, prenom: {STEPHANE_DECOMPOSE}, nom: BARBE}}\n", 1,
        # Lu en forme composée (NFC) : le même « Stéphane BARBE », listé deux fois.
        (BUREAU, f"prenom: {STEPHANE_DECOMPOSE}, nom: BARBE", "assemblees[0].membres[35]", "« Stéphane BARBE » est déjà dans la liste en assemblees[0].membres[2] (« Stéphane BARBE ») ; "
         "un membre n'est listé qu'une fois")),
    "membre_ecrit_deux_fois_avec_une_espace_de_largeur_nulle": cas(BUREAU, "nom: VASSAL}\n", "nom: VASSAL}\n      - {civilite: Monsieur, prenom: Stéphane, nom: BAR\u200bBE}\n", 1,
        (BUREAU, "nom: BAR\u200bBE}", "assemblees[0].membres[35]", "« Stéphane BARBE » est déjà dans la liste en assemblees[0].membres[2] (« Stéphane BARBE ») ; "
         "un membre n'est listé qu'une fois")),
    "depart_avant_une_decision_hors_ordre_du_jour": cas(S22, "depart_avant: B054_2022", "depart_avant: B099_2022", 1,
        (S22, "B099_2022", "seances[0].mouvements[4].depart_avant", "« B099_2022 » n'est pas à l'ordre du jour de la séance (seances[0].ordre_du_jour)")),

    # --- Budget, financement, avenants ---------------------------------------------------------
    "appel_de_fonds_de_zero_euro": cas(CONV, "    delai_paiement_jours: 30\n", "    delai_paiement_jours: 30\n    depenses_realisees:\n      2024: 0\n", 1,
        *[(CONV, f"code: {flux}", f"convention.financement[{rang}]", f"2024 : le flux « {flux} » fait 0{NBSP}€ ; un appel de fonds de ce montant n'est pas émis : "
           "corrigez le budget ou les dépenses réalisées de 2024") for rang, flux in enumerate(["versement", "demande"])]),
    "ligne_du_budget_qui_ne_fait_pas_le_total": cas(CONV, "montants: [3703.70, 3840.00, 3930.15]\n      - code: communaute", "montants: [3703.70, 3840.00, 3930.16]\n      - code: communaute", 1,
        (CONV, "total: [12345.67", "convention.budget.total[2]", f"2026 : les contributions font 13{FINE}100,51{NBSP}€, le budget total HT est de 13{FINE}100,50{NBSP}€ ; ils doivent être égaux"),
        (CONV, "code: demande", "convention.financement[1]", f"2026 : le flux « demande » fait 3{FINE}930,15{NBSP}€, alors que la ligne « Département » prévoit 3{FINE}930,16{NBSP}€ ; ils doivent être égaux"),
        exemple="val_exemple"),
    "parts_qui_ne_font_pas_100": cas(CONV, "part: 20", "part: 25", 1,
        (CONV, "part: 25", "convention.budget.lignes[0].part", f"part indiquée 25{NBSP}%, mais les montants de « CCI ON /CMA Normandie » (21{FINE}930{NBSP}€ sur 109{FINE}650{NBSP}€) "
         f"en font 20{NBSP}% ; indiquez 20{NBSP}% ou retirez la part, que le tableau calcule")),
    "annee_manquante": cas(CONV, "annees: [2023, 2024, 2025]", "annees: [2023, 2025]", 1,
        (CONV, "annees: [2023", "convention.budget.annees", "2 années de budget pour une convention de 3 ans ; une année de budget par année de convention est attendue"),
        (CONV, "annees: [2023", "convention.budget.annees[1]", "2025 ne suit pas 2023 ; des années consécutives sont attendues"),
        (CONV, "total: [36550", "convention.budget.total", "3 valeurs pour 2 années (2023, 2025) ; une par année est attendue"),
        (CONV, "montants: [7310", "convention.budget.lignes[0].montants", "3 valeurs pour 2 années (2023, 2025) ; une par année est attendue"),
        (CONV, "montants: [14620", "convention.budget.lignes[1].montants", "3 valeurs pour 2 années (2023, 2025) ; une par année est attendue"),
        (CONV, 111, "convention.budget.lignes[2].montants", "3 valeurs pour 2 années (2023, 2025) ; une par année est attendue"),  # même texte que la ligne 105
        (CONV, "emission:", "convention.appels_de_fonds.emission", "3 valeurs pour 2 années (2023, 2025) ; une par année est attendue"),
        (CONV, "emission:", "convention.appels_de_fonds.emission[1]", "l'appel de fonds de 2025 est daté de 2024 ; une date de 2025 est attendue")),
    "flux_qui_n_egale_plus_sa_ligne": cas(CONV, "taux: 50", "taux: 40", 1,
        *[(CONV, "code: demande", "convention.financement[1]", f"{annee} : le flux « demande » fait 11{FINE}696{NBSP}€, alors que la ligne « CD 50 » prévoit 14{FINE}620{NBSP}€ ; ils doivent être égaux")
          for annee in (2023, 2024, 2025)]),
    "sommes_au_dela_de_mille_milliards": cas(CONV, "total: [36550, 36550, 36550]", "total: [900000000000, 900000000000, 900000000000]", 1,
        (CONV, "total: [", "convention.budget.total", f"les totaux annuels font 2{FINE}700{FINE}000{FINE}000{FINE}000{NBSP}€ : un montant écrit dans les actes reste sous mille milliards d'euros")),
    "avenant_3_sans_avenant_2": cas(AV, "\n          agglomeration: {montants: {2025: 16000}}\n", UN_AVENANT_DE_PLUS.format(numero=3, date_effet="2025-06-01"), 1,
        (AV, "numero: 3", "avenants[1].numero", "avenant n°3 à la place de l'avenant n°2 ; les avenants sont numérotés 1, 2, 3… sans lacune, dans l'ordre")),
    "avenant_date_avant_le_precedent": cas(AV, "\n          agglomeration: {montants: {2025: 16000}}\n", UN_AVENANT_DE_PLUS.format(numero=2, date_effet="2024-06-01"), 1,
        (AV, "date_effet: 2024-06-01", "avenants[1].date_effet", "l'avenant n°2 prend effet le 1er juin 2024, pas après l'avenant n°1 (1er janvier 2025)")),
    # --- Conventions libres (issue 12) : rôles déclarés par le modèle, budget, flux --------------
    "role_non_declare_par_le_modele": cas(CONV, "role: cma", "role: chambre", 1,
        (CONV, "role: chambre", "convention.parties[1].role", "rôle « chambre » inconnu du modèle convention.docx ; rôles déclarés : epci, departement, cci, cma, partenaire"),
        (CONV, "  parties:", "convention.parties", "le rôle « cma » (la chambre de métiers et de l'artisanat, qui met en œuvre les modules avec la chambre de commerce) "
         "n'est tenu par aucune partie ; le modèle convention.docx l'attend d'une partie exactement")),
    "association_dans_le_role_d_une_chambre": Cas(((CONV, "      nom: Chambre de Métiers et de l'Artisanat Normandie\n", "      nom: Association des Artisans\n"),
                                                   (CONV, "role: cma\n      sorte: chambre_consulaire", "role: cma\n      sorte: association")), 1, (
        (CONV, "sorte: association", "convention.parties[1].sorte", "Association des Artisans est une association ; le rôle « cma » du modèle convention.docx "
         "(la chambre de métiers et de l'artisanat, qui met en œuvre les modules avec la chambre de commerce) attend une chambre consulaire"),)),
    "type_de_convention_inconnu": cas(CONV, "convention:\n", "convention:\n  type: marche_public\n", 1,
        (CONV, "type: marche_public", "convention.type", "aucun modèle de convention « marche_public » (modeles/marche_public.docx et sa déclaration .yaml) ; "
         "types connus : convention, convention_evenement")),
    "echeances_qui_ne_font_pas_100": cas(CONV, "      budget_hors: [chambres]\n",
        "      budget_hors: [chambres]\n      calendrier:\n        - {part: 60, moment: à la signature}\n        - {part: 30, moment: sur justificatifs}\n", 1,
        (CONV, "calendrier:", "convention.financement[0].calendrier", f"les échéances du flux « versement » font 90{NBSP}% ; leur somme doit faire exactement 100{NBSP}%")),
    "lignes_en_montants_et_en_parts": cas(CONV, "        montants: [7310, 7310, 7310]\n", "", 1,
        (CONV, "code: chambres", "convention.budget.lignes[0].montants", "« CCI ON /CMA Normandie » n'a que sa part, d'autres lignes ont leurs montants ; "
         "donnez les montants de toutes les lignes, ou les parts seules de toutes")),
    "departement_inconnu": cas(COLL, "departement: Manche", "departement: Normandie", 2,
        (COLL, "departement: Normandie", "collectivite.departement", "département « Normandie » inconnu ; attendu : son nom (« Manche », « Côtes-d'Armor ») "
         "ou son code (« 50 », « 2A », « 974 »)")),
    "part_en_fraction_illisible": cas(CONV, "part: 20", "part: 1/zero", 2,
        (CONV, "part: 1/zero", "convention.budget.lignes[0].part", "pourcentage attendu, avec au plus deux décimales (« 20 », « 33.33 »), ou une fraction du budget (« 1/3 »)")),
    "flux_a_deux_bases": cas(CONV, "      budget_hors: [chambres]\n", "      budget_hors: [chambres]\n      montants: [1, 1, 1]\n", 2,
        (CONV, "code: versement", "convention.financement[0]", "un flux a une seule base : « budget_hors », « lignes », « montants », ou « taux » et « taux_de »")),
    "avenant_qui_casse_le_budget": cas(AV, "chambres: {montants: {2025: 8000}}", "chambres: {montants: {2025: 8001}}", 1,
        (AV, "modifications:", "avenants[0].modifications", f"avenant n°1 : convention.budget.total[2] : 2025 : les contributions font 40{FINE}001{NBSP}€, le budget total HT est de 40{FINE}000{NBSP}€ ; ils doivent être égaux"),
        (AV, "modifications:", "avenants[0].modifications", f"avenant n°1 : convention.financement[1] : 2025 : le flux « demande » fait 15{FINE}999,50{NBSP}€, alors que la ligne « CD 50 » prévoit 16{FINE}000{NBSP}€ ; ils doivent être égaux")),
    "avenant_qui_met_un_montant_negatif": cas(AV, "total: {2025: 40000}", "total: {2025: -40000}", 2,
        (AV, "total: {2025: -40000}", "avenants[0].modifications.budget.total[2025]", "nombre supérieur ou égal à 0 attendu")),

    # --- Budget et financement de la convention (repris de test_controles_convention.py) -------
    "ligne_qui_ne_fait_pas_le_total_de_l_annee": cas(CONV, "montants: [7310, 7310, 7310]", "montants: [7310, 7300, 7310]", 1,
        (CONV, "total: [36550", "convention.budget.total[1]", euros("2024 : les contributions font 36_540 €, le budget total HT est de 36_550 € ; ils doivent être égaux")),
        (CONV, "code: demande", "convention.financement[1]", euros("2024 : le flux « demande » fait 14_625 €, alors que la ligne « CD 50 » prévoit 14_620 € ; ils doivent être égaux"))),
    "part_indiquee_qui_n_est_pas_celle_des_montants": cas(CONV, "part: 20", "part: 19", 1,
        (CONV, "part: 19", "convention.budget.lignes[0].part",
         euros("part indiquée 19 %, mais les montants de « CCI ON /CMA Normandie » (21_930 € sur 109_650 €) en font 20 % ; indiquez 20 % ou retirez la part, que le tableau calcule"))),
    "parts_seules_qui_ne_font_pas_100": Cas(((CONV, "        montants: [7310, 7310, 7310]\n", ""), (CONV, "        montants: [14620, 14620, 14620]\n      - code: agglomeration", "      - code: agglomeration"),
                                              (CONV, "        montants: [14620, 14620, 14620]\n  financement:", "  financement:"), (CONV, "part: 20", "part: 19")), 1, (
        (CONV, "    lignes:", "convention.budget.lignes", euros("les parts des partenaires font 99 % ; leur somme doit faire exactement 100 %")),)),
    "cumul_indique_faux": cas(CONV, "montants: [14620, 14620, 14620]\n      - code: agglomeration",
        "montants: [14620, 14620, 14620]\n        cumul: 43800\n      - code: agglomeration", 1,
        (CONV, "cumul: 43800", "convention.budget.lignes[1].cumul", euros("cumul indiqué 43_800 €, mais les montants de « CD 50 » font 43_860 €"))),
    "nombre_d_annees_different_de_la_duree": cas(CONV, "duree_annees: 3", "duree_annees: 4", 1,
        (CONV, "annees: [2023", "convention.budget.annees", "3 années de budget pour une convention de 4 ans ; une année de budget par année de convention est attendue")),
    "annees_non_consecutives": cas(CONV, "annees: [2023, 2024, 2025]", "annees: [2023, 2024, 2026]", 1,
        (CONV, "annees: [2023", "convention.budget.annees[2]", "2026 ne suit pas 2024 ; des années consécutives sont attendues"),
        (CONV, "emission:", "convention.appels_de_fonds.emission[2]", "l'appel de fonds de 2026 est daté de 2025 ; une date de 2026 est attendue")),
    "montant_au_dela_du_centime": cas(CONV, "total: [36550, 36550, 36550]", "total: [36550.001, 36550, 36550]", 2,
        (CONV, "total: [", "convention.budget.total[0]", "au plus 2 décimales attendues (un montant s'écrit au centime près)")),
    "iban_aux_chiffres_intervertis": cas(CONV, "iban: FR42 3000 1000 6400 0000 0001 234", "iban: FR42 3000 1000 6400 0000 0001 243", 2,
        (CONV, "0001 243", "convention.parties[0].iban", "IBAN « FR42 3000 1000 6400 0000 0001 243 » invalide (clé de contrôle ou longueur fausse) ; recopiez-le depuis le RIB")),
    "flux_vers_une_partie_inconnue": cas(CONV, "destinataire: departement", "destinataire: region", 1,
        (CONV, "destinataire: region", "convention.financement[1].destinataire", "« region » n'est pas une partie de la convention (agglomeration, cci_on, cma_normandie, departement)")),
    "emetteur_d_appel_de_fonds_sans_iban": cas(CONV, "      iban: FR42 3000 1000 6400 0000 0001 234   # EXEMPLE FICTIF\n", "", 1,
        (CONV, "code: cci_on", "convention.parties[0]", "Chambre de Commerce et d'Industrie Ouest Normandie appelle des fonds (flux « versement ») : son IBAN et son BIC sont attendus")),
    "role_tenu_par_deux_parties": cas(CONV, "role: cma", "role: cci", 1,
        (CONV, "parties:", "convention.parties", "le rôle « cci » (la chambre de commerce et d'industrie, qui reçoit la subvention "
         "et met en œuvre les modules) est tenu par 2 parties (cci_on, cma_normandie) ; le modèle convention.docx l'attend d'une partie exactement"),
        (CONV, "parties:", "convention.parties", "le rôle « cma » (la chambre de métiers et de l'artisanat, qui met en œuvre les modules "
         "avec la chambre de commerce) n'est tenu par aucune partie ; le modèle convention.docx l'attend d'une partie exactement")),
    "decision_autorisante_inconnue": cas(CONV, "decision: B050_2022", "decision: B051_2022", 1,
        (CONV, "decision: B051", "convention.decision", "« B051_2022 » n'est pas une décision du dossier ; le numéro de la décision qui autorise la convention est attendu")),
    "appel_de_fonds_date_d_une_autre_annee": cas(CONV, "emission: [2023-03-01, 2024-03-01, 2025-03-01]", "emission: [2023-03-01, 2023-03-02, 2025-03-01]", 1,
        (CONV, "emission:", "convention.appels_de_fonds.emission[1]", "l'appel de fonds de 2024 est daté de 2023 ; une date de 2024 est attendue")),
    "expose_cite_une_ligne_inconnue": cas(S22, "soutiens: [departement, chambres]", "soutiens: [departement, region]", 1,
        (S22, "soutiens:", "seances[0].decisions[0].expose[9].financement.soutiens", "« region » n'est pas une ligne du budget de la convention (agglomeration, chambres, departement)")),
    "deux_flux_du_meme_code": cas(CONV, "    - code: demande\n", "    - code: versement\n", 1,
        (CONV, 120, "convention.financement[1].code", "code « versement » déjà pris par un autre flux")),  # la seconde ligne « - code: versement »

    # --- Avenants (repris de test_avenants.py) ---------------------------------------------------
    "avenant_1_numerote_3": cas(AV, "  - numero: 1", "  - numero: 3", 1,
        (S24, "avenant: 1", "seances[1].decisions[0].expose[2].avenant", "l'exposé cite l'avenant n°1, que le dossier ne contient pas"),
        (AV, "numero: 3", "avenants[0].numero", "avenant n°3 à la place de l'avenant n°1 ; les avenants sont numérotés 1, 2, 3… sans lacune, dans l'ordre")),
    # 7 310 + 7 310 + 8 000 = 22 620 € sur 36 550 × 2 + 40 000 = 113 100 € : 20 % tout rond.
    "avenant_dont_la_part_indiquee_contredit_les_montants": cas(AV, "          chambres: {montants: {2025: 8000}}", "          chambres: {part: 19, montants: {2025: 8000}}", 1,
        (AV, "modifications:", "avenants[0].modifications", "avenant n°1 : convention.budget.lignes[0].part : "
         "part indiquée 19\u00a0%, mais les montants de « CCI ON /CMA Normandie » (22\u202f620\u00a0€ sur 113\u202f100\u00a0€) en font 20\u00a0% ; "
         "indiquez 20\u00a0% ou retirez la part, que le tableau calcule")),
    "avenant_qui_casse_le_total_de_l_annee": cas(AV, "total: {2025: 40000}", "total: {2025: 41000}", 1,
        (AV, "modifications:", "avenants[0].modifications", "avenant n°1 : convention.budget.total[2] : "
         "2025 : les contributions font 40\u202f000\u00a0€, le budget total HT est de 41\u202f000\u00a0€ ; ils doivent être égaux"),
        (AV, "modifications:", "avenants[0].modifications", "avenant n°1 : convention.financement[1] : "
         "2025 : le flux « demande » fait 16\u202f500\u00a0€, alors que la ligne « CD 50 » prévoit 16\u202f000\u00a0€ ; ils doivent être égaux")),
    "avenant_vers_une_annee_hors_convention": cas(AV, "total: {2025: 40000}", "total: {2026: 40000}", 1,
        (AV, "2026", "avenants[0].modifications.budget.total[2026]", "avenant n°1 : 2026 n'est pas une année de la convention (2023, 2024, 2025)")),
    "avenant_vers_une_partie_inconnue": cas(AV, "        cma_normandie:", "        cma_bretagne:", 1,
        (AV, "cma_bretagne", "avenants[0].modifications.parties.cma_bretagne", "avenant n°1 : « cma_bretagne » ne désigne aucun élément (cci_on, cma_normandie, agglomeration, departement)")),
    # Les modifications ont la forme de la convention, tirée du schéma : une clé inconnue est une erreur de schéma.
    "avenant_avec_champ_inconnu": cas(AV, "      budget:\n", "      budjet:\n", 2,
        (AV, "budjet", "avenants[0].modifications.budjet", "champ inconnu « budjet » ; vouliez-vous dire « budget » ? "
         "(champs admis : type, titre, territoire, duree_annees, decision, parties, visas, modules, budget, financement, appels_de_fonds, "
         "lieu_signature, date_signature)")),
    "avenant_autorise_par_une_decision_absente": cas(AV, "decision: B140_2024", "decision: B141_2024", 1,
        (AV, "B141_2024", "avenants[0].decision", "« B141_2024 » n'est pas une décision du dossier ; le numéro de la décision qui autorise l'avenant est attendu")),
    "avenant_qui_prendrait_effet_avant_sa_decision": cas(AV, "date_effet: 2025-01-01", "date_effet: 2024-12-01", 1,
        (AV, "date_effet", "avenants[0].date_effet", "l'avenant n°1 prendrait effet le 1er décembre 2024, avant la décision B140_2024 du 10 décembre 2024 qui l'autorise")),

    # --- Schéma (repris de test_chargement.py) ----------------------------------------------------
    "cle_inconnue_dans_un_mouvement": cas(S22, "{membre: Antoine DIGARD, depart_avant: B050_2022}", "{membre: Antoine DIGARD, depart_avan: B050_2022}", 2,
        (S22, "depart_avan:", "seances[0].mouvements[0].depart_avan", "champ inconnu « depart_avan » ; vouliez-vous dire « depart_avant » ? "
         "(champs admis : membre, arrivee_a_partir_de, depart_avant, retour_a_partir_de)")),
    "cle_inconnue_dans_une_liste_de_l_expose": cas(S22, "      - numeros:", "      - numero:", 2,
        (S22, "          - numero:", "seances[0].decisions[0].expose[8].numero", "champ inconnu « numero » ; vouliez-vous dire « numeros » ? (champs admis : puces, numeros)")),
    "civilite_hors_liste": cas(COLL, "civilite: Monsieur\n    prenom: David", "civilite: M.\n    prenom: David", 2,
        (COLL, "civilite: M.", "collectivite.president.civilite", "valeur « M. » non admise ; attendu : « Monsieur » ou « Madame »")),
    "nombre_de_votes_ecrit_en_lettres_entre_guillemets": cas(S22, "pour: 23", 'pour: "vingt-trois"', 2,
        (S22, "vingt-trois", "seances[0].decisions[0].vote.pour", "nombre entier attendu")),
    "vote_negatif": cas(S22, "contre: 0", "contre: -1", 2,
        (S22, "contre: -1", "seances[0].decisions[0].vote.contre", "nombre supérieur ou égal à 0 attendu")),
    "objet_de_decision_renomme": cas(S22, "    objet: >-\n", "    titre: >-\n", 2,
        (S22, "numero: B050_2022", "seances[0].decisions[0].objet", "champ obligatoire absent"),
        (S22, "titre: >-", "seances[0].decisions[0].titre", "champ inconnu « titre » ; vouliez-vous dire « matiere » ? "
         "(champs admis : numero, objet, matiere, nature, transmission, publication, expose, visas, vote, ne_prennent_pas_part, rapporteur, dispositif, imputation, delegation_signature)")),
    "code_postal_saisi_comme_nombre": cas(COLL, 'code_postal: "14000"', "code_postal: 14000", 2,
        (COLL, "code_postal", "collectivite.tribunal_administratif.adresse.code_postal", 'texte attendu : écrivez la valeur entre guillemets ("14000")')),
    "heure_au_dela_de_24_heures": cas(S22, 'heure: "9:00"', 'heure: "25:00"', 2,
        (S22, "heure", "seances[0].heure", "l'heure « 25:00 » n'existe pas")),
    "liste_de_visas_vide": cas(S22, "        visas:\n", "        visas: []\n        anciens_visas:\n", 2,
        (S22, "visas: []", "seances[0].decisions[0].visas", "au moins 1 élément attendu"),
        (S22, "anciens_visas", "seances[0].decisions[0].anciens_visas", "champ inconnu « anciens_visas » "
         "(champs admis : numero, objet, matiere, nature, transmission, publication, expose, visas, vote, ne_prennent_pas_part, rapporteur, dispositif, imputation, delegation_signature)")),

    # --- Identifiants de l'export SCDL (repris de test_scdl.py) ----------------------------------
    "siret_trop_court": cas(COLL, 'siret: "12345678200010"', 'siret: "123456782"', 2,
        (COLL, "siret:", "collectivite.siret", "SIRET « 123456782 » invalide (clé de contrôle ou longueur fausse) ; "
         "14 chiffres attendus (SIREN puis NIC), recopiés depuis l'avis de situation SIRENE de l'établissement")),
    "siret_absent": cas(COLL, '  siret: "12345678200010"\n', "", 2,
        (COLL, "collectivite:", "collectivite.siret", "champ obligatoire absent")),
    "matiere_actes_inconnue_en_premiere_seance": cas(S22, 'matiere: "7.5"', 'matiere: "7.12"', 2,
        (S22, "matiere:", "seances[0].decisions[0].matiere", "matière « 7.12 » absente de la classification ACTES ; "
         "attendu : un code de niveau 2, de 7.1 à 7.10 pour « Finances locales »")),
    "matiere_en_toutes_lettres": cas(S24, 'matiere: "7.5"', "matiere: subventions", 2,
        (S24, "matiere:", "seances[1].decisions[0].matiere", "matière « subventions » absente de la classification ACTES ; "
         "attendu : un code de niveau 2, par exemple « 7.5 » (Finances locales / Subventions)")),
    "decision_sans_matiere": cas(S22, '        matiere: "7.5"   # classification ACTES : Finances locales / Subventions\n', "", 2,
        (S22, "numero: B050_2022", "seances[0].decisions[0].matiere", "champ obligatoire absent")),
    "prefecture_mal_ecrite": cas(COLL, "prefecture: PREF050", "prefecture: PREF50", 2,
        (COLL, "prefecture:", "collectivite.prefecture", "identifiant de préfecture « PREF50 » invalide ; "
         "attendu : PREF et le département sur 3 chiffres (« PREF050 » pour la Manche), SPREF et 4 chiffres pour une sous-préfecture, ou SGAR et 3 chiffres")),

    # --- Décision (repris de test_decision.py) ---------------------------------------------------
    "ligne_de_credit_qui_n_est_pas_en_chiffres": cas(S22, 'ligne_de_credit: "77525"', 'ligne_de_credit: "n° 77525"', 2,
        (S22, "ligne_de_credit", "seances[0].decisions[0].imputation.ligne_de_credit", "« n° 77525 » ne convient pas ; attendu : des chiffres seulement")),

    # --- Entrées du dossier qui ne peuvent pas être lues ----------------------------------------
    "lien_symbolique_casse": entree(lambda d: (d / "annexe.yaml").symlink_to("annexe_supprimee.yaml"), "annexe.yaml",
        "lien symbolique cassé : sa cible « annexe_supprimee.yaml » n'existe pas"),
    "boucle_de_liens_symboliques": Cas((), 2, (
        ("a.yml", None, "(racine)", "boucle de liens symboliques : ce lien mène, de lien en lien, à lui-même"),
        ("b.yml", None, "(racine)", "boucle de liens symboliques : ce lien mène, de lien en lien, à lui-même"),
    ), amenager=lambda d: ((d / "a.yml").symlink_to("b.yml"), (d / "b.yml").symlink_to("a.yml"))),
    "sous_dossier": entree(lambda d: (d / "2025").mkdir() or shutil.move(d / AV, d / "2025" / AV), "2025",
        "sous-dossier non lu : les fichiers .yaml d'un dossier sont lus à son premier niveau seulement ; remontez-les, ou donnez ce sous-dossier comme dossier à part"),
    "fichier_cache": entree(lambda d: (d / AV).rename(d / f".{AV}"), f".{AV}",
        "fichier caché (nom commençant par « . ») non lu : renommez-le sans le point, ou retirez-le du dossier"),
    "dossier_nomme_comme_un_fichier_yaml": entree(lambda d: (d / "seance_2025-01-01.yaml").mkdir(), "seance_2025-01-01.yaml",
        "dossier nommé comme un fichier YAML : ses fichiers ne sont pas lus ; remontez-les au premier niveau"),
    "tube_nomme_comme_un_fichier_yaml": entree(lambda d: os.mkfifo(d / "seance_2025-01-01.yaml"), "seance_2025-01-01.yaml",
        "pas un fichier ordinaire (tube, périphérique…) : un fichier YAML est attendu"),
}


def _copie(tmp_path: Path, exemple: str) -> Path:
    dossier = tmp_path / exemple
    shutil.copytree(RACINE / "donnees" / exemple, dossier)
    return dossier


def _retoucher(dossier: Path, retouches, temoin: Path) -> None:
    for fichier, avant, apres in retouches:
        chemin = dossier / fichier
        if isinstance(apres, bytes):
            chemin.write_bytes(apres)
            continue
        apres = apres.replace("{temoin}", str(temoin))
        texte = chemin.read_text(encoding="utf-8")
        assert not avant or texte.count(avant) == 1, f"« {avant} » doit apparaître une fois dans {fichier}"
        chemin.write_text(texte.replace(avant, apres) if avant else apres, encoding="utf-8")


def _ligne_attendue(dossier: Path, fichier: str, extrait: str | int | None, champ: str, message: str) -> str:
    chemin = dossier / fichier
    ligne = ligne_de(chemin, extrait) if isinstance(extrait, str) else extrait
    lieu = str(chemin) if ligne is None else f"{chemin}:{ligne}"
    return f"{lieu} : {champ} : {message}"


@pytest.mark.parametrize("cas_", CORPUS.values(), ids=CORPUS.keys())
def test_dossier_casse_refuse_sans_rien_ecrire(tmp_path, cas_):
    temoin = tmp_path / "commande_executee"
    dossier = _copie(tmp_path, cas_.exemple)
    _retoucher(dossier, cas_.retouches, temoin)
    if cas_.amenager:
        cas_.amenager(dossier)
    attendues = [_ligne_attendue(dossier, *anomalie) for anomalie in cas_.anomalies]

    verification = lancer("verifier", dossier)
    assert (verification.exit_code, verification.stderr.splitlines()) == (cas_.code, attendues)
    assert verification.stdout == ""

    sortie = tmp_path / "sorties"
    sortie.mkdir()
    (sortie / "temoin.txt").write_text("déjà là", encoding="utf-8")
    avant = contenu(sortie)
    generation = lancer("generer", dossier, "--sortie", sortie)
    assert (generation.exit_code, generation.stderr.splitlines()) == (cas_.code, attendues)
    assert generation.stdout == ""
    assert contenu(sortie) == avant
    assert "Traceback" not in verification.output + generation.output


def test_etiquette_python_jamais_executee(tmp_path):
    """Le piège est réel (un chargeur non sûr lance la commande) ; generateur refuse l'étiquette sans l'exécuter."""
    temoin = tmp_path / "commande_executee"
    piege = f"!!python/object/apply:os.system ['touch {temoin}']"
    yaml.unsafe_load(piege)
    assert temoin.exists()
    temoin.unlink()

    dossier = _copie(tmp_path, "cotentin")
    _retoucher(dossier, [(COLL, "  genre: feminin", f"  genre: {piege}")], temoin)
    assert lancer("verifier", dossier).exit_code == 2
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 2
    assert not temoin.exists()


def test_numero_avec_barres_obliques_ne_sort_pas_du_dossier_de_sortie(tmp_path):
    dossier = _copie(tmp_path, "val_exemple")
    for fichier in dossier.glob("*.yaml"):
        fichier.write_text(fichier.read_text(encoding="utf-8").replace("B2024_012", "B1/../../../evasion"), encoding="utf-8")
    # Hors des règles de @ctes, un tel numéro n'est admis que d'une numérotation libre.
    remplacer(dossier / "collectivite.yaml", "collectivite:\n", "collectivite:\n  numerotation_actes: libre\n")
    sortie = tmp_path / "sorties"
    resultat = lancer("generer", dossier, "--sortie", sortie)
    assert resultat.exit_code == 0, resultat.output
    assert str(sortie / "val_exemple" / "decision_B1-..-..-..-evasion.docx") in resultat.stdout.splitlines()
    assert [p for p in tmp_path.rglob("*.docx") if sortie / "val_exemple" not in p.parents] == []


def test_fichier_illisible_refuse_sans_trace(dossier, monkeypatch):
    lire = Path.read_bytes

    def refuser(chemin: Path) -> bytes:
        if chemin.name == COLL:
            raise PermissionError(13, "Permission denied")
        return lire(chemin)

    monkeypatch.setattr(Path, "read_bytes", refuser)
    resultat = lancer("verifier", dossier)
    assert (resultat.exit_code, resultat.stderr) == (2, f"{dossier / COLL} : (racine) : impossible de lire le fichier (permission refusée)\n")


def test_entier_a_zero_initial_lu_en_decimal_pas_en_octal(tmp_path):
    """YAML 1.1 lit « 045 » en octal : 37 jours. C'est 45 que l'utilisateur a tapé."""
    dossier = _copie(tmp_path, "cotentin")
    _retoucher(dossier, ((CONV, "delai_paiement_jours: 30", "delai_paiement_jours: 045"),), tmp_path / "temoin")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 0, resultat.output
    appels = sorted((tmp_path / "sorties" / "cotentin").glob("appel*.docx"))
    delais = {p.text[p.text.index("dans un délai"):][:26] for appel in appels for p in Document(str(appel)).paragraphs if "dans un délai de" in p.text}
    assert (len(appels), delais) == (6, {"dans un délai de 45 jours,"})  # 2 appels par an, de 2023 à 2025


def test_extension_en_majuscules_lue(tmp_path):
    dossier = _copie(tmp_path, "cotentin")
    (dossier / AV).rename(dossier / "AVENANTS.YAML")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 0, resultat.output
    assert [p.name for p in (tmp_path / "sorties" / "cotentin").glob("avenant*.docx")] == ["avenant_1_2023-2025.docx"]
