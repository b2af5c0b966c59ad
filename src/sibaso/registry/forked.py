"""Read a large file in a forked child process while this one writes to the store.

Reading and validating rows is pure Python and holds the GIL, and so do the store's inserts;
a thread cannot overlap them. A child process can: it reads, validates and turns records into
store rows, and sends them through a pipe in batches; the parent only inserts. On two cores
this makes an ingest of a large CSV about 1.5× faster. The pipe is bounded, so the child
never runs far ahead (memory stays flat), and the parent's transaction is untouched: if the
child fails or is killed, the parent raises and rolls back, storing nothing.

When forking is safe and ``SIBASO_FORK`` allows it is decided in :mod:`sibaso._fork`;
here a file is worth it from :data:`MIN_BYTES` on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from sibaso._fork import fork_allowed, forked_iter
from sibaso.adapters.pipeline.read_report import ReadReport

__all__ = ["MIN_BYTES", "read_in_child", "use_child"]

MIN_BYTES = 4 << 20  # below this the fork costs more than it saves

Batches = Iterator[tuple[str, list[tuple[Any, ...]]]]


def use_child(path: Path) -> bool:
    """Whether to read ``path`` in a forked child process."""
    try:
        big = path.stat().st_size >= MIN_BYTES
    except OSError:
        return False
    return fork_allowed(worth_it=big)


def read_in_child(
    job: Any,
    report: ReadReport,
    collected: Any,
    progress: Callable[[int], None] | None,
    batches: Callable[..., Batches],
) -> Batches:
    """Yield what ``batches(job, report, collected, progress)`` yields, computed in a child.

    ``report`` and ``collected`` are filled in when the child is done, as if read here.
    """
    wants_progress = progress is not None

    def messages() -> Iterator[tuple[Any, ...]]:  # runs in the child
        child_report = ReadReport(file=report.file)
        marks: list[int] = []
        mark = marks.append if wants_progress else None
        for kind, rows in batches(job, child_report, collected, mark):
            yield from (("progress", done) for done in marks)
            marks.clear()
            yield ("rows", kind, rows)
        yield from (("progress", done) for done in marks)
        yield ("done", child_report, collected)

    for message in forked_iter(messages, what=f"reading {job.path}", batch=1):
        if message[0] == "rows":
            yield message[1], message[2]
        elif message[0] == "progress":
            if progress is not None:
                progress(message[1])
        else:
            _copy_into(report, message[1])
            _copy_into(collected, message[2])


def _copy_into(target: Any, source: Any) -> None:
    for field in attrs.fields(type(target)):
        setattr(target, field.name, getattr(source, field.name))
