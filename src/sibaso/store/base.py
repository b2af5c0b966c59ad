"""The Store: one SQL implementation shared by SQLite and PostgreSQL, dialects fill the gaps.

Every Store passes the same contract suite (``tests/store/test_contract.py``). Rows travel as
plain tuples in the column order of the ``*_COLUMNS`` constants; the registry builds domain
objects from them.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sibaso.core.errors import SibasoError
from sibaso.store.audit import AuditRepo
from sibaso.store.complaints import ComplaintRepo
from sibaso.store.enrolments import EnrolmentQueries
from sibaso.store.links import LinkRepo
from sibaso.store.lists import LISTED, ListRepo
from sibaso.store.officers import OfficerRepo
from sibaso.store.reach import ReachIndex
from sibaso.store.reports import ReportQueries
from sibaso.store.schema import MIGRATIONS
from sibaso.store.sessions import SessionRepo
from sibaso.store.staging import StagingRepo
from sibaso.store.tokens import TokenRepo

__all__ = [
    "ENROLMENT_COLUMNS",
    "HOUSEHOLD_MEMBER_COLUMNS",
    "PERSON_COLUMNS",
    "SchemaError",
    "Store",
]

PERSON_COLUMNS = (
    "nik",
    "province",
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "kk",
    "relationship",
    "street",
    "rt",
    "rw",
    "desa_code",
    "desa_name",
    "kecamatan_code",
    "kecamatan_name",
    "alive",
    "source_id",
    "sheet",
    "row_number",
    "authority",
)
#: an upsert may replace a stored person only with data of the same or a higher authority
#: (a row without one counts as a village system's)
PERSON_AUTHORITY_RULE = "COALESCE(person.authority, 2) <= COALESCE(excluded.authority, 2)"
#: A file that leaves a person's field empty does not erase it (a SIAK export of KK, NIK,
#: name and status keeps the birth date and the dusun/RT a village system gave). The address
#: goes as a whole: the stored street, RT, RW and desa stay only when the new row gives none
#: of them and names no other kecamatan (a person who moved gets no mixed address).
_KEEP_ADDRESS = (
    "(excluded.street IS NULL AND excluded.rt IS NULL AND excluded.rw IS NULL "
    "AND excluded.desa_code IS NULL AND excluded.desa_name IS NULL "
    "AND (excluded.kecamatan_code IS NULL OR person.kecamatan_code IS NULL "
    "OR excluded.kecamatan_code = person.kecamatan_code) "
    "AND (excluded.kecamatan_name IS NULL OR person.kecamatan_name IS NULL "
    "OR UPPER(excluded.kecamatan_name) = UPPER(person.kecamatan_name)))"
)
_KEPT_IF_EMPTY = frozenset(("sex", "birth_place", "birth_date", "kk", "relationship"))
_ADDRESS = frozenset(("street", "rt", "rw", "desa_code", "desa_name"))
_REGION = frozenset(("kecamatan_code", "kecamatan_name"))


def _person_update(column: str) -> str:
    if column in _KEPT_IF_EMPTY:
        return f"{column} = COALESCE(excluded.{column}, person.{column})"
    if column in _ADDRESS:
        keep = f"person.{column}"
        return f"{column} = CASE WHEN {_KEEP_ADDRESS} THEN {keep} ELSE excluded.{column} END"
    if column in _REGION:
        return (
            f"{column} = CASE WHEN {_KEEP_ADDRESS} THEN COALESCE(excluded.{column}, "
            f"person.{column}) ELSE excluded.{column} END"
        )
    return f"{column} = excluded.{column}"


#: the SET list of a person upsert (under :data:`PERSON_AUTHORITY_RULE`)
PERSON_UPDATES = ", ".join(_person_update(c) for c in PERSON_COLUMNS[1:])
HOUSEHOLD_MEMBER_COLUMNS = (
    "household_id",
    "nik",
    "nik_given",
    "kk",
    "name",
    "relationship",
    "member_id",
    "source_id",
    "sheet",
    "row_number",
)
ENROLMENT_COLUMNS = (
    "source_id",
    "programme",
    "basis",
    "period",
    "province",
    "nik",
    "nik_given",
    "kk",
    "kk_given",
    "household_id",
    "name",
    "birth_date",
    "status",
    "kecamatan_code",
    "kecamatan_name",
    "desa_code",
    "desa_name",
    "sheet",
    "row_number",
    "details",
)
SOURCE_COLUMNS = (
    "id",
    "path",
    "sha256",
    "kind",
    "adapter",
    "programme",
    "period",
    "scope",
    "decree",
    "ingested_at",
    "row_count",
    "usable",
    "rejected",
    "active",
    "replaced_by",
)
LINK_COLUMNS = ("enrolment_id", "status", "nik_matched", "confidence", "reason", "candidates")


class SchemaError(SibasoError):
    """The database was written by a newer sibaso, or its schema is damaged."""


class Store:
    """A registry database. Use :func:`sibaso.store.open_store` to get one."""

    dialect = "sql"
    placeholder = "?"
    #: rows a staged ingest writes per transaction: another writer waits for one at most
    #: (SQLite has one writer at a time; PostgreSQL writers do not wait for each other)
    short_rows = 1000
    #: rows reworked per transaction when a staged file is indexed, applied or retired
    chunk_rows = 4000

    def __init__(self, connection: Any, target: str) -> None:
        self.conn = connection
        self.target = target
        self._depth = 0
        _OPEN.add(self)

    # -- repositories (one per aggregate; they share this connection and its transactions)

    @functools.cached_property
    def audit(self) -> AuditRepo:
        """The audit log."""
        return AuditRepo(self)

    @functools.cached_property
    def complaints(self) -> ComplaintRepo:
        """Complaints and their history."""
        return ComplaintRepo(self)

    @functools.cached_property
    def officers(self) -> OfficerRepo:
        """The roster of officers and their areas."""
        return OfficerRepo(self)

    @functools.cached_property
    def sessions(self) -> SessionRepo:
        """Officers' logins to a front end (the portal), ended server-side."""
        return SessionRepo(self)

    @functools.cached_property
    def tokens(self) -> TokenRepo:
        """API tokens of officers, bound to the officer record."""
        return TokenRepo(self)

    @functools.cached_property
    def lists(self) -> ListRepo:
        """Stored files (sources) as the ingest reads them."""
        return ListRepo(self)

    @functools.cached_property
    def staging(self) -> StagingRepo:
        """Files being loaded, made visible in one small step (:mod:`sibaso.store.staging`)."""
        return StagingRepo(self)

    @functools.cached_property
    def links(self) -> LinkRepo:
        """Match results and officers' decisions."""
        return LinkRepo(self)

    @functools.cached_property
    def enrolments(self) -> EnrolmentQueries:
        """Reads over the lists for recaps, complementarity, diffs and conflicts."""
        return EnrolmentQueries(self)

    @functools.cached_property
    def reach(self) -> ReachIndex:
        """The lookup index, kept current by every change (:mod:`sibaso.store.reach`)."""
        return ReachIndex(self)

    @functools.cached_property
    def reports(self) -> ReportQueries:
        """The counts and lists of the registry report."""
        return ReportQueries(self)

    # -- plumbing -----------------------------------------------------------------------

    def ping(self) -> None:
        """Ask the database one trivial question (raises when it does not answer)."""
        self.query("SELECT 1")

    def check_writable(self) -> None:
        """Raise the driver's error when nothing could be written now (a read-only file or
        server); writes nothing (a transaction that touches one row, rolled back)."""

        self._write_probe()

    def _write_probe(self, *setup: str) -> None:
        class _Probe(Exception):
            pass

        try:
            with self.transaction():
                for statement in setup:
                    self.execute(statement)
                self.execute("UPDATE meta SET value = value WHERE key = 'audit_key'")
                raise _Probe
        except _Probe:
            pass

    def sql(self, text: str) -> str:
        """Text with ``?`` placeholders in this dialect."""
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def query(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query (portable SQL with ``?`` placeholders) and return all rows."""
        cur = self.conn.cursor()
        if params:
            cur.execute(self.sql(text), tuple(params))
        else:
            cur.execute(self.sql(text))
        return [tuple(r) for r in cur.fetchall()]

    def execute(self, text: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the affected row count."""
        cur = self.conn.cursor()
        if params:
            cur.execute(self.sql(text), tuple(params))
        else:
            cur.execute(self.sql(text))
        return int(cur.rowcount or 0)

    def executemany(self, text: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many rows."""
        cur = self.conn.cursor()
        cur.executemany(self.sql(text), rows)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All or nothing: commit when the block ends, roll back when it raises."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.conn.rollback()
            raise
        self._depth = 0
        self.conn.commit()

    def _begin(self) -> None:
        """Start a transaction (dialects that autocommit override this)."""

    def let_writers_in(self) -> None:
        """Between two short transactions of a bulk write: let the writers waiting for the
        write lock have it first (SQLite; PostgreSQL writers do not queue behind a load)."""

    @property
    def can_reopen(self) -> bool:
        """Whether :meth:`reopen` can give another connection to the same database."""
        return self.target != ":memory:"

    def reopen(self) -> Store:
        """Another connection to the same database (a thread's own)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # -- schema -------------------------------------------------------------------------

    def type_map(self) -> dict[str, str]:
        """Dialect fill-ins for the migration SQL."""
        raise NotImplementedError

    def applied_migrations(self) -> list[str]:
        """Names of the migrations recorded in this database, in order."""
        if not self._has_table("schema_migrations"):
            return []
        return [r[0] for r in self.query("SELECT name FROM schema_migrations ORDER BY seq")]

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def migrate(self) -> list[str]:
        """Apply pending migrations; refuse a database written by a newer sibaso."""
        known = [name for name, _ in MIGRATIONS]
        applied = self.applied_migrations()
        unknown = [name for name in applied if name not in known]
        if unknown or applied != known[: len(applied)]:
            raise SchemaError(
                f"{self.target}: this database has schema migrations this sibaso does not know "
                f"({', '.join(unknown) or 'in another order'}); it was written by a newer "
                "sibaso. Upgrade sibaso to open it."
            )
        done = []
        with self.transaction():
            if not self._has_table("schema_migrations"):
                self.execute(
                    "CREATE TABLE schema_migrations (seq INTEGER PRIMARY KEY, "
                    "name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
                )
            for seq, (name, build) in enumerate(MIGRATIONS, start=1):
                if name in applied:
                    continue
                for statement in build(self.type_map()):
                    if statement.strip():
                        self.execute(statement)
                self.execute(
                    "INSERT INTO schema_migrations (seq, name, applied_at) VALUES (?, ?, ?)",
                    (seq, name, _now()),
                )
                done.append(name)
        if "0010_staging" in known:  # what a crashed ingest left: removed or finished
            self.staging.settle()
        return done

    # -- meta ---------------------------------------------------------------------------

    def meta_get(self, key: str) -> str | None:
        """A stored setting."""
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def meta_set(self, key: str, value: str) -> None:
        """Store a setting."""
        self.execute("DELETE FROM meta WHERE key = ?", (key,))
        self.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- sources ------------------------------------------------------------------------

    def find_source(
        self, sha256: str, kind: str, programme: str, period: str, scope: str
    ) -> int | None:
        """The id of a source with this content already ingested for the same list."""
        rows = self.query(
            "SELECT id FROM source WHERE sha256 = ? AND kind = ? AND programme = ? "
            "AND period = ? AND scope = ? AND state <> 'staging'",
            (sha256, kind, programme, period, scope),
        )
        return int(rows[0][0]) if rows else None

    def add_source(
        self,
        *,
        path: str,
        sha256: str,
        kind: str,
        adapter: str,
        programme: str,
        period: str,
        scope: str,
        decree: str | None,
        rows: int,
        usable: int,
        rejected: int,
    ) -> int:
        """Record a new source and return its id."""
        return self._insert_returning_id(
            "INSERT INTO source (path, sha256, kind, adapter, programme, period, scope, decree, "
            "ingested_at, row_count, usable, rejected, active) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (
                path,
                sha256,
                kind,
                adapter,
                programme,
                period,
                scope,
                decree,
                _now(),
                rows,
                usable,
                rejected,
            ),
        )

    def _insert_returning_id(self, text: str, params: Sequence[Any]) -> int:
        return int(self.query(text + " RETURNING id", params)[0][0])

    def replace_active(
        self,
        source_id: int,
        kind: str,
        programme: str,
        period: str,
        scope: str,
        *,
        retire_rows: bool = True,
    ) -> list[int]:
        """Make ``source_id`` the active list of its kind/programme/period/scope.

        The sources it replaces are kept (``active = 0``, state ``replaced``,
        ``replaced_by``); readers stop seeing them at once. ``retire_rows=False`` leaves
        their rows' ``active`` flag to :meth:`sibaso.store.staging.StagingRepo.retire`.
        """
        old = [
            int(r[0])
            for r in self.query(
                "SELECT id FROM source WHERE kind = ? AND programme = ? AND period = ? "
                "AND scope = ? AND active = 1 AND id <> ?",
                (kind, programme, period, scope, source_id),
            )
        ]
        for old_id in old:
            self.execute(
                "UPDATE source SET active = 0, state = 'replaced', replaced_by = ? WHERE id = ?",
                (source_id, old_id),
            )
            if retire_rows:
                self.execute("UPDATE enrolment SET active = 0 WHERE source_id = ?", (old_id,))
        return old

    def activate(
        self, source_id: int, kind: str, programme: str, period: str, scope: str
    ) -> list[int]:
        """Make a stored file the active one of its kind, programme, period and scope, and
        bring the lookup index up to date for what it changed; returns the replaced sources.

        A household roster replaces the previous roster's rows; a population file's people
        were upserted as it was read.
        """
        with self.transaction():
            replaced = self.replace_active(source_id, kind, programme, period, scope)
            if kind == "household":
                self.drop_household_source(replaced)
                self.reach.after_rosters()
            elif kind == "population":
                self.reach.after_population(source_id)
            else:
                self.reach.after_lists([source_id, *replaced])
                self.staging.relabel()
            self.analyze(
                "source",
                {"household": "household_member", "population": "person"}.get(kind, "enrolment"),
                "reach",
                "nik_reach",
            )
        return replaced

    def analyze(self, *tables: str) -> None:
        """Bring the planner's statistics of these tables up to date after a large change
        (PostgreSQL; SQLite plans well enough from its indexes alone)."""

    def sources(self) -> list[dict[str, Any]]:
        """Every source, newest first."""
        rows = self.query(f"SELECT {', '.join(SOURCE_COLUMNS)} FROM source ORDER BY id DESC")
        return [dict(zip(SOURCE_COLUMNS, r, strict=True)) for r in rows]

    # -- bulk writes --------------------------------------------------------------------

    def put_persons(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert or update people: the latest population file wins, unless the person
        already stored came from a higher authority (Dukcapil over a village system)."""
        cols = ", ".join(PERSON_COLUMNS)
        marks = ", ".join("?" * len(PERSON_COLUMNS))
        self.executemany(
            f"INSERT INTO person ({cols}) VALUES ({marks}) "
            f"ON CONFLICT (nik) DO UPDATE SET {PERSON_UPDATES} WHERE {PERSON_AUTHORITY_RULE}",
            rows,
        )

    def put_household_members(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert household roster rows."""
        cols = ", ".join(HOUSEHOLD_MEMBER_COLUMNS)
        marks = ", ".join("?" * len(HOUSEHOLD_MEMBER_COLUMNS))
        self.executemany(f"INSERT INTO household_member ({cols}) VALUES ({marks})", rows)

    def put_enrolments(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert programme enrolment rows."""
        cols = ", ".join(ENROLMENT_COLUMNS)
        marks = ", ".join("?" * len(ENROLMENT_COLUMNS))
        self.executemany(f"INSERT INTO enrolment ({cols}) VALUES ({marks})", rows)

    def drop_household_source(self, source_ids: Sequence[int]) -> None:
        """Forget the roster rows of replaced household sources."""
        for source_id in source_ids:
            self.execute("DELETE FROM household_member WHERE source_id = ?", (source_id,))

    # -- reads --------------------------------------------------------------------------

    def get_person(self, nik: str) -> dict[str, Any] | None:
        """One person by NIK."""
        rows = self.query(f"SELECT {', '.join(PERSON_COLUMNS)} FROM person WHERE nik = ?", (nik,))
        return dict(zip(PERSON_COLUMNS, rows[0], strict=True)) if rows else None

    def family_of(self, kk: str) -> list[dict[str, Any]]:
        """Everyone on one KK."""
        rows = self.query(
            f"SELECT {', '.join(PERSON_COLUMNS)} FROM person WHERE kk = ? ORDER BY nik", (kk,)
        )
        return [dict(zip(PERSON_COLUMNS, r, strict=True)) for r in rows]

    def households_of(self, nik: str, kk: str | None) -> list[str]:
        """Household ids whose roster holds this NIK or this KK."""
        if kk:
            rows = self.query(
                "SELECT DISTINCT household_id FROM household_member WHERE nik = ? OR kk = ?",
                (nik, kk),
            )
        else:
            rows = self.query(
                "SELECT DISTINCT household_id FROM household_member WHERE nik = ?", (nik,)
            )
        return sorted(r[0] for r in rows)

    def enrolments_by_keys(self, keys: Sequence[str]) -> list[tuple[Any, ...]]:
        """Active enrolments reached by any of these reach keys, with the key and source."""
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        return self.query(
            "SELECT r.key, e.id, e.programme, e.basis, e.period, e.nik, e.nik_given, e.kk, "
            "e.household_id, e.name, e.status, e.sheet, e.row_number, s.path, s.decree, "
            "e.kecamatan_code, e.kecamatan_name, e.desa_name "
            f"FROM reach r JOIN enrolment e ON e.id = r.enrolment_id "
            f"JOIN source s ON s.id = e.source_id WHERE r.key IN ({marks}) AND s.active = 1",
            keys,
        )

    def person_kecamatan(self, nik: str) -> str | None:
        """The kecamatan code of a person in the population data (None: unknown or none)."""
        rows = self.query("SELECT kecamatan_code FROM person WHERE nik = ?", (nik,))
        return str(rows[0][0]) if rows and rows[0][0] else None

    def person_niks(self) -> list[str]:
        """Every NIK in the population data, in order."""
        return [r[0] for r in self.query("SELECT nik FROM person ORDER BY nik")]

    def person_name(self, nik: str) -> dict[str, Any] | None:
        """A person's NIK and name only (the public view's masked name)."""
        rows = self.query("SELECT nik, name FROM person WHERE nik = ?", (nik,))
        return {"nik": rows[0][0], "name": rows[0][1]} if rows else None

    def reaching(
        self, nik: str, *, full: bool = True, with_person: bool = True
    ) -> tuple[dict[str, Any] | None, list[tuple[Any, ...]]]:
        """The person (or None) and the active enrolments reaching a NIK, in two reads.

        ``full=False`` reads only the person's NIK and name; ``with_person=False`` does not
        read the person at all (the public view says nothing about who is registered).

        Rows are ``(via, id, programme, basis, period, nik, nik_given, kk, household_id, name,
        status, sheet, row_number, path, decree, kecamatan_code, kecamatan_name, desa_name,
        state, desa_code)`` with ``via`` 0 self, 1 through the KK, 2 through the household, and
        the list's ``state``: ``current``, or ``history`` for an older period's list (officers
        see both; :meth:`reaching_masked`, the citizen's view, only current lists).
        """
        if not with_person:
            person = None
        else:
            person = self.get_person(nik) if full else self.person_name(nik)
        return person, self.query(_REACHING + " WHERE n.nik = ? AND s.active = 1", (nik,))

    def reaching_masked(self, nik: str) -> tuple[dict[str, Any] | None, list[tuple[Any, ...]]]:
        """The person's NIK, name and ``alive`` (or None) and the active enrolments reaching a
        NIK, in one statement (prepared where the database prepares): the public lookup's one
        round trip. Rows as :meth:`reaching`.
        """
        person = None
        rows = []
        for row in self.query_prepared(
            _REACHING + " WHERE n.nik = ? AND s.state = 'current' UNION ALL "
            "SELECT -1, p.alive, p.name" + ", NULL" * 17 + " FROM person p WHERE p.nik = ?",
            (nik, nik),
        ):
            if row[0] == -1:
                person = {"nik": nik, "name": row[2], "alive": bool(row[1])}
            else:
                rows.append(row)
        return person, rows

    def query_prepared(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """:meth:`query` for a statement run very often (PostgreSQL prepares it once)."""
        return self.query(text, params)

    def count(self, table: str) -> int:
        """Rows in a table (tests and reports)."""
        return int(self.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    # -- reach --------------------------------------------------------------------------

    def rebuild_reach(self) -> None:
        """Recompute the whole lookup index (a repair; every change keeps it current)."""
        self.reach.rebuild()

    def substr(self, column: str, start: int) -> str:
        """SQL substring from ``start`` (1-based) to the end."""
        return f"substr({column}, {start})"

    def concat(self, a: str, b: str) -> str:
        """SQL string concatenation."""
        return f"{a} || {b}"

    # -- matching -----------------------------------------------------------------------

    def iter_enrolments_for_match(self) -> Iterator[tuple[Any, ...]]:
        """``(id, nik_given, kk, name, birth_date)`` of every active enrolment."""
        yield from self.query(
            "SELECT id, COALESCE(nik, nik_given), COALESCE(kk, kk_given), name, birth_date "
            f"FROM enrolment WHERE source_id IN {LISTED} ORDER BY id"
        )

    def iter_persons_for_match(self) -> Iterator[tuple[Any, ...]]:
        """``(nik, name, kk, birth_date)`` of every person."""
        yield from self.query("SELECT nik, name, kk, birth_date FROM person")

    def deceased_niks(self) -> set[str]:
        """NIKs of the people the population data records as dead (``alive`` false, set by
        :func:`sibaso.core.vital.is_alive` when the data was read)."""
        return {str(nik) for (nik,) in self.query("SELECT nik FROM person WHERE alive = 0")}

    def put_links(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert link rows (``LINK_COLUMNS``)."""
        cols = ", ".join(LINK_COLUMNS)
        self.executemany(f"INSERT INTO link ({cols}) VALUES (?, ?, ?, ?, ?, ?)", rows)

    def save_links(self, rows: Iterable[Sequence[Any]]) -> None:
        """Replace the match results (keeping officers' decisions on unchanged links)."""
        self.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS kept_decision "
            "(enrolment_id BIGINT, nik_matched TEXT, decision TEXT, decided_by TEXT, "
            "decided_at TEXT)"
        )
        self.execute("DELETE FROM kept_decision")
        self.execute(
            "INSERT INTO kept_decision SELECT enrolment_id, nik_matched, decision, "
            "decided_by, decided_at FROM link WHERE decision IS NOT NULL"
        )
        self.execute("DELETE FROM link")
        self.put_links(rows)
        self.execute(
            "UPDATE link SET decision = (SELECT k.decision FROM kept_decision k WHERE "
            "k.enrolment_id = link.enrolment_id AND k.nik_matched = link.nik_matched), "
            "decided_by = (SELECT k.decided_by FROM kept_decision k WHERE "
            "k.enrolment_id = link.enrolment_id AND k.nik_matched = link.nik_matched), "
            "decided_at = (SELECT k.decided_at FROM kept_decision k WHERE "
            "k.enrolment_id = link.enrolment_id AND k.nik_matched = link.nik_matched) "
            "WHERE enrolment_id IN (SELECT enrolment_id FROM kept_decision)"
        )
        # an officer who named the person of an ambiguous, invalid or unknown NIK decided for
        # good: the next automatic run does not overrule the confirmation
        self.execute(
            "UPDATE link SET "
            "nik_matched = (SELECT k.nik_matched FROM kept_decision k WHERE "
            "k.enrolment_id = link.enrolment_id), decision = 'confirmed', "
            "decided_by = (SELECT k.decided_by FROM kept_decision k WHERE "
            "k.enrolment_id = link.enrolment_id), "
            "decided_at = (SELECT k.decided_at FROM kept_decision k WHERE "
            "k.enrolment_id = link.enrolment_id) "
            "WHERE decision IS NULL AND enrolment_id IN "
            "(SELECT enrolment_id FROM kept_decision WHERE decision = 'confirmed')"
        )

    # -- audit --------------------------------------------------------------------------

    def append_audit(self, entries: Iterable[Sequence[Any]]) -> None:
        """Append ``(at, actor, action, subject, detail)`` rows to the audit log
        (:meth:`sibaso.store.audit.AuditRepo.append`)."""
        self.audit.append(entries)

    def audit_entries(self, action: str | None = None) -> list[tuple[Any, ...]]:
        """The audit log, oldest first (:meth:`sibaso.store.audit.AuditRepo.entries`)."""
        return self.audit.entries(action)


_REACHING = (
    "SELECT n.via, e.id, e.programme, e.basis, e.period, e.nik, e.nik_given, e.kk, "
    "e.household_id, e.name, e.status, e.sheet, e.row_number, s.path, s.decree, "
    "e.kecamatan_code, e.kecamatan_name, e.desa_name, s.state, e.desa_code "
    "FROM nik_reach n JOIN enrolment e ON e.id = n.enrolment_id "
    "JOIN source s ON s.id = e.source_id"
)


class ForgottenConnection:
    """What a forked child holds instead of its parent's database connection.

    A child must never use (or, by closing it, end) the connection of the process it was
    forked from: for PostgreSQL the parent's transaction would outlive a killed parent as
    long as the child held the socket. The child closes its copy of the socket and keeps
    the connection object unreachable for use, never finalised.
    """

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("a forked child cannot use its parent's database connection")


_OPEN: weakref.WeakSet[Store] = weakref.WeakSet()
_KEPT: list[Any] = []  # never finalised in the child: closing would talk to the server


def _forget_connections() -> None:
    for store in list(_OPEN):
        if isinstance(store.conn, ForgottenConnection):
            continue
        _KEPT.append(store.conn)
        fileno = getattr(store.conn, "fileno", None)
        if fileno is not None and store.dialect == "postgresql":
            with contextlib.suppress(Exception):
                os.close(fileno())
        store.conn = ForgottenConnection()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_connections)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
