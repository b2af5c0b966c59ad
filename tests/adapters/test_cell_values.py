"""Tests for sibaso.adapters.records.cells: one raw cell in, a typed value or a problem out."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sibaso.adapters.records import cells as values
from sibaso.adapters.records.cells import (
    CellProblem,
    code_cell,
    date_cell,
    is_missing,
    kk_cell,
    nik_cell,
    place_date_cell,
    region_code_cell,
    sex_cell,
    text_cell,
    yes_no_cell,
)
from sibaso.core.nik import Sex
from sibaso.testing.strategies import kks, niks

TODAY = datetime.date(2026, 1, 1)
EPOCH = datetime.date(1899, 12, 30)
NIK = "1205014107850001"  # Langkat, Bahorok; woman born 1985-07-01
KK = "1205012003150004"
ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus"]
ID_MONTHS += ["September", "Oktober", "November", "Desember"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
EN_MONTHS += ["September", "October", "November", "December"]


def excel_serial(day: datetime.date) -> int:
    """Excel's serial day number (it counts a 29 February 1900 that never was)."""
    serial = (day - EPOCH).days
    return serial - 1 if day < datetime.date(1900, 3, 1) else serial


def code(result: tuple[object, ...]) -> str | None:
    problem = result[-1]
    assert problem is None or isinstance(problem, CellProblem)
    return problem.code if problem else None


# --- CellProblem ------------------------------------------------------------------------------


def test_cell_problem_is_frozen_and_localized() -> None:
    problem = CellProblem("date-future", "After today.", "Melewati hari ini.", "warning")
    assert problem.localized() == "Melewati hari ini."
    assert problem.localized("en") == "After today."
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        problem.code = "x"  # type: ignore[misc]
    assert CellProblem("x", "en", "id").severity == "error"


def test_cell_problem_severity_is_checked() -> None:
    with pytest.raises(ValueError, match="severity"):
        CellProblem("x", "en", "id", "fatal")  # type: ignore[arg-type]


# --- is_missing -------------------------------------------------------------------------------


MISSING: list[object] = [None, "", " ", "\u00a0\n\t", "\u200b", "NULL", "null", "-", "--"]
MISSING += ["N/A", "n/a", "#N/A", "#VALUE!", " - ", float("nan")]


@pytest.mark.parametrize("cell", MISSING)
def test_is_missing(cell: object) -> None:
    assert is_missing(cell)


@pytest.mark.parametrize("cell", ["0", 0, 0.0, "BUDI", "x", False, TODAY, "NIL", "-1", 12])
def test_is_not_missing(cell: object) -> None:
    assert not is_missing(cell)


# --- NIK and No. KK ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        NIK,
        f" {NIK} ",
        f"'{NIK}",
        f"NIK: {NIK}",
        f"NIK:{NIK}",
        f"NIK.{NIK}",
        f"NIK{NIK}",
        f"nik {NIK}",
        f"No. NIK {NIK}",
        f"NO.NIK : {NIK}",
        f"Nomor NIK {NIK}",
        f"NIK KTP: {NIK}",
        f"NIK: '{NIK}",
        int(NIK),
        "12.05.01.410785.0001",
        "1205 0141 0785 0001",
        f"{NIK}.0",
        f"\u00a0{NIK}\n",
    ],
)
def test_nik_cell_valid(cell: object) -> None:
    nik, given_text, problem = nik_cell(cell)
    assert nik is not None
    assert nik.value == NIK
    assert problem is None
    assert given_text is not None
    assert "NIK" not in given_text.upper()


def test_nik_cell_given_is_cleaned_text() -> None:
    assert nik_cell(f"NIK: {NIK}")[1] == NIK
    assert nik_cell("NIK: 12.05.01.410785.0001")[1] == "12.05.01.410785.0001"
    assert nik_cell(int(NIK))[1] == NIK


NIK_MISSING: list[object] = [None, "", "  ", "0", "00", "0000000000000000", 0, 0.0, "NULL"]
NIK_MISSING += ["null", "-", "#N/A", "NIK:", "NIK: -", float("nan"), "'"]


@pytest.mark.parametrize("cell", NIK_MISSING)
def test_nik_cell_missing(cell: object) -> None:
    assert nik_cell(cell) == (None, None, None)


