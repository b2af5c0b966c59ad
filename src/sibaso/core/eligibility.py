"""Eligibility rules as data: which desil each programme may reach, from when, on whose word.

Programmes choose recipients by DTSEN desil, but the published thresholds disagree (PKH ≤ 4,
Sembako and PBI-JK ≤ 5, BLT Kesra ≤ 4, Sekolah Rakyat ≤ 2 in news and desa sites; one Dinas
treats desil 5 as out), so they are data an office sets, each rule with its source::

    version = "2026-01"            # optional: the rule set's own version and date
    date = 2026-01-15
    [[rule]]
    programme = "PKH"              # any catalogue name
    scale = "nasional"             # nasional | provinsi | kabupaten
    max_desil = 4                  # 1-10
    from = 2025-01-01              # optional (a date or "YYYY-MM-DD"); to = … likewise
    source = "…"                   # required: the legal or published source

>>> rules = parse_rules('''
... [[rule]]
... programme = "PKH"
... scale = "nasional"
... max_desil = 4
... from = "2025-01-01"
... source = "Pemberitaan Kemensos 2025"
... ''', "aturan.toml")
>>> rule = rules.rules[0]
>>> rule.programme, rule.scale.value, rule.max_desil, rule.applies(datetime.date(2026, 7, 1))
('PKH', 'nasional', 4, True)
>>> rules.for_programme("PKH", datetime.date(2024, 7, 1)) is None
True
>>> try:
...     parse_rules('[[rule]]\\nprogramme = "PKH"\\nscale = "nasional"\\nmax_desil = 12\\n'
...                 'source = "x"\\n', "a.toml")
... except ValidationError as exc:
...     print(exc)
a.toml line 4: rule[1].max_desil: a desil from 1 to 10 is required, not 12
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Callable
from importlib import resources
from typing import Any

import attrs

from sibaso.core.dtsen import Scale
from sibaso.core.errors import ValidationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["DEFAULT_RULES_NOTE", "Rule", "RuleSet", "default_rules", "parse_rules"]

#: What every built-in rule set says: the thresholds are published figures, not law checked
#: for this kabupaten.
DEFAULT_RULES_NOTE = (
    "Ambang bawaan ini diambil dari sumber yang dipublikasikan (berita dan situs desa) dan "
    "saling berbeda; kantor Anda WAJIB memeriksanya terhadap juknis/SK yang berlaku dan "
    "menggantinya dengan --rules FILE atau SIBASO_RULES."
)

_RULE_KEYS = frozenset({"programme", "scale", "max_desil", "from", "to", "source", "note"})
_TOP_KEYS = frozenset({"rule", "version", "date", "title", "note"})


@attrs.frozen(kw_only=True)
class Rule:
    """One programme's threshold: families at or under ``max_desil`` on ``scale`` qualify."""

    programme: str
    scale: Scale
    max_desil: int
    source: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    note: str | None = None
    line: int | None = attrs.field(default=None, eq=False)

    def applies(self, on: datetime.date | None) -> bool:
        """Whether the rule is in force on a date (an undated question: always)."""
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "programme": self.programme,
            "scale": self.scale.value,
            "max_desil": self.max_desil,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "source": self.source,
        }


@attrs.frozen(kw_only=True)
class RuleSet:
    """The rules of one file (or the built-in defaults), with where they came from."""

    rules: tuple[Rule, ...]
    origin: str
    version: str | None = None
    date: datetime.date | None = None
    note: str | None = None
    builtin: bool = False

    def for_programme(self, programme: str, on: datetime.date | None = None) -> Rule | None:
        """The rule for a programme in force on a date (the last listed wins), or None."""
        found = None
        for rule in self.rules:
            if rule.programme == programme and rule.applies(on):
                found = rule
        return found

    @property
    def programmes(self) -> list[str]:
        """The programmes the rules name, in order of first mention."""
        return list(dict.fromkeys(r.programme for r in self.rules))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "origin": self.origin,
            "version": self.version,
            "date": self.date.isoformat() if self.date else None,
            "builtin": self.builtin,
            "note": self.note,
            "rules": [r.to_dict() for r in self.rules],
        }


def _rule_lines(text: str) -> list[int]:
    """The line numbers of each ``[[rule]]`` header."""
    return [
        n
        for n, line in enumerate(text.splitlines(), start=1)
        if re.match(r"\s*\[\[\s*rule\s*\]\]", line)
    ]


