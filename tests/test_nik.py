"""NIK rules: examples for each error code, cleaning, century, regions, and properties."""

import datetime
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sibaso
from sibaso import NIK, InvalidNIK, Sex, ValidationError
from sibaso import nik as nik_rules
from sibaso.testing import strategies

TODAY = datetime.date(2026, 11, 28)


def error_code(value, **kwargs):
    with pytest.raises(InvalidNIK) as info:
        NIK.parse(value, **kwargs)
    assert isinstance(info.value, ValidationError)
    assert isinstance(info.value, ValueError)
    assert str(info.value)
    assert info.value.localized("id")
    return info.value.code


def test_fields_of_a_valid_nik():
    nik = NIK.parse("1205014107850001", today=TODAY)
    assert nik.value == str(nik) == "1205014107850001"
    assert (nik.province_code, nik.regency_code, nik.district_code) == ("12", "12.05", "12.05.01")
    assert nik.birth_date == datetime.date(1985, 7, 1)
    assert nik.sex is Sex.FEMALE
    assert nik.sex.value == "P"
    assert nik.serial == "0001"
    assert nik.formatted() == "12.05.01.410785.0001"
    assert nik.masked() == "1205**********01"
    assert nik.region.province == "Sumatera Utara"
    assert nik.region.regency == "Kabupaten Langkat"
    assert nik.region.district == "Bahorok"
    assert nik.warnings == ()


def test_man_has_day_as_is():
    nik = NIK.parse("1205071203900002", today=TODAY)
    assert nik.sex is Sex.MALE
    assert nik.birth_date == datetime.date(1990, 3, 12)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("12050141078500O1", "format"),
        ("NIK1205014107850001", "format"),
        ("NULL", "format"),
        ("", "length"),
        ("120501410785001", "length"),
        ("12050141078500011", "length"),
        ("0005014107850001", "region"),
        ("9905014107850001", "region"),
        ("1205993207850001", "region"),
        ("1205013207850001", "date"),
        ("1205014007850001", "date"),
        ("1205017207850001", "date"),
        ("1205010013850001", "date"),
        ("1205012902850001", "date"),
        ("1205016902850001", "date"),
        ("1205010107850000", "serial"),
        (1.205014107850001e15, "precision"),
        (1205014107850000, "precision"),
        ("1.20501410785E+15", "precision"),
        ("1,20501E+15", "precision"),
        ("'1.20501410785E+15", "precision"),
        (None, "format"),
        (True, "format"),
        (b"1205014107850001", "format"),
        (["1205014107850001"], "format"),
        (120501410785001, "length"),
    ],
)
def test_error_codes(value, code):
    assert error_code(value) == code


@pytest.mark.parametrize(
    "value",
    [
        " 1205014107850001 ",
        "1205 0141 0785 0001",
        "12.05.01.410785.0001",
        "12-05-01-410785-0001",
        "'1205014107850001",
        "1205014107850001.0",
        "\u00a01205014107850001\t",
        1205014107850001,
    ],
)
def test_cleaning_accepts_what_operators_paste(value):
    assert NIK.parse(value).value == "1205014107850001"


@pytest.mark.parametrize(
    "value",
    [
        "1205014107850001.00",
        "1205014107850001,0",
        "1205014107850001.5",
        "１２０５０１４１０７８５０００１",
        "1205014107850001x",
    ],
)
def test_cleaning_is_not_more_lenient(value):
    with pytest.raises(InvalidNIK):
        NIK.parse(value)


def test_century_latest_date_not_after_today():
    nik = NIK.parse("1205010101240001", today=TODAY)
    assert nik.birth_date == datetime.date(2024, 1, 1)
    assert nik.birth_date_candidates == (datetime.date(2024, 1, 1), datetime.date(1924, 1, 1))
    future = NIK.parse("1205010112260001", today=TODAY)  # 1 Dec 2026 is after today
    assert future.birth_date == datetime.date(1926, 12, 1)
    assert future.birth_date_candidates == (datetime.date(1926, 12, 1),)


def test_leap_day_of_year_00_is_2000():
    nik = NIK.parse("1205012902000001", today=TODAY)
    assert nik.birth_date == datetime.date(2000, 2, 29)
    assert nik.birth_date_candidates == (datetime.date(2000, 2, 29),)
    assert NIK.parse("1205016902960001").birth_date == datetime.date(1996, 2, 29)


