"""Regenerate sibaso's bundled region tables from the Kemendagri extract.

Usage: python scripts/update_wilayah.py [SHARED_DATA_DIR]

Reads ``wilayah_kemendagri.csv`` and ``wilayah_kemendagri_history.csv`` (derived from the
MIT-licensed cahyadsn/wilayah data) and writes two files under
``src/sibaso/core/data/``, never edited by hand:

* ``wilayah.csv``: provinces, kabupaten/kota and kecamatan, current and retired;
* ``wilayah_desa.csv``: desa/kelurahan, current and retired (loaded only on demand).

Columns: ``code,name,status,successor,former_names`` where ``status`` is ``current`` or
``retired`` and ``former_names`` joins older spellings with ``;``.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "sibaso" / "core" / "data"


def tidy(name: str, level: str) -> str:
    """Retired kabupaten names come upper-case ("KAB. MERAUKE"); give them the current style."""
    if not name.isupper():
        return name
    if level == "kabkota":
        if name.startswith("KAB. "):
            return "Kabupaten " + name[5:].title()
        if name.startswith("KOTA "):
            return "Kota " + name[5:].title()
    return name.title()


def main(src: Path) -> None:
    current = list(csv.DictReader((src / "wilayah_kemendagri.csv").open(encoding="utf-8")))
    history = list(csv.DictReader((src / "wilayah_kemendagri_history.csv").open(encoding="utf-8")))
    former: dict[str, list[str]] = defaultdict(list)
    retired = []
    for row in history:
        if row["status"] == "old_name":
            former[row["code"]].append(tidy(row["name"], row["level"]))
        elif row["status"] == "retired":
            retired.append(row)
    upper: list[list[str]] = []
    desa: list[list[str]] = []
    for row in current:
        out = [row["code"], row["name"], "current", "", ";".join(former.get(row["code"], []))]
        (desa if row["level"] == "desa" else upper).append(out)
    for row in retired:
        out = [row["code"], tidy(row["name"], row["level"]), "retired", row["successor_code"], ""]
        (desa if row["level"] == "desa" else upper).append(out)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in (("wilayah.csv", upper), ("wilayah_desa.csv", desa)):
        rows.sort()
        with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(["code", "name", "status", "successor", "former_names"])
            writer.writerows(rows)
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "data")
