"""One raw spreadsheet cell in, a typed value (or a problem) out.

Readers give cells as ``str``, ``int``, ``float``, ``bool``, ``datetime.date``,
``datetime.datetime`` or ``None`` (see :mod:`sibaso.readers.values`). Each function here turns
one such cell into a value and a :class:`CellProblem` or ``None``, and never raises, whatever it
is given: a row problem is data, not an exception. These functions run once per cell of files
with 200,000 rows, so the common case is a few dictionary look-ups and repeated strings (dates,
sexes, yes/no answers) are cached.

>>> import datetime
>>> today = datetime.date(2026, 1, 1)
>>> for raw in ["07 Juni 1995", "12-JAN-85", "01/07/1985", "1985-07-01 00:00:00", 31229]:
...     print(repr(raw), date_cell(raw, today=today))
'07 Juni 1995' (datetime.date(1995, 6, 7), None)
'12-JAN-85' (datetime.date(1985, 1, 12), None)
'01/07/1985' (datetime.date(1985, 7, 1), None)
'1985-07-01 00:00:00' (datetime.date(1985, 7, 1), None)
31229 (datetime.date(1985, 7, 1), None)

Day and month are read in the Indonesian order; a month in the middle above 12 means the writer
used the American order, which is read with a warning:

>>> value, problem = date_cell("07/25/1985")
>>> value, problem.code, problem.severity
(datetime.date(1985, 7, 25), 'date-order', 'warning')
>>> date_cell("31-02-1985")[1].code
'date-invalid'
>>> place_date_cell("STABAT, 01-07-1985")
('STABAT', datetime.date(1985, 7, 1), None)

Identifiers keep the rules of :mod:`sibaso.core.nik`; a label typed in front is removed and a
placeholder such as ``0`` counts as missing:

>>> nik, given, problem = nik_cell("NIK: 1205014107850001")
>>> nik, given, problem
(<NIK 1205**********01>, '1205014107850001', None)
>>> nik_cell("0"), nik_cell(None)
((None, None, None), (None, None, None))
>>> nik, given, problem = nik_cell(1.20501410785e15)
>>> nik, given, problem.code, problem.severity
(None, '1205014107850000', 'nik-precision', 'warning')
>>> nik_cell("9101014107850001")[2].code
'nik-retired-region'

Other columns:

>>> sex_cell("LAKI - LAKI"), sex_cell(2)
((<Sex.MALE: 'L'>, None), (<Sex.FEMALE: 'P'>, None))
>>> yes_no_cell("Tidak Ada"), yes_no_cell("✓"), yes_no_cell("-")
((False, None), (True, None), (None, None))
>>> text_cell("  SITI\\u00a0 AMINAH\\n"), text_cell(12.0), text_cell(datetime.date(1985, 7, 1))
('SITI AMINAH', '12', '1985-07-01')
>>> code_cell(1234567, digits=13)[0], code_cell(1234567, digits=13)[1].code
('0000001234567', 'leading-zeros-restored')
>>> code_cell("1.23457E+12")[1].code
'code-precision'
>>> region_code_cell(5, 2), region_code_cell("12.05", 5), region_code_cell(12.1, 5)
('05', '12.05', '12.10')

Problem codes: ``nik-*`` and ``kk-*`` (the rule codes of :mod:`sibaso.core.nik` with the
prefix, plus ``-region`` and ``-retired-region`` warnings), ``date-format``, ``date-invalid``,
``date-partial`` (errors), ``date-order``, ``date-future``, ``date-old`` (warnings),
``sex-unknown``, ``yes-no-unknown`` (warnings), ``code-format``, ``code-precision`` (errors),
``code-number``, ``code-length``, ``leading-zeros-restored`` (warnings).
"""

from __future__ import annotations

import datetime
import math
import re
import time
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import attrs

from sibaso.core import kk as _kk
from sibaso.core import nik as _nik
from sibaso.core.errors import ValidationError
from sibaso.core.kk import KK
from sibaso.core.nik import NIK, Sex
from sibaso.core.problems import CATALOGUE as PROBLEMS
from sibaso.core.text import MISSING, is_tidy, strip_invisible

__all__ = [
    "CellProblem",
    "Severity",
    "code_cell",
    "date_cell",
    "is_missing",
    "kk_cell",
    "nik_cell",
    "place_date_cell",
    "region_code_cell",
    "sex_cell",
    "text_cell",
    "unusable_identifier",
    "yes_no_cell",
]

