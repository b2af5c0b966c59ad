"""A NIK that cannot be used (Excel's scientific notation, a dummy) rejects its row unless
another key (No. KK, household id) makes the row usable; then the report says which key."""

import csv

from sibaso.adapters.pipeline.read import read
from sibaso.adapters.records.cells import unusable_identifier

SIKS_HEADER = (
    "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|"
    "KEL_NAME|ALAMAT|status|kode_batch_penyaluran"
)
TAIL = "BNI|PKH|SUMATERA UTARA|LANGKAT|STABAT|PAYA MABAR|DUSUN I|AKTIF|B001"


def siks(tmp_path, rows):
    path = tmp_path / "siks.csv"
    path.write_text(
        SIKS_HEADER + "\n" + "".join(f"{name}|{nik}|{kk}|{TAIL}\n" for name, nik, kk in rows),
        encoding="utf-8",
    )
    return read(path)


def codes_by_row(report):
    out: dict[int, dict[str, str]] = {}
    for issue in report.issues:
        out.setdefault(issue.row, {})[issue.code] = issue.severity
    return out


def test_excel_rounded_nik_with_kk_is_usable_and_names_the_key(tmp_path):
    result = siks(
        tmp_path,
        [
            ("SITI AMINAH", "1205014107850001", "1205012003150004"),  # row 2: fine
            ("RUDI", "1.20507E+15", "1205072003150001"),  # row 3: rounded, KK → usable
            ("BUDI", "1.20507E+15", ""),  # row 4: rounded, nothing else → rejected
            ("ANI", "1205070000000000", ""),  # row 5: a dummy → rejected
            ("DEWI", "1205070000000000", "1205072003150001"),  # row 6: dummy, KK → usable
        ],
    )
    report = result.report
    assert report.rows == 5
    assert (report.usable, report.rejected) == (3, 2)
    assert report.usable + report.rejected == report.rows
    codes = codes_by_row(report)
    assert codes[3]["nik-unusable-used-kk"] == "warning"
    assert codes[4]["nik-unusable"] == "error"
    assert codes[5]["nik-unusable"] == "error"
    assert codes[6]["nik-unusable-used-kk"] == "warning"
    rudi = next(r for r in result.records if r.name == "RUDI")
    assert rudi.nik is None and rudi.kk.value == "1205072003150001"
    used = next(i for i in report.issues if i.row == 3 and i.code == "nik-unusable-used-kk")
    assert "No. KK" in used.message and used.column == "NIK"
    rejected = next(i for i in report.issues if i.row == 4 and i.code == "nik-unusable")
    assert "1.20507E+15" in rejected.message


def test_a_number_nik_excel_zeroed_stays_usable_for_the_padan(tmp_path):
    # 16 digits kept as a number: only the 16th may be lost, the padan recovers it by name.
    path = tmp_path / "siks.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write(SIKS_HEADER + "\n" + f"BUDI SANTOSO|1205010203800000||{TAIL}\n")
    report = read(path).report
    assert (report.rows, report.usable, report.rejected) == (1, 1, 0)


def test_household_roster_member_with_a_dummy_nik_is_kept_by_household_id(tmp_path):
    path = tmp_path / "bdt.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(
            [
                ["IDBDT", "IDARTBDT", "Nama", "JnsKel", "TglLahir", "Hub_KRT", "NIK", "NoKK"],
                ["12050000000001", "1", "AYAH", "1", "12-03-1990", "1", "1.20507E+15", ""],
            ]
        )
    result = read(path)
    report = result.report
    assert (report.rows, report.usable, report.rejected) == (1, 1, 0)
    assert codes_by_row(report)[2]["nik-unusable-used-household"] == "warning"


def test_unusable_identifier_examples():
    assert unusable_identifier("1.20507E+15")
    assert unusable_identifier("1,20501E+15")
    assert unusable_identifier("1205070000000000")  # no birth date, no serial
    assert unusable_identifier("9999999999999999")
    assert not unusable_identifier("1205010203800000")  # 16th digit zeroed: recoverable
    assert not unusable_identifier("1205010230800002")  # a typo: recoverable
    assert not unusable_identifier(None)
