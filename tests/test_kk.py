"""No. KK rules."""

import datetime

import pytest
from hypothesis import given

from sibaso import KK, InvalidKK
from sibaso import kk as kk_rules
from sibaso.testing import strategies

TODAY = datetime.date(2026, 11, 28)


def test_fields():
    kk = KK.parse("1205012003150004", today=TODAY)
    assert kk.registered_on == datetime.date(2015, 3, 20)
    assert kk.serial == "0004"
    assert kk.district_code == "12.05.01"
    assert kk.region.district == "Bahorok"
    assert kk.formatted() == "12.05.01.200315.0004"
    assert kk.masked() == "1205**********04"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1205014107850001", "date"),  # no +40 on a KK
        ("1205010107150000", "serial"),
        ("12050101071500", "length"),
        ("12O5010107150001", "format"),
        ("9905010107150001", "region"),
        ("1205990107150001", "region"),
        (1.2e15, "precision"),
        ("3.2E+15", "precision"),
    ],
)
def test_error_codes(value, code):
    with pytest.raises(InvalidKK) as info:
        KK.parse(value)
    assert info.value.code == code


def test_lenient_unknown_district():
    kk = KK.parse("1205990107150001", strict=False)
    assert [w.code for w in kk.warnings] == ["region"]


def test_is_valid_never_raises():
    for junk in (None, object(), b"x", "€", 1.5):
        assert not kk_rules.is_valid(junk)


@given(strategies.kks())
def test_generated_kks_parse_and_round_trip(value):
    kk = KK.parse(value)
    assert KK.parse(kk.formatted()) == kk
    assert kk_rules.compact(kk_rules.format(value)) == value