Severity = Literal["error", "warning"]


@attrs.frozen
class CellProblem:
    """What is wrong with one cell: a short ``code``, the message in English and Indonesian."""

    code: str
    message_en: str
    message_id: str
    severity: Severity = attrs.field(
        default="error", validator=attrs.validators.in_(("error", "warning"))
    )

    def localized(self, lang: str = "id") -> str:
        """The message in Bahasa Indonesia (``"id"``, the default) or English (``"en"``)."""
        return self.message_id if lang == "id" else self.message_en


# --- shared text handling -----------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_CACHE_MAX = 65_536
_MISSING = MISSING
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_WHOLE_TEXT = re.compile(r"(\d+)\.0")
_NONE2: tuple[None, None] = (None, None)
_K = TypeVar("_K")
_V = TypeVar("_V")
_ID = TypeVar("_ID", NIK, KK)


def _unformula(text: str) -> str:
    """``="1205…"`` — the formula CSV exports write to keep Excel from eating digits — as
    its text."""
    if text[:2] == '="' and text[-1:] == '"' and len(text) > 3:
        return text[2:-1].strip()
    return text


def _norm(text: str) -> str:
    """Strip, drop invisible characters (bidi controls, zero-width: the one rule of
    :func:`sibaso.core.text.strip_invisible`), collapse white space (NBSP, newlines)."""
    if is_tidy(text):
        return text
    return " ".join(strip_invisible(text).split())


def _present(text: str) -> str | None:
    """The normalised text, or None when it is empty or a placeholder."""
    text = _norm(text)
    if text.upper() in _MISSING:
        return None
    return text


def _remember(cache: dict[_K, _V], key: _K, value: _V) -> None:
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    cache[key] = value


