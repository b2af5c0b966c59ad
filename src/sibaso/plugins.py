"""The plugin manager: built-in plugins first, then the ``sibaso`` entry-point group.

Set ``SIBASO_PLUGINS`` to a comma-separated list of distribution or entry-point names to
restrict which external plugins load (an empty value loads none); unset loads all.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import import_module

import pluggy

from sibaso import hookspecs
from sibaso.adapters.builtin import MODULES as BUILTIN_ADAPTERS

__all__ = ["BUILTIN_PLUGINS", "get_plugin_manager"]

#: Module paths of the plugins that ship with sibaso, in load order.
BUILTIN_PLUGINS: tuple[str, ...] = ("sibaso.programmes_builtin", *BUILTIN_ADAPTERS)


def _load_entrypoints(pm: pluggy.PluginManager) -> None:
    allowed = os.environ.get("SIBASO_PLUGINS")
    if allowed is None:
        pm.load_setuptools_entrypoints("sibaso")
        return
    names = {name.strip() for name in allowed.split(",") if name.strip()}
    if not names:
        return
    from importlib.metadata import entry_points

    for ep in entry_points(group="sibaso"):
        dist = ep.dist.name if ep.dist is not None else None
        if (ep.name in names or dist in names) and pm.get_plugin(ep.name) is None:
            pm.register(ep.load(), name=ep.name)


@cache
def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, built on first use."""
    pm = pluggy.PluginManager("sibaso")
    pm.add_hookspecs(hookspecs)
    for module_path in BUILTIN_PLUGINS:
        pm.register(import_module(module_path), name=module_path)
    _load_entrypoints(pm)
    return pm
