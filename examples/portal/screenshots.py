"""Phone-sized screenshots of the portal's main pages, for its README and docs/portal.md.

Builds a small demo registry in a temporary folder, loads the demo roster, serves the portal
with uvicorn on a free port and drives Debian's Chromium (``/usr/bin/chromium``) with
Playwright at 390×844 — the setup of ``tests/portal/test_portal_e2e.py``::

    python examples/portal/screenshots.py            # writes docs/img/portal-*.png
    python examples/portal/screenshots.py --out /tmp/shots
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, sync_playwright
from sibaso_portal import Settings, create_app  # the script's folder is on sys.path
from sibaso_portal.demo import DemoAccess, prepare
from sibaso_portal.serving import serve_in_thread

import sibaso
from sibaso.complaints import Actor
from sibaso.demo import run_demo

CHROMIUM = "/usr/bin/chromium"
PHONE: ViewportSize = {"width": 390, "height": 844}
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "docs" / "img"


def _seed_complaints(database: Path, access: DemoAccess) -> None:
    """A few complaints in Stabat so that the officer's queue is not empty."""
    with sibaso.open(database) as registry:
        service = registry.complaints
        service.file(
            Actor.public("portal"),
            channel="web",
            category="sanggah",
            programme="PKH",
            subject_nik=access.niks["stabat"],
            reporter_nik=access.niks["bahorok"],
            reporter_name="Rahmat Hidayat",
            phone="0813 2222 3333",
            text="Penerima PKH ini sudah pindah ke Medan sejak tahun lalu.",
        )
        service.file(
            Actor.public("portal"),
            channel="web",
            category="usul",
            programme="SEMBAKO",
            reporter_nik=access.niks["stabat"],
            reporter_name="Siti Aminah",
            phone="0812 3456 7890",
            text="Mohon keluarga kami diusulkan sebagai penerima Program Sembako.",
        )


def _showcase_nik(database: Path) -> str:
    """A resident reached by several programmes and paths (the most telling Cek Bansos)."""
    best, score = "", -1
    with sibaso.open(database) as registry:
        for person in sibaso.read(database.parent / "files" / "dukcapil_langkat.csv").records:
            found = registry.lookup(person.nik.value, actor="screenshots").enrolments
            points = len(found) + 2 * len({e["via"] for e in found})
            points += any(e["period_name"] != e["name"] for e in found)
            if points > score:
                best, score = person.nik.value, points
    return best


@contextmanager
def _portal(folder: Path) -> Iterator[tuple[str, DemoAccess, str]]:
    result = run_demo(folder / "demo", persons=400, seed=11, say=lambda s: None)
    access = prepare(result.database)
    _seed_complaints(result.database, access)
    showcase = _showcase_nik(result.database)
    settings = Settings(
        secret_key="screenshots-" + "x" * 32, rate_limit=1, rate_burst=2, trust_forwarded_for=True
    )
    with serve_in_thread(create_app(result.database, settings=settings)) as url:
        yield url, access, showcase


def take(out: Path) -> list[Path]:
    """Take the screenshots into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        _portal(Path(tmp)) as (url, access, showcase),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        clients = iter(range(1, 100))

        def page_for() -> Page:
            context = browser.new_context(
                viewport=PHONE,
                device_scale_factor=1,
                is_mobile=True,
                has_touch=True,
                locale="id-ID",
                base_url=url,
                extra_http_headers={"X-Forwarded-For": f"198.51.100.{next(clients)}"},
            )
            return context.new_page()

        def shot(page: Page, name: str, *, at: str | None = None) -> None:
            page.wait_for_load_state()
            if at is not None:
                page.locator(at).first.scroll_into_view_if_needed()
            path = out / f"portal-{name}.png"
            page.screenshot(path=str(path))
            written.append(path)

        nik = access.niks["stabat"]
        citizen = page_for()
        citizen.goto("/")
        shot(citizen, "beranda")

        citizen.goto("/cek")
        citizen.get_by_label("NIK", exact=True).fill(showcase)
        citizen.get_by_role("button", name="Cek").click()
        shot(citizen, "cek", at="#hasil")

        citizen.get_by_label("NIK", exact=True).fill("1205013207850001")
        citizen.get_by_role("button", name="Cek").click()
        shot(citizen, "cek-salah")

        citizen.goto("/aduan")
        citizen.get_by_label("Jenis pengaduan").select_option("usul")
        citizen.get_by_label("NIK Anda").fill("1205013207850001")
        citizen.get_by_role("button", name="Kirim pengaduan").click()
        shot(citizen, "aduan-salah")

        citizen.goto("/aduan")
        form = {
            "Jenis pengaduan": "bantuan-tidak-diterima",
            "Program bansos": "PKH",
        }
        for label, value in form.items():
            citizen.get_by_label(label).select_option(value)
        for label, value in {
            "Isi pengaduan": "Bantuan PKH tahap 2 belum masuk ke rekening.",
            "NIK Anda": nik,
            "Nama lengkap": "Siti Aminah",
            "Nomor telepon/WhatsApp": "0812 3456 7890",
        }.items():
            citizen.get_by_label(label).fill(value)
        citizen.get_by_role("button", name="Kirim pengaduan").click()
        ticket = citizen.locator("#tiket").inner_text()
        shot(citizen, "tiket")

        officer = page_for()
        officer.goto("/petugas/masuk")
        shot(officer, "petugas-masuk")
        officer.get_by_label("Token petugas").fill(access.tokens["tksk-stabat"])
        officer.get_by_role("button", name="Masuk").click()
        shot(officer, "petugas-antrean")
        officer.get_by_role("link", name=ticket).click()
        officer.get_by_label("Status baru").select_option("diverifikasi")
        officer.get_by_label("Catatan").fill("Sudah dicek ke bank penyalur; dana tahap 2 diproses.")
        officer.get_by_role("button", name="Simpan status").click()
        shot(officer, "petugas-aduan")
        officer.get_by_role("link", name="Cek NIK").click()
        officer.get_by_label("NIK", exact=True).fill(nik)
        officer.get_by_role("button", name="Cek").click()
        shot(officer, "petugas-cek")

        citizen.goto("/status")
        citizen.get_by_label("Nomor tiket").fill(ticket)
        citizen.get_by_label("NIK pelapor").fill(nik)
        citizen.get_by_role("button", name="Cek status").click()
        shot(citizen, "status", at="#hasil")

        limited = page_for()
        limited.goto("/cek")
        while not re.match("Terlalu banyak", limited.title()):
            limited.get_by_label("NIK", exact=True).fill(nik)
            limited.get_by_role("button", name="Cek").click()
        shot(limited, "batas")
        browser.close()
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNGs")
    args = parser.parse_args(argv)
    for path in take(args.out):
        print(f"{path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
