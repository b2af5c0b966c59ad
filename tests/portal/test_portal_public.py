"""The citizen's pages through Starlette's TestClient: Cek Bansos (masked), the complaint
form (errors per field, the ticket), the status check, escaping and the page basics."""

import re

import pytest

import sibaso
from sibaso.nik import mask


def main_of(response):
    """The page's ``<main>`` (the part that changes from page to page)."""
    text = response.text
    return text[text.index("<main") : text.index("</main>")]


# -- every page ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/cek", "/aduan", "/status", "/petugas/masuk", "/tidak-ada"])
def test_pages_are_mobile_first_indonesian_and_hardened(client, path):
    response = client.get(path)
    assert response.status_code == (404 if path == "/tidak-ada" else 200)
    html = response.text
    assert '<html lang="id">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<link rel="stylesheet" href="/static/portal.css">' in html
    assert "<script" not in html and " style=" not in html  # nothing the CSP would block
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"


def test_every_input_has_a_label(client):
    for path in ("/cek", "/aduan", "/status", "/petugas/masuk"):
        html = client.get(path).text
        for name in re.findall(r'<(?:input|select|textarea) id="([^"]+)"', html):
            assert f'<label for="{name}">' in html, (path, name)


def test_stylesheet_is_served_and_cacheable(client):
    response = client.get("/static/portal.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "cache-control" not in response.headers
    assert response.headers["x-frame-options"] == "DENY"


def test_not_found_and_wrong_method_are_explained_in_indonesian(client):
    missing = client.get("/tidak-ada")
    assert "Halaman tidak ditemukan" in missing.text
    wrong = client.get("/petugas/keluar")
    assert wrong.status_code == 405
    assert "tidak dapat dibuka dengan cara itu" in wrong.text


def test_home_offers_the_three_services(client):
    html = main_of(client.get("/"))
    for link in ('href="/cek"', 'href="/aduan"', 'href="/status"'):
        assert link in html


# -- Cek Bansos -----------------------------------------------------------------------------


def test_cek_shows_programmes_with_masked_nik_and_name(client, database, niks):
    nik = niks["stabat"]
    with sibaso.open(database) as registry:
        public = registry.lookup(nik)
        full_name = registry.lookup(nik, view="officer").person["name"]
    response = client.post("/cek", {"nik": nik})
    assert response.status_code == 200
    html = main_of(response)
    assert f'Hasil untuk NIK <span class="nik">{mask(nik)}</span>' in html
    assert nik not in response.text
    assert full_name not in response.text
    assert public.person["name"] in html  # "S*** A*****"
    for enrolment in public.enrolments:
        assert enrolment["name"] in html
    assert "atas nama sendiri" in html
    assert "f-nik" in html and 'value="' + nik not in html  # the NIK is not written back


def test_cek_accepts_spaces_and_dots(client, niks):
    nik = niks["stabat"]
    spaced = " ".join(nik[i : i + 4] for i in range(0, 16, 4))
    dotted = f"{nik[:4]}.{nik[4:6]}.{nik[6:]}"
    first = main_of(client.post("/cek", {"nik": nik}))
    assert "Hasil untuk NIK" in first
    assert main_of(client.post("/cek", {"nik": spaced})) == first  # one CSRF token per session
    assert main_of(client.post("/cek", {"nik": dotted})) == first


def test_cek_without_programme_looks_the_same_for_residents_and_strangers(client, niks):
    stranger = "1205014107859901"
    resident = main_of(client.post("/cek", {"nik": niks["none"]}))
    unknown = main_of(client.post("/cek", {"nik": stranger}))
    assert "Tidak ada program tercatat" in resident
    strip = re.compile(r'name="csrf" value="[^"]+"')
    assert strip.sub("", resident).replace(mask(niks["none"]), "X") == strip.sub(
        "", unknown
    ).replace(mask(stranger), "X")


@pytest.mark.parametrize(
    "value, words",
    [
        ("1205013207850001", "bukan tanggal yang ada di kalender"),
        ("12050132", "NIK harus 16 digit"),
        ("", "NIK kosong"),
        ("<b>12</b>", "hanya boleh berisi angka"),
    ],
)
def test_invalid_nik_gets_the_librarys_indonesian_message(client, value, words):
    response = client.post("/cek", {"nik": value})
    assert response.status_code == 422
    html = main_of(response)
    assert words in html
    assert 'aria-invalid="true"' in html
    assert "<b>" not in html  # escaped, if echoed at all


def test_cek_by_get_never_looks_up(client, niks):
    response = client.get("/cek", params={"nik": niks["stabat"]})
    assert "Hasil untuk NIK" not in response.text


# -- complaints ---------------------------------------------------------------------------


def test_complaint_form_shows_each_refused_field_and_keeps_the_answers(client, database):
    with sibaso.open(database) as registry:
        before = registry.complaints.list(sibaso.complaints.Actor.system())
    response = client.post(
        "/aduan",
        {
            "category": "usul",
            "programme": "",
            "text": "Mohon didaftarkan PKH.",
            "reporter_nik": "1205013207850001",
            "reporter_name": "",
            "phone": "+60 12 345 6789",
        },
    )
    assert response.status_code == 422
    html = main_of(response)
    assert "Pengaduan belum terkirim." in html
    errors = dict(re.findall(r'<p class="error" id="e-([a-z_]+)">([^<]+)</p>', html))
    assert set(errors) == {"reporter_nik", "reporter_name", "phone", "programme"}
    assert errors["reporter_name"] == "Nama pelapor wajib diisi."
    assert errors["programme"] == "Program bansos wajib diisi."
    assert "tanggal" in errors["reporter_nik"]
    assert 'href="#f-reporter_name"' in html  # the summary links to the field
    assert 'aria-describedby="h-reporter_name e-reporter_name" aria-invalid="true"' in html
    assert "Mohon didaftarkan PKH.</textarea>" in html  # kept
    assert '<option value="usul" selected>' in html
    with sibaso.open(database) as registry:
        assert registry.complaints.list(sibaso.complaints.Actor.system()) == before


def test_filing_shows_the_ticket_once(client, database, niks, complaint):
    nik = niks["stabat"]
    response = client.post("/aduan", complaint(nik))
    assert response.status_code == 303
    assert response.headers["location"] == "/aduan/terkirim"
    page = client.get("/aduan/terkirim")
    html = main_of(page)
    ticket = re.search(r'id="tiket">([A-Z0-9-]+)<', html).group(1)
    assert sibaso.complaints.is_ticket(ticket)
    assert f'NIK <span class="nik">{mask(nik)}</span>' in html
    assert nik not in page.text
    assert "Stabat" not in html and "12.05.07" not in html  # where the resident lives
    assert "Bantuan tidak/belum diterima — PKH" in html
    with sibaso.open(database) as registry:
        stored = registry.complaints.get(sibaso.complaints.Actor.system(), ticket)
    assert (stored.channel, stored.filed_by, stored.reporter_nik) == ("web", "portal", nik)
    again = client.get("/aduan/terkirim", follow_redirects=False)  # shown once
    assert again.status_code == 303 and again.headers["location"] == "/aduan"


def test_filing_answer_is_the_same_for_a_resident_and_a_stranger(client, database, complaint):
    """Routing reads the population data (where a resident is registered); the answer a
    citizen sees must not: a resident registered away from the kecamatan of their NIK code and
    a stranger with the same code get the same pages, apart from the ticket."""
    import sqlite3

    with sqlite3.connect(database) as db:
        nik, kecamatan = db.execute(
            "SELECT nik, kecamatan_code FROM person WHERE kecamatan_code IS NOT NULL "
            "AND substr(nik, 1, 6) <> replace(kecamatan_code, '.', '') ORDER BY nik LIMIT 1"
        ).fetchone()
        stranger = nik[:12] + ("98" if nik[12:14] != "98" else "97") + nik[14:]  # same mask
        assert not db.execute("SELECT 1 FROM person WHERE nik = ?", (stranger,)).fetchall()
    pages = []
    for who in (nik, stranger):
        assert client.post("/aduan", complaint(who)).status_code == 303
        done = main_of(client.get("/aduan/terkirim"))
        ticket = re.search(r'id="tiket">([A-Z0-9-]+)<', done).group(1)
        status = main_of(client.post("/status", {"ticket": ticket, "nik": who}))
        pages.append([page.replace(ticket, "TICKET") for page in (done, status)])
        assert kecamatan not in done + status
    assert pages[0] == pages[1]


def test_category_can_be_preselected_but_nothing_else(client):
    assert '<option value="sanggah" selected>' in client.get("/aduan?jenis=sanggah").text
    html = client.get("/aduan?jenis=<x>").text
    assert " selected>" not in html


def test_a_sanggah_reporter_is_told_they_stay_anonymous(client, niks, complaint):
    form = complaint(niks["stabat"], category="sanggah", subject_nik=niks["bahorok"])
    assert client.post("/aduan", form).status_code == 303
    assert "tidak ditunjukkan kepada petugas kecamatan" in client.get("/aduan/terkirim").text


# -- status ---------------------------------------------------------------------------------


def test_status_check_with_ticket_and_nik(client, niks, file_complaint):
    nik = niks["stabat"]
    ticket = file_complaint(client, nik)
    response = client.post("/status", {"ticket": ticket.lower().replace("-", " "), "nik": nik})
    assert response.status_code == 200
    html = main_of(response)
    assert f'Pengaduan <span class="ticket-inline">{ticket}</span>' in html
    assert "Diterima — menunggu diperiksa petugas" in html
    assert "oleh Pelapor" in html
    assert nik not in response.text


def test_wrong_nik_and_unknown_ticket_get_the_same_answer(client, niks, file_complaint):
    ticket = file_complaint(client, niks["stabat"])
    wrong_nik = client.post("/status", {"ticket": ticket, "nik": niks["bahorok"]})
    unknown = client.post("/status", {"ticket": "AAAA-BBBB", "nik": niks["stabat"]})
    invalid = client.post("/status", {"ticket": ticket, "nik": "123"})
    for response in (wrong_nik, unknown, invalid):
        assert response.status_code == 404
        assert "Tidak ada pengaduan dengan nomor tiket dan NIK ini." in response.text
    assert niks["bahorok"] not in wrong_nik.text


def test_complaint_text_and_notes_are_shown_escaped(client, officer, niks, file_complaint):
    nasty = '<script>alert("x")</script><img src=x onerror=alert(1)> & "kutip"'
    ticket = file_complaint(client, niks["stabat"], text=nasty)
    detail = officer.get(f"/petugas/aduan/{ticket}")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in (
        detail.text
    )
    assert "<script" not in detail.text and "<img" not in detail.text
    queue = officer.get("/petugas")
    assert "&lt;script&gt;" in queue.text and "<script" not in queue.text
    note = "<b>dicek</b> ke bank"
    changed = officer.post(f"/petugas/aduan/{ticket}", {"status": "diverifikasi", "note": note})
    assert changed.status_code == 303
    status = client.post("/status", {"ticket": ticket, "nik": niks["stabat"]})
    assert "&lt;b&gt;dicek&lt;/b&gt; ke bank" in status.text
    assert "<b>" not in status.text


def test_form_values_are_escaped_when_shown_again(client, complaint):
    form = complaint("", reporter_name='"><script>alert(1)</script>')
    response = client.post("/aduan", form)
    assert response.status_code == 422
    assert "<script" not in response.text
    assert "&#34;&gt;&lt;script&gt;" in response.text