@pytest.mark.parametrize(
    ("cell", "expected_code", "expected_given"),
    [
        (1.20501410785e15, "nik-precision", "1205014107850000"),
        (float(NIK), "nik-precision", NIK),
        ("1.20501E+15", "nik-precision", "1.20501E+15"),
        ("1,20501E+15", "nik-precision", "1,20501E+15"),
        (1205014107850000, "nik-precision", "1205014107850000"),
        ("120501410785000", "nik-length", "120501410785000"),
        ("12050141078500O1", "nik-format", "12050141078500O1"),
        ("NIKEN", "nik-format", "NIKEN"),
        ("9905014107850001", "nik-region", "9905014107850001"),
        ("1205013207850001", "nik-date", "1205013207850001"),
        ("1205010107850000", "nik-serial", "1205010107850000"),
        (True, "nik-format", "TRUE"),
        (datetime.date(1985, 7, 1), "nik-format", "1985-07-01"),
        (12.5, "nik-precision", "12.5"),
    ],
)
def test_nik_cell_invalid(cell: object, expected_code: str, expected_given: str) -> None:
    nik, given_text, problem = nik_cell(cell)
    assert nik is None
    assert given_text == expected_given
    assert problem is not None
    assert problem.code == expected_code
    assert problem.severity == "warning"
    assert problem.message_en
    assert problem.message_id
    assert problem.message_en != problem.message_id


def test_nik_cell_precision_messages_come_from_the_core() -> None:
    problem = nik_cell("1.20501E+15")[2]
    assert problem is not None
    assert "scientific notation" in problem.message_en
    assert "notasi ilmiah" in problem.message_id


def test_nik_cell_severity_is_the_callers() -> None:
    problem = nik_cell("12", severity="error")[2]
    assert problem is not None
    assert problem.severity == "error"
    # Region warnings stay warnings: the NIK is still returned.
    nik, _, problem = nik_cell("1205994107850001", severity="error")
    assert nik is not None
    assert problem is not None
    assert (problem.code, problem.severity) == ("nik-region", "warning")


@pytest.mark.parametrize(
    ("cell", "expected_code"),
    [("1205994107850001", "nik-region"), ("9101014107850001", "nik-retired-region")],
)
def test_nik_cell_region_warnings_keep_the_nik(cell: str, expected_code: str) -> None:
    for _ in range(2):  # the second call is answered from the per-region cache
        nik, given_text, problem = nik_cell(cell)
        assert nik is not None
        assert nik.value == cell
        assert given_text == cell
        assert problem is not None
        assert (problem.code, problem.severity) == (expected_code, "warning")


def test_nik_cell_today_is_passed_on() -> None:
    nik = nik_cell("1205010101240001", today=datetime.date(2020, 1, 1))[0]
    assert nik is not None
    assert nik.birth_date == datetime.date(1924, 1, 1)


@pytest.mark.parametrize(
    "cell",
    [
        KK,
        f"KK: {KK}",
        f"No. KK {KK}",
        f"NO KK:{KK}",
        f"NOKK {KK}",
        f"No.KK.{KK}",
        f"NKK {KK}",
        f"kk{KK}",
        f"Nomor Kartu Keluarga: {KK}",
        f"'{KK}",
        int(KK),
    ],
)
def test_kk_cell_valid(cell: object) -> None:
    kk, given_text, problem = kk_cell(cell)
    assert kk is not None
    assert kk.value == KK
    assert given_text is not None
    assert problem is None


@pytest.mark.parametrize(
    ("cell", "expected_code"),
    [
        ("1205014107850001", "kk-date"),
        (1.2e15, "kk-precision"),
        ("1.20501E+15", "kk-precision"),
        ("12050120031500", "kk-length"),
        ("1205992003150004", "kk-region"),
        ("9101012003150004", "kk-retired-region"),
    ],
)
def test_kk_cell_problems(cell: object, expected_code: str) -> None:
    assert code(kk_cell(cell)) == expected_code


@pytest.mark.parametrize("cell", [None, "0", 0, "NULL", "", "KK:"])
def test_kk_cell_missing(cell: object) -> None:
    assert kk_cell(cell) == (None, None, None)


