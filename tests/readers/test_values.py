"""The canonical value rule, limits, and the helpers behind the safety scan."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sibaso.core.errors import SourceError
from sibaso.readers import Limits
from sibaso.readers.values import canonical, guard_rows, unescape_ooxml
from sibaso.readers.zipscan import _column_letters, _le_digits, _le_letters, column_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        (" x ", " x "),
        (1.0, 1),
        (-0.0, 0),
        (1205014107850001.0, 1205014107850001),
        (2.0**53, 2**53),
        (2.0**53 + 2, 2.0**53 + 2),
        (2**53 + 1, float(2**53 + 1)),
        (0.5, 0.5),
        (True, True),
        (dt.datetime(2024, 1, 2), dt.date(2024, 1, 2)),
        (dt.datetime(2024, 1, 2, 0, 0, 1), dt.datetime(2024, 1, 2, 0, 0, 1)),
        (dt.time(7, 30), dt.time(7, 30)),
        (None, None),
    ],
)
def test_canonical(raw: object, expected: object) -> None:
    value = canonical(raw)
    assert value == expected
    assert type(value) is type(expected)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_canonical_numbers_are_lossless(number: float) -> None:
    value = canonical(number)
    assert value == number
    assert type(value) is (int if number.is_integer() and abs(number) <= 2**53 else float)


def test_ooxml_escapes() -> None:
    assert unescape_ooxml("a_x000D_b") == "a\rb"
    assert unescape_ooxml("_x005F_x000D_") == "_x000D_"
    assert unescape_ooxml("no escapes_x") == "no escapes_x"


def test_limits_from_env() -> None:
    limits = Limits.from_env(
        {
            "SIBASO_MAX_FILE_MB": "10",
            "SIBASO_MAX_UNCOMPRESSED_MB": "20.5",
            "SIBASO_MAX_RATIO": "50",
            "SIBASO_MAX_ROWS": "1e6",
            "SIBASO_MAX_COLUMNS": "60",
            "SIBASO_MAX_EMPTY_ROWS": "5",
        },
        max_columns=70,
    )
    assert (limits.max_file_mb, limits.max_uncompressed_mb, limits.max_ratio) == (10, 20.5, 50)
    assert (limits.max_rows, limits.max_columns, limits.max_empty_rows) == (1_000_000, 70, 5)
    assert type(limits.max_rows) is int
    with pytest.raises(ValueError, match="SIBASO_MAX_ROWS"):
        Limits.from_env({"SIBASO_MAX_ROWS": "banyak"})
    with pytest.raises(ValueError):
        Limits(max_columns=-1)
    assert Limits.from_env({}) == Limits()


def test_guard_rows() -> None:
    rows = [(1, ("a",)), (2, ()), (5, ("b",)), (1006, ("lost",))]
    assert list(guard_rows("f", "S", rows, Limits())) == [(1, ("a",)), (5, ("b",))]
    with pytest.raises(SourceError) as caught:
        list(guard_rows("f", "S", [(3, ("x",) * 4)], Limits(max_columns=3)))
    assert caught.value.code == "too-large"


@given(st.integers(min_value=1, max_value=2_000_000), st.integers(min_value=1, max_value=2_000_000))
def test_number_bound_regex(limit: int, number: int) -> None:
    pattern = re.compile(_le_digits(limit) + r"\Z")
    assert bool(pattern.match(str(number))) == (number <= limit)


@given(st.integers(min_value=1, max_value=16384), st.integers(min_value=1, max_value=16384))
def test_column_bound_regex(limit: int, column: int) -> None:
    letters = _column_letters(column)
    assert column_number(letters) == column
    pattern = re.compile(_le_letters(limit) + r"\Z")
    assert bool(pattern.match(letters)) == (column <= limit)