def _int_text(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # more than sys.get_int_max_str_digits() digits
        return f"<integer of {value.bit_length()} bits>"


def _float_text(value: float) -> str:
    """A float as Excel shows it: whole numbers without ``.0`` or exponent, else 15 digits."""
    if value.is_integer():
        return str(int(value))
    return format(value, ".15g")


def _problem(code: str, severity: Severity | None = None, **fields: Any) -> CellProblem:
    """The problem ``code`` of the catalogue (:mod:`sibaso.core.problems`) with ``fields``."""
    kind = PROBLEMS[code]
    message_id, message_en = kind.render(**fields)
    return CellProblem(code, message_en, message_id, severity or kind.severity)  # type: ignore[arg-type]


def _rule_problem(code: str, en: str, id_: str, severity: Severity) -> CellProblem:
    """A problem whose texts the NIK/KK rule gave (its ``ValidationError`` or warning)."""
    return CellProblem(code, en, id_, severity)


def is_missing(cell: object) -> bool:
    """True for ``None``, NaN, empty or blank text and placeholders (``NULL``, ``-``, ``#N/A``).

    ``0`` is a value here; only the identifier functions treat it as missing.
    """
    if cell is None:
        return True
    if type(cell) is str:
        return _present(cell) is None
    if type(cell) is float:
        return cell != cell
    if isinstance(cell, str):
        return _present(str(cell)) is None
    return False


def text_cell(cell: object) -> str | None:
    """Clean text: stripped, inner white space collapsed, placeholders as ``None``.

    Numbers become their natural text (``12.0`` → ``"12"``), dates ISO, booleans TRUE/FALSE.
    """
    if type(cell) is str:
        return _present(cell)
    if cell is None:
        return None
    if type(cell) is bool:
        return "TRUE" if cell else "FALSE"
    if type(cell) is int:
        return _int_text(cell)
    if type(cell) is float:
        return None if cell != cell else _float_text(cell)
    if isinstance(cell, datetime.datetime):
        if cell.time() == datetime.time() and cell.tzinfo is None:
            return cell.date().isoformat()
        return cell.isoformat(sep=" ")
    if isinstance(cell, datetime.date | datetime.time):
        return cell.isoformat()
    try:
        return _present(str(cell))
    except Exception:
        return None


def _shown(cell: object) -> str:
    """The cell as text for a message (never None, never raises)."""
    return text_cell(cell) or ""


# --- NIK and No. KK -------------------------------------------------------------------------

_NIK_LABEL = re.compile(
    r"(?:no(?:mor)?\.?\s*)?n\.?i\.?k\.?(?:\s*ktp)?\s*[:.=#-]?\s*(?=[\d'#-]|$)", re.IGNORECASE
)
_KK_LABEL = re.compile(
    r"(?:no(?:mor)?\.?\s*)?(?:n?kk|kartu\s+keluarga)\s*[:.=#-]?\s*(?=[\d'#-]|$)", re.IGNORECASE
)
_REGION_PROBLEMS: dict[tuple[str, str], CellProblem | None] = {}


def _region_problem(prefix: str, parsed: NIK | KK) -> CellProblem | None:
    key = (prefix, parsed.value[:6])
    try:
        return _REGION_PROBLEMS[key]
    except KeyError:
        pass
    found = parsed.warnings
    problem = (
        _rule_problem(f"{prefix}-{found[0].code}", found[0].message, found[0].message_id, "warning")
        if found
        else None
    )
    _REGION_PROBLEMS[key] = problem
    return problem


def _identifier_cell(
    cell: object,
    parse: Callable[..., _ID],
    prefix: str,
    label: re.Pattern[str],
    severity: Severity,
    today: datetime.date | None,
) -> tuple[_ID | None, str | None, CellProblem | None]:
    value: object = cell
    if type(cell) is str and len(cell) == 16 and cell.isdigit() and cell[0] != "0":
        given = cell  # the common case: 16 digits (isdigit() also admits non-ASCII digits)
    elif cell is None:
        return None, None, None
    elif isinstance(cell, str):
        text = _present(str(cell))
        if text is None:
            return None, None, None
        text = _unformula(text)
        if text[0] == "'":
            text = text[1:].lstrip()
        if text[:1].isalpha() and (match := label.match(text)):
            text = text[match.end() :]
        if text.upper() in _MISSING or not text.strip("0"):
            return None, None, None
        given = value = text
    elif type(cell) is int:
        if cell == 0:
            return None, None, None
        given = _int_text(cell)
    elif type(cell) is float:
        if cell != cell or cell == 0:
            return None, None, None
        given = _float_text(cell)
    else:
        given = _shown(cell)
    try:
        parsed = parse(value, strict=False, today=today)
    except ValidationError as exc:
        problem = _rule_problem(f"{prefix}-{exc.code}", str(exc), exc.message_id, severity)
        return None, given, problem
    except Exception:
        return None, given, _problem(f"{prefix}-format", severity, text=given)
    return parsed, given, _region_problem(prefix, parsed)


def nik_cell(
    cell: object, *, severity: Severity = "warning", today: datetime.date | None = None
) -> tuple[NIK | None, str | None, CellProblem | None]:
    """``(nik, given, problem)`` for a NIK cell, parsed leniently (unknown regions warn).

    ``given`` is the cleaned text (label and Excel apostrophe removed), ``None`` when missing.
    An invalid NIK gives ``(None, given, problem)`` with code ``nik-<rule>`` and ``severity``;
    an unknown or retired region gives the NIK with a ``nik-region``/``nik-retired-region``
    warning.
    """
    return _identifier_cell(cell, _nik.parse, "nik", _NIK_LABEL, severity, today)


_SEQUENCES = ("0123456789" * 3, "9876543210" * 3)


def unusable_identifier(given: str | None) -> str | None:
    """Why a NIK or KK cell that failed its rule can lead to no one, or None when it may.

    ``"scientific"``: Excel's scientific notation kept a few digits only. ``"dummy"``: a
    placeholder (no birth date, one digit repeated, a run such as ``1234…``). A number whose
    16th digit Excel zeroed, or a typo, is not unusable: the padan recovers it by name.

    >>> unusable_identifier("1.20507E+15"), unusable_identifier("1205070000000000")
    ('scientific', 'dummy')
    >>> unusable_identifier("1205010203800000") is None  # the 16th digit, recoverable
    True
    """
    if not given:
        return None
    text = given.strip()
    if "E" in text.upper() and re.fullmatch(r"\d+(?:[.,]\d+)?[eE]\+?\d+", text):
        return "scientific"
    placeholder = text[6:12] == "000000" or len(set(text)) == 1
    if len(text) == 16 and text.isdigit() and (placeholder or any(text in r for r in _SEQUENCES)):
        return "dummy"
    return None


def kk_cell(
    cell: object, *, severity: Severity = "warning", today: datetime.date | None = None
) -> tuple[KK | None, str | None, CellProblem | None]:
    """``(kk, given, problem)`` for a No. KK cell: :func:`nik_cell` with ``kk-`` codes."""
    return _identifier_cell(cell, _kk.parse, "kk", _KK_LABEL, severity, today)


# --- dates ------------------------------------------------------------------------------------

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
#: Longer text is no date (the longest form, a weekday, month name and time, is ~50 chars).
_LONGEST_DATE = 64
_OLDEST_YEAR = 1880
_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "januari january jan",
            "februari pebruari febuari pebuari february feb peb",
            "maret march mar mrt",
            "april apr",
            "mei may",
            "juni june jun",
            "juli july jul",
            "agustus august agu agt ags agst agus aug",
            "september sept sep",
            "oktober october okt oct",
            "november nopember nov nop",
            "desember december des dec",
        ),
        start=1,
    )
    for name in names.split()
}
_WEEKDAYS = frozenset(
    _words(
        "senin selasa rabu kamis jumat sabtu minggu ahad monday tuesday wednesday thursday "
        "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
    )
)
_TIME = re.compile(
    r"[ T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?"
    r"(?: ?(?:[AP]\.?M\.?|WIB|WITA|WIT|Z|UTC|[+-]\d{2}:?\d{2}))?$",
    re.IGNORECASE,
)
_DATE_CHARS = re.compile(r"[0-9A-Za-z /.,-]+")
_TOKEN = re.compile(r"\d+|[A-Za-z]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATE_CACHE: dict[tuple[str, datetime.date], tuple[datetime.date | None, CellProblem | None]] = {}


class _Today:
    """``date.today()`` costs a microsecond; remember it until the next local midnight."""

    value = datetime.date.min
    until = 0.0

    @classmethod
    def get(cls) -> datetime.date:
        if time.time() >= cls.until:
            cls.value = datetime.date.today()
            tomorrow = cls.value + datetime.timedelta(days=1)
            cls.until = datetime.datetime.combine(tomorrow, datetime.time()).timestamp()
        return cls.value


def _format_error(text: str) -> CellProblem:
    return _problem("date-format", text=text)


def _invalid(text: str) -> CellProblem:
    return _problem("date-invalid", text=text)


def _partial(text: str) -> CellProblem:
    return _problem("date-partial", text=text)


def _checked(
    when: datetime.date, today: datetime.date, problem: CellProblem | None = None
) -> tuple[datetime.date, CellProblem | None]:
    """Add the future/too-old warning (more telling than a day/month swap)."""
    if when > today:
        iso = when.isoformat()
        problem = _problem("date-future", date=iso)
    elif when.year < _OLDEST_YEAR:
        iso = when.isoformat()
        problem = _problem("date-old", date=iso, year=_OLDEST_YEAR)
    return when, problem


def _two_digit_year(day: int, month: int, yy: int, today: datetime.date) -> datetime.date | None:
    """The latest real date for DD-MM-YY not after today (else the 1900s one, else None)."""
    found = None
    for century in (2000, 1900):
        try:
            found = datetime.date(century + yy, month, day)
        except ValueError:
            continue
        if found <= today:
            return found
    return found


def _ymd(
    text: str, year: str, month: int, day: str, today: datetime.date
) -> tuple[datetime.date | None, CellProblem | None]:
    """Build a date from tokens: year of 2 or 4 digits, day of 1-2 digits, month 1-12ish."""
    if len(day) > 2 or len(year) not in (2, 4):
        return None, _format_error(text)
    d, problem = int(day), None
    if month > 12 and 0 < d <= 12:
        d, month = month, d
        problem = _problem("date-order", text=text, day=d, month=month)
    if len(year) == 2:
        when = _two_digit_year(d, month, int(year), today)
    else:
        try:
            when = datetime.date(int(year), month, d)
        except ValueError:
            when = None
    if when is None:
        return None, _invalid(text)
    return _checked(when, today, problem)


def _eight_digits(
    text: str, digits: str, today: datetime.date
) -> tuple[datetime.date | None, CellProblem | None]:
    """``YYYYMMDD`` when it is a date with a plausible year, else ``DDMMYYYY``."""
    if 1800 <= int(digits[:4]) <= 2200:
        try:
            return _checked(
                datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])), today
            )
        except ValueError:
            pass
    if 1800 <= int(digits[4:]) <= 2200:
        return _ymd(text, digits[4:], int(digits[2:4]), digits[:2], today)
    return None, _invalid(text)


