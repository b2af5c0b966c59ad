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

import contextlib
import multiprocessing
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import attrs

from sibaso._fork import fork_allowed, portable
from sibaso.adapters.report import ReadReport

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
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, job, report.file, collected, progress is not None, batches),
        name="sibaso-ingest-reader",
    )
    child.start()
    sender.close()
    finished = False
    try:
        while True:
            try:
                message = receiver.recv()
            except EOFError:
                child.join(5)
                raise RuntimeError(
                    f"{job.path}: the reading process ended before the file was read "
                    f"(exit code {child.exitcode}); nothing was stored"
                ) from None
            tag = message[0]
            if tag == "rows":
                yield message[1], message[2]
            elif tag == "progress":
                if progress is not None:
                    progress(message[1])
            elif tag == "done":
                _copy_into(report, message[1])
                _copy_into(collected, message[2])
                finished = True
                return
            else:  # "error"
                raise message[1]
    finally:
        receiver.close()
        if not finished and child.is_alive():
            child.terminate()
        child.join(10)


def _copy_into(target: Any, source: Any) -> None:
    for field in attrs.fields(type(target)):
        setattr(target, field.name, getattr(source, field.name))


def _child(
    sender: Connection,
    job: Any,
    file: str,
    collected: Any,
    wants_progress: bool,
    batches: Callable[..., Batches],
) -> None:
    report = ReadReport(file=file)
    progress = (lambda done: sender.send(("progress", done))) if wants_progress else None
    try:
        for kind, rows in batches(job, report, collected, progress):
            sender.send(("rows", kind, rows))
        sender.send(("done", report, collected))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent stopped reading
    except BaseException as exc:  # everything else goes back to the parent, which raises it
        with contextlib.suppress(OSError):
            sender.send(("error", portable(exc)))
    finally:
        sender.close()
