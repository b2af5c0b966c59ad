"""When the database itself fails: one plain line (Bahasa Indonesia or English) instead of a
driver traceback.

The drivers say what went wrong in their own words (``sqlite3.OperationalError: attempt to
write a readonly database``, ``psycopg.OperationalError: connection failed: …``).
:func:`store_fault` turns such an exception into a :class:`StoreUnavailable` naming the kind of
fault and what to do about it; the command line prints it as one line and exits 3, the HTTP
service answers 503 with a problem body. Only this module knows the drivers' exceptions.

>>> import sqlite3
>>> fault = store_fault(sqlite3.OperationalError("attempt to write a readonly database"), "a.db")
>>> fault.kind
'read-only'
>>> fault.localized("en").startswith("The database a.db is read-only: nothing can be saved")
True
>>> store_fault(ValueError("x")) is None
True
>>> print(StoreUnavailable("missing", "salah/ketik.sqlite").localized("id")[:60])
Basis data salah/ketik.sqlite tidak ada. Periksa ejaan --db,
"""

from __future__ import annotations

import sqlite3

from sibaso.core.errors import SibasoError

__all__ = ["KINDS", "StoreUnavailable", "display_target", "fault_behind", "store_fault"]

#: kind → (Bahasa Indonesia, English); ``{target}`` is the database, ``{reason}`` the driver's.
KINDS: dict[str, tuple[str, str]] = {
    "missing": (
        "Basis data {target} tidak ada. Periksa ejaan --db, atau buat dengan "
        "'sibaso init --db {target}' (atau 'sibaso ingest', 'sibaso demo').",
        "The database {target} does not exist. Check --db, or create it with "
        "'sibaso init --db {target}' (or 'sibaso ingest', 'sibaso demo').",
    ),
    "empty": (
        "Basis data {target} belum berisi registri sibaso. Periksa --db, atau buat dengan "
        "'sibaso init --db …' (atau 'sibaso ingest').",
        "The database {target} holds no sibaso registry. Check --db, or create one with "
        "'sibaso init --db …' (or 'sibaso ingest').",
    ),
    "read-only": (
        "Basis data {target} hanya-baca: tidak ada yang bisa disimpan (pengecekan pun tidak "
        "bisa dicatat). Periksa izin berkas dan foldernya, atau disknya.",
        "The database {target} is read-only: nothing can be saved (lookups are not recorded "
        "either). Check the permissions of the file and its folder, or the disk it is on.",
    ),
    "full": (
        "Disk penuh: basis data {target} tidak bisa ditulis; perubahan ini dibatalkan "
        "seluruhnya, tidak ada yang tersimpan setengah. Kosongkan ruang disk lalu ulangi.",
        "Disk full: the database {target} cannot be written; this change was rolled back "
        "whole, nothing is half-saved. Free disk space and try again.",
    ),
    "io": (
        "Kesalahan baca/tulis disk pada basis data {target} ({reason}); perubahan ini "
        "dibatalkan seluruhnya. Periksa disknya lalu ulangi.",
        "Disk read/write error on the database {target} ({reason}); this change was rolled "
        "back whole. Check the disk and try again.",
    ),
    "unreachable": (
        "Server basis data {target} tidak dapat dihubungi ({reason}). Periksa alamat, port, "
        "nama basis data dan apakah servernya berjalan.",
        "The database server {target} cannot be reached ({reason}). Check the host, port, "
        "database name and that the server is running.",
    ),
    "locked": (
        "Basis data {target} sedang dikunci proses lain terlalu lama; coba lagi sebentar lagi.",
        "The database {target} stayed locked by another process; try again shortly.",
    ),
    "broken": (
        "{target} tidak bisa dipakai sebagai basis data sibaso ({reason}).",
        "{target} cannot be used as a sibaso database ({reason}).",
    ),
}

