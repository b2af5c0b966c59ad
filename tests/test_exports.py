"""The seeded export writers: files open, headers and rows match the truth, faults on and off."""

from __future__ import annotations

import csv
import datetime
import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from sibaso.core import nik as nik_rules
from sibaso.testing import Population, exports
from sibaso.testing.exports import FAULTS, ExportTruth, TruthRow

KINDS = (
    "pkh",
    "sembako",
    "pbijk",
    "dapodik",
    "dukcapil_csv",
    "dukcapil_xlsx",
    "opensid",
    "bdt",
    "rtlh",
    "kks",
    "dtks",
)
NIK_COLUMN = {
    "pkh": "NIK",
    "sembako": "NIK",
    "pbijk": "NIK_KTP",
    "dapodik": "NIK",
    "dukcapil_csv": "NIK",
    "dukcapil_xlsx": "NIK",
    "opensid": "NIK",
    "bdt": "NIK",
    "rtlh": "nomorNIK",
    "kks": "NIK",
    "dtks": "NIK",
}
EXPECTED_FAULTS = {
    "pkh": {"nik-typo-digit", "nik-swapped", "nik-excel-zeroed", "duplicate-row", "name-typo"},
    "sembako": {"nik-typo-digit", "nik-swapped", "nik-excel-zeroed", "duplicate-row", "name-typo"},
    "pbijk": {"nik-excel-zeroed", "nik-apostrophe", "nik-null", "nik-scientific", "card-as-number"},
    "dapodik": {"nisn-as-number", "missing-nik"},
    "dukcapil_csv": {"date-indonesian", "nik-apostrophe"},
    "dukcapil_xlsx": {"date-serial", "nik-as-number"},
    "opensid": {"nik-apostrophe", "nik-temporary"},
    "bdt": {"missing-nik", "nik-scientific", "nik-typo-digit"},
    "rtlh": {"nik-typo-digit", "nik-apostrophe", "missing-nik"},
    "kks": {"nik-label", "nik-swapped", "nik-spaced"},
    "dtks": {"nik-typo-digit", "missing-nik", "date-oracle"},
}
Written = dict[str, tuple[Path, ExportTruth]]


@pytest.fixture(scope="module")
def population() -> Population:
    return Population.generate(persons=300, seed=11)


@pytest.fixture(scope="module")
def faulty(population: Population, tmp_path_factory: pytest.TempPathFactory) -> Written:
    return exports.write_all(tmp_path_factory.mktemp("faulty"), population, seed=7)


@pytest.fixture(scope="module")
def again(population: Population, tmp_path_factory: pytest.TempPathFactory) -> Written:
    return exports.write_all(tmp_path_factory.mktemp("again"), population, seed=7)


@pytest.fixture(scope="module")
def clean(population: Population, tmp_path_factory: pytest.TempPathFactory) -> Written:
    return exports.write_all(tmp_path_factory.mktemp("clean"), population, seed=7, faults=False)


