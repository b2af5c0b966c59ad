"""Read a large file in a forked child process while this one writes to the store.

Reading and validating rows is pure Python and holds the GIL, and so do the store's inserts;
a thread cannot overlap them. A child process can: it reads, validates and turns records into
store rows, and sends them through a pipe in batches; the parent only inserts. On two cores
this makes an ingest of a large CSV about 1.5× faster. The pipe is bounded, so the child
never runs far ahead (memory stays flat), and the parent's transaction is untouched: if the
child fails or is killed, the parent raises and rolls back, storing nothing.

The child is forked, not spawned, so it has the same plugins and adapters as the parent
(including ones registered at run time). Forking is done only when it is safe and worth it:
on Linux, with at least two CPUs, in a process with no other threads (a web server's worker
reads in-process), and for files of at least :data:`MIN_BYTES`. ``SIBASO_INGEST_FORK=0``
turns it off, ``=1`` forces it (tests).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import attrs

from sibaso.adapters.report import ReadReport

__all__ = ["MIN_BYTES", "read_in_child", "use_child"]

MIN_BYTES = 4 << 20  # below this the fork costs more than it saves

Batches = Iterator[tuple[str, list[tuple[Any, ...]]]]


def use_child(path: Path) -> bool:
    """Whether to read ``path`` in a forked child process."""
    setting = os.environ.get("SIBASO_INGEST_FORK", "auto").strip().lower()
    if setting in ("0", "no", "off", "false") or not sys.platform.startswith("linux"):
        return False
    if threading.active_count() != 1:  # forking a threaded process can deadlock the child
        return False
    if setting in ("1", "yes", "on", "true"):
        return True
    try:
        return len(os.sched_getaffinity(0)) >= 2 and path.stat().st_size >= MIN_BYTES
    except OSError:
        return False


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
        daemon=True,
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
    except BaseException as exc:  # everything goes back to the parent, which raises it
        sender.send(("error", _portable(exc)))
    finally:
        sender.close()


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError that names it."""
    try:
        pickle.loads(pickle.dumps(exc))  # noqa: S301 - bytes we have just written
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
