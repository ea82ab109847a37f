"""Un verrou par dossier de sortie : deux générations lancées en même temps vers le même
dossier ne l'écrivent pas ensemble ; la seconde attend que la première ait fini, au plus
un délai donné, puis renonce avec un message.

Le verrou est un `flock` sur un fichier à côté du dossier (`.<nom>.generateur-verrou`) : le
système le relâche de lui-même quand le processus meurt, même tué net ; le fichier est
retiré à la fin, et un fichier resté après un arrêt brutal ne bloque personne.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generateur.exceptions import ErreurEcriture

_PAUSE = 0.1


@contextmanager
def verrouiller(dossier: Path, attente: float) -> Iterator[None]:
    """Tient le verrou de `dossier` (`.<nom>.generateur-verrou`, à côté de lui) le temps du
    bloc ; `ErreurEcriture` s'il reste pris plus de `attente` secondes."""
    fichier = dossier.parent / f".{dossier.name}.generateur-verrou"
    limite = time.monotonic() + attente
    while True:
        descripteur = _prendre(fichier)
        if descripteur is not None:
            break
        if time.monotonic() >= limite:
            raise ErreurEcriture(
                f"une autre génération écrit déjà dans {dossier} (verrou {fichier.name}) et n'a pas fini "
                f"en {attente:g} s ; rien n'a été écrit : relancez quand elle sera terminée"
            )
        time.sleep(_PAUSE)
    try:
        yield
    finally:
        fichier.unlink(missing_ok=True)
        os.close(descripteur)


def _prendre(fichier: Path) -> int | None:
    """Le descripteur du verrou pris, ou None s'il est tenu par un autre processus.

    Un autre processus peut retirer le fichier entre son ouverture et la prise du verrou :
    le verrou pris ne compte alors que si le fichier ouvert est encore celui du chemin.
    """
    descripteur = os.open(fichier, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(descripteur, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.fstat(descripteur).st_ino == os.stat(fichier).st_ino:
            return descripteur
    except (BlockingIOError, FileNotFoundError):
        pass
    except BaseException:
        os.close(descripteur)
        raise
    os.close(descripteur)
    return None