def _date_number(
    value: float, text: str, today: datetime.date
) -> tuple[datetime.date | None, CellProblem | None]:
    """An Excel serial day number (1-80000), ``YYYYMMDD``/``DDMMYYYY``, or a lone year."""
    if isinstance(value, int):
        whole, n = True, value
    elif math.isfinite(value):
        whole, n = value.is_integer(), math.floor(value)
    else:
        return _NONE2 if value != value else (None, _format_error(text))
    if whole and 1800 <= n <= 2200:
        return None, _partial(text)
    if whole and 10_000_000 <= n <= 99_999_999:
        return _eight_digits(text, str(n), today)
    if not 1 <= n <= 80_000:
        return None, _format_error(text)
    if n < 61:  # Excel counts the non-existent 29 February 1900 (serial 60)
        if n == 60:
            return None, _invalid(text)
        n += 1
    return _checked(_EXCEL_EPOCH + datetime.timedelta(days=n), today)


def _date_text(raw: str, today: datetime.date) -> tuple[datetime.date | None, CellProblem | None]:
    text = _present(raw)
    if text is None:
        return _NONE2
    if text[0] == "'":
        text = text[1:].lstrip()
        if not text:
            return _NONE2
    if len(text) > _LONGEST_DATE:
        return None, _format_error(text[:_LONGEST_DATE] + "…")
    if _NUMBER.fullmatch(text):
        if not text.isdigit():
            return _date_number(float(text), text, today)
        if len(text) == 8:
            return _eight_digits(text, text, today)
        if len(text) == 6:
            return _ymd(text, text[4:], int(text[2:4]), text[:2], today)
        return _date_number(float(text), text, today)
    body = _TIME.sub("", text).replace("'", "")
    if not _DATE_CHARS.fullmatch(body):
        return None, _format_error(text)
    tokens = _TOKEN.findall(body)
    if tokens and tokens[0].lower() in _WEEKDAYS:
        del tokens[0]
    numbers = [t for t in tokens if t.isdigit()]
    words = [t.lower() for t in tokens if not t.isdigit()]
    if not words:
        if len(numbers) == 3 and len(numbers[1]) <= 2:
            first, middle, last = numbers
            if len(first) == 4:
                return _ymd(text, first, int(middle), last, today)
            return _ymd(text, last, int(middle), first, today)
        elif len(numbers) == 2 and any(len(n) == 4 for n in numbers):
            return None, _partial(text)
        return None, _format_error(text)
    if len(words) != 1 or words[0] not in _MONTHS:
        return None, _format_error(text)
    month = _MONTHS[words[0]]
    if len(numbers) == 1:
        return None, (_partial(text) if len(numbers[0]) == 4 else _format_error(text))
    if len(numbers) != 2:
        return None, _format_error(text)
    day, year = numbers
    if len(day) == 4:
        day, year = year, day
    return _ymd(text, year, month, day, today)