# --- reading the files back with the standard tools -----------------------------------------


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.classes: list[list[str | None]] = []
        self._cell: list[str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._in_title = True
            self.rows.append([])
            self.classes.append([])
        elif tag == "tr":
            self.rows.append([])
            self.classes.append([])
        elif tag in ("td", "th"):
            self._cell = []
            self.classes[-1].append(dict(attrs).get("class"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "h3":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_title:
            self.rows[-1].append(data)


@functools.lru_cache(maxsize=64)
def read_back(path: Path) -> dict[tuple[str | None, int], list[object]]:
    """Every non-empty row of the file by (sheet, row), as csv, openpyxl or html.parser see it."""
    out: dict[tuple[str | None, int], list[object]] = {}
    if path.suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters="|;,").delimiter
        for number, row in enumerate(csv.reader(text.splitlines(), delimiter=delimiter), 1):
            out[None, number] = list(row)
    elif path.suffix == ".xls":
        parser = _Tables()
        parser.feed(path.read_text(encoding="utf-8"))
        for number, row in enumerate(parser.rows, 1):
            out[None, number] = list(row)
    else:
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for number, row in enumerate(ws.iter_rows(values_only=True), 1):
                if any(v not in (None, "") for v in row):
                    out[ws.title, number] = list(row)
    return out


def as_text(value: object) -> str:
    return "" if value is None else str(value)


# --- every writer -------------------------------------------------------------------------


def test_write_all_names_every_file(faulty: Written) -> None:
    assert set(faulty) == set(KINDS)
    names = {path.name for path, _ in faulty.values()}
    assert {"pkh_siksng_2024.csv", "sembako_siksng_2024.csv", "pbijk_2024.xlsx"} <= names
    assert {"kip_dapodik_sd050123.xlsx", "dukcapil_langkat.csv", "opensid_penduduk.xls"} <= names
    assert {"bdt_2015.xlsx", "rtlh_usulan_2025.xlsx", "kks_2024.csv", "dtks_2024.xlsx"} <= names
    for path, truth in faulty.values():
        assert path.is_file()
        assert truth.rows


@pytest.mark.parametrize("kind", KINDS)
def test_rows_in_file_are_the_truth(faulty: Written, kind: str) -> None:
    path, truth = faulty[kind]
    found = read_back(path)
    data = {(r.sheet, r.row) for r in truth.rows}
    other = {(r.sheet, r.row) for r in truth.non_data_rows}
    assert not data & other
    assert len(data) == len(truth.rows)
    assert set(found) - other == data
    column = truth.header.index(NIK_COLUMN[kind])
    for row in truth.rows:
        assert as_text(found[row.sheet, row.row][column]) == as_text(row.written)
        assert row.fault is None or row.fault in FAULTS


@pytest.mark.parametrize("kind", sorted(set(KINDS) - {"dapodik"}))
def test_header_texts(faulty: Written, kind: str) -> None:
    path, truth = faulty[kind]
    found = read_back(path)
    headers = [r for r in truth.non_data_rows if r.kind == "header"]
    assert headers
    for header in headers:
        cells = [as_text(v) for v in found[header.sheet, header.row]]
        assert cells[: len(truth.header)] == list(truth.header)


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_same_bytes(faulty: Written, again: Written, kind: str) -> None:
    (path, truth), (path2, truth2) = faulty[kind], again[kind]
    assert path.read_bytes() == path2.read_bytes()
    assert truth == truth2
    assert read_back(path) == read_back(path2)


def test_another_seed_another_file(population: Population, tmp_path: Path) -> None:
    one = exports.siksng_csv(tmp_path / "a.csv", population, seed=1)
    two = exports.siksng_csv(tmp_path / "b.csv", population, seed=2)
    assert (tmp_path / "a.csv").read_bytes() != (tmp_path / "b.csv").read_bytes()
    assert [r.nik for r in one.rows] != [r.nik for r in two.rows]


@pytest.mark.parametrize("kind", KINDS)
def test_faults_present_when_asked(faulty: Written, kind: str) -> None:
    truth = faulty[kind][1]
    assert set(truth.faults()) >= EXPECTED_FAULTS[kind]
    assert truth.clean_rows()
    for row in truth.clean_rows():
        assert row.recoverable
        assert row.written == row.nik


@pytest.mark.parametrize("kind", KINDS)
def test_no_faults_when_not_asked(clean: Written, faulty: Written, kind: str) -> None:
    path, truth = clean[kind]
    assert not truth.faults()
    assert all(r.recoverable and r.written == r.nik for r in truth.rows)
    assert {r.nik for r in truth.rows} == {r.nik for r in faulty[kind][1].rows}
    if path.suffix == ".csv":
        clean_lines = set(path.read_text(encoding="utf-8-sig").splitlines())
        faulty_path, faulty_truth = faulty[kind]
        lines = faulty_path.read_text(encoding="utf-8-sig").splitlines()
        for row in faulty_truth.clean_rows():
            assert lines[row.row - 1] in clean_lines


def test_recoverable_follows_the_nik_rules(faulty: Written) -> None:
    for _, truth in faulty.values():
        for row in truth.rows:
            try:
                readable = nik_rules.parse(row.written, strict=False).value == row.nik
            except Exception:
                readable = False
            assert row.recoverable is readable
            if row.fault in ("nik-apostrophe", "nik-spaced", "date-oracle", "name-typo"):
                assert row.recoverable
            if row.fault in ("nik-null", "nik-scientific", "missing-nik", "nik-excel-zeroed"):
                assert not row.recoverable
        assert truth.readable_niks() == {r.nik for r in truth.rows if r.recoverable}


def test_fault_codes_are_checked() -> None:
    with pytest.raises(ValueError, match="Unknown fault"):
        TruthRow(sheet=None, row=2, nik=None, fault="nik-sideways")


# --- what each fault looks like -------------------------------------------------------------


def test_nik_faults_look_real(faulty: Written) -> None:
    rows = [r for _, truth in faulty.values() for r in truth.rows]
    by = {code: [r for r in rows if r.fault == code] for code in FAULTS}
    for r in by["nik-typo-digit"]:
        assert isinstance(r.written, str)
        assert r.nik is not None
        assert sum(a != b for a, b in zip(r.written, r.nik, strict=True)) == 1
    for r in by["nik-swapped"]:
        assert isinstance(r.written, str)
        assert r.nik is not None
        assert r.written != r.nik
        assert sorted(r.written) == sorted(r.nik)
        diff = [i for i in range(16) if r.written[i] != r.nik[i]]
        assert len(diff) == 2
        assert diff[1] == diff[0] + 1
    for r in by["nik-excel-zeroed"]:
        assert str(r.written) == r.nik[:15] + "0" != r.nik  # type: ignore[index]
    for r in by["nik-scientific"]:
        assert re.fullmatch(r"\d\.\d{5}E\+15", str(r.written))
    for r in by["nik-apostrophe"]:
        assert r.written == "'" + str(r.nik)
    for r in by["nik-null"]:
        assert r.written == "NULL"
    for r in by["missing-nik"]:
        assert r.written is None
    for r in by["nik-label"]:
        assert str(r.written).startswith("NIK")
        assert str(r.written).endswith(str(r.nik))
    for r in by["nik-temporary"]:
        assert str(r.written).startswith("0")
        assert len(str(r.written)) == 16
    for r in by["nik-as-number"]:
        assert r.written == int(str(r.nik))


def test_siksng_duplicate_and_name_typo(faulty: Written) -> None:
    path, truth = faulty["pkh"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("|") == list(exports.SIKSNG_HEADER)
    for row in truth.with_fault("duplicate-row"):
        assert lines[row.row - 1] == lines[row.row - 2]
        assert truth.at(row.row - 1) is not None
    for row in truth.with_fault("name-typo"):
        assert lines[row.row - 1].split("|")[0] != row.name
    cells = [line.split("|") for line in lines[1:]]
    assert {c[4] for c in cells} == {"PKH"}
    assert {c[3] for c in cells} <= {"BNI", "BRI", "MANDIRI", "BSI", "POS"}
    assert faulty["sembako"][1].programme == "SEMBAKO"


def test_siksng_names_the_pengurus(population: Population, faulty: Written) -> None:
    by_nik = {p.nik.value: p for p in population.persons}
    wives = 0
    for row in faulty["pkh"][1].rows:
        person = by_nik[row.nik]  # type: ignore[index]
        wives += person.relationship is not None and person.relationship.value == "istri"
        assert person.relationship is not None
        assert person.relationship.value in ("istri", "kepala keluarga")
    assert wives


def test_pbijk_layout(faulty: Written) -> None:
    path, truth = faulty["pbijk"]
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "DAFTAR PESERTA PBI-JK KABUPATEN LANGKAT"
    assert ws["A2"].value == "Posisi Data : Januari 2025"
    assert all(c.value is None for c in ws[3])
    assert [c.value for c in ws[4]] == list(exports.PBIJK_HEADER)
    assert truth.rows[0].row == 5
    numbered = {r.row for r in truth.with_fault("card-as-number")}
    for row in truth.rows:
        card = ws.cell(row.row, 3).value
        if row.row in numbered:
            assert isinstance(card, int)
            assert len(str(card)) < 13
        else:
            assert isinstance(card, str)
            assert len(card) == 13
            assert card.startswith("000")
    for row in truth.with_fault("nik-excel-zeroed"):
        assert isinstance(ws.cell(row.row, 4).value, int)


def test_pbijk_and_bdt_share_member_ids(faulty: Written) -> None:
    pbi = openpyxl.load_workbook(faulty["pbijk"][0]).active
    bdt = openpyxl.load_workbook(faulty["bdt"][0]).active
    bdt_ids = {r.nik: bdt.cell(r.row, 2).value for r in faulty["bdt"][1].rows}
    shared = 0
    for row in faulty["pbijk"][1].rows:
        value = pbi.cell(row.row, 6).value
        if value is not None:
            assert bdt_ids[row.nik] == value
            shared += 1
    assert shared


def test_dapodik_two_row_header(faulty: Written) -> None:
    path, truth = faulty["dapodik"]
    ws = openpyxl.load_workbook(path)["Daftar Peserta Didik"]
    titles = [ws.cell(r, 1).value for r in range(1, 8)]
    assert titles[0] == "Daftar Peserta Didik"
    assert titles[1] == "SD NEGERI 050123 STABAT"
    assert titles[2:5] == [
        "Kecamatan : Kec. Stabat",
        "Kabupaten : Kab. Langkat",
        "Provinsi : Prov. Sumatera Utara",
    ]
    assert titles[5].startswith("Tanggal Unduh:")
    assert titles[6].startswith("Pengguna")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A9:A10", "H9:H10", "Y9:AD9", "AE9:AJ9", "AK9:AP9", "AQ9:AQ10", "BI9:BI10"} <= merged
    assert ws["G9"].value == "Tanggal\nLahir"
    assert [ws["Y9"].value, ws["AE9"].value, ws["AK9"].value] == [
        "Data Ayah",
        "Data Ibu",
        "Data Wali",
    ]
    assert [c.value for c in ws[10][24:30]] == [
        "Nama",
        "Tahun Lahir",
        "Jenjang Pendidikan",
        "Pekerjaan",
        "Penghasilan",
        "NIK",
    ]
    assert ws["BI9"].value == "No KK"
    assert "Data Ibu / NIK" in truth.header
    assert truth.rows[0].row == 11
    kip = truth.header.index("Penerima KIP")
    number = truth.header.index("Nomor KIP")
    for row in truth.rows:
        cells = [c.value for c in ws[row.row]]
        assert cells[kip] == ("Ya" if row.recipient else "Tidak")
        assert (cells[number] is not None) is bool(row.recipient)
        assert cells[3] in ("L", "P")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", cells[6])
        if row.fault == "nisn-as-number":
            assert isinstance(cells[4], int)
            assert len(str(cells[4])) == 9
        else:
            assert isinstance(cells[4], str)
            assert len(cells[4]) == 10
    assert any(r.recipient for r in truth.rows)
    assert not all(r.recipient for r in truth.rows)


def test_dapodik_pupils_are_school_age_children(population: Population, faulty: Written) -> None:
    by_nik = {p.nik.value: p for p in population.persons}
    ws = openpyxl.load_workbook(faulty["dapodik"][0]).active
    header = faulty["dapodik"][1].header
    father = header.index("Data Ayah / NIK")
    for row in faulty["dapodik"][1].rows:
        child = by_nik[row.nik]  # type: ignore[index]
        assert child.relationship is not None
        assert child.relationship.value == "anak"
        assert child.birth_date is not None
        age = (datetime.date(2025, 1, 15) - child.birth_date).days // 365
        assert 6 <= age <= 13
        dad = ws.cell(row.row, father + 1).value
        if dad is not None:
            assert by_nik[dad].kk == child.kk


def test_dukcapil_csv_and_xlsx(faulty: Written, clean: Written) -> None:
    path, truth = clean["dukcapil_csv"]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(truth.rows)
    assert all(re.fullmatch(r"\d\d-\d\d-\d{4}", r["TGL_LHR"]) for r in rows)
    assert {r["NO_PROP"] for r in rows} == {"12"}
    assert {r["NO_KAB"] for r in rows} == {"5"}
    assert {r["JENIS_KLMIN"] for r in rows} == {"1", "2"}
    assert {r["STAT_HBKEL"] for r in rows} >= {"1", "3", "4"}
    ws = openpyxl.load_workbook(faulty["dukcapil_xlsx"][0]).active
    serial = {r.row for r in faulty["dukcapil_xlsx"][1].with_fault("date-serial")}
    for row in faulty["dukcapil_xlsx"][1].rows:
        born = ws.cell(row.row, 6).value
        assert isinstance(born, int if row.row in serial else datetime.datetime)
        assert isinstance(ws.cell(row.row, 9).value, int)
    faults = faulty["dukcapil_csv"][1]
    lines = faulty["dukcapil_csv"][0].read_text(encoding="utf-8").splitlines()
    for row in faults.with_fault("date-indonesian"):
        assert re.search(r",\d\d [A-Z]+ \d{4},", lines[row.row - 1])


def test_opensid_html(faulty: Written, population: Population) -> None:
    path, truth = faulty["opensid"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<html><head><meta charset=utf-8>")
    assert "<table border=1>" in text
    parser = _Tables()
    parser.feed(text)
    assert parser.rows[0][0].startswith("Data Penduduk ")
    assert parser.rows[1] == list(exports.OPENSID_HEADER)
    assert len(parser.rows) == 2 + len(truth.rows)
    for row in truth.rows:
        cell_class = parser.classes[row.row - 1][1]
        if row.fault == "nik-apostrophe":
            assert cell_class is None
        else:
            assert cell_class == "textx"
    desa = {p.address.desa_code for p in population.persons if p.nik.value in truth.readable_niks()}
    assert len(desa) == 1


def test_bdt_household_codes(faulty: Written) -> None:
    path, truth = faulty["bdt"]
    ws = openpyxl.load_workbook(path).active
    households: dict[str, set[str]] = {}
    for row in truth.rows:
        cells = [c.value for c in ws[row.row]]
        assert re.fullmatch(r"\d\d-[A-Z]{3}-\d\d", cells[5])
        assert cells[6] in range(1, 9)
        assert cells[3] in (1, 2)
        assert str(cells[0]).startswith("1205")
        assert len(cells[0]) == 14
        households.setdefault(cells[0], set()).add(cells[8])
        if cells[6] == 1:
            assert row.kk is not None
    assert any(len(kks) > 1 for kks in households.values())


def test_rtlh_sheets(faulty: Written) -> None:
    path, truth = faulty["rtlh"]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(truth.sheets)
    assert truth.sheets[-1] == "Keterangan"
    assert len(truth.hidden_sheets) == 1
    assert wb[truth.hidden_sheets[0]].sheet_state == "hidden"
    assert any(r.sheet == truth.hidden_sheets[0] for r in truth.rows)
    assert not any(r.sheet == "Keterangan" for r in truth.rows)
    for name in truth.sheets[:-1]:
        ws = wb[name]
        rows = [r for r in truth.rows if r.sheet == name]
        totals = [r for r in truth.non_data_rows if r.sheet == name and r.kind == "totals"]
        assert len(totals) == 1
        values = [c.value for c in ws[totals[0].row]]
        assert values[0] == "JUMLAH"
        assert values[-1] == len(rows)
        assert ws.max_row > totals[0].row
        assert all(c.value is None for c in ws[ws.max_row])
        assert ws.cell(ws.max_row, 1).border.left.style == "thin"
        assert {ws.cell(r.row, 6).value for r in rows} == {name.upper()}


def test_kks_semicolons_and_commas(faulty: Written) -> None:
    path, truth = faulty["kks"]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert csv.Sniffer().sniff(text, delimiters=";,").delimiter == ";"
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[0] == list(exports.KKS_HEADER)
    assert any("," in r[1] for r in rows[1:])
    assert all(len(r) == len(exports.KKS_HEADER) for r in rows)
    assert len(rows) - 1 == len(truth.rows)


def test_dtks_layout(faulty: Written) -> None:
    path, truth = faulty["dtks"]
    ws = openpyxl.load_workbook(path).active
    months = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November"
    for row in truth.rows:
        cells = [c.value for c in ws[row.row]]
        assert cells[5] in ("LAKI-LAKI", "PEREMPUAN")
        assert cells[11] in range(1, 11)
        if row.fault == "date-oracle":
            assert re.fullmatch(r"\d\d-[A-Z]{3}-\d\d", cells[6])
        else:
            assert re.fullmatch(rf"\d\d ({months}|Desember) \d{{4}}", cells[6])


def test_bad_arguments(population: Population, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="programme"):
        exports.siksng_csv(tmp_path / "x.csv", population, programme="BLT")
    with pytest.raises(ValueError, match="share"):
        exports.kks_csv(tmp_path / "x.csv", population, share=0)
    with pytest.raises(ValueError, match="desa"):
        exports.opensid_html_xls(tmp_path / "x.xls", population, "12.05.07.2999")


def test_one_module_per_layout_and_the_package_exports_them_all():
    import importlib

    from sibaso.testing import exports

    layouts = ("siksng", "pbijk", "dapodik", "dukcapil", "opensid", "bdt", "rtlh", "kks", "dtks")
    for layout in layouts:
        module = importlib.import_module(f"sibaso.testing.exports.{layout}")
        assert module.__all__, layout
        for name in module.__all__:
            assert getattr(exports, name) is getattr(module, name)
            assert name in exports.__all__
