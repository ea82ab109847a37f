"""Une convention pour tout partenariat et tout EPCI (issue 12) : parties et rôles libres,
territoire tiré des données, budgets en tiers, nouveau dossier, schéma de l'éditeur."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import jsonschema
import yaml

from generateur.etapes import verifier
from tests.conftest import EXEMPLE, RACINE, lancer, remplacer
from tests.documents import paragraphes_docx

ARGOAT = RACINE / "donnees" / "pays_argoat"


def test_autre_departement_autre_region_quatre_partenaires_dont_une_association(tmp_path):
    assert lancer("generer", ARGOAT, "--sortie", tmp_path).exit_code == 0
    texte = paragraphes_docx(tmp_path / "pays_argoat" / "convention_2024-2026.docx")
    tout = "\n".join(texte)
    assert "Manche" not in tout and "Normandie" not in tout
    attendus = [
        # Chaque partie avec son article et sa sorte ; « à » + « Le Légué » → « au Légué ».
        "La Chambre de Commerce et d'Industrie des Côtes-d'Armor-Exemple, établissement public dont le siège est situé 10 quai du Port au Légué-Exemple, "
        "représentée par sa Présidente Lucie FOURNIER, ci-après dénommée « CCI Exemple » ;",
        "La Chambre de Métiers et de l'Artisanat de Bretagne-Exemple, établissement public dont le siège est situé 5 rue des Artisans au Rheu, "
        "représentée par son Président Bruno LEMAÎTRE, ci-après dénommée « CMA Exemple » ;",
        "Le Conseil départemental des Côtes-d'Armor, collectivité territoriale dont le siège est situé 2 avenue du Département à Saint-Brieuc, "
        "représenté par son Président Olivier GARNIER, ci-après dénommé « le Département » ;",
        "L'Association Argoat Numérique, association régie par la loi du 1er juillet 1901 dont le siège est situé 4 rue du Lavoir au Vieux-Bourg, "
        "représentée par son Président Yann LE FICTIF, dûment habilité par décision du conseil d'administration en date du 20 février 2024, "
        "ci-après dénommée « l'association Argoat Numérique ».",
        "Ce comité est constitué d'un collaborateur des différentes parties impliquées (la Communauté de Communes, le Département, "
        "les chambres consulaires, l'association Argoat Numérique).",
        "Les documents de communication relatifs au plan d'animation et d'accompagnement à la transition numérique des commerçants "
        "et artisans des Côtes-d'Armor feront apparaître chacune des parties engagées.",
    ]
    for attendu in attendus:
        assert attendu in texte
    financement = next(p for p in texte if "partenariat avec" in p)
    assert "dans le cadre de son partenariat avec la Région Bretagne pour la sensibilisation" in financement
    assert ("Elle pourra moduler le nombre d'actions dans ces modules en fonction des problématiques de son territoire dans la limite du budget "
            "global validé et sous réserve de validation des partenaires (la CCI Exemple, la CMA Exemple, le Département et "
            "l'association Argoat Numérique).") in financement


def test_pronom_de_la_partie_qui_agit_suit_son_genre(dossier, tmp_path):
    remplacer(dossier / "convention.yaml", "      genre: feminin\n      siege: {voie: 8 rue des Vindits", "      genre: masculin\n      siege: {voie: 8 rue des Vindits")
    remplacer(dossier / "convention.yaml", "denomination: l'Agglomération", "denomination: le Syndicat")
    assert lancer("generer", dossier, "--sortie", tmp_path / "sorties").exit_code == 0
    texte = "\n".join(paragraphes_docx(tmp_path / "sorties" / "cotentin" / "convention_2023-2025.docx"))
    assert "validé. Il pourra moduler" not in texte  # la phrase précédente finit par « modules. »
    assert "modules. Il pourra moduler le nombre d'actions" in texte
    assert "Le Syndicat versera annuellement à la CCI ON" in texte


TIERS = """  budget:
    annees: [2023, 2024, 2025]
    total: [10000, 10000, 10000]
    lignes:
      - code: chambres
        libelle: CCI ON /CMA Normandie
        designation: les Chambres Consulaires
        parties: [cci_on, cma_normandie]
        {chambres}
      - code: departement
        libelle: CD 50
        designation: le Conseil Départemental de la Manche
        parties: [departement]
        {autre}
      - code: agglomeration
        libelle: CAC
        designation: la Communauté d'Agglomération
        parties: [agglomeration]
        {autre}
