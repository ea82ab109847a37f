"""Propriété (issue 12) : tout dossier que `verifier` accepte, `generer` le rend — les exemples,
et des variations valides au hasard de leurs parties, rôles, flux et lignes du budget ; aucune
« variable inconnue » n'atteint l'utilisateur."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generateur.controles import controler
from generateur.controles.budget import repartir
from generateur.etapes import MODELES
from generateur.francais import SORTES
from generateur.lecture.chargement import charger
from generateur.lecture.declarations import declarations
from generateur.lecture.schema import CitationAvenant, Convention
from generateur.rendu.word import rendre
from generateur.vues.documents import documents
from tests.conftest import RACINE

EXEMPLES = ["cotentin", "val_exemple", "pays_argoat", "festival_exemple"]
COMPTES = {"rendues": 0, "refusées": 0}
"""Combien de variations tirées ont passé les contrôles : la propriété ne vaut que si certaines passent."""
IBAN, BIC = "FR16 3000 1000 6400 0000 0004 321", "BDFEFRPPCCT"


@pytest.fixture(scope="module")
def bases():
    return {nom: charger(RACINE / "donnees" / nom)[0] for nom in EXEMPLES}


def _sans_avenants(dossier):
    """Le dossier sans ses avenants (qui visent les lignes d'origine), ni l'exposé qui les cite."""
    seances = [
        seance.model_copy(update={"decisions": [
            decision.model_copy(update={"expose": [bloc for bloc in decision.expose if not isinstance(bloc, CitationAvenant)] or ["Exposé."]})
            for decision in seance.decisions
        ]})
        for seance in dossier.seances
    ]
    return dossier.model_copy(update={"avenants": [], "seances": seances})


@st.composite
def variations(draw, base):
    """Une convention de `base` aux partenaires, lignes et flux tirés au hasard."""
    donnees = base.convention.model_dump()
    for rang in range(draw(st.integers(0, 2))):
        donnees["parties"].append({
            "code": f"partenaire_{rang}", "role": "partenaire", "sorte": draw(st.sampled_from(SORTES)), "nom": f"Partenaire {rang}",
            "genre": draw(st.sampled_from(["masculin", "feminin"])), "siege": {"voie": "1 rue Haute", "commune": draw(st.sampled_from(["Le Havre", "Caen", "Les Andelys"]))},
            "representant": "à compléter", "denomination": f"Partenaire {rang}", "iban": IBAN, "bic": BIC,
        })
    annees = donnees["budget"]["annees"]
    totaux = [Decimal(draw(st.integers(0, 10**7))) / 100 for _ in annees]
    lignes = donnees["budget"]["lignes"]
    if draw(st.booleans()):
        poids = [draw(st.integers(0, 5)) for _ in lignes]
        if not any(poids):
            poids[0] = 1
        colonnes = [repartir(total, poids) for total in totaux]
        for rang, ligne in enumerate(lignes):
            ligne.update(montants=[colonne[rang] for colonne in colonnes], part=None, cumul=None)
    else:
        coupures = sorted(draw(st.lists(st.integers(0, 100), min_size=len(lignes) - 1, max_size=len(lignes) - 1)))
        parts = [haut - bas for bas, haut in zip([0] + coupures, coupures + [100])]
        for ligne, part in zip(lignes, parts):
            ligne.update(montants=None, part=part, cumul=None)
    donnees["budget"].update(total=totaux, cumul=None)
    codes_parties = [partie["code"] for partie in donnees["parties"]]
    codes_lignes = [ligne["code"] for ligne in lignes]
    flux = []
    for rang in range(draw(st.integers(1, 4))):
        base_flux = draw(st.sampled_from(["budget_hors", "lignes", "montants", "taux"] if flux else ["budget_hors", "lignes", "montants"]))
        un = {"code": f"flux_{rang}", "emetteur": draw(st.sampled_from(codes_parties)), "destinataire": draw(st.sampled_from(codes_parties)),
              "objet": draw(st.sampled_from(["subvention", "participation", "financement"]))}
        if base_flux == "taux":
            un |= {"taux_de": draw(st.sampled_from([f["code"] for f in flux])), "taux": draw(st.integers(0, 100))}
        elif base_flux == "montants":
            un["montants"] = [Decimal(draw(st.integers(0, 10**6))) for _ in annees]
        else:
            un[base_flux] = draw(st.lists(st.sampled_from(codes_lignes), min_size=1, max_size=len(codes_lignes), unique=True))
        if draw(st.booleans()):
            avance = draw(st.integers(0, 100))
            un["calendrier"] = [{"part": avance, "moment": "à la signature"}, {"part": 100 - avance, "moment": "sur justificatifs"}]
        flux.append(un)
    donnees["financement"] = flux
    for partie in donnees["parties"]:
        if partie["code"] in {f["emetteur"] for f in flux}:
            partie["iban"], partie["bic"] = partie.get("iban") or IBAN, partie.get("bic") or BIC
    donnees["appels_de_fonds"]["depenses_realisees"] = {}
    return Convention.model_validate(donnees)


@pytest.mark.parametrize("nom", EXEMPLES)
def test_tout_ce_que_verifier_accepte_se_rend(bases, nom):
    """Les exemples d'abord, puis des variations valides de chacun."""
    base = bases[nom]
    types = declarations(MODELES)

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.data())
    def propriete(data):
        variation = data.draw(st.booleans())
        dossier = _sans_avenants(base).model_copy(update={"convention": data.draw(variations(base))}) if variation else base
        ecarts, verifie = controler(dossier, types)
        if variation:
            COMPTES["refusées" if ecarts else "rendues"] += 1
        if ecarts:
            return
        for document in documents(verifie):
            assert rendre(MODELES / document.modele, document.contexte)[:2] == b"PK"

    propriete()


def test_des_variations_passent_les_controles():
    """Témoin : les variations tirées ne sont pas toutes refusées (sinon la propriété ne prouverait rien)."""
    assert COMPTES["rendues"] >= 1, COMPTES
