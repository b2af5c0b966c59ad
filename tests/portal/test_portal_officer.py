"""The officer area: log in with a token, the queue of the officer's kecamatan, the status
form with the library's workflow, the officer lookup, scoping and logging out."""

import io
import re
import time

import pytest
from sibaso_portal import Settings

import sibaso
from sibaso.complaints import Actor, parse_roster
from sibaso.http import revoke_token
from sibaso.nik import mask

SECRET = "test-secret-" + "x" * 32


def main_of(response):
    text = response.text
    return text[text.index("<main") : text.index("</main>")]


def status_of(database, ticket):
    with sibaso.open(database) as registry:
        return registry.complaints.get(Actor.system(), ticket).status


# -- log in and out -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/petugas", "/petugas/cek", "/petugas/aduan/AAAA-BBBB"])
def test_officer_pages_need_a_login(client, path):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/petugas/masuk"


def test_officer_posts_need_a_login(client, niks):
    for path, data in (("/petugas/cek", {"nik": niks["stabat"]}), ("/petugas/aduan/AAAA-BBBB", {})):
        response = client.post(path, data)
        assert response.status_code == 303
        assert response.headers["location"] == "/petugas/masuk"


def test_log_in_with_a_token(client, tokens):
    page = client.get("/petugas/masuk")
    assert 'type="password"' in page.text and "sibaso token issue" in page.text
    response = client.login(tokens["tksk-stabat"])
    assert response.headers["location"] == "/petugas"
    queue = client.get("/petugas")
    assert "Selamat datang, Budi Santoso." in queue.text
    assert "Kecamatan Stabat (12.05.07)" in queue.text
    assert 'action="/petugas/keluar"' in queue.text
    assert client.get("/petugas/masuk", follow_redirects=False).headers["location"] == "/petugas"


@pytest.mark.parametrize("token", ["", "salah", "sbs_" + "x" * 43])
def test_an_unknown_token_is_refused(client, token):
    response = client.post("/petugas/masuk", {"token": token})
    assert response.status_code == 401
    assert "Token tidak dikenal, sudah dicabut atau kedaluwarsa." in response.text
    assert client.get("/petugas", follow_redirects=False).status_code == 303


def test_a_revoked_token_is_refused(client, database, tokens):
    with sibaso.open(database) as registry:
        from sibaso.http import list_tokens

        (row,) = [t for t in list_tokens(registry) if t["officer_id"] == "tksk-stabat"]
        revoke_token(registry, row["id"])
    assert client.post("/petugas/masuk", {"token": tokens["tksk-stabat"]}).status_code == 401


def test_log_out(officer):
    response = officer.post("/petugas/keluar")
    assert response.status_code == 303
    assert response.headers["location"] == "/petugas/masuk"
    assert "Anda sudah keluar." in officer.get("/petugas/masuk").text
    assert officer.get("/petugas", follow_redirects=False).headers["location"] == "/petugas/masuk"


def test_revoking_the_token_ends_an_open_session_at_once(officer, database):
    assert officer.get("/petugas", follow_redirects=False).status_code == 200
    with sibaso.open(database) as registry:
        from sibaso.http import list_tokens

        (row,) = [t for t in list_tokens(registry) if t["officer_id"] == "tksk-stabat"]
        revoke_token(registry, row["id"])
    response = officer.get("/petugas", follow_redirects=False)
    assert response.headers["location"] == "/petugas/masuk"
    assert "Token Anda sudah dicabut" in officer.get("/petugas/masuk").text


def test_an_officer_who_left_the_roster_is_logged_out_at_once(officer, database):
    roster = parse_roster(io.StringIO("id,name,role,kecamatan\nlain,Lain,tksk,12.05.01\n"))
    with sibaso.open(database) as registry:
        registry.complaints.load_roster(Actor.system(), roster)
    response = officer.get("/petugas", follow_redirects=False)
    assert response.headers["location"] == "/petugas/masuk"
    assert "tidak lagi terdaftar sebagai petugas aktif" in officer.get("/petugas/masuk").text