def _key_line(text: str, start: int | None, key: str) -> int | None:
    """The line of ``key =`` in the table starting at line ``start``."""
    if start is None:
        return None
    lines = text.splitlines()
    for n in range(start, len(lines)):
        line = lines[n]
        if re.match(r"\s*\[", line):
            break
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return n + 1
    return start


def _date(value: object) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value.strip())
    raise ValueError(value)


def parse_rules(
    text: str,
    origin: str = "rules.toml",
    *,
    resolve: Callable[[str], str] | None = None,
    builtin: bool = False,
) -> RuleSet:
    """Parse and check a rules file's text; an error names the file, the line and the field.

    ``resolve`` turns a programme name into its catalogue code (raising ``LookupError`` for
    an unknown name); without it names are kept in capitals.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _error(origin, None, None, f"not valid TOML ({exc})") from None
    for key in data:
        if key not in _TOP_KEYS:
            raise _error(origin, _key_line(text, 0, key), key, "unknown key")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise _error(origin, None, "rule", "at least one [[rule]] table is required")
    headers = _rule_lines(text)
    rules = []
    for number, raw in enumerate(raw_rules, start=1):
        start = headers[number - 1] if number - 1 < len(headers) else None

        def fail(
            key: str | None, message: str, start: int | None = start, number: int = number
        ) -> ValidationError:
            where = f"rule[{number}]" + (f".{key}" if key else "")
            line = _key_line(text, start, key) if key else start
            return _error(origin, line, where, message)

        if not isinstance(raw, dict):
            raise fail(None, "a table is required")
        for key in raw:
            if key not in _RULE_KEYS:
                raise fail(key, "unknown key (programme, scale, max_desil, from, to, source)")
        name = raw.get("programme")
        if not isinstance(name, str) or not name.strip():
            raise fail("programme", "a programme name is required")
        if resolve is not None:
            try:
                code = resolve(name)
            except LookupError as exc:
                raise fail("programme", str(exc)) from None
        else:
            code = name.strip().upper()
        try:
            scale = Scale.parse(str(raw.get("scale", "")))
        except ValidationError:
            raise fail(
                "scale", f"use nasional, provinsi or kabupaten, not {raw.get('scale')!r}"
            ) from None
        max_desil = raw.get("max_desil")
        if type(max_desil) is not int or not 1 <= max_desil <= 10:
            raise fail("max_desil", f"a desil from 1 to 10 is required, not {max_desil!r}")
        source = raw.get("source")
        if not isinstance(source, str) or not source.strip():
            raise fail("source", "the legal or published source is required")
        dates = {}
        for key in ("from", "to"):
            try:
                dates[key] = _date(raw.get(key))
            except ValueError:
                raise fail(key, f"a date (YYYY-MM-DD) is required, not {raw.get(key)!r}") from None
        if dates["from"] and dates["to"] and dates["to"] < dates["from"]:
            raise fail("to", "ends before it starts")
        rules.append(
            Rule(
                programme=code,
                scale=scale,
                max_desil=max_desil,
                source=source.strip(),
                start=dates["from"],
                end=dates["to"],
                note=raw.get("note"),
                line=start,
            )
        )
    try:
        date = _date(data.get("date"))
    except ValueError:
        raise _error(origin, _key_line(text, 0, "date"), "date", "a date is required") from None
    version = data.get("version")
    return RuleSet(
        rules=tuple(rules),
        origin=origin,
        version=None if version is None else str(version),
        date=date,
        note=data.get("note"),
        builtin=builtin,
    )


def _error(origin: str, line: int | None, where: str | None, message: str) -> ValidationError:
    place = origin + (f" line {line}" if line else "")
    text = f"{place}: {where}: {message}" if where else f"{place}: {message}"
    return ValidationError(text, code="invalid-rules", message_id=text)


def default_rules(resolve: Callable[[str], str] | None = None) -> RuleSet:
    """The built-in rules (``core/data/eligibility.toml``), each with its source.

    >>> rules = default_rules()
    >>> rules.builtin, [(r.programme, r.max_desil) for r in rules.rules]
    (True, [('PKH', 4), ('SEMBAKO', 5), ('KIS', 5)])
    """
    text = (
        resources.files("sibaso.core")
        .joinpath("data")
        .joinpath("eligibility.toml")
        .read_text("utf-8")
    )
    return parse_rules(text, "eligibility.toml (bawaan sibaso)", resolve=resolve, builtin=True)
