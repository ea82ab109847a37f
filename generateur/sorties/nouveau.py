"""`generateur nouveau` : un dossier pour un autre EPCI, tiré d'un dossier existant.

La structure et les partenaires partagés restent (chambres, département, visas, modules,
flux, parts du budget) ; tout ce qui appartient à l'ancien EPCI (nom, siège, président,
SIRET, IBAN, membres des assemblées, séances, montants du budget, dates) devient « à
compléter » ; chaque assemblée garde sa description (nom, sorte d'actes, formule). Les avenants,
propres à l'ancienne convention, ne sont pas repris. `verifier` liste ensuite les blancs.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from generateur.exceptions import Anomalie, DonneesIllisibles
from generateur.lecture.blancs import A_COMPLETER
from generateur.lecture.declarations import Declaration
from generateur.lecture.fichiers import lire_dossier
from generateur.sorties.liste_membres import DESCRIPTION
from generateur.sorties.schema_json import NOM as NOM_DU_SCHEMA, entete_yaml, texte_du_schema

B = A_COMPLETER

_COLLECTIVITE_GARDEE = ("genre", "forme_juridique")
_PARTIE_GARDEE = ("code", "role", "sorte", "genre", "nature")


def _collectivite(ancienne: dict) -> dict:
    return {cle: (valeur if cle in _COLLECTIVITE_GARDEE else B) for cle, valeur in ancienne.items()}


def _assemblee(ancienne: dict) -> dict:
    """L'assemblée telle qu'elle est décrite, ses membres à lister (ou à importer du tableur)."""
    return {**{cle: valeur for cle, valeur in ancienne.items() if cle in DESCRIPTION}, "membres": [{"civilite": B, "prenom": B, "nom": B}]}


def _seance(assemblee: dict) -> dict:
    """Une séance à remplir de la première assemblée : la forme d'une séance, aucune de ses valeurs."""
    acte = {"numero": B, "objet": B, "matiere": B, "expose": [B], "visas": [B], "vote": {"pour": B}, "dispositif": [{"verbe": B, "texte": B}]}
    actes = "deliberations" if assemblee.get("actes") == "deliberation" else "decisions"
    return {"assemblee": assemblee.get("code", B), "date": B, "heure": B, "lieu": B, "presidence": {"membre": B}, "ordre_du_jour": [B], actes: [acte]}


def _partie_a_completer(partie: dict) -> dict:
    return {cle: (valeur if cle in _PARTIE_GARDEE else B) for cle, valeur in partie.items()}


def _parties(parties: list[dict], declaration: Declaration) -> list[dict]:
    """Les parties de l'ancienne convention dont le nouveau type déclare le rôle ; l'EPCI à
    compléter ; une partie à compléter pour chaque rôle déclaré que personne ne tient."""
    gardees = [_partie_a_completer(p) if p.get("sorte") == "epci" else p for p in parties if p.get("role") in declaration.roles]
    tenus = {partie.get("role") for partie in gardees}
    for code, role in declaration.roles.items():
        if code not in tenus and not role.plusieurs:
            gardees.append({"code": code, "role": code, "sorte": role.sortes[0] if role.sortes else B, "nom": B, "genre": B,
                            "siege": B, "representant": B, "denomination": B})
    return gardees


def _budget(budget: dict, parties: set[str]) -> dict:
    lignes = [
        {**{cle: valeur for cle, valeur in ligne.items() if cle not in ("montants", "cumul")}, "libelle": B, "montants": B}
        for ligne in budget.get("lignes", []) if set(ligne.get("parties", [])) <= parties
    ]
    return {"annees": B, "total": B, "lignes": lignes or [{"code": B, "libelle": B, "designation": B, "parties": [B], "montants": B}]}


def _convention(ancienne: dict, type_: str, declaration: Declaration) -> dict:
    """La convention à compléter ; d'un autre type, seules ses parties communes sont reprises
    (visas, modules, lignes et flux, écrits pour l'ancien texte, sont à compléter)."""
    if type_ != ancienne.get("type", "convention"):
        ancienne = {"parties": ancienne.get("parties", []), "duree_annees": ancienne.get("duree_annees", B)}
    parties = _parties(ancienne.get("parties", []), declaration)
    codes = {partie["code"] for partie in parties}
    budget = _budget(ancienne.get("budget", {}), codes)
    lignes = {ligne["code"] for ligne in budget["lignes"]}
    flux = [
        {**f, **({"montants": B} if "montants" in f else {})}
        for f in ancienne.get("financement", [])
        if {f.get("emetteur"), f.get("destinataire")} <= codes and set(f.get("budget_hors", []) + f.get("lignes", [])) <= lignes
    ]
    appels = ancienne.get("appels_de_fonds", {})
    return {
        "type": type_, "titre": B, "territoire": B, "duree_annees": ancienne.get("duree_annees", B), "decision": B,
        "lieu_signature": B, "date_signature": B, "parties": parties,
        "visas": ancienne.get("visas", [B]), "modules": ancienne.get("modules", [B]), "budget": budget,
        "financement": flux or [{"code": B, "emetteur": B, "destinataire": B, "objet": B, "montants": B}],
        "appels_de_fonds": {"emission": B, "delai_paiement_jours": appels.get("delai_paiement_jours", B)},
    }


class _Ecrivain(yaml.SafeDumper):
    """Les montants lus en Decimal s'écrivent comme des nombres."""


_Ecrivain.add_representer(Decimal, lambda ecrivain, nombre: ecrivain.represent_scalar("tag:yaml.org,2002:float", str(nombre)))


def _yaml(donnees: dict) -> bytes:
    texte = yaml.dump(donnees, Dumper=_Ecrivain, allow_unicode=True, sort_keys=False, width=100)
    return (entete_yaml(NOM_DU_SCHEMA) + texte).encode("utf-8")


def nouveau_dossier(depuis: Path, destination: Path, type_: str | None, declarations: dict[str, Declaration]) -> dict[Path, bytes]:
    """Les fichiers du nouveau dossier (nom → contenu), tirés du dossier `depuis`."""
    donnees, _ = lire_dossier(depuis)
    ancienne = donnees.get("convention") if isinstance(donnees.get("convention"), dict) else {}
    type_ = type_ or ancienne.get("type", "convention")
    if type_ not in declarations:
        connus = ", ".join(sorted(declarations)) or "aucun"
        raise DonneesIllisibles([Anomalie(str(depuis), "convention.type", f"aucun modèle de convention « {type_} » ; types connus : {connus}")])
    fichiers = {destination / "collectivite.yaml": _yaml({"collectivite": _collectivite(donnees.get("collectivite", {}))})}
    lues = donnees.get("assemblees") if isinstance(donnees.get("assemblees"), list) else []
    assemblees = [a for a in lues if isinstance(a, dict)] or [{"code": "bureau", "nom": "Bureau", "qualificatif": "communautaire",
                                                                                          "genre": "masculin", "actes": "decision"}]
    for assemblee in assemblees:
        fichiers[destination / f"assemblee_{assemblee.get('code', 'bureau')}.yaml"] = _yaml({"assemblees": [_assemblee(assemblee)]})
    fichiers[destination / "seances.yaml"] = _yaml({"seances": [_seance(assemblees[0])]})
    fichiers[destination / "convention.yaml"] = _yaml({"convention": _convention(ancienne, type_, declarations[type_])})
    fichiers[destination / NOM_DU_SCHEMA] = texte_du_schema().encode("utf-8")
    return fichiers