@given(niks(), st.sampled_from(["", "NIK: ", "NIK.", "No. NIK ", "nik ", "'", " "]))
def test_nik_cell_accepts_every_valid_nik(number: str, label: str) -> None:
    nik, given_text, problem = nik_cell(label + number)
    assert nik is not None
    assert nik.value == number
    assert given_text == number
    assert problem is None or problem.severity == "warning"


@given(niks())
def test_nik_cell_accepts_int_unless_last_digit_zero(number: str) -> None:
    nik, _, problem = nik_cell(int(number))
    if number.endswith("0"):
        assert nik is None
        assert code((nik, problem)) == "nik-precision"
    else:
        assert nik is not None
        assert nik.value == number


@given(kks(), st.sampled_from(["", "KK: ", "No. KK ", "NOKK "]))
def test_kk_cell_accepts_every_valid_kk(number: str, label: str) -> None:
    kk, _, problem = kk_cell(label + number)
    assert kk is not None
    assert kk.value == number
    assert problem is None or problem.severity == "warning"


# --- dates ------------------------------------------------------------------------------------

D = datetime.date


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (D(1985, 7, 1), D(1985, 7, 1)),
        (datetime.datetime(1985, 7, 1), D(1985, 7, 1)),
        (datetime.datetime(1985, 7, 1, 23, 59), D(1985, 7, 1)),
        # Excel serial numbers, as numbers and as text
        (31229, EPOCH + datetime.timedelta(days=31229)),
        (31229, D(1985, 7, 1)),
        (31229.0, D(1985, 7, 1)),
        (31229.75, D(1985, 7, 1)),
        ("31229", D(1985, 7, 1)),
        ("31048", D(1985, 1, 1)),
        ("31229.0", D(1985, 7, 1)),
        (1, D(1900, 1, 1)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),
        # ISO and year first
        ("1985-07-01", D(1985, 7, 1)),
        ("1985-07-01 00:00:00", D(1985, 7, 1)),
        ("1985-07-01T00:00:00", D(1985, 7, 1)),
        ("1985-07-01T10:30:00.000Z", D(1985, 7, 1)),
        ("1985/07/01", D(1985, 7, 1)),
        ("1985.07.01", D(1985, 7, 1)),
        ("1985-7-1", D(1985, 7, 1)),
        # Indonesian order
        ("01-07-1985", D(1985, 7, 1)),
        ("01/07/1985", D(1985, 7, 1)),
        ("01.07.1985", D(1985, 7, 1)),
        ("01 07 1985", D(1985, 7, 1)),
        ("1/7/1985", D(1985, 7, 1)),
        ("1-7-1985", D(1985, 7, 1)),
        ("01/07/1985 0:00", D(1985, 7, 1)),
        ("01-07-1985 10.30", D(1985, 7, 1)),
        ("'01-07-1985", D(1985, 7, 1)),
        (" 01-07-1985\u00a0", D(1985, 7, 1)),
        ("12/06/1990", D(1990, 6, 12)),  # ambiguous: read day first, no warning
        # compact digits
        ("19850701", D(1985, 7, 1)),
        (19850701, D(1985, 7, 1)),
        ("01071985", D(1985, 7, 1)),
        ("010785", D(1985, 7, 1)),
        # two-digit years: the latest date not after today
        ("01-07-85", D(1985, 7, 1)),
        ("01/07/85", D(1985, 7, 1)),
        ("01-07-25", D(2025, 7, 1)),
        ("01-07-26", D(1926, 7, 1)),
        ("29-02-00", D(2000, 2, 29)),
        # Oracle
        ("12-JAN-85", D(1985, 1, 12)),
        ("12-Jan-1985", D(1985, 1, 12)),
        ("01-JUL-85 12.00.00.000000 AM", D(1985, 7, 1)),
        ("01-JUL-1985 00:00:00", D(1985, 7, 1)),
        # month names, Indonesian and English, full and short
        ("07 Juni 1995", D(1995, 6, 7)),
        ("7 Jun 1995", D(1995, 6, 7)),
        ("17 Agustus 1945", D(1945, 8, 17)),
        ("17-Agustus-1945", D(1945, 8, 17)),
        ("1 Agt 2001", D(2001, 8, 1)),
        ("1 Ags 2001", D(2001, 8, 1)),
        ("1 Aug 2001", D(2001, 8, 1)),
        ("3 Mei 1990", D(1990, 5, 3)),
        ("3 May 1990", D(1990, 5, 3)),
        ("10 Okt 2000", D(2000, 10, 10)),
        ("10 Oct 2000", D(2000, 10, 10)),
        ("5 Des 1999", D(1999, 12, 5)),
        ("5 Dec 1999", D(1999, 12, 5)),
        ("12 Nopember 1980", D(1980, 11, 12)),
        ("12 Nop 1980", D(1980, 11, 12)),
        ("2 Pebruari 1970", D(1970, 2, 2)),
        ("2 Peb 1970", D(1970, 2, 2)),
        ("2 FEBRUARI 1970", D(1970, 2, 2)),
        ("1 Maret 1970", D(1970, 3, 1)),
        ("1 Mrt 1970", D(1970, 3, 1)),
        ("1 Sept. 1970", D(1970, 9, 1)),
        ("1 januari 70", D(1970, 1, 1)),
        ("Senin, 01 Juli 1985", D(1985, 7, 1)),
        ("Jum'at, 5 Juli 1985", D(1985, 7, 5)),
        ("July 1, 1985", D(1985, 7, 1)),
        ("Jul 1 1985", D(1985, 7, 1)),
        ("1985 Juli 1", D(1985, 7, 1)),
    ],
)
def test_date_cell_reads(cell: object, expected: datetime.date) -> None:
    assert date_cell(cell, today=TODAY) == (expected, None)


