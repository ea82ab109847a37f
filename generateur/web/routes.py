"""Les pages : chaque route lit la requête, appelle une étape et remplit un gabarit.

Un dossier se désigne par son nom court (ceux du catalogue), un document par son nom au
manifeste : une adresse inconnue donne 404, jamais un accès au disque.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request

from generateur import etapes
from generateur.exceptions import ErreurGenerateur
from generateur.sorties.ecriture import nom_de_sortie
from generateur.web import budget as budget_
from generateur.web import documents, ecriture_seance
from generateur.web import seance as seance_
from generateur.web.dossiers import Etat
from generateur.web.enregistrement import Resultat, enregistrer

pages = Blueprint("pages", __name__)


def etat_du_dossier(nom: str) -> Etat:
    """L'état du dossier servi sous `nom` ; 404 pour tout autre nom."""
    catalogue = current_app.config["CATALOGUE"]
    if nom not in catalogue.chemins:
        abort(404, f"aucun dossier « {nom} » n'est servi par cette application")
    return catalogue.etat(nom)


def destination_de(etat: Etat) -> Path:
    """Le dossier où `generer` écrit les documents du dossier (son nom de sortie, pas son nom court)."""
    return current_app.config["SORTIE"] / nom_de_sortie(etat.chemin)


def retenir(etat: Etat) -> Etat:
    """Garde les contenus montrés par une page qui modifie : en cas de conflit, on montre la différence."""
    current_app.config["VERSIONS"].retenir(etat)
    return etat


def empreintes_de_la_page() -> dict[str, str]:
    """« nom=sha256;… » du champ caché de la page → {nom: sha256}."""
    paires = (paire.partition("=") for paire in request.form.get("empreintes", "").split(";") if paire)
    return {nom: empreinte for nom, _, empreinte in paires}


def resume(etat: Etat) -> dict:
    """Ce que la page Dossiers dit d'un dossier : collectivité, séances, convention, appels, état."""
    dossier = etat.dossier
    return {
        "etat": etat,
        "collectivite": dossier.collectivite.nom if dossier else None,
        "seances": list(enumerate(dossier.seances)) if dossier else [],
        "assemblees": {a.code: a.intitule for a in dossier.assemblees} if dossier else {},
        "convention": dossier.convention.titre if dossier and dossier.convention else None,
        "avenants": len(dossier.avenants) if dossier else 0,
        "appels": sum(1 for appel in etat.verifie.appels if appel.emis) if etat.verifie else 0,  # un document par appel émis
    }


@pages.get("/")
def accueil():
    return render_template("dossiers.html", **_dossiers())


@pages.get("/fragments/dossiers")
def fragment_dossiers():
    return render_template("_dossiers.html", **_dossiers())


def _dossiers() -> dict:
    catalogue = current_app.config["CATALOGUE"]
    return {"resumes": [resume(catalogue.etat(nom)) for nom in catalogue.noms()], "signature": catalogue.signature()}


@pages.get("/dossiers/<nom>/anomalies")
def anomalies(nom: str):
    return render_template("anomalies.html", etat=etat_du_dossier(nom))


@pages.get("/fragments/dossiers/<nom>/anomalies")
def fragment_anomalies(nom: str):
    return render_template("_anomalies.html", etat=etat_du_dossier(nom))


@pages.get("/dossiers/<nom>/budget")
def budget(nom: str):
    return _page_budget(retenir(etat_du_dossier(nom)))


@pages.post("/dossiers/<nom>/budget")
def enregistrer_budget(nom: str):
    return _saisie_budget(etat_du_dossier(nom), essai=False)


@pages.post("/dossiers/<nom>/budget/essai")
def essayer_budget(nom: str):
    return _saisie_budget(etat_du_dossier(nom), essai=True)


def _page_budget(etat: Etat, resultat: Resultat | None = None, saisies: dict | None = None, code: int = 200):
    convention = etat.dossier.convention if etat.dossier else None
    constats = resultat.constats if resultat and resultat.constats else etat.constats
    tableau = budget_.tableau(convention, etat.donnees, constats) if convention else None
    au, appels = _appels_de_fonds(etat)
    return render_template("budget.html", etat=etat, tableau=tableau, resultat=resultat, saisies=saisies or {}, au=au, appels=appels), code


def _appels_de_fonds(etat: Etat) -> tuple[datetime.date, tuple | None]:
    """La situation des appels de fonds à la date demandée (`?au=AAAA-MM-JJ`, aujourd'hui sinon),
    comme `generateur tresorerie` : None tant que le dossier a des anomalies."""
    try:
        au = datetime.date.fromisoformat(request.args.get("au", ""))
    except ValueError:
        au = datetime.date.today()
    return au, None if etat.verifie is None else etapes.situation_des_appels(etat.verifie, au)


def _saisie_budget(etat: Etat, essai: bool):
    """Enregistre (ou essaie) les cellules saisies ; la page revient avec ce qui a été refusé."""
    convention = etat.dossier.convention if etat.dossier else None
    if convention is None:
        abort(404, "ce dossier n'a pas de convention dont modifier le budget")
    tableau = budget_.tableau(convention, etat.donnees, [])
    modifications, erreurs = budget_.modifications(tableau, request.form)
    if erreurs:
        resultat = Resultat(erreur=" ; ".join(erreurs))
    else:
        resultat = enregistrer(etat, modifications, empreintes_de_la_page(), current_app.config["VERSIONS"], essai=essai)
    if essai:
        return render_template("_resultat.html", resultat=resultat, essai=True)
    # Après un conflit, la page repart des valeurs sur disque : garder la saisie ramènerait les anciennes.
    saisies = {} if resultat.accepte or resultat.conflits else dict(request.form)
    etat = retenir(etat_du_dossier(etat.nom))
    return _page_budget(etat, resultat, saisies, 200 if resultat.accepte else 409 if resultat.conflits else 422)


