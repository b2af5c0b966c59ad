"""Cleaning and structure checks shared by NIK and No. KK (region + DDMMYY + serial).

Both identifiers are 16 digits: 6 Kemendagri region digits, a DDMMYY date and a 4-digit serial.
The rules here are the single place where what an operator pastes is turned into digits.
"""

from __future__ import annotations

import datetime
import re

from sibaso.core import wilayah
from sibaso.core.errors import ValidationError, ValidationWarning

__all__ = ["clean", "date_candidates", "plain_regions", "region_warnings", "strip"]

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_SEPARATORS = str.maketrans("", "", ".-")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

#: Every valid DDMM (men) in the NIK/KK date part, leap day included.
DDMM = frozenset(
    f"{day:02d}{month:02d}"
    for month, days in enumerate(_DAYS_IN_MONTH, start=1)
    for day in range(1, days + 1)
)
#: The same for women: day plus 40.
DDMM_WOMEN = frozenset(f"{int(ddmm[:2]) + 40:02d}{ddmm[2:]}" for ddmm in DDMM)


def _error(cls: type[ValidationError], code: str, en: str, id_: str) -> ValidationError:
    return cls(en, code=code, message_id=id_)


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:].strip() if text.startswith("'") else text


def is_scientific(text: str) -> bool:
    """True for Excel's scientific notation such as ``3.2E+15`` or ``1,20501E+15``."""
    return _SCIENTIFIC.fullmatch(_unquote(text)) is not None


def strip(text: str) -> str:
    """Remove what operators add around the digits, and nothing more.

    Surrounding and inner white space, dots and dashes, a leading apostrophe (Excel's text
    marker) and a trailing ``.0`` after exactly 16 digits.
    """
    text = _unquote(text)
    if len(text) == 18 and text.endswith(".0") and text[:16].isdigit() and text.isascii():
        return text[:16]
    return "".join(text.split()).translate(_SEPARATORS)


def clean(value: object, cls: type[ValidationError], label: str) -> str:
    """Return the 16 digits of ``value`` or raise ``cls`` with code format/length/precision."""
    if isinstance(value, bool):
        raise _error(
            cls, "format", f"A {label} is not a yes/no value.", f"{label} bukan nilai ya/tidak."
        )
    if isinstance(value, int):
        return _clean_int(value, cls, label)
    if isinstance(value, float):
        raise _error(
            cls,
            "precision",
            f"The {label} arrived as a decimal number; Excel keeps only 15 significant digits, "
            "so the last digit may be lost. Store the column as text.",
            f"{label} tersimpan sebagai angka desimal; Excel hanya menyimpan 15 digit, sehingga "
            "digit terakhir bisa hilang. Simpan kolom sebagai teks.",
        )
    if not isinstance(value, str):
        raise _error(
            cls,
            "format",
            f"A {label} must be text, not {type(value).__name__}.",
            f"{label} harus berupa teks, bukan {type(value).__name__}.",
        )
    if is_scientific(value):
        text = _unquote(value)
        raise _error(
            cls,
            "precision",
            f"The {label} {text!r} is in scientific notation: Excel turned it into a number and "
            "its last digits are lost. Store the column as text and export again.",
            f"{label} {text!r} berbentuk notasi ilmiah: Excel mengubahnya menjadi angka dan "
            "digit terakhirnya hilang. Simpan kolom sebagai teks lalu ekspor ulang.",
        )
    digits = strip(value)
    if not digits:
        raise _error(
            cls,
            "length",
            f"The {label} is empty; it has 16 digits.",
            f"{label} kosong; seharusnya 16 digit.",
        )
    if not (digits.isdigit() and digits.isascii()):
        bad = next((c for c in digits if not ("0" <= c <= "9")), "")
        raise _error(
            cls,
            "format",
            f"A {label} has digits only; found {bad!r}.",
            f"{label} hanya boleh berisi angka; ditemukan {bad!r}.",
        )
    if len(digits) != 16:
        raise _error(
            cls,
            "length",
            f"A {label} has 16 digits; got {len(digits)}.",
            f"{label} harus 16 digit; yang diberikan {len(digits)} digit.",
        )
    return digits