def date_cell(
    cell: object, *, today: datetime.date | None = None
) -> tuple[datetime.date | None, CellProblem | None]:
    """``(date, problem)`` for a date cell; missing gives ``(None, None)``.

    Reads date objects, Excel serial numbers, ``YYYYMMDD``, and text in the Indonesian
    day-month-year order with any of ``-/. `` (two-digit years: the latest date not after
    ``today``), ISO dates with a time, and month names in Indonesian or English. Errors:
    ``date-format``, ``date-invalid``, ``date-partial``; warnings: ``date-order`` (month and day
    swapped), ``date-future``, ``date-old`` (before 1880).
    """
    if today is None:
        today = _Today.get()
    if type(cell) is str:
        key = (cell, today)
        hit = _DATE_CACHE.get(key)
        if hit is None:
            hit = _date_text(cell, today)
            _remember(_DATE_CACHE, key, hit)
        return hit
    if type(cell) is datetime.date:
        return _checked(cell, today)
    if cell is None:
        return _NONE2
    if type(cell) is datetime.datetime:
        return _checked(cell.date(), today)
    if type(cell) is int or type(cell) is float:
        return _date_number(cell, _shown(cell), today)
    if isinstance(cell, datetime.datetime):
        return _checked(datetime.date(cell.year, cell.month, cell.day), today)
    if isinstance(cell, datetime.date):
        return _checked(datetime.date(cell.year, cell.month, cell.day), today)
    if isinstance(cell, str):
        return _date_text(str(cell), today)
    if cell != cell:  # NaN-like
        return _NONE2
    return None, _format_error(_shown(cell))


