"""The application around the pages: settings, the command line, the demo helper, the
registry pool and the page for unexpected errors."""

import threading

import pytest
import uvicorn
from sibaso_portal import Settings, create_app
from sibaso_portal import __main__ as portal_main
from sibaso_portal import demo as portal_demo
from starlette.testclient import TestClient

import sibaso
from sibaso.registry.pool import RegistryPool


def test_settings_from_the_environment():
    settings = Settings.from_env(
        {
            "SIBASO_PORTAL_SECRET_KEY": "k" * 40,
            "SIBASO_PORTAL_RATE_LIMIT": "0",
            "SIBASO_PORTAL_RATE_BURST": "2",
            "SIBASO_PORTAL_TRUST_FORWARDED_FOR": "1",
            "SIBASO_PORTAL_SECURE_COOKIES": "yes",
            "SIBASO_PORTAL_OFFICER_SESSION_MINUTES": "60",
            "SIBASO_PORTAL_POOL_SIZE": "2",
        }
    )
    assert settings == Settings(
        secret_key="k" * 40,
        rate_limit=0,
        rate_burst=2,
        trust_forwarded_for=True,
        secure_cookies=True,
        officer_session_minutes=60,
        pool_size=2,
    )
    assert Settings.from_env({}) == Settings()
    with pytest.raises(ValueError):
        Settings(rate_limit=-1)


def test_the_command_line_serves_with_uvicorn(database, monkeypatch):
    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    monkeypatch.setenv("SIBASO_PORTAL_RATE_BURST", "7")
    portal_main.main(
        ["--db", str(database), "--port", "9999", "--rate-limit", "3", "--forwarded-for"]
    )
    assert (served["host"], served["port"]) == ("127.0.0.1", 9999)
    settings = served["app"].state.portal.settings
    assert (settings.rate_limit, settings.rate_burst) == (3, 7)
    assert settings.trust_forwarded_for and not settings.secure_cookies


def test_the_demo_helper_prints_tokens_and_niks(demo, tmp_path, capsys):
    import shutil

    folder = tmp_path / "sibaso-demo"
    shutil.copytree(demo[0].parent, folder)
    portal_demo.main(["--db", str(folder / demo[0].name)])
    out = capsys.readouterr().out
    assert "tksk-stabat" in out and "sbs_" in out and "NIK contoh" in out
    # each example NIK with what it is, in Bahasa Indonesia (the keys are for programs)
    examples = out.split("NIK contoh:")[1]
    assert "warga yang tidak menerima program apa pun" in examples or "warga Stabat" in examples
    assert not any(
        line.split()[0] in ("none", "stabat", "bahorok")
        for line in examples.split("\n")
        if line.strip()
    )
    with sibaso.open(folder / demo[0].name) as registry:
        assert registry.complaints.actor("pkh-bahorok").kecamatan == ("12.05.01",)


def test_the_pool_lends_one_registry_per_thread(database):
    pool = RegistryPool(database, size=2)
    held, release = [], threading.Event()

    def borrow():
        with pool.registry() as registry:
            held.append(registry)
            release.wait(5)

    threads = [threading.Thread(target=borrow) for _ in range(2)]
    for thread in threads:
        thread.start()
    while len(held) < 2:
        pass
    assert held[0] is not held[1]
    release.set()
    for thread in threads:
        thread.join()
    with pool.registry() as again:
        assert again in held
    pool.close()


def test_an_open_registry_is_used_and_left_open(database):
    with sibaso.open(database) as registry:
        app = create_app(registry, settings=Settings(secret_key="k" * 40, rate_limit=0))
        with TestClient(app) as client:
            assert client.get("/cek").status_code == 200
        assert registry.lookup("1205014107850001").enrolments is not None  # still open


def test_an_unexpected_error_gets_a_plain_indonesian_page(database, monkeypatch):
    app = create_app(database, settings=Settings(secret_key="k" * 40, rate_limit=0))

    def broken(*args, **kwargs):
        raise RuntimeError("boom 1205014107850001")

    monkeypatch.setattr(app.state.portal.pool, "registry", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        token = client.get("/cek").text.split('name="csrf" value="')[1].split('"')[0]
        response = client.post("/cek", data={"csrf": token, "nik": "1205014107850001"})
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.text
    assert "boom" not in response.text and "1205014107850001" not in response.text
    assert response.headers["x-frame-options"] == "DENY"
