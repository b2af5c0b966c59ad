"""Delimited text files (CSV, SIKS-NG pipe files, Dapodik semicolon files, tab exports).

Values stay strings (``"0001234"`` is never turned into a number); empty fields are ``None``.

>>> detect_delimiter(["NIK|NAMA|ALAMAT", "3201|SITI, S.Pd|JL. A, RT 1", "3202|BUDI|JL. B"])
'|'
>>> detect_delimiter(["a;b;c", "1,5;2;3", "2,5;4;5"])
';'
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from sibaso.core.errors import SourceError

from .detect import utf16_without_bom
from .limits import Limits
from .model import Sheet, Workbook, safe_rows
from .values import Row

__all__ = ["DELIMITERS", "detect_delimiter", "detect_encoding", "open_csv"]

#: Candidate delimiters, in order of preference when the evidence is equal.
DELIMITERS = (",", ";", "|", "\t")
_SAMPLE_LINES = 50
_SAMPLE_BYTES = 256 * 1024


def detect_encoding(path: Path) -> str:
    """``utf-16`` or ``utf-8-sig`` (by BOM), ``utf-8`` if the whole file decodes, else
    ``cp1252`` (read with replacement characters, so no byte can make reading fail)."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        if (bare := utf16_without_bom(head)) is not None:
            return bare
        bom = head.startswith(codecs.BOM_UTF8)
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig" if bom else "utf-8"


def detect_delimiter(lines: list[str]) -> str:
    """The candidate that splits the sample lines into the most consistent field counts.

    Each candidate is scored by how many lines share its most common field count (above
    one). Commas inside names and addresses change the count from line to line, so they lose
    against a steady pipe or semicolon; when the counts tie, the candidate whose fields less
    often start with a space wins (``"AHMAD, S.Pd"``: a comma in text is followed by a space,
    a delimiter seldom is), then the one giving more fields.
    """
    best, best_score = DELIMITERS[0], (0, 0, 0)
    for delimiter in DELIMITERS:
        try:
            records = [r for r in csv.reader(lines, delimiter=delimiter) if len(r) > 1]
        except csv.Error:  # e.g. a field over the size limit: not this delimiter's evidence
            continue
        if not records:
            continue
        fields, lines_agreeing = Counter(map(len, records)).most_common(1)[0]
        spaced = sum(1 for r in records for field in r[1:] if field[:1] == " ")
        score = (lines_agreeing, -spaced, fields)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _sample(path: Path, encoding: str) -> list[str]:
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        text = handle.read(_SAMPLE_BYTES)
    lines = text.splitlines()
    if len(text) == _SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    return [line for line in lines if line.strip()][:_SAMPLE_LINES]


def _python_cells(fields: list[str]) -> tuple[str | None, ...]:
    """A parsed line as cells: empty fields are None, trailing empty ones dropped.

    >>> _python_cells(["1205", "", "SITI", "", ""]), _python_cells(["1205", "SITI"])
    (('1205', None, 'SITI'), ('1205', 'SITI'))
    """
    if all(fields):  # the common line: every field filled
        return tuple(fields)
    cells = [field or None for field in fields]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


_cells = _python_cells


def open_csv(path: Path, limits: Limits) -> Workbook:
    """A one-sheet workbook over a delimited text file."""
    encoding = detect_encoding(path)
    delimiter = detect_delimiter(_sample(path, encoding))
    workbook: Workbook

    def produce() -> Iterator[Row]:
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            try:
                yield from enumerate(map(_cells, reader), start=1)
            except csv.Error as exc:
                raise SourceError(
                    path,
                    f"line {reader.line_num:,} cannot be parsed ({exc}); a quote may be left open",
                    code="corrupt",
                ) from None

    def source() -> Iterator[Row]:
        # not heavy: the csv module parses in C, and sending its rows through a pipe would cost
        # this process more than parsing them
        return safe_rows(path, path.name, produce, limits, lambda: workbook.closed)

    def table(polars: ModuleType, after: int) -> Any:
        if workbook.closed:
            raise ValueError("the workbook is closed")
        return csv_table(polars, path, encoding, delimiter, limits, after)

    sheet = Sheet(path.stem, False, 0, source=source, table=table)
    workbook = Workbook(path, "csv", "csv", sheets=[sheet], encoding=encoding, delimiter=delimiter)
    return workbook


#: bytes that make the csv module read a file otherwise than line by line, field by field
_NOT_PLAIN = (b'"', b"\x00")
#: a carriage return not ending a line with the line feed after it (the csv module ends a
#: line there, polars does not)
_LONE_CR = re.compile(rb"\r(?!\n)")


def csv_table(
    polars: ModuleType, path: Path, encoding: str, delimiter: str, limits: Limits, after: int
) -> Any:
    """The records after record ``after`` as a polars frame (see :meth:`Sheet.table`), when
    polars reads them exactly as the ``csv`` module does; None otherwise.

    That is a UTF-8 file without a quote, a NUL or a carriage return outside a CRLF (each
    record is then one line, cut at each delimiter), no line with more fields than the first
    one read, no field over the ``csv`` module's size limit, and within ``limits``.
    """
    if encoding not in ("utf-8", "utf-8-sig") or after < 1:
        return None
    data = path.read_bytes()
    if any(mark in data for mark in _NOT_PLAIN) or (b"\r" in data and _LONE_CR.search(data)):
        return None
    pl = polars
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            separator=delimiter,
            quote_char=None,
            infer_schema=False,
            skip_lines=after,
            raise_if_empty=False,
            truncate_ragged_lines=False,
        )
    except Exception:  # a line with more fields than the first: the csv module reads it
        return None
    if frame.width > limits.max_columns or after + frame.height > limits.max_rows:
        return None  # the rows say what is too large
    frame = frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})
    if frame.width and frame.height:
        longest = frame.select(pl.max_horizontal(pl.all().str.len_bytes().max())).item()
        if longest is not None and longest > csv.field_size_limit():
            return None
    frame = frame.with_columns(pl.int_range(after + 1, after + 1 + frame.height).alias("row"))
    if frame.width > 1:
        empty = frame.select(pl.all_horizontal(pl.exclude("row").is_null())).to_series()
        blank = empty.sum()
        if blank >= limits.max_empty_rows:
            return None  # a gap that may end the sheet: the rows say where
        if blank:
            frame = frame.filter(~empty)
    else:
        frame = frame.head(0)
    return frame
