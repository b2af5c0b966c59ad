"""HTML tables saved with an .xls name (OpenSID and many Indonesian web applications export
lists this way); every ``<table>`` becomes a sheet.

Parsed with the standard library's :mod:`html.parser` (about 1-2 MB of table markup a
second). A file up to 16 MB is parsed once, when opened; a larger one is parsed when opened
(to count tables and note merged cells) and again, streamed, each time a sheet's rows are
read, so memory stays flat. ``colspan``/``rowspan`` cells are placed on the grid as Excel
would, their value in the top-left cell and the covered area in
:attr:`Sheet.merged_ranges`; ``<br>`` becomes a newline, entities are decoded, other runs
of whitespace count as one space (as a browser shows them). Values stay strings.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from sibaso.core.errors import SourceError

from .csvfile import detect_encoding
from .limits import Limits
from .model import Range, Sheet, Workbook, safe_rows
from .values import Cell, Row

__all__ = ["open_html"]

_MAX_TABLES = 10_000
_MAX_COLSPAN, _MAX_ROWSPAN = 1_000, 65_534
_CHUNK = 1024 * 1024
_MAX_PENDING = 2 * 1024 * 1024
_CACHE_BYTES = 16 * 1024 * 1024
_STRAY_LT = re.compile(r"<(?![A-Za-z/!?])")
_LT_STANDIN = "\ue000"  # a private-use character standing for a "<" that starts no tag
_SPACES = re.compile(r"[ \t\n\r\f]+")
_BREAK = "\x00"
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _span(value: str | None, most: int) -> int:
    try:
        return min(max(int((value or "1").strip() or 1), 1), most)
    except ValueError:
        return 1


_LINE_BREAKING = frozenset(
    ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "hr", "pre", "center")
)


class _Table:
    __slots__ = ("caption", "carry", "cell", "index", "row", "row_number", "spans")

    def __init__(self, index: int) -> None:
        self.index = index
        self.row_number = 0
        self.row: list[Cell] | None = None
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.carry: dict[int, int] = {}
        self.caption: list[str] | None = None


class _Parser(HTMLParser):
    """Emits ``(table_index, row_number, cells)`` rows and merged ranges as it goes."""

    def __init__(
        self,
        want: Callable[[int], bool],
        on_row: Callable[[int, Row], None],
        on_merge: Callable[[int, Range], None],
        on_caption: Callable[[int, str], None],
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.want = want
        self.on_row, self.on_merge, self.on_caption = on_row, on_merge, on_caption
        self.stack: list[_Table] = []
        self.tables = 0
        self.skip = 0
        # Excel shows text outside tables (a title above the table) as rows of their own,
        # so rows are numbered after the text lines that precede each table.
        self.lines = 0
        self.pending_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self.skip += 1
            return
        if tag == "table":
            self._end_line()
            table_state = _Table(self.tables)
            table_state.row_number = self.lines if not self.stack else 0
            self.stack.append(table_state)
            self.tables += 1
            if self.tables > _MAX_TABLES:
                raise ValueError(f"it holds more than {_MAX_TABLES:,} tables")
            return
        if not self.stack:
            if tag in _LINE_BREAKING:
                self._end_line()
            return
        table = self.stack[-1]
        if tag == "tr":
            self._end_row(table)
            table.row = []
            table.row_number += 1
            table.cell = None
        elif tag in ("td", "th"):
            self._end_cell(table)
            if table.row is None:
                table.row = []
                table.row_number += 1
            named = dict(attrs)
            table.spans = (
                _span(named.get("colspan"), _MAX_COLSPAN),
                _span(named.get("rowspan"), _MAX_ROWSPAN),
            )
            table.cell = []
        elif tag == "br" and table.cell is not None:
            table.cell.append(_BREAK)
        elif tag == "caption":
            table.caption = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self.skip = max(0, self.skip - 1)
            return
        if not self.stack:
            if tag in _LINE_BREAKING:
                self._end_line()
            return
        table = self.stack[-1]
        if tag in ("td", "th"):
            self._end_cell(table)
        elif tag == "tr":
            self._end_row(table)
        elif tag == "caption" and table.caption is not None:
            caption = _text(table.caption) or ""
            self.on_caption(table.index, caption)
            table.caption = None
        elif tag == "table":
            self._end_row(table)
            self.stack.pop()
            if not self.stack:
                self.lines = 0

    def _end_line(self) -> None:
        if self.pending_text:
            self.lines += 1
            self.pending_text = False

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.stack:
            if data.strip():
                self.pending_text = True
            return
        table = self.stack[-1]
        if table.cell is not None:
            table.cell.append(data)
        elif table.caption is not None:
            table.caption.append(data)

    def _end_cell(self, table: _Table) -> None:
        if table.cell is None or table.row is None:
            return
        row, column = table.row, len(table.row) + 1
        while table.carry.get(column):  # columns still covered by a rowspan from above
            row.append(None)
            column += 1
        colspan, rowspan = table.spans
        row.append(_text(table.cell) if self.want(table.index) else None)
        row.extend([None] * (colspan - 1))
        if colspan > 1 or rowspan > 1:
            number = table.row_number
            self.on_merge(table.index, (number, column, number + rowspan - 1, column + colspan - 1))
        if rowspan > 1:
            for covered in range(column, column + colspan):
                table.carry[covered] = rowspan  # decremented when this row ends
        table.cell = None

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row is None:
            return
        row = table.row
        table.row = None
        for column in list(table.carry):
            table.carry[column] -= 1
            if table.carry[column] <= 0:
                del table.carry[column]
        if self.want(table.index):
            end = len(row)
            while end and row[end - 1] is None:
                end -= 1
            self.on_row(table.index, (table.row_number, tuple(row[:end])))

    def close(self) -> None:
        super().close()
        while self.stack:
            self._end_row(self.stack.pop())


def _text(parts: list[str]) -> str | None:
    lines = "".join(parts).replace(_LT_STANDIN, "<").split(_BREAK)
    text = "\n".join(_SPACES.sub(" ", line).strip(" ") for line in lines)
    return text or None


def _encoding(path: Path) -> str:
    encoding = detect_encoding(path)
    if encoding != "cp1252":
        return encoding
    with open(path, "rb") as handle:
        match = _META_CHARSET.search(handle.read(64 * 1024))
    if match:
        try:
            return codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            pass
    return encoding


def _feed(path: Path, encoding: str, parser: _Parser) -> Iterator[None]:
    """Feed the file to ``parser`` chunk by chunk, pausing after each chunk.

    :mod:`html.parser` is slow on some malformed input: a ``<`` that starts no tag costs a
    pass of its own (so it is swapped for a stand-in first, restored in the cell text), and a
    tag, comment or script left open is re-scanned on every feed (refused past 2 MB).
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    carry = ""
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            text = carry + decoder.decode(chunk, not chunk)
            carry = text[-1:] if chunk and text.endswith("<") else ""
            parser.feed(_STRAY_LT.sub(_LT_STANDIN, text[: len(text) - len(carry)]))
            if len(parser.rawdata) > _MAX_PENDING:
                raise ValueError("an HTML tag, comment or script runs on for more than 2 MB")
            yield
            if not chunk:
                break
    parser.close()
    yield


