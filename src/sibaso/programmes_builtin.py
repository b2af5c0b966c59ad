"""Built-in plugin: registers the programme lineages that ship with sibaso.

``tryfirst`` so that the built-in lineages come first in the default catalogue's order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sibaso.adapters.hookspecs import hookimpl
from sibaso.core.programmes import BUILTIN_PROGRAMMES

__all__ = ["register_programmes"]


@hookimpl(tryfirst=True)
def register_programmes(register: Callable[..., Any]) -> None:
    """Register every programme of :data:`~sibaso.core.programmes.BUILTIN_PROGRAMMES`."""
    for programme in BUILTIN_PROGRAMMES:
        register(programme)
