"""Export writer 6. BDT / PBDT."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping

from sibaso.core.model import Person, Relationship
from sibaso.core.nik import Sex
from sibaso.testing.exports._common import (
    _R,
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _alamat,
    _as_path,
    _assign,
    _bdt_ids,
    _born_by,
    _date_oracle,
    _desa_name,
    _Index,
    _kec_name,
    _nik_cell,
    _rngs,
    _Table,
    _truth,
    _write_only,
)
from sibaso.testing.exports.pbijk import _BDT_AS_OF
from sibaso.testing.synthetic import Population

__all__ = ["BDT_HEADER", "bdt_xlsx"]

BDT_HEADER = (
    "IDBDT",
    "IDARTBDT",
    "Nama",
    "JnsKel",
    "TmpLahir",
    "TglLahir",
    "Hub_KRT",
    "NIK",
    "NoKK",
    "Alamat",
    "NMKEC",
    "NMKEL",
)
_BDT_CODES = {
    _R.KEPALA_KELUARGA: 1,
    _R.ISTRI: 2,
    _R.SUAMI: 2,
    _R.ANAK: 3,
    _R.MENANTU: 4,
    _R.CUCU: 5,
    _R.ORANG_TUA: 6,
    _R.MERTUA: 6,
    _R.PEMBANTU: 7,
}
_BDT_SECOND_FAMILY = {_R.KEPALA_KELUARGA: 3, _R.ISTRI: 4, _R.SUAMI: 4, _R.ANAK: 5}


def _hub_krt(p: Person, codes: Mapping[Relationship, int]) -> int:
    """The BDT Hub_KRT code; 8 (lainnya) for anyone else."""
    return codes.get(p.relationship, 8) if p.relationship else 8


def bdt_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    as_of: datetime.date = _BDT_AS_OF,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A BDT/PBDT household roster: one row per member of each household born by ``as_of``.

    A household may hold several KK; Hub_KRT is the BDT code relative to the household head
    (a second family's head is an anak, their spouse a menantu, their children cucu).
    TglLahir is Oracle text (``12-JAN-85``). Faults: missing-nik, nik-scientific,
    nik-typo-digit.
    """
    _, frng = _rngs("bdt", seed)
    ix = _Index(population)
    ids = _bdt_ids(ix, as_of)
    rows: list[tuple[Person, int]] = []
    for hh in ix.households():
        for number, fam in enumerate(hh):
            codes = _BDT_CODES if number == 0 else _BDT_SECOND_FAMILY
            rows += [(p, _hub_krt(p, codes)) for p in fam if _born_by(p, as_of)]
    plan: Plan = (
        ("missing-nik", 0.04, None),
        ("nik-scientific", 0.02, None),
        ("nik-typo-digit", 0.02, None),
    )
    hits = _assign(frng, len(rows), plan, faults)
    table = _Table("Sheet1")
    table.add("header", BDT_HEADER)
    for i, (p, hub) in enumerate(rows):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=False)
        idbdt, idart = ids[p.nik.value]
        born = _date_oracle(p.birth_date) if p.birth_date else None
        values = [idbdt, idart, p.name, 1 if p.sex is Sex.MALE else 2, p.birth_place, born, hub]
        values += [cell, p.kk.value if p.kk else None, _alamat(p), _kec_name(p), _desa_name(p)]
        table.data(values, p, fault, cell)
    _write_only(_as_path(path), [table])
    return _truth("bdt", None, BDT_HEADER, [table])
