"""Progress of long work, as the services report it and a front end shows it.

A service (ingest, match, the report, the demo, the audit) takes ``progress``: any callable
given the number of units done so far — ``progress(12_000)``. That is all a service needs to
know; it never imports a terminal library. When the service knows how much work there is, or
starts a new step, it says so through :func:`set_total` and :func:`start_stage`, which do nothing
for a plain callable (a bare ``lambda done: …`` keeps working). The CLI passes an object that
also has ``set_total(total)`` and ``stage(label, total, unit)`` and draws a bar with percent,
rate and time left (``sibaso.cli._progress``).

>>> seen = []
>>> class Recorder:
...     def __call__(self, done): seen.append(("done", done))
...     def set_total(self, total): seen.append(("total", total))
...     def stage(self, label, total=None, unit="baris"): seen.append((label, total, unit))
>>> bar = Recorder()
>>> start_stage(bar, "padan", total=3_000)
>>> set_total(bar, 3_100); bar(1_000)
>>> seen
[('padan', 3000, 'baris'), ('total', 3100), ('done', 1000)]

A plain callable, or none at all, is fine:

>>> set_total(print, 10); start_stage(None, "padan")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

__all__ = ["Progress", "ProgressCallback", "Staged", "set_total", "start_stage"]

#: What a service accepts: called with the number of units done so far.
ProgressCallback = Callable[[int], None]


@runtime_checkable
class Progress(Protocol):
    """A callback that can also be told the total."""

    def __call__(self, done: int) -> None:
        """``done`` units so far (rows, persons, files)."""

    def set_total(self, total: int | None) -> None:
        """How many units there are, once known (``None``: not knowable)."""


@runtime_checkable
class Staged(Protocol):
    """A callback for work done in steps (the demo: generate, write, read each file, match)."""

    def __call__(self, done: int) -> None:
        """``done`` units of the current step."""

    def stage(self, label: str, total: int | None = None, unit: str = "baris") -> None:
        """A new step named ``label`` (Bahasa Indonesia), with its total when known."""


def set_total(progress: object, total: int | None) -> None:
    """Tell ``progress`` the total, if it listens for one."""
    method = getattr(progress, "set_total", None)
    if callable(method):
        method(total)


def start_stage(
    progress: object, label: str, total: int | None = None, unit: str = "baris"
) -> None:
    """Tell ``progress`` a new step starts, if it listens for steps."""
    method = getattr(progress, "stage", None)
    if callable(method):
        method(label, total, unit)