@pages.get("/dossiers/<nom>/seances/<int:rang>")
def seance(nom: str, rang: int):
    etat = retenir(etat_du_dossier(nom))
    return _page_seance(etat, _grille(etat, rang))


@pages.post("/dossiers/<nom>/seances/<int:rang>")
def enregistrer_seance(nom: str, rang: int):
    return _saisie_seance(etat_du_dossier(nom), rang, essai=False)


@pages.post("/dossiers/<nom>/seances/<int:rang>/essai")
def essayer_seance(nom: str, rang: int):
    return _saisie_seance(etat_du_dossier(nom), rang, essai=True)


def _grille(etat: Etat, rang: int) -> seance_.Grille:
    if etat.dossier is None or not 0 <= rang < len(etat.dossier.seances):
        abort(404, "cette séance n'existe pas dans le dossier, ou le dossier ne peut pas être lu en entier (voir ses anomalies)")
    grille = seance_.grille(etat.dossier, etat.donnees, rang)
    if grille is None:
        abort(404, "l'assemblée de cette séance n'est pas décrite dans le dossier (voir ses anomalies)")
    return grille


def _page_seance(etat: Etat, grille: seance_.Grille, resultat: Resultat | None = None, code: int = 200):
    dossier = resultat.dossier if resultat and resultat.dossier and not resultat.accepte else etat.dossier
    constats = resultat.constats if resultat and resultat.constats else etat.constats
    return render_template(
        "seance.html", etat=etat, grille=grille, resultat=resultat, constats=constats,
        comptes=seance_.comptes_de_la_seance(dossier, grille.rang), presences=seance_.PRESENCES,
    ), code


def _saisie_seance(etat: Etat, rang: int, essai: bool):
    """Enregistre (ou essaie) la saisie de la grille ; l'essai rend les comptes et les refus."""
    lue = _grille(etat, rang)
    voulue, erreurs = seance_.lire_saisie(lue, request.form)
    if request.form.get("membres") != lue.signature_des_membres():
        erreurs.append("la liste des membres de l'assemblée a changé depuis le chargement de la page ; rechargez-la")
    if erreurs:
        resultat = Resultat(erreur=" ; ".join(erreurs))
    else:
        operations = ecriture_seance.modifications(lue, voulue)
        resultat = enregistrer(etat, operations, empreintes_de_la_page(), current_app.config["VERSIONS"], essai=essai)
    if essai:
        comptes = seance_.comptes_de_la_seance(resultat.dossier, rang) if resultat.dossier else None
        return render_template("_seance_essai.html", resultat=resultat, essai=True, comptes=comptes, grille=lue)
    etat = retenir(etat_du_dossier(etat.nom))
    if resultat.accepte:
        return _page_seance(etat, _grille(etat, rang), resultat)
    # Refusé : la page garde la saisie ; après un conflit, elle repart de ce qui est sur disque.
    grille = _grille(etat, rang) if resultat.conflits else voulue
    return _page_seance(etat, grille, resultat, 409 if resultat.conflits else 422)


@pages.get("/dossiers/<nom>/documents")
def liste_documents(nom: str):
    return _page_documents(etat_du_dossier(nom))


@pages.post("/dossiers/<nom>/generer")
def generer(nom: str):
    etat = etat_du_dossier(nom)
    bilan = documents.generer(etat.chemin, current_app.config["SORTIE"], avec_pdf=request.form.get("pdf") == "oui")
    return _page_documents(etat, bilan)


def _page_documents(etat: Etat, bilan=None):
    destination = destination_de(etat)
    erreurs = [ligne for erreur in ([*bilan.refuses.values()] + [bilan.erreur_pdf] if bilan else []) if erreur for ligne in erreur.lignes()]
    return render_template(
        "documents.html", etat=etat, documents=documents.lister(destination), bilan=bilan, erreurs=erreurs, pdf_disponible=documents.pdf_disponible()
    )


@pages.get("/dossiers/<nom>/documents/<fichier>")
def telecharger(nom: str, fichier: str):
    destination, document = _document(nom, fichier)
    return Response((destination / document.nom).read_bytes(), headers=_piece_jointe(document.nom), mimetype=_type(document.nom))


@pages.get("/dossiers/<nom>/documents.zip")
def telecharger_tout(nom: str):
    etat = etat_du_dossier(nom)
    destination = destination_de(etat)
    if not documents.lister(destination):
        abort(404, "aucun document n'a encore été généré pour ce dossier")
    return Response(documents.archive(destination, etat.nom), headers=_piece_jointe(f"{etat.nom}.zip"), mimetype="application/zip")


@pages.get("/dossiers/<nom>/apercus/<fichier>")
def apercu(nom: str, fichier: str):
    destination, document = _document(nom, fichier)
    try:
        image = current_app.config["APERCUS"].image(destination, document)
    except ErreurGenerateur as erreur:
        return Response(str(erreur), status=503, mimetype="text/plain")
    return Response(image, mimetype="image/png")


def _document(nom: str, fichier: str):
    etat = etat_du_dossier(nom)
    destination = destination_de(etat)
    document = documents.trouver(destination, fichier)
    if document is None:
        abort(404, f"aucun document « {fichier} » dans la dernière génération de ce dossier")
    return destination, document


def _piece_jointe(nom: str) -> dict:
    return {"Content-Disposition": f"attachment; filename=\"{nom}\""}


def _type(nom: str) -> str:
    types = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".pdf": "application/pdf", ".json": "application/json"}
    return types.get(nom[nom.rfind("."):], "application/octet-stream")
