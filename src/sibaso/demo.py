"""``sibaso demo``: a synthetic Langkat, its programme files, one registry — in a minute.

Generates (seeded) a population with real Kemendagri kecamatan and desa codes, writes one file
per programme in the layouts real exports use (with their faults), ingests them into a SQLite
registry, matches, and shows three public lookups that reach a person directly, through the
family and through the household. A synthetic DTSEN (v2 workbooks of 2025, v3 pipe files of
2026, with the faults real copies have) and the 2026 PKH, Sembako and PBI-JK lists it was
planted against are ingested too, and the targeting audit runs over them. The files stay on
disk to open and try by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from sibaso.app import open_registry
from sibaso.core.errors import SibasoError
from sibaso.core.labels import label, number
from sibaso.registry import Registry
from sibaso.testing.dtsen import DtsenTruth, write_dtsen
from sibaso.testing.exports import ExportTruth, pbijk_xlsx, siksng_csv, write_all
from sibaso.testing.synthetic import Population

__all__ = ["DemoResult", "DemoWouldDiscard", "run_demo"]

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
    #: the synthetic DTSEN v3-2026 (its planted audit findings) and the audit's summary
    dtsen: DtsenTruth | None = None
    audit: dict[str, dict[str, int]] = attrs.field(factory=dict)


#: The 2026 lists the synthetic DTSEN is planted against (clean: the audit's findings are the
#: planted ones, not reading faults).
LISTS_2026: tuple[tuple[str, str], ...] = (
    ("PKH", "pkh_siksng_2026.csv"),
    ("SEMBAKO", "sembako_siksng_2026.csv"),
    ("KIS", "pbijk_2026.xlsx"),
)


def _dtsen_files(folder: Path, population: Population, seed: int) -> tuple[list[Path], DtsenTruth]:
    """The 2026 lists and the DTSEN v2 and v3 files, in ingest order, with v3's truth."""
    lists: dict[str, ExportTruth] = {}
    paths = []
    for programme, name in LISTS_2026:
        target = folder / name
        if programme == "KIS":
            lists[programme] = pbijk_xlsx(
                target, population, share=0.2, seed=seed + 1, faults=False
            )
        else:
            lists[programme] = siksng_csv(
                target, population, programme=programme, seed=seed + 1, faults=False
            )
        paths.append(target)
    enrolled = {p: [(r.nik, r.kk) for r in truth.rows] for p, truth in lists.items()}
    v3 = write_dtsen(folder, population, enrolled=enrolled, seed=seed)
    v2 = write_dtsen(folder, population, version=2, year=2025, base=v3, seed=seed)
    paths += [v2.family_file, v2.member_file, v3.family_file, v3.member_file]
    return paths, v3


