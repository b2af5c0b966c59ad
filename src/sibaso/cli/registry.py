"""``sibaso ingest | match | lookup | diff | recap``: the registry from the shell."""

from __future__ import annotations

import getpass
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from sibaso.cli._db import StoreFailed, open_db
from sibaso.cli._lang import lang_option, language, told, unknown_period
from sibaso.cli._progress import progress_bar
from sibaso.core.errors import InvalidNIK, SibasoError, SourceError
from sibaso.core.labels import label, number
from sibaso.readers.estimate import estimate_rows

DB_HELP = "Registry: a SQLite file (default sibaso.sqlite) or a postgresql:// DSN."
db_option = click.option(
    "--db", "db", default="sibaso.sqlite", show_default=True, help=DB_HELP, envvar="SIBASO_DB"
)


def _open(db: str, *, create: bool = False, lang: str | None = None) -> Any:
    """The registry at ``db``; only commands that store data may create a new one."""
    return open_db(db, create=create, lang=lang)


@click.command("init")
@db_option
@lang_option
def init_command(db: str, lang: str) -> None:
    """Create an empty registry (or bring an older one up to date) at --db."""
    existed = True
    try:
        open_db(db, lang=lang).close()
    except StoreFailed as exc:
        if exc.fault.kind not in ("missing", "empty"):
            raise
        existed = False
        open_db(db, create=True, lang=lang).close()
    if lang == "en":
        click.echo(f"Registry {db} {'is ready (it existed)' if existed else 'created'}.")
    else:
        click.echo(f"Registri {db} {'siap (sudah ada)' if existed else 'dibuat'}.")


