"""The progress bar the CLI hands to services (:mod:`sibaso.core.progress`), drawn with rich.

Shown on standard error only when it is a terminal and the command is not writing ``--json``:
a pipe, a log file or a script reading JSON sees nothing. With a known total it shows percent,
the count, the rate and the time left; without one, the count and the rate.

The bar starts no thread: rich's automatic refresh runs in one, and a process with a second
thread may not fork (:func:`sibaso._fork.fork_allowed`) — an ingest on a terminal would lose
its forked reader. The bar is redrawn from the updates instead, at most :data:`REFRESH` times
a second.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from sibaso.core.labels import number

__all__ = ["REFRESH", "Bar", "progress_bar"]

#: Redraws per second at most.
REFRESH = 5
#: The units services count in (Bahasa Indonesia) in English, for ``--lang en``.
UNITS_EN = {"baris": "rows", "orang": "people", "berkas": "files", "bagian": "parts"}


def _lang() -> str:
    from sibaso.cli._click_id import wants_english

    return "en" if wants_english() else "id"


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """``1.234 baris/dtk``."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            if not speed and task.finished and task.elapsed and task.completed:
                speed = task.completed / task.elapsed
            if not speed or task.fields.get("counted") is False:
                return Text("")
            lang = _lang()
            per = "/s" if lang == "en" else "/dtk"
            return Text(f"{number(speed, lang)}{per}", style="progress.data.speed")

    return RateColumn()


def _count_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class CountColumn(ProgressColumn):
        """``12.000/50.000 baris`` (or ``12.000 baris`` without a total)."""

        def render(self, task: Any) -> Text:
            lang = _lang()
            unit = task.fields.get("unit", "baris")
            if lang == "en":
                unit = UNITS_EN.get(unit, unit)
            if task.fields.get("counted") is False:
                finished = "done" if lang == "en" else "selesai"
                return Text(finished if task.finished else "", style="progress.download")
            done = number(int(task.completed), lang)
            if task.total is None:
                return Text(f"{done} {unit}", style="progress.download")
            total = number(int(task.total), lang)
            return Text(f"{done}/{total} {unit}", style="progress.download")

    return CountColumn()


def _short(label: str, width: int = 24) -> str:
    """A label that fits its column (a long file name keeps its end)."""
    return label if len(label) <= width else "…" + label[-(width - 1) :]


class Bar:
    """A :class:`sibaso.core.progress.Progress` and ``Staged`` drawn on a rich console."""

    def __init__(self, progress: Any, label: str, total: int | None, unit: str) -> None:
        self._progress = progress
        self._task = progress.add_task(_short(label), total=total, unit=unit)
        self._drawn = 0.0
        self._draw(now=True)

    def _draw(self, *, now: bool = False) -> None:
        """Redraw (no refresh thread runs): always when ``now``, else at most REFRESH/s."""
        clock = time.monotonic()
        if now or clock - self._drawn >= 1 / REFRESH:
            self._drawn = clock
            self._progress.refresh()

    def _current(self) -> Any:
        return next(t for t in self._progress.tasks if t.id == self._task)

    def __call__(self, done: int) -> None:
        """``done`` units of the current step so far."""
        total = self._current().total
        if total is not None and done > total:  # an estimate that fell short
            self._progress.update(self._task, total=done)
        self._progress.update(self._task, completed=done)
        self._draw()

    def finish(self) -> None:
        """The current step is done: its total is what was counted (an estimate may be off)."""
        task = self._current()
        done = int(task.completed) or int(task.total or 0)
        if done == 0:  # a step that counted nothing: shown as done, without a count
            self._progress.update(self._task, total=1, completed=1, counted=False)
        else:
            self._progress.update(self._task, total=done, completed=done)
        self._draw(now=True)

    def set_total(self, total: int | None) -> None:
        """The total of the current step, once known."""
        self._progress.update(self._task, total=total)
        self._draw(now=True)

    def stage(self, label: str, total: int | None = None, unit: str = "baris") -> None:
        """Close the current step (as done) and start a new bar line."""
        self.finish()
        self._task = self._progress.add_task(_short(label), total=total, unit=unit)
        self._draw(now=True)


def wanted(as_json: bool = False, stream: IO[str] | None = None) -> bool:
    """A bar is drawn only on a terminal, and never under ``--json``."""
    stream = stream or sys.stderr
    return not as_json and bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def progress_bar(
    label: str,
    *,
    total: int | None = None,
    unit: str = "baris",
    as_json: bool = False,
    stream: IO[str] | None = None,
    force: bool = False,
) -> Iterator[Bar | None]:
    """A bar on ``stream`` (standard error) for a ``with`` block; ``None`` when not shown.

    ``force`` draws it on any stream (tests).
    """
    stream = stream or sys.stderr
    if not force and not wanted(as_json, stream):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(file=stream, force_terminal=force or None, width=100 if force else None)
    columns = (
        TextColumn("[progress.description]{task.description:<24}"),
        BarColumn(bar_width=16),
        TaskProgressColumn(),
        _count_column(),
        _rate_column(),
        TimeRemainingColumn(),
    )
    # lines the command prints meanwhile go above the bar (only when both are on a terminal)
    redirect = bool(getattr(sys.stdout, "isatty", lambda: False)()) and stream is sys.stderr
    with Progress(
        *columns,
        console=console,
        transient=False,
        auto_refresh=False,  # no refresh thread: a threaded process may not fork its reader
        redirect_stdout=redirect,
        redirect_stderr=False,
    ) as progress:
        bar = Bar(progress, label, total, unit)
        yield bar
        bar.finish()
