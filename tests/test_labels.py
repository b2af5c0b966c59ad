"""Every code people read has an Indonesian label, every padan reason an Indonesian text, and
the commands print labels, not codes (issue 17)."""

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import sibaso
from sibaso.cli import cli
from sibaso.core.labels import LABELS, MATCH_ORDER, label, reason_text, unknown_reason_parts
from sibaso.demo import run_demo
from sibaso.matching import STATUSES
from sibaso.registry.lookup import VIA_LABELS_ID
from sibaso.registry.matchrun import DECEASED


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("labels") / "demo", persons=1500, seed=3, say=str)


def test_every_match_status_has_labels_in_both_languages():
    # the padan algorithm's statuses and the match run's finding (a dead recipient)
    assert set(STATUSES) | {DECEASED} == set(MATCH_ORDER) == set(LABELS["match"])
    for code in MATCH_ORDER:
        assert label("match", code) != code and label("match", code, "en")
    assert set(VIA_LABELS_ID) <= set(LABELS["via"])


def test_every_padan_reason_of_the_demo_reads_in_indonesian(demo):
    with sibaso.open(str(demo.database)) as registry:
        reasons = {link["reason"] for link in registry.match().links}
    assert len(reasons) > 5
    for reason in reasons:
        assert unknown_reason_parts(reason) == [], (reason, reason_text(reason))
        assert reason_text(reason, "en") == reason


@given(st.integers(1, 16), st.integers(1, 17))
def test_positions_are_carried_over(p, q):
    text = reason_text(f"adjacent digits {p}-{q} swapped; name similar (spelling differs)")
    assert text == f"digit ke-{p} dan ke-{q} tertukar; nama mirip (ejaan berbeda)"


def test_a_held_back_reason_reads_in_indonesian():
    from sibaso.matching import HELD_BACK

    reason = f"NIK not in the population; one digit changed at position 6; name same; {HELD_BACK}"
    assert unknown_reason_parts(reason) == []
    assert reason_text(reason) == (
        "NIK tidak ada di data penduduk; satu digit berubah di posisi 6; nama sama; ditahan: "
        "hanya nama yang cocok, tidak ada tanggal lahir atau KK yang menguatkan"
    )


def test_match_prints_labels_a_total_and_where_it_wrote(demo, tmp_path):
    out = tmp_path / "padan.xlsx"
    result = CliRunner().invoke(cli, ["match", "--db", str(demo.database), "--report", str(out)])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("Hasil padan")
    assert "padan " in text and "Jumlah" in text and "matched" not in text
    assert f"ditulis ke {out}" in text and out.exists()
    english = CliRunner().invoke(cli, ["match", "--db", str(demo.database), "--lang", "en"])
    assert "matched" in english.output and "Total" in english.output


def test_demo_counts_are_labelled(demo, tmp_path):
    lines = []
    run_demo(tmp_path / "d", persons=300, seed=3, say=lines.append)
    padan = next(line for line in lines if line.startswith("Hasil padan"))
    assert "matched" not in padan and "invalid-nik" not in padan and "padan " in padan


def test_rekap_reasons_are_indonesian(demo):
    import openpyxl

    book = openpyxl.load_workbook(demo.folder / "laporan" / "rekap.xlsx")
    sheet = book["Perlu diperbaiki"]
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r and "Alasan" in r)
    column = rows[at].index("Alasan")
    reasons = [r[column] for r in rows[at + 1 :] if r[column]]
    assert reasons and not any("zeroed" in r or "found" in r for r in reasons)
    assert any("NIK" in r for r in reasons)


def test_recap_has_a_heading_and_totals(demo):
    text = CliRunner().invoke(cli, ["recap", "--db", str(demo.database)]).output
    lines = text.splitlines()
    assert lines[0] == "Penerima aktif per kecamatan dan program"
    assert "Jumlah per program:" in lines and lines[-1].lstrip().startswith("Semua program")
    with sibaso.open(str(demo.database)) as registry:
        total = sum(r.count for r in registry.recap())
    assert lines[-1].endswith(f"{total:,}".replace(",", "."))


@pytest.mark.parametrize("name", ["rekap.pdf", "rekap.docx", "rekap"])
def test_report_refuses_an_unknown_extension(demo, tmp_path, name):
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["report", "--db", str(demo.database), "--out", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "tidak dikenal" in result.output and ".xlsx atau .html" in result.output


@pytest.mark.parametrize(
    "args, words",
    [
        (["PKH", "2001", "2024"], "belum ada daftar PKH"),
        (["PKH", "20x3", "2024"], "periode tidak dikenal"),
        (["XYZ", "2023", "2024"], "program tidak dikenal"),
    ],
)
def test_diff_errors_are_indonesian_without_a_usage_banner(demo, args, words):
    result = CliRunner().invoke(cli, ["diff", *args, "--db", str(demo.database)])
    assert result.exit_code == 2
    assert result.output.startswith("Gagal: ") and words in result.output
    assert "Usage:" not in result.output and "Error:" not in result.output


def test_unknown_layout_is_told_in_indonesian(tmp_path):
    path = tmp_path / "aneh.csv"
    path.write_text(
        "ID_DTKS,NAMA_PENGURUS,NIK_PENGURUS,NO_KK,KOMPONEN,NAMA_KEC,TAHAP\n"
        "1,SITI,1205074107820001,1205072003150001,BUMIL,Stabat,2\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert "unknown-layout" in result.output
    assert "jenis daftar ini tidak dikenali" in result.output
    assert "cannot tell" not in result.output
    english = CliRunner().invoke(cli, ["read", str(path), "--lang", "en"])
    assert "cannot tell which kind of list" in english.output
    nothing = tmp_path / "kosong.csv"
    nothing.write_text("warna,rasa\nmerah,manis\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["read", str(nothing)])
    assert "kolom NIK atau No. KK" in result.output


def test_dapodik_reads_the_kip_column_and_says_so(tmp_path):
    path = tmp_path / "dapodik.csv"
    path.write_text(
        "No,Nama,NISN,NIK,Penerima KPS,No. KPS,Penerima KIP,Nomor KIP,No KK\n"
        "1,SITI,0012345671,1205074107120001,Ya,KPS-1,Tidak,,1205072003150001\n"
        "2,BUDI,0012345672,1205070107130002,Tidak,,Ya,KIP-2,1205072003150001\n",
        encoding="utf-8",
    )
    result = sibaso.read(path, adapter="dapodik-kip")
    said = [i.message for i in result.report.issues if i.code == "column-ambiguous"]
    assert any("'Penerima KIP' dipakai, 'Penerima KPS'" in m for m in said), said
    kept = {r.nik_given for r in result.records}
    assert kept == {"1205070107130002"}  # the KIP column decides, not the KPS card


def test_read_names_the_programme_the_rows_agree_on(demo):
    pkh = next(p for p in (demo.folder / "files").iterdir() if p.name.startswith("pkh_siksng"))
    text = CliRunner().invoke(cli, ["read", str(pkh)]).output
    assert "siks-ng (PKH)" in text and "(-)" not in text.splitlines()[0]
