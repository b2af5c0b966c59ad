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


# -- sessions end server-side; the cookie is opaque ------------------------------------------


def cookie_text(client):
    import base64

    from sibaso_portal.app import SESSION_COOKIE

    value = client.http.cookies[SESSION_COOKIE]
    payload = value.split(".", 1)[0]
    return base64.b64decode(payload + "=" * (-len(payload) % 4)).decode("utf-8", "replace")


def test_a_cookie_copied_before_logout_does_not_work_after_it(make_client, tokens):
    from sibaso_portal.app import SESSION_COOKIE

    officer = make_client()
    officer.login(tokens["tksk-stabat"])
    copied = officer.http.cookies[SESSION_COOKIE]
    assert officer.get("/petugas", follow_redirects=False).status_code == 200
    assert officer.post("/petugas/keluar").status_code == 303
    thief = make_client()
    thief.http.cookies.set(SESSION_COOKIE, copied)
    answer = thief.get("/petugas", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/petugas/masuk"


def test_the_cookie_does_not_name_the_officer_or_the_token(make_client, tokens, database):
    import sibaso
    from sibaso.http import list_tokens

    officer = make_client()
    officer.login(tokens["tksk-stabat"])
    officer.get("/petugas")  # the welcome message is shown and gone
    text = cookie_text(officer)
    with sibaso.open(database) as registry:
        name = registry.complaints.actor("tksk-stabat").name
        token_ids = [row["id"] for row in list_tokens(registry)]
    assert "tksk-stabat" not in text
    assert name not in text and name.split()[0] not in text
    assert "token" not in text and "officer" not in text
    assert all(f":{i}," not in text and f":{i}}}" not in text for i in token_ids)
    # yet the page knows who is logged in, from the server-side record
    assert name in officer.get("/petugas").text


def test_sessions_expire_server_side_and_old_ones_are_purged(
    make_client, tokens, database, monkeypatch
):
    import datetime
    import time

    import sibaso

    officer = make_client(Settings(secret_key=SECRET, rate_limit=0, officer_session_minutes=1))
    officer.login(tokens["tksk-stabat"])
    with sibaso.open(database) as registry:
        assert registry.store.sessions.count() == 1
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start + 120)
    assert officer.get("/petugas", follow_redirects=False).status_code == 303
    monkeypatch.undo()

    from sibaso.http import purge_sessions

    with sibaso.open(database) as registry:
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
        assert purge_sessions(registry, now=later) == 1
        assert registry.store.sessions.count() == 0


def test_revoking_the_token_ends_the_session(make_client, tokens, database):
    import sibaso
    from sibaso.http import list_tokens, revoke_token

    officer = make_client()
    officer.login(tokens["tksk-stabat"])
    with sibaso.open(database) as registry:
        for row in list_tokens(registry):
            if row["officer_id"] == "tksk-stabat":
                revoke_token(registry, row["id"])
    assert officer.get("/petugas", follow_redirects=False).status_code == 303
    assert "dicabut" in officer.get("/petugas/masuk").text


def test_officer_pages_are_limited_per_token(make_client, tokens, niks):
    settings = Settings(
        secret_key=SECRET, rate_limit=0, officer_rate_limit=60, officer_rate_burst=3
    )
    officer = make_client(settings)
    officer.login(tokens["tksk-stabat"])
    codes = [officer.get("/petugas", follow_redirects=False).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = officer.post("/petugas/cek", {"nik": niks["stabat"]})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    other = make_client(settings)  # another officer's token has its own bucket
    other.login(tokens["pkh-bahorok"])
    assert other.get("/petugas", follow_redirects=False).status_code == 200
    assert Settings.from_env({"SIBASO_PORTAL_OFFICER_RATE_LIMIT": "0"}).officer_rate_limit == 0
    assert (Settings().officer_rate_limit, Settings().officer_rate_burst) == (120, 30)