def test_strict_refuses_unknown_district_lenient_warns():
    assert error_code("1205994107850001") == "region"
    assert error_code("1299014107850001") == "region"
    nik = NIK.parse("1205994107850001", strict=False)
    assert [w.code for w in nik.warnings] == ["region"]
    assert nik.region.district is None
    assert nik.region.regency == "Kabupaten Langkat"
    # lenient still checks structure
    assert error_code("9905014107850001", strict=False) == "region"
    assert error_code("1205993207850001", strict=False) == "date"


def test_retired_papua_code_is_valid_with_a_note():
    nik = NIK.parse("9201044107850001")  # 92.01.04 Beraur became 96.01.02
    region = nik.region
    assert region.district == "Beraur"
    assert region.retired
    assert region.successor == "96.01.02"
    assert "96.01.02" in region.note
    assert [w.code for w in nik.warnings] == ["retired-region"]


def test_is_valid_never_raises():
    for junk in (None, "", "€", object(), b"\xff", 3.5, float("nan"), [], {}, -1, 10**40, True):
        assert nik_rules.is_valid(junk) is False
    assert nik_rules.is_valid("1205014107850001")
    assert nik_rules.is_valid(" '1205 0141 0785 0001")


def test_module_functions_stdnum_style():
    assert nik_rules.compact("12.05.01.410785.0001") == "1205014107850001"
    assert nik_rules.validate("12.05.01.410785.0001") == "1205014107850001"
    assert nik_rules.format("1205014107850001") == "12.05.01.410785.0001"
    assert sibaso.nik.mask("1205014107850001") == "1205**********01"


def test_value_semantics():
    a, b = NIK("1205014107850001"), NIK.parse("'1205014107850001")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.value = "x"
    assert "1205014107850001" not in repr(a)
    assert pickle.loads(pickle.dumps(a)) == a
    assert sorted([NIK("1205071203900002"), a])[0] == a


def test_check_many_agrees_with_parse():
    values = [
        "1205014107850001",
        "12050141078500",
        "1205013207850001",
        None,
        " 1205014107850001",
        "1205994107850001",
        "1205010107850000",
        1.2e15,
    ]
    assert nik_rules.check_many(values) == [
        None,
        "length",
        "date",
        "format",
        None,
        "region",
        "serial",
        "precision",
    ]
    assert nik_rules.check_many(["1205994107850001"], strict=False) == [None]


# --- properties -------------------------------------------------------------------------


@given(strategies.niks())
def test_every_generated_nik_parses(value):
    nik = NIK.parse(value)
    assert nik.value == value
    assert nik_rules.is_valid(value)


@given(strategies.niks())
def test_parse_of_formatted_round_trips(value):
    nik = NIK.parse(value)
    assert NIK.parse(nik.formatted()) == nik
    assert NIK.parse(nik_rules.format(value)) == nik


@given(strategies.niks(), st.integers(0, 15), st.integers(1, 9))
def test_changing_one_digit_raises_or_gives_another_nik(value, position, delta):
    digit = str((int(value[position]) + delta) % 10)
    mutated = value[:position] + digit + value[position + 1 :]
    try:
        other = NIK.parse(mutated)
    except InvalidNIK:
        return
    assert other != NIK.parse(value)


@given(
    st.one_of(
        st.text(), st.binary(), st.integers(), st.floats(), st.none(), st.lists(st.integers())
    )
)
def test_is_valid_never_raises_on_anything(value):
    assert nik_rules.is_valid(value) in (True, False)
    assert nik_rules.is_valid(value, strict=False) in (True, False)


@given(
    st.lists(
        st.one_of(
            strategies.niks(),
            st.text(max_size=20),
            st.text(alphabet="0123456789", min_size=16, max_size=16),
        )
    )
)
def test_check_many_matches_is_valid(values):
    codes = nik_rules.check_many(values)
    expected = [nik_rules.is_valid(v) for v in values]
    assert [c is None for c in codes] == expected
    assert nik_rules.is_valid_many(values) == expected
    assert nik_rules.is_valid_many(values, strict=False) == [
        nik_rules.is_valid(v, strict=False) for v in values
    ]


@given(strategies.niks())
def test_sex_and_date_agree_with_digits(value):
    nik = NIK.parse(value, today=TODAY)
    day = int(value[6:8])
    assert (nik.sex is Sex.FEMALE) == (day > 40)
    assert nik.birth_date.day == (day - 40 if day > 40 else day)
    assert nik.birth_date <= TODAY