@pytest.mark.parametrize(
    ("cell", "expected", "expected_code", "severity"),
    [
        ("07/25/1985", D(1985, 7, 25), "date-order", "warning"),
        ("12-31-1999", D(1999, 12, 31), "date-order", "warning"),
        ("1985-31-12", D(1985, 12, 31), "date-order", "warning"),
        ("01-07-2030", D(2030, 7, 1), "date-future", "warning"),
        (D(2030, 7, 1), D(2030, 7, 1), "date-future", "warning"),
        (datetime.datetime(2030, 7, 1, 8), D(2030, 7, 1), "date-future", "warning"),
        (80000, EPOCH + datetime.timedelta(days=80000), "date-future", "warning"),
        ("01-07-1870", D(1870, 7, 1), "date-old", "warning"),
        ("1 Juli 1799", D(1799, 7, 1), "date-old", "warning"),
        ("31-02-1985", None, "date-invalid", "error"),
        ("29-02-1985", None, "date-invalid", "error"),
        ("29-02-01", None, "date-invalid", "error"),
        ("00-07-1985", None, "date-invalid", "error"),
        ("13-13-1985", None, "date-invalid", "error"),
        ("32 Juli 1985", None, "date-invalid", "error"),
        ("1985-02-30", None, "date-invalid", "error"),
        ("20001390", None, "date-invalid", "error"),
        (60, None, "date-invalid", "error"),  # Excel's 29 February 1900
        ("1985", None, "date-partial", "error"),
        (1985, None, "date-partial", "error"),
        ("Juli 1985", None, "date-partial", "error"),
        ("07-1985", None, "date-partial", "error"),
        ("abc", None, "date-format", "error"),
        ("STABAT, 01-07-1985", None, "date-format", "error"),
        ("01-07-985", None, "date-format", "error"),
        ("1-7-5", None, "date-format", "error"),
        ("001-07-1985", None, "date-format", "error"),
        ("1st July 1985", None, "date-format", "error"),
        ("01-07-1985 (umur 40)", None, "date-format", "error"),
        ("01-07-1985" * 10, None, "date-format", "error"),
        (0, None, "date-format", "error"),
        (-5, None, "date-format", "error"),
        (80001, None, "date-format", "error"),
        (float("inf"), None, "date-format", "error"),
        (True, None, "date-format", "error"),
        (datetime.time(10, 30), None, "date-format", "error"),
    ],
)
def test_date_cell_problems(
    cell: object, expected: datetime.date | None, expected_code: str, severity: str
) -> None:
    value, problem = date_cell(cell, today=TODAY)
    assert value == expected
    assert problem is not None
    assert (problem.code, problem.severity) == (expected_code, severity)
    assert problem.message_en
    assert problem.message_id


@pytest.mark.parametrize("cell", [None, "", "  ", "-", "NULL", "#N/A", "'", float("nan")])
def test_date_cell_missing(cell: object) -> None:
    assert date_cell(cell, today=TODAY) == (None, None)


