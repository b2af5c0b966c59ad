"""The targeting audit as a workbook for pendamping: a summary, then one sheet per desa.

Each desa sheet lists its findings with the recipient's name and address (with the desa), the
reason in plain words and two empty columns for the field check (musyawarah desa): what was
found and a note. Officer data (desil, names, addresses).

``mask=True`` is the copy shared beyond officers: NIK and No. KK masked by the report's rule
(first 4 and last 2 digits), names to their initials, the address cut to desa and kecamatan.
Masked KKs would then look alike (the last two digits of many families agree), so each masked
KK carries a family tag, ``1205**********01 (K7QX)``: 4 letters of a keyed hash of the KK
under a key drawn afresh for each workbook. Rows of one family share their tag, so a musdes
can tell families apart, but the tag reveals no digit of the KK, cannot be reversed by trying
every KK (the key is never written), and cannot join two shared workbooks. That is as much as
the field check needs and no more: UU 27/2022 (Pelindungan Data Pribadi) asks that personal
data be processed only as far as its purpose needs (Pasal 16 ayat 2).
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sibaso.adapters.pipeline.read_report_xlsx import safe_cell
from sibaso.core import wilayah
from sibaso.core.address import address_line
from sibaso.core.labels import label
from sibaso.report._build import _masker

if TYPE_CHECKING:
    from sibaso.registry.audit import AuditResult

__all__ = ["family_tag", "write_audit"]

_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADERS = {
    "id": (
        "Program",
        "Temuan",
        "Alasan",
        "No. KK",
        "NIK",
        "Nama",
        "Alamat",
        "Kecamatan",
        "Desa/Kelurahan",
        "Desil",
        "Batas desil",
        "Periode",
        "Hasil verifikasi lapangan (musdes)",
        "Catatan",
    ),
    "en": (
        "Programme",
        "Finding",
        "Reason",
        "KK",
        "NIK",
        "Name",
        "Address",
        "Kecamatan",
        "Desa",
        "Desil",
        "Threshold",
        "Period",
        "Field check (musdes)",
        "Note",
    ),
}


def _name(code: str | None) -> str:
    region = wilayah.lookup(code) if code else None
    return region.name if region else (code or "-")


def _header(ws: Any, row: int, headers: tuple[str, ...]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col, safe_cell(text))
        cell.font = Font(bold=True)
        cell.fill = _FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


_TAG_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud in a musdes


def family_tag(kk: str, key: bytes) -> str:
    """Four letters for a KK under ``key`` (see the module docs), stable for one key.

    >>> key = bytes(16)
    >>> family_tag("1205072003150001", key) == family_tag("1205072003150001", key)
    True
    >>> family_tag("1205072003150001", key) != family_tag("1205072003150101", key)
    True
    """
    digest = hashlib.blake2b(kk.encode(), key=key, digest_size=4).digest()
    number = int.from_bytes(digest, "big")
    return "".join(_TAG_LETTERS[(number >> (5 * i)) & 31] for i in range(4))


def _masked_place(f: Any) -> str | None:
    """The address of a shared copy: desa and kecamatan only."""
    return address_line(desa_code=f.desa_code, kecamatan_code=f.kecamatan_code)


def write_audit(
    result: AuditResult,
    path: Path,
    *,
    lang: str = "id",
    mask: bool = False,
    tag_key: bytes | None = None,
) -> Path:
    """Write the workbook; returns ``path`` (folders created).

    ``tag_key`` fixes the key of the family tags of a masked copy (tests); by default each
    workbook draws its own."""
    nik, name = _masker(mask)
    key = tag_key if tag_key is not None else secrets.token_bytes(16)

    def kk_cell(kk: str | None) -> str | None:
        if not kk or not mask:
            return kk
        return f"{nik(kk)} ({family_tag(kk, key)})"

    wb = Workbook()
    summary = wb.active
    summary.title = "Ringkasan" if lang == "id" else "Summary"
    summary.cell(1, 1, "Audit sasaran bansos terhadap DTSEN" if lang == "id" else "Targeting audit")
    summary.cell(1, 1).font = Font(bold=True, size=13)
    summary.cell(2, 1, f"DTSEN: {result.edition or '-'}")
    summary.cell(3, 1, safe_cell(f"{'Aturan' if lang == 'id' else 'Rules'}: {result.rules.origin}"))
    if result.rules.builtin and result.rules.note:
        summary.cell(4, 1, safe_cell(result.rules.note))
    row = 6
    _header(
        summary,
        row,
        ("Program", "Temuan", "Jumlah") if lang == "id" else ("Programme", "Finding", "Count"),
    )
    for programme, counts in result.summary.items():
        for finding, count in counts.items():
            row += 1
            summary.cell(row, 1, programme)
            summary.cell(row, 2, label("finding", finding, lang))
            summary.cell(row, 3, count)
    row += 2
    _header(summary, row, ("Program", "Skala", "Desil maks.", "Berlaku", "Sumber"))
    for rule in result.rules.rules:
        row += 1
        span = f"{rule.start or '…'} – {rule.end or '…'}"
        cells = (rule.programme, rule.scale.value, rule.max_desil, span, rule.source)
        for col, value in enumerate(cells, start=1):
            summary.cell(row, col, safe_cell(value) if isinstance(value, str) else value)
    for programme, why in result.skipped.items():
        row += 1
        summary.cell(row, 1, programme)
        summary.cell(row, 2, safe_cell(f"tidak diaudit: {why}"))
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 24
    summary.column_dimensions["E"].width = 80
    by_desa: dict[tuple[str, str], list[Any]] = {}
    for f in result.findings:
        by_desa.setdefault((f.kecamatan_code or "", f.desa_code or ""), []).append(f)
    used: set[str] = set()
    headers = _HEADERS["id" if lang == "id" else "en"]
    for (kec, desa), findings in sorted(by_desa.items()):
        title = (_name(desa) if desa else f"{_name(kec)} (tanpa desa)")[:28]
        base, n = title, 1
        while title.lower() in used:
            n += 1
            title = f"{base[:25]} {n}"
        used.add(title.lower())
        ws = wb.create_sheet(str(safe_cell(title)).replace("/", "-")[:31])
        ws.cell(1, 1, safe_cell(f"{_name(kec)} — {_name(desa) if desa else '-'}")).font = Font(
            bold=True
        )
        _header(ws, 2, headers)
        for number, f in enumerate(findings, start=3):
            values = (
                f.programme,
                label("finding", f.finding, lang),
                f.reason(lang),
                kk_cell(f.kk),
                nik(f.nik),
                name(f.name),
                _masked_place(f) if mask else f.address,
                _name(f.kecamatan_code),
                _name(f.desa_code) if f.desa_code else "",
                f.desil,
                f.max_desil,
                f.period or "",
            )
            for col, value in enumerate(values, start=1):
                ws.cell(number, col, safe_cell(value) if isinstance(value, str) else value)
        widths = (10, 22, 60, 25, 18, 24, 45, 16, 20, 7, 7, 9, 30, 30)
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = "A3"
        ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{2 + len(findings)}"
    wb.properties.creator = "sibaso"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
