"""Un lot de dossiers réparti entre des processus de travail.

Chaque paquet (un dossier, ou quelques-uns quand leurs PDF sont convertis ensemble) traverse
toute la chaîne dans un processus de travail : lu, contrôlé, rendu, écrit. Le processus
principal n'en reçoit que le compte rendu (fichiers écrits, erreur) à mesure que chaque paquet
finit : sa mémoire ne dépend pas du nombre de dossiers, ni celle des processus de travail, qui
ne tiennent qu'un paquet à la fois.

Les processus sont créés par `fork` après que le principal a chargé la chaîne : ils en
partagent le code sans le recharger. Ctrl-C et SIGTERM sont traités par le principal : il
n'envoie plus de paquet, attend que ceux déjà partis aient fini (un dossier n'est jamais
laissé à moitié écrit), puis sort.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Paquet = TypeVar("Paquet")
Resultat = TypeVar("Resultat")


class ProcessusPerdu(Exception):
    """Le processus de travail d'un paquet s'est arrêté net (tué par le système, faute de mémoire)."""


def en_parallele(
    fonction: Callable[[Paquet], Resultat],
    paquets: Sequence[Paquet],
    processus: int,
    fini: Callable[[Paquet], None],
) -> list[Resultat | ProcessusPerdu]:
    """`fonction(paquet)` pour chaque paquet, sur `processus` processus de travail (dans le
    processus principal s'il n'y en a qu'un, ou qu'un paquet) ; les résultats dans l'ordre des
    paquets. `fini(paquet)` est appelé à mesure que chaque paquet finit, dans l'ordre où ils
    finissent. Le résultat d'un paquet dont le processus s'est arrêté net est `ProcessusPerdu`."""
    if processus <= 1 or len(paquets) <= 1:
        resultats = []
        for paquet in paquets:
            resultats.append(fonction(paquet))
            fini(paquet)
        return resultats
    contexte = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(processus, len(paquets)), mp_context=contexte, initializer=_initialiser, initargs=(os.getpid(),)) as executeur:
        try:
            taches = {executeur.submit(fonction, paquet): paquet for paquet in paquets}
            for tache in as_completed(taches):  # une attente pour tout le lot, pas une par paquet fini
                fini(taches[tache])
        except BaseException:
            executeur.shutdown(wait=True, cancel_futures=True)
            raise
    return [_resultat(tache) for tache in taches]


def _resultat(tache: Future):
    try:
        return tache.result()
    except BrokenProcessPool:
        return ProcessusPerdu()


def _initialiser(principal: int) -> None:
    """Ctrl-C au terminal touche tout le groupe de processus : celui de travail l'ignore et
    finit d'écrire son paquet, le principal décide ; SIGTERM garde son effet par défaut.
    Le principal tué net (kill -9), le processus de travail meurt avec lui (Linux :
    PR_SET_PDEATHSIG) au lieu de continuer à écrire les paquets qu'il avait reçus."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):  # hors Linux : pas de signal à la mort du parent
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != principal:  # mort avant que le signal ait été demandé
        os._exit(1)
