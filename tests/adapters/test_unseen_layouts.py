"""Layouts no built-in adapter was written for, as operators receive them from schools,
kecamatan and pendamping: they must be read as the programme lists they are."""

import csv
from pathlib import Path

import openpyxl
import pytest

import sibaso
from sibaso.adapters.layouts.known import programme_from_name
from sibaso.programmes import default_catalogue


def _csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def test_a_school_pip_list_with_birth_columns_is_not_population_data(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PENERIMA PIP TAHUN 2024"])
    sheet.append(["SD NEGERI 050123 STABAT"])
    sheet.append([])
    sheet.append(["No", "Nama Siswa", "NISN", "NIK Siswa", "Nomor KK", "Tempat Lahir"])
    sheet["G4"], sheet["H4"], sheet["I4"] = "Tanggal Lahir", "Layak PIP", "Kecamatan"
    sheet.append([1, "ANDI", "0123456789", "1205071505140001", "1205072003150001", "STABAT"])
    sheet["G5"], sheet["H5"], sheet["I5"] = "15/05/2014", "Ya", "Kec. Stabat"
    sheet.append([2, "BUDI", "0123456780", "1205071505140002", "1205072003150002", "STABAT"])
    sheet["G6"], sheet["H6"], sheet["I6"] = "01/06/2014", "Tidak", "Kec. Stabat"
    book.save(tmp_path / "daftar_sekolah.xlsx")
    result = sibaso.read(tmp_path / "daftar_sekolah.xlsx")
    assert result.adapter == "dapodik-kip"
    assert [r.nik.value for r in result.records] == ["1205071505140001"]
    assert result.records[0].address.kecamatan_name == "Stabat"  # "Kec." dropped
    assert result.report.usable + result.report.rejected == result.report.rows == 2


def test_a_pkh_list_with_a_dtks_id_is_a_pkh_list_by_its_file_name(tmp_path):
    rows = [
        ["ID_DTKS", "NAMA_PENGURUS", "NIK_PENGURUS", "NO_KK", "KOMPONEN", "NAMA_KEC", "TAHAP"],
        ["1205070001", "SITI AMINAH", "1205074107820001", "1205072003150001", "SD", "STABAT", "2"],
    ]
    result = sibaso.read(_csv(tmp_path / "pkh_pengurus_stabat.csv", rows))
    assert (result.adapter, result.programme) == ("generic", "PKH")
    assert result.records[0].address.kecamatan_name == "STABAT"
    codes = [(i.code, i.severity) for i in result.report.issues]
    assert ("programme-from-file-name", "info") in codes
    # the same file under a name that says nothing is refused clearly, not read as a roster
    with pytest.raises(sibaso.SourceError) as caught:
        sibaso.read(_csv(tmp_path / "daftar.csv", rows))
    assert caught.value.code == "unknown-layout"


def test_a_bpnt_list_of_one_kecamatan_with_kpm_headers(tmp_path):
    rows = [
        ["No.", "Nama KPM", "NIK KPM", "No. Kartu Keluarga", "Desa/Kelurahan", "Kecamatan"],
        ["1", "SITI AMINAH", "1205074107820001", "1205072003150001", "Kwala Bingai", "Stabat"],
    ]
    rows[0].append("Status Penyaluran")
    rows[1].append("Tersalur")
    result = sibaso.read(_csv(tmp_path / "BPNT Kec Stabat 2019.csv", rows, ";"))
    assert result.programme == "SEMBAKO"
    record = result.records[0]
    assert (record.programme, record.status, record.kk.value) == (
        "SEMBAKO",
        "Tersalur",
        "1205072003150001",
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("bpnt_stabat_2019.csv", "SEMBAKO"),
        ("Data PBI-JK Langkat.xlsx", "KIS"),
        ("usulan rs-rtlh 2025.xlsx", "RS-RTLH"),
        ("penerima_PKH_tahap2.csv", "PKH"),
        ("KIP SD 050123.xls", "KIP"),
        ("pkh_dan_bpnt.csv", None),  # two programmes: no guess
        ("daftar_penerima_2024.csv", None),
        ("dtks_desil1.csv", None),
    ],
)
def test_programme_from_file_name(name, code):
    found = programme_from_name(Path(name), default_catalogue())
    assert (found.code if found else None) == code