def open_html(path: Path, limits: Limits) -> Workbook:
    """One sheet per ``<table>`` of an HTML document."""
    encoding = _encoding(path)
    merges: dict[int, list[Range]] = {}
    captions: dict[int, str] = {}

    def add_merge(index: int, merged: Range) -> None:
        merges.setdefault(index, []).append(merged)

    # Small files are parsed once, their rows kept; larger ones are parsed again, streamed,
    # each time a sheet's rows are read.
    cache: dict[int, list[Row]] | None = {} if path.stat().st_size <= _CACHE_BYTES else None

    def keep(index: int, row: Row) -> None:
        if cache is not None:
            cache.setdefault(index, []).append(row)

    parser = _Parser(lambda _: cache is not None, keep, add_merge, captions.__setitem__)
    try:
        for _ in _feed(path, encoding, parser):
            pass
    except ValueError as exc:
        code = "too-large" if "tables" in str(exc) else "corrupt"
        raise SourceError(path, f"the HTML document cannot be read: {exc}", code=code) from None
    if parser.tables == 0:
        raise SourceError(path, "the HTML document holds no table", code="not-a-spreadsheet")
    workbook = Workbook(path, "html", "html", sheets=[], encoding=encoding)

    def produce(index: int) -> Iterator[Row]:
        if cache is not None:
            yield from cache.get(index, [])
            return
        ready: list[Row] = []
        reader = _Parser(
            lambda table: table == index,
            lambda _, row: ready.append(row),
            lambda *_: None,
            lambda *_: None,
        )
        for _ in _feed(path, encoding, reader):
            yield from ready
            ready.clear()

    for index in range(parser.tables):
        name = captions.get(index) or f"Table {index + 1}"

        def source(index: int = index, name: str = name) -> Iterator[Row]:
            return safe_rows(path, name, lambda: produce(index), limits, lambda: workbook.closed)

        workbook._sheets.append(
            Sheet(name, False, index, merged_ranges=merges.get(index, []), source=source)
        )
    return workbook
