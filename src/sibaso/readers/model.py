"""The two public shapes, :class:`Sheet` and :class:`Workbook`, and error mapping."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

import attrs

from sibaso._fork import ChildDied, Prefetch, fork_allowed
from sibaso.core.errors import SourceError

from .limits import Limits
from .values import Row, guard_rows

__all__ = [
    "Range",
    "RowStream",
    "Sheet",
    "Workbook",
    "fork_worth_it",
    "guarded_rows",
    "prefetched_rows",
    "safe_rows",
]

#: A merged range ``(min_row, min_col, max_row, max_col)``, 1-based and inclusive.
Range = tuple[int, int, int, int]


@attrs.define(eq=False)
class Sheet:
    """One sheet (or HTML table, or the single sheet of a CSV file), rows read on demand.

    ``index`` is the 0-based position of the sheet among all sheets of the file, chart
    sheets included, so it matches the tab order the operator sees. ``merged_ranges`` lists
    the merged cells the format knows of; the value of a merged range sits in its top-left
    cell, the other cells of the range are ``None``.
    """

    name: str
    hidden: bool
    index: int
    merged_ranges: list[Range] = attrs.field(factory=list, kw_only=True)
    _source: Callable[[], Iterator[Row]] = attrs.field(kw_only=True, repr=False, alias="source")
    #: the same rows as columns, for a bulk reader (see :meth:`table`); None for formats
    #: that cannot give them
    _table: Callable[[ModuleType, int], Any] | None = attrs.field(
        default=None, kw_only=True, repr=False, alias="table"
    )

    def rows(self) -> Iterator[Row]:
        """``(row_number, cells)`` for each non-empty row, in file order.

        ``row_number`` is the 1-based number the operator sees (for CSV, the record number,
        the header line being 1). ``cells`` is a tuple of raw values with trailing empty
        cells trimmed. Raises :class:`~sibaso.core.errors.SourceError` if the file turns out
        to be unreadable part-way: collect all rows before acting on any of them.
        """
        return self._source()

    def table(self, polars: ModuleType, after: int) -> Any:
        """The rows after row ``after`` as a polars ``DataFrame``, or None.

        Column ``c0``, ``c1``, … holds the cells of column A, B, … as text (an empty cell is
        null), column ``row`` the row number; it has exactly the rows :meth:`rows` gives
        after ``after``, with the same cells. None when the format or this file cannot be
        read so (a quote, a lone carriage return, …): the caller then reads :meth:`rows`.
        ``polars`` is the module, passed in by a caller that may use it (this layer never
        imports it).
        """
        if self._table is None:
            return None
        return self._table(polars, after)


@attrs.define(eq=False)
class Workbook:
    """An opened source file: a context manager giving its sheets.

    ``format`` is what the content is (``xlsx``, ``xls``, ``ods``, ``csv``, ``html``), not
    what the file name says; ``engine`` is the reader used (``calamine``, ``openpyxl``,
    ``csv``, ``html``). ``encoding`` and ``delimiter`` are set for text formats.
    """

    path: Path
    format: str
    engine: str
    _sheets: list[Sheet] = attrs.field(alias="sheets", repr=False)
    encoding: str | None = None
    delimiter: str | None = None
    _close: Callable[[], None] | None = attrs.field(default=None, alias="close", repr=False)
    closed: bool = attrs.field(default=False, init=False)

    def sheets(self) -> list[Sheet]:
        """Every sheet, in file order, hidden ones included (see :attr:`Sheet.hidden`)."""
        return list(self._sheets)

    def close(self) -> None:
        """Release the file; rows can no longer be read."""
        if not self.closed:
            self.closed = True
            if self._close is not None:
                self._close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    detail = text[0][:200] if text else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def as_source_error(path: object, exc: BaseException, what: str) -> SourceError:
    """Map an engine's exception to a :class:`SourceError` naming ``what`` failed."""
    if isinstance(exc, SourceError):
        return exc
    if isinstance(exc, MemoryError):
        return SourceError(path, f"{what} needs more memory than is available", code="too-large")
    name = type(exc).__name__
    if name in ("DTDForbidden", "EntitiesForbidden", "ExternalReferenceForbidden"):
        return SourceError(path, f"{what} contains a DTD or entity declaration", code="unsafe-xml")
    if name == "CalamineError" and "limit" in str(exc).lower():
        return SourceError(
            path, f"{what} holds too many cells ({_describe(exc)})", code="too-large"
        )
    if name == "PasswordError":
        return SourceError(path, "the workbook is password-protected", code="encrypted")
    return SourceError(
        path, f"{what} is damaged and cannot be read ({_describe(exc)})", code="corrupt"
    )


