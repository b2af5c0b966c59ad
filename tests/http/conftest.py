"""Fixtures for the HTTP tests: a small Langkat registry (population, roster, one PKH list),
the ASGI app over it with the test client, and tokens of the roster's officers."""

import pytest
from complaint_helpers import ROSTER, SITI, populate

import sibaso
from sibaso.complaints import Actor
from sibaso.http import Settings, create_app, issue_token

PKH_CSV = f"nik,nama,kecamatan\n{SITI},SITI AMINAH,Stabat\n1205014107850001,RINA WATI,Bahorok\n"


@pytest.fixture
def pkh_file(tmp_path):
    path = tmp_path / "pkh_2024.csv"
    path.write_text(PKH_CSV, encoding="utf-8")
    return path


@pytest.fixture
def registry(tmp_path, pkh_file):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    reg = sibaso.open(str(tmp_path / "registry.sqlite"))
    populate(reg)
    reg.complaints.load_roster(Actor.system(), roster)
    reg.ingest(pkh_file, programme="PKH", period="2024")
    try:
        yield reg
    finally:
        reg.close()


@pytest.fixture
def settings():
    return Settings(rate_limit=0)


@pytest.fixture
def app(registry, settings):
    return create_app(registry.store.target, settings=settings)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def token(registry):
    """``token("tksk-stabat")`` → the Authorization header of a fresh token."""

    def make(officer_id):
        return {"Authorization": f"Bearer {issue_token(registry, officer_id).token}"}

    return make
