"""Étape 6 : écrire les documents d'un dossier, le jeu entier ou rien.

Le dossier de sortie d'un dossier (`SORTIE/<nom>/`) appartient à l'outil : il contient
exactement ce que la dernière génération a écrit. Le nouveau jeu est écrit dans un dossier
frère (`.<nom>.generateur-nouveau`), puis échangé d'un seul renommage avec l'ancien, qui est
ensuite supprimé : un arrêt à tout instant, même brutal, laisse `SORTIE/<nom>/` avec soit
l'ancien jeu et son manifeste, soit le nouveau et le sien. Un reste d'arrêt brutal porte
le suffixe « .generateur-… » et la génération suivante du même dossier le retire.
Les fichiers sont créés avec les droits que donne l'umask, comme tout fichier de l'utilisateur.

Seule exception : les sous-dossiers `CONSERVES` (les relances envoyées, qui ont leur propre
manifeste) passent tels quels de l'ancien jeu au nouveau, par liens physiques : régénérer
les actes ne retire jamais une lettre envoyée.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from generateur.exceptions import ErreurEcriture, cause_systeme as cause
from generateur.sorties.manifeste import CONSERVES, NOM as MANIFESTE
from generateur.sorties.verrou import verrouiller

NOUVEAU, ANCIEN = ".generateur-nouveau", ".generateur-ancien"


def ecrire_dossier(destination: Path, fichiers: dict[str, bytes], remplacer: bool = False, attente: float = 60) -> list[Path]:
    """Remplace tout le contenu de `destination` par `fichiers` (nom → contenu), d'un coup.

    Un dossier qui a déjà des documents n'est remplacé qu'avec `remplacer` ; un dossier qui
    n'a pas été écrit par generateur (pas de manifeste) ne l'est jamais. Une autre génération
    qui écrit le même dossier est attendue au plus `attente` secondes.
    """
    sortie = destination.parent
    crees = _creer_dossier(sortie, destination)
    try:
        with verrouiller(destination, attente), _interruptions_differees():
            _reprendre_apres_un_arret(destination)
            _autoriser_le_remplacement(destination, remplacer)
            nouveau = _ecrire_a_cote(destination, fichiers)
            _garder_les_conserves(destination, nouveau)
            _echanger_le_jeu(destination, nouveau)
    except BaseException as erreur:
        for dossier in reversed(crees):
            _retirer_si_vide(dossier)
        if isinstance(erreur, OSError):
            raise ErreurEcriture(f"impossible d'écrire dans {destination} : {cause(erreur)} ; aucun document n'a été écrit ni remplacé") from None
        raise
    return [destination / nom for nom in fichiers]


def ecrire_fichier(chemin: Path, contenu: bytes, remplacer: bool = False) -> Path:
    """Écrit un fichier seul (un export) : en entier ou pas du tout, sans écraser sans `remplacer`."""
    temporaire = chemin.parent / f".{chemin.name}{NOUVEAU}"
    try:
        if os.path.isdir(chemin):
            raise ErreurEcriture(f"impossible d'écrire {chemin} : c'est un dossier ; un nom de fichier est attendu")
        if os.path.lexists(chemin) and not remplacer:
            raise ErreurEcriture(f"{chemin} existe déjà et n'est pas remplacé sans --force")
        with _interruptions_differees():
            try:
                temporaire.unlink(missing_ok=True)  # reste d'un export tué net
                _ecrire(temporaire, contenu)
                os.replace(temporaire, chemin)
            finally:
                with contextlib.suppress(OSError):
                    temporaire.unlink(missing_ok=True)
    except OSError as erreur:
        raise ErreurEcriture(f"impossible d'écrire {chemin} : {cause(erreur)} ; rien n'a été écrit") from None
    return chemin


@contextmanager
def _interruptions_differees() -> Iterator[None]:
    """Ctrl-C ou SIGTERM reçus pendant l'écriture d'un dossier prennent effet à sa fin : un
    nettoyage interrompu à son tour laisserait des restes. L'écriture d'un dossier dure peu ;
    l'attente du verrou, elle, reste interruptible."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    recus: list[int] = []
    anciens = {numero: signal.getsignal(numero) for numero in (signal.SIGINT, signal.SIGTERM)}
    for numero in anciens:
        signal.signal(numero, lambda numero, _cadre: recus.append(numero))
    try:
        yield
    finally:
        for numero, gestionnaire in anciens.items():
            signal.signal(numero, gestionnaire)
        if recus:
            _transmettre(recus[0], anciens[recus[0]])


