"""Le JSON Schema d'un dossier, tiré des formes pydantic : un éditeur (VS Code et son
extension YAML, par `# yaml-language-server: $schema=…`) complète alors les clés et montre
leurs descriptions en français.

Un dossier se répartit sur plusieurs fichiers (collectivité, séances, convention) : aucune
clé de premier niveau n'est donc exigée dans un fichier ; `generateur verifier` contrôle
le dossier entier.
"""

from __future__ import annotations

import json

from generateur.lecture.schema import Dossier

NOM = "dossier.schema.json"
"""Le nom du schéma écrit à côté des fichiers d'un dossier par `generateur nouveau`."""


def schema_json() -> dict:
    schema = Dossier.model_json_schema()
    schema.pop("required", None)
    schema["title"] = "Dossier generateur"
    schema["description"] = (
        "Un fichier d'un dossier generateur (collectivite, seances, convention, avenants) ; "
        "le dossier entier se contrôle par « generateur verifier »."
    )
    return schema


def texte_du_schema() -> str:
    return json.dumps(schema_json(), ensure_ascii=False, indent=2) + "\n"


def entete_yaml(chemin_du_schema: str) -> str:
    """La première ligne de chaque YAML écrit par l'outil : l'éditeur y trouve le schéma."""
    return f"# yaml-language-server: $schema={chemin_du_schema}\n"
