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
from typing import Any, Literal, NamedTuple

import attrs

from sibaso.core.labels import LABELS

__all__ = [
    "CATALOGUE",
    "Bilingual",
    "ProblemType",
    "Severity",
    "Variant",
    "markdown",
    "problem",
    "render",
]

Severity = Literal["error", "warning", "info"]


class Bilingual(NamedTuple):
    """A field value that is itself a text in both languages (a rule's own message).

    >>> render("desil-invalid", reason=Bilingual("Desil 12 tidak sah.", "Desil 12 is invalid."))
    ('Desil 12 tidak sah. Dibaca kosong.', 'Desil 12 is invalid. Read as empty.')
    """

    id: str
    en: str


@attrs.frozen(kw_only=True)
class Variant:
    """Another wording of a code for another case (same code in the report); ``severity``
    None keeps the code's."""

    id: str
    en: str
    about: str
    severity: Severity | None = None


@attrs.frozen(kw_only=True)
class ProblemType:
    """One problem code: its default severity, its texts and what it means.

    ``id`` and ``en`` are :meth:`str.format` templates (``{text!r}``: the cell as written,
    quoted). A field listed in ``choices`` is a key whose words differ per language; a field
    given as :class:`Bilingual` fills each language with its own text. ``variants`` word the
    same code for other cases (``render(code, variant=...)``).
    """

    code: str
    severity: Severity
    id: str
    en: str
    about: str
    choices: Mapping[str, Mapping[str, tuple[str, str]]] = attrs.field(factory=dict)
    variants: Mapping[str, Variant] = attrs.field(factory=dict)

    def templates(self, variant: str | None = None) -> tuple[str, str]:
        """``(id, en)`` templates of the code, or of one of its variants."""
        if variant is None:
            return self.id, self.en
        chosen = self.variants[variant]
        return chosen.id, chosen.en

    def severity_of(self, variant: str | None = None) -> Severity:
        """The severity of the code, or of one of its variants."""
        if variant is None:
            return self.severity
        return self.variants[variant].severity or self.severity

    def fields(self, variant: str | None = None) -> tuple[str, ...]:
        """The named fields the templates use, in order of first use."""
        names: dict[str, None] = {}
        for template in self.templates(variant):
            for _, name, _, _ in string.Formatter().parse(template):
                if name:
                    names[name] = None
        return tuple(names)

    def render(self, variant: str | None = None, /, **fields: Any) -> tuple[str, str]:
        """``(message_id, message_en)`` with the fields filled in."""
        id_fields, en_fields = dict(fields), dict(fields)
        for name, value in fields.items():
            if isinstance(value, Bilingual):
                id_fields[name], en_fields[name] = value
        for name, words in self.choices.items():
            if name in fields:
                id_fields[name], en_fields[name] = words[fields[name]]
        id_template, en_template = self.templates(variant)
        return id_template.format(**id_fields), en_template.format(**en_fields)


def _entries(*items: ProblemType) -> dict[str, ProblemType]:
    out: dict[str, ProblemType] = {}
    for item in items:
        if item.code in out:
            raise ValueError(f"problem code {item.code} listed twice")
        out[item.code] = item
    return out