def test_an_explicit_programme_wins_over_the_file_name(tmp_path):
    rows = [["NIK", "NAMA"], ["1205074107820001", "SITI AMINAH"]]
    result = sibaso.read(_csv(tmp_path / "pkh_2024.csv", rows), programme="KKS")
    assert result.programme == "KKS"
    assert not any(i.code == "programme-from-file-name" for i in result.report.issues)


def test_a_village_population_export_with_whole_desa_codes(tmp_path):
    rows = [
        ["NIK", "NO_KK", "NAMA_LENGKAP", "JENIS_KELAMIN", "TANGGAL_LAHIR", "SHDK", "KODE_DESA"],
        ["1205074107820001", "1205072003150001", "SITI AMINAH", "PEREMPUAN", "01/07/1982"],
    ]
    rows[1] += ["ISTRI", "1205072001"]
    path = tmp_path / "penduduk_desa.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="cp1252")
    result = sibaso.read(path)
    person = result.records[0]
    assert result.adapter in ("opensid", "dukcapil")
    assert (person.address.kecamatan_code, person.address.desa_code) == (
        "12.05.07",
        "12.05.07.2001",
    )
    assert (person.sex.value, person.relationship.value) == ("P", "istri")


def test_bpjs_and_kks_exports_with_their_own_spellings(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["NOKA", "NIK", "NAMA", "TGL_LAHIR", "PISAT", "KDKEC", "NMKEC"])
    book.active.append(["0001234567890", 1205074107820001, "SITI", "1982-07-01", "1", "120507"])
    book.active["G2"] = "STABAT"
    book.save(tmp_path / "peserta_pbi_jk_2024.xlsx")
    kis = sibaso.read(tmp_path / "peserta_pbi_jk_2024.xlsx").records[0]
    assert (kis.programme, kis.address.kecamatan_code) == ("KIS", "12.05.07")
    rows = [
        ["NO", "NOMOR KKS", "NAMA PEMEGANG KKS", "NIK", "NO KK", "KECAMATAN"],
        ["1", "6013011234567890", "SITI AMINAH", "1205.0741.0782.0001", "1205072003150001", "X"],
    ]
    kks = sibaso.read(_csv(tmp_path / "kks_list.csv", rows, "\t")).records[0]
    assert (kks.programme, kks.name, kks.nik.value) == ("KKS", "SITI AMINAH", "1205074107820001")
    assert kks.details["card_number"] == "6013011234567890"


def _per_kecamatan_workbook(path: Path, sheets: dict[str, list[str]], *, in_title: bool) -> Path:
    book = openpyxl.Workbook()
    for i, (kecamatan, niks) in enumerate(sheets.items()):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = f"Kec {kecamatan.title()}" if not in_title else f"Data {i + 1}"
        sheet.append(["DAFTAR PENERIMA BANTUAN PKH TAHAP 2 TAHUN 2024"])
        if in_title:
            sheet.append(["Kecamatan", f": {kecamatan}"])
        sheet.append(["Tanggal Unduh : 12-06-2024"])
        sheet.append([])
        sheet.append(["NO", "NAMA PENGURUS", "NIK", "NO KK", "DESA"])
        for n, nik in enumerate(niks, start=1):
            sheet.append([n, f"ORANG {n}", nik, "1205072003150001", "KWALA BINGAI"])
        sheet.append(["", "JUMLAH"])
    book.save(path)
    return path


