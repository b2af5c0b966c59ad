"""``sibaso report``: the recap workbook (charts included) or one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from sibaso.cli._lang import lang_option
from sibaso.cli._progress import progress_bar
from sibaso.cli.registry import _open, db_option
from sibaso.core.labels import number

#: What ``--out`` may end with, and the format it means.
KNOWN_SUFFIXES = {".xlsx": "xlsx", ".html": "html", ".htm": "html"}


@click.command("report")
@db_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    help="Where to write (default rekap.xlsx or rekap.html).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "html"]),
    help="xlsx (default) or html; taken from --out's suffix when not given.",
)
@click.option("--mask", is_flag=True, help="Mask NIK, No. KK and names (to share wider).")
@lang_option
def report_command(db: str, out: str | None, fmt: str | None, mask: bool, lang: str) -> None:
    """Recap with charts: recipients, match quality, gaps, complaints, rows to fix."""
    from sibaso.report import build_report, write_html, write_xlsx

    suffix = Path(out).suffix.lower() if out else ""
    if out and suffix not in KNOWN_SUFFIXES:
        raise click.BadParameter(
            f"akhiran {suffix or '(kosong)'} tidak dikenal: laporan ditulis sebagai "
            f".xlsx atau .html (misalnya --out rekap.xlsx). Untuk dicetak, buka rekap.html di "
            f"peramban lalu Cetak → Simpan sebagai PDF.",
            param_hint="--out",
        )
    if fmt is None:
        fmt = "html" if suffix in (".html", ".htm") else "xlsx"
    elif out and KNOWN_SUFFIXES[suffix] != fmt:
        raise click.BadParameter(
            f"--format {fmt} tidak cocok dengan berkas {Path(out).name}", param_hint="--out"
        )
    target = Path(out or f"rekap.{fmt}")
    registry = _open(db)
    try:
        with progress_bar("rekap", unit="bagian") as bar:
            data = build_report(registry, mask=mask, progress=bar)
    finally:
        registry.close()
    written = write_html(data, target) if fmt == "html" else write_xlsx(data, target)
    recipients, fixes = number(data.recipients, lang), number(len(data.fixes), lang)
    if lang == "en":
        click.echo(f"Active recipients {recipients}, rows to fix {fixes}.")
        click.echo(f"Report: {written}")
    else:
        click.echo(f"Penerima aktif {recipients}, baris perlu diperbaiki {fixes}.")
        click.echo(f"Laporan: {written}")