def test_date_cell_today_defaults_to_the_real_today() -> None:
    today = datetime.date.today()
    assert date_cell(today) == (today, None)
    assert code(date_cell(today + datetime.timedelta(days=1))) == "date-future"
    assert date_cell(today.strftime("%d-%m-%y"))[0] == today


def test_date_cell_cache_depends_on_today() -> None:
    assert date_cell("01-07-25", today=TODAY)[0] == D(2025, 7, 1)
    assert date_cell("01-07-25", today=D(2020, 1, 1))[0] == D(1925, 7, 1)
    assert code(date_cell("01-07-2025", today=D(2020, 1, 1))) == "date-future"
    assert date_cell("01-07-2025", today=TODAY) == (D(2025, 7, 1), None)


def test_date_cell_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(values, "_CACHE_MAX", 3)
    for day in range(1, 29):
        assert date_cell(f"{day}-02-1990", today=TODAY) == (D(1990, 2, day), None)
    assert len(values._DATE_CACHE) <= 3


dates = st.dates(D(1900, 1, 1), D(2025, 12, 31))


@given(dates, st.sampled_from(["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"]))
def test_date_cell_round_trips_numeric_formats(day: datetime.date, fmt: str) -> None:
    assert date_cell(day.strftime(fmt), today=TODAY) == (day, None)


@given(dates)
def test_date_cell_round_trips_unpadded_and_with_time(day: datetime.date) -> None:
    assert date_cell(f"{day.day}/{day.month}/{day.year}", today=TODAY) == (day, None)
    assert date_cell(f"{day.isoformat()} 00:00:00", today=TODAY) == (day, None)
    assert date_cell(f"{day.isoformat()}T00:00:00", today=TODAY) == (day, None)
    assert date_cell(datetime.datetime.combine(day, datetime.time(12)), today=TODAY) == (day, None)


@given(dates)
def test_date_cell_round_trips_excel_serials(day: datetime.date) -> None:
    serial = excel_serial(day)
    assume(not 1800 <= serial <= 2200)  # read as a lone year, see test_date_cell_problems
    assert date_cell(serial, today=TODAY) == (day, None)
    assert date_cell(float(serial) + 0.25, today=TODAY) == (day, None)
    assert date_cell(str(serial), today=TODAY) == (day, None)


@given(dates, st.booleans(), st.sampled_from([ID_MONTHS, EN_MONTHS]), st.sampled_from(" -"))
def test_date_cell_round_trips_month_names(
    day: datetime.date, short: bool, names: list[str], sep: str
) -> None:
    name = names[day.month - 1]
    name = name[:3] if short else name
    assert date_cell(f"{day.day}{sep}{name}{sep}{day.year}", today=TODAY) == (day, None)
    assert date_cell(f"{day.day:02d}-{name.upper()}-{day.year}", today=TODAY) == (day, None)


@given(st.dates(TODAY.replace(year=TODAY.year - 99), TODAY))
def test_date_cell_two_digit_year_is_latest_not_after_today(day: datetime.date) -> None:
    assume(day.year > TODAY.year - 99 or (day.month, day.day) > (TODAY.month, TODAY.day))
    assert date_cell(day.strftime("%d-%m-%y"), today=TODAY) == (day, None)
    assert date_cell(day.strftime("%d-%b-%y").upper(), today=TODAY) == (day, None)


@given(dates.filter(lambda day: day.day > 12))
def test_date_cell_swaps_american_order_with_a_warning(day: datetime.date) -> None:
    value, problem = date_cell(f"{day.month:02d}/{day.day:02d}/{day.year}", today=TODAY)
    assert value == day
    assert code((value, problem)) == "date-order"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("STABAT, 01-07-1985", ("STABAT", D(1985, 7, 1), None)),
        ("STABAT,01-07-1985", ("STABAT", D(1985, 7, 1), None)),
        ("Stabat 1 Juli 1985", ("Stabat", D(1985, 7, 1), None)),
        ("Stabat, 07 Juni 1995", ("Stabat", D(1995, 6, 7), None)),
        ("Kab. Langkat / 01/07/1985", ("Kab. Langkat", D(1985, 7, 1), None)),
        ("P. Brandan, 12-JAN-85", ("P. Brandan", D(1985, 1, 12), None)),
        ("Medan, July 1, 1985", ("Medan", D(1985, 7, 1), None)),
        ("  TANJUNG  PURA ,\u00a001-07-1985 ", ("TANJUNG PURA", D(1985, 7, 1), None)),
        ("01-07-1985", (None, D(1985, 7, 1), None)),
        ("STABAT", ("STABAT", None, None)),
        ("STABAT,", ("STABAT", None, None)),
        (D(1985, 7, 1), (None, D(1985, 7, 1), None)),
        (31229, (None, D(1985, 7, 1), None)),
        (None, (None, None, None)),
        ("", (None, None, None)),
        ("-", (None, None, None)),
    ],
)
def test_place_date_cell(cell: object, expected: tuple[object, ...]) -> None:
    assert place_date_cell(cell, today=TODAY) == expected


