"""The clean-row path answers only where the general path would: same record, no remark.

Both forms of the path are checked: compiled (``sibaso._speedups``) and Python.
"""

import datetime
import functools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sibaso
from sibaso.adapters import clean_rows
from sibaso.adapters.convert import RowConverter
from sibaso.adapters.registry import get_adapter
from sibaso.core.model import Period
from sibaso.programmes import default_catalogue, resolve
from sibaso.testing.exports import BDT_HEADER, DUKCAPIL_HEADER, OPENSID_HEADER, write_all
from sibaso.testing.synthetic import Population

from .test_golden import KINDS


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clean-rows")
    return write_all(folder, Population.generate(persons=400, seed=3), seed=8)


FORMS = [True, False]  # compiled, Python


def _general_only(monkeypatch):
    monkeypatch.setattr(clean_rows, "clean_row_reader", lambda conv, **kwargs: None)


def _form(monkeypatch, compiled):
    if compiled and not clean_rows.compiled_available():
        pytest.skip("sibaso._speedups is not built here, or SIBASO_SPEEDUPS=0")
    monkeypatch.setenv("SIBASO_SPEEDUPS", "1" if compiled else "0")


def test_the_compiled_form_is_built_in_ci():
    if os.environ.get("CI"):
        assert clean_rows.compiled_available(), "pip install -e . should have built it"


def _summary(result):
    records = [(r, r.provenance, getattr(r, "details", None)) for r in result.records]
    report = result.report
    issues = [(i.sheet, i.row, i.column, i.code, i.severity, i.message) for i in report.issues]
    return records, (report.rows, report.usable, report.rejected), issues


@pytest.mark.parametrize("compiled", FORMS)
@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_golden_export_reads_the_same_with_and_without_it(
    exports, kind, engine, compiled, monkeypatch
):
    path, _truth = exports[kind]
    if engine == "calamine" and path.suffix != ".xlsx":
        pytest.skip("the engine matters for .xlsx only")
    _form(monkeypatch, compiled)
    fast = _summary(sibaso.read(path, engine=engine))
    _general_only(monkeypatch)
    assert _summary(sibaso.read(path, engine=engine)) == fast


@pytest.mark.parametrize("compiled", FORMS)
def test_it_takes_most_rows_of_the_common_lists(exports, compiled, monkeypatch):
    _form(monkeypatch, compiled)
    taken = {"clean": 0, "rows": 0}
    make = clean_rows.clean_row_reader

    def counting(conv, **kwargs):
        reader = make(conv, **kwargs)
        if reader is None:
            return None

        def read(row, cells):
            taken["rows"] += 1
            record = reader(row, cells)
            taken["clean"] += record is not None
            return record

        read.take = functools.partial(clean_rows._take, read)
        return read

    monkeypatch.setattr(clean_rows, "clean_row_reader", counting)
    for kind in ("pkh", "sembako", "pbijk", "dukcapil_csv", "kks"):
        sibaso.read(exports[kind][0])
    assert taken["rows"] >= 500 and taken["clean"] > 0.8 * taken["rows"]


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


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layout=st.sampled_from(sorted(LAYOUTS)),
    programme=st.sampled_from([None, "PKH", "KIS"]),
    defaults=st.sampled_from([{}, {"kecamatan_name": "STABAT"}]),
    spoilt=st.lists(
        st.lists(st.tuples(st.integers(0, 11), _cells), max_size=3), min_size=1, max_size=6
    ),
    short=st.integers(0, 3),
    compiled=st.sampled_from([f for f in FORMS if f is False or clean_rows.compiled_available()]),
)
def test_a_clean_row_gets_the_general_paths_record_and_no_remark(
    layout, programme, defaults, spoilt, short, compiled
):
    conv = _converter(layout, programme, defaults)
    conv.clean = clean_rows.clean_row_reader(conv, compiled=compiled)
    for number, changes in enumerate(spoilt, start=2):
        cells = list(TEMPLATES[layout])
        for col, value in changes:
            if col < len(cells):
                cells[col] = value
        cells = tuple(cells[: len(cells) - short] if number % 2 else cells)
        fast = conv.clean(number, cells) if conv.clean is not None else None
        record, problems = conv.convert(number, cells)
        if fast is None:
            continue
        assert problems == []
        assert fast == record
        assert fast.provenance == record.provenance
        assert getattr(fast, "details", None) == getattr(record, "details", None)


@pytest.mark.parametrize("compiled", FORMS)
def test_the_templates_are_clean(compiled, monkeypatch):
    _form(monkeypatch, compiled)
    for layout, row in TEMPLATES.items():
        conv = _converter(layout, "PKH", {})
        assert conv.clean(2, row) == conv.convert(2, row)[0] is not None


