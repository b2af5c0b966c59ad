"""Reading DTSEN files: the family file and the member file, v3 (pipe CSV) and v2 (``.xlsx``).

The v3 files (``keluarga_dtsen_v3_2026_<kab>.csv``, 52 columns, and
``anggota_keluarga_dtsen_v3_2026_<kab>.csv``, 48 columns) are pipe-separated with every value
quoted. Copies that circulate are known to hold bytes that are not UTF-8 and lines broken in
two; this reader decodes each line on its own (UTF-8, else Windows-1252, with a warning naming
the line) and joins a record broken over two lines when the two halves make exactly one row
(a warning naming both lines); any other line with the wrong number of fields is rejected with
its line number. Nothing is dropped silently: ``usable + rejected == rows``.

Region columns are BPS codes; each family's kecamatan and desa are mapped to Kemendagri codes
by their names within the kabupaten (:class:`sibaso.core.bps.BpsMapper`); a row whose place
cannot be mapped is kept with a warning (``region-unmapped``).

>>> split_record('"1205"|"SITI"|"JL. A | B"')
['1205', 'SITI', 'JL. A | B']
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sibaso.adapters.builtin.bdt import BDT_RELATIONSHIP
from sibaso.adapters.layouts.fields import header_key
from sibaso.adapters.pipeline.read_report import ReadReport, RejectedRow
from sibaso.adapters.records import cells as v
from sibaso.core import problems as catalogue
from sibaso.core.bps import BpsMapper
from sibaso.core.dtsen import (
    BpsPlace,
    Desil,
    DtsenFamily,
    DtsenMember,
    Edition,
    parse_desil,
    parse_flag,
)
from sibaso.core.errors import SourceError, ValidationError
from sibaso.core.model import Provenance, Relationship

__all__ = [
    "FAMILY_COLUMNS",
    "FAMILY_COLUMNS_V2",
    "MEMBER_COLUMNS",
    "MEMBER_COLUMNS_V2",
    "dtsen_kind",
    "is_dtsen",
    "iter_dtsen",
    "looks_like_edition",
    "split_record",
]

#: The 52 published columns of the v3 family file, in order.
FAMILY_COLUMNS: tuple[str, ...] = (
    "nomor_kartu_keluarga",
    "kode_provinsi",
    "provinsi",
    "kode_kabupaten_kota",
    "kabupaten_kota",
    "kode_kecamatan",
    "kecamatan",
    "kode_kelurahan_desa",
    "kelurahan_desa",
    "alamat",
    "jumlah_anggota_keluarga",
    "nama_kepala_keluarga",
    "desil_nasional",
    "desil_provinsi",
    "desil_kabupaten_kota",
    "pbi_nas",
    "pbi_pemda",
    "id_pelanggan_pln",
    "status_kepemilikan_rumah",
    "jenis_lantai_terluas",
    "luas_lantai",
    "jenis_dinding_terluas",
    "jenis_atap_terluas",
    "sumber_air_minum_utama",
    "sumber_penerangan_utama",
    "daya_terpasang",
    "bahan_bakar_utama_memasak",
    "fasilitas_bab",
    "jenis_kloset",
    "pembuangan_akhir_tinja",
    "kepemilikan_aset",
    "aset_bergerak_tabung_gas",
    "aset_bergerak_lemari_es",
    "aset_bergerak_ac",
    "aset_bergerak_pemanas_air",
    "aset_bergerak_telepon_rumah",
    "aset_bergerak_tv_datar",
    "aset_bergerak_emas_perhiasan",
    "aset_bergerak_komputer_laptop_tablet",
    "aset_bergerak_sepeda_motor",
    "aset_bergerak_sepeda",
    "aset_bergerak_mobil",
    "aset_bergerak_perahu",
    "aset_bergerak_kapal_perahu_motor",
    "aset_bergerak_smartphone",
    "aset_tidak_bergerak_lahan_lainnya",
    "aset_tidak_bergerak_rumah_lainnya",
    "jumlah_ternak_sapi",
    "jumlah_ternak_kerbau",
    "jumlah_ternak_kuda",
    "jumlah_ternak_babi",
    "jumlah_ternak_kambing_domba",
)

#: The 48 published columns of the v3 member file, in order.
MEMBER_COLUMNS: tuple[str, ...] = (
    "nomor_induk_kependudukan",
    "nomor_kartu_keluarga",
    "nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "status_hubungan_keluarga",
    "pbi_nas",
    "pbi_pemda",
    "status_kawin",
    "partisipasi_sekolah",
    "jenjang_tertinggi_yang_diduduki",
    "kelas_tertinggi_yang_diduduki",
    "ijazah_tertinggi_yang_dimiliki",
    "status_bekerja",
    "lapangan_usaha_dari_pekerjaan_utama",
    "status_dalam_pekerjaan_utama",
    "kepemilikan_usaha",
    "jumlah_usaha",
    "lapangan_usaha_dari_usaha_utama",
    "gaji_bulanan",
    "gaji",
    "usia",
    "kondisi_gizi",
    "penglihatan",
    "pendengaran",
    "berjalan_atau_naik_tangga",
    "menggunakan_tangan_jari",
    "belajar_kemampuan_intelektual",
    "pengendalian_perilaku",
    "berbicara_komunikasi",
    "mengurus_diri",
    "mengingat_berkonsentrasi",
    "kesedihan_depresi",
    "penyakit_kronis",
    "kode_provinsi_ktp",
    "provinsi_ktp",
    "kode_kabupaten_kota_ktp",
    "kabupaten_kota_ktp",
    "kode_kecamatan_ktp",
    "kecamatan_ktp",
    "kode_kelurahan_desa_ktp",
    "kelurahan_desa_ktp",
    "rt_ktp",
    "rw_ktp",
    "dusun_ktp",
    "alamat_ktp",
    "pekerjaan_ktp",
    "pendidikan_akhir_ktp",
)

#: The earlier v2 workbooks carry fewer columns (the region, desil and identity ones).
FAMILY_COLUMNS_V2: tuple[str, ...] = FAMILY_COLUMNS[:18]
MEMBER_COLUMNS_V2: tuple[str, ...] = MEMBER_COLUMNS[:9]

#: Headers that together mark each file (any three suffice).
_FAMILY_MARKS = frozenset(
    ("nomor_kartu_keluarga", "desil_nasional", "desil_kabupaten_kota", "jumlah_anggota_keluarga")
)
_MEMBER_MARKS = frozenset(
    ("nomor_induk_kependudukan", "nomor_kartu_keluarga", "status_hubungan_keluarga", "pbi_nas")
)
_FAMILY_MARK_KEYS = frozenset(header_key(h) for h in _FAMILY_MARKS)
_MEMBER_MARK_KEYS = frozenset(header_key(h) for h in _MEMBER_MARKS)
_FAMILY_USED = frozenset(FAMILY_COLUMNS[:17])
_MEMBER_USED = frozenset(MEMBER_COLUMNS[:8])


def dtsen_kind(headers: tuple[str, ...] | list[str]) -> str | None:
    """``"family"`` or ``"member"`` when the headers are a DTSEN file's, else None.

    >>> dtsen_kind(FAMILY_COLUMNS), dtsen_kind(MEMBER_COLUMNS), dtsen_kind(("NIK", "NAMA"))
    ('family', 'member', None)
    """
    keys = {header_key(h) for h in headers if isinstance(h, str)}
    if len(keys & _FAMILY_MARK_KEYS) >= 3 and header_key("nomor_induk_kependudukan") not in keys:
        return "family"
    if len(keys & _MEMBER_MARK_KEYS) >= 3:
        return "member"
    return None


def split_record(line: str, delimiter: str = "|") -> list[str]:
    """One line's fields: pipe-separated, quotes removed (a quoted pipe stays text)."""
    return next(csv.reader([line], delimiter=delimiter, quotechar='"'), [])


