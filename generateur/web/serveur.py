"""Lancer l'application : sur 127.0.0.1 par défaut, pour les dossiers nommés ou ceux de donnees/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from generateur.exceptions import ErreurGenerateur
from generateur.web import creer_application, hotes_locaux

LOCAUX = ("127.0.0.1", "localhost", "::1")
"""Les adresses de la machine même : seuls ses noms sont alors admis dans l'en-tête Host."""


class _Silencieux(WSGIRequestHandler):
    """Pas de ligne par requête dans le terminal : seules les erreurs y paraissent."""

    def log_request(self, *args, **kwargs) -> None:
        return None


@dataclass
class Serveur:
    """Le serveur HTTP prêt à servir, et l'adresse à ouvrir dans le navigateur."""

    serveur: BaseWSGIServer
    adresse: str

    def servir(self) -> None:
        try:
            self.serveur.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.serveur.server_close()


def dossiers_par_defaut(racine: Path = Path("donnees")) -> list[Path]:
    return sorted(p for p in racine.iterdir() if p.is_dir() or p.suffix in (".yaml", ".yml")) if racine.is_dir() else []


def lancer(dossiers: list[Path], hote: str, port: int, sortie: Path) -> Serveur:
    """Prépare le serveur ; `ErreurGenerateur` si aucun dossier n'existe ou si le port est pris."""
    dossiers = dossiers or dossiers_par_defaut()
    manquants = [str(d) for d in dossiers if not d.exists()]
    if not dossiers or manquants:
        raise ErreurGenerateur(f"dossier introuvable : {', '.join(manquants)}" if manquants else "aucun dossier à servir : nommez-en un, ou lancez la commande là où se trouve donnees/")
    application = creer_application(dossiers, sortie, None)
    try:
        serveur = make_server(hote, port, application, threaded=True, request_handler=_Silencieux)
    except OSError as erreur:
        raise ErreurGenerateur(f"impossible d'écouter sur {hote}:{port} ({erreur.strerror}) ; choisissez un autre port avec --port") from None
    if hote in LOCAUX:
        application.config["HOTES"] = hotes_locaux(serveur.server_port)
    return Serveur(serveur, f"{hote}:{serveur.server_port}")
