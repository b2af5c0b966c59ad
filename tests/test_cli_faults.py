"""Faults of the database give one clear line and a non-zero exit, never a traceback and never
a silent wrong state (issue 16): a mistyped --db, a read-only file, a full disk, a PostgreSQL
server that does not answer."""

import sqlite3

import pytest
from click.testing import CliRunner
from complaint_helpers import SITI, populate

import sibaso
from sibaso.cli import cli
from sibaso.store.sqlite import SQLiteStore

PKH = f"nik,nama,kecamatan\n{SITI},SITI AMINAH,Stabat\n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _one_clear_line(result, *words):
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "sqlite3." not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def registry_file(tmp_path):
    path = tmp_path / "registry.sqlite"
    with sibaso.open(str(path)) as registry:
        populate(registry)
    return path


# -- a database that does not exist ------------------------------------------------------


MISSING_COMMANDS = [
    ("complaint", "list", "--as", "op-all"),
    ("complaint", "status", "K7QM-3XH9", "--nik", SITI),
    ("lookup", SITI),
    ("match",),
    ("recap",),
    ("report",),
    ("roster", "list"),
    ("token", "list"),
    ("serve",),
]


@pytest.mark.parametrize("command", MISSING_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_mistyped_db_is_refused_not_created(tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "salah-folder" / "registri.sqlite"
    result = run(*command, "--db", target)
    line = _one_clear_line(result, str(target), "tidak ada", "sibaso init")
    assert line.startswith("sibaso: ")
    assert not target.exists() and not target.parent.exists()


def test_the_refusal_in_english(tmp_path):
    target = tmp_path / "nope.sqlite"
    result = run("complaint", "list", "--as", "op-all", "--db", target, "--lang", "en")
    _one_clear_line(result, "does not exist")


def test_init_ingest_and_demo_create(tmp_path):
    fresh = tmp_path / "baru" / "registri.sqlite"
    made = run("init", "--db", fresh)
    assert made.exit_code == 0 and "dibuat" in made.output
    again = run("init", "--db", fresh)
    assert again.exit_code == 0 and "sudah ada" in again.output
    assert run("roster", "list", "--db", fresh).exit_code == 0
    pkh = tmp_path / "pkh.csv"
    pkh.write_text(PKH, encoding="utf-8")
    other = tmp_path / "lain" / "ingest.sqlite"
    assert run("ingest", pkh, "--programme", "PKH", "--db", other).exit_code == 0
    assert other.exists()


@pytest.fixture
def pg_dsn_empty(request):
    """An empty schema in the test database (CI must have PostgreSQL, see conftest)."""
    import os
    import uuid

    dsn = os.environ.get("SIBASO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        conn = psycopg.connect(dsn, autocommit=True, connect_timeout=5)
    except Exception as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{dsn}?options=-csearch_path%3D{schema}"
    conn.execute(f"DROP SCHEMA {schema} CASCADE")
    conn.close()


def test_an_empty_postgresql_schema_is_refused_and_init_fills_it(pg_dsn_empty):
    result = run("recap", "--db", pg_dsn_empty)
    _one_clear_line(result, "belum berisi registri sibaso")
    assert run("init", "--db", pg_dsn_empty).exit_code == 0
    assert run("recap", "--db", pg_dsn_empty).exit_code == 0


# -- read-only, disk full --------------------------------------------------------------


def test_read_only_database_is_one_line(registry_file, read_only, tmp_path):
    result = run("lookup", SITI, "--db", registry_file)  # a lookup is audited: a write
    _one_clear_line(result, "hanya-baca", str(registry_file))
    pkh = tmp_path / "pkh.csv"
    pkh.write_text(PKH, encoding="utf-8")
    english = run("ingest", pkh, "--programme", "PKH", "--db", registry_file, "--lang", "en")
    _one_clear_line(english, "read-only")
    assert run("recap", "--db", registry_file).exit_code == 0  # reading alone still works


@pytest.fixture
def disk_full(monkeypatch):
    """Every SQLite registry opened from now on may not grow (SQLite's max_page_count)."""
    original = SQLiteStore.open.__func__

    def open_capped(cls, target):
        store = original(cls, target)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return store

    monkeypatch.setattr(SQLiteStore, "open", classmethod(open_capped))


def test_disk_full_during_ingest_is_one_line_and_nothing_half_written(
    registry_file, tmp_path, disk_full
):
    big = tmp_path / "pkh_besar.csv"
    rows = [f"12050741078{n:05d},PENERIMA NOMOR {n},Stabat" for n in range(1, 3000)]
    big.write_text("nik,nama,kecamatan\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run("ingest", big, "--programme", "PKH", "--period", "2024", "--db", registry_file)
    _one_clear_line(result, "Disk penuh")
    with sqlite3.connect(registry_file) as db:
        assert db.execute("SELECT COUNT(*) FROM enrolment").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM source").fetchone()[0] == 0


# -- PostgreSQL that does not answer ------------------------------------------------------


@pytest.mark.parametrize(
    "command", [("lookup", SITI), ("serve",), ("complaint", "list", "--as", "op-all")]
)
def test_unreachable_postgresql_is_one_line(command):
    dsn = "postgresql://postgres:rahasia@127.0.0.1:5999/test"
    result = run(*command, "--db", dsn)
    line = _one_clear_line(result, "tidak dapat dihubungi", "127.0.0.1:5999")
    assert "rahasia" not in line