@pytest.mark.parametrize(
    ("cell", "expected_code"),
    [("Stabat, 31-02-1985", "date-invalid"), ("Stabat, 1985", "date-partial")],
)
def test_place_date_cell_problems(cell: str, expected_code: str) -> None:
    place, value, problem = place_date_cell(cell, today=TODAY)
    assert place == "Stabat"
    assert value is None
    assert code((place, value, problem)) == expected_code


@given(dates, st.sampled_from(["Stabat", "P. Brandan", "Kab. Langkat", "TANJUNG PURA"]))
def test_place_date_cell_round_trips(day: datetime.date, place: str) -> None:
    cell = f"{place}, {day.day} {ID_MONTHS[day.month - 1]} {day.year}"
    assert place_date_cell(cell, today=TODAY) == (place, day, None)


# --- sex and yes/no ---------------------------------------------------------------------------

MALE: list[object] = ["L", "l", "L.", "1", 1, 1.0, "1.0", "LAKI-LAKI", "LAKI - LAKI"]
MALE += ["LAKI LAKI", "Laki-laki", "Laki2", "LAKI", "LK", "Lk", "PRIA", "Pria", "M", "MALE"]
MALE += ["Male", "1. Laki-laki"]
FEMALE: list[object] = ["P", "p", "2", 2, 2.0, "2.0", "PEREMPUAN", "Perempuan", "PR", "Pr."]
FEMALE += ["WANITA", "W", "F", "FEMALE", "Female", "2 - PEREMPUAN", "perempuan\u00a0"]


@pytest.mark.parametrize("cell", MALE)
def test_sex_cell_male(cell: object) -> None:
    assert sex_cell(cell) == (Sex.MALE, None)


@pytest.mark.parametrize("cell", FEMALE)
def test_sex_cell_female(cell: object) -> None:
    assert sex_cell(cell) == (Sex.FEMALE, None)


@pytest.mark.parametrize("cell", [None, "", " ", "-", "NULL", float("nan")])
def test_sex_cell_missing(cell: object) -> None:
    assert sex_cell(cell) == (None, None)


@pytest.mark.parametrize("cell", ["X", "3", 3, 0, "11", "1. Perempuan", "L/P", True, 1.5, TODAY])
def test_sex_cell_unknown(cell: object) -> None:
    value, problem = sex_cell(cell)
    assert value is None
    assert problem is not None
    assert (problem.code, problem.severity) == ("sex-unknown", "warning")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ya", True),
        ("YA", True),
        ("ya.", True),
        ("Y", True),
        ("Yes", True),
        ("1", True),
        ("1.0", True),
        (1, True),
        (1.0, True),
        ("TRUE", True),
        (True, True),
        ("Ada", True),
        ("V", True),
        ("v", True),
        ("✓", True),
        ("✔", True),
        ("√", True),
        ("Sudah", True),
        ("Tidak", False),
        ("TIDAK", False),
        ("T", False),
        ("Tdk", False),
        ("No", False),
        ("N", False),
        ("0", False),
        (0, False),
        (0.0, False),
        ("FALSE", False),
        (False, False),
        ("Tidak Ada", False),
        ("TIDAK  ADA", False),
        ("Belum", False),
    ],
)
def test_yes_no_cell(cell: object, expected: bool) -> None:
    assert yes_no_cell(cell) == (expected, None)


@pytest.mark.parametrize("cell", [None, "", "-", "--", "NULL", float("nan")])
def test_yes_no_cell_missing(cell: object) -> None:
    assert yes_no_cell(cell) == (None, None)


