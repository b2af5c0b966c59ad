"""Built-in plugin: registers the programme lineages that ship with sibaso.

``tryfirst`` so that the built-in lineages come first in the default catalogue's order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sibaso.core.lineages import BUILTIN_PROGRAMMES
from sibaso.hookspecs import hookimpl

__all__ = ["register_programmes"]


@hookimpl(tryfirst=True)
def register_programmes(register: Callable[..., Any]) -> None:
    """Register every programme of :data:`~sibaso.core.lineages.BUILTIN_PROGRAMMES`."""
    for programme in BUILTIN_PROGRAMMES:
        register(programme)
