"""All adapters known to this process: built-in plugins, entry-point plugins and TOML files.

``SIBASO_ADAPTERS_DIR`` names folders (separated by ``os.pathsep``) whose ``*.toml`` adapter
files are loaded too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sibaso.adapters.layouts.adapter import Adapter, Kind, closest_field, simplify_header
from sibaso.adapters.layouts.fields import header_key
from sibaso.core.errors import UnknownProgramme, ValidationError
from sibaso.core.lineages import Catalogue, Programme

__all__ = [
    "ADAPTERS_DIR_ENV",
    "all_adapters",
    "any_field_for",
    "detect",
    "detect_explained",
    "get_adapter",
    "programme_from_name",
    "programme_in_text",
    "reset_adapters",
]

ADAPTERS_DIR_ENV = "SIBASO_ADAPTERS_DIR"

_adapters: dict[str, Adapter] | None = None
_union: tuple[dict[str, str], dict[str, str | None]] | None = None


def _build() -> dict[str, Adapter]:
    from sibaso.adapters.layouts.declarative import load_adapter_file
    from sibaso.plugins import get_plugin_manager

    found: dict[str, Adapter] = {}

    def register(adapter: Adapter) -> None:
        if not isinstance(adapter, Adapter):
            raise TypeError(f"register_adapters: expected an Adapter, got {adapter!r}")
        if adapter.name in found and found[adapter.name] != adapter:
            raise ValidationError(
                f"Two adapters are named {adapter.name!r} "
                f"(plugins {found[adapter.name].plugin} and {adapter.plugin}).",
                code="duplicate-adapter",
            )
        found[adapter.name] = adapter

    get_plugin_manager().hook.register_adapters(register=register)
    for folder in filter(None, os.environ.get(ADAPTERS_DIR_ENV, "").split(os.pathsep)):
        for path in sorted(Path(folder).glob("*.toml")):
            register(load_adapter_file(path))
    return found


def all_adapters() -> dict[str, Adapter]:
    """Every registered adapter by name (built once per process; see :func:`reset_adapters`)."""
    global _adapters
    if _adapters is None:
        _adapters = _build()
    return _adapters


def reset_adapters() -> None:
    """Forget the registry, so that plugins or folders added since are picked up."""
    global _adapters, _union
    _adapters = None
    _union = None


def get_adapter(name: str) -> Adapter:
    """The adapter with this name; an unknown name raises with the names that exist."""
    adapters = all_adapters()
    if name in adapters:
        return adapters[name]
    by_key = {header_key(n): a for n, a in adapters.items()}
    if header_key(name) in by_key:
        return by_key[header_key(name)]
    raise ValidationError(
        f"Unknown adapter {name!r}; known: {', '.join(sorted(adapters))}.", code="unknown-adapter"
    )


def any_field_for(header: str) -> str | None:
    """The field a header names for any registered adapter (used before one is chosen)."""
    global _union
    if _union is None:
        merged: dict[str, str] = {}
        for adapter in all_adapters().values():
            for key, field in adapter._alias_keys.items():
                merged.setdefault(key, field)
        _union = (merged, {})
    aliases, cache = _union
    key = header_key(header)
    if not key:
        return None
    if key not in cache:
        found = closest_field(key, aliases)
        simpler = simplify_header(header)
        if found is None and simpler and simpler != header:
            found = any_field_for(simpler)
        cache[key] = found
    return cache[key]


#: Columns only a programme list has: with one of them, a population or household layout
#: needs more than one of its own signature headers to be chosen.
LIST_MARKERS = frozenset(
    {"kip_flag", "kip_number", "nisn", "card_number", "programme_name", "batch", "distributor"}
    | {"period"}
)


def detect(
    path: Path,
    headers: tuple[str, ...],
    *,
    lists_only: bool = False,
    kind: Kind | None = None,
) -> Adapter | None:
    """The adapter for a file (see :func:`detect_explained`), or None."""
    found = detect_explained(path, headers, lists_only=lists_only, kind=kind)
    return found[0] if found is not None else None


def detect_explained(
    path: Path,
    headers: tuple[str, ...],
    *,
    lists_only: bool = False,
    kind: Kind | None = None,
) -> tuple[Adapter, tuple[str, ...]] | None:
    """The adapter for a file and the headers that chose it: a plugin's claim first, else the
    best signature match.

    Signature headers score 10 each. When the headers include a column only programme lists
    have (``Layak PIP``, ``NISN``, ``Nomor Kartu``, ``Tahap`` …) and the layout does not
    name that column itself, a population or household layout scores half, and nothing
    with a single signature header. A population layout needs a No. KK column (or family
    blocks that carry it) and two of its signature headers, or one and a relationship
    column (an automatic choice writes person data); a household layout a household-id
    column, or a KK when its family is the household. Else they are not chosen: ``Tempat
    Lahir`` and ``Tanggal Lahir`` do not make a programme list population data. Ties go to
    programme lists. ``lists_only`` (the caller named the programme) considers
    programme-list layouts only; ``kind`` only layouts of that kind.
    """
    from sibaso.plugins import get_plugin_manager

    claimed = get_plugin_manager().hook.claim_file(path=path, headers=headers)
    if claimed:
        return get_adapter(claimed), ()
    fields = {any_field_for(h) for h in headers if h}
    keys = {header_key(h): h for h in headers if h}
    markers = fields & LIST_MARKERS
    scored = []
    for name, adapter in all_adapters().items():
        if kind is not None and adapter.kind is not kind:
            continue
        hits = tuple(keys[k] for k in adapter._signature_keys if k in keys)
        score = adapter.score(list(headers))
        is_list = adapter.kind is Kind.ENROLMENT
        if not is_list:
            if lists_only:
                continue
            declared = _declared_keys(adapter)
            own = {declared[k] for k in keys if k in declared}
            if markers - own:
                score = score // 2 if score >= 20 else 0
            if adapter.kind is Kind.POPULATION:
                if score and "relationship" in fields:  # SHDK: a family register
                    score += 10
                if score < 20 or ("kk" not in fields and not adapter.family_blocks):
                    score = 0
            if (
                adapter.kind is Kind.HOUSEHOLD
                and "household_id" not in fields
                and not (adapter.family_as_household and "kk" in fields)
            ):
                score = 0
        scored.append((score, is_list, name, hits))
    scored.sort(reverse=True)
    if not scored or scored[0][0] == 0:
        return None
    return all_adapters()[scored[0][2]], tuple(sorted(scored[0][3]))


def _declared_keys(adapter: Adapter) -> dict[str, str]:
    """header key → field for the spellings the adapter itself declares (not the generic)."""
    return {
        header_key(name): field
        for field, names in adapter.fields.items()
        for name in (field, *names)
    }


def programme_from_name(path: Path, catalogue: Catalogue) -> Programme | None:
    """The one programme a file name names (``bpnt_stabat_2024.csv`` → SEMBAKO), or None.

    Words of the name, and pairs of adjacent words (``pbi_jk``, ``rs-rtlh``), are looked up
    in the catalogue; a name that names no programme, or two, gives None.
    """
    return programme_in_text(path.stem, catalogue)


def programme_in_text(text: str, catalogue: Catalogue) -> Programme | None:
    """The one programme a short text names (a file name, a title row), or None."""
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w and not w.isdigit()]
    found: dict[str, Programme] = {}
    covered: set[int] = set()
    for size in (4, 3, 2, 1):  # the longest name first: "BLT Dana Desa" is not "BLT"
        for start in range(len(words) - size + 1):
            span = set(range(start, start + size))
            if span <= covered:
                continue
            try:
                programme = catalogue.resolve(" ".join(words[start : start + size]))
            except UnknownProgramme:
                continue
            found[programme.code] = programme
            covered |= span
    return next(iter(found.values())) if len(found) == 1 else None