@pytest.mark.parametrize("cell", ["X", "Mungkin", "2", 2, 0.5, TODAY])
def test_yes_no_cell_unknown(cell: object) -> None:
    value, problem = yes_no_cell(cell)
    assert value is None
    assert code((value, problem)) == "yes-no-unknown"
    assert problem is not None
    assert problem.severity == "warning"


# --- text, codes, region codes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("SITI AMINAH", "SITI AMINAH"),
        ("  SITI   AMINAH  ", "SITI AMINAH"),
        ("SITI\u00a0AMINAH", "SITI AMINAH"),
        ("SITI\nAMINAH", "SITI AMINAH"),
        ("SITI\r\n\tAMINAH", "SITI AMINAH"),
        ("SITI\u200b AMINAH", "SITI AMINAH"),
        ("\ufeffBUDI", "BUDI"),
        ("Dusun II", "Dusun II"),
        (12, "12"),
        (12.0, "12"),
        (12.5, "12.5"),
        (0.1 + 0.2, "0.3"),
        (1205014107850001, "1205014107850001"),
        (D(1985, 7, 1), "1985-07-01"),
        (datetime.datetime(1985, 7, 1), "1985-07-01"),
        (datetime.datetime(1985, 7, 1, 10, 30), "1985-07-01 10:30:00"),
        (True, "TRUE"),
        (None, None),
        ("", None),
        ("   ", None),
        ("\u00a0", None),
        ("NULL", None),
        ("-", None),
        (" - ", None),
        ("#N/A", None),
        (float("nan"), None),
    ],
)
def test_text_cell(cell: object, expected: str | None) -> None:
    assert text_cell(cell) == expected


@pytest.mark.parametrize(
    ("cell", "digits", "expected", "expected_code"),
    [
        ("0001234567890", 13, "0001234567890", None),
        ("'0001234567890", 13, "0001234567890", None),
        (" 0001234567890 ", 13, "0001234567890", None),
        ("0012345678", 10, "0012345678", None),
        ("KIP-123-ABC", None, "KIP-123-ABC", None),
        (1234567890, None, "1234567890", None),
        (1234567890, 10, "1234567890", None),
        (1234567890, 13, "0001234567890", "leading-zeros-restored"),
        (12345678, 10, "0012345678", "leading-zeros-restored"),
        (1234567890.0, 13, "0001234567890", "leading-zeros-restored"),
        ("1234567890.0", 13, "0001234567890", "leading-zeros-restored"),
        (1234567890.0, None, "1234567890", "code-number"),
        (1234567890.0, 10, "1234567890", "code-number"),
        (12345678901234, 13, "12345678901234", "code-length"),
        ("12345", 10, "12345", "code-length"),
        ("1.23457E+12", None, None, "code-precision"),
        ("1,23457E+12", 13, None, "code-precision"),
        (1234567891234560, None, None, "code-precision"),
        (1.5e15, None, None, "code-precision"),
        (2**60, None, None, "code-precision"),
        ("12345678901234567.0", None, None, "code-precision"),
        (1234567891234567, None, "1234567891234567", None),
        (12.5, None, None, "code-format"),
        (-3, None, None, "code-format"),
        (True, None, None, "code-format"),
        (D(2000, 1, 1), None, None, "code-format"),
        (None, 13, None, None),
        ("", 13, None, None),
        ("NULL", 13, None, None),
        ("0", 13, None, None),
        ("0000000000000", 13, None, None),
        (0, 13, None, None),
        (0.0, 13, None, None),
        ("0.0", 13, None, None),
    ],
)
def test_code_cell(
    cell: object, digits: int | None, expected: str | None, expected_code: str | None
) -> None:
    result = code_cell(cell, digits=digits)
    assert result[0] == expected
    assert code(result) == expected_code
    problem = result[1]
    if problem is not None:
        expected_severity = "error" if expected is None else "warning"
        assert problem.severity == expected_severity


@given(st.integers(1, 10**12 - 1), st.integers(1, 15))
def test_code_cell_restores_leading_zeros(number: int, digits: int) -> None:
    value, problem = code_cell(number, digits=digits)
    assert value is not None
    assert int(value) == number
    assert len(value) == max(digits, len(str(number)))
    if len(str(number)) < digits:
        assert code((value, problem)) == "leading-zeros-restored"


