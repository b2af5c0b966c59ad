"""CSRF on every form, per-client rate limits, NIKs never in URLs, the session cookie."""

import base64
import json
import re
from pathlib import Path

import attrs
import pytest
from sibaso_portal import Settings
from sibaso_portal.app import ROUTES, SESSION_COOKIE

import sibaso
from sibaso.complaints import Actor

SECRET = "test-secret-" + "x" * 32
POST_PATHS = sorted({route.path for route in ROUTES if "POST" in (route.methods or ())})
TEMPLATES = Path(__import__("sibaso_portal").__file__).parent / "templates"
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def status_of(database, ticket):
    with sibaso.open(database) as registry:
        return registry.complaints.get(Actor.system(), ticket).status


# -- CSRF -----------------------------------------------------------------------------------


def test_every_form_route_is_checked():
    assert POST_PATHS == [
        "/aduan",
        "/cek",
        "/petugas/aduan/{ticket}",
        "/petugas/cek",
        "/petugas/keluar",
        "/petugas/masuk",
        "/status",
    ]


@pytest.mark.parametrize("path", POST_PATHS)
@pytest.mark.parametrize("csrf", [None, "", "palsu-" + "x" * 40])
def test_a_post_without_the_sessions_token_is_refused(
    officer, database, niks, tokens, file_complaint, complaint, path, csrf
):
    ticket = file_complaint(officer, niks["stabat"])
    data = {
        "/aduan": complaint(niks["stabat"]),
        "/cek": {"nik": niks["stabat"]},
        "/status": {"ticket": ticket, "nik": niks["stabat"]},
        "/petugas/masuk": {"token": tokens["tksk-stabat"]},
        "/petugas/keluar": {},
        "/petugas/cek": {"nik": niks["stabat"]},
        "/petugas/aduan/{ticket}": {"status": "diverifikasi", "version": "1"},
    }[path]
    with sibaso.open(database) as registry:
        before = len(registry.complaints.list(Actor.system()))
    response = officer.post(path.replace("{ticket}", ticket), data, csrf=csrf)
    assert response.status_code == 403
    assert "Formulir tidak sah" in response.text
    assert "kedaluwarsa atau tidak dikirim dari portal ini" in response.text
    assert '<html lang="id">' in response.text
    assert niks["stabat"] not in response.text
    assert status_of(database, ticket) == "diterima"
    with sibaso.open(database) as registry:
        assert len(registry.complaints.list(Actor.system())) == before
    assert officer.get("/petugas", follow_redirects=False).status_code == 200  # still in


def test_another_sessions_token_is_refused(make_client, niks):
    first, second = make_client(), make_client()
    assert first.token() != second.token()
    response = second.post("/cek", {"nik": niks["stabat"]}, csrf=first.token())
    assert response.status_code == 403


def test_logging_in_gives_a_fresh_token(make_client, tokens):
    client = make_client()
    before = client.token()
    client.login(tokens["tksk-stabat"])
    assert client.token() != before
    assert client.post("/petugas/keluar", csrf=before).status_code == 403


# -- rate limits ----------------------------------------------------------------------------


def test_cek_is_limited_per_client_with_a_clear_message(make_client, niks):
    client = make_client(Settings(secret_key=SECRET, rate_limit=1, rate_burst=2))
    for _ in range(2):
        assert client.post("/cek", {"nik": niks["stabat"]}).status_code == 200
    refused = client.post("/cek", {"nik": niks["none"]})
    assert refused.status_code == 429
    wait = int(refused.headers["retry-after"])
    assert 1 <= wait <= 60
    assert "Terlalu banyak permintaan" in refused.text
    assert "silakan coba lagi dalam" in refused.text
    assert re.search(r"coba lagi dalam (\d+ detik|1 menit)", refused.text)
    assert refused.headers["x-frame-options"] == "DENY"
    assert mask_free(refused.text, niks["none"])
    # the status check and the complaint form have buckets of their own
    assert client.post("/status", {"ticket": "AAAA-BBBB", "nik": niks["none"]}).status_code == 404


def mask_free(text, nik):
    from sibaso.nik import mask

    return nik not in text and mask(nik) not in text


def test_invalid_niks_count_against_the_limit(make_client, niks):
    client = make_client(Settings(secret_key=SECRET, rate_limit=1, rate_burst=3))
    for serial in range(3):
        assert client.post("/cek", {"nik": f"120501320785000{serial}"}).status_code == 422
    assert client.post("/cek", {"nik": niks["stabat"]}).status_code == 429


def test_status_checks_are_limited_too(make_client, niks):
    client = make_client(Settings(secret_key=SECRET, rate_limit=1, rate_burst=2))
    for _ in range(2):
        assert (
            client.post("/status", {"ticket": "AAAA-BBBB", "nik": niks["stabat"]}).status_code
            == 404
        )
    assert client.post("/status", {"ticket": "AAAA-BBBB", "nik": niks["stabat"]}).status_code == 429
    assert client.post("/cek", {"nik": niks["stabat"]}).status_code == 200


