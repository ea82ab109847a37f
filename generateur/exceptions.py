"""Les erreurs de generateur : une seule famille, dont le message français est
affiché par la ligne de commande et nulle part ailleurs."""

from __future__ import annotations

import errno
from dataclasses import dataclass


@dataclass(frozen=True)
class Anomalie:
    """Un défaut des données : où il est (fichier, ligne, chemin du champ) et ce
    qui était attendu."""

    fichier: str
    chemin: str
    message: str
    ligne: int | None = None

    def __str__(self) -> str:
        lieu = self.fichier if self.ligne is None else f"{self.fichier}:{self.ligne}"
        chemin = self.chemin or "(racine)"
        return f"{lieu} : {chemin} : {self.message}"


class ErreurGenerateur(Exception):
    """Erreur connue, expliquée à l'utilisateur ; `code_sortie` est le code de retour."""

    code_sortie = 3

    def lignes(self) -> list[str]:
        return [str(self)]

    def __reduce__(self):
        """Pour repasser d'un processus de travail au processus principal : l'erreur refaite telle
        quelle, ses arguments et ses attributs, sans rappeler un constructeur qui en attend
        d'autres (pickle rappellerait `DossierIncomplet(message)`, et le lot croirait son
        processus de travail mort)."""
        return _refaire, (type(self), self.args, self.__dict__)


def _refaire(sorte: type, arguments: tuple, attributs: dict) -> ErreurGenerateur:
    erreur = sorte.__new__(sorte)
    erreur.args = arguments
    erreur.__dict__.update(attributs)
    return erreur


class ErreurDonnees(ErreurGenerateur):
    """Des anomalies dans un dossier, toutes signalées à la fois."""

    def __init__(self, anomalies: list[Anomalie]):
        self.anomalies = list(anomalies)
        super().__init__("\n".join(str(a) for a in self.anomalies))

    def lignes(self) -> list[str]:
        return [str(a) for a in self.anomalies]


class DonneesIllisibles(ErreurDonnees):
    """Le dossier ne peut pas être lu, ou ne suit pas le schéma."""

    code_sortie = 2


class DonneesIncoherentes(ErreurDonnees):
    """Le dossier est lisible mais ses chiffres ne tiennent pas ensemble."""

    code_sortie = 1


class DossierIncomplet(ErreurDonnees):
    """Des blancs « à compléter » là où l'acte ne peut pas rester en blanc (nom, budget…) :
    le dossier ne peut être ni contrôlé entièrement ni généré avant qu'ils soient remplis.
    `anomalies` sont les blancs, listés par `lignes`."""

    code_sortie = 1
    conclusion = "dossier incomplet : remplissez ces blancs ; il pourra ensuite être contrôlé entièrement et généré"

    def __init__(self, anomalies: list[Anomalie], lignes: list[str]):
        super().__init__(anomalies)
        self._lignes = lignes

    def lignes(self) -> list[str]:
        return self._lignes + [f"{self._lignes[0].split(' : ')[0]} : {self.conclusion}"]


class BlancsRestants(DossierIncomplet):
    """`generer --definitif` : la version à signer n'a plus aucun blanc."""

    conclusion = "version définitive refusée : remplissez ces blancs, ou générez sans --definitif une version de travail"


class MontantInvalide(ErreurGenerateur, ValueError):
    """Un montant saisi qui n'est pas un montant en euros valable."""

    code_sortie = 2


class ErreurModele(ErreurGenerateur):
    """Un modèle Word qui ne peut pas être rendu."""


class ErreurDeRendu(ErreurModele):
    """Un modèle qui échoue en se remplissant : où (partie, ligne, paragraphe) et pourquoi,
    gardés à part pour que `modeles verifier` les redise sous sa propre forme."""

    def __init__(self, modele: str, lieu: str, sorte: str):
        self.modele, self.lieu, self.sorte = modele, lieu, sorte
        super().__init__(f"modèle {modele}{lieu} : {sorte}")


class ErreurPdf(ErreurGenerateur):
    """La conversion en PDF impossible (LibreOffice absent, en échec ou trop long)."""


class ErreurEcriture(ErreurGenerateur):
    """Une sortie qui ne peut pas être écrite (fichier existant, dossier en lecture seule…)."""


class ErreurSortiesAlterees(ErreurGenerateur):
    """Des documents générés qui ne correspondent plus à leur manifeste."""

    code_sortie = 1

    def __init__(self, lignes: list[str]):
        self._lignes = list(lignes)
        super().__init__("\n".join(self._lignes))

    def lignes(self) -> list[str]:
        return self._lignes


_CAUSES = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "permission refusée",
    errno.EROFS: "support en lecture seule",
    errno.ENOTDIR: "un fichier porte déjà le nom d'un dossier à créer",
    errno.EISDIR: "c'est un dossier, un nom de fichier est attendu",
    errno.EEXIST: "existe déjà",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ENOTEMPTY: "dossier non vide",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ELOOP: "trop de liens symboliques (boucle ?)",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EBUSY: "fichier ou dossier occupé",
    errno.EXDEV: "déplacement impossible entre deux disques",
}


def cause_systeme(erreur: OSError) -> str:
    """La cause d'une erreur du système en français (jamais le texte anglais du système)."""
    connue = _CAUSES.get(erreur.errno)
    if connue:
        return connue
    return f"erreur du système {errno.errorcode.get(erreur.errno, erreur.errno)}"
