"""The optional compiled helpers, ``sibaso._speedups`` (C, built at install when a compiler is
there), or None when they are missing or turned off with ``SIBASO_SPEEDUPS=0``.

Each helper has a Python twin that does the same; tests check that the two agree.
"""

from __future__ import annotations

import os
from types import ModuleType

__all__ = ["speedups"]


def speedups() -> ModuleType | None:
    """The compiled module, unless it is absent or ``SIBASO_SPEEDUPS=0``."""
    if os.environ.get("SIBASO_SPEEDUPS", "1").strip() == "0":
        return None
    try:
        from sibaso import _speedups
    except ImportError:
        return None
    return _speedups
