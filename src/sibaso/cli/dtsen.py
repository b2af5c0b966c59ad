"""``sibaso audit | desil | tanpa-bansos`` and ``sibaso diff DTSEN``: DTSEN from the shell.

Desil is officer data: these commands are for officers at the Dinas, and ``--as OFFICER``
keeps the kecamatan an officer serves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sibaso.cli._lang import lang_option, language, told
from sibaso.cli._progress import progress_bar
from sibaso.cli.registry import _dump, _open, db_option
from sibaso.core.errors import SibasoError
from sibaso.core.labels import number

__all__ = [
    "audit_command",
    "desil_command",
    "register_dtsen_commands",
    "unreached_command",
]

as_option = click.option(
    "--as", "officer_id", help="Officer id from the roster: only the kecamatan they serve."
)


def _actor(registry: Any, officer_id: str | None) -> Any:
    if officer_id is None:
        return None
    try:
        return registry.complaints.actor(officer_id)
    except SibasoError as exc:
        raise click.ClickException(told(exc, language())) from exc


@click.command("audit")
@db_option
@click.option(
    "--rules",
    "rules",
    type=click.Path(dir_okay=False),
    help="Rules file (TOML); default SIBASO_RULES, else the built-ins.",
)
@click.option(
    "--edition", help="DTSEN edition to audit against (default: the newest), e.g. v3-2026."
)
@as_option
@click.option("--json", "as_json", is_flag=True, help="Print {findings, summary} as JSON.")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    help="Write a workbook per desa (.xlsx) for pendamping.",
)
@click.option(
    "--mask", is_flag=True, help="Mask NIK and No. KK in --out (to share beyond officers)."
)
@lang_option
def audit_command(
    db: str,
    rules: str | None,
    edition: str | None,
    officer_id: str | None,
    as_json: bool,
    out: str | None,
    mask: bool,
    lang: str,
) -> None:
    """Targeting audit: who is enrolled but should not be, and who qualifies but gets nothing."""
    registry = _open(db)
    try:
        actor = _actor(registry, officer_id)
        try:
            with progress_bar("audit", as_json=as_json) as bar:
                result = registry.audit(rules, edition=edition, actor=actor, progress=bar)
        except (SibasoError, ValueError) as exc:
            raise click.ClickException(told(exc, lang)) from exc
    finally:
        registry.close()
    if out:
        from sibaso.report.audit_xlsx import write_audit

        written = write_audit(result, Path(out), lang=lang, mask=mask)
        click.echo(
            f"Buku kerja: {written}" if lang == "id" else f"Workbook: {written}", err=as_json
        )
    if as_json:
        _dump(result.to_dict())
        return
    _print_summary(result, lang, click.echo)


def _print_summary(result: Any, lang: str, say: Callable[[str], None]) -> None:
    from sibaso.registry.audit import FINDING_LABELS

    labels = FINDING_LABELS[lang]
    if result.edition is None:
        say(
            "Belum ada DTSEN di basis data: hanya penerima meninggal yang dapat dicari."
            if lang == "id"
            else "No DTSEN in the database: only deceased recipients can be found."
        )
    else:
        say(
            f"DTSEN {result.edition}; aturan: {result.rules.origin}"
            if lang == "id"
            else f"DTSEN {result.edition}; rules: {result.rules.origin}"
        )
    if result.rules.builtin and result.rules.note and lang == "id":
        say(f"  ({result.rules.note})")
    for programme, counts in result.summary.items():
        parts = ", ".join(f"{labels.get(k, k)} {number(v, lang)}" for k, v in counts.items())
        say(f"  {programme:<8} {parts}")
    for programme, why in result.skipped.items():
        say(
            f"  {programme:<8} tidak diaudit: {why}"
            if lang == "id"
            else f"  {programme:<8} not audited: {why}"
        )


@click.command("desil")
@click.argument("kk")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def desil_command(kk: str, db: str, as_json: bool, lang: str) -> None:
    """The desil of a family (No. KK) in each DTSEN edition, and how it changed (officers)."""
    registry = _open(db, lang=lang)
    try:
        try:
            history = registry.desil(kk)
        except SibasoError as exc:
            raise click.UsageError(told(exc, lang)) from exc
    finally:
        registry.close()
    if as_json:
        _dump(history.to_dict())
        return
    en = lang == "en"
    if not history.editions:
        click.echo(
            "This family is in no stored DTSEN edition."
            if en
            else "Keluarga ini tidak ada di DTSEN yang tersimpan."
        )
        return
    for entry in history.editions:
        change = entry["change"]
        moved = ""
        if change and change["nasional"] is not None:
            if change["nasional"]:
                since = "since the edition before" if en else "dari edisi sebelumnya"
                moved = f" ({change['nasional']:+d} {since})"
            else:
                moved = " (unchanged)" if en else " (tetap)"
        national, province, regency = (
            ("national", "province", "kabupaten") if en else ("nasional", "provinsi", "kabupaten")
        )
        click.echo(
            f"{entry['edition']}: desil {national} {entry['desil_nasional'] or '-'}, {province} "
            f"{entry['desil_provinsi'] or '-'}, {regency} {entry['desil_kabupaten'] or '-'}{moved}"
        )


@click.command("tanpa-bansos")
@click.option(
    "--max-desil",
    type=click.IntRange(1, 10),
    required=True,
    help="Families at or under this desil.",
)
@click.option(
    "--scale",
    type=click.Choice(["nasional", "provinsi", "kabupaten"]),
    default="nasional",
    show_default=True,
)
@db_option
@as_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def unreached_command(
    max_desil: int, scale: str, db: str, officer_id: str | None, as_json: bool, lang: str
) -> None:
    """DTSEN families at or under a desil that no programme reaches (BLT Dana Desa candidates)."""
    registry = _open(db)
    try:
        actor = _actor(registry, officer_id)
        try:
            rows = registry.receives_nothing(max_desil, scale=scale, actor=actor)
        except (SibasoError, ValueError) as exc:
            raise click.ClickException(told(exc, lang)) from exc
    finally:
        registry.close()
    if as_json:
        _dump(rows)
        return
    click.echo(
        f"{number(len(rows), lang)} families with desil ≤ {max_desil} ({scale}) are reached by "
        "no programme."
        if lang == "en"
        else f"{number(len(rows))} keluarga desil ≤ {max_desil} ({scale}) tidak menerima program "
        "apa pun."
    )
    for row in rows:
        click.echo(
            f"  {row['kk']}  desil {row['desil']}  {row['kecamatan_code'] or '-'}  "
            f"{row['desa_code'] or '-'}"
        )


def register_dtsen_commands(add: Callable[[click.Command], None]) -> None:
    """Add the DTSEN commands to the ``sibaso`` group."""
    for command in (audit_command, desil_command, unreached_command):
        add(command)
