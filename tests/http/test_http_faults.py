"""The service when its database fails (issue 16): ``/v1/health`` says so with a 503 problem,
and every request that needs the database gets a clear problem JSON — never a 500 traceback
— while nothing written is lost."""

import pytest
from complaint_helpers import SITI, populate
from fastapi.testclient import TestClient

from sibaso.app import create_app, create_app_from_env
from sibaso.http import Settings
from sibaso.store.sqlite import SQLiteStore

PROBLEM = "application/problem+json"
COMPLAINT = {
    "reporter_nik": SITI,
    "reporter_name": "Siti Aminah",
    "phone": "0812-3456-7890",
    "category": "pelayanan",
    "text": "Antrean di kantor terlalu lama.",
}


def _is_problem(answer, status, code):
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["status"] == status and body["code"] == code, body
    assert "Traceback" not in answer.text and "sqlite3" not in answer.text
    return body


def test_health_is_ok_on_a_writable_store(client):
    answer = client.get("/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_read_only_store(registry, read_only):
    target = registry.store.target
    registry.close()
    app = create_app(target, settings=Settings(rate_limit=0))
    with TestClient(app, raise_server_exceptions=False) as client:
        health = _is_problem(client.get("/v1/health"), 503, "store-read-only")
        assert "hanya-baca" in health["detail"]
        english = client.get("/v1/health", headers={"Accept-Language": "en"})
        assert "read-only" in english.json()["detail"]
        # a lookup is recorded in the audit log: it answers, or it is refused clearly
        codes = set()
        for _ in range(40):
            answer = client.post("/v1/lookup", json={"nik": SITI})
            codes.add(answer.status_code)
            if answer.status_code != 200:
                _is_problem(answer, 503, "store-read-only")
        assert 500 not in codes
        _is_problem(client.post("/v1/complaints", json=COMPLAINT), 503, "store-read-only")
        assert client.get("/v1/programmes").status_code == 200  # no database needed


def test_health_of_a_full_disk_after_a_failed_write(registry, monkeypatch):
    original = SQLiteStore.open.__func__

    def open_capped(cls, target):
        store = original(cls, target)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        return store

    monkeypatch.setattr(SQLiteStore, "open", classmethod(open_capped))
    target = registry.store.target
    registry.close()
    app = create_app(target, settings=Settings(rate_limit=0))
    big = {**COMPLAINT, "text": "Antrean lama. " * 140}
    with TestClient(app, raise_server_exceptions=False) as client:
        failed = [client.post("/v1/complaints", json=big) for _ in range(30)]
        assert {a.status_code for a in failed} <= {201, 503}
        assert any(a.status_code == 503 for a in failed)
        _is_problem(next(a for a in failed if a.status_code == 503), 503, "store-full")
        _is_problem(client.get("/v1/health"), 503, "store-full")


def test_unreachable_postgresql(monkeypatch):
    monkeypatch.setenv("SIBASO_DB", "postgresql://postgres:rahasia@127.0.0.1:5999/test")
    with pytest.raises(Exception) as caught:
        create_app_from_env()
    assert "rahasia" not in str(caught.value)
    assert "tidak dapat dihubungi" in caught.value.localized("id")


def test_the_server_never_creates_a_registry(tmp_path, monkeypatch):
    from sibaso.store import StoreUnavailable

    target = tmp_path / "salah" / "registri.sqlite"
    monkeypatch.setenv("SIBASO_DB", str(target))
    with pytest.raises(StoreUnavailable) as caught:
        create_app_from_env()
    assert caught.value.kind == "missing"
    assert not target.parent.exists()


def test_postgresql_going_away_under_the_server_is_a_503(durable_target):
    if not durable_target.startswith("postgresql"):
        pytest.skip("a server that goes away: PostgreSQL only")
    import psycopg

    import sibaso

    with sibaso.open(durable_target) as registry:
        populate(registry)
    app = create_app(durable_target, settings=Settings(rate_limit=0))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/v1/lookup", json={"nik": SITI}).status_code == 200
        pids = [r.store.query("SELECT pg_backend_pid()")[0][0] for r in app.state.pool._all]
        with psycopg.connect(durable_target.split("?")[0], autocommit=True) as admin:
            for pid in pids:  # the server drops the service's connections
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        _is_problem(client.get("/v1/health"), 503, "store-unreachable")
        _is_problem(client.post("/v1/complaints", json=COMPLAINT), 503, "store-unreachable")
        _is_problem(client.post("/v1/lookup", json={"nik": SITI}), 503, "store-unreachable")
