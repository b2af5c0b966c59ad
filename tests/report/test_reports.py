"""``sibaso report``: the recap workbook and the HTML page, on a demo registry with hostile
texts ingested on purpose."""

import re
from collections import Counter

import openpyxl
import pytest
from click.testing import CliRunner

import sibaso
from sibaso.cli import cli
from sibaso.complaints import Actor
from sibaso.core.address import desa_label
from sibaso.demo import run_demo
from sibaso.report import build_report, render_html, write_html, write_xlsx

SHEETS = [
    "Ringkasan",
    "Penerima",
    "Kualitas padan",
    "Komplementaritas",
    "PKH tanpa KIS",
    "Anak tanpa KIP",
    "Sembako tanpa KKS",
    "Pengaduan",
    "Perlu diperbaiki",
    "Ganda & konflik",
    "Sasaran",  # the demo holds a DTSEN: the targeting section
    "Desil penerima",
]
#: A KIS list whose texts a spreadsheet would run as formulas (CSV injection).
HOSTILE = (
    "NAMA_PENERIMA|NOMOR_KARTU|NIK_KTP|NOKK_DTKS|NMKEC\n"
    '=HYPERLINK("http://evil.example","klik")|0001234567890|12050741078|1205072003150001|=1+1\n'
    "+SUM(A1)|0001234567891|1205014107900002||@EVIL\n"
    "-2+3|0001234567892|1205014107900003||<script>alert(1)</script>\n"
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    result = run_demo(folder / "demo", persons=400, seed=11, say=lambda s: None)
    hostile = folder / "kis_hostile.csv"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with sibaso.open(str(result.database)) as registry:
        registry.ingest(hostile, period="2025", programme="KIS", scope="uji")
        registry.match()
        registry.complaints.file(
            Actor.public(),
            reporter_nik="1205074107820001",
            reporter_name="Siti Aminah",
            phone="0812 3456 7890",
            category="bantuan-tidak-diterima",
            programme="PKH",
            text="=cmd|' /C calc'!A0 bantuan belum masuk",
        )
    return result.database


@pytest.fixture(scope="module")
def data(database):
    with sibaso.open(str(database)) as registry:
        return build_report(registry), registry.recap()


@pytest.fixture(scope="module")
def workbook(data, tmp_path_factory):
    path = write_xlsx(data[0], tmp_path_factory.mktemp("xlsx") / "out" / "rekap.xlsx")
    return openpyxl.load_workbook(path)


def test_workbook_has_every_sheet_with_frozen_headers(workbook):
    assert workbook.sheetnames == SHEETS
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A3", ws.title
        assert ws["A2"].font.b, ws.title
        assert ws.column_dimensions["A"].width >= len(str(ws["A2"].value))


def test_charts_on_the_count_sheets(workbook):
    for title in ("Penerima", "Kualitas padan", "Komplementaritas", "Pengaduan"):
        charts = workbook[title]._charts
        assert len(charts) == 1, title
        assert charts[0].tagname == "barChart"


def test_no_cell_is_a_formula(workbook):
    texts = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    runnable = cell.value.startswith(FORMULA_START) and cell.value != "-"
                    assert not runnable, (ws.title, cell.value)  # a lone "-" runs nothing
                    texts.append(cell.value)
    # the hostile texts are there, neutralised with a leading apostrophe
    assert "'+SUM(A1)" in texts
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    assert "'=1+1" in texts  # kecamatan name as written in the list


def test_recipients_match_recap(data, workbook):
    report, recap = data
    expected = Counter()
    for r in recap:
        expected[(r.kecamatan_name or "(tanpa kecamatan)", r.programme)] += r.count
    ws = workbook["Penerima"]
    header = [c.value for c in ws[2]]
    programmes = header[2:-1]
    found = Counter()
    for row in ws.iter_rows(min_row=3, values_only=True):
        if row[0] == "Jumlah":
            assert row[-1] == sum(r.count for r in recap) == report.recipients
            continue
        name = row[0][1:] if row[0].startswith("'") else row[0]
        for programme, value in zip(programmes, row[2:-1], strict=True):
            if value:
                found[(name, programme)] += value
        assert row[-1] == sum(row[2:-1])
    assert found == expected


def test_match_quality_and_rows_to_fix(data, database, workbook):
    report, _ = data
    with sibaso.open(str(database)) as registry:
        links = registry.match().links
    by_programme = Counter((link["programme"], link["status"]) for link in links)
    for programme, counts in report.match.items():
        for status, count in counts.items():
            assert by_programme[(programme, status)] == count
    fixes = [
        link for link in links if link["status"] != "matched" and link["decision"] != "confirmed"
    ]
    assert len(report.fixes) == len(fixes)
    assert {f.status for f in report.fixes} >= {"invalid-nik", "not-in-population"}
    ws = workbook["Perlu diperbaiki"]
    assert ws.max_row - 2 == len(report.fixes)
    assert ws.auto_filter.ref.startswith("A2:")
    summary = dict(workbook["Ringkasan"].iter_rows(min_row=3, values_only=True))
    assert summary["Baris yang perlu diperbaiki"] == len(report.fixes)
    assert summary["Penerima aktif (semua program)"] == report.recipients


def test_gaps_and_complaints(data, database, workbook):
    report, _ = data
    with sibaso.open(str(database)) as registry:
        gaps = registry.complementarity()
    for key, items in gaps.items():
        assert len(report.gaps[key]) == len(items)
    assert workbook["PKH tanpa KIS"].max_row - 2 == len(gaps["pkh-without-kis"])
    assert sum(sum(v.values()) for v in report.complaints.values()) == 1
    total = [r for r in workbook["Pengaduan"].iter_rows(values_only=True) if r[0] == "Jumlah"]
    assert total[0][-1] == 1 and total[0][2] == 1  # one "diterima"


def test_mask_hides_niks_and_names(database):
    with sibaso.open(str(database)) as registry:
        masked = build_report(registry, mask=True)
    text = render_html(masked)
    people = masked.gaps["pkh-without-kis"]
    assert people and all("*" in p["nik"] and "*" in p["name"] for p in people)
    assert not re.search(r"\b\d{16}\b", text)
    # the address of a shared copy stops at the desa: no dusun, street or RT
    assert all(p["address"] and not re.search(r"DUSUN|RT \d", p["address"]) for p in people)


def test_people_lists_give_the_address_with_the_desa(data, workbook):
    report, _ = data
    people = report.gaps["pkh-without-kis"]
    assert people and all(p["address"] for p in people)
    coded = [p for p in people if p.get("desa_code")]
    assert coded and all(
        desa_label(p["desa_code"], None).split(" ", 1)[1].upper() in p["address"].upper()
        for p in coded
        if not desa_label(p["desa_code"], None).endswith(p["desa_code"])
    )
    ws = workbook["PKH tanpa KIS"]
    header = [c.value for c in ws[2]]
    assert header[-1] == "Alamat (dengan desa)"
    assert {r[-1] for r in ws.iter_rows(min_row=3, values_only=True)} == {
        p["address"] for p in people
    }


def test_html_is_one_safe_page(data, tmp_path):
    report, recap = data
    path = write_html(report, tmp_path / "rekap.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 6  # four count sections and the two targeting ones
    assert "<script" not in page.lower()
    assert "http" not in page.replace("http://evil.example", "")  # the escaped hostile text
    assert not re.search(r"""(src|href)=["'](?!#)""", page)  # only in-page anchors
    assert "&lt;script&gt;" in page.lower()
    assert "@media print" in page and 'name="viewport"' in page
    assert 'lang="id"' in page and "Penerima aktif per kecamatan dan program" in page
    total = f"{sum(r.count for r in recap):,}".replace(",", ".")
    assert f'<td class="n">{total}</td>' in page


def test_html_cuts_long_lists(data):
    page = render_html(data[0], detail_rows=2)
    assert "Menampilkan 2 dari" in page


def test_cli_report_both_formats(database, tmp_path):
    runner = CliRunner()
    out = runner.invoke(cli, ["report", "--db", str(database), "--out", str(tmp_path / "r.xlsx")])
    assert out.exit_code == 0, out.output
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == SHEETS
    out = runner.invoke(
        cli,
        ["report", "--db", str(database), "--format", "html", "--out", str(tmp_path / "r.htm")],
    )
    assert out.exit_code == 0, out.output
    assert "<svg" in (tmp_path / "r.htm").read_text(encoding="utf-8")
    out = runner.invoke(cli, ["report", "--db", str(database), "--out", str(tmp_path / "x.html")])
    assert (tmp_path / "x.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_demo_writes_the_recap(database):
    assert (database.parent / "laporan" / "rekap.xlsx").exists()


def test_empty_registry(tmp_path):
    with sibaso.open(":memory:") as registry:
        report = build_report(registry)
    wb = openpyxl.load_workbook(write_xlsx(report, tmp_path / "e.xlsx"))
    assert wb.sheetnames == SHEETS[:-2]  # no DTSEN: no targeting section
    assert "Tidak ada data." in render_html(report)


def test_report_date_is_local_time(database, monkeypatch):
    import datetime

    monkeypatch.delenv("SIBASO_TZ", raising=False)
    moment = datetime.datetime(2026, 12, 5, 15, 31, tzinfo=datetime.timezone.utc)
    with sibaso.open(str(database)) as registry:
        report = build_report(registry, now=moment)
    page = render_html(report)
    assert "2026-12-05 22:31 WIB" in page and "UTC" not in page
    cover = dict(report.sections()[0].rows)
    assert cover["Tanggal dibuat"] == "2026-12-05 22:31 WIB"
    monkeypatch.setenv("SIBASO_TZ", "WITA")
    assert "2026-12-05 23:31 WITA" in render_html(report)


#: A 16-digit run (any separators) or a number Excel turned into scientific notation.
_FULL_NUMBER = re.compile(r"\d(?:[ .\-]?\d){15}|\d(?:\.\d+|\d{4,})E\+?\d+", re.IGNORECASE)


def _population_names(database):
    import sqlite3

    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT name FROM person UNION SELECT name FROM enrolment UNION "
            "SELECT reporter_name FROM complaint"
        ).fetchall()
    # two-word names or longer: a single word could be a place or a heading
    return {" ".join(n.upper().split()) for (n,) in rows if n and len(n.split()) >= 2}


def _cells(workbook):
    for ws in workbook.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    yield ws.title, str(value)


def test_masked_outputs_hold_no_full_number_and_no_name(tmp_path):
    """Every cell of every sheet of the masked workbook, and the whole masked page, on a
    registry whose conflicts carry names and No. KK in their evidence."""
    import sqlite3

    database = run_demo(tmp_path / "demo", persons=400, seed=11, say=lambda s: None).database
    with sqlite3.connect(database) as db:
        (nik, name, kk), (nik2, _, kk2) = db.execute(
            "SELECT nik, name, kk FROM person ORDER BY nik LIMIT 2"
        ).fetchall()
    listed = tmp_path / "kis_names.csv"
    listed.write_text(
        "NAMA_PENERIMA|NOMOR_KARTU|NIK_KTP|NOKK_DTKS|NMKEC\n"
        f"{name}|0001234567890|{nik}|{kk}|STABAT\n"
        f"ZAINAL ABIDIN NASUTION|0001234567891|{nik}|{kk2}|STABAT\n"
        f"RATNA SARI DEWI|0001234567892|{nik2}|{kk}|STABAT\n",
        encoding="utf-8",
    )
    with sibaso.open(str(database)) as registry:
        registry.ingest(listed, period="2025", programme="KIS", scope="uji")
        registry.match()
        masked = build_report(registry, mask=True)
        details = " ".join(str(c.details) for c in registry.conflicts())
        assert "names" in details and "kks" in details, "the evidence must hold names and KKs"
    names = _population_names(database)
    assert names
    workbook = openpyxl.load_workbook(write_xlsx(masked, tmp_path / "m.xlsx"))
    page = write_html(masked, tmp_path / "m.html").read_text(encoding="utf-8")
    texts = [*_cells(workbook), ("html", page)]
    leaks = [(where, text[:120]) for where, text in texts if _FULL_NUMBER.search(text)]
    assert not leaks
    found = [
        (where, name)
        for where, text in texts
        for name in names
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", " ".join(text.upper().split()))
    ]
    assert not found
    konflik = [t for w, t in texts if w == "Ganda & konflik"]
    assert any("nama tertulis" in t for t in konflik)  # the detail is still there, masked


def test_chart_text_is_at_least_12px_on_a_390px_phone(data):
    page = render_html(data[0])
    charts = re.findall(r"<svg[^>]*viewBox=\"0 0 (\d+) \d+\"(.*?)</svg>", page, re.S)
    assert charts
    phone = 390 - 16  # the page's padding at that width (.5rem each side)
    for width, body in charts:
        scale = min(1.0, phone / int(width))
        sizes = [int(s) for s in re.findall(r'font-size="(\d+)"', body)]
        assert sizes and min(sizes) * scale >= 12, (width, sizes)
