"""The bulk path (polars) answers only where the general path would: same record, no remark.

Every property compares the two paths on the same rows: what the bulk path vouches for is
what :meth:`RowConverter.convert` makes without a remark, and a whole file reads to the same
records and the same report (every issue of every row) with and without it.
"""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sibaso
from sibaso.adapters.layouts.known import get_adapter
from sibaso.adapters.pipeline import bulk, read
from sibaso.adapters.records.convert import RowConverter
from sibaso.core import text as core_text
from sibaso.core.model import Period
from sibaso.programmes import default_catalogue, resolve
from sibaso.testing.exports import BDT_HEADER, DUKCAPIL_HEADER, OPENSID_HEADER, write_all
from sibaso.testing.synthetic import Population

from .test_golden import KINDS

polars = pytest.importorskip("polars", reason="the bulk path needs the fast extra (polars)")


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk")
    return write_all(folder, Population.generate(persons=400, seed=3), seed=8)


def _general_only(monkeypatch):
    monkeypatch.setattr(read, "bulk_reader", lambda conv: None)


def _summary(result):
    records = [(r, r.provenance, getattr(r, "details", None)) for r in result.records]
    report = result.report
    issues = [(i.sheet, i.row, i.column, i.code, i.severity, i.message) for i in report.issues]
    rejected = [(r.sheet, r.row, r.cells, r.reasons) for r in report.rejected_rows]
    return records, (report.rows, report.usable, report.rejected), issues, rejected


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_golden_export_reads_the_same_with_and_without_it(exports, kind, engine, monkeypatch):
    path, _truth = exports[kind]
    if engine == "calamine" and path.suffix != ".xlsx":
        pytest.skip("the engine matters for .xlsx only")
    fast = _summary(sibaso.read(path, engine=engine))
    _general_only(monkeypatch)
    assert _summary(sibaso.read(path, engine=engine)) == fast


def test_it_takes_most_rows_of_the_common_lists(exports, monkeypatch):
    taken = {"vouched": 0, "rows": 0}
    make = bulk.bulk_reader

    class Counting:
        def __init__(self, reader):
            self.reader = reader
            self.pl = reader.pl

        def read_block(self, block, shape=None):
            vouched = self.reader.read_block(block, shape)
            taken["rows"] += block.height
            taken["vouched"] += len(vouched.records)
            return vouched

    def counting(conv):
        reader = make(conv)
        return None if reader is None else Counting(reader)

    monkeypatch.setattr(read, "bulk_reader", counting)
    for kind in ("pkh", "sembako", "pbijk", "dukcapil_csv", "kks"):
        sibaso.read(exports[kind][0])
    assert taken["rows"] >= 500 and taken["vouched"] > 0.8 * taken["rows"]


NIK = "1205074107820001"
KK = "1205072003150001"
_cells = st.one_of(
    st.none(),
    st.sampled_from(
        [
            NIK,
            KK,
            "1205071203800001",
            "1205070000000001",  # no such birth date
            "1205074107820000",  # serial 0000
            "1271012902000001",  # 29 February
            "1205074107820001 ",
            "'1205074107820001",
            "NIK. 1205074107820001",
            "0205074107820001",
            "9905074107820001",  # no such region
            "1205074107820001".replace("1", "١"),  # Arabic-Indic digits
            "SITI AMINAH",
            " SITI AMINAH",
            "SITI  AMINAH",
            "SITI\u200bAMINAH",
            "SITI\nAMINAH",
            "NULL",
            "-",
            "",
            "0",
            "0000000000000",
            "0001234567890",
            "1234567890",
            "01-02-1985",
            "31-02-1985",
            "00-00-0000",
            "1985-02-01",
            "12-JAN-85",
            "07 Juni 1995",
            "L",
            "P",
            "2",
            "PKH",
            "KIS",
            "Program Sembako",
            "BANSOS LANSIA",
            "STABAT",
            "Kec. Stabat",
            "12.05.07.2001",
            "1205072001",
            "KEPALA KELUARGA",
            "ISTRI",
            "MATI",
        ]
    ),
    st.integers(min_value=-2, max_value=10**17),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=datetime.date(1880, 1, 1)),
)