def place_date_cell(
    cell: object, *, today: datetime.date | None = None
) -> tuple[str | None, datetime.date | None, CellProblem | None]:
    """``(place, date, problem)`` for a combined place and date of birth (TTL) cell.

    ``"STABAT, 01-07-1985"``, ``"Stabat 1 Juli 1985"``; the date starts at the first digit (or
    at the month name just before it). A cell without digits is a place without a date.
    """
    if not isinstance(cell, str):
        return (None, *date_cell(cell, today=today))
    text = _present(cell)
    if text is None:
        return None, None, None
    start = next((i for i, c in enumerate(text) if "0" <= c <= "9"), None)
    if start is None:
        return text.rstrip(" ,/;:-") or None, None, None
    head = text[:start].rstrip()
    word = head.rsplit(None, 1)[-1] if head else ""
    if word.rstrip(".").lower() in _MONTHS:
        head, start = head[: len(head) - len(word)], len(head) - len(word)
    place = head.rstrip(" ,/;:-") or None
    return (place, *date_cell(text[start:], today=today))


# --- categories -------------------------------------------------------------------------------

_SEX_CACHE: dict[str, tuple[Sex | None, CellProblem | None]] = {}


def _sex_unknown(text: str) -> tuple[None, CellProblem]:
    return None, _problem("sex-unknown", text=text)


def _sex_text(raw: str) -> tuple[Sex | None, CellProblem | None]:
    text = _present(raw)
    if text is None:
        return _NONE2
    sex = Sex.parse(text)
    return (sex, None) if sex is not None else _sex_unknown(text)


def sex_cell(cell: object) -> tuple[Sex | None, CellProblem | None]:
    """``(sex, problem)``: L/P, 1/2, LAKI-LAKI, PEREMPUAN, PRIA, WANITA, M/F …; else a warning."""
    if type(cell) is str:
        hit = _SEX_CACHE.get(cell)
        if hit is None:
            hit = _sex_text(cell)
            _remember(_SEX_CACHE, cell, hit)
        return hit
    if cell is None:
        return _NONE2
    if type(cell) is float and cell != cell:
        return _NONE2
    if isinstance(cell, str):
        return _sex_text(str(cell))
    sex = Sex.parse(cell)
    return (sex, None) if sex is not None else _sex_unknown(_shown(cell))


_YES_NO: dict[str, bool] = {
    **dict.fromkeys(
        ("YA", "Y", "IYA", "YES", "TRUE", "BENAR", "ADA", "SUDAH", "1", "V", "✓", "✔", "√", "☑"),
        True,
    ),
    **dict.fromkeys(
        ("TIDAK", "T", "TDK", "TIDAK ADA", "TDK ADA", *_words("NO N FALSE F SALAH BELUM BUKAN 0")),
        False,
    ),
}
_YES_NO_CACHE: dict[str, tuple[bool | None, CellProblem | None]] = {}


def _yes_no_unknown(text: str) -> tuple[None, CellProblem]:
    return None, _problem("yes-no-unknown", text=text)


def _yes_no_text(raw: str) -> tuple[bool | None, CellProblem | None]:
    text = _present(raw)
    if text is None:
        return _NONE2
    if _WHOLE_TEXT.fullmatch(text):
        text = text[:-2]
    found = _YES_NO.get(text.upper().rstrip(".").strip())
    return (found, None) if found is not None else _yes_no_unknown(text)


def yes_no_cell(cell: object) -> tuple[bool | None, CellProblem | None]:
    """``(answer, problem)``: Ya/Tidak, Y/T, Yes/No, 1/0, TRUE/FALSE, Ada/Tidak Ada, ✓ …"""
    if type(cell) is str:
        hit = _YES_NO_CACHE.get(cell)
        if hit is None:
            hit = _yes_no_text(cell)
            _remember(_YES_NO_CACHE, cell, hit)
        return hit
    if type(cell) is bool:
        return cell, None
    if cell is None:
        return _NONE2
    if (type(cell) is int or type(cell) is float) and cell in (0, 1):
        return cell == 1, None
    if type(cell) is float and cell != cell:
        return _NONE2
    if isinstance(cell, str):
        return _yes_no_text(str(cell))
    return _yes_no_unknown(_shown(cell))


