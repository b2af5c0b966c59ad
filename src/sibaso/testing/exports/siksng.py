"""Export writer 1. SIKS-NG."""

from __future__ import annotations

import os

from sibaso.testing.exports._common import (
    _R,
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _alamat,
    _as_path,
    _assign,
    _desa_name,
    _Index,
    _kec_name,
    _nik_cell,
    _pengurus,
    _rngs,
    _sample,
    _Table,
    _truth,
    _typo_name,
    _write_csv,
)
from sibaso.testing.synthetic import Population

__all__ = ["SIKSNG_HEADER", "siksng_csv"]

SIKSNG_HEADER = (
    "NAMA_PENERIMA",
    "NIK",
    "NOKK",
    "PENYALURAN_OLEH",
    "BANSOS",
    "PROP_NAME",
    "KAB_NAME",
    "KEC_NAME",
    "KEL_NAME",
    "ALAMAT",
    "status",
    "kode_batch_penyaluran",
)


def siksng_csv(
    path: str | os.PathLike[str],
    population: Population,
    *,
    programme: str = "PKH",
    share: float = 0.15,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A SIKS-NG recipient list (PKH, BPNT or SEMBAKO): pipe-delimited, one row per family.

    The row names the family's pengurus (the wife/mother, else the head). Faults: nik-typo-digit,
    nik-swapped, nik-excel-zeroed, duplicate-row, name-typo.
    """
    programme = programme.upper()
    if programme not in ("PKH", "BPNT", "SEMBAKO"):
        raise ValueError(f"programme must be PKH, BPNT or SEMBAKO, not {programme!r}.")
    rng, frng = _rngs(f"siksng-{programme}", seed)
    ix = _Index(population)
    pool = ix.families
    if programme == "PKH":
        with_components = [
            f for f in pool if any(p.relationship in (_R.ANAK, _R.ORANG_TUA) for p in f)
        ]
        pool = with_components or pool
    chosen = [_pengurus(f) for f in _sample(rng, pool, share)]
    plan: Plan = (
        ("nik-typo-digit", 0.03, None),
        ("nik-swapped", 0.02, None),
        ("nik-excel-zeroed", 0.02, lambda i: chosen[i].nik.value[-1] != "0"),
        ("duplicate-row", 0.01, None),
        ("name-typo", 0.03, None),
    )
    hits = _assign(frng, len(chosen), plan, faults)
    table = _Table(None)
    table.add("header", SIKSNG_HEADER)
    tahap = rng.randint(1, 4)
    for i, p in enumerate(chosen):
        bank = rng.choices(("BNI", "BRI", "MANDIRI", "BSI", "POS"), (30, 35, 15, 5, 15))[0]
        status = rng.choices(("AKTIF", "TIDAK AKTIF", "GRADUASI MANDIRI"), (92, 5, 3))[0]
        batch = f"{programme}{2024}{tahap:02d}{ix.kab4}{rng.randint(1, 60):03d}"
        fault = hits.get(i)
        name = _typo_name(p.name, frng) if fault == "name-typo" else p.name
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        values = [name, cell, p.kk.value if p.kk else "", bank, programme, ix.province]
        values += [ix.regency_short, _kec_name(p), _desa_name(p), _alamat(p), status, batch]
        if fault == "duplicate-row":
            table.data(values, p, None, cell)
        table.data(values, p, fault, cell)
    _write_csv(_as_path(path), table, "|", "\n", "utf-8")
    return _truth("siks-ng", programme, SIKSNG_HEADER, [table])
