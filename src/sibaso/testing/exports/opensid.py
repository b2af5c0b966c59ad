"""Export writer 5. OpenSID."""

from __future__ import annotations

import datetime
import html
import os
import random
from collections import Counter

from sibaso.core import wilayah
from sibaso.core.model import Person
from sibaso.testing import name_pools as names
from sibaso.testing.exports._common import (
    _R,
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _age,
    _as_path,
    _assign,
    _desa,
    _Index,
    _name,
    _nik_cell,
    _rngs,
    _rt_rw,
    _street,
    _Table,
    _truth,
)
from sibaso.testing.synthetic import Population

__all__ = ["OPENSID_HEADER", "opensid_html_xls"]

OPENSID_HEADER = (
    "No",
    "NIK",
    "Tag ID Card",
    "Nama",
    "No. KK",
    "Nama Ayah",
    "Nama Ibu",
    "Alamat",
    "Dusun",
    "RW",
    "RT",
    "Pendidikan dalam KK",
    "Umur",
    "Pekerjaan",
    "Kawin",
    "Tgl Peristiwa",
    "Tgl Terdaftar",
)
_OPENSID_DATE = datetime.date(2026, 1, 1)


def opensid_html_xls(
    path: str | os.PathLike[str],
    population: Population,
    desa_code: str | None = None,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """OpenSID's "data penduduk" export: an HTML table saved as ``.xls``, people of one desa.

    ``desa_code`` (``12.05.07.2001``) defaults to the desa with most people. NIK and No. KK
    cells are ``<td class="textx">`` text. Faults: nik-apostrophe (``'1205…`` in a plain
    cell), nik-temporary.
    """
    rng, frng = _rngs("opensid", seed)
    ix = _Index(population)
    desa = _pick_desa(population, desa_code)
    people = [p for fam in ix.families for p in fam if _desa(p) == desa]
    plan: Plan = (("nik-apostrophe", 0.25, None), ("nik-temporary", 0.02, None))
    hits = _assign(frng, len(people), plan, faults)
    kind = "Kelurahan" if desa.split(".")[-1].startswith("1") else "Desa"
    title = f"Data Penduduk {kind} {_name(desa)}"
    table = _Table(None)
    table.add("title", [title])
    table.add("header", OPENSID_HEADER)
    for i, p in enumerate(people):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        table.data(_opensid_row(i, p, cell, rng), p, fault, cell)
    _as_path(path).write_text(_opensid_html(title, table), encoding="utf-8")
    return _truth("opensid", None, OPENSID_HEADER, [table])


def _pick_desa(population: Population, desa_code: str | None) -> str:
    counts = Counter(_desa(p) for p in population.persons if _desa(p))
    if desa_code is None:
        if not counts:
            raise ValueError("The population has no desa codes.")
        return counts.most_common(1)[0][0]
    code = wilayah.format_code(desa_code)
    if code not in counts:
        raise ValueError(f"Nobody in the population lives in desa {code}.")
    return code


def _opensid_row(i: int, p: Person, nik: str | int | None, rng: random.Random) -> list[object]:
    age = _age(p.birth_date, _OPENSID_DATE)
    rt, rw = _rt_rw(p)
    if age < 5:
        edu, job = "TIDAK / BELUM SEKOLAH", "BELUM/TIDAK BEKERJA"
    elif age < 18:
        edu, job = "BELUM TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA"
    else:
        edu = rng.choice(("TAMAT SD / SEDERAJAT", "SLTP/SEDERAJAT", "SLTA / SEDERAJAT"))
        job = rng.choice(("PETANI/PEKEBUN", "WIRASWASTA", "BURUH HARIAN LEPAS", "PEDAGANG"))
        if p.relationship is _R.ISTRI and rng.random() < 0.6:
            job = "MENGURUS RUMAH TANGGA"
    married = p.relationship in (_R.KEPALA_KELUARGA, _R.ISTRI, _R.SUAMI, _R.ORANG_TUA)
    event = max(p.birth_date or _OPENSID_DATE, p.kk.registered_on if p.kk else _OPENSID_DATE)
    father = rng.choice(names.MALE).upper() + " " + rng.choice(names.SECOND).upper()
    mother = rng.choice(names.FEMALE).upper() + " " + rng.choice(names.SECOND).upper()
    registered = datetime.datetime(2019, 1, 1) + datetime.timedelta(
        seconds=rng.randrange(3 * 365 * 86400)
    )
    return [
        i + 1,
        nik,
        None,
        p.name,
        p.kk.value if p.kk else None,
        father,
        mother,
        _street(p),
        _street(p),
        rw,
        rt,
        edu,
        age,
        job,
        "KAWIN" if married else "BELUM KAWIN",
        f"{event:%d-%m-%Y}",
        f"{registered:%Y-%m-%d %H:%M:%S}",
    ]


def _opensid_html(title: str, table: _Table) -> str:
    out = [
        "<html><head><meta charset=utf-8><title>Data Penduduk</title>",
        '<style>td{mso-number-format:"\\@";} .textx{mso-number-format:"\\@";}</style>',
        "</head><body>",
        f"<h3>{html.escape(title)}</h3>",
        "<table border=1>",
        "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in OPENSID_HEADER) + "</tr>",
    ]
    for row in table.rows[2:]:
        cells = []
        for col, value in enumerate(row):
            text = "" if value is None else html.escape(str(value), quote=False)
            plain_apostrophe = col == 1 and text.startswith("'")
            textx = col in (1, 4) and not plain_apostrophe
            cells.append(f'<td class="textx">{text}</td>' if textx else f"<td>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"
