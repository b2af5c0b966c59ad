"""PostgreSQL's hot read (``query_prepared``, the public lookup's one round trip straight
through libpq) answers and fails as the cursor path does."""

import psycopg
import pytest
from tests.conftest import _postgres_target

from sibaso.store import open_store
from sibaso.store.base import PERSON_COLUMNS


@pytest.fixture
def pg_store():
    conn, schema, target = _postgres_target()
    store = open_store(target)
    try:
        yield store
    finally:
        store.close()
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()


def test_same_rows_as_a_query(pg_store):
    row = dict.fromkeys(PERSON_COLUMNS)
    row.update(nik="1205014107850001", province="12", name="SITI", kk="1205012003150004", alive=1)
    pg_store.put_persons([tuple(row[c] for c in PERSON_COLUMNS)])
    text = "SELECT nik, name, alive, row_number, ? FROM person WHERE nik = ? OR kk = ?"
    params = ("x", "1205014107850001", "1205012003150004")
    for _ in range(8):  # past the server's custom plans, to its generic one
        assert pg_store.query_prepared(text, params) == pg_store.query(text, params)
    assert pg_store.query_prepared(text, params) == [("1205014107850001", "SITI", 1, None, "x")]
    assert pg_store.query_prepared(text, ("x", "0", "0")) == []
    # other parameters than text take the cursor path
    assert pg_store.query_prepared("SELECT ? + 1", (41,)) == [(42,)]


def test_errors_are_psycopgs(pg_store):
    with pytest.raises(psycopg.errors.UndefinedTable):
        pg_store.query_prepared("SELECT * FROM no_such_table WHERE a = ?", ("1",))
    with pytest.raises(psycopg.errors.InvalidTextRepresentation):
        pg_store.query_prepared("SELECT 1 WHERE 1 = ?::int", ("x",))
    assert pg_store.query_prepared("SELECT ?::int", ("7",)) == [(7,)]


def test_a_lost_server_is_an_operational_error(pg_store):
    pg_store.query_prepared("SELECT ? || 'b'", ("a",))
    pid = pg_store.conn.info.backend_pid
    other = psycopg.connect(pg_store._dsn, autocommit=True)
    other.execute("SELECT pg_terminate_backend(%s)", (pid,))
    other.close()
    with pytest.raises(psycopg.OperationalError):
        pg_store.query_prepared("SELECT ? || 'b'", ("a",))
    with pytest.raises(psycopg.OperationalError):
        pg_store.query_prepared("SELECT ? || 'b'", ("a",))