@pytest.mark.parametrize("in_title", [True, False])
def test_the_kecamatan_of_a_sheet_comes_from_its_title_or_name(tmp_path, in_title):
    sheets = {"STABAT": ["1205074107820001", "1205071203800001"], "BAHOROK": ["1205014107850001"]}
    path = _per_kecamatan_workbook(tmp_path / "pkh_tahap2.xlsx", sheets, in_title=in_title)
    result = sibaso.read(path)
    assert [r.address.kecamatan_name.upper() for r in result.records] == [
        "STABAT",
        "STABAT",
        "BAHOROK",
    ]
    notes = [i for i in result.report.issues if i.code == "region-from-title"]
    assert len(notes) == 2 and all(n.severity == "info" for n in notes)


def test_per_kecamatan_files_with_the_kecamatan_in_the_title_do_not_replace_each_other(
    tmp_path,
):
    stabat = _per_kecamatan_workbook(
        tmp_path / "pkh_stabat.xlsx", {"STABAT": ["1205074107820001"]}, in_title=True
    )
    bahorok = _per_kecamatan_workbook(
        tmp_path / "pkh_bahorok.xlsx", {"BAHOROK": ["1205014107850001"]}, in_title=True
    )
    registry = sibaso.open(":memory:")
    registry.ingest(stabat, period="2024")
    second = registry.ingest(bahorok, period="2024")
    assert second.replaced == []
    assert registry.lookup("1205074107820001").programmes == ["PKH"]
    assert registry.lookup("1205014107850001").programmes == ["PKH"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NIK/No. KTP", "nik"),
        ("NIK Kepala Keluarga", "nik"),
        ("No KK/KK", "kk"),
        ("Nama Lengkap Sesuai KTP", "name"),
        ("Tanggal Lahir (dd-mm-yyyy)", "birth_date"),
        ("Jenis Kelamin (L/P)", "sex"),
        ("Hubungan dg KK", "relationship"),
        ("Nama Desa/Kel", "desa_name"),
        ("Data Ayah / NIK", None),  # a parent's NIK in a two-row header is not the pupil's
        ("NIK Ibu", None),
    ],
)
def test_header_spellings_met_in_the_field(header, field):
    from sibaso.adapters.layouts.known import any_field_for, get_adapter

    assert any_field_for(header) == field
    assert get_adapter("generic").field_for(header) == field


# -- what an operator found with lists the developers had not seen ---------------------