LAYOUTS = {
    "pbi-jk": (
        "NO",
        "NAMA_PENERIMA",
        "NOMOR_KARTU",
        "NIK_KTP",
        "NOKK_DTKS",
        "IDARTBDT",
        "NMKEC",
        "NMKEL",
        "KET_TAMBAHAN",
        "TGL_LAHIR",
    ),
    "siks-ng": (
        "NAMA_PENERIMA",
        "NIK",
        "NOKK",
        "BANSOS",
        "KEC_NAME",
        "KEL_NAME",
        "ALAMAT",
        "status",
    ),
    "dukcapil": DUKCAPIL_HEADER,
    "bdt": BDT_HEADER,  # a household roster, its Hub_KRT codes read through a value map
    "opensid": OPENSID_HEADER,  # population; its adapter maps a column this export lacks
}


def _converter(layout, programme, defaults):
    adapter = get_adapter(layout)
    return RowConverter(
        adapter,
        LAYOUTS[layout],
        catalogue=default_catalogue(),
        programme=resolve(programme) if programme else None,
        period=Period(2024),
        file="daftar.xlsx",
        sheet="Data",
        defaults=defaults,
    )


#: a clean row of each layout, which the property then spoils in a few cells
TEMPLATES = {
    "opensid": (
        *("1", NIK, "-", "SITI", KK, "AHMAD", "AMINAH", "JL. MAWAR", "DUSUN I", "002", "001"),
        *("SMA", "42", "PETANI", "KAWIN", "01-01-2026", "01-01-2020"),
    ),
    "bdt": (
        *("1205070001", "120507000101", "SITI", "2", "STABAT", "01-02-1982", "2"),
        *(NIK, KK, "DUSUN I", "STABAT", "KWALA BEGUMIT"),
    ),
    "pbi-jk": (
        "1",
        "SITI",
        "0001234567890",
        NIK,
        KK,
        "A1",
        "STABAT",
        "KWALA BEGUMIT",
        "-",
        "01-02-1982",
    ),
    "siks-ng": ("SITI", NIK, KK, "PKH", "STABAT", "KWALA BEGUMIT", "DUSUN I", "SALUR"),
    "dukcapil": (
        *(NIK, KK, "SITI", "P", "STABAT", "1982-02-01", "3", "12", "5", "7", "2001", "1"),
        "DUSUN I",
    ),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layout=st.sampled_from(sorted(LAYOUTS)),
    programme=st.sampled_from([None, "PKH", "KIS"]),
    defaults=st.sampled_from([{}, {"kecamatan_name": "STABAT"}]),
    spoilt=st.lists(
        st.lists(st.tuples(st.integers(0, 12), _cells), max_size=3), min_size=1, max_size=12
    ),
    short=st.integers(0, 3),
)
def test_a_vouched_row_gets_the_general_paths_record_and_no_remark(
    layout, programme, defaults, spoilt, short
):
    conv = _converter(layout, programme, defaults)
    reader = bulk.bulk_reader(conv)
    if reader is None:  # an enrolment list without a programme: the general path refuses it
        # (or a layout whose rows need the general path: a dusun behind an empty alamat)
        assert conv.stateful or (conv.programme is None and "programme_name" not in conv.index)
        return
    rows = []
    for number, changes in enumerate(spoilt, start=2):
        cells = list(TEMPLATES[layout])
        for col, value in changes:
            if col < len(cells):
                cells[col] = value
        rows.append((number, tuple(cells[: len(cells) - short] if number % 2 else cells)))
    records, keys = reader.read(rows)
    assert len(records) == len(keys) == len(rows)
    for (number, cells), fast, key in zip(rows, records, keys, strict=True):
        record, problems = conv.convert(number, cells)
        if fast is None:
            continue
        assert problems == []
        assert fast == record
        assert fast.provenance == record.provenance
        assert getattr(fast, "details", None) == getattr(record, "details", None)
        household = getattr(record, "household_id", None)
        assert key == (household or getattr(record, "programme", None) or "", record.nik.value)


def test_the_templates_are_vouched_for():
    for layout, row in TEMPLATES.items():
        conv = _converter(layout, "PKH", {})
        if conv.stateful:  # OpenSID: a dusun behind the alamat; the general path composes it
            assert bulk.bulk_reader(conv) is None
            continue
        records, _keys = bulk.bulk_reader(conv).read([(2, row), (3, row)])
        assert records[0] == conv.convert(2, row)[0] is not None
        assert records[1] == conv.convert(3, row)[0]


def test_a_nik_seen_before_is_left_to_the_general_path(tmp_path):
    """The duplicate of a row the bulk path vouched for is reported as the general path does."""
    good = ",".join(TEMPLATES["siks-ng"])
    path = tmp_path / "pkh.csv"
    path.write_text(",".join(LAYOUTS["siks-ng"]) + "\n" + good + "\n" + good + "\n")
    result = sibaso.read(path, programme="PKH")
    assert [i.code for i in result.report.issues] == ["duplicate-nik"]
    assert result.report.issues[0].row == 3


