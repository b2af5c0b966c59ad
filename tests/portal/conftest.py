"""A small demo registry with the demo roster (built once, copied per test), the portal
over it, and a client that fills in the CSRF token as a browser's form would."""

import re
import shutil

import pytest
from sibaso_portal import Settings, create_app
from sibaso_portal.demo import prepare
from starlette.testclient import TestClient

from sibaso.demo import run_demo

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
SECRET = "test-secret-" + "x" * 32


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """(database path, DemoAccess) of a 400-person demo registry with three officers."""
    result = run_demo(
        tmp_path_factory.mktemp("portaldemo"), persons=400, seed=11, say=lambda s: None
    )
    access = prepare(result.database)
    assert set(access.niks) == {"stabat", "bahorok", "none"}
    return result.database, access


@pytest.fixture
def niks(demo):
    return demo[1].niks


@pytest.fixture
def tokens(demo):
    return demo[1].tokens


@pytest.fixture
def database(demo, tmp_path):
    """A copy of the demo registry for one test."""
    target = tmp_path / "portal.sqlite"
    shutil.copyfile(demo[0], target)
    return target


class Client:
    """A TestClient that posts forms with the session's CSRF token (``csrf=None`` leaves it
    out; a string sends that instead)."""

    def __init__(self, client: TestClient) -> None:
        self.http = client

    def get(self, path, **kwargs):
        return self.http.get(path, **kwargs)

    def token(self) -> str:
        return CSRF.search(self.http.get("/cek").text).group(1)

    def post(self, path, data=None, *, csrf=..., **kwargs):
        form = dict(data or {})
        if csrf is ...:
            form["csrf"] = self.token()
        elif csrf is not None:
            form["csrf"] = csrf
        kwargs.setdefault("follow_redirects", False)
        return self.http.post(path, data=form, **kwargs)

    def login(self, token):
        response = self.post("/petugas/masuk", {"token": token})
        assert response.status_code == 303, response.text
        return response


@pytest.fixture
def settings():
    return Settings(secret_key=SECRET, rate_limit=0)


@pytest.fixture
def make_client(database):
    """``make_client(settings)`` → a :class:`Client` of a fresh portal on the test's copy."""
    opened = []

    def make(settings=None, **client_options):
        app = create_app(database, settings=settings or Settings(secret_key=SECRET, rate_limit=0))
        test_client = TestClient(app, **client_options)
        test_client.__enter__()
        opened.append(test_client)
        return Client(test_client)

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)


@pytest.fixture
def client(make_client, settings):
    return make_client(settings)


@pytest.fixture
def officer(make_client, settings, tokens):
    """A client logged in as the TKSK of Stabat."""
    logged = make_client(settings)
    logged.login(tokens["tksk-stabat"])
    return logged


def _complaint(nik, **fields):
    """A valid complaint form (override any field)."""
    data = {
        "category": "bantuan-tidak-diterima",
        "programme": "PKH",
        "text": "Bantuan PKH tahap 2 belum masuk ke rekening.",
        "reporter_nik": nik,
        "reporter_name": "Siti Aminah",
        "phone": "0812 3456 7890",
    }
    data.update(fields)
    return data


TICKET = re.compile(r'<p class="ticket" id="tiket">([A-Z0-9]{4}-[A-Z0-9]{4})</p>')


def _file_complaint(client, nik, **fields):
    """File through the portal; returns the ticket shown on the confirmation page."""
    response = client.post("/aduan", _complaint(nik, **fields))
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/aduan/terkirim"
    page = client.get("/aduan/terkirim")
    return TICKET.search(page.text).group(1)


@pytest.fixture
def complaint():
    """``complaint(nik, **fields)`` → a valid complaint form."""
    return _complaint


@pytest.fixture
def file_complaint():
    """``file_complaint(client, nik, **fields)`` → the ticket the portal shows."""
    return _file_complaint