# --- codes ------------------------------------------------------------------------------------


_EXACT = 2**53


def _code_format(text: str) -> tuple[None, CellProblem]:
    return None, _problem("code-format", text=text)


def _code_precision(text: str, scientific: bool = False) -> tuple[None, CellProblem]:
    form = "scientific" if scientific else "number"
    return None, _problem("code-precision", text=text, form=form)


def _code_length(text: str, digits: int) -> CellProblem:
    return _problem("code-length", text=text, length=len(text), digits=digits)


def _code_number(
    value: int, digits: int | None, shown: str, from_float: bool
) -> tuple[str | None, CellProblem | None]:
    text = _int_text(value)
    if len(text) > 15 and text.endswith("0"):
        return _code_precision(shown)
    if digits is not None and len(text) < digits:
        padded = text.zfill(digits)
        return padded, _problem("leading-zeros-restored", text=shown, padded=padded)
    if digits is not None and len(text) != digits:
        return text, _code_length(text, digits)
    if from_float:
        return text, _problem("code-number", text=shown)
    return text, None


def code_cell(cell: object, *, digits: int | None = None) -> tuple[str | None, CellProblem | None]:
    """``(code, problem)`` for an identifier kept as text (BPJS card, NISN, KIP number).

    Text is kept as typed (stripped, Excel apostrophe removed); numbers are written back as
    text, with leading zeros restored up to ``digits`` (warning ``leading-zeros-restored``).
    Values of only zeros are placeholders: missing.
    """
    if isinstance(cell, str):
        text = _present(str(cell))
        if text is not None:
            text = _unformula(text)
        if text is not None and text[0] == "'":
            text = text[1:].lstrip() or None
        if text is None or not text.strip("0"):
            return _NONE2
        if _SCIENTIFIC.fullmatch(text):
            return _code_precision(text, scientific=True)
        if _WHOLE_TEXT.fullmatch(text):
            if len(text) > 17:  # a number of 16+ digits written with ".0"
                return _code_precision(text)
            number = int(text[:-2])
            return _code_number(number, digits, text, True) if number else _NONE2
        if digits is not None and text.isdigit() and len(text) != digits:
            return text, _code_length(text, digits)
        return text, None
    if cell is None:
        return _NONE2
    if type(cell) is int:
        if cell == 0:
            return _NONE2
        if cell < 0:
            return _code_format(_int_text(cell))
        if cell > _EXACT:  # no spreadsheet number is exact beyond 2**53
            return _code_precision(_int_text(cell))
        return _code_number(cell, digits, _int_text(cell), False)
    if type(cell) is float:
        if cell != cell or cell == 0:
            return _NONE2
        shown = _float_text(cell)
        if not cell.is_integer() or cell < 0:
            return _code_format(shown)
        if cell >= 1e15:
            return _code_precision(shown)
        return _code_number(int(cell), digits, shown, True)
    return _code_format(_shown(cell))


def region_code_cell(cell: object, width: int) -> str | None:
    """A region code as text: whole numbers left-padded to ``width`` (``5`` → ``"05"``).

    Text such as ``"12.05"`` passes through; a decimal such as ``12.1`` (Excel's reading of
    ``12.10``) is written back with ``width`` characters when that is lossless. Anything else is
    returned as cleaned text for the caller to check against the region table.
    """
    if type(cell) is str:
        text = _present(cell)
        if text is None:
            return None
        text = _unformula(text)
        if text[0] == "'":
            text = text[1:].lstrip()
        if _WHOLE_TEXT.fullmatch(text):
            text = text[:-2]
        return text.zfill(width) if text.isdigit() and text.isascii() else (text or None)
    if type(cell) is int and cell >= 0:
        return _int_text(cell).zfill(width)
    if type(cell) is float and math.isfinite(cell) and cell >= 0:
        if cell.is_integer():
            return str(int(cell)).zfill(width)
        if width > 3:
            text = f"{cell:0{width}.{width - 3}f}"
            if len(text) == width and float(text) == cell:
                return text
    return text_cell(cell)
