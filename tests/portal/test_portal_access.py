"""Access hardening of the portal (issue 16): the client address behind proxies, sessions
that end server-side, relative redirects."""

import uvicorn
from sibaso_portal import Settings
from sibaso_portal import __main__ as portal_main

SECRET = "test-secret-" + "x" * 32


def test_rotating_the_leftmost_forwarded_entry_does_not_escape_the_limit(make_client, niks):
    settings = Settings(secret_key=SECRET, rate_limit=1, rate_burst=2, trust_forwarded_for=True)
    client = make_client(settings)
    codes = [
        client.post(
            "/cek",
            {"nik": niks["stabat"]},
            headers={"x-forwarded-for": f"10.9.0.{i}, 203.0.113.7"},
        ).status_code
        for i in range(10)
    ]
    assert codes == [200, 200] + [429] * 8


def test_trusted_proxies_of_the_portal(make_client, niks, monkeypatch, database):
    settings = Settings(
        secret_key=SECRET, rate_limit=1, rate_burst=1, trust_forwarded_for=True, trusted_proxies=2
    )
    client = make_client(settings)

    def ask(chain):
        return client.post("/cek", {"nik": niks["stabat"]}, headers={"x-forwarded-for": chain})

    assert ask("1.1.1.1, 203.0.113.7, 198.51.100.1").status_code == 200
    assert ask("2.2.2.2, 203.0.113.7, 198.51.100.1").status_code == 429
    assert Settings.from_env({"SIBASO_PORTAL_TRUSTED_PROXIES": "3"}).trusted_proxies == 3
    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    portal_main.main(["--db", str(database), "--forwarded-for", "--trusted-proxies", "2"])
    assert served["app"].state.portal.settings.trusted_proxies == 2
    assert served["proxy_headers"] is False


def test_trailing_slash_redirects_are_relative(client):
    answer = client.get("/cek/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert answer.status_code in (307, 308)
    assert answer.headers["location"] == "/cek"
