"""``sibaso read`` and ``sibaso adapters``: read source files and list the adapters."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from sibaso.cli._lang import lang_option, told
from sibaso.cli.registry import check_period
from sibaso.core.errors import SibasoError, SourceError
from sibaso.core.labels import label, number, own_text


def _progress(label: str) -> Any:
    if not sys.stderr.isatty():
        return None

    def report(rows: int) -> None:
        sys.stderr.write(f"\r{label}: {number(rows)} baris")
        sys.stderr.flush()

    return report


@click.command("read")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--programme", help="Programme (any name the catalogue knows), e.g. PKH.")
@click.option("--adapter", "adapter_name", help="Adapter name (see 'sibaso adapters').")
@click.option(
    "--adapter-file",
    type=click.Path(exists=True, dir_okay=False),
    help="A TOML adapter description.",
)
@click.option("--period", help="Period of the list: 2024, 2024-Q1, 2024-T2.", callback=check_period)
@click.option(
    "--kind",
    type=click.Choice(["population", "programme", "household"]),
    help="What the file is, when its headers do not say it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file (a list).")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Write the issues and rejected rows to this .xlsx file.",
)
@lang_option
def read_command(
    files: tuple[str, ...],
    programme: str | None,
    adapter_name: str | None,
    adapter_file: str | None,
    period: str | None,
    kind: str | None,
    as_json: bool,
    report_path: str | None,
    lang: str,
) -> None:
    """Read programme or population files and report every row's fate."""
    from sibaso.adapters.layouts.declarative import load_adapter_file
    from sibaso.adapters.pipeline.read import read

    if adapter_name and adapter_file:
        raise click.UsageError(
            "Use --adapter or --adapter-file, not both."
            if lang == "en"
            else "Pakai --adapter atau --adapter-file, jangan keduanya."
        )
    try:
        adapter = load_adapter_file(adapter_file) if adapter_file else adapter_name
    except SibasoError as exc:
        raise click.UsageError(told(exc, lang)) from exc
    outputs: list[dict[str, Any]] = []
    failed = False
    for index, file in enumerate(files):
        try:
            result = read(
                file,
                programme=programme,
                adapter=adapter,
                period=period,
                progress=_progress(Path(file).name),
                kind=kind,
            )
        except SourceError as exc:
            failed = True
            refused: dict[str, Any] = {"file": file, "error": exc.code}
            if exc.code == "programme-missing":  # what the file is is known: say it
                refused["kind"] = "programme"
            outputs.append({**refused, "message": exc.localized(lang)})
            if not as_json:
                cannot = "cannot be read" if lang == "en" else "tidak dapat dibaca"
                click.echo(f"{file}: {cannot} ({exc.code}) - {exc.localized(lang)}", err=True)
            continue
        except SibasoError as exc:
            raise click.UsageError(told(exc, lang)) from exc
        if sys.stderr.isatty():
            sys.stderr.write("\r")
        report = result.report
        outputs.append(report.to_dict(lang))
        if report_path:
            target = Path(report_path)
            if len(files) > 1:
                target = target.with_name(f"{target.stem}-{index + 1}{target.suffix}")
            report.write_xlsx(target, lang)
        if not as_json:
            click.echo(report.summary(lang))
            for issue in report.errors[:20]:
                where = (
                    f"{issue.sheet or ''} baris {issue.row}"
                    if lang == "id"
                    else f"{issue.sheet or ''} row {issue.row}"
                )
                message = issue.message if lang == "id" else issue.message_en
                click.echo(f"  {where} [{issue.column or '-'}] {issue.code}: {message}")
            if len(report.errors) > 20:
                click.echo(
                    f"  … {len(report.errors) - 20} lagi"
                    if lang == "id"
                    else f"  … {len(report.errors) - 20} more"
                )
    if as_json:
        click.echo(json.dumps(outputs, ensure_ascii=False, indent=2, default=str))
    sys.exit(1 if failed else 0)


@click.command("adapters")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def adapters_command(as_json: bool, lang: str) -> None:
    """List every adapter with its plugin, version, formats and programme."""
    from sibaso.adapters.layouts.known import all_adapters

    rows: list[dict[str, Any]] = [
        {
            "name": a.name,
            "title": a.title,
            "kind": a.kind.value,
            "programme": a.programme,
            "plugin": a.plugin,
            "version": a.version,
            "formats": list(a.formats),
        }
        for a in sorted(all_adapters().values(), key=lambda a: a.name)
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        kind = label("adapter-kind", row["kind"], lang)
        title = own_text("adapter", row["name"], row["title"], lang)
        click.echo(
            f"{row['name']:<15} {kind:<16} {row['programme'] or '-':<9} "
            f"{row['plugin']} {row['version']}  [{', '.join(row['formats'])}]  {title}"
        )
