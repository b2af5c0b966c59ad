"""Turn one data row into a record (Person, HouseholdMember or ProgrammeEnrolment), or reasons.

A :class:`RowConverter` is built once per sheet (header → field → column index) and then called
for each row, so the per-row work is only the cells' own parsing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from sibaso.adapters.layouts.adapter import Adapter, Kind, SkipRow
from sibaso.adapters.layouts.fields import header_key
from sibaso.adapters.layouts.headers import is_numbering_row
from sibaso.adapters.records import cells as v
from sibaso.core.errors import UnknownProgramme
from sibaso.core.lineages import Basis, Catalogue, Programme
from sibaso.core.model import (
    Address,
    HouseholdMember,
    Period,
    Person,
    ProgrammeEnrolment,
    Provenance,
    Relationship,
)
from sibaso.core.problems import problem as catalogued
from sibaso.core.problems import render
from sibaso.core.vital import is_alive, is_deceased

__all__ = ["Problem", "RowConverter", "digit_count"]

#: (column header or None, code, severity, message id, message en)
Problem = tuple[str | None, str, str, str, str]

_GROUP_WORDS = ("ayah", "ibu", "wali", "suami", "istri", "pasangan")
_FREE_TEXT = ("name", "birth_place", "address", "member_id", "household_id")
_REPEATED_TEXT = (
    "rt",
    "rw",
    "status",
    "kecamatan_name",
    "desa_name",
    "programme_name",
    "batch",
    "period",
    "province_name",
    "regency_name",
    "distributor",
    "decile",
)
_ADDRESS_FIELDS = frozenset(
    ("address", "district_code", "desa_code", "kecamatan_name", "desa_name")
)
_HEAD_WORDS = ("krt", "kepalarumahtangga", "kepalakeluarga", "kepalakk")
#: the label cells of a family block (the Buku Induk Penduduk's NO.KK | NAMA.KK | ALAMAT)
_BLOCK_LABELS = {
    "nokk": "kk",
    "nomorkk": "kk",
    "namakk": "head",
    "namakepalakeluarga": "head",
    "alamat": "address",
}
#: what a template writes where the data goes
_PLACEHOLDERS = frozenset(
    ("namalengkap", "nama", "nik", "nokk", "nomornik", "nomorkk", "xxxxxxxxxxxxxxxx", "contoh")
)
#: "Stabat, 2 Januari 2025", "Stabat, 02-01-2025": the place and date above signatures
_PLACE_AND_DATE = re.compile(
    r"^[^\W\d][\w .'-]{1,40},\s*(?:\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|"
    r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|[a-z]{3,9}\s+\d{4})$",
    re.IGNORECASE,
)
_TOTAL_WORDS = ("jumlah", "total", "grandtotal", "subtotal", "jml")
_SIGNATURE_WORDS = (
    "mengetahui",
    "menyetujui",
    "disetujui",
    "kepala dinas",
    "kepala desa",
    "kepala bidang",
    "kepala seksi",
    "camat",
    "lurah",
    "nip",
    "ttd",
    "dibuat oleh",
    "diperiksa oleh",
    "pendamping",
    "operator",
    "plt",
)
_ZERO_DATE = re.compile(r"0{1,4}[-/. ]0{1,2}[-/. ]0{1,4}")


class RowConverter:
    """Maps a sheet's columns to fields and converts its rows."""

    def __init__(
        self,
        adapter: Adapter,
        columns: tuple[str, ...],
        *,
        catalogue: Catalogue,
        programme: Programme | None,
        period: Period | None,
        file: str,
        sheet: str | None,
        today: datetime.date | None = None,
        defaults: dict[str, str] | None = None,
        seen: dict[tuple[str, str], tuple[str | None, int]] | None = None,
        participant: str | None = None,
    ) -> None:
        self.adapter = adapter
        #: the field a ``Peserta`` column fills (nik, kk or household_id: the programme's
        #: sasaran says which), None for a NIK when the file does not say
        self.participant = participant
        #: what the rows above left for the rows below: a family block's No. KK, the last
        #: value of each ``fill_down`` field
        self.carried: dict[str, tuple[Any, str | None]] = {}
        #: the label cells of a family block waiting for their values on the next row
        self.block_labels: dict[int, str] | None = None
        #: a signature block has begun (its later lines name no one by NIK or KK)
        self.signed = False
        #: the keys (household id or programme, NIK) of the file's rows so far, when the clean
        #: rows should be checked against them (see :func:`sibaso.adapters.pipeline.read.iter_read`)
        self.seen = seen
        self.columns = columns
        self.catalogue = catalogue
        self.programme = programme
        self.period = period
        self.file = file
        self.sheet = sheet
        self.today = today
        #: values the title rows give for the whole sheet (``Kecamatan : STABAT``)
        self.defaults = {
            field: found
            for field, value in (defaults or {}).items()
            if (found := _REGION_NAME_READERS.get(field, v.text_cell)(value)) is not None
        }
        self.index: dict[str, int] = {}
        self.extra: list[tuple[int, str]] = []
        #: fields two columns name: (field, the header read, the header kept in details)
        self.ambiguous: list[tuple[str, str, str]] = []
        for col, header in enumerate(columns):
            field = self._field(header)
            if field is None:
                if header:
                    self.extra.append((col, header))
                continue
            if field not in self.index:
                self.index[field] = col
                continue
            first = self.index[field]
            exact, exact_first = self._spelled(header), self._spelled(columns[first])
            if (exact and not exact_first) or (
                exact == exact_first
                and (
                    (_is_recipient(header) and not _is_recipient(columns[first]))
                    or (
                        adapter.kind is not Kind.ENROLMENT
                        and field in ("name", "nik")
                        and _is_head(columns[first])
                        and not _is_head(header)
                    )
                )
            ):
                # the header spelled as the layout names it ("Penerima KIP") over a close
                # spelling of it ("Penerima KPS", another card); then "NIK PENERIMA" over
                # "NIK KEPALA KELUARGA"; in a roster the member's own name ("Nama ART")
                # over the head's ("Nama KRT")
                self.index[field] = col
                col, header = first, columns[first]
            self.extra.append((col, header))
            self.ambiguous.append((field, columns[self.index[field]], header))
        self.extra.sort()
        self.value_maps = {
            field: {header_key(k): val for k, val in mapping.items()}
            for field, mapping in adapter.values.items()
        }
        self._programmes: dict[str, Programme | None] = {}
        self._header_keys: list[str] | None = None
        self._differs_noted: set[str] = set()
        self._compile()
        #: rows depend on the rows above them (family blocks, a KK written once per family,
        #: a Peserta column read by the sasaran) or on a SIAK Status: the general path only
        #: a dusun column behind the address column (OpenSID writes both, and leaves
        #: ``alamat`` empty): the address is then composed from the dusun, RT and RW
        self.dusun_col = (
            next((c for c, h in self.extra if header_key(h) in _DUSUN_HEADERS), None)
            if "address" in self.index
            else None
        )
        self.stateful = bool(
            self.dusun_col is not None
            or adapter.family_blocks
            or adapter.fill_down
            or "participant" in self.index
            or (adapter.kind is Kind.POPULATION and "status" in self.index)
        )

    def _spelled(self, header: str) -> bool:
        """Whether ``header`` is one of the layout's own names for a field (not a close one)."""
        aliases = getattr(self.adapter, "_alias_keys", None)
        return aliases is not None and header_key(header) in aliases

    def _field(self, header: str) -> str | None:
        field = self.adapter.field_for(header)
        if field is None and " / " in header:
            group, _, sub = header.rpartition(" / ")
            if not any(word in header_key(group) for word in _GROUP_WORDS):
                field = self.adapter.field_for(sub)
        return field

    def header_of(self, field: str) -> str | None:
        """The header text of the column carrying ``field``."""
        col = self.index.get(field)
        return self.columns[col] if col is not None else None

    @property
    def has_identity(self) -> bool:
        """Whether the sheet has a NIK, KK or household-id column."""
        return bool({"nik", "kk", "household_id", "participant"} & set(self.index))

    def is_totals_row(self, cells: tuple[object, ...]) -> bool:
        """A ``JUMLAH``/``TOTAL`` row: a total word in a text cell, and no identifier — the
        NIK and KK cells empty or a count (``TOTAL KPM`` with ``9`` under NIK)."""
        for field in ("nik", "kk"):
            col = self.index.get(field)
            if col is not None and col < len(cells) and not v.is_missing(cells[col]):
                digits = digit_count(cells[col])
                if digits >= 10 or not digits:
                    return False
        texts = [header_key(c) for c in cells if isinstance(c, str) and c.strip()]
        return any(t.startswith(_TOTAL_WORDS) for t in texts)

    def not_data(self, cells: tuple[object, ...]) -> tuple[str, str, str] | None:
        """``(code, message id, message en)`` for a row that is no recipient (info):
        a family block's rows, a totals row, the header repeated on a printed page, a
        row of column numbers, a template's placeholder row, a signature block."""
        block = self.block_row(cells)
        if block is not None:
            return block
        if self.is_totals_row(cells):
            return ("totals-row", *render("totals-row"))
        if self.is_repeated_header(cells):
            return ("header-repeated", *render("header-repeated"))
        if is_numbering_row(cells):
            return ("column-numbers", *render("column-numbers"))
        if self.is_placeholder_row(cells):
            return ("template-placeholder", *render("template-placeholder"))
        if self.is_signature_row(cells) or (self.signed and self._no_identifier(cells)):
            self.signed = True  # the rest of the block: names, NIP, titles
            return ("signature-block", *render("signature-block"))
        return None

    def block_row(self, cells: tuple[object, ...]) -> tuple[str, str, str] | None:
        """A row of a family block (layouts with ``family_blocks``): the labels
        ``NO.KK | NAMA.KK | ALAMAT``, or the values under them, whose No. KK the members
        below take. None for any other row."""
        if not self.adapter.family_blocks:
            return None
        labels = self.block_labels
        if labels is not None:
            self.block_labels = None
            col = next((c for c, f in labels.items() if f == "kk"), None)
            raw = cells[col] if col is not None and col < len(cells) else None
            kk, given, _problem = self.kk_of(raw)
            if kk is not None or given:
                self.carried["kk"] = (kk, given)
                shown = kk.masked() if kk is not None else given
                return ("family-block", *render("family-block", "kk", kk=shown))
        found: dict[int, str] = {}
        for col, cell in enumerate(cells):
            if isinstance(cell, str) and cell.strip():
                key = header_key(cell)
                if key in _BLOCK_LABELS:
                    found[col] = _BLOCK_LABELS[key]
        if "kk" in found.values() and len(found) >= 2:
            self.block_labels = found
            return ("family-block", *render("family-block"))
        return None

    def _no_identifier(self, cells: tuple[object, ...]) -> bool:
        """No cell of the row holds a number of 10 digits or more (a NIK, KK or id)."""
        return not any(digit_count(c) >= 10 for c in cells)

    def is_placeholder_row(self, cells: tuple[object, ...]) -> bool:
        """A template's sample row: the name cell says what to write (``Nama Lengkap``,
        ``isi nama``) or the NIK cell does (``isi NIK``, ``NIK``)."""
        for field in ("name", "nik", "kk"):
            col = self.index.get(field)
            if col is None or col >= len(cells) or not isinstance(cells[col], str):
                continue
            key = header_key(cells[col])
            if key and (key.startswith("isi") or key in _PLACEHOLDERS):
                return True
        return False

    def is_repeated_header(self, cells: tuple[object, ...]) -> bool:
        """The header row again, as printed exports repeat it on every page."""
        keys = [header_key(c) for c in cells]
        if self._header_keys is None:
            self._header_keys = [header_key(c) for c in self.columns]
        header = self._header_keys
        same = sum(
            1 for col, key in enumerate(keys) if key and col < len(header) and key == header[col]
        )
        return same >= 2 and same * 2 >= sum(1 for key in keys if key)

    def is_signature_row(self, cells: tuple[object, ...]) -> bool:
        """``Mengetahui,`` / ``Kepala Dinas Sosial`` / ``NIP. 1968…`` under the list: no
        NIK, KK or household id (a title or a place-and-date line written across that column
        is none), at most two cells, and a word of such blocks."""
        for field in ("nik", "kk", "household_id"):
            col = self.index.get(field)
            if col is not None and col < len(cells) and not v.is_missing(cells[col]):
                cell = cells[col]
                if not isinstance(cell, str) or digit_count(cell) * 2 >= len(cell.strip()):
                    return False
        texts = [c for c in cells if c is not None and str(c).strip()]
        if not texts or len(texts) > 2:
            return False
        if any(isinstance(c, str) and _PLACE_AND_DATE.match(c.strip()) for c in texts):
            return True  # "Stabat, 2 Januari 2025" above the signatures
        words = " ".join(str(c) for c in texts).casefold()
        return any(re.search(rf"\b{w}\b", words) for w in _SIGNATURE_WORDS)

    def convert(self, row: int, cells: tuple[object, ...]) -> tuple[Any, list[Problem]]:
        """The record of one data row (None when unusable) and its problems."""
        problems: list[Problem] = []
        fields = self._read_fields(cells, problems)
        try:
            fields = dict(self.adapter.adjust(fields))  # type: ignore[arg-type]
        except SkipRow as skip:
            problems.append((None, skip.code, "info", skip.message_id, skip.message_en))
            return None, problems
        old_skip = fields.get("_skip")  # deprecated: fields["_skip"] = (code, id, en)
        if old_skip:
            code, message_id, message_en = old_skip
            problems.append((None, code, "info", message_id, message_en))
            return None, problems
        provenance = Provenance(self.file, self.sheet, row)
        kind = self.adapter.kind
        if kind is Kind.POPULATION:
            return self._person(fields, provenance, problems), problems
        if kind is Kind.HOUSEHOLD:
            return self._member(fields, provenance, problems), problems
        return self._enrolment(fields, provenance, problems), problems

    # -- fields --------------------------------------------------------------------------

    def _note(
        self,
        problems: list[Problem],
        field: str,
        problem: v.CellProblem | None,
        severity: str | None = None,
    ) -> None:
        if problem is not None:
            problems.append(
                (
                    self.header_of(field),
                    problem.code,
                    severity or problem.severity,
                    problem.message_id,
                    problem.message_en,
                )
            )

    def _compile(self) -> None:
        """Per-sheet plan: which parser reads which column, so rows do no field lookups."""
        idx = self.index
        self.width = max([*idx.values(), *(c for c, _ in self.extra), -1]) + 1
        self.free_text = [(f, idx[f]) for f in _FREE_TEXT if f in idx]
        self.repeated_text: list[
            tuple[str, int, Callable[[object], str | None], dict[object, str | None]]
        ] = [
            (f, idx[f], _REGION_NAME_READERS.get(f, v.text_cell), {})
            for f in _REPEATED_TEXT
            if f in idx
        ]
        self.relationship_cache: dict[object, Relationship | None] = {}
        self.card_digits = 13 if self.adapter.programme == "KIS" else None  # BPJS cards
        self.basis_cache: dict[str, Basis] = {}
        self.detail_fields = [(f, k) for f, k in _DETAIL_FIELDS if f in idx]
        self.has_address = bool(_ADDRESS_FIELDS & (set(idx) | set(self.defaults)))
        common = {"nik", "kk", *_FREE_TEXT, *_REPEATED_TEXT}
        self.has_rare = any(field not in common for field in idx)
        self.date_cache: dict[object, tuple[Any, v.CellProblem | None]] = {}
        self.kk_cache: dict[str, tuple[Any, str | None, v.CellProblem | None]] = {}
        self.alive_cache: dict[object, bool] = {}
        self.code_plan = [
            (field, idx[field], digits)
            for field, digits in (
                ("card_number", self.card_digits),
                ("nisn", 10),
                ("kip_number", None),
            )
            if field in idx
        ]
        self.region_plan: list[
            tuple[str, int, Callable[[object], str | None], dict[object, Any]]
        ] = [
            (field, idx[field], _region_parser(4 if field == "desa_code" else 2), {})
            for field in ("province_code", "regency_code", "district_code", "desa_code")
            if field in idx
        ]

    def _date(self, cell: object) -> tuple[datetime.date | None, v.CellProblem | None]:
        if isinstance(cell, str) and _ZERO_DATE.fullmatch(cell.strip()):
            return None, None  # 00-00-0000: the export's way of saying "unknown"
        return v.date_cell(cell, today=self.today)

    @staticmethod
    def _cached(cache: dict[object, Any], parse: Callable[[object], Any], raw: object) -> Any:
        """``parse(raw)``, remembered per distinct cell value (dates and codes repeat a lot)."""
        key = raw if type(raw) is str else (type(raw), raw)
        try:
            return cache[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable cell
            return parse(raw)
        if len(cache) >= 50_000:
            cache.clear()
        found = cache[key] = parse(raw)
        return found

    def _read_fields(self, cells: tuple[object, ...], problems: list[Problem]) -> dict[str, Any]:
        if self.value_maps:
            cells = self._mapped(cells)
        if len(cells) < self.width:
            cells = cells + (None,) * (self.width - len(cells))
        f: dict[str, Any] = {}
        idx = self.index
        note = self._note
        col = idx.get("nik")
        if col is not None:
            f["nik"], f["nik_given"], problem = v.nik_cell(cells[col])
            if problem is not None:
                note(problems, "nik", problem)
        col = idx.get("kk")
        if col is not None:
            f["kk"], f["kk_given"], problem = self.kk_of(cells[col])
            if problem is not None:
                note(problems, "kk", problem)
        if "participant" in idx:
            self._participant(cells[idx["participant"]], f, problems)
        if self.adapter.family_blocks or self.adapter.fill_down:
            self._carry(f)
        text_cell = v.text_cell
        for field, col in self.free_text:
            f[field] = text_cell(cells[col])
        if self.dusun_col is not None and not f.get("address"):
            f["address"] = _dusun_address(text_cell(cells[self.dusun_col]))
        for field, col, read, cache in self.repeated_text:
            raw = cells[col]
            key = raw if type(raw) is str else (type(raw), raw)  # TRUE is not 1
            try:
                f[field] = cache[key]
            except KeyError:
                if len(cache) > 50_000:
                    cache.clear()
                f[field] = cache[key] = read(raw)
            except TypeError:  # unhashable cell
                f[field] = read(raw)
        for field, value in self.defaults.items():
            if f.get(field) is None:
                f[field] = value
        if self.has_rare:
            self._rare_fields(cells, f, problems)
        if self.extra:
            details: dict[str, str] = {}
            for col, header in self.extra:
                text = text_cell(cells[col])
                if text is not None:
                    details[header] = text
            f["details"] = details
        else:
            f["details"] = {}
        return f

    def _participant(self, raw: object, f: dict[str, Any], problems: list[Problem]) -> None:
        """Read a ``Peserta`` cell as the key the programme's sasaran names."""
        target = self.participant or "nik"
        header = self.header_of("participant")
        if target == "household_id":
            if f.get("household_id") is None:
                f["household_id"] = v.text_cell(raw)
            return
        if target == "nik":
            if f.get("nik") is not None or f.get("nik_given"):
                return  # the NIK column says it
            f["nik"], f["nik_given"], problem = v.nik_cell(raw)
            if problem is not None:
                problems.append(
                    (header, problem.code, problem.severity, problem.message_id, problem.message_en)
                )
            return
        kk, given, problem = self.kk_of(raw)
        if given is not None and given == f.get("nik_given"):
            problems.append((header, "participant-is-nik", *catalogued("participant-is-nik")))
            return
        if f.get("kk") is None:
            f["kk"], f["kk_given"] = kk, given
            if problem is not None:
                problems.append(
                    (header, problem.code, problem.severity, problem.message_id, problem.message_en)
                )

    def _carry(self, f: dict[str, Any]) -> None:
        """A row without its own KK (or other ``fill_down`` field) takes the one above it:
        the family block's, or the last row's that had one."""
        for field in ("kk", *self.adapter.fill_down):
            given_key = f"{field}_given"
            if f.get(field) is not None or f.get(given_key):
                if field in self.adapter.fill_down:
                    self.carried[field] = (f.get(field), f.get(given_key))
                continue
            if field in self.carried:
                f[field], given = self.carried[field]
                if given is not None:
                    f[given_key] = given

    def kk_of(self, raw: object) -> tuple[Any, str | None, v.CellProblem | None]:
        """:func:`values.kk_cell` of a cell; text remembered (a family's rows follow each
        other, so their KK repeats)."""
        if type(raw) is not str:
            return v.kk_cell(raw)
        found = self.kk_cache.get(raw)
        if found is None:
            if len(self.kk_cache) >= 4096:
                self.kk_cache.clear()
            found = self.kk_cache[raw] = v.kk_cell(raw)
        return found

    def mapped_cell(self, field: str, cell: object) -> object:
        """The cell as the adapter's value map for ``field`` rewrites it (``1`` → ``KEPALA
        KELUARGA``); unchanged without a map or an entry."""
        mapping = self.value_maps.get(field)
        if mapping is None or cell is None:
            return cell
        return mapping.get(header_key(cell), cell)

    def _mapped(self, cells: tuple[object, ...]) -> tuple[object, ...]:
        out = list(cells)
        for field in self.value_maps:
            col = self.index.get(field)
            if col is not None and col < len(out):
                out[col] = self.mapped_cell(field, out[col])
        return tuple(out)

    def _rare_fields(
        self, cells: tuple[object, ...], f: dict[str, Any], problems: list[Problem]
    ) -> None:
        idx = self.index
        cached = self._cached
        if "sex" in idx:
            f["sex"], problem = v.sex_cell(cells[idx["sex"]])
            if problem is not None:
                self._note(problems, "sex", problem)
        if "birth_date" in idx:
            f["birth_date"], problem = cached(self.date_cache, self._date, cells[idx["birth_date"]])
            if problem is not None:
                self._note(problems, "birth_date", problem, "warning")  # optional: never refuse
        if "place_and_date" in idx:
            place, born, problem = v.place_date_cell(cells[idx["place_and_date"]])
            f.setdefault("birth_place", place)
            if f.get("birth_date") is None:
                f["birth_date"] = born
            self._note(problems, "place_and_date", problem, "warning")
        if "relationship" in idx:  # remembered by type and value: True is not the code 1
            raw = cells[idx["relationship"]]
            f["relationship"] = cached(self.relationship_cache, Relationship.parse, raw)
        if "alive" in idx:
            f["alive"] = cached(self.alive_cache, is_alive, cells[idx["alive"]])
        for region_field, col, parse, cache in self.region_plan:
            f[region_field] = cached(cache, parse, cells[col])
        for field, col, digits in self.code_plan:
            f[field], problem = v.code_cell(cells[col], digits=digits)
            if problem is not None:
                self._note(problems, field, problem)
        if "kip_flag" in idx:
            f["kip_flag"], problem = v.yes_no_cell(cells[idx["kip_flag"]])
            self._note(problems, "kip_flag", problem)

    def _address(self, f: dict[str, Any]) -> Address | None:
        if not self.has_address:
            return None
        kec = f.get("district_code")
        desa = f.get("desa_code")
        prop, kab = f.get("province_code"), f.get("regency_code")
        kec_code = desa_code = None
        if prop and kab and kec:
            kec_code = kec if "." in kec else f"{prop}.{kab}.{kec}"
            if desa:
                desa_code = desa if "." in desa else f"{kec_code}.{desa}"
        elif desa and (whole := _whole_region_code(desa, 10)):  # KODE_DESA 1205072001
            kec_code, desa_code = whole[:8], whole
        elif (kec or desa) and (whole := _whole_region_code(kec or desa or "", 6)):  # KDKEC
            kec_code = whole
        if not any((f.get("address"), kec_code, f.get("kecamatan_name"), f.get("desa_name"))):
            return None
        return Address(
            street=f.get("address"),
            rt=f.get("rt"),
            rw=f.get("rw"),
            desa_code=desa_code,
            desa_name=f.get("desa_name"),
            kecamatan_code=kec_code,
            kecamatan_name=f.get("kecamatan_name"),
        )

    def _details(self, f: dict[str, Any]) -> dict[str, str]:
        return _details(f, self.detail_fields)

    # -- records -------------------------------------------------------------------------

    def _missing(self, problems: list[Problem], field: str, code: str, **fields: str) -> None:
        problems.append((self.header_of(field), code, *catalogued(code, **fields)))

    def _person(
        self, f: dict[str, Any], provenance: Provenance, problems: list[Problem]
    ) -> Person | None:
        nik = f.get("nik")
        if nik is None:
            _escalate(problems, "nik")
            self._missing(problems, "nik", "nik-missing", what="nik")
            return None
        if not f.get("name"):
            self._missing(problems, "name", "name-missing")
            return None
        sex = f.get("sex")
        if sex is not None and sex is not nik.sex:
            texts = catalogued(
                "sex-mismatch", sex=sex.value, nik=nik.masked(), nik_sex=nik.sex.value
            )
            problems.append((self.header_of("sex"), "sex-mismatch", *texts))
        return Person(
            nik=nik,
            name=f["name"],
            sex=sex or nik.sex,
            birth_place=f.get("birth_place"),
            birth_date=f.get("birth_date"),
            kk=f.get("kk"),
            relationship=f.get("relationship"),
            address=self._address(f),
            alive=f["alive"] if "alive" in f else not _dead_status(f.get("status")),
            provenance=provenance,
        )

    def _member(
        self, f: dict[str, Any], provenance: Provenance, problems: list[Problem]
    ) -> HouseholdMember | None:
        household = f.get("household_id")
        if not household and self.adapter.family_as_household:
            kk = f.get("kk")
            household = kk.value if kk is not None else f.get("kk_given")
        if not household:
            self._missing(problems, "household_id", "household_id-missing")
            return None
        if f.get("nik") is None and not f.get("name"):
            self._missing(problems, "nik", "nik-missing", what="nik-name")
            return None
        if f.get("nik") is None:
            self._other_key(f, problems, household=True)
        return HouseholdMember(
            household_id=household,
            nik=f.get("nik"),
            nik_given=f.get("nik_given"),
            kk=f.get("kk"),
            name=f.get("name"),
            sex=f.get("sex"),
            birth_date=f.get("birth_date"),
            relationship=f.get("relationship"),
            member_id=f.get("member_id"),
            address=self._address(f),
            details=self._details(f),
            provenance=provenance,
        )

    def _other_key(self, f: dict[str, Any], problems: list[Problem], *, household: bool) -> bool:
        """Whether a row whose NIK failed its rule stays usable: yes unless the NIK can lead
        to no one (:func:`values.unusable_identifier`) and neither a No. KK nor a household
        id stands in; the report says which key the row is used by, or why it is not."""
        given = f.get("nik_given")
        why = v.unusable_identifier(given)
        if why is None:
            return True
        column = self.header_of("nik")
        kk_given = f.get("kk_given")
        if f.get("kk") is not None or (kk_given and not v.unusable_identifier(kk_given)):
            code = "nik-unusable-used-kk"
        elif household:
            code = "nik-unusable-used-household"
        else:
            _escalate(problems, "nik")
            problems.append(
                (column, "nik-unusable", *catalogued("nik-unusable", text=given, why=why))
            )
            return False
        problems.append((column, code, *catalogued(code)))
        return True

    def resolve_programme(self, name: str) -> Programme | None:
        """The catalogue's programme for a per-row name, remembered; None when unknown."""
        if name not in self._programmes:
            try:
                self._programmes[name] = self.catalogue.resolve(name)
            except UnknownProgramme:
                self._programmes[name] = None
        return self._programmes[name]

    def basis_of(self, programme: Programme) -> Basis:
        """The basis of ``programme``'s rows on this sheet: the adapter's, else the era's."""
        if self.adapter.basis is not None:
            return self.adapter.basis
        found = self.basis_cache.get(programme.code)
        if found is None:
            found = self.basis_cache[programme.code] = _basis(programme, self.period)
        return found

    def _programme_of(self, f: dict[str, Any], problems: list[Problem]) -> Programme | None:
        name = f.get("programme_name")
        if not name:
            return self.programme
        found = self.resolve_programme(name)
        if (
            found is not None
            and self.programme is not None
            and found.code != self.programme.code
            and found.code not in self._differs_noted  # once per sheet and programme
        ):
            self._differs_noted.add(found.code)
            texts = catalogued(
                "programme-differs", name=name, found=found.code, expected=self.programme.code
            )
            problems.append((self.header_of("programme_name"), "programme-differs", *texts))
        if found is None:
            if self.programme is not None:
                texts = catalogued(
                    "programme-unknown", "as-named", name=name, programme=self.programme.code
                )
                problems.append((self.header_of("programme_name"), "programme-unknown", *texts))
                return self.programme
            texts = catalogued("programme-unknown", name=name)
            problems.append((self.header_of("programme_name"), "programme-unknown", *texts))
        return found

    def _enrolment(
        self, f: dict[str, Any], provenance: Provenance, problems: list[Problem]
    ) -> ProgrammeEnrolment | None:
        programme = self._programme_of(f, problems)
        if programme is None:
            if not any(p[1] == "programme-unknown" for p in problems):
                problems.append((None, "programme-missing", *catalogued("programme-missing")))
            return None
        basis = self.basis_of(programme)
        nik, kk, household = f.get("nik"), f.get("kk"), f.get("household_id")
        if (
            nik is None
            and kk is None
            and not household
            and not f.get("nik_given")
            and not f.get("kk_given")
        ):
            _escalate(problems, "nik")
            self._missing(problems, "nik", "nik-missing", what="any-key")
            return None
        if nik is None and not self._other_key(f, problems, household=bool(household)):
            return None
        if basis is Basis.FAMILY and kk is None and nik is None and not f.get("nik_given"):
            self._missing(problems, "kk", "kk-missing")
            return None
        details = self._details(f)
        period = self.period
        return ProgrammeEnrolment(
            programme=programme.code,
            basis=basis,
            period=period,
            nik=nik,
            nik_given=f.get("nik_given"),
            kk=kk,
            kk_given=f.get("kk_given"),
            household_id=household,
            name=f.get("name"),
            birth_date=f.get("birth_date"),
            address=self._address(f),
            status=f.get("status"),
            details=details,
            provenance=provenance,
        )


_KECAMATAN_PREFIX = re.compile(r"(?:kecamatan|kec)\s*[.:]?\s+|kec\.\s*", re.IGNORECASE)
_KELURAHAN_PREFIX = re.compile(r"(?:kelurahan|kel)\s*[.:]?\s+|kel\.\s*", re.IGNORECASE)


def _without(prefix: re.Pattern[str]) -> Callable[[object], str | None]:
    def read(cell: object) -> str | None:
        text = v.text_cell(cell)
        if text is None:
            return None
        match = prefix.match(text)
        return text[match.end() :] or text if match else text

    return read


#: ``Kec. Stabat`` and ``Kecamatan Stabat`` are the kecamatan ``Stabat``; ``Kel. Perdamaian``
#: the kelurahan ``Perdamaian`` (``Desa`` is kept: desa such as *Desa Lama* carry it).
_REGION_NAME_READERS: dict[str, Callable[[object], str | None]] = {
    "kecamatan_name": _without(_KECAMATAN_PREFIX),
    "desa_name": _without(_KELURAHAN_PREFIX),
}


def digit_count(cell: object) -> int:
    """How many digits a cell holds: a full NIK or KK has 16, a count a few."""
    return sum(map(str.isdigit, str(cell))) if cell is not None else 0


_RECIPIENT_WORDS = ("penerima", "pengurus", "kpm", "pemegang", "peserta")


def _is_recipient(header: str) -> bool:
    """Whether a header names the recipient's column (``NIK PENERIMA``, ``NAMA PENGURUS``)."""
    key = header_key(header)
    return any(word in key for word in _RECIPIENT_WORDS)


def _whole_region_code(text: str, digits: int) -> str | None:
    """A full kecamatan (6 digits) or desa (10) code, written with or without dots, dotted."""
    bare = text.replace(".", "")
    if len(bare) != digits or not bare.isdigit():
        return None
    parts = [bare[:2], bare[2:4], bare[4:6]] + ([bare[6:]] if digits == 10 else [])
    return ".".join(parts)


def _dead_status(text: str | None) -> bool:
    """A population file's ``Status`` column saying in words that the person died (the SIAK
    export's ``Mati``); a bare code there may mean anything else, so only words count."""
    return bool(text) and any(ch.isalpha() for ch in str(text)) and is_deceased(text)


_DUSUN_HEADERS = frozenset(("dusun", "namadusun", "dusunlingkungan", "lingkungan"))


def _dusun_address(dusun: str | None) -> str | None:
    """The street part of an address that only names its dusun.

    >>> _dusun_address("MANGSIT"), _dusun_address("Dusun III"), _dusun_address("-")
    ('Dusun MANGSIT', 'Dusun III', None)
    """
    if not dusun or not any(ch.isalnum() for ch in dusun):
        return None
    return (
        dusun if dusun.casefold().startswith(("dusun", "dsn", "lingkungan")) else f"Dusun {dusun}"
    )


def _is_head(header: str) -> bool:
    """Whether a header names the head's column (``Nama KRT``, ``NIK Kepala Keluarga``)."""
    key = header_key(header)
    return any(word in key for word in _HEAD_WORDS) and "hub" not in key


def _region_parser(width: int) -> Callable[[object], str | None]:
    return lambda cell: v.region_code_cell(cell, width)


def _basis(programme: Programme, period: Period | None) -> Basis:
    when = period.reference_date if period is not None else datetime.date.today()
    era = programme.era_at(when) or programme.current_era
    return era.basis


def _escalate(problems: list[Problem], field: str) -> None:
    """A NIK problem that makes the row unusable becomes an error."""
    for i, problem in enumerate(problems):
        if problem[1].startswith(f"{field}-") and problem[2] == "warning":
            problems[i] = (problem[0], problem[1], "error", problem[3], problem[4])


_DETAIL_FIELDS: tuple[tuple[str, str], ...] = (
    ("card_number", "card_number"),
    ("nisn", "nisn"),
    ("kip_number", "kip_number"),
    ("batch", "batch"),
    ("distributor", "distributor"),
    ("decile", "decile"),
    ("programme_name", "programme_name"),
    ("member_id", "member_id"),
    ("period", "period"),
)


def _details(f: dict[str, Any], fields: list[tuple[str, str]] | None = None) -> dict[str, str]:
    details: dict[str, str] = f["details"]
    for field, key in _DETAIL_FIELDS if fields is None else fields:
        value = f.get(field)
        if value is not None and value != "":
            details[key] = str(value)
    flag = f.get("kip_flag")
    if flag is not None:
        details["kip_flag"] = "ya" if flag else "tidak"
    return details


Converter = Callable[[int, tuple[object, ...]], tuple[Any, list[Problem]]]