def run_demo(
    folder: str | Path = "sibaso-demo",
    *,
    persons: int = 5000,
    seed: int = 2017,
    say: Callable[[str], None] = print,
    progress: Callable[[int], None] | None = None,
    force: bool = False,
    lang: str = "id",
) -> DemoResult:
    """Build the demo in ``folder`` (files under ``folder/files``, the registry beside them).

    A demo registry an officer has worked in (tokens issued, complaints filed) is not
    replaced: :class:`DemoWouldDiscard` says what it holds. ``force=True`` replaces it and
    keeps the old one beside it as ``demo.sqlite.bak``.

    ``progress`` (:mod:`sibaso.core.progress`) is told each step — residents, files, each
    list read, padan, report — with its total where it is known. ``lang`` is the language of
    what it says (``id`` or ``en``).
    """
    from sibaso.core.progress import start_stage
    from sibaso.readers.estimate import estimate_rows

    folder = Path(folder)
    files_dir = folder / "files"
    database = folder / "demo.sqlite"
    _set_aside(database, force=force, say=say)
    files_dir.mkdir(parents=True, exist_ok=True)
    en = lang == "en"
    say(
        f"Generating a synthetic Kabupaten Langkat: {number(persons, lang)} people (seed {seed}) …"
        if en
        else f"Membuat penduduk sintetis Kabupaten Langkat: {number(persons)} orang (seed {seed}) …"
    )
    start_stage(progress, _STEPS["residents"][en], total=persons, unit="orang")
    population = Population.generate(persons=persons, seed=seed, progress=progress)
    start_stage(progress, _STEPS["files"][en], total=None, unit="berkas")
    files = write_all(files_dir, population, seed=seed)
    if progress is not None:
        progress(len(files))
    dtsen_paths, dtsen = _dtsen_files(files_dir, population, seed)
    plan = [(files[kind][0], period) for kind, period in PLAN]
    plan += [(path, "2026") for path in dtsen_paths[: len(LISTS_2026)]]
    plan += [(path, None) for path in dtsen_paths[len(LISTS_2026) :]]
    registry = open_registry(database)
    ingested = []
    reports: list[Path] = []
    try:
        for path, period in plan:
            start_stage(progress, path.name, total=estimate_rows(path))
            report = registry.ingest(path, period=period, progress=progress)
            ingested.append(report.to_dict())
            say(f"  {report.read.summary(lang)}")
            if report.read.issues:
                target = folder / "laporan" / f"{path.stem}-masalah.xlsx"
                reports.append(report.read.write_xlsx(target))
        start_stage(progress, _STEPS["padan"][en])
        match = registry.match(progress=progress)
        padan = folder / "laporan" / "hasil-padan.xlsx"
        from sibaso.registry.links_xlsx import write_links

        reports.append(write_links(match, padan))
        say(match_line(match.counts, lang))
        audit = registry.audit()
        from sibaso.registry.audit import FINDING_LABELS

        labels = FINDING_LABELS["en" if en else "id"]
        say(
            (
                f"Targeting audit against DTSEN {audit.edition} (built-in rules, to be checked "
                "by the office): "
                if en
                else f"Audit sasaran terhadap DTSEN {audit.edition} (aturan bawaan, wajib "
                "diperiksa kantor): "
            )
            + "; ".join(
                f"{p} " + ", ".join(f"{labels[k]} {number(v, lang)}" for k, v in counts.items())
                for p, counts in audit.summary.items()
            )
        )
        from sibaso.report.audit_xlsx import write_audit

        reports.append(write_audit(audit, folder / "laporan" / "audit-sasaran.xlsx"))
        start_stage(progress, _STEPS["lookups"][en], unit="NIK")
        examples, example_niks = _examples(registry, say, lang)
        _load_demo_roster(registry)
        from sibaso.report import build_report, write_xlsx

        start_stage(progress, "rekap.xlsx", unit="bagian")
        reports.append(
            write_xlsx(build_report(registry, progress=progress), folder / "laporan" / "rekap.xlsx")
        )
    finally:
        registry.close()
    try_niks = [n for n in (example_niks.get("family"), example_niks.get("renamed")) if n]
    words = _WORDS["en" if en else "id"]
    if try_niks:
        say(f"\n{words['try']}")
        for nik in try_niks:
            say(f"  sibaso lookup {nik} --db {database}" + (" --lang en" if en else ""))
        say(f"  sibaso token issue tksk-stabat --db {database}   # {words['officer']}")
    say(f"{words['files']:<14} {files_dir}")
    say(f"{words['database']:<14} {database}")
    for path in reports:
        say(f"{words['report']:<14} {path}")
    return DemoResult(
        folder=folder,
        database=database,
        ingested=ingested,
        match_counts=match.counts,
        examples=examples,
        reports=reports,
        dtsen=dtsen,
        audit=audit.summary,
    )


class DemoWouldDiscard(SibasoError):
    """Running the demo again would replace a registry holding an officer's work."""

    def __init__(self, database: Path, tokens: int, complaints: int) -> None:
        self.database, self.tokens, self.complaints = database, tokens, complaints
        super().__init__(self.localized("en"))

    def localized(self, lang: str = "id") -> str:
        """What would be lost and how to go on, in Bahasa Indonesia or English."""
        if lang == "en":
            held = " and ".join(
                part
                for part in (
                    f"{self.tokens} officer token{'s' * (self.tokens != 1)}" if self.tokens else "",
                    f"{self.complaints} complaint{'s' * (self.complaints != 1)}"
                    if self.complaints
                    else "",
                )
                if part
            )
            return (
                f"{self.database} already holds {held}; running the demo again would replace "
                "them. Use another --out, or --force to rebuild (the old registry is kept as "
                f"{self.database}.bak)."
            )
        held = " dan ".join(
            part
            for part in (
                f"{self.tokens} token petugas" if self.tokens else "",
                f"{self.complaints} pengaduan" if self.complaints else "",
            )
            if part
        )
        return (
            f"{self.database} sudah berisi {held}; menjalankan demo lagi akan menggantinya. "
            "Pakai --out lain, atau --force untuk membuat ulang (registri lama disimpan sebagai "
            f"{self.database}.bak)."
        )