def _clean_int(value: int, cls: type[ValidationError], label: str) -> str:
    digits = str(value) if -(10**17) < value < 10**17 else "many digits"  # str() may refuse
    if len(digits) != 16 or value < 0:
        count = len(digits) if digits[0] != "m" else f"{value.bit_length() * 3 // 10}+"
        raise _error(
            cls,
            "length",
            f"A {label} has 16 digits; got {count}.",
            f"{label} harus 16 digit; yang diberikan {count} digit.",
        )
    if digits.endswith("0"):
        raise _error(
            cls,
            "precision",
            f"The {label} arrived as a number ending in 0: Excel keeps only 15 significant "
            "digits, so the 16th digit may have been lost. Store the column as text.",
            f"{label} tersimpan sebagai angka yang berakhir 0: Excel hanya menyimpan 15 digit, "
            "sehingga digit ke-16 mungkin hilang. Simpan kolom sebagai teks.",
        )
    return digits


def check_region(digits: str, cls: type[ValidationError], label: str, strict: bool) -> bool:
    """Raise when the province is unknown (or, strictly, the district); return district known."""
    if digits[:2] not in wilayah.province_codes():
        raise _error(
            cls,
            "region",
            f"The {label} starts with {digits[:2]}, which is no Indonesian province code.",
            f"{label} diawali {digits[:2]}, yang bukan kode provinsi di Indonesia.",
        )
    if digits[:6] in wilayah.district_codes():
        return True
    if strict:
        code = wilayah.format_code(digits[:6])
        level = "kabupaten/kota" if digits[:4] not in wilayah.regency_codes() else "kecamatan"
        raise _error(
            cls,
            "region",
            f"The {label} region code {code} is not a known {level} code "
            "(current or retired Kemendagri codes).",
            f"Kode wilayah {code} pada {label} tidak dikenal sebagai kode {level} Kemendagri "
            "(yang berlaku maupun yang lama).",
        )
    return False


def check_serial(digits: str, cls: type[ValidationError], label: str) -> None:
    """Raise when the 4-digit serial is 0000."""
    if digits[12:] == "0000":
        raise _error(
            cls,
            "serial",
            f"The {label} serial number cannot be 0000.",
            f"Nomor urut {label} tidak boleh 0000.",
        )


def date_error(digits: str, cls: type[ValidationError], label: str, women: bool) -> ValidationError:
    """The error for a date part that is no calendar date."""
    part = f"{digits[6:8]}-{digits[8:10]}-{digits[10:12]}"
    rule_en = " (day 01-31 for men, 41-71 for women)" if women else ""
    rule_id = " (tanggal 01-31 untuk laki-laki, 41-71 untuk perempuan)" if women else ""
    return _error(
        cls,
        "date",
        f"The date part {part} of the {label} is not a real calendar date{rule_en}.",
        f"Bagian tanggal {part} pada {label} bukan tanggal yang ada di kalender{rule_id}.",
    )


def date_candidates(
    day: int, month: int, yy: int, today: datetime.date
) -> tuple[datetime.date, ...]:
    """Real dates for DD-MM-YY not after ``today``, latest first (both centuries when possible)."""
    found = []
    for century in (2000, 1900):
        try:
            when = datetime.date(century + yy, month, day)
        except ValueError:
            continue
        if when <= today:
            found.append(when)
    return tuple(found)


def region_warnings(digits: str, label: str) -> tuple[ValidationWarning, ...]:
    """Warnings about the region part: unknown to the table, or a retired code."""
    district = wilayah.lookup(digits[:6])
    code = wilayah.format_code(digits[:6])
    if district is None:
        return (
            ValidationWarning(
                "region",
                f"The region code {code} of the {label} is not in the Kemendagri table; it may "
                "be older than the table (before 2015) or mistyped.",
                f"Kode wilayah {code} pada {label} tidak ada di tabel Kemendagri; mungkin kode "
                "lama (sebelum 2015) atau salah ketik.",
            ),
        )
    regency = wilayah.lookup(digits[:4])
    if district.retired or (regency is not None and regency.retired):
        successor = district.successor
        tail_en = f"; its successor is {successor}" if successor else ""
        tail_id = f"; penggantinya {successor}" if successor else ""
        return (
            ValidationWarning(
                "retired-region",
                f"The region code {code} of the {label} has been retired{tail_en}. "
                f"The {label} stays valid: it does not change when a region is re-coded.",
                f"Kode wilayah {code} pada {label} sudah tidak berlaku{tail_id}. "
                f"{label} tetap sah: nomor ini tidak berubah ketika kode wilayah berubah.",
            ),
        )
    return ()


_plain: frozenset[str] | None = None


def plain_regions() -> frozenset[str]:
    """The six region digits :func:`region_warnings` says nothing about: current kecamatan
    codes whose kecamatan and kabupaten/kota are not retired."""
    global _plain
    if _plain is None:
        retired = wilayah.retired_codes()
        _plain = frozenset(
            d for d in wilayah.district_codes() if d not in retired and d[:4] not in retired
        )
    return _plain
