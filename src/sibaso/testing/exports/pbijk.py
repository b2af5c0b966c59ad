"""Export writer 2. PBI-JK."""

from __future__ import annotations

import datetime
import os

from sibaso.testing.exports._common import (
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _as_path,
    _assign,
    _bdt_ids,
    _born_by,
    _desa_name,
    _Index,
    _kec_name,
    _nik_cell,
    _rngs,
    _sample,
    _Table,
    _truth,
    _write_only,
)
from sibaso.testing.synthetic import Population

__all__ = ["PBIJK_HEADER", "pbijk_xlsx"]

PBIJK_HEADER = (
    "NO",
    "NAMA_PENERIMA",
    "NOMOR_KARTU",
    "NIK_KTP",
    "NOKK_DTKS",
    "IDARTBDT",
    "NMPROP",
    "NMKAB",
    "NMKEC",
    "NMKEL",
    "KET_TAMBAHAN",
)
_PBIJK_AS_OF = datetime.date(2025, 1, 31)
_BDT_AS_OF = datetime.date(2015, 6, 30)


def pbijk_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    share: float = 0.3,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A KIS / PBI-JK participant list: two title rows, a blank row, then everyone in the
    selected families (born by January 2025).

    NOMOR_KARTU is 13-digit text from ``000``. Faults: nik-excel-zeroed and nik-as-number (a
    number cell whose 16th digit Excel set to 0; nik-as-number where it was 0 already),
    nik-apostrophe, nik-null, nik-scientific, card-as-number.
    """
    rng, frng = _rngs("pbijk", seed)
    ix = _Index(population)
    people = [p for f in _sample(rng, ix.families, share) for p in f if _born_by(p, _PBIJK_AS_OF)]
    bdt = _bdt_ids(ix, _BDT_AS_OF)
    plan: Plan = (
        ("nik-excel-zeroed", 0.05, lambda i: people[i].nik.value[-1] != "0"),
        ("nik-as-number", 0.01, lambda i: people[i].nik.value[-1] == "0"),
        ("nik-apostrophe", 0.04, None),
        ("nik-null", 0.02, None),
        ("nik-scientific", 0.02, None),
        ("card-as-number", 0.04, None),
    )
    hits = _assign(frng, len(people), plan, faults)
    sheet = "Sheet1"
    table = _Table(sheet)
    table.add("title", [f"DAFTAR PESERTA PBI-JK {ix.regency_long}"])
    table.add("title", ["Posisi Data : Januari 2025"])
    table.add("blank")
    table.add("header", PBIJK_HEADER)
    cards: set[str] = set()
    for i, p in enumerate(people):
        card = f"000{rng.randrange(10**9, 10**10)}"
        while card in cards:
            card = f"000{rng.randrange(10**9, 10**10)}"
        cards.add(card)
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=False)
        note = "MENINGGAL" if not p.alive else ("PINDAH" if rng.random() < 0.01 else None)
        values = [i + 1, p.name, int(card) if fault == "card-as-number" else card, cell]
        values += [p.kk.value if p.kk else None, bdt.get(p.nik.value, (None, None))[1]]
        values += [ix.province, ix.regency_short, _kec_name(p), _desa_name(p), note]
        table.data(values, p, fault, cell)
    _write_only(_as_path(path), [table])
    return _truth("pbi-jk", "KIS", PBIJK_HEADER, [table])