@pytest.mark.parametrize(
    ("cell", "width", "expected"),
    [
        ("5", 2, "05"),
        (5, 2, "05"),
        (5.0, 2, "05"),
        ("5.0", 2, "05"),
        ("'05", 2, "05"),
        (" 5 ", 2, "05"),
        (1, 4, "0001"),
        ("12.05", 5, "12.05"),
        ("12.05.01", 8, "12.05.01"),
        (12.05, 5, "12.05"),
        (12.1, 5, "12.10"),
        (1.05, 5, "01.05"),
        (123, 2, "123"),
        ("1205", 2, "1205"),
        ("Langkat", 2, "Langkat"),
        (None, 2, None),
        ("", 2, None),
        ("-", 2, None),
        (float("nan"), 2, None),
    ],
)
def test_region_code_cell(cell: object, width: int, expected: str | None) -> None:
    assert region_code_cell(cell, width) == expected


@given(st.integers(1, 99), st.integers(1, 99))
def test_region_code_cell_restores_two_decimals(province: int, regency: int) -> None:
    typed = f"{province:02d}.{regency:02d}"
    assert region_code_cell(float(typed), 5) == typed


# --- properties: idempotence and never raising ------------------------------------------------


@given(st.text())
def test_text_cell_is_idempotent(text: str) -> None:
    once = text_cell(text)
    assert text_cell(once) == once
    if once is not None:
        assert once == once.strip()
        assert "  " not in once
        assert "\n" not in once


date_text = st.text(alphabet="0123456789-/.:, 'TAMPJulianOktDesMei", max_size=30)
cells = st.one_of(
    st.none(),
    st.text(),
    date_text,
    st.from_regex(r"(NIK|No\. KK|nik)?[: .]{0,3}'?[0-9 .E+,-]{0,20}", fullmatch=True),
    st.integers(),
    st.integers(-(10**17), 10**17),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.builds(object),
)


def check_problem(problem: object) -> None:
    assert problem is None or isinstance(problem, CellProblem)
    if isinstance(problem, CellProblem):
        assert problem.severity in ("error", "warning")
        assert problem.message_en
        assert problem.message_id


@given(cells)
def test_nothing_raises(cell: object) -> None:
    assert isinstance(is_missing(cell), bool)
    text = text_cell(cell)
    assert text is None or isinstance(text, str)
    for nik_or_kk in (nik_cell(cell), kk_cell(cell)):
        check_problem(nik_or_kk[2])
        assert nik_or_kk[1] is None or isinstance(nik_or_kk[1], str)
        if nik_or_kk[0] is not None:
            assert nik_or_kk[2] is None or nik_or_kk[2].severity == "warning"
    value, problem = date_cell(cell, today=TODAY)
    check_problem(problem)
    assert value is None or type(value) is datetime.date
    assert value is not None or problem is None or problem.severity == "error"
    place, value, problem = place_date_cell(cell, today=TODAY)
    check_problem(problem)
    assert place is None or isinstance(place, str)
    sex, problem = sex_cell(cell)
    check_problem(problem)
    assert sex is None or isinstance(sex, Sex)
    answer, problem = yes_no_cell(cell)
    check_problem(problem)
    assert answer is None or isinstance(answer, bool)
    for digits in (None, 13):
        value_text, problem = code_cell(cell, digits=digits)
        check_problem(problem)
        assert value_text is None or isinstance(value_text, str)
    region = region_code_cell(cell, 2)
    assert region is None or isinstance(region, str)


blank = st.text(alphabet=" \t\n\r\u00a0\u200b\ufeff\u3000", max_size=4)
placeholders = st.sampled_from(["", "-", "--", "NULL", "null", "Null", "N/A", "n/a", "#N/A"])
missing_cells = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.builds(lambda a, p, b: a + p + b, blank, placeholders, blank),
)


@given(missing_cells)
def test_missing_cells_give_no_problem(cell: object) -> None:
    assert is_missing(cell)
    assert text_cell(cell) is None
    assert nik_cell(cell) == (None, None, None)
    assert date_cell(cell, today=TODAY) == (None, None)
    assert sex_cell(cell) == (None, None)
    assert yes_no_cell(cell) == (None, None)
    assert code_cell(cell) == (None, None)
