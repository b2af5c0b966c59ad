"""Export writer 9. DTKS / DTSEN."""

from __future__ import annotations

import os
from collections import Counter

from sibaso.core.nik import Sex
from sibaso.testing.exports._common import (
    _R,
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _alamat,
    _as_path,
    _assign,
    _date_id,
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
from sibaso.testing.synthetic import Population

__all__ = ["DTKS_HEADER", "dtks_xlsx"]

DTKS_HEADER = (
    "ID_KELUARGA",
    "ID_INDIVIDU",
    "NIK",
    "NOKK",
    "NAMA",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "HUBUNGAN_DENGAN_KEPALA_KELUARGA",
    "ALAMAT",
    "KECAMATAN",
    "DESA_KELURAHAN",
    "DESIL_NASIONAL",
)


def dtks_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A DTKS/DTSEN export: everyone by family, with the family's national decile (1-10).

    TANGGAL_LAHIR with Indonesian month names (``07 Juni 1995``). Faults: nik-typo-digit,
    missing-nik, date-oracle.
    """
    rng, frng = _rngs("dtks", seed)
    ix = _Index(population)
    people = [(n, p) for n, fam in enumerate(ix.families, start=1) for p in fam]
    plan: Plan = (
        ("nik-typo-digit", 0.02, None),
        ("missing-nik", 0.02, None),
        ("date-oracle", 0.02, None),
    )
    hits = _assign(frng, len(people), plan, faults)
    deciles = [
        rng.choices(range(1, 11), (14, 13, 12, 11, 10, 10, 9, 8, 7, 6))[0] for _ in ix.families
    ]
    table = _Table("DATA")
    table.add("header", DTKS_HEADER)
    seq: Counter[int] = Counter()
    for i, (n, p) in enumerate(people):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        seq[n] += 1
        family_id = f"{ix.kab4}{n:08d}"
        born = p.birth_date
        when = None if born is None else _date_id(born)
        if born is not None and fault == "date-oracle":
            when = _date_oracle(born)
        sex = "LAKI-LAKI" if p.sex is Sex.MALE else "PEREMPUAN"
        rel = (p.relationship or _R.LAINNYA).value.upper()
        values = [family_id, f"{family_id}{seq[n]:02d}", cell, p.kk.value if p.kk else None]
        values += [p.name, sex, when, rel, _alamat(p), _kec_name(p), _desa_name(p)]
        values += [deciles[n - 1]]
        table.data(values, p, fault, cell)
    _write_only(_as_path(path), [table])
    return _truth("dtks", None, DTKS_HEADER, [table])
