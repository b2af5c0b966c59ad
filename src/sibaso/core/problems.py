"""The catalogue of problem codes: each code once, with its severity and its Bahasa Indonesia
and English texts as templates with named fields.

Call sites name the code and give the fields; they never write message text. The list in
``docs/problems.md`` is generated from this catalogue (``python -m sibaso.core.problems``) and
a test keeps the two equal.

>>> problem = CATALOGUE["date-invalid"]
>>> problem.severity
'error'
>>> problem.render(text="31-02-1985")
("'31-02-1985' bukan tanggal yang ada di kalender.", "'31-02-1985' is not a real calendar date.")
>>> render("code-precision", text="1,20501E+15", form="scientific")[1][:52]
"The code '1,20501E+15' is in scientific notation: Ex"
>>> render("no-such-code")
Traceback (most recent call last):
...
KeyError: "problem code 'no-such-code' is not in sibaso.core.problems.CATALOGUE"
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from sibaso.core.labels import LABELS

__all__ = ["CATALOGUE", "ProblemType", "Severity", "markdown", "problem", "render"]

Severity = Literal["error", "warning", "info"]


@attrs.frozen(kw_only=True)
class ProblemType:
    """One problem code: its default severity, its texts and what it means.

    ``id`` and ``en`` are :meth:`str.format` templates (``{text!r}``: the cell as written,
    quoted). A field listed in ``choices`` is a key whose words differ per language.
    """

    code: str
    severity: Severity
    id: str
    en: str
    about: str
    choices: Mapping[str, Mapping[str, tuple[str, str]]] = attrs.field(factory=dict)

    def fields(self) -> tuple[str, ...]:
        """The named fields the templates use, in order of first use."""
        names: dict[str, None] = {}
        for template in (self.id, self.en):
            for _, name, _, _ in string.Formatter().parse(template):
                if name:
                    names[name] = None
        return tuple(names)

    def render(self, **fields: Any) -> tuple[str, str]:
        """``(message_id, message_en)`` with the fields filled in."""
        id_fields, en_fields = dict(fields), dict(fields)
        for name, words in self.choices.items():
            id_fields[name], en_fields[name] = words[fields[name]]
        return self.id.format(**id_fields), self.en.format(**en_fields)


def _entries(*items: ProblemType) -> dict[str, ProblemType]:
    out: dict[str, ProblemType] = {}
    for item in items:
        if item.code in out:
            raise ValueError(f"problem code {item.code} listed twice")
        out[item.code] = item
    return out


#: Every problem code of a cell, of a line of a text file, and of a row an adapter skips.
CATALOGUE: Mapping[str, ProblemType] = _entries(
    ProblemType(
        code="date-format",
        severity="error",
        id="{text!r} bukan tanggal yang dapat dibaca; tulis sebagai tanggal-bulan-tahun, "
        "misalnya 01-07-1985.",
        en="{text!r} is not a date sibaso can read; write it as day-month-year, e.g. 01-07-1985.",
        about="A date cell sibaso cannot read as a date in any of the forms it knows.",
    ),
    ProblemType(
        code="date-invalid",
        severity="error",
        id="{text!r} bukan tanggal yang ada di kalender.",
        en="{text!r} is not a real calendar date.",
        about="A date that does not exist (31 February, month 13).",
    ),
    ProblemType(
        code="date-partial",
        severity="error",
        id="{text!r} hanya berisi tahun atau bulan, bukan tanggal lengkap.",
        en="{text!r} gives only a year or a month, not a full date.",
        about="Only a year or a month where a full date is needed.",
    ),
    ProblemType(
        code="date-future",
        severity="warning",
        id="Tanggal {date} melewati hari ini.",
        en="The date {date} is after today.",
        about="A birth date after today (kept, to be checked).",
    ),
    ProblemType(
        code="date-old",
        severity="warning",
        id="Tanggal {date} sebelum tahun {year}; periksa tahunnya.",
        en="The date {date} is before {year}; check the year.",
        about="A birth date before the oldest plausible year (kept, to be checked).",
    ),
    ProblemType(
        code="date-order",
        severity="warning",
        id="{text!r} menulis bulan sebelum tanggal; dibaca sebagai tanggal {day}, bulan {month}.",
        en="{text!r} puts the month before the day; read as day {day}, month {month}.",
        about="A date written month first (US order) that can only be read one way.",
    ),
    ProblemType(
        code="sex-unknown",
        severity="warning",
        id="{text!r} bukan jenis kelamin yang dikenal; gunakan L (laki-laki) atau P (perempuan).",
        en="{text!r} is not a known sex; use L (laki-laki) or P (perempuan).",
        about="A sex cell that is none of the known words or codes.",
    ),
    ProblemType(
        code="yes-no-unknown",
        severity="warning",
        id="{text!r} bukan jawaban ya/tidak; gunakan Ya atau Tidak.",
        en="{text!r} is not a yes/no answer; use Ya or Tidak.",
        about="A yes/no cell (such as Penerima KIP) that is neither.",
    ),
    ProblemType(
        code="code-format",
        severity="error",
        id="{text!r} bukan nomor kode.",
        en="{text!r} is not a code number.",
        about="An identifier kept as text (BPJS card, NISN, KIP number) that is not a code.",
    ),
    ProblemType(
        code="column-ambiguous",
        severity="info",
        id="Dua kolom untuk {field}: {used!r} dipakai, {kept!r} {fate}.",
        en="Two columns for {field}: {used!r} is read, {kept!r} {fate}.",
        about="Two header cells name the same field; the first is read, the other is ignored "
        "(a population file) or kept in the row's details.",
        choices={
            "field": LABELS["field"],
            "fate": {
                "ignored": ("diabaikan", "ignored"),
                "kept": ("disimpan sebagai keterangan", "kept in the details"),
            },
        },
    ),
    ProblemType(
        code="code-precision",
        severity="error",
        id="Kode {text!r} {form}: Excel hanya menyimpan 15 digit, sehingga digit terakhirnya "
        "bisa hilang. Simpan kolom sebagai teks lalu ekspor ulang.",
        en="The code {text!r} {form}: Excel keeps only 15 digits, so its last digits may be "
        "lost. Store the column as text and export again.",
        about="A long code stored as a number or in scientific notation: its last digits "
        "may be lost.",
        choices={
            "form": {
                "scientific": ("berbentuk notasi ilmiah", "is in scientific notation"),
                "number": (
                    "tersimpan sebagai angka 16 digit lebih",
                    "was stored as a number of 16+ digits",
                ),
            }
        },
    ),
    ProblemType(
        code="code-length",
        severity="warning",
        id="Kode {text} berisi {length} digit; seharusnya {digits} digit.",
        en="The code {text} has {length} digits; {digits} were expected.",
        about="A code with another number of digits than its kind has (NISN: 10).",
    ),
    ProblemType(
        code="code-number",
        severity="warning",
        id="Kode {text} tersimpan sebagai angka desimal; simpan kolom sebagai teks.",
        en="The code {text} arrived as a decimal number; store the column as text.",
        about="A code stored as a decimal number.",
    ),
    ProblemType(
        code="leading-zeros-restored",
        severity="warning",
        id="Kode {text} tersimpan sebagai angka sehingga nol di depannya hilang; dipulihkan "
        "menjadi {padded}. Simpan kolom sebagai teks.",
        en="The code {text} arrived as a number, which loses leading zeros; restored as "
        "{padded}. Store the column as text.",
        about="A code stored as a number lost its leading zeros; they are put back.",
    ),
    ProblemType(
        code="encoding-not-utf8",
        severity="warning",
        id="Baris {line} berisi byte yang bukan UTF-8; dibaca sebagai Windows-1252. "
        "Periksa ejaan nama dan alamatnya.",
        en="Line {line} holds bytes that are not UTF-8; read as Windows-1252. Check the "
        "spelling of its names and address.",
        about="A line of a DTSEN text file that is not UTF-8 (read, to be checked).",
    ),
    ProblemType(
        code="line-broken-joined",
        severity="warning",
        id="Baris {line} terpotong dan berlanjut di baris {next_line}; keduanya digabung "
        "menjadi satu baris data.",
        en="Line {line} was broken and goes on at line {next_line}; the two were joined into "
        "one data row.",
        about="A DTSEN record split over two lines (a line break inside a cell), joined back.",
    ),
    ProblemType(
        code="line-broken",
        severity="error",
        id="Baris ini punya {found} kolom, seharusnya {width} (baris terpotong atau "
        "tergabung); tidak dipakai. Perbaiki lalu unggah ulang.",
        en="This row has {found} fields instead of {width} (a broken or merged line); not "
        "used. Fix it and upload again.",
        about="A DTSEN record with too few or too many fields that cannot be joined back.",
    ),
    ProblemType(
        code="region-unmapped",
        severity="warning",
        id="Wilayah {what} {name} (kode BPS {bps}) tidak ditemukan di kabupaten {regency} "
        "menurut nama Kemendagri; baris disimpan tanpa kode Kemendagri untuk wilayah itu.",
        en="The {what} {name} (BPS code {bps}) is not found in kabupaten {regency} by its "
        "Kemendagri name; the row is stored without a Kemendagri code for it.",
        about="A DTSEN place (BPS codes) whose kecamatan or desa has no Kemendagri match by name.",
    ),
    ProblemType(
        code="not-recipient",
        severity="info",
        id="Bukan penerima {programme} ({column} = Tidak).",
        en="Not a {programme} recipient ({column} = Tidak).",
        about="A row of a list that names everyone (all pupils of a school) for someone the "
        "programme does not reach; listed, not stored (an adapter raises ``SkipRow``).",
    ),
    ProblemType(
        code="nik-format",
        severity="warning",
        id="{text!r} bukan NIK.",
        en="{text!r} is not a valid NIK.",
        about="A NIK cell that cannot be read as digits at all. Other ``nik-…`` codes "
        "(``nik-length``, ``nik-date``, ``nik-region``, …) carry the NIK rule's own message "
        "(see :doc:`nik`).",
    ),
    ProblemType(
        code="nik-unusable",
        severity="error",
        id="NIK {text!r} tidak dapat dipakai ({why}) dan baris tidak punya No. KK atau ID "
        "rumah tangga; baris tidak dipakai. Perbaiki NIK-nya lalu unggah ulang.",
        en="The NIK {text!r} cannot be used ({why}) and the row has no No. KK or household "
        "id; the row is not used. Fix the NIK and upload again.",
        about="A NIK whose digits are lost (Excel's scientific notation) or a dummy "
        "(no birth date, one digit repeated) on a row with no other key: rejected.",
        choices={
            "why": {
                "scientific": (
                    "notasi ilmiah Excel, digitnya hilang",
                    "Excel's scientific notation, its digits are lost",
                ),
                "dummy": ("NIK pengisi, bukan NIK seseorang", "a placeholder, no one's NIK"),
            }
        },
    ),
    ProblemType(
        code="nik-unusable-used-kk",
        severity="warning",
        id="NIK tidak dapat dipakai; baris dipakai lewat No. KK.",
        en="The NIK cannot be used; the row is used through its No. KK.",
        about="A NIK that cannot be used on a row with a No. KK: kept, matched through the "
        "family (the padan finds the member by KK, name and birth date).",
    ),
    ProblemType(
        code="nik-unusable-used-household",
        severity="warning",
        id="NIK tidak dapat dipakai; baris dipakai lewat ID rumah tangga.",
        en="The NIK cannot be used; the row is used through its household id.",
        about="A NIK that cannot be used on a row with a household id: kept under the household.",
    ),
    ProblemType(
        code="kk-format",
        severity="warning",
        id="{text!r} bukan KK.",
        en="{text!r} is not a valid KK.",
        about="The same for a No. KK cell (``kk-…`` codes).",
    ),
)


def render(code: str, **fields: Any) -> tuple[str, str]:
    """``(message_id, message_en)`` of ``code`` with ``fields``; KeyError for a code the
    catalogue does not hold."""
    try:
        problem = CATALOGUE[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not in sibaso.core.problems.CATALOGUE") from None
    return problem.render(**fields)


def problem(code: str, **fields: Any) -> tuple[Severity, str, str]:
    """``(severity, message_id, message_en)`` of ``code`` with ``fields``: what a read
    report's problem list holds."""
    message_id, message_en = render(code, **fields)
    return CATALOGUE[code].severity, message_id, message_en


