"""Seeded writers of bansos files in the layouts real Indonesian exports use, faults included.

Each writer builds one file from a synthetic :class:`~sibaso.testing.synthetic.Population` and
returns an :class:`ExportTruth`: for every data row, where it is (``sheet``, and ``row`` as the
operator sees it in Excel, title rows counted; for CSV the line number, header = 1), whose row
it is (the intended person's NIK, KK and name) and which fault, if any, was put in it. A test
asserts that a reader finds what the truth says; a user points their own adapter at the same
files. The same ``seed`` gives the same file, byte for byte (workbooks included: their time
stamps are fixed). Faults come from a random stream of their own, so ``faults=False`` writes
the same file without them.

>>> import tempfile, pathlib
>>> pop = Population.generate(persons=300, seed=3)
>>> with tempfile.TemporaryDirectory() as tmp:
...     truth = siksng_csv(pathlib.Path(tmp) / "pkh.csv", pop, seed=1)
>>> truth.adapter, truth.rows[0].row, truth.non_data_rows[0].kind
('siks-ng', 2, 'header')
>>> sorted(truth.faults())
['duplicate-row', 'name-typo', 'nik-excel-zeroed', 'nik-swapped', 'nik-typo-digit']
>>> swapped = truth.with_fault("nik-swapped")[0]
>>> swapped.written != swapped.nik, swapped.recoverable
(True, False)

``recoverable`` says whether the intended NIK can be read back from the cell by the cleaning
rules of :func:`sibaso.core.nik.parse`: a leading apostrophe or an int holding all 16 digits
can, ``NULL``, ``1.20501E+15`` or a mistyped digit cannot. :data:`FAULTS` lists the codes.

HTML (OpenSID) rows are numbered as Excel shows the file: the title above the table is row 1,
the table's header row 2. Names, codes and numbers are made up.

One module per layout (``siksng``, ``pbijk``, ``dapodik``, ``dukcapil``, ``opensid``,
``bdt``, ``rtlh``, ``kks``, ``dtks``); what they share is in ``_common``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

from sibaso.testing.exports._common import (
    DEFAULT_SEED,
    FAULTS,
    ExportTruth,
    NonDataRow,
    TruthRow,
    _Index,
)
from sibaso.testing.exports.bdt import BDT_HEADER, bdt_xlsx
from sibaso.testing.exports.dapodik import DAPODIK_HEADER, dapodik_xlsx
from sibaso.testing.exports.dtks import DTKS_HEADER, dtks_xlsx
from sibaso.testing.exports.dukcapil import DUKCAPIL_HEADER, dukcapil_csv, dukcapil_xlsx
from sibaso.testing.exports.kks import KKS_HEADER, kks_csv
from sibaso.testing.exports.opensid import OPENSID_HEADER, opensid_html_xls
from sibaso.testing.exports.pbijk import PBIJK_HEADER, pbijk_xlsx
from sibaso.testing.exports.rtlh import RTLH_HEADER, rtlh_xlsx
from sibaso.testing.exports.siksng import SIKSNG_HEADER, siksng_csv
from sibaso.testing.synthetic import Population

__all__ = [
    "BDT_HEADER",
    "DAPODIK_HEADER",
    "DEFAULT_SEED",
    "DTKS_HEADER",
    "DUKCAPIL_HEADER",
    "FAULTS",
    "KKS_HEADER",
    "OPENSID_HEADER",
    "PBIJK_HEADER",
    "RTLH_HEADER",
    "SIKSNG_HEADER",
    "ExportTruth",
    "NonDataRow",
    "TruthRow",
    "bdt_xlsx",
    "dapodik_xlsx",
    "dtks_xlsx",
    "dukcapil_csv",
    "dukcapil_xlsx",
    "kks_csv",
    "opensid_html_xls",
    "pbijk_xlsx",
    "rtlh_xlsx",
    "siksng_csv",
    "write_all",
]


def write_all(
    folder: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> dict[str, tuple[Path, ExportTruth]]:
    """Write one file of each kind into ``folder``: by kind, the path and its truth.

    Kinds: pkh, sembako, pbijk, dapodik, dukcapil_csv, dukcapil_xlsx, opensid (the desa with
    most people), bdt, rtlh, kks, dtks.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    place = re.sub(r"[^a-z0-9]+", "_", _Index(population).regency_short.lower()).strip("_")
    partial = functools.partial
    jobs: dict[str, tuple[str, Callable[..., ExportTruth]]] = {
        "pkh": ("pkh_siksng_2024.csv", partial(siksng_csv, programme="PKH")),
        "sembako": ("sembako_siksng_2024.csv", partial(siksng_csv, programme="SEMBAKO")),
        "pbijk": ("pbijk_2024.xlsx", pbijk_xlsx),
        "dapodik": ("kip_dapodik_sd050123.xlsx", dapodik_xlsx),
        "dukcapil_csv": (f"dukcapil_{place}.csv", dukcapil_csv),
        "dukcapil_xlsx": (f"dukcapil_{place}.xlsx", dukcapil_xlsx),
        "opensid": ("opensid_penduduk.xls", opensid_html_xls),
        "bdt": ("bdt_2015.xlsx", bdt_xlsx),
        "rtlh": ("rtlh_usulan_2025.xlsx", rtlh_xlsx),
        "kks": ("kks_2024.csv", kks_csv),
        "dtks": ("dtks_2024.xlsx", dtks_xlsx),
    }
    result = {}
    for kind, (filename, writer) in jobs.items():
        target = out / filename
        result[kind] = (target, writer(target, population, seed=seed, faults=faults))
    return result
