"""sibaso.read end to end on small real-looking files built here."""

import csv
import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

import sibaso
from sibaso import NIK, HouseholdMember, Person, ProgrammeEnrolment, SourceError
from sibaso.adapters.pipeline.read import read
from sibaso.core.lineages import Basis
from sibaso.testing import strategies

SIKS_HEADER = (
    "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|"
    "KEL_NAME|ALAMAT|status|kode_batch_penyaluran"
)


def write_rows(path, rows, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def test_siksng_pipe_csv_programme_per_row(tmp_path):
    path = tmp_path / "siks.csv"
    path.write_text(
        SIKS_HEADER + "\n"
        "SITI AMINAH|1205014107850001|1205012003150004|BNI|PKH|SUMATERA UTARA|LANGKAT|STABAT|"
        "PAYA MABAR|DUSUN I, RT 1|AKTIF|B001\n"
        "RUDI|1205071203900002|1205072003150001|BRI|BPNT|SUMATERA UTARA|LANGKAT|STABAT|"
        "KWALA BINGAI|DUSUN II|AKTIF|B002\n"
        "TANPA NIK|NULL|NULL|POS|PKH|SUMATERA UTARA|LANGKAT|STABAT|X|Y|AKTIF|B003\n",
        encoding="utf-8",
    )
    result = read(path)
    assert result.adapter == "siks-ng"
    report = result.report
    assert (report.rows, report.usable, report.rejected) == (3, 2, 1)
    first, second = result.records
    assert isinstance(first, ProgrammeEnrolment)
    assert first.programme == "PKH" and first.basis is Basis.FAMILY
    assert first.nik == NIK("1205014107850001") and first.kk.value == "1205012003150004"
    assert first.address.kecamatan_name == "STABAT"
    assert first.details["distributor"] == "BNI"
    assert second.programme == "SEMBAKO"
    assert first.provenance.row == 2 and first.provenance.sheet
    error = report.errors[0]
    assert error.row == 4 and error.severity == "error" and error.column == "NIK"


def pbijk_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "PBI"
    ws.append(["DAFTAR PESERTA PBI-JK KABUPATEN LANGKAT"])
    ws.append(["Posisi Data : Januari 2025"])
    ws.append([])
    ws.append(
        [
            "NO",
            "NAMA_PENERIMA",
            "NOMOR_KARTU",
            "NIK_KTP",
            "NOKK_DTKS",
            "IDARTBDT",
            "NMPROP",
            "NMKAB",
            "NMKEC",
            "NMKEL",
            "KET_TAMBAHAN",
        ]
    )
    ws.append(
        [
            1,
            "SITI AMINAH",
            "0001234567890",
            "1205014107850001",
            "1205012003150004",
            "A1",
            "SUMATERA UTARA",
            "LANGKAT",
            "BAHOROK",
            "X",
            "-",
        ]
    )
    ws.append(
        [
            2,
            "RUDI",
            1234567891,
            1205071203900000,
            "1205072003150001",
            "A2",
            "SUMATERA UTARA",
            "LANGKAT",
            "STABAT",
            "Y",
            "=cmd()",
        ]
    )
    ws.append(
        [
            3,
            "ANI",
            "0001234567892",
            "'1205074107900003",
            "1205072003150001",
            "A3",
            "SUMATERA UTARA",
            "LANGKAT",
            "STABAT",
            "Y",
            None,
        ]
    )
    ws.append(
        [
            4,
            "BUDI",
            "0001234567893",
            "1.20501E+15",
            None,
            "A4",
            "SUMATERA UTARA",
            "LANGKAT",
            "STABAT",
            "Y",
            None,
        ]
    )
    wb.save(path)
    return path


def test_pbijk_title_rows_numbers_and_card_zeros(tmp_path):
    result = read(pbijk_workbook(tmp_path / "pbi.xlsx"))
    report = result.report
    assert result.adapter == "pbi-jk" and result.programme == "KIS"
    assert report.rows == 4
    assert report.usable + report.rejected == report.rows
    by_name = {r.name: r for r in result.records}
    assert by_name["SITI AMINAH"].basis is Basis.INDIVIDUAL
    assert by_name["SITI AMINAH"].details["card_number"] == "0001234567890"
    rudi = by_name["RUDI"]
    assert rudi.nik is None and rudi.nik_given  # kept, matched later as invalid/probable
    assert rudi.details["card_number"] == "0001234567891"
    assert by_name["ANI"].nik.value == "1205074107900003"
    codes = {(i.row, i.code) for i in report.issues}
    assert (6, "nik-precision") in codes
    assert (8, "nik-precision") in codes
    assert any(code == "leading-zeros-restored" for _, code in codes)


def dapodik_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Daftar Peserta Didik"
    for line in (
        "Daftar Peserta Didik",
        "SD NEGERI 050123 STABAT",
        "Kecamatan : Kec. Stabat",
        "Tanggal Unduh: 2025-01-15 10:11:12",
    ):
        ws.append([line])
    ws.append([])
    top = [
        "No",
        "Nama",
        "NIPD",
        "JK",
        "NISN",
        "Tanggal\nLahir",
        "NIK",
        "Data Ayah",
        None,
        None,
        "Data Ibu",
        None,
        None,
        "Penerima KIP",
        "Nomor KIP",
        "No KK",
    ]
    sub = [None] * 7 + ["Nama", "Tahun Lahir", "NIK", "Nama", "Tahun Lahir", "NIK"] + [None] * 3
    ws.append(top)
    ws.append(sub)
    for col in (1, 2, 3, 4, 5, 6, 7, 14, 15, 16):
        ws.merge_cells(start_row=6, start_column=col, end_row=7, end_column=col)
    ws.merge_cells(start_row=6, start_column=8, end_row=6, end_column=10)
    ws.merge_cells(start_row=6, start_column=11, end_row=6, end_column=13)
    ws.append(
        [
            1,
            "ANAK SATU",
            "123",
            "L",
            "0012345678",
            "2015-05-01",
            "1205070105150001",
            "AYAH",
            1980,
            "1205071203800001",
            "IBU",
            1982,
            "1205074107820001",
            "Ya",
            "KIP001",
            "1205072003150001",
        ]
    )
    ws.append(
        [
            2,
            "ANAK DUA",
            "124",
            "P",
            "0012345679",
            "2016-06-02",
            "1205074206160002",
            "AYAH",
            1980,
            "1205071203800001",
            "IBU",
            1982,
            "1205074107820001",
            "Tidak",
            None,
            "1205072003150001",
        ]
    )
    wb.save(path)
    return path


def test_dapodik_two_row_header_reads_the_childs_nik(tmp_path):
    result = read(dapodik_workbook(tmp_path / "dapodik.xlsx"))
    assert result.adapter == "dapodik-kip"
    assert result.report.rows == 2
    [pupil] = result.records
    assert pupil.nik.value == "1205070105150001"
    assert pupil.programme == "KIP"
    assert pupil.birth_date == datetime.date(2015, 5, 1)
    assert pupil.details["Data Ayah / NIK"] == "1205071203800001"
    assert pupil.details["nisn"] == "0012345678"
    info = [i for i in result.report.issues if i.code == "not-recipient"]
    assert [i.row for i in info] == [9] and info[0].severity == "info"


def test_many_sheets_hidden_totals_and_notes(tmp_path):
    wb = Workbook()
    first = wb.active
    first.title = "Bahorok"
    hidden = wb.create_sheet("Stabat")
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("Keterangan")
    notes.append(["Catatan: data usulan 2025"])
    for ws, nik in ((first, "1205014107850001"), (hidden, "1205071203900002")):
        ws.append(["NO", "nama_CPCL", "nomorNIK", "nomorKK", "kecamatan"])
        ws.append([1, "WARGA", nik, "1205012003150004", ws.title])
        ws.append(["JUMLAH", None, None, None, 1])
    path = tmp_path / "rtlh.xlsx"
    wb.save(path)
    result = read(path)
    assert result.adapter == "rs-rtlh"
    assert len(result.records) == 2
    assert result.report.rows == 2
    codes = [(i.sheet, i.code) for i in result.report.issues]
    assert ("Stabat", "sheet-hidden") in codes
    assert ("Bahorok", "totals-row") in codes
    assert ("Keterangan", "sheet-skipped") in codes


def test_population_duplicates_are_reported_not_merged(tmp_path):
    path = write_rows(
        tmp_path / "dukcapil.csv",
        [
            [
                "NIK",
                "NO_KK",
                "NAMA_LGKP",
                "JENIS_KLMIN",
                "TMPT_LHR",
                "TGL_LHR",
                "STAT_HBKEL",
                "NO_PROP",
                "NO_KAB",
                "NO_KEC",
                "NO_KEL",
                "STAT_HIDUP",
            ],
            [
                "1205014107850001",
                "1205012003150004",
                "SITI",
                "2",
                "STABAT",
                "01-07-1985",
                "3",
                "12",
                "5",
                "1",
                "2002",
                "1",
            ],
            [
                "1205014107850001",
                "1205012003150004",
                "SITI LAGI",
                "2",
                "STABAT",
                "01-07-1985",
                "3",
                "12",
                "5",
                "1",
                "2002",
                "1",
            ],
            [
                "1205013207850001",
                "1205012003150004",
                "TANGGAL SALAH",
                "2",
                "",
                "",
                "4",
                "12",
                "5",
                "1",
                "2002",
                "1",
            ],
        ],
    )
    result = read(path)
    assert result.adapter == "dukcapil"
    [person] = result.records
    assert isinstance(person, Person)
    assert person.address.kecamatan_code == "12.05.01"
    assert person.address.desa_code == "12.05.01.2002"
    assert person.relationship is sibaso.Relationship.ISTRI
    report = result.report
    assert (report.rows, report.usable, report.rejected) == (3, 1, 2)
    assert {i.code for i in report.errors} >= {"duplicate-nik", "nik-date"}


def test_household_roster(tmp_path):
    path = write_rows(
        tmp_path / "bdt.csv",
        [
            [
                "IDBDT",
                "IDARTBDT",
                "Nama",
                "JnsKel",
                "TmpLahir",
                "TglLahir",
                "Hub_KRT",
                "NIK",
                "NoKK",
            ],
            [
                "12050000000001",
                "1",
                "AYAH",
                "1",
                "STABAT",
                "12-MAR-90",
                "1",
                "1205071203900002",
                "1205072003150001",
            ],
            [
                "12050000000001",
                "2",
                "NENEK",
                "2",
                "STABAT",
                "01-JUL-45",
                "6",
                "1205014107450001",
                "1205012003150004",
            ],
        ],
    )
    result = read(path)
    assert result.adapter == "bdt"
    first, second = result.records
    assert isinstance(first, HouseholdMember)
    assert first.household_id == second.household_id == "12050000000001"
    assert first.relationship is sibaso.Relationship.KEPALA_KELUARGA
    assert second.relationship is sibaso.Relationship.ORANG_TUA
    assert first.kk != second.kk  # one household, two KK
    assert first.birth_date == datetime.date(1990, 3, 12)


@pytest.mark.parametrize(
    "nik_header",
    ["NIK", "N I K", "NIK KTP", "NIK_KTP", "nomorNIK", "NOMOR NIK", "Nik\nPenerima", "No. NIK"],
)
@pytest.mark.parametrize(
    "kk_header", ["NO_KK", "NOKK", "No. KK", "NOMOR KK", "NOKK_DTKS", "nokk_kpm"]
)
@pytest.mark.parametrize(
    "name_header", ["NAMA_LGKP", "NAMA_PENERIMA", "NAMA KPM", "Nama", "NAMA PENRIMA"]
)
def test_header_spellings(tmp_path, nik_header, kk_header, name_header):
    path = write_rows(
        tmp_path / "list.csv",
        [
            ["No", name_header, nik_header, kk_header, "KECAMATAN"],
            ["1", "SITI", "1205014107850001", "1205012003150004", "BAHOROK"],
        ],
        delimiter=";",
    )
    result = read(path, programme="pkh")
    [record] = result.records
    assert record.nik.value == "1205014107850001"
    assert record.kk.value == "1205012003150004"
    assert record.name == "SITI"


def test_whole_file_failures(tmp_path):
    no_nik = write_rows(tmp_path / "x.csv", [["NAMA", "ALAMAT"], ["SITI", "X"]])
    with pytest.raises(SourceError) as info:
        read(no_nik, programme="PKH")
    assert info.value.code == "no-nik-column" and "x.csv" in str(info.value)
    unknown = write_rows(tmp_path / "y.csv", [["NIK", "NAMA"], ["1205014107850001", "SITI"]])
    with pytest.raises(SourceError) as info:
        read(unknown)
    assert info.value.code == "unknown-layout"
    with pytest.raises(SourceError) as info:
        read(tmp_path / "missing.xlsx")
    assert info.value.code == "not-found"


def test_report_exports(tmp_path):
    result = read(pbijk_workbook(tmp_path / "pbi.xlsx"))
    data = json.loads(result.report.to_json())
    assert set(data) == {
        *("file", "adapter", "programme", "kind", "evidence"),
        *("rows", "usable", "rejected", "issues"),
    }
    assert set(data["issues"][0]) == {"sheet", "row", "column", "code", "severity", "message"}
    out = result.report.write_xlsx(tmp_path / "out" / "report.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Masalah"
    values = [c.value for row in wb.worksheets[0].iter_rows() for c in row]
    assert "nik-precision" in values


def test_report_rejected_rows_are_formula_safe(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        SIKS_HEADER + '\n=HYPERLINK("x")|NULL|NULL|BNI|PKH|A|B|C|D|E|F|G\n', encoding="utf-8"
    )
    result = read(path)
    out = result.report.write_xlsx(tmp_path / "r.xlsx")
    wb = load_workbook(out)
    rejected = wb.worksheets[1]
    cells = [c.value for row in rejected.iter_rows() for c in row]
    assert '\'=HYPERLINK("x")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


# --- properties ----------------------------------------------------------------------------

row_values = st.one_of(
    strategies.niks(),
    st.text(alphabet="0123456789 .'-", max_size=20),
    st.sampled_from(["NULL", "", "1.2E+15", "-"]),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(st.lists(st.tuples(row_values, st.text(alphabet="ABCDE ", max_size=8)), max_size=30))
def test_every_row_is_stored_or_reported(tmp_path, rows):
    path = write_rows(
        tmp_path / "prop.csv", [["NIK", "NAMA", "NOKK"]] + [[n, name, ""] for n, name in rows]
    )
    result = read(path, programme="KIS")
    report = result.report
    assert report.usable + report.rejected == report.rows
    assert len(result.records) == report.usable
    rejected_rows = {i.row for i in report.errors}
    stored_rows = {r.provenance.row for r in result.records}
    assert not rejected_rows & stored_rows
    data_lines = {i + 2 for i, (n, name) in enumerate(rows) if n != "" or name != ""}
    assert stored_rows | rejected_rows == data_lines
    assert len(data_lines) == report.rows


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(st.lists(strategies.persons(), min_size=1, max_size=10, unique_by=lambda p: p.nik.value))
def test_population_export_import_round_trip(tmp_path, persons):
    rows = [["NIK", "NO_KK", "NAMA_LGKP", "JENIS_KLMIN", "TGL_LHR", "STAT_HBKEL"]]
    codes = {r: str(i) for i, r in enumerate(sibaso.Relationship, start=1)}
    for p in persons:
        rows.append(
            [
                p.nik.value,
                p.kk.value,
                p.name,
                "1" if p.sex.value == "L" else "2",
                p.birth_date.strftime("%d-%m-%Y"),
                codes[p.relationship],
            ]
        )
    result = read(write_rows(tmp_path / "pop.csv", rows))
    back = {p.nik: p for p in result.records}
    assert result.report.rejected == 0
    for p in persons:
        got = back[p.nik]
        assert (got.name, got.sex, got.birth_date, got.kk, got.relationship) == (
            p.name,
            p.sex,
            p.birth_date,
            p.kk,
            p.relationship,
        )


def test_summary_says_how_many_rejected_rows_are_not_recipients(tmp_path):
    result = read(dapodik_workbook(tmp_path / "dapodik.xlsx"))
    assert result.report.not_data == 1
    assert "1 di antaranya bukan penerima" in result.report.summary()
    assert "1 of them not recipients" in result.report.summary("en")