def test_the_login_expires(make_client, tokens, niks, file_complaint, monkeypatch):
    client = make_client(Settings(secret_key=SECRET, rate_limit=0, officer_session_minutes=30))
    ticket = file_complaint(client, niks["stabat"])
    client.login(tokens["tksk-stabat"])
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start + 20 * 60)
    # a status change re-signs the cookie (its flash message): the cookie is fresh ...
    assert client.post(f"/petugas/aduan/{ticket}", {"status": "diverifikasi"}).status_code == 303
    assert client.get("/petugas", follow_redirects=False).status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 31 * 60)
    # ... but the login is 31 minutes old
    assert client.get("/petugas", follow_redirects=False).status_code == 303
    assert "Sesi petugas Anda sudah berakhir" in client.get("/petugas/masuk").text
    monkeypatch.setattr(time, "time", lambda: start + 90 * 60)
    client.login(tokens["tksk-stabat"])
    monkeypatch.setattr(time, "time", lambda: start + 121 * 60)
    # an untouched cookie expires with it
    assert client.get("/petugas", follow_redirects=False).status_code == 303


# -- the queue and scoping -------------------------------------------------------------------


def test_the_queue_holds_only_the_officers_kecamatan(client, officer, niks, file_complaint):
    stabat = file_complaint(client, niks["stabat"])
    bahorok = file_complaint(client, niks["bahorok"])
    html = main_of(officer.get("/petugas"))
    assert f'href="/petugas/aduan/{stabat}"' in html
    assert bahorok not in html
    assert "Bantuan tidak/belum diterima — PKH" in html


def test_the_queue_filters_by_status(client, officer, niks, file_complaint):
    ticket = file_complaint(client, niks["stabat"])
    assert ticket in officer.get("/petugas?status=diterima").text
    assert ticket not in officer.get("/petugas?status=selesai").text
    assert "Tidak ada pengaduan berstatus selesai" in officer.get("/petugas?status=selesai").text
    assert ticket in officer.get("/petugas?status=<x>").text  # unknown: no filter


def test_an_operator_sees_every_kecamatan(client, make_client, tokens, niks, file_complaint):
    stabat = file_complaint(client, niks["stabat"])
    bahorok = file_complaint(client, niks["bahorok"])
    operator = make_client()
    operator.login(tokens["dinsos-langkat"])
    html = operator.get("/petugas").text
    assert stabat in html and bahorok in html
    assert "semua wilayah" in html


def test_another_kecamatans_complaint_can_be_neither_seen_nor_changed(
    client, officer, database, niks, file_complaint
):
    ticket = file_complaint(client, niks["bahorok"])
    seen = officer.get(f"/petugas/aduan/{ticket}")
    assert seen.status_code == 403
    assert "Di luar wilayah tugas Anda" in seen.text
    assert f"Pengaduan {ticket} milik kecamatan 12.05.01; tksk-stabat tidak bertugas di sana." in (
        seen.text
    )
    assert "Siti Aminah" not in seen.text
    changed = officer.post(f"/petugas/aduan/{ticket}", {"status": "diverifikasi", "version": "1"})
    assert changed.status_code == 403
    assert status_of(database, ticket) == "diterima"


def test_an_unknown_ticket(officer):
    response = officer.get("/petugas/aduan/AAAA-BBBB")
    assert response.status_code == 404
    assert "Pengaduan tidak ditemukan" in response.text


# -- one complaint and its status ------------------------------------------------------------