def _decode(raw: bytes) -> tuple[str, bool]:
    """A line as text and whether it needed Windows-1252 (bytes that are not UTF-8)."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def _physical_lines(path: Path) -> Iterator[tuple[int, str, bool]]:
    """``(line number, text, not UTF-8)``; a quoted field running over a line end is kept
    whole (its lines are joined), as CSV allows."""
    with path.open("rb") as handle:
        pending: list[str] = []
        start = 0
        odd = False
        bad_any = False
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            text, bad = _decode(raw.rstrip(b"\r\n"))
            if not pending:
                start = number
            pending.append(text)
            bad_any = bad_any or bad
            odd ^= text.count('"') % 2 == 1
            if odd:
                continue  # inside a quoted value: the record goes on
            yield start, "\n".join(pending), bad_any
            pending, bad_any = [], False
        if pending:
            yield start, "\n".join(pending), bad_any


def _csv_records(
    path: Path, report: ReadReport, sheet: str | None
) -> Iterator[tuple[int, tuple[str | None, ...]]]:
    """The records of a DTSEN pipe file (header first), broken lines joined or reported."""
    width = 0
    held: tuple[int, list[str]] | None = None
    for number, text, bad in _physical_lines(path):
        if not text.strip():
            continue
        fields = split_record(text)
        if bad:
            report.problem(sheet, number, None, "encoding-not-utf8", line=number)
        if not width:
            width = len(fields)
            yield number, tuple(f.strip() for f in fields)
            continue
        if held is not None:
            first, parts = held
            held = None
            if len(parts) + len(fields) - 1 == width:
                joined = [*parts[:-1], parts[-1] + " " + fields[0], *fields[1:]]
                report.problem(
                    sheet, first, None, "line-broken-joined", line=first, next_line=number
                )
                yield first, _cells(joined)
                continue
            yield first, _cells(parts)  # reported as broken by the row check
        if len(fields) < width:
            held = (number, fields)
            continue
        yield number, _cells(fields)
    if held is not None:
        yield held[0], _cells(held[1])


def _cells(fields: list[str]) -> tuple[str | None, ...]:
    return tuple((f.strip() or None) for f in fields)


def _sheet_records(path: Path, limits: Any) -> Iterator[tuple[str | None, int, tuple[Any, ...]]]:
    """``(sheet, row, cells)`` of a DTSEN workbook (v2), every sheet with a DTSEN header."""
    from sibaso.readers import open_workbook

    with open_workbook(path, limits=limits) as workbook:
        for sheet in workbook.sheets():
            for number, cells in sheet.rows():
                yield sheet.name, number, cells


def _is_text_file(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(8)
    return not head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"<"))


def sniff(path: Path) -> str | None:
    """``"family"``/``"member"`` when ``path`` is a DTSEN text file (by its first line)."""
    try:
        if not path.is_file() or not _is_text_file(path):
            return None
        with path.open("rb") as handle:
            first = handle.readline(64 * 1024)
    except OSError:
        return None
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    text, _ = _decode(first.rstrip(b"\r\n"))
    if "|" not in text:
        return None
    return dtsen_kind(split_record(text))


class _Rows:
    """Turns DTSEN rows into records, filling the report."""

    def __init__(
        self, kind: str, header: tuple[Any, ...], edition: Edition, file: str, report: ReadReport
    ) -> None:
        self.kind = kind
        self.header = tuple(str(h).strip() if h is not None else "" for h in header)
        self.index = {header_key(h): i for i, h in enumerate(self.header) if h}
        self.edition = edition
        self.file = file
        self.report = report
        self.mapper = BpsMapper()
        used = _FAMILY_USED if kind == "family" else _MEMBER_USED
        used_keys = {header_key(u) for u in used}
        self.extra = [
            (i, h) for i, h in enumerate(self.header) if h and header_key(h) not in used_keys
        ]
        self.width = len(self.header)
        self._places: dict[tuple[Any, ...], BpsPlace] = {}
        self.from_workbook = False

    def cell(self, cells: tuple[Any, ...], name: str) -> Any:
        col = self.index.get(header_key(name))
        return cells[col] if col is not None and col < len(cells) else None

    def text(self, cells: tuple[Any, ...], name: str) -> str | None:
        return v.text_cell(self.cell(cells, name))

    def convert(self, sheet: str | None, row: int, cells: tuple[Any, ...]) -> Any:
        report = self.report
        report.rows += 1
        problems: list[tuple[str | None, str, str, str, str]] = []
        record: DtsenFamily | DtsenMember | None
        if self._wrong_width(cells):
            texts = catalogue.problem("line-broken", found=len(cells), width=self.width)
            problems.append((None, "line-broken", *texts))
            record = None
        elif self.kind == "family":
            record = self.family(sheet, row, cells, problems)
        else:
            record = self.member(sheet, row, cells, problems)
        for column, code, severity, message_id, message_en in problems:
            report.add(sheet, row, column, code, severity, message_id, message_en)  # type: ignore[arg-type]
        errors = [p for p in problems if p[2] == "error"]
        if record is None or errors:
            report.rejected += 1
            report.rejected_rows.append(
                RejectedRow(
                    sheet=sheet,
                    row=row,
                    header=self.header,
                    cells=cells,
                    reasons=[p[3] for p in errors],
                )
            )
            return None
        report.usable += 1
        return record

    def _wrong_width(self, cells: tuple[Any, ...]) -> bool:
        """A text line must have the header's field count; a workbook row loses its empty
        trailing cells, so only cells beyond the header make it wrong."""
        if self.from_workbook:
            return any(c not in (None, "") for c in cells[self.width :])
        return len(cells) != self.width

    def _details(self, cells: tuple[Any, ...]) -> dict[str, str]:
        out: dict[str, str] = {}
        for col, header in self.extra:
            if col < len(cells):
                text = v.text_cell(cells[col])
                if text is not None:
                    out[header] = text
        return out

    def _flag(self, cells: tuple[Any, ...], name: str) -> bool | None:
        return parse_flag(self.cell(cells, name))

    def place(self, cells: tuple[Any, ...], problems: list[Any]) -> BpsPlace:
        raw = tuple(
            self.text(cells, n)
            for n in (
                "kode_provinsi",
                "provinsi",
                "kode_kabupaten_kota",
                "kabupaten_kota",
                "kode_kecamatan",
                "kecamatan",
                "kode_kelurahan_desa",
                "kelurahan_desa",
            )
        )
        place = self._places.get(raw)
        if place is None:
            prov_code, prov, kab_code, kab, kec_code, kec, desa_code, desa = raw
            kecamatan = self.mapper.kecamatan(prov_code, prov, kab, kec)
            place = BpsPlace(
                province_code=prov_code,
                province_name=prov,
                regency_code=kab_code,
                regency_name=kab,
                kecamatan_bps=kec_code,
                kecamatan_name=kec,
                desa_bps=desa_code,
                desa_name=desa,
                kecamatan_code=kecamatan,
                desa_code=self.mapper.desa(kecamatan, desa),
            )
            if len(self._places) > 20_000:
                self._places.clear()
            self._places[raw] = place
        if place.kecamatan_code is None or (place.desa_name and place.desa_code is None):
            what = "kecamatan" if place.kecamatan_code is None else "desa/kelurahan"
            name = place.kecamatan_name if place.kecamatan_code is None else place.desa_name
            code = place.kecamatan_bps if place.kecamatan_code is None else place.desa_bps
            texts = catalogue.problem(
                "region-unmapped",
                what=what,
                name=name or "-",
                bps=code or "-",
                regency=place.regency_name or "-",
            )
            column = "kecamatan" if place.kecamatan_code is None else "kelurahan_desa"
            problems.append((column, "region-unmapped", *texts))
        return place

    def _desil(self, cells: tuple[Any, ...], problems: list[Any]) -> Desil:
        found: dict[str, int | None] = {}
        for column, scale in (
            ("desil_nasional", "nasional"),
            ("desil_provinsi", "provinsi"),
            ("desil_kabupaten_kota", "kabupaten"),
        ):
            try:
                found[scale] = parse_desil(self.cell(cells, column))
            except ValidationError as exc:
                found[scale] = None
                reason = catalogue.Bilingual(exc.message_id, exc.message)
                problems.append(
                    (column, "desil-invalid", *catalogue.problem("desil-invalid", reason=reason))
                )
        return Desil(**found)

    def family(
        self, sheet: str | None, row: int, cells: tuple[Any, ...], problems: list[Any]
    ) -> DtsenFamily | None:
        kk, kk_given, problem = v.kk_cell(self.cell(cells, "nomor_kartu_keluarga"))
        _note_cell(problems, "nomor_kartu_keluarga", problem)
        if kk is None and not kk_given:
            texts = catalogue.problem("kk-missing", "dtsen")
            problems.append(("nomor_kartu_keluarga", "kk-missing", *texts))
            return None
        members = self.text(cells, "jumlah_anggota_keluarga")
        return DtsenFamily(
            edition=self.edition,
            kk=kk,
            kk_given=kk_given,
            place=self.place(cells, problems),
            address=self.text(cells, "alamat"),
            members=int(members) if members and members.isdigit() else None,
            head_name=self.text(cells, "nama_kepala_keluarga"),
            desil=self._desil(cells, problems),
            pbi_nas=self._flag(cells, "pbi_nas"),
            pbi_pemda=self._flag(cells, "pbi_pemda"),
            details=self._details(cells),
            provenance=Provenance(self.file, sheet, row),
        )

    def member(
        self, sheet: str | None, row: int, cells: tuple[Any, ...], problems: list[Any]
    ) -> DtsenMember | None:
        nik, nik_given, problem = v.nik_cell(self.cell(cells, "nomor_induk_kependudukan"))
        _note_cell(problems, "nomor_induk_kependudukan", problem)
        kk, kk_given, problem = v.kk_cell(self.cell(cells, "nomor_kartu_keluarga"))
        _note_cell(problems, "nomor_kartu_keluarga", problem)
        if nik is None and not nik_given:
            texts = catalogue.problem("nik-missing", "dtsen")
            problems.append(("nomor_induk_kependudukan", "nik-missing", *texts))
            return None
        born, problem = v.date_cell(self.cell(cells, "tanggal_lahir"))
        if problem is not None:
            problems.append(
                ("tanggal_lahir", problem.code, "warning", problem.message_id, problem.message_en)
            )
        sex, _ = v.sex_cell(self.cell(cells, "jenis_kelamin"))
        rel_raw = self.text(cells, "status_hubungan_keluarga")
        relationship = Relationship.parse(BDT_RELATIONSHIP.get(rel_raw or "", rel_raw))
        return DtsenMember(
            edition=self.edition,
            nik=nik,
            nik_given=nik_given,
            kk=kk,
            kk_given=kk_given,
            name=self.text(cells, "nama"),
            birth_date=born,
            sex=sex,
            relationship=relationship,
            pbi_nas=self._flag(cells, "pbi_nas"),
            pbi_pemda=self._flag(cells, "pbi_pemda"),
            details=self._details(cells),
            provenance=Provenance(self.file, sheet, row),
        )


def edition_of(path: Path, period: str | Edition | None) -> Edition:
    """The edition a DTSEN file is for: ``period`` (whole, or completing the file name's),
    else the file name's; neither is a whole-file error."""
    from_name = Edition.from_file_name(path.name)
    if isinstance(period, Edition):
        return period
    if period:
        try:
            return Edition.parse(str(period), default=from_name)
        except ValidationError as exc:
            raise SourceError(path, exc.message, code="unknown-edition") from None
    if from_name is None:
        raise SourceError(
            path,
            "the DTSEN version and year are not in the file name "
            "(keluarga_dtsen_v3_2026_<kab>.csv); give them with --period v3-2026",
            code="unknown-edition",
        )
    return from_name


def iter_dtsen(
    path: str | Path,
    *,
    period: str | Edition | None = None,
    report: ReadReport | None = None,
    limits: Any = None,
) -> Iterator[DtsenFamily | DtsenMember]:
    """The records of a DTSEN family or member file (CSV v3, or a v2 workbook)."""
    path = Path(path)
    report = report if report is not None else ReadReport(file=str(path))
    if not path.exists():
        raise SourceError(
            path, "the file does not exist", code="not-found", reason_id="berkas tidak ada"
        )
    edition = edition_of(path, period)
    text = _is_text_file(path)
    sheet_rows: Iterator[tuple[str | None, int, tuple[Any, ...]]]
    if text:
        sheet_rows = ((None, n, c) for n, c in _csv_records(path, report, None))
    else:
        sheet_rows = _sheet_records(path, limits)
    rows: _Rows | None = None
    current: str | None = "\0"
    for sheet, number, cells in sheet_rows:
        if sheet != current or rows is None:
            kind = dtsen_kind(tuple(c for c in cells if isinstance(c, str)))
            if kind is None:
                if sheet != current and not text:
                    current = sheet
                    rows = None
                    report.problem(sheet, number, None, "sheet-skipped", "dtsen", sheet=sheet)
                    continue
                if rows is None:
                    continue
            else:
                current = sheet
                rows = _Rows(kind, cells, edition, str(path), report)
                rows.from_workbook = not text
                report.adapter = f"dtsen-{'keluarga' if kind == 'family' else 'anggota'}"
                report.programme = f"DTSEN {edition}"
                if sheet is not None:
                    report.sheets.append(sheet)
                continue
        if not any(c not in (None, "") for c in cells):
            continue
        record = rows.convert(sheet, number, cells)
        if record is not None:
            yield record
    if report.adapter is None:
        raise SourceError(
            path, "no DTSEN header (nomor_kartu_keluarga, desil_…) was found", code="no-nik-column"
        )


def looks_like_edition(text: object) -> bool:
    """Whether a ``--period`` is a DTSEN edition (``v3-2026``, ``v3``) rather than a period.

    >>> looks_like_edition("v3-2026"), looks_like_edition("2024-T2"), looks_like_edition(None)
    (True, False, False)
    """
    return isinstance(text, str) and re.search(r"(?i)\bv\d", text) is not None


def is_dtsen(path: Path, adapter: object = None, *, workbook: bool = False) -> bool:
    """Whether ``path`` should be read as DTSEN: the adapter names it, or its header says so
    (a workbook's header is looked at when its name says ``dtsen`` or ``workbook`` is set)."""
    name = getattr(adapter, "name", adapter)
    if isinstance(name, str):
        return name.startswith("dtsen-")
    if sniff(path) is not None:
        return True
    if _is_text_file(path) or not (workbook or "dtsen" in path.name.lower()):
        return False
    return _workbook_kind(path) is not None


def _workbook_kind(path: Path) -> str | None:
    from sibaso.readers import open_workbook

    try:
        with open_workbook(path) as workbook:
            for sheet in workbook.sheets():
                for _number, cells in sheet.rows():
                    kind = dtsen_kind(tuple(c for c in cells if isinstance(c, str)))
                    if kind:
                        return kind
                    break
    except Exception:
        return None
    return None


def _note_cell(problems: list[Any], column: str, problem: Any) -> None:
    """List a cell rule's problem (NIK, No. KK) against its column, when there is one."""
    if problem is not None:
        problems.append(
            (column, problem.code, problem.severity, problem.message_id, problem.message_en)
        )
