"""generateur : les actes d'une intercommunalité, produits depuis des données vérifiées."""

__version__ = "0.2.0"
"""La version, lue aussi par pyproject.toml : importlib.metadata coûterait 20 ms à chaque commande."""