@pytest.mark.parametrize("compiled", FORMS)
def test_take_stops_at_the_first_row_that_is_not_clean(compiled, monkeypatch):
    _form(monkeypatch, compiled)
    conv = _converter("siks-ng", "PKH", {})
    good = TEMPLATES["siks-ng"]
    bad = (good[0], "1205074107820000", *good[2:])  # serial 0000
    rows = iter([(1, ("header",)), (2, good), (3, good), (4, bad), (5, good), (6, good)])
    out = []
    assert conv.clean.take(rows, 1, {3}, out, 10) == (4, bad)  # row 1 and 3 skipped
    assert [r.provenance.row for r in out] == [2]
    assert conv.clean.take(rows, 1, set(), out, 1) is True  # the limit
    assert conv.clean.take(rows, 1, set(), out, 10) is None  # the end
    assert [r.provenance.row for r in out] == [2, 5, 6]


@pytest.mark.parametrize("compiled", FORMS)
def test_a_nik_seen_before_is_left_to_the_general_path(compiled, monkeypatch):
    _form(monkeypatch, compiled)
    conv = _converter("siks-ng", "PKH", {})
    conv.seen = {}
    reader = clean_rows.clean_row_reader(conv)
    row = TEMPLATES["siks-ng"]
    assert reader(2, row) is not None
    assert reader(3, row) is None  # the general path reports the duplicate
    assert conv.seen == {("PKH", NIK): ("Data", 2)}


@given(st.lists(st.one_of(st.just(""), st.text(max_size=4)), max_size=8))
def test_csv_cells_in_c_and_python_agree(fields):
    from sibaso.readers import csvfile

    assert csvfile._cells(list(fields)) == csvfile._python_cells(list(fields))


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
@pytest.mark.parametrize("compiled", FORMS)
def test_plain_dates_are_read_as_the_python_rules_read_them(text, compiled, monkeypatch):
    _form(monkeypatch, compiled)
    conv = _converter("pbi-jk", "KIS", {})
    row = list(TEMPLATES["pbi-jk"])
    row[9] = text
    row = tuple(row)
    fast, (record, problems) = conv.clean(2, row), conv.convert(2, row)
    assert fast == (record if not problems else None)


def test_the_reader_source_can_be_read():
    conv = _converter("pbi-jk", "KIS", {})
    assert "def read(row, cells):" in conv.clean.source
    assert "NIK_KTP" not in conv.clean.source  # columns by position, headers only in details
    row = ("1", "SITI", "0001234567890", NIK, KK, "A1", "STABAT", "-", "-", "01-02-1982")
    record = conv.clean(7, row)
    assert (record.nik.value, record.name, record.details["card_number"]) == (
        NIK,
        "SITI",
        "0001234567890",
    )
    assert record.provenance == ("daftar.xlsx", "Data", 7)


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
    assert conv.clean is None


def test_the_clean_kecamatan_codes_are_those_without_a_region_warning():
    from sibaso.core import nik

    districts = nik._fast_tables()[0]
    clean = clean_rows._districts_without_warnings()
    assert clean <= districts and len(clean) > 7000
    assert clean == {d for d in districts if not nik.NIK._make(d + "0101000001").warnings}


def test_compiled_records_stay_out_of_the_cycle_collector(monkeypatch):
    """Like msgspec's gc=False: a record holds no cycle (text, frozen values, a details dict
    of text), so the compiled reader leaves it untracked; it is freed as usual."""
    import gc
    import weakref

    _form(monkeypatch, True)
    conv = _converter("siks-ng", "PKH", {})
    record = conv.clean(2, TEMPLATES["siks-ng"])
    assert not gc.is_tracked(record) and not gc.is_tracked(record.nik)
    gone = weakref.ref(record)
    del record
    assert gone() is None  # reference counting frees it at once


@given(st.one_of(st.text(max_size=8), st.integers(), st.none()))
def test_header_keys_keep_their_rule(text):
    """header_key answers plain ASCII words without its regular expression: the same key."""
    from sibaso.adapters.fields import _NON_ALNUM, header_key

    assert header_key(text) == ("" if text is None else _NON_ALNUM.sub("", str(text).casefold()))


def test_one_compiled_reader_serves_several_threads(monkeypatch):
    """The row's values live in each call's own slots: threads sharing a reader (a web
    server's workers) get their own records, never each other's."""
    import sys
    import threading

    _form(monkeypatch, True)
    reader = _converter("pbi-jk", "KIS", {}).clean
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    wrong = []

    def work(thread):
        for i in range(3000):
            row = list(TEMPLATES["pbi-jk"])
            row[0], row[8] = f" {thread} {i} ", f" x{i} "  # text the Python rules clean
            record = reader(i + 2, tuple(row))
            if (
                record is None
                or record.provenance.row != i + 2
                or record.details["NO"] != f"{thread} {i}"
            ):
                wrong.append((thread, i))

    try:
        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []


@pytest.mark.parametrize("cell", ["²", 10**5000, "١"], ids=["superscript", "huge", "arabic"])
def test_odd_relationship_cells_never_raise(cell):
    row = list(TEMPLATES["dukcapil"])
    row[DUKCAPIL_HEADER.index("STAT_HBKEL")] = cell
    record, _problems = _converter("dukcapil", None, {}).convert(2, tuple(row))
    assert record is not None
