"""Export writer 8. KKS."""

from __future__ import annotations

import os

from sibaso.testing.exports._common import (
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _as_path,
    _assign,
    _desa_name,
    _digits,
    _Index,
    _kec_name,
    _nik_cell,
    _pengurus,
    _rngs,
    _rt_rw,
    _sample,
    _street,
    _Table,
    _truth,
    _write_csv,
)
from sibaso.testing.synthetic import Population

__all__ = ["KKS_HEADER", "kks_csv"]

KKS_HEADER = (
    "NO",
    "NAMA PEMEGANG KKS",
    "NIK",
    "NO KK",
    "NOMOR KKS",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "ALAMAT",
)
_TITLES = (", S.PD", ", S.E", ", A.MD", ", S.KEP", ", S.PD.I")


def kks_csv(
    path: str | os.PathLike[str],
    population: Population,
    *,
    share: float = 0.1,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A KKS card-holder list saved by Excel as "CSV UTF-8": ``;``-delimited, BOM, CRLF.

    Some names carry an academic title after a comma (``SITI AMINAH, S.PD``) and addresses
    have commas too, to test delimiter detection. Faults: nik-label, nik-swapped, nik-spaced.
    """
    rng, frng = _rngs("kks", seed)
    ix = _Index(population)
    chosen = [_pengurus(f) for f in _sample(rng, ix.families, share)]
    plan: Plan = (
        ("nik-label", 0.03, None),
        ("nik-swapped", 0.03, None),
        ("nik-spaced", 0.03, None),
    )
    hits = _assign(frng, len(chosen), plan, faults)
    titled = {rng.randrange(len(chosen))} if chosen else set()
    table = _Table(None)
    table.add("header", KKS_HEADER)
    for i, p in enumerate(chosen):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        name = p.name + rng.choice(_TITLES) if i in titled or rng.random() < 0.1 else p.name
        rt, rw = _rt_rw(p)
        card = "6013" + _digits(rng, 12)
        values = [i + 1, name, cell, p.kk.value if p.kk else "", card, _kec_name(p)]
        values += [_desa_name(p), f"{_street(p)}, RT {rt}/RW {rw}"]
        table.data([str(v) for v in values], p, fault, cell)
    _write_csv(_as_path(path), table, ";", "\r\n", "utf-8-sig")
    return _truth("kks", "KKS", KKS_HEADER, [table])
