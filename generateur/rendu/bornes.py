"""Bornes de temps et de mémoire du rendu d'un document.

Un modèle est du code : une boucle imbriquée géante ou un texte de plusieurs gigaoctets
ne doit ni bloquer un lot ni épuiser la machine. Chaque rendu s'exécute donc sous deux
bornes, posées dans le processus même (un processus fils par document coûterait plus
que le rendu : ~3-8 ms) et retirées aussitôt après :

- le temps : une alarme (`setitimer`, signal SIGALRM) interrompt le rendu au-delà du délai ;
- la mémoire : la limite d'espace d'adressage du processus (RLIMIT_AS) est abaissée à ce
  qu'il occupe déjà plus la borne ; une allocation au-delà lève `MemoryError`.

Sur un système sans ces mécanismes (hors Unix), ou hors du fil principal (un signal ne
peut y être reçu), la borne correspondante n'est pas posée.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None

DELAI = 30
MEMOIRE = 1024


@dataclass(frozen=True)
class Bornes:
    """Le délai (en secondes) et la mémoire (en mégaoctets) accordés au rendu d'un document."""

    delai: float = DELAI
    memoire: int = MEMOIRE


class DelaiDepasse(Exception):
    """Levée par l'alarme dans le rendu qui a dépassé son délai."""


@contextmanager
def borner(bornes: Bornes):
    """Exécute le bloc sous les bornes données, puis rend au processus ses limites d'avant."""
    avec_alarme = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    ancien_gestionnaire = signal.signal(signal.SIGALRM, _alarme) if avec_alarme else None
    ancienne_limite = _abaisser_memoire(bornes.memoire)
    if avec_alarme:
        signal.setitimer(signal.ITIMER_REAL, bornes.delai)
    try:
        yield
    finally:
        if avec_alarme:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, ancien_gestionnaire)
        if ancienne_limite is not None:
            resource.setrlimit(resource.RLIMIT_AS, ancienne_limite)


def _alarme(_signal, _cadre):
    raise DelaiDepasse()


def _abaisser_memoire(megaoctets: int) -> tuple[int, int] | None:
    """Abaisse la limite d'espace d'adressage à l'occupation actuelle plus `megaoctets` ;
    rend l'ancienne limite, ou None si elle n'a pas pu être posée."""
    occupe = _espace_occupe()
    if resource is None or occupe is None:
        return None
    ancienne = resource.getrlimit(resource.RLIMIT_AS)
    souple, dure = ancienne
    limite = occupe + megaoctets * 1024 * 1024
    if dure != resource.RLIM_INFINITY:
        limite = min(limite, dure)
    if souple != resource.RLIM_INFINITY and souple <= limite:
        return None  # déjà plus basse : rien à abaisser
    resource.setrlimit(resource.RLIMIT_AS, (limite, dure))
    return ancienne


def _espace_occupe() -> int | None:
    """L'espace d'adressage du processus en octets (Linux : /proc/self/statm), ou None."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")