def check_period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A ``--period`` the registry understands, refused at once otherwise."""
    if value is None:
        return None
    from sibaso.core.model import Period

    try:
        return str(Period.parse(value))
    except ValueError as exc:
        from sibaso.core.dtsen import Edition

        try:  # a DTSEN file's edition: v3-2026 (or v3 with the year in the file name)
            Edition.parse(value, default=Edition(year=1900, version=0))
            return value
        except ValueError:
            pass
        raise click.BadParameter(unknown_period(value, language())) from exc


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class Stopped(BaseException):
    """SIGTERM (or SIGINT) arrived: unwind like Ctrl-C, rolling the transaction back."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stoppable() -> Iterator[None]:
    """SIGINT and SIGTERM stop the block by raising :class:`Stopped` where it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    before = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option("--programme", help="Programme (any name the catalogue knows).")
@click.option(
    "--period",
    help="Period: 2024, 2024-Q1, 2024-T2; a DTSEN file's edition: v3-2026.",
    callback=check_period,
)
@click.option("--decree", help="Decree (SK) the list comes from.")
@click.option("--adapter", "adapter_name", help="Adapter name (see 'sibaso adapters').")
@click.option("--scope", help="What the list covers (default: the kecamatan in it).")
@click.option(
    "--kind",
    type=click.Choice(["population", "programme", "household"]),
    help="What the file is, when its headers do not say it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def ingest_command(
    files: tuple[str, ...],
    db: str,
    programme: str | None,
    period: str | None,
    decree: str | None,
    adapter_name: str | None,
    scope: str | None,
    kind: str | None,
    as_json: bool,
    lang: str,
) -> None:
    """Read files and store them in the registry, one transaction per file."""
    registry = _open(db, create=True)
    outputs = []
    failed = False
    try:
        for file in files:
            try:
                with (
                    _stoppable(),
                    progress_bar(
                        Path(file).name, total=estimate_rows(file), as_json=as_json
                    ) as bar,
                ):
                    report = registry.ingest(
                        file,
                        programme=programme,
                        period=period,
                        decree=decree,
                        adapter=adapter_name,
                        scope=scope,
                        progress=bar,
                        kind=kind,
                    )
            except Stopped as stop:
                name = signal.Signals(stop.signum).name
                click.echo(
                    f"sibaso ingest: dihentikan ({name}); {file} tidak disimpan, basis data "
                    "tetap seperti sebelumnya."
                    if lang == "id"
                    else f"sibaso ingest: stopped ({name}); {file} not stored, the database "
                    "is as it was.",
                    err=True,
                )
                sys.exit(128 + stop.signum)
            except SourceError as exc:
                failed = True
                outputs.append(
                    {
                        "file": file,
                        "error": exc.code,
                        "message": exc.localized(lang),
                        "stored": 0,
                        "already_present": False,
                    }
                )
                if not as_json:
                    kept = "not stored" if lang == "en" else "tidak disimpan"
                    click.echo(f"{file}: {kept} ({exc.code}) - {exc.localized(lang)}", err=True)
                continue
            except (SibasoError, ValueError) as exc:
                raise click.UsageError(told(exc, lang)) from exc
            outputs.append(report.to_dict(lang))
            if not as_json:
                line = report.read.summary(lang)
                if report.already_present:
                    line += (
                        " — sudah ada, tidak disimpan ulang"
                        if lang == "id"
                        else " — already present, not stored again"
                    )
                else:
                    line += (
                        f"; {report.stored} disimpan"
                        if lang == "id"
                        else f"; {report.stored} stored"
                    )
                click.echo(line)
    finally:
        registry.close()
    if as_json:
        _dump(outputs)
    sys.exit(1 if failed else 0)


def _match_summary(counts: dict[str, int], lang: str = "id") -> str:
    """Padan counts under a heading, with labels for people and a total."""
    from sibaso.core.labels import MATCH_ORDER, label

    head = "Hasil padan (baris program)" if lang == "id" else "Match results (programme rows)"
    order = [s for s in MATCH_ORDER if s in counts] + sorted(set(counts) - set(MATCH_ORDER))
    width = max([len(label("match", s, lang)) for s in order] + [6])
    lines = [head]
    lines += [f"  {label('match', s, lang):<{width}} {number(counts[s], lang):>9}" for s in order]
    total = number(sum(counts.values()), lang)
    lines.append(f"  {'Jumlah' if lang == 'id' else 'Total':<{width}} {total:>9}")
    return "\n".join(lines)


@click.command("match")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Write the links to this .xlsx file.",
)
@lang_option
def match_command(db: str, as_json: bool, report_path: str | None, lang: str) -> None:
    """Match (padan) every programme row against the population data."""
    registry = _open(db)
    try:
        with progress_bar("padan", as_json=as_json) as bar:
            report = registry.match(progress=bar)
    finally:
        registry.close()
    if report_path:
        from sibaso.registry.links_xlsx import write_links

        write_links(report, Path(report_path))
    if as_json:
        _dump(report.to_dict())
        return
    click.echo(_match_summary(report.counts, lang))
    if report_path:
        click.echo(
            f"Hasil padan ditulis ke {report_path}"
            if lang == "id"
            else f"Links written to {report_path}"
        )


@click.command("lookup")
@click.argument("nik")
@db_option
@click.option("--officer", is_flag=True, help="Officer view: names, NIKs, address, family.")
@click.option("--as", "actor", help="Who is looking (recorded in the audit log).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def lookup_command(
    nik: str, db: str, officer: bool, actor: str | None, as_json: bool, lang: str
) -> None:
    """Which programmes reach this NIK: directly, through the family or the household."""
    registry = _open(db, lang=lang)
    try:
        if officer and actor:
            # an officer named by --as sees only the kecamatan the roster gives them
            staff = registry.complaints.actor(actor)
            result = registry.complaints.officer_lookup(staff, nik)
        else:
            if officer and not actor:
                # whoever holds the database file sees everything; the log still says who looked
                actor = f"cli:{getpass.getuser()}"
            result = registry.lookup(nik, view="officer" if officer else "public", actor=actor)
    except InvalidNIK as exc:
        if as_json:
            _dump({"nik": None, "valid": False, "error": exc.code, "message": exc.localized(lang)})
        else:
            head = "NIK tidak sah" if lang == "id" else "Invalid NIK"
            click.echo(f"{head} ({exc.code}): {exc.localized(lang)}", err=True)
        sys.exit(1)
    except SibasoError as exc:  # unknown officer, NIK outside the officer's kecamatan
        message = exc.localized(lang) if hasattr(exc, "localized") else str(exc)
        if as_json:
            _dump({"error": getattr(exc, "code", "refused"), "message": message})
        else:
            click.echo(f"{'Ditolak' if lang == 'id' else 'Refused'}: {message}", err=True)
        sys.exit(1)
    finally:
        registry.close()
    if as_json:
        _dump(result.to_dict())
        return
    click.echo(lookup_text(result, lang))


#: What ``sibaso lookup`` says, in Bahasa Indonesia and English.
_LOOKUP_WORDS = {
    "id": {
        "in": "ada di data kependudukan",
        "dead": "tercatat meninggal",
        "out": "tidak ada di data kependudukan",
        "none": "tidak terdaftar di program bansos mana pun",
        "was": "dulu",
        "period": "periode",
        "history": "riwayat (daftar periode lama)",
        "listed_as": "tercatat",
        "recipient": "penerima",
        "address": "alamat",
    },
    "en": {
        "in": "in the population data",
        "dead": "recorded as deceased",
        "out": "not in the population data",
        "none": "not enrolled in any social-assistance programme",
        "was": "formerly",
        "period": "period",
        "history": "history (a list of an earlier period)",
        "listed_as": "listed as",
        "recipient": "recipient",
        "address": "address",
    },
}


def lookup_text(result: Any, lang: str = "id") -> str:
    """A lookup as people read it: the person, then each programme with how it reaches them."""
    words = _LOOKUP_WORDS["en" if lang == "en" else "id"]
    person = result.person
    if result.in_population is None:  # public view: nothing about who is registered
        lines = [f"NIK {result.nik}:"]
    else:
        dead = f", {words['dead']}" if person and person.get("alive") is False else ""
        said = f"{person['name']} ({words['in']}{dead})" if person else words["out"]
        lines = [f"NIK {result.nik}: {said}"]
    if person and (home := (person.get("address") or {}).get("text")):  # officer view only
        lines.append(f"  {words['address']}: {home}")
    if not result.enrolments:
        lines.append(f"  {words['none']}")
    for e in result.enrolments:
        renamed = f" ({words['was']}: {e['period_name']})" if e["period_name"] != e["name"] else ""
        where = f"; {e['address']}" if e.get("address") else ""
        parts = [label("via", e["via"], lang)]
        who = (e.get("recipient") or {}).get("name") if e["via"] != "self" else None
        if who:  # officer view: which member of the family or household is listed
            parts.append(f"{words['recipient']} {who}")
        parts.append(f"{words['period']} {e['period'] or '-'}")
        if e.get("history"):  # the list's own status word was true then, not now
            told = f"; {words['listed_as']} {e['status']}" if e.get("status") else ""
            parts.append(f"{words['history']}{told}")
        elif e.get("status"):
            parts.append(f"status {e['status']}")
        lines.append(f"  {e['programme']:<8} {e['name']}{renamed} — " + ", ".join(parts) + where)
    return "\n".join(lines)


class Failed(click.ClickException):
    """A usage refusal in the user's language (``Gagal: …`` / ``Failed: …``, exit 2), without
    click's prefix and usage banner."""

    exit_code = 2

    def __init__(self, message: str, lang: str = "id") -> None:
        super().__init__(message)
        self.lang = lang

    def show(self, file: Any = None) -> None:
        """Write ``Gagal: message`` to standard error."""
        head = "Failed" if self.lang == "en" else "Gagal"
        click.echo(f"{head}: {self.format_message()}", err=True, file=file)