def test_the_detail_page_and_a_status_change(client, officer, database, niks, file_complaint):
    nik = niks["stabat"]
    ticket = file_complaint(client, nik, text="Bantuan tahap 2 belum masuk.")
    page = officer.get(f"/petugas/aduan/{ticket}")
    html = main_of(page)
    assert "Bantuan tahap 2 belum masuk." in html
    assert nik in html and "Siti Aminah" in html and "+6281234567890" in html
    options = re.findall(r'<option value="([a-z]+)"', html)
    assert options == ["diverifikasi", "ditolak"]  # the workflow's next steps
    assert '<input type="hidden" name="version" value="1">' in html
    response = officer.post(
        f"/petugas/aduan/{ticket}",
        {"status": "diverifikasi", "note": "Dicek ke bank.", "version": "1"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/petugas/aduan/{ticket}"
    after = officer.get(f"/petugas/aduan/{ticket}").text
    assert f"Status {ticket} kini: Diverifikasi — sedang diperiksa petugas." in after
    assert "oleh TKSK (tksk-stabat)" in after and "Dicek ke bank." in after
    assert status_of(database, ticket) == "diverifikasi"
    citizen = client.post("/status", {"ticket": ticket, "nik": nik}).text
    assert "Diverifikasi — sedang diperiksa petugas" in citizen
    assert "Dicek ke bank." in citizen
    assert "tksk-stabat" not in citizen  # the public history names the role only


def test_a_change_the_workflow_forbids_shows_the_librarys_message(
    client, officer, database, niks, file_complaint
):
    ticket = file_complaint(client, niks["stabat"])
    response = officer.post(f"/petugas/aduan/{ticket}", {"status": "selesai", "version": "1"})
    assert response.status_code == 409
    html = main_of(response)
    assert re.search(r'<p class="alert" role="alert" id="e-status">[^<]*diterima[^<]*selesai', html)
    assert status_of(database, ticket) == "diterima"


def test_rejecting_needs_a_reason(client, officer, database, niks, file_complaint):
    ticket = file_complaint(client, niks["stabat"])
    response = officer.post(f"/petugas/aduan/{ticket}", {"status": "ditolak", "note": " "})
    assert response.status_code == 409
    assert "alasan" in main_of(response).lower()
    assert '<option value="ditolak" selected>' in response.text
    assert status_of(database, ticket) == "diterima"


def test_a_stale_form_is_not_applied(client, officer, database, niks, file_complaint):
    ticket = file_complaint(client, niks["stabat"])
    with sibaso.open(database) as registry:
        registry.complaints.update(
            registry.complaints.actor("dinsos-langkat"), ticket, "diverifikasi"
        )
    response = officer.post(
        f"/petugas/aduan/{ticket}", {"status": "ditolak", "note": "x", "version": "1"}
    )
    assert response.status_code == 409
    assert "sudah diubah petugas lain" in response.text
    assert '<input type="hidden" name="version" value="2">' in response.text  # read again
    assert status_of(database, ticket) == "diverifikasi"


def test_an_unknown_status_is_refused(client, officer, niks, file_complaint):
    ticket = file_complaint(client, niks["stabat"])
    response = officer.post(f"/petugas/aduan/{ticket}", {"status": "hilang"})
    assert response.status_code == 422
    assert "Status tidak dikenal" in response.text


def test_a_sanggah_reporter_is_masked_for_the_tksk(client, officer, niks, file_complaint):
    reporter, subject = niks["bahorok"], niks["stabat"]  # routed to the subject: Stabat
    ticket = file_complaint(client, reporter, category="sanggah", subject_nik=subject)
    html = main_of(officer.get(f"/petugas/aduan/{ticket}"))
    assert "Identitas penyanggah disamarkan." in html
    assert f'<span class="nik">{subject}</span>' in html
    assert reporter not in html and "Siti Aminah" not in html and "+628" not in html
    assert mask(reporter) in html


# -- officer lookup ---------------------------------------------------------------------------


def test_officer_lookup_in_the_officers_kecamatan(officer, database, niks):
    nik = niks["stabat"]
    with sibaso.open(database) as registry:
        expected = registry.lookup(nik, view="officer")
    response = officer.post("/petugas/cek", {"nik": nik})
    assert response.status_code == 200
    html = main_of(response)
    assert expected.person["name"] in html
    assert nik in html
    for enrolment in expected.enrolments:
        assert enrolment["name"] in html
    assert "/tmp" not in html and "Sumber: " in html  # file names, not server paths


def test_officer_lookup_outside_the_kecamatan_is_refused(officer, niks):
    response = officer.post("/petugas/cek", {"nik": niks["bahorok"]})
    assert response.status_code == 403
    assert "tidak bertugas di kecamatan 12.05.01" in response.text


def test_officer_lookup_of_an_invalid_nik(officer):
    response = officer.post("/petugas/cek", {"nik": "12345"})
    assert response.status_code == 422
    assert "NIK harus 16 digit" in response.text


def test_officer_lookup_shows_only_the_known_parts_of_the_address(officer, niks):
    html = main_of(officer.post("/petugas/cek", {"nik": niks["stabat"]}))
    address = re.search(r"<dt>Alamat</dt><dd>(.*?)</dd>", html)[1]
    assert "RT -" not in address and "RW -" not in address and ", -" not in address
    assert address.strip()


def test_status_options_say_each_label_once(client, officer, niks, file_complaint):
    ticket = file_complaint(client, niks["stabat"])
    detail = main_of(officer.get(f"/petugas/aduan/{ticket}"))
    texts = re.findall(r'<option value="[a-z]+"[^>]*>([^<]*)</option>', detail)
    assert texts and all(not t.startswith(("diverifikasi ", "ditolak ")) for t in texts)
    queue = main_of(officer.get("/petugas"))
    labels = re.findall(r'<option value="([a-z]+)"[^>]*>([^<]*)</option>', queue)
    assert ("selesai", "Selesai") in labels and ("diterima", "diterima") not in labels
