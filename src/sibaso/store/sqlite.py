"""The embedded default store: one SQLite file (WAL, foreign keys on) or ``:memory:``."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sibaso.store.base import SchemaError, Store

__all__ = ["SQLiteStore"]

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
        store.migrate()
        return store

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
        self.conn.execute("BEGIN IMMEDIATE")

    def type_map(self) -> dict[str, str]:
        """SQLite fill-ins."""
        return {"serial": "INTEGER", "without_rowid": " WITHOUT ROWID", "append_only": _APPEND_ONLY}

    def _has_table(self, name: str) -> bool:
        return bool(
            self.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        )