def is_fatal(exc: BaseException) -> bool:
    """Whether an exception must propagate untouched (interrupts, generator exits)."""
    return isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)


#: Workbooks from this size on are parsed in a forked child while this process converts rows.
FORK_MIN_BYTES = 1 << 20


def safe_rows(
    path: Path,
    sheet: str,
    produce: Callable[[], Iterable[Row]],
    limits: Limits,
    is_closed: Callable[[], bool],
    *,
    heavy: bool = False,
) -> Iterator[Row]:
    """Guarded rows of one sheet; every failure, even half-way, is a :class:`SourceError`.

    ``heavy`` marks formats whose parsing costs more than what the caller does with a row
    (xlsx, ods, xls): for a large file the sheet is then parsed in a forked child process
    (see :mod:`sibaso._fork`), with the same rows and errors in the same order; the rows
    are then a :class:`RowStream`, whose rest a bulk reader may take many at a time.
    """
    if heavy:
        return RowStream(_heavy_batches(path, sheet, produce, limits, is_closed))
    return _safe_rows(path, sheet, produce, limits, is_closed)


def _safe_rows(
    path: Path,
    sheet: str,
    produce: Callable[[], Iterable[Row]],
    limits: Limits,
    is_closed: Callable[[], bool],
) -> Iterator[Row]:
    if is_closed():
        raise ValueError("the workbook is closed")
    yield from guarded_rows(path, sheet, produce, limits)


def _heavy_batches(
    path: Path,
    sheet: str,
    produce: Callable[[], Iterable[Row]],
    limits: Limits,
    is_closed: Callable[[], bool],
) -> Iterator[list[Row]]:
    if is_closed():
        raise ValueError("the workbook is closed")
    if fork_worth_it(path):
        prefetch = Prefetch(
            lambda: guarded_rows(path, sheet, produce, limits), what=f"reading {path.name}"
        )
        yield from prefetch.batches()
    else:
        for row in guarded_rows(path, sheet, produce, limits):
            yield [row]


class RowStream:
    """Rows that arrive in lists (from a forked child): one at a time as any iterator of
    rows, or, by :meth:`batches`, the rest in the lists they came in."""

    def __init__(self, batches: Iterator[list[Row]]) -> None:
        self._batches = batches
        self._current: Iterator[Row] = iter(())

    def __iter__(self) -> RowStream:
        return self

    def __next__(self) -> Row:
        while True:
            for row in self._current:
                return row
            self._current = iter(next(self._batches))

    def batches(self) -> Iterator[list[Row]]:
        """The rows not read yet, in lists."""
        rest = list(self._current)
        if rest:
            yield rest
        yield from self._batches

    def close(self) -> None:
        """Stop reading (a forked child is stopped)."""
        close = getattr(self._batches, "close", None)
        if close is not None:
            close()


def fork_worth_it(path: Path) -> bool:
    """Whether to parse ``path`` in a forked child: big enough, and forking allowed here."""
    return fork_allowed(worth_it=_size(path) >= FORK_MIN_BYTES)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def prefetched_rows(
    prefetch: Prefetch, fallback: Callable[[], Iterator[Row]], is_closed: Callable[[], bool]
) -> Iterator[Row]:
    """The rows a :class:`~sibaso._fork.Prefetch` child has been reading since the workbook
    was opened; if that child (whose memory is capped) failed before giving a row, the rows
    of ``fallback()``, read the usual way."""
    return RowStream(_prefetched_batches(prefetch, fallback, is_closed))


def _prefetched_batches(
    prefetch: Prefetch, fallback: Callable[[], Iterator[Row]], is_closed: Callable[[], bool]
) -> Iterator[list[Row]]:
    if is_closed():
        prefetch.cancel()
        raise ValueError("the workbook is closed")
    given = False
    try:
        for batch in prefetch.batches():
            given = given or bool(batch)
            yield batch
    except (ChildDied, SourceError) as exc:
        if given or (isinstance(exc, SourceError) and exc.code != "too-large"):
            raise
    else:
        return
    rows = fallback()
    if isinstance(rows, RowStream):
        yield from rows.batches()
    else:
        for row in rows:
            yield [row]


def guarded_rows(
    path: Path, sheet: str, produce: Callable[[], Iterable[Row]], limits: Limits
) -> Iterator[Row]:
    """``produce()``'s rows under :func:`guard_rows`, every failure a :class:`SourceError`."""
    try:
        yield from guard_rows(path, sheet, produce(), limits)
    except SourceError:
        raise
    except BaseException as exc:  # pyo3 panics derive from BaseException
        if is_fatal(exc):
            raise
        raise as_source_error(path, exc, f"sheet {sheet!r}") from exc
