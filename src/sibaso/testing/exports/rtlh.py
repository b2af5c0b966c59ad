"""Export writer 7. RS-RTLH."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side

from sibaso.core.model import Person
from sibaso.testing.exports._common import (
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _alamat,
    _as_path,
    _assign,
    _desa,
    _desa_name,
    _Index,
    _kec,
    _kec_name,
    _name,
    _nik_cell,
    _rngs,
    _save,
    _Table,
    _truth,
)
from sibaso.testing.synthetic import Population

__all__ = ["RTLH_HEADER", "rtlh_xlsx"]

RTLH_HEADER = (
    "NO",
    "nama_CPCL",
    "nomorNIK",
    "nomorKK",
    "alamat",
    "kecamatan",
    "kelurahan",
    "STATUS KEPEMILIKAN RUMAH",
    "KONDISI RUMAH",
)
_RTLH_NOTES = (
    "KETERANGAN",
    "1. Data usulan RS-RTLH dari desa/kelurahan melalui TKSK kecamatan.",
    "2. Status kepemilikan dan kondisi rumah hasil verifikasi lapangan.",
    "3. Sheet kecamatan yang disembunyikan masih menunggu verifikasi.",
    None,
    "Dinas Sosial",
)


def rtlh_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    share: float = 0.02,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """RS-RTLH proposals: one sheet per kecamatan (one hidden), then a "Keterangan" sheet.

    Households of a few kecamatan are proposed (``share`` of all households, at least five
    when there are so many), each named by its head. Each sheet ends with a JUMLAH row and
    three formatted empty rows. Faults: nik-typo-digit, nik-apostrophe, missing-nik.
    """
    rng, frng = _rngs("rtlh", seed)
    ix = _Index(population)
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share!r}.")
    heads = [hh[0][0] for hh in ix.households()]
    count = max(round(share * len(heads)), 5)
    kecs = sorted({_kec(p) for p in heads})
    rng.shuffle(kecs)
    picked: set[str] = set()
    for kec in kecs:
        if len(picked) >= 2 and sum(_kec(p) in picked for p in heads) >= count:
            break
        picked.add(kec)
    pool = [p for p in heads if _kec(p) in picked]
    chosen = [pool[i] for i in sorted(rng.sample(range(len(pool)), min(count, len(pool))))]
    chosen.sort(key=lambda p: (_kec(p), _desa(p)))
    plan: Plan = (
        ("nik-typo-digit", 0.05, None),
        ("nik-apostrophe", 0.05, None),
        ("missing-nik", 0.03, None),
    )
    hits = _assign(frng, len(chosen), plan, faults)
    by_kec: dict[str, list[tuple[int, Person]]] = {}
    for i, p in enumerate(chosen):
        by_kec.setdefault(_kec(p), []).append((i, p))
    tables: list[_Table] = []
    for kec, members in by_kec.items():
        table = _Table(_name(kec)[:31])
        table.add("header", RTLH_HEADER)
        for n, (i, p) in enumerate(members, start=1):
            fault = hits.get(i)
            cell = _nik_cell(p.nik.value, fault, frng, text=True)
            owner = rng.choices(("MILIK SENDIRI", "MILIK KELUARGA", "MENUMPANG"), (80, 15, 5))[0]
            state = rng.choices(("RUSAK BERAT", "RUSAK SEDANG", "RUSAK RINGAN"), (55, 35, 10))[0]
            values = [n, p.name, cell, p.kk.value if p.kk else None, _alamat(p)]
            values += [_kec_name(p), _desa_name(p), owner, state]
            table.data(values, p, fault, cell)
        table.add("totals", ["JUMLAH", *[None] * (len(RTLH_HEADER) - 2), len(members)])
        for _ in range(3):
            table.add("blank")
        tables.append(table)
    hidden = [str(rng.choice(tables).sheet)] if tables else []
    notes = _Table("Keterangan")
    for line in _RTLH_NOTES:
        notes.add("note" if line else "blank", [line] if line else [])
    _rtlh_save(_as_path(path), tables, notes, hidden)
    return _truth(
        "rs-rtlh",
        "RS-RTLH",
        RTLH_HEADER,
        tables,
        hidden=hidden,
        extra_sheets=["Keterangan"],
        other=notes.other,
    )


def _rtlh_save(path: Path, tables: list[_Table], notes: _Table, hidden: list[str]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    for table in tables:
        ws = wb.create_sheet(table.sheet)
        for row in table.rows:
            ws.append(row)
        width = len(RTLH_HEADER)
        for other in table.other:
            for col in range(1, width + 1):
                cell = ws.cell(other.row, col)
                cell.border = box
                if other.kind in ("header", "totals"):
                    cell.font = bold
        for r in table.truth:
            for col in range(1, width + 1):
                ws.cell(r.row, col).border = box
        if table.sheet in hidden:
            ws.sheet_state = "hidden"
    ws = wb.create_sheet(notes.sheet)
    for row in notes.rows:
        ws.append(row)
    wb.active = next(i for i, w in enumerate(wb.worksheets) if w.sheet_state == "visible")
    _save(wb, path)
