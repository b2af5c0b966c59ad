"""Officers and example NIKs to try the portal on the registry ``sibaso demo`` builds.

``python -m sibaso_portal.demo --db sibaso-demo/demo.sqlite`` loads :data:`DEMO_ROSTER`
into the demo registry (**it replaces the roster: use it on the demo only**), issues a
token to each officer and prints the tokens with a few NIKs to try. The tests and
``screenshots.py`` use :func:`prepare` the same way.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import attrs

import sibaso
from sibaso.complaints import Actor, parse_roster
from sibaso.demo import DEMO_ROSTER  # the same officers as `sibaso demo`
from sibaso.http import issue_token

__all__ = ["DEMO_ROSTER", "EXAMPLE_LABELS", "DemoAccess", "example_niks", "main", "prepare"]

#: What each example NIK is, as printed for people (the keys stay for programs and tests).
EXAMPLE_LABELS = {
    "stabat": "warga Stabat yang menerima program",
    "bahorok": "warga Bahorok",
    "none": "warga yang tidak menerima program apa pun",
}


@attrs.frozen
class DemoAccess:
    """Officer id → token, and example NIKs: ``stabat`` (a Stabat resident with a
    programme), ``bahorok`` (a Bahorok resident) and ``none`` (a resident with none)."""

    tokens: dict[str, str]
    niks: dict[str, str]


def example_niks(registry: sibaso.Registry, population_file: Path) -> dict[str, str]:
    """Pick the example NIKs among the people of the demo's Dukcapil extract."""
    found: dict[str, str] = {}
    for person in sibaso.read(population_file).records:
        nik = person.nik.value
        kecamatan = person.address.kecamatan_code if person.address else None
        if not sibaso.nik.is_valid(nik):  # strict, as the complaint form checks it
            continue
        enrolments = registry.lookup(nik, actor="portal-demo").enrolments
        if kecamatan == "12.05.07" and any(e["via"] == "self" for e in enrolments):
            found.setdefault("stabat", nik)
        elif kecamatan == "12.05.01":
            found.setdefault("bahorok", nik)
        if not enrolments:
            found.setdefault("none", nik)
        if len(found) == 3:
            break
    return found


def prepare(database: str | Path) -> DemoAccess:
    """Load the demo roster, issue one token per officer, pick example NIKs."""
    database = Path(database)
    with sibaso.open(database) as registry:
        roster = parse_roster(io.StringIO(DEMO_ROSTER), "demo-roster")
        registry.complaints.load_roster(Actor.system(), roster)
        tokens = {
            entry.id: issue_token(registry, entry.id, label="portal demo").token for entry in roster
        }
        niks = example_niks(registry, database.parent / "files" / "dukcapil_langkat.csv")
    return DemoAccess(tokens=tokens, niks=niks)


def main(argv: list[str] | None = None) -> None:
    """Prepare the demo registry for the portal and print the tokens."""
    parser = argparse.ArgumentParser(
        prog="python -m sibaso_portal.demo",
        description=(
            "Muat petugas contoh ke registri demo (menggantikan roster: hanya untuk demo), "
            "terbitkan token untuk tiap petugas, lalu cetak token dan beberapa NIK contoh."
        ),
    )
    parser.add_argument("--db", default="sibaso-demo/demo.sqlite", help="registri demo")
    args = parser.parse_args(argv)
    access = prepare(args.db)
    print("Token petugas (tempel di /petugas/masuk):")
    for officer_id, token in access.tokens.items():
        print(f"  {officer_id:<15} {token}")
    print("NIK contoh:")
    for key, nik in access.niks.items():
        print(f"  {nik}  {EXAMPLE_LABELS.get(key, key)}")


if __name__ == "__main__":
    main()
