"""Ce qui empêche une autre page, ou un autre site, d'agir sur les fichiers par le navigateur.

- Chaque requête qui modifie porte un jeton lié à l'adresse de l'action, signé d'un secret
  tiré au démarrage : un formulaire d'un autre site ne peut pas le connaître.
- Une requête venue d'une autre origine (en-tête Origin) est refusée, et seuls les noms
  d'hôte attendus sont servis (un nom de domaine qui pointerait vers 127.0.0.1 ne suffit pas).
- Aucune donnée n'est jamais exécutée : les pages sont des gabarits Jinja qui échappent
  tout, et la politique de contenu n'admet que les scripts servis par l'application.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

ENTETES = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Jetons:
    """Les jetons anti-falsification, un par action, valables tant que l'application tourne."""

    def __init__(self):
        self._secret = secrets.token_bytes(32)

    def jeton(self, action: str) -> str:
        return hmac.new(self._secret, action.encode("utf-8"), hashlib.sha256).hexdigest()

    def valide(self, action: str, jeton: str | None) -> bool:
        return bool(jeton) and hmac.compare_digest(self.jeton(action), jeton)


def origine_admise(origine: str | None, hote: str) -> bool:
    """Une requête sans en-tête Origin (formulaire du même site sur certains navigateurs) ou
    venue de l'hôte même de l'application."""
    if not origine:
        return True
    return urlsplit(origine).netloc == hote


def hote_admis(hote: str, admis: set[str] | None) -> bool:
    """`admis` à None : l'application écoute sur une adresse choisie (--hote), tout nom est servi."""
    return admis is None or hote.lower() in admis
