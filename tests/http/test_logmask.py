"""Log masking against every way a NIK can be written into a URL or a message (issue 16):
percent-encoded separators (``%2D``, ``%2E``, ``%20``), ``_``, ``/``, percent-encoded or
double-encoded digits, several separators in a row."""

import logging
import re
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sibaso.http import NikMaskingFilter, mask_niks

NIK = "1205071811690001"

SEPARATORS = [
    *[
        ".",
        "-",
        "_",
        "/",
        "+",
        ",",
        ":",
        "%20",
        "%2D",
        "%2d",
        "%2E",
        "%5F",
        "%2F",
        "%2B",
        "%252D",
        "%C2%A0",
    ],
    " ",
    "\t",
    "\u00a0",
    "\u2013",
]


def _digits(text: str) -> str:
    for _ in range(3):
        text = urllib.parse.unquote(text)
    return re.sub(r"\D", "", text)


def _logged(line: str) -> str:
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s", (line,), None)
    NikMaskingFilter().filter(record)
    return record.getMessage()


@pytest.mark.parametrize(
    "written",
    [
        "1205%2D0718%2D1169%2D0001",
        "1205%2E0718%2E1169%2E0001",
        "1205_0718_1169_0001",
        "1205/0718/1169/0001",
        "%31%32%30%35%30%37%31%38%31%31%36%39%30%30%30%31",
        "1205%2d07%2518%2511690001".replace("%2518", "18"),
        "12.05.07.181169.0001",
        "1205 - 0718 - 1169 - 0001",
    ],
)
def test_issue_examples_are_masked(written):
    line = _logged(f"GET /v1/lookup?nik={written} HTTP/1.1 200")
    assert NIK not in _digits(line), line
    assert "1205" in line and "**" in line


def _encode(digit: str, how: int) -> str:
    return (digit, f"%3{digit}", f"%253{digit}")[how]


@settings(max_examples=300, deadline=None)
@given(
    nik=st.from_regex(r"[1-9][0-9]{15}", fullmatch=True),
    seps=st.lists(st.lists(st.sampled_from(SEPARATORS), max_size=3), min_size=15, max_size=15),
    encodings=st.lists(st.integers(0, 2), min_size=16, max_size=16),
    prefix=st.sampled_from(["GET /v1/lookup?nik=", "lookup ", "", "nik: ", '"POST /x?q=']),
    suffix=st.sampled_from([" HTTP/1.1 200", "", "&page=2", " selesai", '" 404']),
)
def test_no_nik_is_recoverable_from_a_log_line(nik, seps, encodings, prefix, suffix):
    written = _encode(nik[0], encodings[0]) + "".join(
        "".join(sep) + _encode(d, how)
        for sep, d, how in zip(seps, nik[1:], encodings[1:], strict=True)
    )
    line = _logged(prefix + written + suffix)
    assert nik not in _digits(line), line
    assert nik not in _digits(mask_niks(prefix + written + suffix))


def test_ordinary_numbers_stay():
    assert mask_niks("12345678901234567") == "12345678901234567"  # 17 digits: not a NIK
    assert mask_niks("2026-12-05 16:55:45,123 took 12 ms") == "2026-12-05 16:55:45,123 took 12 ms"
    assert mask_niks("ticket K7QM-3XH9 page=2") == "ticket K7QM-3XH9 page=2"