#: Every problem code of a read report: of a cell, a line of a text file, a row, a sheet and a
#: list.
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
    # -- rows: missing keys ------------------------------------------------------------------
    ProblemType(
        code="nik-missing",
        severity="error",
        id="{what} kosong atau tidak sah; baris tidak dapat dipakai.",
        en="{what} is empty or invalid; the row cannot be used.",
        about="A row without the NIK it needs (or, for a list, without any of NIK, No. KK "
        "and household id): not used.",
        choices={
            "what": {
                "nik": ("NIK", "The NIK"),
                "nik-name": ("NIK dan nama", "Both NIK and name"),
                "any-key": ("NIK, No. KK dan ID rumah tangga", "NIK, No. KK and household id"),
            }
        },
        variants={
            "dtsen": Variant(
                id="NIK anggota keluarga kosong; baris tidak dapat dipakai.",
                en="The member's NIK is empty; the row cannot be used.",
                about="A DTSEN member row without a NIK.",
            )
        },
    ),
    ProblemType(
        code="kk-missing",
        severity="error",
        id="No. KK kosong atau tidak sah; baris tidak dapat dipakai.",
        en="The No. KK is empty or invalid; the row cannot be used.",
        about="A row of a family programme with neither a No. KK nor a NIK: not used.",
        variants={
            "dtsen": Variant(
                id="Nomor KK kosong; desil tidak dapat dikaitkan ke keluarga mana pun.",
                en="The KK number is empty; the desil cannot be tied to any family.",
                about="A DTSEN family row without a No. KK.",
            )
        },
    ),
    ProblemType(
        code="name-missing",
        severity="error",
        id="Nama kosong atau tidak sah; baris tidak dapat dipakai.",
        en="The name is empty or invalid; the row cannot be used.",
        about="A population row without a name.",
    ),
    ProblemType(
        code="household_id-missing",
        severity="error",
        id="ID rumah tangga kosong atau tidak sah; baris tidak dapat dipakai.",
        en="The household id is empty or invalid; the row cannot be used.",
        about="A household roster row without its household id.",
    ),
    # -- rows: values that disagree ----------------------------------------------------------
    ProblemType(
        code="sex-mismatch",
        severity="warning",
        id="Jenis kelamin {sex} tidak sesuai NIK {nik} (tanggal lahir di NIK menandakan "
        "{nik_sex}); periksa salah satunya.",
        en="Sex {sex} does not agree with NIK {nik} (its birth day says {nik_sex}); check one "
        "of them.",
        about="The sex column and the sex the NIK encodes (day + 40 for women) disagree.",
    ),
    ProblemType(
        code="participant-is-nik",
        severity="warning",
        id="Sasaran program ini keluarga, tetapi kolom Peserta berisi NIK (sama dengan kolom "
        "NIK), bukan No. KK; keluarga dicari dari NIK.",
        en="The programme targets families, but the Peserta column holds the NIK (the same as "
        "the NIK column), not a No. KK; the family is found from the NIK.",
        about="A family programme's Peserta column holding the NIK instead of the No. KK.",
    ),
    ProblemType(
        code="duplicate-nik",
        severity="warning",
        id="NIK {nik} muncul lebih dari sekali dalam berkas (pertama di sheet {first_sheet!r} "
        "baris {first_row}).",
        en="NIK {nik} appears more than once in the file (first at sheet {first_sheet!r} row "
        "{first_row}).",
        about="A NIK listed twice in one programme list: both kept, to be checked.",
        variants={
            "population": Variant(
                id="NIK {nik} sudah ada di sheet {first_sheet!r} baris {first_row}; baris ini "
                "tidak dipakai.",
                en="NIK {nik} already appears at sheet {first_sheet!r} row {first_row}; this "
                "row is not used.",
                about="A NIK listed twice in one population file: the second row is not used.",
                severity="error",
            )
        },
    ),
    ProblemType(
        code="desil-invalid",
        severity="warning",
        id="{reason} Dibaca kosong.",
        en="{reason} Read as empty.",
        about="A DTSEN desil cell that is not a desil 1–10: read as empty.",
    ),
    # -- rows: the programme -----------------------------------------------------------------
    ProblemType(
        code="programme-unknown",
        severity="error",
        id="Program {name!r} tidak dikenal katalog.",
        en="Programme {name!r} is not in the catalogue.",
        about="A row's programme column names a programme the catalogue does not know.",
        variants={
            "as-named": Variant(
                id="Program {name!r} tidak dikenal katalog; baris dicatat sebagai {programme} "
                "sesuai --programme. Periksa barisnya.",
                en="Programme {name!r} is not in the catalogue; the row is stored as "
                "{programme}, as --programme says. Check the row.",
                about="The same, when --programme names the list's programme: stored as named.",
                severity="warning",
            )
        },
    ),
    ProblemType(
        code="programme-differs",
        severity="warning",
        id="Kolom program berisi {name!r} ({found}), bukan {expected} yang diharapkan untuk "
        "berkas ini; baris dengan kolom program terisi dicatat menurut kolom itu.",
        en="The programme column says {name!r} ({found}), not {expected} as expected for this "
        "file; rows with the column filled are stored as the column says.",
        about="A row's programme column names another programme than the file's (once per "
        "sheet and programme).",
    ),
    ProblemType(
        code="programme-missing",
        severity="error",
        id="Program tidak diketahui; sebutkan --programme.",
        en="The programme is unknown; pass --programme.",
        about="A programme list whose programme neither the layout, the file nor the row names.",
    ),
    ProblemType(
        code="programme-override",
        severity="warning",
        id="Berkas ini berformat {layout} (program {own}), tetapi --programme {named} dipakai: "
        "barisnya dicatat sebagai {named}. Periksa bila keliru.",
        en="This file has the {layout} layout (programme {own}), but --programme {named} is "
        "used: its rows are stored as {named}. Check if that is wrong.",
        about="--programme names another programme than the layout's own.",
    ),
    ProblemType(
        code="programme-from-title",
        severity="info",
        id="Program {programme} dibaca dari judul {title!r}; sebutkan --programme bila salah.",
        en="Programme {programme} taken from the title {title!r}; pass --programme if that is "
        "wrong.",
        about="The programme read from a title row above the header.",
    ),
    ProblemType(
        code="programme-from-file-name",
        severity="info",
        id="Program {programme} dibaca dari nama berkas {file!r}; sebutkan --programme bila salah.",
        en="Programme {programme} taken from the file name {file!r}; pass --programme if that "
        "is wrong.",
        about="The programme read from the file's name.",
    ),
    ProblemType(
        code="programme-sheet",
        severity="info",
        id="Sheet {sheet!r} menerangkan programnya: {described}.",
        en="Sheet {sheet!r} describes the programme: {described}.",
        about="A sheet of key/value rows describing the list's programme (OpenSID's Program).",
    ),
    # -- rows that are not data --------------------------------------------------------------
    ProblemType(
        code="totals-row",
        severity="info",
        id="Baris jumlah/total; bukan data penerima.",
        en="A totals row; not a recipient.",
        about="A JUMLAH/TOTAL row under a list.",
    ),
    ProblemType(
        code="header-repeated",
        severity="info",
        id="Judul kolom diulang (halaman cetak baru); bukan data.",
        en="The header repeated (a new printed page); not data.",
        about="The header row again, on a new printed page.",
    ),
    ProblemType(
        code="column-numbers",
        severity="info",
        id="Baris nomor kolom; bukan data.",
        en="A row of column numbers; not data.",
        about="A row numbering the columns (1, 2, 3, …) under the header.",
    ),
    ProblemType(
        code="template-placeholder",
        severity="info",
        id="Baris contoh/isian templat (mis. 'Nama Lengkap', 'isi NIK'); bukan data.",
        en="A template's placeholder row (e.g. 'Nama Lengkap', 'isi NIK'); not data.",
        about="A template's sample row that says what to write.",
    ),
    ProblemType(
        code="signature-block",
        severity="info",
        id="Bagian tanda tangan/pengesahan di bawah daftar; bukan data.",
        en="The signature block under the list; not data.",
        about="The place, date, names and NIP of the signatures under a list.",
    ),
    ProblemType(
        code="family-block",
        severity="info",
        id="Baris label blok keluarga (NO.KK, NAMA.KK, ALAMAT); bukan data.",
        en="The label row of a family block (NO.KK, NAMA.KK, ALAMAT); not data.",
        about="The label row of a family block (layouts that list members under their KK).",
        variants={
            "kk": Variant(
                id="Baris keluarga No. KK {kk}: anggota di bawahnya memakai No. KK ini; bukan "
                "data penduduk.",
                en="The family row of No. KK {kk}: the members below take this No. KK; not a "
                "person.",
                about="The family row of a block, whose No. KK the members below take.",
            )
        },
    ),
    ProblemType(
        code="end-marker",
        severity="info",
        id="Tanda akhir data '###' di baris {row}: baris ini dan {after} baris isi sesudahnya "
        "(catatan, petunjuk) bukan data.",
        en="The end-of-data marker '###' on row {row}: it and the {after} filled rows after it "
        "(notes, instructions) are not data.",
        about="The end-of-data marker ``###`` (OpenSID): what follows is not read.",
    ),
    # -- sheets ------------------------------------------------------------------------------
    ProblemType(
        code="sheet-skipped",
        severity="info",
        id="Sheet {sheet!r} tidak punya baris judul kolom dengan NIK/No. KK; {rows}+ baris "
        "tidak dibaca.",
        en="Sheet {sheet!r} has no header with a NIK/KK column; its {rows}+ rows were not read.",
        about="A sheet with no header row naming a NIK or No. KK column: not read.",
        variants={
            "families": Variant(
                id="Sheet {sheet!r} berisi keterangan keluarga/rumah tangga (tanpa kolom NIK "
                "atau nama anggota); bukan daftar orang, tidak dibaca.",
                en="Sheet {sheet!r} describes families or households (no NIK or member-name "
                "column); not a list of people, not read.",
                about="A sheet about families or households, not a list of people.",
            ),
            "no-identity": Variant(
                id="Sheet {sheet!r} tidak punya kolom NIK, No. KK atau ID rumah tangga; tidak "
                "dibaca.",
                en="Sheet {sheet!r} has no NIK, KK or household-id column; not read.",
                about="A sheet whose header names no key column.",
            ),
            "summary": Variant(
                id="Sheet {sheet!r} adalah rekap (kolom jumlah, tanpa NIK/No. KK lengkap di "
                "baris-barisnya); tidak dibaca sebagai daftar.",
                en="Sheet {sheet!r} is a summary (count columns, no full NIK or KK in its "
                "rows); not read as a list.",
                about="A summary sheet (counts per desa), not a list.",
            ),
            "dtsen": Variant(
                id="Sheet {sheet!r} tidak berjudul kolom DTSEN; tidak dibaca.",
                en="Sheet {sheet!r} has no DTSEN header; not read.",
                about="A sheet of a DTSEN workbook without the DTSEN header.",
            ),
        },
    ),
    ProblemType(
        code="sheet-hidden",
        severity="warning",
        id="Sheet {sheet!r} tersembunyi di workbook; barisnya tetap dibaca.",
        en="Sheet {sheet!r} is hidden in the workbook; its rows were read.",
        about="A hidden sheet: read like any other, to be checked.",
    ),
    ProblemType(
        code="column-ambiguous",
        severity="info",
        id="Dua kolom untuk {field}: {used!r} dipakai, {kept!r} {fate}.",
        en="Two columns for {field}: {used!r} is read, {kept!r} {fate}.",
        about="Two header cells name the same field; the first is read, the other is ignored "
        "(a population file) or kept in the row's details.",
        choices={
            "field": LABELS["field"],  # people read "alamat", not the field code "address"
            "fate": {
                "ignored": ("diabaikan", "ignored"),
                "kept": ("disimpan sebagai keterangan", "kept in the details"),
            },
        },
    ),
    ProblemType(
        code="region-from-title",
        severity="info",
        id="Baris tanpa wilayah memakai {said} dari judul sheet {sheet!r}.",
        en="Rows without a region take {said} from the title of sheet {sheet!r}.",
        about="A kecamatan or desa read from the title rows or the sheet's name.",
    ),
    # -- lists ---------------------------------------------------------------------------------
    ProblemType(
        code="scope-overlap",
        severity="warning",
        id="Daftar aktif lain untuk {programme} periode {period} ({path}, sumber {source}) juga "
        "mencakup {where}; keduanya tetap aktif. Pakai --scope {scope!r} bila daftar ini "
        "menggantikannya.",
        en="Another active {programme} list for period {period} ({path}, source {source}) also "
        "covers {where}; both stay active. Use --scope {scope!r} if this list replaces it.",
        about="Another active list of the programme and period covers some of the same "
        "kecamatan: both stay active, the operator decides.",
    ),
)