_SQLITE_KINDS = {
    "SQLITE_READONLY": "read-only",
    "SQLITE_FULL": "full",
    "SQLITE_IOERR": "io",
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
    "SQLITE_CANTOPEN": "broken",
    "SQLITE_CORRUPT": "broken",
    "SQLITE_NOTADB": "broken",
}
_SQLITE_WORDS = (
    ("readonly", "read-only"),
    ("read-only", "read-only"),
    ("disk is full", "full"),
    ("disk i/o error", "io"),
    ("database is locked", "locked"),
    ("unable to open database", "broken"),
    ("malformed", "broken"),
    ("not a database", "broken"),
)


class StoreUnavailable(SibasoError):
    """The database cannot be used: ``kind`` is one of :data:`KINDS`' keys."""

    def __init__(self, kind: str, target: str = "", reason: str = "") -> None:
        self.kind = kind if kind in KINDS else "broken"
        self.target = target or "?"
        self.reason = reason
        super().__init__(self.localized("en"))

    @property
    def code(self) -> str:
        """The problem code of the HTTP answer: ``store-read-only``, ``store-missing`` …"""
        return f"store-{self.kind}"

    @property
    def writable_only(self) -> bool:
        """True when reading may still work (read-only, disk full)."""
        return self.kind in ("read-only", "full")

    def localized(self, lang: str = "id") -> str:
        """The one line in Bahasa Indonesia (``"id"``) or English (``"en"``)."""
        text_id, text_en = KINDS[self.kind]
        return (text_id if lang == "id" else text_en).format(
            target=self.target, reason=self.reason or "-"
        )


def display_target(target: str) -> str:
    """A database as messages may name it: a DSN without its password.

    >>> display_target("postgresql://sibaso:rahasia@db.dinsos:5432/bansos")
    'postgresql://sibaso@db.dinsos:5432/bansos'
    >>> display_target("data/registri.sqlite")
    'data/registri.sqlite'
    """
    if "://" in target and "@" in target:
        scheme, rest = target.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return target


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].strip()[:200] if text else type(exc).__name__


def store_fault(exc: BaseException, target: str = "") -> StoreUnavailable | None:
    """The :class:`StoreUnavailable` an exception from a driver means, or None when it is
    not a fault of the database itself (a bug, a constraint the code should have checked)."""
    if isinstance(exc, StoreUnavailable):
        return exc
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.IntegrityError | sqlite3.ProgrammingError
    ):
        name = getattr(exc, "sqlite_errorname", "") or ""
        kind = _SQLITE_KINDS.get("_".join(name.split("_")[:2]))
        if kind is None:
            message = str(exc).lower()
            kind = next((k for words, k in _SQLITE_WORDS if words in message), None)
        if kind is None:
            return None
        return StoreUnavailable(kind, target, _first_line(exc))
    return _postgres_fault(exc, target)


def fault_behind(exc: BaseException, target: str = "") -> StoreUnavailable | None:
    """The database fault behind ``exc``: itself, or what it was raised from (a few links deep).

    >>> fault_behind(ValueError("not a database fault")) is None
    True
    """
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return None
        fault = store_fault(seen, target)
        if fault is not None:
            return fault
        seen = seen.__cause__ or seen.__context__
    return None


def _postgres_fault(exc: BaseException, target: str) -> StoreUnavailable | None:
    module = type(exc).__module__
    if not module.startswith("psycopg"):
        return None
    import psycopg

    from_errors = psycopg.errors
    if isinstance(exc, from_errors.ReadOnlySqlTransaction):
        return StoreUnavailable("read-only", target, _first_line(exc))
    if isinstance(exc, from_errors.DiskFull):
        return StoreUnavailable("full", target, _first_line(exc))
    if isinstance(exc, from_errors.InvalidCatalogName):
        return StoreUnavailable("unreachable", target, _first_line(exc))
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return StoreUnavailable("unreachable", target, _reason(exc))
    return None


def _reason(exc: BaseException) -> str:
    """A psycopg connection error without the long multi-host preamble."""
    line = _first_line(exc)
    for marker in ("failed: ", "error: "):
        if marker in line:
            line = line.rsplit(marker, 1)[1]
    return line