"""


def _budget_en_tiers(dossier: Path, chambres: str, autre: str) -> None:
    (dossier / "paiements.yaml").unlink()  # les paiements enregistrés suivent le budget d'origine
    fichier = dossier / "convention.yaml"
    texte = fichier.read_text(encoding="utf-8")
    debut, fin = texte.index("  budget:\n"), texte.index("  financement:\n")
    fichier.write_text(texte[:debut] + TIERS.format(chambres=chambres, autre=autre) + texte[fin:], encoding="utf-8")
    (dossier / "avenants.yaml").unlink()
    seance = dossier / "seance_2024-12-10.yaml"
    texte = seance.read_text(encoding="utf-8")
    seance.write_text(texte[: texte.index("        expose:")] + "        expose:\n          - Exposé.\n" + texte[texte.index("        visas:"):], encoding="utf-8")


def _tableau_en_tiers(tmp_path: Path) -> list[str]:
    return [p for p in paragraphes_docx(tmp_path / "sorties" / "cotentin" / "convention_2023-2025.docx") if " | " in p][:4]


# Calcul à la main : 10 000,00 € en trois tiers font 3 333,33 € et un centime de reste, qui va
# à la première ligne (restes égaux) : 3 333,34 + 3 333,33 + 3 333,33 = 10 000,00 €.
# Sur trois ans : 10 000,02 €, 9 999,99 € et 9 999,99 € de 30 000 €, soit 33,3340 %, 33,3333 %
# et 33,3333 %, arrondis 33,33 % chacun (99,99 %) : le centième qui manque va au plus fort
# reste (0,0040 contre 0,0033), d'où 33,34 % + 33,33 % + 33,33 % = 100,00 %.
TABLEAU_EN_TIERS = [
    "| ANNÉE 1 | ANNÉE 2 | ANNÉE 3 | cumul | Répartition partenaires",
    "BUDGET TOTAL HT | 10 000 € | 10 000 € | 10 000 € | 30 000 € | 100 %",
    "CCI ON /CMA Normandie | 3 333,34 € | 3 333,34 € | 3 333,34 € | 10 000,02 € | 33,34 %",
    "CD 50 | 3 333,33 € | 3 333,33 € | 3 333,33 € | 9 999,99 € | 33,33 %",
]


def test_budget_en_tiers_par_les_montants(dossier, tmp_path):
    _budget_en_tiers(dossier, "montants: [3333.34, 3333.34, 3333.34]", "montants: [3333.33, 3333.33, 3333.33]")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 0, resultat.output
    assert _tableau_en_tiers(tmp_path) == TABLEAU_EN_TIERS
    # Le versement est le budget hors chambres : 10 000 − 3 333,34 = 6 666,66 € ; la demande en est la moitié, 3 333,33 €.
    appel = paragraphes_docx(tmp_path / "sorties" / "cotentin" / "appel_de_fonds_AF-2023-01.docx")
    assert "Moins la participation des Chambres Consulaires (33,34 %) | 3 333,34 €" in appel
    assert "Montant appelé | 6 666,66 €" in appel


def test_budget_en_tiers_par_les_parts_seules(dossier, tmp_path):
    _budget_en_tiers(dossier, "part: 1/3", "part: 1/3")
    resultat = lancer("generer", dossier, "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 0, resultat.output
    assert _tableau_en_tiers(tmp_path) == TABLEAU_EN_TIERS


def test_part_indiquee_egale_a_l_arrondi_des_montants(dossier):
    _budget_en_tiers(dossier, "part: 33.34\n        montants: [3333.34, 3333.34, 3333.34]", "part: 33.33\n        montants: [3333.33, 3333.33, 3333.33]")
    lignes = verifier(dossier)[0].dossier.convention.budget.lignes  # refusé, il lèverait l'anomalie de la part
    assert [ligne.part for ligne in lignes] == [Fraction("33.34"), Fraction("33.33"), Fraction("33.33")]


def _remplir(fichier: Path, valeurs: dict) -> None:
    """Remplace dans `fichier` chaque blanc du chemin donné (« parties.2.nom ») par sa valeur."""
    entete, corps = fichier.read_text(encoding="utf-8").split("\n", 1)
    donnees = yaml.safe_load(corps)
    for chemin, valeur in valeurs.items():
        cible = donnees
        *debut, fin = [int(cle) if cle.isdigit() else cle for cle in chemin.split(".")]
        for cle in debut:
            cible = cible[cle]
        assert cible[fin] == "à compléter", chemin
        cible[fin] = valeur
    fichier.write_text(entete + "\n" + yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_nouveau_puis_blancs_listes_puis_definitif(tmp_path):
    nouveau = tmp_path / "cc_nouvelle"
    assert lancer("nouveau", nouveau, "--depuis", EXEMPLE).exit_code == 0
    assert (nouveau / "convention.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=dossier.schema.json\n")
    resultat = lancer("verifier", nouveau)
    assert resultat.exit_code == 1
    lignes = resultat.stderr.splitlines()
    assert lignes[:3] == [
        f"{nouveau} : 47 blancs « à compléter » dans 4 fichiers",
        f"{nouveau / 'assemblee_bureau.yaml'} : 3 blancs",  # le Bureau garde sa description, ses membres sont à lister
        f"{nouveau / 'assemblee_bureau.yaml'}:11 : assemblees[0].membres[0].civilite : à compléter",
    ]
    assert f"{nouveau / 'collectivite.yaml'}:3 : collectivite.nom : à compléter" in lignes
    assert lignes[-1] == f"{nouveau} : dossier incomplet : remplissez ces blancs ; il pourra ensuite être contrôlé entièrement et généré"
    assert len(lignes) == 1 + 4 + 47 + 1  # le total, un titre par fichier, chaque blanc, la conclusion
    assert lancer("generer", nouveau, "--definitif", "--sortie", tmp_path / "sorties").exit_code == 1
    assert not (tmp_path / "sorties").exists()

    # Le service juridique remplit : collectivité et séance d'un autre EPCI (ici celles du Cotentin), puis la convention.
    shutil.copy(EXEMPLE / "collectivite.yaml", nouveau / "collectivite.yaml")
    shutil.copy(EXEMPLE / "assemblee_bureau.yaml", nouveau / "assemblee_bureau.yaml")
    shutil.copy(EXEMPLE / "seance_2022-11-22.yaml", nouveau / "seances.yaml")
    epci = {f"convention.parties.2.{champ}": valeur for champ, valeur in {
        "nom": "Communauté de Communes Nouvelle", "siege": {"voie": "1 place du Marché", "commune": "Valognes"},
        "representant": {"civilite": "Madame", "prenom": "Anne", "nom": "Nouvelle"}, "habilitation": "2022-11-22",
        "denomination": "la Communauté de Communes", "siret": "12345678200010", "iban": "FR90 3000 1000 6400 0000 0009 876", "bic": "BDFEFRPPCCT"}.items()}
    budget = {"convention.budget.annees": [2023, 2024, 2025], "convention.budget.total": [10000, 10000, 10000]}
    for rang, (libelle, montant) in enumerate((("Chambres", 2000), ("Département", 4000), ("CCN", 4000))):
        budget |= {f"convention.budget.lignes.{rang}.libelle": libelle, f"convention.budget.lignes.{rang}.montants": [montant] * 3}
    _remplir(nouveau / "convention.yaml", epci | budget | {
        "convention.titre": "Convention triennale de partenariat pour la transition numérique", "convention.territoire": "la Communauté de Communes Nouvelle",
        "convention.decision": "B050_2022", "convention.appels_de_fonds.emission": ["2023-03-01", "2024-03-01", "2025-03-01"],
    })
    resultat = lancer("verifier", nouveau)
    assert resultat.exit_code == 0, resultat.output
    assert f"{nouveau} : 3 blancs « à compléter » dans 1 fichier" in resultat.stdout  # lieu et date de signature, représentant de la CMA
    refus = lancer("generer", nouveau, "--definitif", "--sortie", tmp_path / "sorties")
    assert refus.exit_code == 1
    assert refus.stderr.splitlines()[-1] == (
        f"{nouveau} : version définitive refusée : remplissez ces blancs, ou générez sans --definitif une version de travail"
    )
    _remplir(nouveau / "convention.yaml", {
        "convention.lieu_signature": "Valognes", "convention.date_signature": "2022-12-01",
        "convention.parties.1.representant": {"civilite": "Madame", "prenom": "Camille", "nom": "Exemple", "fonction": "Présidente"},
    })
    resultat = lancer("generer", nouveau, "--definitif", "--sortie", tmp_path / "sorties")
    assert resultat.exit_code == 0, resultat.output
    assert (tmp_path / "sorties" / "cc_nouvelle" / "convention_2023-2025.docx").exists()


def _comme_json(valeur):
    """Les dates lues par YAML s'écrivent en texte, comme l'éditeur les voit."""
    if isinstance(valeur, dict):
        return {cle: _comme_json(v) for cle, v in valeur.items()}
    if isinstance(valeur, list):
        return [_comme_json(v) for v in valeur]
    return valeur.isoformat() if hasattr(valeur, "isoformat") else valeur


def test_les_exemples_valident_contre_le_schema_json(tmp_path):
    resultat = lancer("schema", "--sortie", tmp_path / "dossier.schema.json")
    assert resultat.exit_code == 0, resultat.output
    schema = json.loads((tmp_path / "dossier.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Partie"]["properties"]["sorte"]["description"].startswith("ce qu'est la partie : epci, commune")
    # Les séances (présences écrites « présente », « excusée ») relèvent du schéma des séances, refait à part.
    fichiers = sorted(f for f in (RACINE / "donnees").glob("*/*.yaml") if not f.name.startswith("seance"))
    assert len(fichiers) == 15  # collectivité, convention, avenants, paiements et listes des membres (assemblee_*.yaml)
    for fichier in fichiers:
        jsonschema.validate(_comme_json(yaml.safe_load(fichier.read_text(encoding="utf-8"))), schema)
    with_faute = {"convention": {"parties": [{"code": "x", "sorte": "chambre"}]}}
    try:
        jsonschema.validate(with_faute, schema)
    except jsonschema.ValidationError as erreur:
        assert "'chambre' is not one of" in erreur.message
    else:
        raise AssertionError("une sorte inconnue doit être refusée par le schéma")


FESTIVAL = RACINE / "donnees" / "festival_exemple"


def test_second_type_evenement_avance_a_la_signature_et_solde_sur_justificatifs(tmp_path):
    assert lancer("generer", FESTIVAL, "--sortie", tmp_path).exit_code == 0
    dossier = tmp_path / "festival_exemple"
    texte = paragraphes_docx(dossier / "convention_evenement_2025-2026.docx")
    assert ("La Commune d'Exempleville, collectivité territoriale dont le siège est situé 3 rue de l'Hôtel de Ville à Exempleville, représentée par "
            "son Maire Paul LEFORT, dûment habilité par délibération du conseil municipal en date du 5 mars 2024, ci-après dénommée « la Commune » ;") in texte
    assert ("La Communauté de Communes versera à l'association Festi'Exemple une subvention de 10 000 € par an, en deux fois : 60 % (6 000 €) "
            "à la signature de la convention et 40 % (4 000 €) sur présentation du bilan et des justificatifs de dépenses, sur appel de fonds.") in texte
    assert "La présente convention prend effet à sa signature pour une durée de 2 ans (2025-2026)." in texte
    # 10 000 € : 60 % à l'avance (6 000 €), 40 % de solde (4 000 €), chacun son appel de fonds et sa date.
    avance = paragraphes_docx(dossier / "appel_de_fonds_AF-2025-01-1.docx")
    assert "Échéance : 60 % à la signature de la convention | 6 000 €" in avance
    assert "Soit la somme de 6 000 € (six mille euros)." in avance
    solde = paragraphes_docx(dossier / "appel_de_fonds_AF-2025-01-2.docx")
    assert "Exempleville, le 15 septembre 2025" in solde
    assert "Soit la somme de 4 000 € (quatre mille euros)." in solde
    commune = paragraphes_docx(dossier / "appel_de_fonds_AF-2026-02.docx")
    assert "Montant prévu par la convention pour 2026 | 5 000 €" in commune


def test_nouveau_d_un_autre_type_prend_les_roles_du_nouveau_modele(tmp_path):
    nouveau = tmp_path / "festival"
    assert lancer("nouveau", nouveau, "--depuis", EXEMPLE, "--type", "convention_evenement").exit_code == 0
    convention = yaml.safe_load((nouveau / "convention.yaml").read_text(encoding="utf-8"))["convention"]
    assert convention["type"] == "convention_evenement"
    # Les chambres et le département n'ont pas de rôle dans ce modèle ; l'EPCI reste, à compléter ;
    # la commune et l'association attendues arrivent, à compléter.
    assert [(p["code"], p["role"], p["sorte"], p["nom"]) for p in convention["parties"]] == [
        ("agglomeration", "epci", "epci", "à compléter"),
        ("commune", "commune", "commune", "à compléter"),
        ("association", "association", "association", "à compléter"),
    ]
    assert convention["visas"] == ["à compléter"] and convention["modules"] == ["à compléter"]
    resultat = lancer("verifier", nouveau)
    assert resultat.exit_code == 1
    # Collectivité sans « assemblee » (−1), séance sans liste des membres (−4), membres du Bureau à lister (+3, un fichier de plus).
    assert resultat.stderr.splitlines()[0] == f"{nouveau} : 63 blancs « à compléter » dans 4 fichiers"  # dont le SIRET de l'EPCI


def test_nouveau_refuse_un_type_inconnu_et_un_dossier_deja_rempli(tmp_path):
    resultat = lancer("nouveau", tmp_path / "x", "--depuis", EXEMPLE, "--type", "marche_public")
    assert (resultat.exit_code, resultat.stderr) == (2, f"{EXEMPLE} : convention.type : aucun modèle de convention « marche_public » ; types connus : convention, convention_evenement\n")
    assert not (tmp_path / "x").exists()
    resultat = lancer("nouveau", RACINE / "donnees", "--depuis", EXEMPLE)
    assert resultat.exit_code == 3
    assert resultat.stderr == f"{RACINE / 'donnees'} existe déjà et n'est pas vide ; choisissez un nouveau dossier\n"


def test_schema_sur_la_sortie_standard_decrit_les_champs_en_francais():
    resultat = lancer("schema")
    assert resultat.exit_code == 0
    schema = json.loads(resultat.stdout)
    assert "required" not in schema  # un fichier ne porte qu'une partie du dossier
    assert schema["$defs"]["Collectivite"]["properties"]["departement"]["description"].startswith("département du territoire, par son nom ou son code")
    assert schema["$defs"]["ModificationConvention"]["properties"]["budget"]["anyOf"][0] == {"$ref": "#/$defs/ModificationBudget"}