def _entry(code: str) -> ProblemType:
    try:
        return CATALOGUE[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not in sibaso.core.problems.CATALOGUE") from None


def render(code: str, variant: str | None = None, /, **fields: Any) -> tuple[str, str]:
    """``(message_id, message_en)`` of ``code`` (or its ``variant``) with ``fields``;
    KeyError for a code the catalogue does not hold."""
    return _entry(code).render(variant, **fields)


def problem(code: str, variant: str | None = None, /, **fields: Any) -> tuple[Severity, str, str]:
    """``(severity, message_id, message_en)`` of ``code`` (or its ``variant``) with
    ``fields``: what a read report's problem list holds."""
    entry = _entry(code)
    message_id, message_en = entry.render(variant, **fields)
    return entry.severity_of(variant), message_id, message_en


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
        "a cell, a row, a sheet and a file are declared once, in",
        "`sibaso.core.problems.CATALOGUE`, with their texts in Bahasa Indonesia and English;",
        "the fields in braces are filled in from the cell. A code with another wording for",
        "another case lists it as a variant (in brackets after the code).",
        "A front end may set a code's severity higher for one column (an invalid NIK is an",
        "`error` where the NIK is the list's key).",
        "",
        "| code | severity | Bahasa Indonesia | English | meaning |",
        "|---|---|---|---|---|",
    ]
    for code in sorted(CATALOGUE):
        p = CATALOGUE[code]
        for variant in (None, *p.variants):
            severity = p.severity_of(variant)
            about = p.about if variant is None else p.variants[variant].about
            id_template, en_template = p.templates(variant)
            cells = [
                f"`{p.code}`" + (f" ({variant})" if variant else ""),
                f"{severity} ({_SEVERITY_ID[severity]})",
                _cell(id_template),
                _cell(en_template),
                _cell(about.replace(" (see :doc:`nik`)", " (see [NIK and KK rules](nik.md))")),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("{", "`{").replace("}", "}`").replace("``", "`")


if __name__ == "__main__":  # pragma: no cover - the generator of docs/problems.md
    print(markdown(), end="")
