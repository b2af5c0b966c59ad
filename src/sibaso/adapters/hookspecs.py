"""The hooks a sibaso plugin can implement (pluggy, project name ``sibaso``).

A plugin is any module or object with functions decorated by :data:`hookimpl`. Built-in
adapters are plugins like any other; third-party ones are found through the ``sibaso``
entry-point group. Every hook is documented in ``docs/plugins.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("sibaso")
hookimpl = pluggy.HookimplMarker("sibaso")

__all__ = ["hookimpl", "hookspec"]


@hookspec
def register_programmes(register: Callable[..., Any]) -> None:
    """Add programmes or eras to the catalogue.

    ``register`` is :meth:`sibaso.core.programmes.Catalogue.register`; call it once per
    programme or era to add. Called once when the default catalogue is first built.
    """