def _transmettre(numero: int, gestionnaire) -> None:
    """Rejoue le signal différé comme il aurait été reçu."""
    if callable(gestionnaire):
        gestionnaire(numero, None)
    elif gestionnaire == signal.SIG_DFL:
        signal.raise_signal(numero)


def _autoriser_le_remplacement(destination: Path, remplacer: bool) -> None:
    if not destination.exists() and not destination.is_symlink():
        return
    if not destination.is_dir() or destination.is_symlink():
        raise ErreurEcriture(f"impossible d'écrire dans {destination} : un fichier porte ce nom ; il n'est pas remplacé par un dossier")
    contenu = [entree for entree in destination.iterdir() if entree.name not in CONSERVES]
    if not contenu:
        return
    if not (destination / MANIFESTE).is_file():
        raise ErreurEcriture(
            f"{destination} contient des fichiers qui n'ont pas été écrits par generateur (pas de {MANIFESTE}) ; "
            "ils ne sont jamais supprimés : videz ce dossier ou choisissez un autre --sortie"
        )
    if not remplacer:
        raise ErreurEcriture(f"{destination} contient déjà des documents ; ils ne sont remplacés qu'avec --force")


def _ecrire_a_cote(destination: Path, fichiers: dict[str, bytes]) -> Path:
    """Le nouveau jeu, écrit et synchronisé sur le disque dans le dossier frère ; retiré s'il
    n'est pas complet (erreur, Ctrl-C)."""
    nouveau = destination.parent / f".{destination.name}{NOUVEAU}"
    nouveau.mkdir()
    try:
        for nom, contenu in fichiers.items():
            _ecrire(nouveau / nom, contenu)
        _synchroniser_ensemble([nouveau / nom for nom in fichiers] + [nouveau])
    except BaseException:
        shutil.rmtree(nouveau, ignore_errors=True)
        raise
    return nouveau


def _garder_les_conserves(destination: Path, nouveau: Path) -> None:
    """Les dossiers conservés de l'ancien jeu, repris dans le nouveau par liens physiques : si
    l'échange échoue, le nouveau jeu est retiré et les fichiers d'origine restent en place."""
    for nom in CONSERVES:
        ancien = destination / nom
        if ancien.is_dir() and not ancien.is_symlink():
            try:
                shutil.copytree(ancien, nouveau / nom, copy_function=os.link)
            except BaseException:
                shutil.rmtree(nouveau, ignore_errors=True)
                raise


def _echanger_le_jeu(destination: Path, nouveau: Path) -> None:
    """Met le nouveau jeu à la place de l'ancien en un renommage, puis supprime l'ancien.

    Si le renommage échoue, rien n'a bougé : le jeu neuf est retiré et l'ancien reste en place.
    """
    try:
        if destination.exists():
            ancien = _echanger(nouveau, destination)
        else:
            os.rename(nouveau, destination)
            ancien = None
    except BaseException:
        shutil.rmtree(nouveau, ignore_errors=True)
        raise
    with contextlib.suppress(OSError):
        _synchroniser(destination.parent)
    if ancien is not None:
        shutil.rmtree(ancien, ignore_errors=True)


def _echanger(nouveau: Path, destination: Path) -> Path:
    """Échange atomiquement deux dossiers (Linux : renameat2 RENAME_EXCHANGE) et rend celui
    qui tient l'ancien jeu ; ailleurs, deux renommages dont le premier est défait si le second
    échoue, l'ancien jeu gardé à côté entre les deux."""
    try:
        _renameat2_echange(nouveau, destination)
        return nouveau
    except OSError as erreur:
        if erreur.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise
    ancien = destination.parent / f".{destination.name}{ANCIEN}"
    os.rename(destination, ancien)
    try:
        os.rename(nouveau, destination)
    except BaseException:
        os.rename(ancien, destination)
        raise
    return ancien


