"""The embedded default store: one SQLite file (WAL, foreign keys on) or ``:memory:``."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sibaso.store.base import SchemaError, Store

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["SQLiteStore"]

#: the longest a bulk writer waits for the writers queued behind it to get their turn
LET_IN_SECONDS = 2.0

_APPEND_ONLY = (
    "CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
    "BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;;"
    "CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
    "BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
)


class SQLiteStore(Store):
    """SQLite through the standard library."""

    dialect = "sqlite"

    @classmethod
    def open(cls, target: str | Path) -> SQLiteStore:
        """Open (and create) the database file, then apply pending migrations."""
        name = str(target)
        if name != ":memory:" and Path(name).is_dir():
            raise SchemaError(f"{name} is a folder, not a database file")
        try:
            if name != ":memory:":
                Path(name).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA foreign_keys = ON")
            if name != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -65536")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA mmap_size = 1073741824")  # reads of a large registry map it
        except (sqlite3.DatabaseError, OSError) as exc:
            raise SchemaError(f"{name} cannot be opened as a sibaso database ({exc})") from exc
        store = cls(conn, name)
        store._turn = _turnstile(name)
        store.migrate()
        return store

    #: a file beside the database (``NAME-turn``) whose shared lock a writer holds while it
    #: waits for SQLite's write lock; a bulk writer between two short transactions waits
    #: until such writers got in (SQLite's busy handler polls, and a writer that commits and
    #: begins again at once would otherwise keep the lock from them for seconds)
    _turn: int | None = None

    def let_writers_in(self) -> None:
        """Called by a bulk writer (a staged ingest) between two short transactions: wait
        until the writers queued for the write lock got it (at most ``LET_IN_SECONDS``)."""
        turn = self._turn
        if turn is None or fcntl is None or self._depth:
            return
        deadline = time.monotonic() + LET_IN_SECONDS
        while True:
            try:
                fcntl.flock(turn, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.001)
                continue
            fcntl.flock(turn, fcntl.LOCK_UN)
            return

    def close(self) -> None:
        """Close the connection (and the turnstile file)."""
        if self._turn is not None:
            with contextlib.suppress(OSError):
                os.close(self._turn)
            self._turn = None
        super().close()

    def query(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query and return all rows (sqlite3 rows are tuples already)."""
        return self.conn.execute(text, params).fetchall()  # type: ignore[no-any-return]

    def check_writable(self) -> None:
        """As :meth:`Store.check_writable`, without waiting for a writer that holds the lock
        (a busy database is a writable one)."""
        timeout = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            super().check_writable()
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                return
            raise
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")

    def reopen(self) -> SQLiteStore:
        """Another connection to the same file."""
        return SQLiteStore.open(self.target)

    def _begin(self) -> None:
        turn = self._turn
        if turn is None or fcntl is None:
            self.conn.execute("BEGIN IMMEDIATE")
            return
        fcntl.flock(turn, fcntl.LOCK_SH)  # queued: a bulk writer lets me in
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        finally:
            fcntl.flock(turn, fcntl.LOCK_UN)

    def type_map(self) -> dict[str, str]:
        """SQLite fill-ins."""
        return {"serial": "INTEGER", "without_rowid": " WITHOUT ROWID", "append_only": _APPEND_ONLY}

    def _has_table(self, name: str) -> bool:
        return bool(
            self.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        )


def _turnstile(name: str) -> int | None:
    """The descriptor of the database's turnstile file, or None (``:memory:``, no fcntl, or
    a folder where it can be neither made nor read)."""
    if name == ":memory:" or fcntl is None:
        return None
    path = name + "-turn"
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            return os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o664)
        except OSError:
            continue
    return None
