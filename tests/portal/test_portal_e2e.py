"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
at a phone viewport (390×844), against the portal served by uvicorn on a free port.

With ``CI`` set these tests must run: a missing browser or Playwright fails them. Elsewhere
they are skipped when /usr/bin/chromium (or Playwright) is missing. ``playwright install``
is never needed: the browser is Debian's.
"""

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest
from sibaso_portal import Settings, create_app
from sibaso_portal.serving import serve_in_thread

from sibaso.nik import mask

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
IN_CI = bool(os.environ.get("CI"))

if not IN_CI:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} is missing (apt-get install chromium); the portal's browser tests "
            "are skipped (they run, and fail, when CI is set)",
            allow_module_level=True,
        )
    pytest.importorskip(
        "playwright.sync_api", reason='Playwright is missing: pip install -e ".[test]"'
    )

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


@pytest.fixture(scope="module")
def live(demo, tmp_path_factory):
    """The portal's base URL: each browser page below is its own client (X-Forwarded-For),
    with bursts of 4 and then 1 request a minute per action."""
    database = tmp_path_factory.mktemp("portal-e2e") / "portal.sqlite"
    shutil.copyfile(demo[0], database)
    settings = Settings(
        secret_key="e2e-" + "x" * 40, rate_limit=1, rate_burst=4, trust_forwarded_for=True
    )
    with serve_in_thread(create_app(database, settings=settings)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


_clients = itertools.count(1)


@pytest.fixture
def new_page(browser, live):
    """``new_page()`` → a page in a fresh phone-sized context (its own cookies and client
    address). Afterwards: no URL requested held a NIK, no page scrolled sideways."""
    contexts, requested = [], []

    def make() -> Page:
        context = browser.new_context(
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            locale="id-ID",
            base_url=live,
            extra_http_headers={"X-Forwarded-For": f"198.51.100.{next(_clients)}"},
        )
        context.set_default_timeout(10_000)
        context.on("request", lambda request: requested.append(request.url))
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        for page in context.pages:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (page.url, width)
        context.close()
    assert requested
    for url in requested:
        assert not SIXTEEN_DIGITS.search(url), url


def test_cek_bansos_shows_a_masked_result(new_page, niks):
    page = new_page()
    nik = niks["stabat"]
    page.goto("/")
    page.locator("main").get_by_role("link", name=re.compile("Cek Bansos")).click()
    expect(page).to_have_url(re.compile(r"/cek$"))
    page.get_by_label("NIK", exact=True).fill(nik)
    page.get_by_role("button", name="Cek").click()
    expect(page.get_by_role("heading", name=f"Hasil untuk NIK {mask(nik)}")).to_be_visible()
    expect(page.locator(".enrolments li").first).to_contain_text("atas nama sendiri")
    expect(page.locator(".masked")).to_have_text(re.compile(r"^[A-Z]\*+( [A-Z]\*+)*$"))
    assert nik not in page.content()
    expect(page).to_have_url(re.compile(r"/cek$"))


def test_an_invalid_nik_shows_the_error(new_page):
    page = new_page()
    page.goto("/cek")
    page.get_by_label("NIK", exact=True).fill("1205013207850001")
    page.get_by_role("button", name="Cek").click()
    expect(page.locator("#e-nik")).to_contain_text("bukan tanggal yang ada di kalender")
    expect(page.get_by_label("NIK", exact=True)).to_have_attribute("aria-invalid", "true")


def test_complaint_form_errors_are_shown_per_field(new_page):
    page = new_page()
    page.goto("/aduan")
    page.get_by_label("Jenis pengaduan").select_option("usul")
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("alert")).to_contain_text("Pengaduan belum terkirim.")
    expect(page.locator("#e-reporter_name")).to_have_text("Nama pelapor wajib diisi.")
    expect(page.locator("#e-programme")).to_have_text("Program bansos wajib diisi.")
    expect(page.locator("#e-text")).to_be_visible()
    expect(page.get_by_label("Jenis pengaduan")).to_have_value("usul")


def test_complaint_ticket_status_and_the_officer(new_page, niks, tokens):
    nik = niks["stabat"]
    citizen = new_page()
    citizen.goto("/aduan")
    citizen.get_by_label("Jenis pengaduan").select_option("bantuan-tidak-diterima")
    citizen.get_by_label("Program bansos").select_option("PKH")
    citizen.get_by_label("Isi pengaduan").fill("<b>tebal</b> Bantuan PKH tahap 2 belum masuk.")
    citizen.get_by_label("NIK Anda").fill(nik)
    citizen.get_by_label("Nama lengkap").fill("Siti Aminah")
    citizen.get_by_label("Nomor telepon/WhatsApp").fill("0812 3456 7890")
    citizen.get_by_role("button", name="Kirim pengaduan").click()
    expect(citizen).to_have_url(re.compile(r"/aduan/terkirim$"))
    ticket = citizen.locator("#tiket").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", ticket)
    expect(citizen.locator("main")).to_contain_text(mask(nik))

    def check_status(expected):
        citizen.goto("/status")
        citizen.get_by_label("Nomor tiket").fill(ticket)
        citizen.get_by_label("NIK pelapor").fill(nik)
        citizen.get_by_role("button", name="Cek status").click()
        expect(citizen.locator("p.status")).to_have_text(expected)

    check_status("Diterima — menunggu diperiksa petugas")

    officer = new_page()
    officer.goto("/petugas")
    expect(officer).to_have_url(re.compile(r"/petugas/masuk$"))
    officer.get_by_label("Token petugas").fill(tokens["tksk-stabat"])
    officer.get_by_role("button", name="Masuk").click()
    expect(officer.locator(".flash")).to_have_text("Selamat datang, Budi Santoso.")
    officer.get_by_role("link", name=ticket).click()
    expect(officer.locator(".complaint-text")).to_have_text(
        "<b>tebal</b> Bantuan PKH tahap 2 belum masuk."
    )
    officer.get_by_label("Status baru").select_option("diverifikasi")
    officer.get_by_label("Catatan").fill("Sudah dicek ke bank penyalur.")
    officer.get_by_role("button", name="Simpan status").click()
    expect(officer.locator(".flash")).to_contain_text(f"Status {ticket} kini: Diverifikasi")

    check_status("Diverifikasi — sedang diperiksa petugas")
    expect(citizen.locator(".history")).to_contain_text("Sudah dicek ke bank penyalur.")

    officer.get_by_role("link", name="Cek NIK").click()
    officer.get_by_label("NIK", exact=True).fill(niks["bahorok"])
    officer.get_by_role("button", name="Cek").click()
    expect(officer.get_by_role("alert")).to_contain_text("tidak bertugas di kecamatan 12.05.01")
    officer.get_by_role("button", name="Keluar").click()
    expect(officer.locator(".flash")).to_have_text("Anda sudah keluar.")
    officer.goto("/petugas")
    expect(officer).to_have_url(re.compile(r"/petugas/masuk$"))


def test_the_rate_limit_message(new_page, niks):
    page = new_page()
    page.goto("/cek")
    for _ in range(6):
        page.get_by_label("NIK", exact=True).fill(niks["none"])
        page.get_by_role("button", name="Cek").click()
        if page.title().startswith("Terlalu banyak permintaan"):
            break
    expect(page.get_by_role("heading", name="Terlalu banyak permintaan")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile(r"coba lagi dalam \d+ (detik|menit)")
    )