def _set_aside(database: Path, *, force: bool, say: Callable[[str], None]) -> None:
    """Make room for a new demo registry. One that holds tokens or complaints is refused
    unless ``force``, and then renamed to ``.bak`` rather than deleted."""
    if not database.exists():
        return
    tokens = complaints = 0
    try:
        with open_registry(database, create=False) as old:
            tokens = sum(1 for t in old.store.tokens.all() if t.revoked_at is None)
            complaints = old.store.count("complaint")
    except SibasoError:
        pass  # not a registry any more: nothing of an officer's can be read from it
    if (tokens or complaints) and not force:
        raise DemoWouldDiscard(database, tokens, complaints)
    if tokens or complaints:
        backup = Path(f"{database}.bak")
        database.replace(backup)
        say(f"Registri demo lama (dengan token dan pengaduan) disimpan sebagai {backup}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


#: The demo's steps as its progress bar names them: (Bahasa Indonesia, English).
_STEPS = {
    "residents": ("penduduk sintetis", "synthetic residents"),
    "files": ("berkas contoh", "sample files"),
    "padan": ("padan", "matching"),
    "lookups": ("contoh cek bansos", "sample lookups"),
}

#: What the demo says around its steps, in Bahasa Indonesia and English.
_WORDS = {
    "id": {
        "try": "Coba sendiri (NIK sintetis dari data contoh, bukan orang sungguhan):",
        "officer": "petugas contoh di Stabat",
        "files": "Berkas contoh:",
        "database": "Basis data:",
        "report": "Laporan:",
        "lookup": "Cek bansos (tampilan publik)",
        "example": "contoh",
        "renamed": "program yang berganti nama",
        "elsewhere": "warga Langkat dengan NIK yang diterbitkan di luar Langkat: kode wilayah",
        "this period": "periode ini",
        "period": "periode",
        "history": "riwayat, hanya tampil untuk petugas (sibaso lookup … --officer):",
    },
    "en": {
        "try": "Try it yourself (synthetic NIKs from the sample data, not real people):",
        "officer": "a sample officer in Stabat",
        "files": "Sample files:",
        "database": "Database:",
        "report": "Report:",
        "lookup": "Bansos lookup (public view)",
        "example": "example",
        "renamed": "a renamed programme",
        "elsewhere": "a Langkat resident whose NIK was issued outside Langkat: region code",
        "this period": "in this period",
        "period": "period",
        "history": "history, shown to officers only (sibaso lookup … --officer):",
    },
}


def match_line(counts: dict[str, int], lang: str = "id") -> str:
    """``Hasil padan: padan 2.114, kemungkinan padan 116, NIK tidak sah 61`` (labels for people).

    >>> match_line({"invalid-nik": 61, "matched": 2114, "probable": 116})
    'Hasil padan: padan 2.114, kemungkinan padan 116, NIK tidak sah 61 (jumlah 2.291 baris)'
    >>> match_line({"invalid-nik": 61, "matched": 2114}, "en")
    'Match results: matched 2,114, invalid NIK 61 (2,175 rows in all)'
    """
    from sibaso.core.labels import MATCH_ORDER, label

    order = [s for s in MATCH_ORDER if s in counts] + sorted(set(counts) - set(MATCH_ORDER))
    parts = ", ".join(f"{label('match', s, lang)} {number(counts[s], lang)}" for s in order)
    total = number(sum(counts.values()), lang)
    if lang == "en":
        return f"Match results: {parts} ({total} rows in all)"
    return f"Hasil padan: {parts} (jumlah {total} baris)"


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
    registry: Registry, say: Callable[[str], None], lang: str = "id"
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
        # what a citizen sees: an old-period list is riwayat, shown to officers only
        current = [e for e in answer.enrolments if not e.get("history")]
        vias = {e["via"] for e in current}
        for via in wanted:
            if wanted[via] is None and via in vias and (via == "self" or "self" not in vias):
                wanted[via] = nik
        # a renamed programme is in an old list (riwayat): take a resident who also has a
        # current programme, so that the NIK offered to try answers in the public view
        if (
            renamed is None
            and current
            and any(e["period_name"] != e["name"] for e in answer.enrolments)
        ):
            renamed = nik
        if all(wanted.values()) and renamed:
            break
    out: dict[str, Any] = {}
    niks: dict[str, str] = {}
    words = _WORDS["en" if lang == "en" else "id"]
    shown: list[tuple[str, str, str | None]] = [
        (f"{words['example']} {label('via', via, lang)}", via, nik) for via, nik in wanted.items()
    ]
    shown.append((words["renamed"], "renamed", renamed))
    for title, key, found in shown:
        if found is None:
            continue
        answer = registry.lookup(found)
        out[key] = answer.to_dict()
        niks[key] = found  # synthetic: the demo prints it for the reader to try
        say(f"\n{words['lookup']} — {title}: NIK {answer.nik}")
        if not found.startswith(LANGKAT):
            say(f"  ({words['elsewhere']} {found[:2]}.{found[2:4]}.{found[4:6]})")
        for e in answer.enrolments:
            name = (
                e["name"]
                if e["name"] == e["period_name"]
                else f"{e['name']} ({words['this period']}: {e['period_name']})"
            )
            via = label("via", e["via"], lang)
            say(f"  {e['programme']:<8} {name} — {via}, {words['period']} {e['period']}")
        if key == "renamed":
            # the old list under its old name is riwayat: an officer sees it, a citizen does not
            officer = registry.lookup(found, view="officer", actor="demo")
            history = [
                {k: e[k] for k in ("programme", "name", "period_name", "via", "period")}
                for e in officer.enrolments
                if e.get("history") and e["name"] != e["period_name"]
            ]
            out[key]["history"] = history
            if history:
                say(f"  {words['history']}")
            for e in history:
                via = label("via", e["via"], lang)
                say(
                    f"  {e['programme']:<8} {e['name']} ({words['this period']}: "
                    f"{e['period_name']}) — {via}, {words['period']} {e['period']}"
                )
    return out, niks
