"""Work in a forked child process, so that two cores share a long read.

Parsing a workbook and validating its rows are both pure Python (or hold the GIL), so a
thread cannot overlap them; a child process can. sibaso forks only when it is safe and worth
it: on Linux, with at least two CPUs, from a process with no other threads (forking a
threaded process can deadlock the child; a web server's workers therefore work in-process),
and for large files. The environment variable ``SIBASO_FORK`` overrides the choice: ``0``
never forks, ``1`` always does (where it is safe), ``auto`` (the default) decides by size.

The child is forked, not spawned: it has the parent's plugins and adapters, including ones
registered at run time. Data comes back through a pipe in batches; the pipe is bounded, so a
child never runs far ahead and memory stays flat.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
import multiprocessing.util
import os
import pickle
import sys
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

__all__ = [
    "ENV",
    "ChildDied",
    "Prefetch",
    "die_with_parent",
    "fork_allowed",
    "forked_iter",
    "portable",
]

ENV = "SIBASO_FORK"

_T = TypeVar("_T")


def fork_allowed(*, worth_it: bool) -> bool:
    """Whether to fork now; ``worth_it`` is the caller's size rule (used when ``auto``)."""
    setting = os.environ.get(ENV, "auto").strip().lower()
    if setting in ("0", "no", "off", "false") or not sys.platform.startswith("linux"):
        return False
    if threading.active_count() != 1:
        return False
    if setting in ("1", "yes", "on", "true"):
        return True
    try:
        return worth_it and len(os.sched_getaffinity(0)) >= 2
    except OSError:  # pragma: no cover - no affinity information
        return False


def forked_iter(
    produce: Callable[[], Iterable[_T]], *, what: str, batch: int = 1000
) -> Iterator[_T]:
    """Yield what ``produce()`` yields, computed in a forked child, in the same order.

    An exception raised in the child is raised here, at the same point of the stream. If
    the consumer stops early, the child is stopped.
    """
    yield from Prefetch(produce, what=what, batch=batch).items()


#: children not yet finished or stopped, stopped at exit (see :func:`_stop_unfinished`)
_UNFINISHED: weakref.WeakSet[Prefetch] = weakref.WeakSet()


@atexit.register
def _stop_unfinished() -> None:
    """Stop the children whose results nobody will read any more.

    ``multiprocessing`` joins every child at exit; a child blocked on a full pipe would hold
    the dying process forever. Registered after ``multiprocessing.util`` is imported, this
    runs before its exit hook (``atexit`` runs the last registered first).
    """
    for prefetch in list(_UNFINISHED):
        if prefetch.owner == os.getpid():  # not a copy inherited by a forked process
            prefetch.cancel()


class Prefetch:
    """A forked child that starts ``produce()`` now; :meth:`items` reads its results later.

    ``memory_cap`` (bytes) bounds the child's address space beyond what it inherits: for
    work started before the input is known to be safe, so that a hostile file costs the
    child, never the machine. :meth:`cancel` stops the child if its results are not wanted.
    """

    def __init__(
        self,
        produce: Callable[[], Iterable[Any]],
        *,
        what: str,
        batch: int = 1000,
        memory_cap: int | None = None,
    ) -> None:
        self.what = what
        self.owner = os.getpid()
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._child = context.Process(
            target=_produce_in_child,
            args=(sender, produce, batch, memory_cap, self._receiver, os.getpid()),
            name=f"sibaso-{what}",
        )
        self._child.start()
        sender.close()
        _UNFINISHED.add(self)

    def items(self) -> Iterator[Any]:
        """The child's results in order; its exception, if it raised one, where it did."""
        for batch in self.batches():
            yield from batch

    def batches(self) -> Iterator[list[Any]]:
        """:meth:`items` in the lists the child sent them in (for a caller that takes many
        at a time)."""
        receiver, child, what = self._receiver, self._child, self.what
        finished = False
        try:
            while True:
                try:
                    tag, payload = receiver.recv()
                except EOFError:
                    child.join(5)
                    raise ChildDied(
                        f"{what}: the helper process ended early (exit code {child.exitcode})"
                    ) from None
                if tag == "items":
                    yield payload
                elif tag == "done":
                    finished = True
                    return
                else:
                    raise payload
        finally:
            _UNFINISHED.discard(self)
            receiver.close()
            if not finished and child.is_alive():
                child.terminate()
            child.join(10)

    def cancel(self) -> None:
        """Stop the child and drop whatever it made (for results that will not be read)."""
        _UNFINISHED.discard(self)
        self._receiver.close()
        if self._child.is_alive():
            self._child.terminate()
        self._child.join(10)


class ChildDied(RuntimeError):
    """The helper process ended without sending its results (killed, out of memory)."""


def _produce_in_child(
    sender: Connection,
    produce: Callable[[], Iterable[Any]],
    size: int,
    memory_cap: int | None,
    receiver: Connection,
    parent: int,
) -> None:
    items: list[Any] = []
    gc.disable()  # the child makes and drops rows (no cycles): the collector would only cost
    die_with_parent(parent)
    # the parent's end of the pipe: held here too, a dead parent would never be noticed
    # (a write into a pipe nobody reads raises BrokenPipeError only once no reader is left)
    receiver.close()
    try:
        if memory_cap is not None:
            _cap_memory(memory_cap)
        for item in produce():
            items.append(item)
            if len(items) >= size:
                sender.send(("items", items))
                items = []
        if items:
            sender.send(("items", items))
        sender.send(("done", None))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent stopped reading: nothing more to do
    except BaseException as exc:  # the items before it, then the error, as in-process
        with contextlib.suppress(OSError):
            if items:
                sender.send(("items", items))
            sender.send(("error", portable(exc)))
    finally:
        sender.close()


def die_with_parent(parent: int) -> None:
    """End this (forked) process when its parent dies, by any signal, even SIGKILL.

    Linux delivers SIGKILL to the child when the parent exits (``PR_SET_PDEATHSIG``); a
    parent that died before the request was made is caught by comparing the parent pid.
    Elsewhere the pipe to the parent is the only link: its end raises BrokenPipeError.
    """
    import signal

    # the parent decides when its helper stops (it terminates it, or dies and takes it
    # along): no handler inherited from the parent, no traceback of a Ctrl-C in the child
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _cap_memory(extra: int) -> None:
    """Limit this process's address space to what it has now plus ``extra`` bytes."""
    import resource

    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[0])
    cap = pages * os.sysconf("SC_PAGE_SIZE") + extra
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError that names it."""
    try:
        pickle.loads(pickle.dumps(exc))  # noqa: S301 - bytes we have just written
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