def _diff_error(exc: Exception, lang: str = "id") -> str:
    """An error of ``sibaso diff`` in the user's language."""
    text = str(exc)
    if not callable(getattr(exc, "localized", None)) and text.startswith("Unknown period"):
        value = text.split("'")[1] if text.count("'") >= 2 else text
        return unknown_period(value, lang)
    return told(exc, lang)


@click.command("diff")
@click.argument("programme")
@click.argument("old_period")
@click.argument("new_period")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def diff_command(
    programme: str, old_period: str, new_period: str, db: str, as_json: bool, lang: str
) -> None:
    """Who was added, removed or changed between two periods of a programme (with why
    people left, where the data can tell); ``DTSEN v2-2025 v3-2026``: families whose desil
    moved up or down, and by how many deciles."""
    if programme.upper() == "DTSEN":
        _dtsen_diff(db, old_period, new_period, as_json, lang)
        return
    registry = _open(db, lang=lang)
    try:
        result = registry.diff(programme, old_period, new_period)
    except (SibasoError, LookupError, ValueError) as exc:
        text = _diff_error(exc, lang)
        if isinstance(exc, LookupError) and text == str(exc):  # no list for a period
            text = (
                f"no {programme} list for period {old_period} or {new_period} in {db}: store "
                f"it first with 'sibaso ingest FILE --programme {programme} --period PERIOD'."
                if lang == "en"
                else f"belum ada daftar {programme} untuk periode {old_period} atau {new_period} "
                f"di {db}: simpan dulu dengan 'sibaso ingest BERKAS --programme {programme} "
                "--period PERIODE'."
            )
        raise Failed(text, lang) from exc
    finally:
        registry.close()
    if as_json:
        _dump(result.to_dict())
        return
    added, removed, changed = (
        number(len(x), lang) for x in (result.added, result.removed, result.changed)
    )
    click.echo(
        f"{result.programme} {old_period} → {new_period}: "
        + (
            f"{added} added, {removed} removed, {changed} changed"
            if lang == "en"
            else f"{added} baru, {removed} keluar, {changed} berubah"
        )
    )
    reasons: dict[str, int] = {}
    for entry in result.removed:
        code = entry.get("reason")
        text = label("exit", code, lang) if code else entry.get("reason_text")
        if text:
            reasons[text] = reasons.get(text, 0) + 1
    for text, count in sorted(reasons.items(), key=lambda i: -i[1]):
        why = "left because" if lang == "en" else "keluar karena"
        click.echo(f"  {why} {text}: {number(count, lang)}")


