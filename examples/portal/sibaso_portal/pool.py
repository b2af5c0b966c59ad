"""Registry connections: each request borrows one, used by no other thread meanwhile.

A SQLite connection must not be used by two threads at once, and Starlette runs the
library calls in worker threads; so the pool lends each request a :class:`Registry` of
its own (SQLite's WAL lets readers run beside the one writer). An open ``Registry`` given
by the caller is a pool of one, lent to one request at a time and never closed here.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sibaso
from sibaso.registry import Registry

__all__ = ["RegistryPool"]


class RegistryPool:
    """Up to ``size`` registries on ``target`` (a path, DSN or an open ``Registry``)."""

    def __init__(self, target: str | Path | Registry, size: int = 4) -> None:
        self._idle: queue.LifoQueue[Registry] = queue.LifoQueue()
        self._all: list[Registry] = []
        self._lock = threading.Lock()
        self._owned = not isinstance(target, Registry)
        self._target = "" if isinstance(target, Registry) else str(target)
        if isinstance(target, Registry):
            self._size, first = 1, target
        else:
            self._size = 1 if self._target == ":memory:" else size
            first = sibaso.open(self._target)  # fail at start-up, not at the first request
        self._all.append(first)
        self._idle.put(first)

    @contextmanager
    def registry(self) -> Iterator[Registry]:
        """One registry for the duration of the block."""
        try:
            registry = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                grow = len(self._all) < self._size
                if grow:
                    registry = sibaso.open(self._target)
                    self._all.append(registry)
            if not grow:
                registry = self._idle.get()
        try:
            yield registry
        finally:
            self._idle.put(registry)

    def close(self) -> None:
        """Write pending audit entries; close the registries this pool opened."""
        for registry in self._all:
            if self._owned:
                registry.close()
            else:
                registry.flush_audit()
