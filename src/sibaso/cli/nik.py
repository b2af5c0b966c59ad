"""``sibaso nik check``: validate NIKs and say what they encode."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from sibaso.core import nik as nik_rules
from sibaso.core.errors import InvalidNIK

SEX_WORDS = {"id": {"L": "laki-laki", "P": "perempuan"}, "en": {"L": "male", "P": "female"}}
WORDS = {
    "id": {"valid": "sah", "invalid": "tidak sah", "born": "lahir", "warning": "peringatan"},
    "en": {"valid": "valid", "invalid": "invalid", "born": "born", "warning": "warning"},
}


def check_one(value: str, *, strict: bool, lang: str) -> dict[str, Any]:
    """The JSON-ready verdict on one value."""
    try:
        parsed = nik_rules.parse(value, strict=strict)
    except InvalidNIK as exc:
        cleaned = nik_rules.compact(value)
        return {
            "input": value,
            "valid": False,
            "nik": cleaned if len(cleaned) == 16 and cleaned.isdigit() else None,
            "error": exc.code,
            "message": exc.localized(lang),
            "warnings": [],
            "birth_date": None,
            "sex": None,
            "region": None,
        }
    region = parsed.region
    return {
        "input": value,
        "valid": True,
        "nik": parsed.value,
        "error": None,
        "message": None,
        "warnings": [{"code": w.code, "message": w.localized(lang)} for w in parsed.warnings],
        "birth_date": parsed.birth_date.isoformat(),
        "sex": parsed.sex.value,
        "region": {
            "province": region.province,
            "regency": region.regency,
            "district": region.district,
        },
    }


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
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
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
