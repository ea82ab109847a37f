"""generateur : les actes d'une intercommunalité, produits depuis des données vérifiées."""

from importlib.metadata import version

__version__ = version("generateur")
