"""A pool of registries for a server process: one request per connection at a time.

Used by ``sibaso serve`` and the example portal, and meant for any web front end that
calls the library from worker threads.

A SQLite connection must not be used by two threads at once, so the pool hands each request
its own :class:`~sibaso.registry.Registry` (a connection each; SQLite's WAL lets readers run
beside the one writer, and the busy timeout makes writers queue). An open ``Registry`` given
by the caller (tests, ``:memory:``) is a pool of one, used under a lock.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sibaso.registry import Registry
from sibaso.store import open_store

__all__ = ["RegistryPool"]


class RegistryPool:
    """Up to ``size`` registries on ``target``, opened when first needed (by ``opener``;
    the composition root passes :func:`sibaso.app.open_registry`)."""

    def __init__(
        self,
        target: str | Path | Registry,
        size: int = 4,
        *,
        opener: Callable[[str], Registry] | None = None,
    ) -> None:
        self._opener = opener or _open
        self._lock = threading.Lock()
        self._idle: queue.LifoQueue[Registry] = queue.LifoQueue()
        self._all: list[Registry] = []
        self._owned = not isinstance(target, Registry)
        self._loop_lock = threading.Lock()
        self._loop: Registry | None = None
        if isinstance(target, Registry):
            self.target = target.store.target
            self._size = 1
            self._add(target)
        else:
            self.target = str(target)
            self._size = 1 if self.target == ":memory:" else max(1, size)
            self._add(self._open())  # fail at start-up, not at the first request

    def _open(self) -> Registry:
        return self._opener(self.target)

    def _add(self, registry: Registry) -> None:
        self._all.append(registry)
        self._idle.put(registry)

    @contextmanager
    def registry(self) -> Iterator[Registry]:
        """One registry for the duration of the block, used by no other thread meanwhile."""
        try:
            registry = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                grow = len(self._all) < self._size
                if grow:
                    registry = self._open()
                    self._all.append(registry)
            if not grow:
                registry = self._idle.get()
        try:
            yield registry
        finally:
            self._idle.put(registry)

    @contextmanager
    def loop_registry(self) -> Iterator[Registry]:
        """The registry for short reads run on the event loop itself: a connection of its
        own, so the loop never waits for one that worker threads hold (an uncontended lock
        guards it: one event loop per process)."""
        if not self._owned:
            with self.registry() as registry:
                yield registry
            return
        with self._loop_lock:
            if self._loop is None:
                self._loop = self._open()
                self._all.append(self._loop)
            yield self._loop

    def close(self) -> None:
        """Write pending audit entries and close the registries this pool opened; every one
        is closed even when one fails (the first error is raised after)."""
        failed: BaseException | None = None
        for registry in self._all:
            try:
                if self._owned:
                    registry.close()
                else:
                    registry.flush_audit()
            except Exception as exc:
                failed = failed or exc
        if failed is not None:
            raise failed


def _open(target: str) -> Registry:
    return Registry(open_store(target))