@pytest.mark.parametrize(
    "text",
    [
        "01-02-1985",
        "1-2-1985",
        "1985-02-01",
        "01/02/1985",
        "01.02.1985",
        "29-02-2000",
        "29-02-1900",
        "31-04-1985",
        "13-13-1985",
        "12-13-1985",
        "01-02-85",
        "01-02-1879",
        "01-02-3000",
        "01-02/1985",
        "1985-1-1985",
        "7 Juni 1995",
        "01--02-1985",
        "1-2-19850",
    ],
)
def test_dates_are_read_as_the_general_path_reads_them(text):
    conv = _converter("pbi-jk", "KIS", {})
    row = list(TEMPLATES["pbi-jk"])
    row[9] = text
    row = tuple(row)
    [fast], _keys = bulk.bulk_reader(conv).read([(2, row)])
    record, problems = conv.convert(2, row)
    assert fast == (record if not problems else None)


def test_layouts_it_does_not_know_take_the_general_path():
    adapter = get_adapter("dapodik-kip")  # its adapter adjusts the fields of each row
    conv = RowConverter(
        adapter,
        ("Nama", "NIK", "No KK", "NISN", "Penerima KIP"),
        catalogue=default_catalogue(),
        programme=resolve("PIP"),
        period=None,
        file="f.xlsx",
        sheet="s",
    )
    assert bulk.bulk_reader(conv) is None


def test_without_polars_every_row_takes_the_general_path(exports, monkeypatch):
    path, _truth = exports["pkh"]
    expected = _summary(sibaso.read(path))
    monkeypatch.setattr(bulk, "_polars", None)
    assert not bulk.available()
    assert _summary(sibaso.read(path)) == expected


def test_the_plain_nik_parts_are_those_parse_accepts_without_a_remark():
    from sibaso.core import kk, nik, wilayah

    regions, dates = nik.plain_parts()
    districts = wilayah.district_codes()
    assert regions <= districts and len(regions) > 7000
    for district in districts:  # every kecamatan code, current or retired
        parsed = nik.parse(district + "4107850001", strict=False)
        assert (not parsed.warnings) == (district in regions), district
    for ddmm in sorted(dates | {"0000", "3202", "7107", "2902", "6902"}):
        leap_day = ddmm in ("2902", "6902")  # valid in a leap year, so left to parse
        assert nik.is_valid("120501" + ddmm + "840001") == (ddmm in dates or leap_day)
        assert ddmm not in dates or nik.is_valid("120501" + ddmm + "850001")
    kk_regions, kk_dates = kk.plain_parts()
    assert kk_regions == regions
    for ddmm in sorted(kk_dates | {"4107", "3202"}):
        assert kk.is_valid("120501" + ddmm + "150001") == (ddmm in kk_dates)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=12),
            st.sampled_from(["-", "NULL", " A", "A  B", "SITI AMINAH", "n/a"]),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_the_bulk_text_check_keeps_the_clean_value_rule(cells):
    """Text the bulk path keeps as it is, is clean by the core rule; the rest is cleaned by
    text_cell: each cell ends as text_cell says."""
    conv = _converter("siks-ng", "PKH", {})
    reader = bulk.bulk_reader(conv)
    column = bulk._Col(polars, cells=cells)
    every = bulk._Keep(polars.Series([True] * len(cells)), [True] * len(cells))
    out = reader._text(column, reader.clean_text(column.series), every)
    assert out == [sibaso.adapters.records.cells.text_cell(c) for c in cells]
    texts = [c if isinstance(c, str) else None for c in cells]
    vouched = reader.clean_text(polars.Series(texts, dtype=polars.String)).to_list()
    for cell, clean in zip(texts, vouched, strict=True):
        assert not clean or core_text.is_clean_text(cell)
        if cell is not None and cell.isascii():  # plain ASCII: exactly the core rule
            assert clean == core_text.is_clean_text(cell)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    layout=st.sampled_from(["siks-ng", "pbi-jk", "dukcapil"]),
    spoilt=st.lists(
        st.lists(st.tuples(st.integers(0, 12), _cells), max_size=2), min_size=1, max_size=30
    ),
)
def test_a_file_reads_to_the_same_records_and_report_on_both_paths(
    layout, spoilt, tmp_path_factory
):
    """Whole files through sibaso.read: every record and every row's report the same."""
    from openpyxl import Workbook

    rows = []
    for changes in spoilt:
        cells = list(TEMPLATES[layout])
        for col, value in changes:
            if col < len(cells):
                cells[col] = value
        rows.append(cells)
    path = tmp_path_factory.mktemp("both") / "daftar.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(list(LAYOUTS[layout]))
    for cells in rows:
        sheet.append([_storable(c) for c in cells])
    book.save(path)
    programme = None if layout == "dukcapil" else "PKH"
    fast = _summary(sibaso.read(path, programme=programme, engine="calamine"))
    original = read.bulk_reader
    read.bulk_reader = lambda conv: None
    try:
        slow = _summary(sibaso.read(path, programme=programme, engine="calamine"))
    finally:
        read.bulk_reader = original
    assert fast == slow


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    layout=st.sampled_from(["siks-ng", "pbi-jk", "dukcapil"]),
    spoilt=st.lists(
        st.lists(st.tuples(st.integers(0, 12), _cells), max_size=2), min_size=1, max_size=30
    ),
    title=st.booleans(),
)
def test_a_csv_file_reads_to_the_same_records_and_report_on_both_paths(
    layout, spoilt, title, tmp_path_factory
):
    """A delimited file read as a table (polars reading the whole file: ``Sheet.table``) and
    row by row on the general path: every record and every row's report the same."""
    lines = ["DAFTAR PENERIMA"] if title else []
    lines.append("|".join(LAYOUTS[layout]))
    for changes in spoilt:
        cells = list(TEMPLATES[layout])
        for col, value in changes:
            if col < len(cells):
                cells[col] = value
        lines.append("|".join("" if c is None else str(c) for c in cells))
    path = tmp_path_factory.mktemp("csv") / "daftar.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    programme = None if layout == "dukcapil" else "PKH"
    fast = _summary(sibaso.read(path, programme=programme))
    original = read.bulk_reader
    read.bulk_reader = lambda conv: None
    try:
        slow = _summary(sibaso.read(path, programme=programme))
    finally:
        read.bulk_reader = original
    assert fast == slow