_SEVERITY_ID = {"error": "galat", "warning": "peringatan", "info": "info"}


def markdown() -> str:
    """The ``docs/problems.md`` page: every code with severity, texts and meaning."""
    lines = [
        "# Problem codes",
        "",
        "<!-- generated by `python -m sibaso.core.problems > docs/problems.md`; do not edit -->",
        "",
        "Every problem in a read report has a `code` and a severity: `error` (the row is not",
        "usable), `warning` (stored, but to be checked) or `info` (not a data row). The codes of",
        "a cell, and of a row an adapter skips, are declared once, in",
        "`sibaso.core.problems.CATALOGUE`, with their texts in Bahasa Indonesia and English;",
        "the fields in braces are filled in from the cell.",
        "A front end may set a code's severity higher for one column (an invalid NIK is an",
        "`error` where the NIK is the list's key).",
        "",
        "| code | severity | Bahasa Indonesia | English | meaning |",
        "|---|---|---|---|---|",
    ]
    for code in sorted(CATALOGUE):
        p = CATALOGUE[code]
        cells = [
            f"`{p.code}`",
            f"{p.severity} ({_SEVERITY_ID[p.severity]})",
            _cell(p.id),
            _cell(p.en),
            _cell(p.about.replace(" (see :doc:`nik`)", " (see [NIK and KK rules](nik.md))")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("{", "`{").replace("}", "}`").replace("``", "`")


if __name__ == "__main__":  # pragma: no cover - the generator of docs/problems.md
    print(markdown(), end="")
