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

    _hot: Any = None  # the cursor of query_prepared, made once (a new one costs ~20 µs)

    def query_prepared(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a hot read as a prepared statement: parsed and planned once per connection,
        through one cursor kept for it (its rows are read whole before it is used again)."""
        cur = self._hot
        if cur is None or cur.connection is not self.conn:
            cur = self._hot = self.conn.cursor()
        cur.execute(self.sql(text), tuple(params), prepare=True)
        rows: list[tuple[Any, ...]] = cur.fetchall()
        return rows

    def analyze(self, *tables: str) -> None:
        """ANALYZE what a write reshaped, inside its transaction: the statistics become
        visible with the data, so the first query after it is planned on current figures
        (a fresh list without them was scanned whole on every lookup)."""
        for table in dict.fromkeys(tables):
            self.conn.execute(f"ANALYZE {table}")

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

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        cur = self.conn.cursor()
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def put_persons(self, rows: Iterable[Sequence[Any]]) -> None:
        """Upsert people: COPY into a staging table, then one ``INSERT … ON CONFLICT``.

        As with row-by-row upserts, the last row of a NIK wins. The staging table is
        temporary and dropped when the ingest's transaction ends.
        """
        cols = ", ".join(PERSON_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in PERSON_COLUMNS[1:])
        with self.transaction():
            self.conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS sibaso_person_stage (LIKE person) ON COMMIT DROP"
            )
            self.conn.execute("TRUNCATE sibaso_person_stage")
            self._copy("sibaso_person_stage", PERSON_COLUMNS, rows)
            self.conn.execute(
                f"INSERT INTO person ({cols}) SELECT DISTINCT ON (nik) {cols} "
                "FROM sibaso_person_stage ORDER BY nik, ctid DESC "
                f"ON CONFLICT (nik) DO UPDATE SET {updates} WHERE {PERSON_AUTHORITY_RULE}"
            )

    def put_enrolments(self, rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with COPY."""
        self._copy("enrolment", ENROLMENT_COLUMNS, rows)

    def put_links(self, rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with COPY (a match run writes one link per active enrolment)."""
        self._copy("link", LINK_COLUMNS, rows)

    def put_household_members(self, rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with COPY."""
        self._copy("household_member", HOUSEHOLD_MEMBER_COLUMNS, rows)


def _safe_dsn(dsn: str) -> str:
    """The DSN without its password, for messages."""
    if "@" in dsn and "://" in dsn:
        scheme, rest = dsn.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return dsn
