"""L'interface web locale : voir, corriger, générer et télécharger, sur les mêmes étapes que la CLI.

`creer_application` assemble l'application Flask ; les routes (module `routes`) ne font que
lire la requête, appeler les étapes et remplir un gabarit de `gabarits/`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from flask import Flask, abort, current_app, render_template, request

from generateur.web import routes
from generateur.web.documents import Apercus
from generateur.web.dossiers import Catalogue
from generateur.web.enregistrement import VersionsLues
from generateur.web.filtres import FILTRES
from generateur.web.securite import ENTETES, Jetons, hote_admis, origine_admise

STATIQUES = {"style.css": "text/css", "app.js": "text/javascript"}
"""Les seuls fichiers statiques servis, par nom : aucune partie de l'URL ne devient un chemin."""


def hotes_locaux(port: int) -> set[str]:
    """Les noms sous lesquels l'application locale se laisse joindre."""
    return {f"{nom}:{port}" for nom in ("127.0.0.1", "localhost", "[::1]")}


def creer_application(dossiers: list[Path], sortie: Path, hotes: set[str] | None) -> Flask:
    """L'application qui sert `dossiers` (et eux seuls) et génère dans `sortie`.

    `hotes` : les valeurs admises de l'en-tête Host (None : toutes, si l'on écoute ailleurs que sur 127.0.0.1).
    """
    application = Flask(__name__, static_folder=None, template_folder="gabarits")
    application.config.update(
        CATALOGUE=Catalogue(dossiers),
        SORTIE=sortie,
        JETONS=Jetons(),
        VERSIONS=VersionsLues(),
        APERCUS=Apercus(),
        HOTES=hotes,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    application.jinja_env.filters.update(FILTRES)
    application.jinja_env.globals["jeton"] = application.config["JETONS"].jeton
    application.before_request(_garder)
    application.after_request(_entetes)
    application.register_blueprint(routes.pages)
    application.add_url_rule("/statique/<nom>", "statique", _statique)
    for code in (400, 403, 404, 405, 413, 500):
        application.register_error_handler(code, _erreur)
    return application


def _garder():
    """Refuse un nom d'hôte inattendu, et toute requête qui modifie sans jeton ou d'une autre origine."""
    config = current_app.config
    if not hote_admis(request.host, config["HOTES"]):
        abort(400, f"nom d'hôte « {request.host} » refusé : ouvrez l'application par l'adresse affichée au démarrage")
    if request.method in ("GET", "HEAD"):
        return None
    if not origine_admise(request.headers.get("Origin"), request.host):
        abort(403, "requête venue d'un autre site : refusée")
    jeton = request.form.get("jeton") or request.headers.get("X-Jeton")
    if not config["JETONS"].valide(request.path, jeton):
        abort(403, "jeton de la page absent ou invalide : rechargez la page, puis recommencez")
    return None


def _entetes(reponse):
    for nom, valeur in ENTETES.items():
        reponse.headers.setdefault(nom, valeur)
    return reponse


def _statique(nom: str):
    if nom not in STATIQUES:
        abort(404, "fichier inconnu")
    contenu = files(__package__).joinpath("statique", nom).read_bytes()
    return contenu, 200, {"Content-Type": f"{STATIQUES[nom]}; charset=utf-8"}


_TITRES = {
    400: "Requête refusée",
    403: "Action refusée",
    404: "Page introuvable",
    405: "Action impossible ici",
    413: "Envoi trop volumineux",
    500: "Erreur interne",
}


def _erreur(erreur):
    code = getattr(erreur, "code", 500) or 500
    explication = getattr(erreur, "description", None) if code != 500 else None
    if not explication or explication.startswith(("The ", "Bad ", "You ")):
        explication = {404: "cette adresse ne correspond à aucun dossier ni document servi par l'application", 413: "le formulaire envoyé dépasse 2 Mo"}.get(code, "l'action n'a pas pu être faite ; rien n'a été écrit")
    return render_template("erreur.html", titre=_TITRES.get(code, "Erreur"), explication=explication), code