def test_a_plain_csv_file_is_read_as_a_table(tmp_path, monkeypatch):
    """The bulk path reads a plain CSV file as columns (no row by row reading)."""
    path = tmp_path / "pkh.csv"
    rows = [",".join(TEMPLATES["siks-ng"]).replace(NIK, f"12050741078{n:05d}") for n in range(1, 9)]
    path.write_text(",".join(LAYOUTS["siks-ng"]) + "\n" + "\n".join(rows) + "\n")
    blocks = []
    original = bulk.BulkReader.read_block

    def spy(self, block, shape=None):
        blocks.append(type(block).__name__)
        return original(self, block, shape)

    monkeypatch.setattr(bulk.BulkReader, "read_block", spy)
    result = sibaso.read(path, programme="PKH")
    assert blocks == ["FrameBlock"] and len(result.records) == 8 and not result.report.issues


def _storable(cell):
    if isinstance(cell, float) and cell != cell:
        return None
    if isinstance(cell, str):
        return "".join(c for c in cell if c.isprintable() or c == " ") or None
    return cell


def test_a_forked_child_never_uses_polars():
    """polars' threads do not survive fork(): a child forked after polars was loaded reads
    on the general path (a child that used it would hang)."""
    import multiprocessing

    assert bulk.available()  # loaded here
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        assert pool.apply(bulk.available) is False
    assert bulk.available()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 35), st.integers(0, 14), st.integers(1850, 2100)),
        min_size=1,
        max_size=40,
    )
)
def test_dates_read_all_at_once_are_those_date_cell_reads(dates):
    """DD-MM-YYYY texts seen for the first time are parsed by polars together: each gives
    the general path's date, and a row only when the general path says nothing of it."""
    conv = _converter("pbi-jk", "KIS", {})
    reader = bulk.bulk_reader(conv)
    rows = []
    for number, (day, month, year) in enumerate(dates, start=2):
        row = list(TEMPLATES["pbi-jk"])
        row[9] = f"{day:02d}-{month:02d}-{year:04d}"
        rows.append((number, tuple(row)))
    records, _keys = reader.read(rows)
    for (number, cells), fast in zip(rows, records, strict=True):
        record, problems = conv.convert(number, cells)
        assert fast == (record if not problems else None)


@given(st.integers(-(2**53), 2**53))
def test_a_whole_number_cell_reads_as_its_str(number):
    """The bulk path writes a reader's whole number (at most 2**53: the canonical cell rule)
    as ``str(number)``: what text_cell makes of it."""
    assert sibaso.adapters.records.cells.text_cell(number) == str(number)
