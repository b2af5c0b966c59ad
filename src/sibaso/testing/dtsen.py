"""A synthetic DTSEN for a synthetic population: family and member files, faults and truth.

:func:`write_dtsen` writes one DTSEN edition of a :class:`~sibaso.testing.Population` in the
layout of its version — v3 as the pipe-separated, quoted CSV pair
``keluarga_dtsen_v3_2026_<kab>.csv`` (52 columns) and ``anggota_keluarga_dtsen_v3_2026_<kab>.csv``
(48 columns); v2 as two ``.xlsx`` workbooks — with BPS region codes (Langkat ``1213``,
7-digit ``kode_kecamatan``) and names in BPS spelling, a desil on three scales for every
family, the dead left out of the member file, and the faults copies are known for: bytes that
are not UTF-8, a record broken over two lines, a line cut short, a desa name no table knows,
a desil out of range.

Given the programme lists written for the same population (``enrolled``: programme → the
recipients' ``(nik, kk)``) and thresholds, the desil are chosen so that the targeting audit has
exactly the *planted* findings and no other: a few enrolled families ranked above the
threshold, a few left out of DTSEN, a few poor families no programme reaches; every dead
recipient is a ``deceased`` finding. :attr:`DtsenTruth.planted` lists them.

>>> import tempfile, pathlib
>>> from sibaso.testing import Population
>>> pop = Population.generate(persons=400, seed=5)
>>> with tempfile.TemporaryDirectory() as tmp:
...     truth = write_dtsen(tmp, pop, seed=1)
...     names = sorted(p.name for p in pathlib.Path(tmp).iterdir())
>>> names
['anggota_keluarga_dtsen_v3_2026_langkat.csv', 'keluarga_dtsen_v3_2026_langkat.csv']
>>> truth.edition, len(truth.broken_lines), len(truth.non_utf8_lines) >= 1
('v3-2026', 1, True)
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs
from openpyxl import Workbook

from sibaso.adapters.pipeline.read_dtsen import (
    FAMILY_COLUMNS,
    FAMILY_COLUMNS_V2,
    MEMBER_COLUMNS,
    MEMBER_COLUMNS_V2,
)
from sibaso.core import wilayah
from sibaso.core.dtsen import Desil
from sibaso.core.model import Person, Relationship
from sibaso.core.nik import Sex
from sibaso.testing.synthetic import Population

__all__ = ["BPS_REGENCY", "DEFAULT_THRESHOLDS", "DtsenTruth", "Planted", "write_dtsen"]

#: BPS codes of the kabupaten sibaso's synthetic data uses (Kemendagri → BPS).
BPS_REGENCY = {"12.05": "1213", "12.01": "1201", "12.71": "1271"}

#: Thresholds the desil are planted against (the built-in rules' nasional max_desil).
DEFAULT_THRESHOLDS: Mapping[str, int] = {"PKH": 4, "SEMBAKO": 5, "KIS": 5}

#: (programme, finding, kk, nik or None)
Planted = tuple[str, str, str, str | None]

_REL_CODE = {
    Relationship.KEPALA_KELUARGA: "1",
    Relationship.SUAMI: "2",
    Relationship.ISTRI: "2",
    Relationship.ANAK: "3",
    Relationship.MENANTU: "4",
    Relationship.CUCU: "5",
    Relationship.ORANG_TUA: "6",
    Relationship.MERTUA: "6",
    Relationship.PEMBANTU: "7",
}
#: BPS spellings that differ from Kemendagri's names (still mapped by name)
_BPS_SPELLING = {"Tanjung Pura": "TANJUNGPURA", "Sei Bingai": "SEI BINGEI"}


@attrs.frozen(kw_only=True)
class DtsenTruth:
    """What one written DTSEN edition holds, and what a correct reader and audit must find."""

    edition: str
    family_file: Path
    member_file: Path
    #: the deciles written per KK (families in the file)
    desil: Mapping[str, Desil]
    #: KKs of the population left out of this edition
    omitted: frozenset[str]
    #: family-file line numbers: joined broken record (first line), cut-short line, non-UTF-8
    broken_lines: tuple[int, ...] = ()
    cut_lines: tuple[int, ...] = ()
    non_utf8_lines: tuple[int, ...] = ()
    member_non_utf8_lines: tuple[int, ...] = ()
    #: family-file rows whose desa name no Kemendagri table knows
    unmapped_rows: tuple[int, ...] = ()
    #: family-file rows with a desil out of range (read as empty)
    invalid_desil_rows: tuple[int, ...] = ()
    #: members written (NIK), the dead are left out
    members: frozenset[str] = frozenset()
    planted: frozenset[Planted] = frozenset()

    def planted_of(self, finding: str) -> frozenset[Planted]:
        """The planted findings with this code."""
        return frozenset(p for p in self.planted if p[1] == finding)


def _clamp(value: int) -> int:
    return max(1, min(10, value))


def _bps_codes(regency: str, kab4: str) -> tuple[dict[str, str], dict[str, str]]:
    """BPS codes for the kecamatan (7 digits, by name order: not Kemendagri's order) and the
    desa (10 digits) of a kabupaten."""
    kec_codes: dict[str, str] = {}
    desa_codes: dict[str, str] = {}
    kecamatan = sorted(wilayah.kecamatan_of(regency), key=lambda r: r.name)
    for i, region in enumerate(kecamatan, start=1):
        kec = f"{kab4}{i * 10:03d}"
        kec_codes[region.code] = kec
        for j, desa in enumerate(sorted(wilayah.desa_of(region.code), key=lambda r: r.name), 1):
            desa_codes[desa.code] = f"{kec}{j:03d}"
    return kec_codes, desa_codes


def _name(code: str | None) -> str:
    region = wilayah.lookup(code) if code else None
    return region.name if region else ""


def _line(values: Iterable[object]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter="|", quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(
        ["" if v is None else v for v in values]
    )
    return out.getvalue()


def write_dtsen(
    folder: str | os.PathLike[str],
    population: Population,
    *,
    version: int = 3,
    year: int = 2026,
    enrolled: Mapping[str, Iterable[tuple[str | None, str | None]]] | None = None,
    thresholds: Mapping[str, int] = DEFAULT_THRESHOLDS,
    seed: int = 2026,
    faults: bool = True,
    base: DtsenTruth | None = None,
) -> DtsenTruth:
    """Write one DTSEN edition of ``population`` into ``folder`` (see the module text).

    ``version`` 3 writes the CSV pair, 2 (or lower) the ``.xlsx`` pair. ``base``, another
    edition of the same population, makes this one its neighbour: the same families (bar
    those ``base`` planted as never in DTSEN, and with the ones ``base`` left out), each
    moved from its ``base`` desil by up to three deciles either way; nothing is planted.
    """
    rng = random.Random(f"dtsen|{version}|{year}|{seed}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    persons = population.persons
    by_nik = {p.nik.value: p for p in persons}
    families: list[list[Person]] = []
    for family in population.families:
        families.append([by_nik[n.value] for n in family.members])
    kk_of_family = [fam.kk.value for fam in population.families]
    regency = population.families[0].kk.value[:4] if population.families else "1205"
    regency = f"{regency[:2]}.{regency[2:]}"
    heads = [
        next((p for p in f if p.relationship is Relationship.KEPALA_KELUARGA), f[0])
        for f in families
    ]
    counts: dict[str, int] = {}
    for head in heads:
        kec = head.address.kecamatan_code if head.address else None
        if kec:
            counts[kec[:5]] = counts.get(kec[:5], 0) + 1
    if counts:
        regency = max(counts, key=lambda k: counts[k])
    kab4 = BPS_REGENCY.get(regency, regency.replace(".", ""))
    kec_bps, desa_bps = _bps_codes(regency, kab4)
    province_name = _name(regency[:2]).upper()
    regency_name = _name(regency).removeprefix("Kabupaten ").upper()
    place = re.sub(r"[^a-z0-9]+", "_", regency_name.lower()).strip("_")

    # -- which families programmes reach, and the planted targeting errors --------------
    lists = {p.upper(): list(rows) for p, rows in (enrolled or {}).items()}
    limits = {p: thresholds[p] for p in lists if p in thresholds}
    reached: dict[str, set[str]] = {}
    for programme, rows in lists.items():
        if programme not in limits:
            continue
        for _nik, kk in rows:
            if kk:
                reached.setdefault(kk, set()).add(programme)
    low = min(limits.values(), default=4)
    high = max(limits.values(), default=5)
    order = list(range(len(families)))
    rng.shuffle(order)
    enrolled_fams = [i for i in order if kk_of_family[i] in reached]
    other_fams = [i for i in order if kk_of_family[i] not in reached]
    n_err = max(1, len(enrolled_fams) // 25) if enrolled_fams else 0
    above = set(enrolled_fams[:n_err])
    missing = set(enrolled_fams[n_err : 2 * n_err])
    poor = set(other_fams[: max(1, len(other_fams) // 30)]) if limits else set()
    left_out = set(other_fams[len(poor) : len(poor) + max(1, len(other_fams) // 40)])
    if base is not None:  # the other edition: the same families, bar those DTSEN never had
        never = {kk for (_p, finding, kk, _n) in base.planted if finding == "not-in-dtsen"}
        missing = {i for i in order if kk_of_family[i] in never}
        above, poor, left_out = set(), set(), set()
    desil: dict[str, Desil] = {}
    for i in order:
        kk = kk_of_family[i]
        if i in missing or i in left_out:
            continue
        if base is not None and kk in base.desil and base.desil[kk].nasional is not None:
            before = base.desil[kk].nasional or 5
            shift = rng.choice((0, 0, 0, 0, 1, -1, 2, -2, 3))
            nat = _clamp(before + shift)
        elif i in above:
            nat = rng.randint(max(thresholds.get(p, 4) for p in reached[kk]) + 1, 10)
        elif kk in reached:
            nat = rng.randint(1, min(limits[p] for p in reached[kk]))
        elif i in poor:
            nat = rng.randint(1, low)
        else:
            nat = rng.randint(min(high + 1, 10), 10)
        desil[kk] = Desil(
            nasional=nat,
            provinsi=_clamp(nat + rng.choice((-1, 0, 0, 1))),
            kabupaten=_clamp(nat + rng.choice((-2, -1, 0, 0, 1))),
        )
    planted: set[Planted] = set()
    if base is None:
        for programme, rows in lists.items():
            limit = limits.get(programme)
            if limit is None:
                continue
            for nik, kk in rows:
                person = by_nik.get(nik) if nik else None
                if person is not None and not person.alive:
                    planted.add((programme, "deceased", kk or "", nik))
                if not kk:
                    continue
                found = desil.get(kk)
                if found is None:
                    planted.add((programme, "not-in-dtsen", kk, nik))
                elif found.nasional is not None and found.nasional > limit:
                    planted.add((programme, "above-threshold", kk, nik))
            reached_here = {kk for _n, kk in rows if kk}
            for kk, found in desil.items():
                if (
                    kk not in reached_here
                    and found.nasional is not None
                    and found.nasional <= limit
                ):
                    planted.add((programme, "eligible-not-enrolled", kk, None))

    # -- the rows -------------------------------------------------------------------------
    family_rows: list[tuple[int, list[object]]] = []
    member_rows: list[list[object]] = []
    members: set[str] = set()
    latest = version >= 3
    for i in sorted(order):
        kk = kk_of_family[i]
        if kk not in desil:
            continue
        people = families[i]
        head = heads[i]
        address = head.address
        kec = address.kecamatan_code if address and address.kecamatan_code else ""
        desa = address.desa_code if address and address.desa_code else ""
        kec_name = _BPS_SPELLING.get(_name(kec), _name(kec).upper())
        d = desil[kk]
        alive = [p for p in people if p.alive or not latest]
        pbi = "1" if d.nasional is not None and d.nasional <= 5 else "0"
        values: list[object] = [
            kk,
            regency[:2],
            province_name,
            kab4,
            regency_name,
            kec_bps.get(kec, ""),
            kec_name,
            desa_bps.get(desa, ""),
            _name(desa).upper(),
            f"{address.street if address else ''} RT {address.rt if address else ''} "
            f"RW {address.rw if address else ''}".strip(),
            len(alive),
            head.name,
            d.nasional,
            d.provinsi,
            d.kabupaten,
            pbi,
            "1" if rng.random() < 0.03 else "0",
            f"5{rng.randrange(10**10, 10**11)}",
        ]
        for column in FAMILY_COLUMNS[18:]:
            if column.startswith(("aset_", "kepemilikan_")):
                values.append(rng.choice(("1", "2")))
            elif column.startswith("jumlah_ternak"):
                values.append(rng.choice((0, 0, 0, 1, 2)))
            elif column == "luas_lantai":
                values.append(rng.randint(18, 120))
            else:
                values.append(str(rng.randint(1, 8)))
        family_rows.append((i, values))
        for p in alive:
            members.add(p.nik.value)
            row: list[object] = [
                p.nik.value,
                kk,
                p.name,
                p.birth_date.isoformat() if p.birth_date else "",
                "1" if p.sex is Sex.MALE else "2",
                _REL_CODE.get(p.relationship or Relationship.LAINNYA, "8"),
                pbi,
                "0",
                rng.choice(("1", "2", "3")),
            ]
            for column in MEMBER_COLUMNS[9:]:
                if column.endswith("_ktp") and column.startswith("kode_"):
                    row.append(
                        {
                            "kode_provinsi_ktp": regency[:2],
                            "kode_kabupaten_kota_ktp": kab4,
                            "kode_kecamatan_ktp": kec_bps.get(kec, ""),
                            "kode_kelurahan_desa_ktp": desa_bps.get(desa, ""),
                        }[column]
                    )
                elif column in (
                    "provinsi_ktp",
                    "kabupaten_kota_ktp",
                    "kecamatan_ktp",
                    "kelurahan_desa_ktp",
                ):
                    row.append(
                        {
                            "provinsi_ktp": province_name,
                            "kabupaten_kota_ktp": regency_name,
                            "kecamatan_ktp": kec_name,
                            "kelurahan_desa_ktp": _name(desa).upper(),
                        }[column]
                    )
                elif column in ("rt_ktp", "rw_ktp"):
                    row.append(
                        (address.rt if column == "rt_ktp" else address.rw) if address else ""
                    )
                elif column in ("dusun_ktp", "alamat_ktp"):
                    row.append(address.street if address else "")
                elif column in ("gaji_bulanan", "gaji"):
                    row.append(rng.choice((0, 500_000, 1_500_000, 2_500_000)))
                elif column == "usia":
                    row.append(max(0, year - p.birth_date.year) if p.birth_date else "")
                else:
                    row.append(str(rng.randint(1, 6)))
            member_rows.append(row)

    # -- faults on families no audit finding depends on ----------------------------------
    quiet = [
        n
        for n, (i, _v) in enumerate(family_rows)
        if i not in poor and kk_of_family[i] not in reached
    ]
    frng = random.Random(f"dtsen|faults|{version}|{year}|{seed}")
    frng.shuffle(quiet)
    broken = set(quiet[:1]) if faults else set()
    cut = set(quiet[1:2]) if faults and latest else set()  # text files only
    non_utf8 = set(quiet[2:4]) if faults else set()
    unmapped = set(quiet[4:5]) if faults else set()
    bad_desil = set(quiet[5:6]) if faults else set()
    for n in unmapped:
        family_rows[n][1][8] = "DESA ANTAH BERANTAH"
    for n in bad_desil:
        family_rows[n][1][13] = 11
        kk = kk_of_family[family_rows[n][0]]
        desil[kk] = attrs.evolve(desil[kk], provinsi=None)
    for n in non_utf8:
        family_rows[n][1][11] = str(family_rows[n][1][11]).split()[0] + " JUMA’AH"
    for n in cut:
        kk = kk_of_family[family_rows[n][0]]
        desil.pop(kk)
    edition = f"v{version}-{year}"
    stem = f"dtsen_v{version}_{year}_{place}"
    if latest:
        family_file = out / f"keluarga_{stem}.csv"
        member_file = out / f"anggota_keluarga_{stem}.csv"
        lines = {"broken": [], "cut": [], "non_utf8": []}  # type: dict[str, list[int]]
        number = 1
        with family_file.open("wb") as fh:
            fh.write(_line(FAMILY_COLUMNS).encode("utf-8"))
            for n, (_i, values) in enumerate(family_rows):
                number += 1
                text = _line(values)
                if n in broken:
                    head_part = _line([*values[:9], str(values[9]).split(" RT")[0]])
                    tail_part = _line(["RT" + str(values[9]).split(" RT", 1)[1], *values[10:]])
                    fh.write((head_part + tail_part).encode("utf-8"))
                    lines["broken"].append(number)
                    number += 1
                    continue
                if n in cut:
                    fh.write(_line(values[:20]).encode("utf-8"))
                    lines["cut"].append(number)
                    continue
                if n in non_utf8:
                    fh.write(text.encode("cp1252"))
                    lines["non_utf8"].append(number)
                    continue
                fh.write(text.encode("utf-8"))
        member_bad: list[int] = []
        with member_file.open("wb") as fh:
            fh.write(_line(MEMBER_COLUMNS).encode("utf-8"))
            for n, row in enumerate(member_rows, start=2):
                if faults and n == 3:
                    row = [*row[:2], str(row[2]).split()[0] + " MA’RUF", *row[3:]]
                    fh.write(_line(row).encode("cp1252"))
                    member_bad.append(n)
                    continue
                fh.write(_line(row).encode("utf-8"))
        rows_of = {n: 2 + n + sum(1 for b in broken if b < n) for n in range(len(family_rows))}
    else:
        family_file = out / f"keluarga_{stem}.xlsx"
        member_file = out / f"anggota_keluarga_{stem}.xlsx"
        _workbook(
            family_file, FAMILY_COLUMNS_V2, [v[: len(FAMILY_COLUMNS_V2)] for _i, v in family_rows]
        )
        _workbook(
            member_file, MEMBER_COLUMNS_V2, [r[: len(MEMBER_COLUMNS_V2)] for r in member_rows]
        )
        lines = {"broken": [], "cut": [], "non_utf8": []}
        member_bad = []
        rows_of = {n: 2 + n for n in range(len(family_rows))}
    omitted = frozenset(kk for kk in kk_of_family if kk not in desil)
    return DtsenTruth(
        edition=edition,
        family_file=family_file,
        member_file=member_file,
        desil=desil,
        omitted=omitted,
        broken_lines=tuple(lines["broken"]),
        cut_lines=tuple(lines["cut"]),
        non_utf8_lines=tuple(lines["non_utf8"]),
        member_non_utf8_lines=tuple(member_bad),
        unmapped_rows=tuple(sorted(rows_of[n] for n in unmapped)),
        invalid_desil_rows=tuple(sorted(rows_of[n] for n in bad_desil)),
        members=frozenset(members),
        planted=frozenset(planted),
    )


def _workbook(path: Path, header: tuple[str, ...], rows: list[list[object]]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DATA")
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    wb.save(path)
