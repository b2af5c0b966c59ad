"""All adapters known to this process: built-in plugins, entry-point plugins and TOML files.

``SIBASO_ADAPTERS_DIR`` names folders (separated by ``os.pathsep``) whose ``*.toml`` adapter
files are loaded too.
"""

from __future__ import annotations

import os
from pathlib import Path

from sibaso.adapters.base import Adapter, closest_field
from sibaso.adapters.fields import header_key
from sibaso.core.errors import ValidationError

__all__ = [
    "ADAPTERS_DIR_ENV",
    "all_adapters",
    "any_field_for",
    "detect",
    "get_adapter",
    "reset_adapters",
]

ADAPTERS_DIR_ENV = "SIBASO_ADAPTERS_DIR"

_adapters: dict[str, Adapter] | None = None
_union: tuple[dict[str, str], dict[str, str | None]] | None = None


def _build() -> dict[str, Adapter]:
    from sibaso.adapters.declarative import load_adapter_file
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
        cache[key] = closest_field(key, aliases)
    return cache[key]


def detect(path: Path, headers: tuple[str, ...]) -> Adapter | None:
    """The adapter for a file: a plugin's claim first, else the best signature match."""
    from sibaso.plugins import get_plugin_manager

    claimed = get_plugin_manager().hook.claim_file(path=path, headers=headers)
    if claimed:
        return get_adapter(claimed)
    scored = sorted(
        ((adapter.score(list(headers)), name) for name, adapter in all_adapters().items()),
        reverse=True,
    )
    if not scored or scored[0][0] == 0:
        return None
    return all_adapters()[scored[0][1]]
