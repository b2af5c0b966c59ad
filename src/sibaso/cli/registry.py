"""``sibaso ingest | match | lookup | diff | recap``: the registry from the shell."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from sibaso.cli._progress import progress_bar
from sibaso.core.errors import InvalidNIK, SibasoError, SourceError
from sibaso.readers.estimate import estimate_rows
from sibaso.registry.lookup import VIA_LABELS_ID

DB_HELP = "Registry: a SQLite file (default sibaso.sqlite) or a postgresql:// DSN."
db_option = click.option(
    "--db", "db", default="sibaso.sqlite", show_default=True, help=DB_HELP, envvar="SIBASO_DB"
)


def _open(db: str, *, create: bool = False) -> Any:
    """The registry at ``db``; only commands that store data may create a new file."""
    from sibaso.app import open_registry

    if not create and "://" not in db and db != ":memory:" and not Path(db).exists():
        raise click.ClickException(
            f"Basis data {db} tidak ada (periksa ejaannya, atau isi dulu dengan "
            f"'sibaso ingest FILE --db {db}'). / The database {db} does not exist."
        )
    try:
        return open_registry(db)
    except SibasoError as exc:
        raise click.ClickException(str(exc)) from exc


def check_period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A ``--period`` the registry understands, refused at once otherwise."""
    if value is None:
        return None
    from sibaso.core.model import Period

    try:
        return str(Period.parse(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option("--programme", help="Programme (any name the catalogue knows).")
@click.option("--period", help="Period: 2024, 2024-Q1, 2024-T2.", callback=check_period)
@click.option("--decree", help="Decree (SK) the list comes from.")
@click.option("--adapter", "adapter_name", help="Adapter name (see 'sibaso adapters').")
@click.option("--scope", help="What the list covers (default: the kecamatan in it).")
@click.option(
    "--kind",
    type=click.Choice(["population", "programme", "household"]),
    help="What the file is, when its headers do not say it.",
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
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
                with progress_bar(
                    Path(file).name, total=estimate_rows(file), as_json=as_json
                ) as bar:
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
            except SourceError as exc:
                failed = True
                outputs.append(
                    {
                        "file": file,
                        "error": exc.code,
                        "message": exc.reason,
                        "stored": 0,
                        "already_present": False,
                    }
                )
                if not as_json:
                    click.echo(f"{file}: tidak disimpan ({exc.code}) - {exc.reason}", err=True)
                continue
            except (SibasoError, ValueError) as exc:
                raise click.UsageError(str(exc)) from exc
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


@click.command("match")
@db_option
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Write the links to this .xlsx file.",
)
def match_command(db: str, as_json: bool, report_path: str | None) -> None:
    """Match (padan) every programme row against the population data."""
    registry = _open(db)
    try:
        with progress_bar("padan", as_json=as_json) as bar:
            report = registry.match(progress=bar)
    finally:
        registry.close()
    if report_path:
        from sibaso.registry.report_xlsx import write_links

        write_links(report, Path(report_path))
    if as_json:
        _dump(report.to_dict())
        return
    for status, count in sorted(report.counts.items()):
        click.echo(f"{status:<18} {count:>8,}")


@click.command("lookup")
@click.argument("nik")
@db_option
@click.option("--officer", is_flag=True, help="Officer view: names, NIKs, address, family.")
@click.option("--as", "actor", help="Who is looking (recorded in the audit log).")
@click.option("--json", "as_json", is_flag=True)
def lookup_command(nik: str, db: str, officer: bool, actor: str | None, as_json: bool) -> None:
    """Which programmes reach this NIK: directly, through the family or the household."""
    registry = _open(db)
    try:
        if officer and actor:
            # an officer named by --as sees only the kecamatan the roster gives them
            staff = registry.complaints.actor(actor)
            result = registry.complaints.officer_lookup(staff, nik)
        else:
            result = registry.lookup(nik, view="officer" if officer else "public", actor=actor)
    except InvalidNIK as exc:
        if as_json:
            _dump({"nik": None, "valid": False, "error": exc.code, "message": exc.localized("id")})
        else:
            click.echo(f"NIK tidak sah ({exc.code}): {exc.localized('id')}", err=True)
        sys.exit(1)
    except SibasoError as exc:  # unknown officer, NIK outside the officer's kecamatan
        message = exc.localized("id") if hasattr(exc, "localized") else str(exc)
        if as_json:
            _dump({"error": getattr(exc, "code", "refused"), "message": message})
        else:
            click.echo(f"Ditolak: {message}", err=True)
        sys.exit(1)
    finally:
        registry.close()
    if as_json:
        _dump(result.to_dict())
        return
    person = result.person
    if result.in_population is None:  # public view: nothing about who is registered
        click.echo(f"NIK {result.nik}:")
    else:
        click.echo(
            f"NIK {result.nik}: "
            + (
                f"{person['name']} (ada di data kependudukan)"
                if person
                else "tidak ada di data kependudukan"
            )
        )
    if not result.enrolments:
        click.echo("  tidak terdaftar di program bansos mana pun")
    via_words = VIA_LABELS_ID
    for e in result.enrolments:
        renamed = f" (dulu: {e['period_name']})" if e["period_name"] != e["name"] else ""
        click.echo(
            f"  {e['programme']:<8} {e['name']}{renamed} — {via_words[e['via']]}, "
            f"periode {e['period'] or '-'}, status {e['status'] or '-'}"
        )


@click.command("diff")
@click.argument("programme")
@click.argument("old_period")
@click.argument("new_period")
@db_option
@click.option("--json", "as_json", is_flag=True)
def diff_command(programme: str, old_period: str, new_period: str, db: str, as_json: bool) -> None:
    """Who was added, removed or changed between two periods of a programme."""
    registry = _open(db)
    try:
        result = registry.diff(programme, old_period, new_period)
    except (SibasoError, LookupError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    finally:
        registry.close()
    if as_json:
        _dump(result.to_dict())
        return
    click.echo(
        f"{result.programme} {old_period} → {new_period}: {len(result.added)} baru, "
        f"{len(result.removed)} keluar, {len(result.changed)} berubah"
    )


@click.command("recap")
@db_option
@click.option(
    "--by", type=click.Choice(["kecamatan", "desa"]), default="kecamatan", show_default=True
)
@click.option("--json", "as_json", is_flag=True)
def recap_command(db: str, by: str, as_json: bool) -> None:
    """Recipients per kecamatan (or desa) × programme."""
    import attrs

    registry = _open(db)
    try:
        rows = registry.recap(by=by)
    finally:
        registry.close()
    if as_json:
        _dump([attrs.asdict(r) for r in rows])
        return
    for r in rows:
        where = r.kecamatan_name or r.kecamatan_code or "-"
        if by == "desa":
            where += f" / {r.desa_name or r.desa_code or '-'}"
        click.echo(f"{where:<40} {r.programme:<8} {r.count:>8,}")


@click.command("demo")
@click.option(
    "--persons", type=int, default=5000, show_default=True, help="How many synthetic residents."
)
@click.option(
    "--out", "folder", default="sibaso-demo", show_default=True, type=click.Path(file_okay=False)
)
@click.option("--seed", type=int, default=2017, show_default=True)
def demo_command(persons: int, folder: str, seed: int) -> None:
    """Generate a synthetic Langkat, ingest its programme files, match and look up."""
    from sibaso.demo import run_demo

    with progress_bar("demo") as bar:
        run_demo(folder, persons=persons, seed=seed, say=click.echo, progress=bar)