def _renameat2_echange(premier: Path, second: Path) -> None:
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2")
    dossier_courant, echange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
    if renameat2(dossier_courant, os.fsencode(premier), dossier_courant, os.fsencode(second), echange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(second))


def _reprendre_apres_un_arret(destination: Path) -> None:
    """Retire les restes d'une génération arrêtée net (kill -9, coupure) ; si elle s'est arrêtée
    entre les deux renommages de secours, remet l'ancien jeu à sa place."""
    ancien = destination.parent / f".{destination.name}{ANCIEN}"
    nouveau = destination.parent / f".{destination.name}{NOUVEAU}"
    if ancien.is_dir() and not destination.exists():
        os.rename(ancien, destination)
    for reste in (ancien, nouveau):
        if reste.is_dir() and not reste.is_symlink():
            shutil.rmtree(reste)


def _ecrire(chemin: Path, contenu: bytes) -> None:
    """Un fichier neuf, aux droits de l'umask (synchronisé ensuite avec les autres)."""
    with open(chemin, "xb") as flux:
        flux.write(contenu)


def _synchroniser_ensemble(chemins: list[Path]) -> None:
    """Les fichiers et les dossiers inscrits sur le disque, tous à la fois : des fsync
    simultanés partagent une même validation du journal (ext4 : 5 ms pour un dossier de neuf
    fichiers, contre 50 ms l'un après l'autre)."""
    list(_fils_de_synchronisation().map(_synchroniser, chemins))


_FILS: dict[int, ThreadPoolExecutor] = {}


def _fils_de_synchronisation() -> ThreadPoolExecutor:
    """Les fils qui font les fsync, créés une fois par processus et non par dossier (un lot
    de milliers de dossiers en créait des dizaines de milliers) ; un processus de travail
    né d'un fork a les siens : ceux de son parent n'existent pas chez lui."""
    if os.getpid() not in _FILS:
        _FILS.clear()
        _FILS[os.getpid()] = ThreadPoolExecutor(16, thread_name_prefix="fsync")
    return _FILS[os.getpid()]


def _synchroniser(chemin: Path) -> None:
    """Le contenu d'un fichier, ou les renommages et créations d'un dossier, inscrits sur le disque."""
    descripteur = os.open(chemin, os.O_RDONLY)
    try:
        os.fsync(descripteur)
    finally:
        os.close(descripteur)


def _creer_dossier(sortie: Path, destination: Path) -> list[Path]:
    """Crée `sortie` et ses parents ; rend ceux qui n'existaient pas, pour les retirer en cas d'échec."""
    manquants = [d for d in (sortie, *sortie.parents) if not d.exists()]
    try:
        sortie.mkdir(parents=True, exist_ok=True)
    except OSError as erreur:
        raise ErreurEcriture(f"impossible d'écrire dans {destination} : {cause(erreur)} ; aucun document n'a été écrit ni remplacé") from None
    return list(reversed(manquants))


def _retirer_si_vide(dossier: Path) -> None:
    try:
        dossier.rmdir()
    except OSError:
        pass


def nom_de_sortie(chemin: Path) -> str:
    """Le nom du dossier de sortie d'un dossier de données : le nom du dossier, ou du fichier
    sans « .yaml ». Il ne désigne jamais un dossier parent, la sortie elle-même, ni un
    dossier caché (« .. », « . », « ...yaml ») : les points de tête sont retirés, les
    caractères de contrôle remplacés par « _ »."""
    reel = chemin.resolve()
    nom = reel.stem if reel.is_file() else reel.name
    nom = "".join("_" if ord(c) < 32 or ord(c) == 127 else c for c in nom).lstrip(".")
    if not nom:
        raise ErreurEcriture(f"{chemin} : ce nom ne donne pas de nom de dossier de sortie ; renommez le fichier ou le dossier (des lettres ou des chiffres sont attendus)")
    return nom
