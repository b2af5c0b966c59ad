"""``sibaso demo``: a synthetic Langkat, its programme files, one registry — in a minute.

Generates (seeded) a population with real Kemendagri kecamatan and desa codes, writes one file
per programme in the layouts real exports use (with their faults), ingests them into a SQLite
registry, matches, and shows three public lookups that reach a person directly, through the
family and through the household. The files stay on disk to open and try by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from sibaso.app import open_registry
from sibaso.registry import Registry
from sibaso.registry.lookup import VIA_LABELS_ID
from sibaso.testing.exports import write_all
from sibaso.testing.synthetic import Population

__all__ = ["DemoResult", "run_demo"]

#: (kind written by write_all, period) in ingest order: population and rosters first.
PLAN: tuple[tuple[str, str | None], ...] = (
    ("dukcapil_csv", None),
    ("bdt", None),
    ("pkh", "2024"),
    ("sembako", "2018"),  # the BPNT era of the SEMBAKO lineage: shows a renamed programme
    ("pbijk", "2024"),
    ("dapodik", "2024"),
    ("kks", "2024"),
    ("rtlh", "2025"),
)


@attrs.define
class DemoResult:
    """What the demo made: folder, database, ingest reports, match counts, example lookups."""

    folder: Path
    database: Path
    ingested: list[dict[str, Any]]
    match_counts: dict[str, int]
    examples: dict[str, Any]
    reports: list[Path]


def run_demo(
    folder: str | Path = "sibaso-demo",
    *,
    persons: int = 5000,
    seed: int = 2017,
    say: Callable[[str], None] = print,
    progress: Callable[[int], None] | None = None,
) -> DemoResult:
    """Build the demo in ``folder`` (files under ``folder/files``, the registry beside them).

    ``progress`` (:mod:`sibaso.core.progress`) is told each step — residents, files, each
    list read, padan, report — with its total where it is known.
    """
    from sibaso.core.progress import start_stage
    from sibaso.readers.estimate import estimate_rows

    folder = Path(folder)
    files_dir = folder / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    database = folder / "demo.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    say(f"Membuat penduduk sintetis Kabupaten Langkat: {persons:,} orang (seed {seed}) …")
    start_stage(progress, "penduduk sintetis", total=persons, unit="orang")
    population = Population.generate(persons=persons, seed=seed)
    if progress is not None:
        progress(persons)
    start_stage(progress, "berkas contoh", total=None, unit="berkas")
    files = write_all(files_dir, population, seed=seed)
    if progress is not None:
        progress(len(files))
    registry = open_registry(database)
    ingested = []
    reports: list[Path] = []
    try:
        for kind, period in PLAN:
            path, _truth = files[kind]
            start_stage(progress, path.name, total=estimate_rows(path))
            report = registry.ingest(path, period=period, progress=progress)
            ingested.append(report.to_dict())
            say(f"  {report.read.summary()}")
            if report.read.issues:
                target = folder / "laporan" / f"{path.stem}-masalah.xlsx"
                reports.append(report.read.write_xlsx(target))
        start_stage(progress, "padan")
        match = registry.match(progress=progress)
        padan = folder / "laporan" / "hasil-padan.xlsx"
        from sibaso.registry.report_xlsx import write_links

        reports.append(write_links(match, padan))
        say(match_line(match.counts))
        start_stage(progress, "contoh cek bansos", unit="NIK")
        examples, example_niks = _examples(registry, say)
        _load_demo_roster(registry)
        from sibaso.report import build_report, write_xlsx

        start_stage(progress, "rekap.xlsx", unit="bagian")
        reports.append(
            write_xlsx(build_report(registry, progress=progress), folder / "laporan" / "rekap.xlsx")
        )
    finally:
        registry.close()
    try_niks = [n for n in (example_niks.get("family"), example_niks.get("renamed")) if n]
    if try_niks:
        say("\nCoba sendiri (NIK sintetis dari data contoh, bukan orang sungguhan):")
        for nik in try_niks:
            say(f"  sibaso lookup {nik} --db {database}")
        say(f"  sibaso token issue tksk-stabat --db {database}   # petugas contoh di Stabat")
    say(f"Berkas contoh: {files_dir}")
    say(f"Basis data:    {database}")
    for path in reports:
        say(f"Laporan:       {path}")
    return DemoResult(
        folder=folder,
        database=database,
        ingested=ingested,
        match_counts=match.counts,
        examples=examples,
        reports=reports,
    )


def match_line(counts: dict[str, int]) -> str:
    """``Hasil padan: padan 2.114, kemungkinan padan 116, NIK tidak sah 61`` (labels for people).

    >>> match_line({"invalid-nik": 61, "matched": 2114, "probable": 116})
    'Hasil padan: padan 2.114, kemungkinan padan 116, NIK tidak sah 61 (jumlah 2.291 baris)'
    """
    from sibaso.core.labels import MATCH_ORDER, label

    order = [s for s in MATCH_ORDER if s in counts] + sorted(set(counts) - set(MATCH_ORDER))
    parts = [f"{label('match', s)} {counts[s]:,}".replace(",", ".") for s in order]
    total = f"{sum(counts.values()):,}".replace(",", ".")
    return f"Hasil padan: {', '.join(parts)} (jumlah {total} baris)"


#: NIK prefixes of the demo's region: Kabupaten Langkat and its kecamatan Stabat.
LANGKAT = "1205"
STABAT = "120507"


#: The demo's officers (the example portal and ``docs/http.md`` use them too).
DEMO_ROSTER = (
    "id,name,role,kecamatan\n"
    "tksk-stabat,Budi Santoso,tksk,12.05.07\n"
    "pkh-bahorok,Rina Wati,pendamping-pkh,12.05.01\n"
    "dinsos-langkat,Dinas Sosial Langkat,operator,\n"
)


def _load_demo_roster(registry: Registry) -> None:
    import io

    from sibaso.complaints import Actor, parse_roster

    roster = parse_roster(io.StringIO(DEMO_ROSTER), "demo-roster")
    registry.complaints.load_roster(Actor.system(), roster)


def _examples(
    registry: Registry, say: Callable[[str], None]
) -> tuple[dict[str, Any], dict[str, str]]:
    """One public lookup per path (self, family, household), found among the residents."""
    wanted: dict[str, str | None] = {"self": None, "family": None, "household": None}
    renamed: str | None = None
    # residents of Stabat first (the demo officer's kecamatan), then the rest of Langkat; a
    # resident whose NIK was issued elsewhere (moved in from Aceh) only when no other will do
    residents = sorted(
        registry.store.person_niks(),
        key=lambda n: (not n.startswith(STABAT), not n.startswith(LANGKAT), n),
    )
    for nik in residents:
        answer = registry.lookup(nik, view="officer", actor="demo")
        vias = {e["via"] for e in answer.enrolments}
        for via in wanted:
            if wanted[via] is None and via in vias and (via == "self" or "self" not in vias):
                wanted[via] = nik
        if renamed is None and any(e["period_name"] != e["name"] for e in answer.enrolments):
            renamed = nik
        if all(wanted.values()) and renamed:
            break
    out: dict[str, Any] = {}
    niks: dict[str, str] = {}
    shown: list[tuple[str, str, str | None]] = [
        (f"contoh {VIA_LABELS_ID[via]}", via, nik) for via, nik in wanted.items()
    ]
    shown.append(("program yang berganti nama", "renamed", renamed))
    for label, key, found in shown:
        if found is None:
            continue
        answer = registry.lookup(found)
        out[key] = answer.to_dict()
        niks[key] = found  # synthetic: the demo prints it for the reader to try
        say(f"\nCek bansos (tampilan publik) — {label}: NIK {answer.nik}")
        if not found.startswith(LANGKAT):
            say(
                f"  (warga Langkat dengan NIK yang diterbitkan di luar Langkat: kode wilayah "
                f"{found[:2]}.{found[2:4]}.{found[4:6]})"
            )
        for e in answer.enrolments:
            name = (
                e["name"]
                if e["name"] == e["period_name"]
                else f"{e['name']} (periode ini: {e['period_name']})"
            )
            say(f"  {e['programme']:<8} {name} — {VIA_LABELS_ID[e['via']]}, periode {e['period']}")
    return out, niks
