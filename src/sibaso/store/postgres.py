"""PostgreSQL store (psycopg 3): ``pip install 'sibaso[postgres]'``.

For multi-worker deployments and province or national scale; see ``docs/scaling.md``.
Bulk loads use COPY.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sibaso.store.base import (
    ENROLMENT_COLUMNS,
    HOUSEHOLD_MEMBER_COLUMNS,
    LINK_COLUMNS,
    PERSON_AUTHORITY_RULE,
    PERSON_COLUMNS,
    PERSON_UPDATES,
    Store,
)

__all__ = ["PostgresStore"]

_APPEND_ONLY = (
    "CREATE OR REPLACE FUNCTION sibaso_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;;"
    "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION sibaso_append_only();;"
    "CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION sibaso_append_only()"
)


class PostgresStore(Store):
    """PostgreSQL through psycopg 3."""

    dialect = "postgresql"
    placeholder = "%s"
    short_rows = 5000
    chunk_rows = 20_000

    @classmethod
    def open(cls, dsn: str, *, create: bool = True) -> PostgresStore:
        """Connect, then apply pending migrations; ``create=False`` refuses a database
        without a sibaso schema (:class:`~sibaso.store.faults.StoreUnavailable` ``empty``)."""
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise ImportError("PostgreSQL needs psycopg: pip install 'sibaso[postgres]'") from exc
        conn = psycopg.connect(dsn, autocommit=True)
        # JIT compilation pays off for hour-long analytics, not for sibaso's reads: a report
        # query over 150,000 enrolments spent 2.8 s compiling to run in 0.5 s
        conn.execute("SET jit = off")
        store = cls(conn, _safe_dsn(dsn))
        store._dsn = dsn
        if not create and not store._has_table("schema_migrations"):
            from sibaso.store.faults import StoreUnavailable

            conn.close()
            raise StoreUnavailable("empty", store.target)
        store.migrate()
        return store

    def check_writable(self) -> None:
        """As :meth:`Store.check_writable`; a hot standby or ``default_transaction_read_only``
        raises ``ReadOnlySqlTransaction``. Waits at most a second for a row lock."""
        import psycopg

        try:
            self._write_probe("SET LOCAL lock_timeout = '1s'")
        except psycopg.errors.LockNotAvailable:
            return  # another writer holds the row: the database is writable

    _dsn = ""

    def reopen(self) -> PostgresStore:
        """Another connection with the same DSN (password included)."""
        return PostgresStore.open(self._dsn or self.target)

    _hot: Any = None  # (the connection, a Transformer for it, statement names by text)

    def query_prepared(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a hot read (the public lookup) as a prepared statement, parsed and planned once
        per connection, in one round trip straight through libpq: psycopg's cursor machinery
        cost a quarter of a lookup's time. Text parameters only; the rows are loaded by
        psycopg's own adapters (the same values a cursor gives). Anything else — other
        parameters, a closed connection — takes the cursor path, with its usual errors.
        """
        import psycopg
        from psycopg import pq
        from psycopg.adapt import Transformer

        conn = self.conn
        if conn.closed or not all(isinstance(p, str) for p in params):
            cur = conn.cursor()
            cur.execute(self.sql(text), tuple(params), prepare=True)
            rows: list[tuple[Any, ...]] = cur.fetchall()
            return rows
        hot = self._hot
        if hot is None or hot[0] is not conn:
            hot = self._hot = (conn, Transformer(conn), {})
        _conn, loader, names = hot
        encoding = conn.info.encoding
        with conn.lock:
            name = names.get(text)
            if name is None:
                name = f"sibaso_hot_{len(names) + 1}".encode()
                made = conn.pgconn.prepare(name, _numbered(text).encode(encoding))
                if made.status != pq.ExecStatus.COMMAND_OK:
                    raise psycopg.errors.error_from_result(made, encoding=encoding)
                names[text] = name
            result = conn.pgconn.exec_prepared(name, [p.encode(encoding) for p in params])
        if result.status != pq.ExecStatus.TUPLES_OK:
            if conn.pgconn.status == pq.ConnStatus.BAD:  # as psycopg says a lost server
                message = result.get_error_message(encoding) or "the connection was lost"
                raise psycopg.OperationalError(message)
            raise psycopg.errors.error_from_result(result, encoding=encoding)
        loader.set_pgresult(result)
        return loader.load_rows(0, result.ntuples, tuple)  # type: ignore[no-any-return]

    def analyze(self, *tables: str) -> None:
        """ANALYZE what a write reshaped, inside its transaction: the statistics become
        visible with the data, so the first query after it is planned on current figures
        (a fresh list without them was scanned whole on every lookup).

        A table is reshaped when it has no statistics yet, or when the rows changed since
        its last ANALYZE are more than a tenth of it (autovacuum's rule, applied before the
        commit instead of some time after it): a 100-row list does not pay a second of
        ANALYZE for a table of a million rows. The rows changed are measured by what the table
        grew since its last ANALYZE (its pages now against the pages ANALYZE saw, at the rows
        per page it saw): inserted rows and the new versions of updated ones, in this
        transaction or committed before. (The statistics collector's counts cannot tell: a
        connection reports its committed changes seconds afterwards, mixed with the open
        transaction's.) Deleted rows do not count; autovacuum sees to those later.
        Only the columns that queries filter, join or group on are sampled (:data:`_PLANNED`).
        """
        names = list(dict.fromkeys(tables))
        for name, tuples, pages_then, pages_now in self.query(
            "SELECT c.relname, c.reltuples, c.relpages, "
            "pg_relation_size(c.oid) / current_setting('block_size')::int FROM pg_class c "
            "WHERE c.oid IN (SELECT to_regclass(t) FROM unnest(?::text[]) t)",
            (names,),
        ):
            if reshaped(float(tuples), int(pages_then), int(pages_now)):
                columns = _PLANNED.get(name)
                listed = f" ({', '.join(columns)})" if columns else ""
                self.conn.execute(f"ANALYZE {name}{listed}")

    def _begin(self) -> None:
        self.conn.execute("BEGIN")

    def type_map(self) -> dict[str, str]:
        """PostgreSQL fill-ins."""
        return {"serial": "BIGSERIAL", "without_rowid": "", "append_only": _APPEND_ONLY}

    def _has_table(self, name: str) -> bool:
        return bool(
            self.query(
                "SELECT 1 FROM information_schema.tables WHERE "
                "table_schema = current_schema() AND table_name = ?",
                (name,),
            )
        )

    def concat(self, a: str, b: str) -> str:
        """PostgreSQL concatenation (``||`` works too; kept explicit)."""
        return f"({a} || {b})"

    def _copy(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        types: Sequence[str] = (),
    ) -> None:
        """COPY rows in; with ``types`` (one PostgreSQL type per column) in binary, which
        spares formatting every value as text (half the time of a COPY into a bare table)."""
        cur = self.conn.cursor()
        binary = " (FORMAT BINARY)" if types else ""
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN{binary}") as copy:
            if types:
                copy.set_types(list(types))
            for row in rows:
                copy.write_row(row)

    def put_persons(self, rows: Iterable[Sequence[Any]]) -> None:
        """Upsert people: COPY into a staging table, then one ``INSERT … ON CONFLICT``.

        As with row-by-row upserts, the last row of a NIK wins. The staging table is
        temporary and dropped when the ingest's transaction ends.
        """
        cols = ", ".join(PERSON_COLUMNS)
        with self.transaction():
            self.conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS sibaso_person_stage (LIKE person) ON COMMIT DROP"
            )
            self.conn.execute("TRUNCATE sibaso_person_stage")
            self._copy("sibaso_person_stage", PERSON_COLUMNS, rows)
            self.conn.execute(
                f"INSERT INTO person ({cols}) SELECT DISTINCT ON (nik) {cols} "
                "FROM sibaso_person_stage ORDER BY nik, ctid DESC "
                f"ON CONFLICT (nik) DO UPDATE SET {PERSON_UPDATES} WHERE {PERSON_AUTHORITY_RULE}"
            )

    def put_enrolments(self, rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with COPY."""
        self._copy("enrolment", ENROLMENT_COLUMNS, rows)

    def put_links(self, rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with binary COPY (a match run writes one link per active enrolment;
        every value is sibaso's own: an id, texts and a float)."""
        self._copy("link", LINK_COLUMNS, rows, _LINK_TYPES)

    def save_links(self, rows: Iterable[Sequence[Any]]) -> None:
        """As :meth:`Store.save_links`, writing only the links that changed: a match run
        over 1.5 million enrolments gives mostly the links stored already, and every row
        written to ``link`` costs a foreign-key check that locks its enrolment.

        The new links are COPYed into a temporary table; links of enrolments no longer
        matched are deleted, changed ones updated in place with the officers' decisions kept
        by the same rules, new ones inserted. An empty ``link`` (the first run) is COPYed
        into directly.
        """
        cols = ", ".join(LINK_COLUMNS)
        with self.transaction():
            if not self.query("SELECT EXISTS (SELECT 1 FROM link)")[0][0]:
                self.put_links(rows)
                return
            self.conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS sibaso_link_stage (enrolment_id BIGINT, "
                "status TEXT, nik_matched TEXT, confidence REAL, reason TEXT, candidates TEXT) "
                "ON COMMIT DROP"
            )
            self.conn.execute("TRUNCATE sibaso_link_stage")
            self._copy("sibaso_link_stage", LINK_COLUMNS, rows, _LINK_TYPES)
            self.conn.execute(
                "DELETE FROM link l WHERE NOT EXISTS (SELECT 1 FROM sibaso_link_stage s "
                "WHERE s.enrolment_id = l.enrolment_id)"
            )
            # a decision stays with the same proposed person; an officer's confirmation of
            # another person than the run proposes stays too (Store.save_links' rules)
            same = "COALESCE(l.decision IS NOT NULL AND l.nik_matched = s.nik_matched, FALSE)"
            other = f"(NOT {same} AND COALESCE(l.decision = 'confirmed', FALSE))"
            nik = f"CASE WHEN {other} THEN l.nik_matched ELSE s.nik_matched END"
            decision = f"CASE WHEN {same} THEN l.decision WHEN {other} THEN 'confirmed' END"
            by = f"CASE WHEN {same} OR {other} THEN l.decided_by END"
            at = f"CASE WHEN {same} OR {other} THEN l.decided_at END"
            self.conn.execute(
                f"UPDATE link l SET status = s.status, nik_matched = {nik}, "
                "confidence = s.confidence, reason = s.reason, candidates = s.candidates, "
                f"decision = {decision}, decided_by = {by}, decided_at = {at} "
                "FROM sibaso_link_stage s WHERE l.enrolment_id = s.enrolment_id "
                "AND (l.status, l.nik_matched, l.confidence, l.reason, l.candidates, "
                "l.decision, l.decided_by, l.decided_at) IS DISTINCT FROM (s.status, "
                f"{nik}, s.confidence, s.reason, s.candidates, {decision}, {by}, {at})"
            )
            self.conn.execute(
                f"INSERT INTO link ({cols}) SELECT {cols} FROM sibaso_link_stage s "
                "WHERE NOT EXISTS (SELECT 1 FROM link l WHERE l.enrolment_id = s.enrolment_id)"
            )

    def put_household_members(self, rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with COPY."""
        self._copy("household_member", HOUSEHOLD_MEMBER_COLUMNS, rows)


#: The PostgreSQL types of ``LINK_COLUMNS`` (a binary COPY names them).
_LINK_TYPES = ("int8", "text", "text", "float4", "text", "text")

#: The columns whose statistics plan sibaso's queries (filters, joins, groups); the names and
#: free text of a table are left out: sorting them under the collation was most of ANALYZE's
#: time (0.9 s of enrolment's at 150,000 rows, 0.2 s for these columns). Tables not listed are
#: analysed whole.
_PLANNED: dict[str, tuple[str, ...]] = {
    "enrolment": (
        "id",
        "source_id",
        "programme",
        "basis",
        "period",
        "nik",
        "kk",
        "household_id",
        "active",
        "kecamatan_code",
        "desa_code",
    ),
    "person": ("nik", "kk", "source_id", "alive", "kecamatan_code", "desa_code", "authority"),
    "household_member": ("household_id", "nik", "kk", "source_id"),
    "link": ("enrolment_id", "status", "decision", "nik_matched"),
}


def reshaped(tuples: float, pages_then: int, pages_now: int) -> bool:
    """Whether a table needs new statistics, from what its last ANALYZE saw (``tuples``
    rows on ``pages_then`` pages; −1 rows: never analysed) and its pages now: it has none,
    it was empty and is not, or it grew by more than a tenth of its rows (and 50).

    >>> reshaped(-1, 0, 0), reshaped(0, 0, 1), reshaped(0, 0, 0)
    (True, True, False)
    >>> reshaped(1_000_000, 20_000, 20_001), reshaped(1_000_000, 20_000, 23_000)
    (False, True)
    """
    if tuples < 0 or (pages_then == 0 and pages_now > 0):
        return True
    grown = max(pages_now - pages_then, 0) * tuples / max(pages_then, 1)
    return grown > 50 + 0.1 * tuples


def _numbered(text: str) -> str:
    """Portable ``?`` placeholders as PostgreSQL's numbered ones (no ``?`` in literals).

    >>> _numbered("SELECT a FROM t WHERE b = ? AND c = ?")
    'SELECT a FROM t WHERE b = $1 AND c = $2'
    """
    parts = text.split("?")
    return parts[0] + "".join(f"${i}{part}" for i, part in enumerate(parts[1:], start=1))


def _safe_dsn(dsn: str) -> str:
    """The DSN without its password, for messages."""
    if "@" in dsn and "://" in dsn:
        scheme, rest = dsn.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return dsn
