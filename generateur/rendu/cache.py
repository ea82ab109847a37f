"""Les modèles préparés gardés sur disque, d'un lancement à l'autre.

Préparer les modèles d'un dossier (lire et contrôler le paquet Word, composer le texte fixe,
compiler Jinja) coûte ~0,4 s à chaque commande, avant le premier document. Comme Python garde
ses modules compilés dans `__pycache__`, chaque modèle préparé est gardé dans le dossier de
cache de l'utilisateur : `$GENERATEUR_CACHE` s'il est donné (vide : pas de cache), sinon
`$XDG_CACHE_HOME/generateur`, sinon `~/.cache/generateur`.

La clé d'une entrée change avec les octets du modèle, le code qui le prépare (le nôtre et
celui de docxtpl) et les versions de Python, Jinja et lxml : une entrée ne peut pas être
périmée, elle est seulement inutilisée. Une entrée illisible est ignorée (et refaite) ; une entrée s'écrit à côté puis
se renomme, lisible par son seul propriétaire ; les plus anciennes s'en vont au-delà de
`ENTREES_GARDEES` ; un cache impossible à écrire ne fait qu'ôter le gain.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path


def dossier() -> Path | None:
    """Le dossier du cache, ou None s'il est désactivé (`GENERATEUR_CACHE=` vide)."""
    if "GENERATEUR_CACHE" in os.environ:
        return Path(os.environ["GENERATEUR_CACHE"]) if os.environ["GENERATEUR_CACHE"] else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "generateur"


def cle(octets: bytes) -> str | None:
    """La clé d'un modèle : ses octets et tout ce qui fait sa préparation ; None si le code
    qui prépare les modèles ne peut pas être relu (il n'y a alors pas de cache)."""
    preparation = _empreinte_de_la_preparation()
    return None if preparation is None else hashlib.sha256(preparation + octets).hexdigest()


@functools.cache
def _empreinte_de_la_preparation() -> bytes | None:
    """Les versions de Python, Jinja et lxml, et les sources de ce qui prépare un modèle : nos
    modules et ceux de docxtpl (lus sans l'importer : un modèle repris du cache s'en passe)."""
    import jinja2
    from lxml import etree

    from generateur import francais
    from generateur.rendu import paquet, word

    versions = f"{importlib.util.MAGIC_NUMBER.hex()} {sys.version} {jinja2.__version__} {etree.LXML_VERSION}"
    docxtpl = importlib.util.find_spec("docxtpl")
    try:
        fichiers = [Path(module.__file__) for module in (word, francais, paquet, sys.modules[__name__])]
        fichiers += sorted(Path(docxtpl.origin).parent.glob("*.py")) if docxtpl and docxtpl.origin else []
        sources = b"".join(fichier.read_bytes() for fichier in fichiers)
    except OSError:
        return None
    return hashlib.sha256(versions.encode() + sources).digest()


def lire(cle_du_modele: str | None):
    """L'entrée gardée sous cette clé, ou None (absente, illisible ou cache désactivé)."""
    racine = dossier()
    if cle_du_modele is None or racine is None:
        return None
    try:
        entree = marshal.loads((racine / cle_du_modele).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(racine / cle_du_modele)  # lue : la plus récente, la dernière à partir
    return entree


ENTREES_GARDEES = 256
"""Au-delà, les entrées les plus anciennes sont retirées quand une nouvelle s'écrit : chaque
version d'un modèle retouché en laisse une, le cache ne grossit pas sans fin."""


def ecrire(cle_du_modele: str | None, entree) -> None:
    """Garde l'entrée (faite de ce que `marshal` sait écrire) ; sans erreur si c'est impossible."""
    racine = dossier()
    if cle_du_modele is None or racine is None:
        return
    with contextlib.suppress(OSError, ValueError):
        racine.mkdir(parents=True, exist_ok=True, mode=0o700)
        descripteur, provisoire = tempfile.mkstemp(dir=racine, prefix=".", suffix=".provisoire")
        try:
            with os.fdopen(descripteur, "wb") as fichier:
                fichier.write(marshal.dumps(entree))
            os.replace(provisoire, racine / cle_du_modele)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(provisoire)
            raise
        _retirer_les_plus_anciennes(racine)


def _retirer_les_plus_anciennes(racine: Path) -> None:
    """Les entrées au-delà de `ENTREES_GARDEES`, les moins récemment lues ou écrites d'abord (une
    autre commande peut en retirer en même temps : une entrée déjà partie n'est pas une erreur)."""
    entrees = []
    for fichier in racine.iterdir():
        with contextlib.suppress(OSError):
            if not fichier.name.startswith("."):
                entrees.append((fichier.stat().st_mtime_ns, fichier.name, fichier))
    for _, _, fichier in sorted(entrees)[: max(0, len(entrees) - ENTREES_GARDEES)]:
        with contextlib.suppress(OSError):
            fichier.unlink()