def test_filing_and_logging_in_are_limited(make_client, niks, complaint):
    client = make_client(Settings(secret_key=SECRET, rate_limit=1, rate_burst=1))
    assert client.post("/aduan", complaint(niks["stabat"])).status_code == 303
    assert client.post("/aduan", complaint(niks["stabat"])).status_code == 429
    assert client.post("/petugas/masuk", {"token": "sbs_salah"}).status_code == 401
    assert client.post("/petugas/masuk", {"token": "sbs_salah"}).status_code == 429


def test_forwarded_for_is_used_only_when_trusted(make_client, niks):
    limited = Settings(secret_key=SECRET, rate_limit=1, rate_burst=1)
    trusting = make_client(attrs.evolve(limited, trust_forwarded_for=True))
    first, second = ({"x-forwarded-for": "203.0.113.1"}, {"x-forwarded-for": "203.0.113.2"})
    assert trusting.post("/cek", {"nik": niks["stabat"]}, headers=first).status_code == 200
    assert trusting.post("/cek", {"nik": niks["stabat"]}, headers=first).status_code == 429
    assert trusting.post("/cek", {"nik": niks["stabat"]}, headers=second).status_code == 200
    plain = make_client(limited)
    assert plain.post("/cek", {"nik": niks["stabat"]}, headers=first).status_code == 200
    assert plain.post("/cek", {"nik": niks["stabat"]}, headers=second).status_code == 429


def test_no_limit_when_turned_off(client, niks):
    for _ in range(25):
        assert client.post("/cek", {"nik": niks["stabat"]}).status_code == 200


# -- NIKs never in URLs ---------------------------------------------------------------------


def test_forms_with_a_nik_post_it(client):
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for form in re.findall(r"<form\b[^>]*>.*?</form>", text, flags=re.S):
            if re.search(r'name="(nik|reporter_nik|subject_nik|token)"', form) or re.search(
                r'f\.input\("(reporter_nik|subject_nik)"', form
            ):
                assert 'method="post"' in form.split(">", 1)[0], template.name


def test_no_url_ever_holds_a_nik(make_client, niks, tokens, complaint):
    client = make_client()
    seen = []
    client.http.event_hooks = {"request": [lambda request: seen.append(str(request.url))]}
    nik = niks["stabat"]
    client.post("/cek", {"nik": nik})
    client.post("/cek", {"nik": "1205013207850001"})
    filed = client.post("/aduan", complaint(nik), follow_redirects=True)
    ticket = re.search(r'id="tiket">([A-Z0-9-]+)<', filed.text).group(1)
    client.post("/status", {"ticket": ticket, "nik": nik})
    client.post("/petugas/masuk", {"token": tokens["tksk-stabat"]}, follow_redirects=True)
    client.post("/petugas/cek", {"nik": nik})
    client.post(f"/petugas/aduan/{ticket}", {"status": "diverifikasi"}, follow_redirects=True)
    client.post("/petugas/keluar", follow_redirects=True)
    assert len(seen) > 10
    for url in seen:
        assert not SIXTEEN_DIGITS.search(url), url
        assert tokens["tksk-stabat"] not in url


# -- the session cookie ---------------------------------------------------------------------


def cookie_payload(client):
    value = client.http.cookies[SESSION_COOKIE]
    return json.loads(base64.b64decode(value.split(".", 1)[0]))


def test_the_cookie_is_signed_httponly_and_strict(make_client, tokens, niks, complaint):
    client = make_client()
    set_cookie = client.get("/cek").headers["set-cookie"]
    assert set_cookie.startswith(f"{SESSION_COOKIE}=")
    assert "httponly" in set_cookie.lower()
    assert "samesite=strict" in set_cookie.lower()
    assert "secure" not in set_cookie.lower()
    client.post("/aduan", complaint(niks["stabat"]))
    client.login(tokens["tksk-stabat"])
    payload = cookie_payload(client)
    assert set(payload) <= {"csrf", "sid", "welcome", "flash", "filed"}
    assert len(payload["sid"]) >= 40  # an opaque id: who is logged in is the server's
    assert "tksk-stabat" not in json.dumps(payload)
    assert tokens["tksk-stabat"] not in json.dumps(payload)
    assert not SIXTEEN_DIGITS.search(json.dumps(payload))


def test_secure_cookies_setting(make_client):
    client = make_client(
        Settings(secret_key=SECRET, secure_cookies=True), base_url="https://portal"
    )
    assert "; secure" in client.get("/cek").headers["set-cookie"].lower()


def test_a_forged_cookie_is_a_new_session(make_client, tokens):
    client = make_client()
    client.login(tokens["tksk-stabat"])
    payload = base64.b64encode(json.dumps({"officer": "dinsos-langkat"}).encode()).decode()
    signature = client.http.cookies[SESSION_COOKIE].split(".", 1)[1]
    client.http.cookies.set(SESSION_COOKIE, f"{payload}.{signature}")
    response = client.get("/petugas", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/petugas/masuk"


def test_a_form_too_large_is_refused(make_client, niks, complaint):
    client = make_client(Settings(secret_key=SECRET, rate_limit=0, max_body_bytes=2048))
    response = client.post("/aduan", complaint(niks["stabat"], text="x" * 5000))
    assert response.status_code == 413
    assert "Isian formulir terlalu panjang." in response.text
