"""Public lookups' audit entries written by a thread of their own, never by the lookup.

A public lookup is audited in small batches. Writing a batch needs the database's write
lock, which another process (an operator's ingest, a complaint filing) may hold; a lookup
that wrote the batch itself would wait for it — and in ``sibaso serve``, where public
lookups run on the event loop, every request would wait with it. Instead the batch goes to a
background thread with its own connection: it waits for the lock, the lookups do not. The
thread ends after a short idle time (a process with threads is never forked, see
:mod:`sibaso._fork`), and entries it could not write are kept for the next try, never
dropped; closing the registry writes what is left.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sibaso.store import Store

__all__ = ["BackgroundFlush"]

Entries = list[tuple[Any, ...]]


class BackgroundFlush:
    """Writes what ``take()`` hands it on a connection of its own (``reopen()``)."""

    idle_seconds = 2.0

    def __init__(
        self,
        reopen: Callable[[], Store],
        take: Callable[[], Entries],
        put_back: Callable[[Entries], None],
    ) -> None:
        self._reopen, self._take, self._put_back = reopen, take, put_back
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopping = False

    def kick(self) -> None:
        """Write the pending entries soon, without waiting for it."""
        with self._lock:
            if self._stopping:
                return
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="sibaso-audit-flush", daemon=True
                )
                self._thread.start()
            self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the write in progress and end the thread."""
        with self._lock:
            self._stopping = True
            thread = self._thread
            self._wake.set()
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        store: Store | None = None
        try:
            while True:
                if not self._wake.wait(self.idle_seconds):
                    with self._lock:
                        if not self._wake.is_set():
                            self._thread = None
                            return
                self._wake.clear()
                pending = self._take()
                if pending:
                    try:
                        store = store or self._reopen()
                        with store.transaction():
                            store.append_audit(pending)
                    except Exception:  # the database is away or locked for long: keep them
                        self._put_back(pending)
                        if store is not None:
                            store.close()
                            store = None
                with self._lock:
                    if self._stopping:
                        self._thread = None
                        return
        finally:
            if store is not None:
                store.close()