def test_a_named_programme_never_turns_a_list_into_population_data(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Nama", "NIK", "No KK", "Tempat Lahir", "Tgl Lahir"])
    book.active.append(["SITI AMINAH", "1205074107820001", "1205072003150001", "STABAT"])
    book.active["E2"] = "01-07-1982"
    book.save(tmp_path / "h4.xlsx")
    registry = sibaso.open(":memory:")
    report = registry.ingest(tmp_path / "h4.xlsx", programme="PKH", period="2024")
    assert (report.read.adapter, report.stored) == ("generic", 1)
    assert registry.store.count("person") == 0  # no Dukcapil record written or overwritten
    assert registry.lookup("1205074107820001").programmes == ["PKH"]


@pytest.mark.parametrize(
    "headers",
    [
        ["Nama", "NIK", "No KK", "JK", "Tgl Lahir"],  # one BDT-ish header, no household id
        ["Kecamatan", "Desa", "Dusun", "Nama", "NIK", "No KK", "Nominal"],  # one OpenSID one
    ],
)
def test_a_single_weak_header_does_not_make_a_population_or_household_file(tmp_path, headers):
    rows = [headers, ["X"] * (len(headers))]
    rows[1][headers.index("NIK")] = "1205074107820001"
    with pytest.raises(sibaso.SourceError) as caught:
        sibaso.read(_csv(tmp_path / "daftar.csv", rows))
    assert caught.value.code == "unknown-layout"  # asks for --programme instead of guessing


def test_a_programme_column_is_enough_to_read_a_list(tmp_path):
    rows = [
        ["No", "Nama", "NIK", "No KK", "Program"],
        ["1", "SITI", "1205074107820001", "1205072003150001", "BPNT"],
        ["2", "AHMAD", "1205071203800001", "1205072003150001", "PKH"],
    ]
    result = sibaso.read(_csv(tmp_path / "daftar.csv", rows))
    assert [r.programme for r in result.records] == ["SEMBAKO", "PKH"]


def test_an_unknown_programme_in_a_row_is_flagged_not_silently_relabelled(tmp_path):
    rows = [
        ["No", "Nama", "NIK", "No KK", "Program"],
        ["1", "SITI", "1205074107820001", "1205072003150001", "BANTUAN KAMBING DESA"],
    ]
    result = sibaso.read(_csv(tmp_path / "daftar.csv", rows), programme="PKH")
    (issue,) = [i for i in result.report.issues if i.code == "programme-unknown"]
    assert issue.severity == "warning" and "BANTUAN KAMBING DESA" in issue.message


def test_rows_that_are_no_recipients_are_listed_as_such(tmp_path):
    header = ["No", "Nama", "NIK", "No KK"]
    rows = [
        header,
        ["1", "SITI", "1205074107820001", "1205072003150001"],
        header,  # the header again on the next printed page
        ["2", "AHMAD", "1205071203800001", "1205072003150001"],
        ["", "TOTAL KPM", "2", ""],
        ["", "Mengetahui,", "", ""],
        ["", "Kepala Dinas Sosial", "", ""],
        ["", "NIP. 196801011990031001", "", ""],
    ]
    result = sibaso.read(_csv(tmp_path / "pkh.csv", rows))
    assert [r.name for r in result.records] == ["SITI", "AHMAD"]
    codes = [i.code for i in result.report.issues]
    assert codes.count("header-repeated") == 1 and codes.count("totals-row") == 1
    assert codes.count("signature-block") == 3
    assert result.report.rejected == 0 and result.report.rows == 2


def test_a_bad_or_placeholder_birth_date_never_refuses_the_person(tmp_path):
    rows = [
        ["NIK", "NO_KK", "NAMA_LGKP", "JENIS_KLMIN", "TGL_LHR", "STAT_HBKEL", "STAT_HIDUP"],
        ["1205074107820001", "1205072003150001", "SITI", "2", "31/04/1982", "3", "1"],
        ["1205071203800001", "1205072003150001", "AHMAD", "1", "00-00-0000", "1", "1"],
    ]
    result = sibaso.read(_csv(tmp_path / "dukcapil.csv", rows))
    assert [p.birth_date for p in result.records] == [None, None]
    (warning,) = [i for i in result.report.issues if i.column == "TGL_LHR"]
    assert warning.severity == "warning"


def test_the_csv_formula_trick_for_long_numbers(tmp_path):
    path = tmp_path / "pkh.csv"
    path.write_text('NAMA;NIK;NO KK\nSITI;="1205074107820001";="1205072003150001"\n', "utf-8")
    (record,) = sibaso.read(path).records
    assert (record.nik.value, record.kk.value) == ("1205074107820001", "1205072003150001")


def test_of_two_nik_columns_the_recipients_is_read(tmp_path):
    rows = [
        ["No", "NIK KEPALA KELUARGA", "NAMA KEPALA KELUARGA", "NIK PENERIMA", "NAMA PENERIMA"],
        ["1", "1205071203800001", "AHMAD", "1205074107820001", "SITI AMINAH"],
    ]
    result = sibaso.read(_csv(tmp_path / "pkh.csv", rows))
    (record,) = result.records
    assert (record.nik.value, record.name) == ("1205074107820001", "SITI AMINAH")
    assert record.details["NIK KEPALA KELUARGA"] == "1205071203800001"
    ambiguous = [i for i in result.report.issues if i.code == "column-ambiguous"]
    assert {i.column for i in ambiguous} == {"NIK KEPALA KELUARGA", "NAMA KEPALA KELUARGA"}
    assert "bukan penerima" not in result.report.summary()


def test_a_sex_column_that_contradicts_the_nik_is_flagged(tmp_path):
    rows = [
        ["NIK", "NO_KK", "NAMA_LGKP", "JENIS_KLMIN", "STAT_HBKEL", "STAT_HIDUP"],
        ["1205074107820001", "1205072003150001", "SITI", "Lk", "3", "1"],  # day 41: a woman
    ]
    result = sibaso.read(_csv(tmp_path / "dukcapil.csv", rows))
    (person,) = result.records
    (issue,) = [i for i in result.report.issues if i.code == "sex-mismatch"]
    assert issue.severity == "warning" and "1205074107820001" not in issue.message
    assert person.sex.value == "L"  # the column is kept as written; the operator checks


def test_group_labels_above_the_nik_row_keep_every_column(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PENERIMA BANTUAN SOSIAL"])
    sheet.append(["No", "Data Pasangan", None, "Data Penerima", None, None, "Program", "Alamat"])
    sheet.append([None, "Nama", "NIK", "Nama", "NIK", "No KK", None, None])
    sheet.append([1, "AHMAD", "1205071203800001", "SITI", "1205074107820001", "1205072003150001"])
    sheet["G4"], sheet["H4"] = "PKH", "DUSUN I"
    for cells in ("A2:A3", "B2:C2", "D2:F2", "G2:G3", "H2:H3"):
        sheet.merge_cells(cells)
    book.save(tmp_path / "daftar.xlsx")
    result = sibaso.read(tmp_path / "daftar.xlsx")
    (record,) = result.records
    assert (record.programme, record.nik.value, record.name) == ("PKH", "1205074107820001", "SITI")
    assert record.address.street == "DUSUN I"
    assert record.details["Data Pasangan / NIK"] == "1205071203800001"


def test_a_programme_named_against_the_files_own_is_pointed_out(tmp_path):
    kks = [
        ["NOMOR KKS", "NAMA PEMEGANG KKS", "NIK", "NO KK"],
        ["6013011234567890", "SITI", "1205074107820001", "1205072003150001"],
    ]
    relabelled = sibaso.read(_csv(tmp_path / "kks.csv", kks), programme="PKH")
    assert [r.programme for r in relabelled.records] == ["PKH"]  # as asked …
    (issue,) = [i for i in relabelled.report.issues if i.code == "programme-override"]
    assert issue.severity == "warning" and "KKS" in issue.message  # … but not silently
    siks = "NAMA_PENERIMA|NIK|NOKK|BANSOS|KEC_NAME\n"
    siks += "SITI|1205074107820001|1205072003150001|PKH|STABAT\n"
    siks += "AHMAD|1205071203800001|1205072003150001|PKH|STABAT\n"
    (tmp_path / "pkh.csv").write_text(siks, encoding="utf-8")
    registry = sibaso.open(":memory:")
    report = registry.ingest(tmp_path / "pkh.csv", programme="KIP", period="2024")
    assert report.read.programme == "PKH"  # the report says what was stored
    differs = [i for i in report.read.issues if i.code == "programme-differs"]
    assert len(differs) == 1  # once, not once per row


def test_a_recap_sheet_beside_the_list_is_skipped_not_rejected(tmp_path):
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    data.append(["NAMA", "NIK", "NO KK", "KECAMATAN"])
    data.append(["SITI", "1205074107820001", "1205072003150001", "STABAT"])
    recap = book.create_sheet("REKAP")
    recap.append(["KECAMATAN", "JUMLAH KPM", "NIK", "NO KK"])
    recap.append(["STABAT", 1, 1, 1])
    recap.append(["BAHOROK", 0, 0, 0])
    book.save(tmp_path / "pkh_2024.xlsx")
    result = sibaso.read(tmp_path / "pkh_2024.xlsx")
    assert [r.name for r in result.records] == ["SITI"]
    assert (result.report.rows, result.report.rejected) == (1, 0)
    (skipped,) = [i for i in result.report.issues if i.code == "sheet-skipped"]
    assert skipped.sheet == "REKAP"


def test_exports_of_bpjs_dtsen_and_e_warong(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["NOKA", "PISAT", "NIK", "NMPST", "TGLLHR", "KDKEC"])
    book.active.append([1234567890, 2, "1205074107820001", "SITI AMINAH", 19820701, "120507"])
    book.save(tmp_path / "peserta.xlsx")
    (kis,) = sibaso.read(tmp_path / "peserta.xlsx").records
    assert (kis.programme, kis.name, kis.details["card_number"]) == (
        "KIS",
        "SITI AMINAH",
        "0001234567890",  # the zeros Excel ate, restored (with a warning)
    )
    assert kis.birth_date.isoformat() == "1982-07-01"
    dtsen = [
        ["ID_KELUARGA", "ID_INDIVIDU", "NIK", "NO_KK", "NAMA", "HUBUNGAN_KK", "KODE_WILAYAH"],
        ["K1", "I1", "1205074107820001", "1205072003150001", "SITI", "2", "1205072001"],
        ["K1", "I2", "1205070105150001", "1205072003150001", "RIZKY", "3", "1205072001"],
    ]
    members = sibaso.read(_csv(tmp_path / "dtsen.csv", dtsen)).records
    assert [m.relationship.value for m in members] == ["istri", "anak"]  # BDT codes, not SIAK's
    ewarong = [
        ["NO", "NAMA_KPM", "NIK_KPM", "NOKK", "NAMA_EWARONG", "NOMINAL", "KEC", "DESA"],
        [
            "1",
            "SITI",
            "1205074107820001",
            "1205072003150001",
            "E-WARONG MAJU",
            "200000",
            "STABAT",
            "X",
        ],
    ]
    (sembako,) = sibaso.read(_csv(tmp_path / "daftar_tahap3.csv", ewarong)).records
    assert sembako.programme == "SEMBAKO"


def test_metadata_rows_right_above_the_header_are_not_taken_for_group_labels(tmp_path):
    book = openpyxl.Workbook()
    for row in (
        ["DAFTAR PENERIMA PKH"],
        ["Kecamatan : STABAT     Desa : KWALA BEGUMIT"],
        ["Kecamatan", ": STABAT"],
        ["NO", "NAMA PENERIMA", "NIK", "NO KK", "KET"],
        [1, "SITI AMINAH", "1205074107820001", "1205072003150001", "x"],
    ):
        book.active.append(row)
    book.save(tmp_path / "pkh_t1.xlsx")
    (record,) = sibaso.read(tmp_path / "pkh_t1.xlsx").records
    assert (record.address.kecamatan_name, record.address.desa_name) == ("STABAT", "KWALA BEGUMIT")
    assert record.details["NO"] == "1"


def test_a_file_named_for_a_programme_is_a_list_even_with_birth_columns(tmp_path):
    rows = [
        ["NO", "NIK", "NO. KK", "NAMA PESERTA", "TEMPAT LAHIR", "TANGGAL LAHIR", "JENIS KELAMIN"],
        ["1", "1205074107820001", "1205072003150001", "SITI", "STABAT", "01 Juli 1982", "P"],
    ]
    (record,) = sibaso.read(_csv(tmp_path / "pkh_kwala_begumit.csv", rows)).records
    assert record.programme == "PKH"


def test_one_sheet_per_kecamatan_named_only_in_a_title_sentence(tmp_path):
    book = openpyxl.Workbook()
    for i, (kecamatan, nik) in enumerate(
        (("STABAT", "1205074107820001"), ("SEI BINGAI", "1205044107820001"))
    ):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = str(i + 1)
        sheet.append([f"DAFTAR PENERIMA PKH KECAMATAN {kecamatan} TAHAP II TAHUN 2025"])
        sheet.append(["NO", "NAMA PENERIMA", "NIK", "NO KK", "DESA"])
        sheet.append([1, "SITI", nik, "1205072003150001", "X"])
    book.save(tmp_path / "daftar_penerima_tahap2.xlsx")
    result = sibaso.read(tmp_path / "daftar_penerima_tahap2.xlsx")
    assert result.programme == "PKH"
    assert [r.address.kecamatan_name for r in result.records] == ["STABAT", "SEI BINGAI"]
    assert "bukan penerima" not in result.report.summary()
