"""``sibaso nik check``: validate NIKs and say what they encode."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from sibaso.cli._lang import lang_option
from sibaso.core import nik as nik_rules

SEX_WORDS = {"id": {"L": "laki-laki", "P": "perempuan"}, "en": {"L": "male", "P": "female"}}
WORDS = {
    "id": {"valid": "sah", "invalid": "tidak sah", "born": "lahir", "warning": "peringatan"},
    "en": {"valid": "valid", "invalid": "invalid", "born": "born", "warning": "warning"},
}


def check_one(value: str, *, strict: bool, lang: str) -> dict[str, Any]:
    """The JSON-ready verdict on one value (:func:`sibaso.core.nik.verdict`)."""
    return nik_rules.verdict(value, strict=strict, lang=lang)


def describe(result: dict[str, Any], lang: str) -> str:
    """One line in plain words."""
    words = WORDS[lang]
    if not result["valid"]:
        return f"{result['input']}: {words['invalid']} ({result['error']}) - {result['message']}"
    region = result["region"]
    place = ", ".join(p for p in (region["district"], region["regency"], region["province"]) if p)
    born = "-".join(reversed(result["birth_date"].split("-")))
    line = (
        f"{result['input']}: {words['valid']} - {SEX_WORDS[lang][result['sex']]}, "
        f"{words['born']} {born}, {place}"
    )
    for warning in result["warnings"]:
        line += f"\n  {words['warning']}: {warning['message']}"
    return line


@click.group("nik")
def nik_group() -> None:
    """NIK (Nomor Induk Kependudukan)."""


@nik_group.command("check")
@click.argument("values", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--lenient", is_flag=True, help="Warn, not fail, on an unknown kecamatan code.")
@lang_option
def check(values: tuple[str, ...], as_json: bool, lenient: bool, lang: str) -> None:
    """Check NIK values; '-' reads one value per line from standard input."""
    inputs: list[str] = []
    for value in values:
        if value == "-":
            inputs.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            inputs.append(value)
    results = [check_one(v, strict=not lenient, lang=lang) for v in inputs]
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            click.echo(describe(result, lang))
    sys.exit(0 if all(r["valid"] for r in results) else 1)