def _dtsen_diff(db: str, old: str, new: str, as_json: bool, lang: str = "id") -> None:
    """``sibaso diff DTSEN OLD NEW``."""
    registry = _open(db, lang=lang)
    try:
        try:
            result = registry.dtsen_diff(old, new)
        except (SibasoError, ValueError) as exc:
            raise Failed(told(exc, lang), lang) from exc
    finally:
        registry.close()
    if as_json:
        _dump(result.to_dict())
        return

    def n(value: int) -> str:
        return number(value, lang)

    if lang == "en":
        counts = (
            f"{n(result.up)} up, {n(result.down)} down, {n(result.same)} unchanged, "
            f"{n(len(result.added))} new, {n(len(result.removed))} left"
        )
    else:
        counts = (
            f"{n(result.up)} naik, {n(result.down)} turun, {n(result.same)} tetap, "
            f"{n(len(result.added))} baru, {n(len(result.removed))} keluar"
        )
    click.echo(f"DTSEN {result.old} → {result.new} (desil {result.scale}): {counts}")
    families = "families" if lang == "en" else "keluarga"
    for change, count in sorted(result.by_change.items()):
        if change:
            click.echo(f"  {change:+d} desil: {n(count)} {families}")


@click.command("recap")
@db_option
@click.option(
    "--by", type=click.Choice(["kecamatan", "desa"]), default="kecamatan", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def recap_command(db: str, by: str, as_json: bool, lang: str) -> None:
    """Recipients per kecamatan (or desa) × programme."""
    import attrs

    registry = _open(db, lang=lang)
    try:
        rows = registry.recap(by=by)
    finally:
        registry.close()
    if as_json:
        _dump([attrs.asdict(r) for r in rows])
        return
    click.echo(recap_text(rows, by, lang))


def recap_text(rows: list[Any], by: str = "kecamatan", lang: str = "id") -> str:
    """The recap as people read it: a heading, one line per place and programme, totals."""
    en = lang == "en"

    def n(value: int) -> str:
        return number(value, lang)

    place = "Kecamatan / desa" if by == "desa" else "Kecamatan"
    where_by = "desa" if by == "desa" else "kecamatan"
    lines = [
        f"Active recipients per {where_by} and programme"
        if en
        else f"Penerima aktif per {where_by} dan program",
        f"{place:<40} {'Programme' if en else 'Program':<9} "
        f"{'Recipients' if en else 'Penerima':>9}",
    ]
    if not rows:
        lines.append(
            "(no recipients yet: fill the registry with 'sibaso ingest')"
            if en
            else "(belum ada penerima: isi dulu dengan 'sibaso ingest')"
        )
    per_programme: dict[str, int] = {}
    for r in rows:
        where = r.kecamatan_name or r.kecamatan_code or "-"
        if by == "desa":
            where += f" / {r.desa_name or r.desa_code or '-'}"
        lines.append(f"{where:<40} {r.programme:<9} {n(r.count):>9}")
        per_programme[r.programme] = per_programme.get(r.programme, 0) + r.count
    if rows:
        lines.append("Total per programme:" if en else "Jumlah per program:")
        lines += [f"  {p:<47} {n(c):>9}" for p, c in sorted(per_programme.items())]
        everything = "All programmes" if en else "Semua program"
        lines.append(f"  {everything:<47} {n(sum(per_programme.values())):>9}")
    return "\n".join(lines)


@click.command("demo")
@click.option(
    "--persons", type=int, default=5000, show_default=True, help="How many synthetic residents."
)
@click.option(
    "--out", "folder", default="sibaso-demo", show_default=True, type=click.Path(file_okay=False)
)
@click.option("--seed", type=int, default=2017, show_default=True)
@click.option(
    "--force",
    is_flag=True,
    help="Rebuild even when the demo registry holds tokens or complaints (kept as .bak).",
)
@lang_option
def demo_command(persons: int, folder: str, seed: int, force: bool, lang: str) -> None:
    """Generate a synthetic Langkat, ingest its programme files, match and look up."""
    from sibaso.demo import DemoWouldDiscard, run_demo

    try:
        with progress_bar("demo") as bar:
            run_demo(
                folder,
                persons=persons,
                seed=seed,
                say=click.echo,
                progress=bar,
                force=force,
                lang=lang,
            )
    except DemoWouldDiscard as exc:
        raise click.ClickException(exc.localized(lang)) from exc
