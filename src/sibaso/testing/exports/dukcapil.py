"""Export writer 4. Dukcapil SIAK."""

from __future__ import annotations

import datetime
import os
import random

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from sibaso.core.nik import Sex
from sibaso.testing.exports._common import (
    _R,
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _as_path,
    _assign,
    _date_id,
    _desa,
    _Index,
    _nik_cell,
    _rngs,
    _save,
    _serial,
    _street,
    _Table,
    _truth,
    _write_csv,
)
from sibaso.testing.synthetic import Population

__all__ = ["DUKCAPIL_HEADER", "dukcapil_csv", "dukcapil_xlsx"]

DUKCAPIL_HEADER = (
    "NIK",
    "NO_KK",
    "NAMA_LGKP",
    "JENIS_KLMIN",
    "TMPT_LHR",
    "TGL_LHR",
    "STAT_HBKEL",
    "NO_PROP",
    "NO_KAB",
    "NO_KEC",
    "NO_KEL",
    "STAT_HIDUP",
    "ALAMAT",
)


def _dukcapil_rows(ix: _Index, frng: random.Random, faults: bool, plan: Plan, text: bool) -> _Table:
    people = ix.pop.persons
    hits = _assign(frng, len(people), plan, faults)
    table = _Table(None if text else "Sheet1")
    table.add("header", DUKCAPIL_HEADER)
    codes = list(_R)
    for i, p in enumerate(people):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=text)
        desa = _desa(p).replace(".", "")
        parts = [desa[:2], desa[2:4], desa[4:6], desa[6:]] if len(desa) == 10 else [""] * 4
        region: list[object] = [int(x) if x else None for x in parts]
        born = p.birth_date
        when: object = born
        if born is not None and text:
            when = _date_id(born, upper=True) if fault == "date-indonesian" else f"{born:%d-%m-%Y}"
        elif born is not None and fault == "date-serial":
            when = _serial(born)
        sex = 1 if p.sex is Sex.MALE else 2
        rel = codes.index(p.relationship) + 1 if p.relationship else 11
        values = [cell, p.kk.value if p.kk else None, p.name, sex, p.birth_place, when, rel]
        values += [*region, 1 if p.alive else 2, _street(p)]
        if text:
            values = ["" if v is None else str(v) for v in values]
        table.data(values, p, fault, cell)
    return table


def dukcapil_csv(
    path: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A SIAK population extract, comma-delimited UTF-8: everyone, TGL_LHR as dd-mm-yyyy.

    Region codes without leading zeros (``12, 5, 7, 2001``). Few faults: date-indonesian,
    nik-apostrophe.
    """
    _, frng = _rngs("dukcapil-csv", seed)
    plan: Plan = (("date-indonesian", 0.01, None), ("nik-apostrophe", 0.01, None))
    table = _dukcapil_rows(_Index(population), frng, faults, plan, text=True)
    _write_csv(_as_path(path), table, ",", "\n", "utf-8")
    return _truth("dukcapil", None, DUKCAPIL_HEADER, [table])


def dukcapil_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """The SIAK extract as a workbook: TGL_LHR as date cells, codes as numbers.

    Few faults: date-serial, nik-as-number (all 16 digits in a number cell).
    """
    _, frng = _rngs("dukcapil-xlsx", seed)
    plan: Plan = (("date-serial", 0.01, None), ("nik-as-number", 0.01, None))
    table = _dukcapil_rows(_Index(population), frng, faults, plan, text=False)
    path = _as_path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.sheet)
    for row in table.rows:
        if isinstance(row[5], datetime.date):
            cell = WriteOnlyCell(ws, value=row[5])
            cell.number_format = "dd-mm-yyyy"
            row = [*row[:5], cell, *row[6:]]
        ws.append(row)
    _save(wb, path)
    return _truth("dukcapil", None, DUKCAPIL_HEADER, [table])
