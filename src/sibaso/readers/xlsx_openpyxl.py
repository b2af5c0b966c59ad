"""The openpyxl engine for xlsx: streams rows with flat memory.

Parts are parsed here with the C ``iterparse`` of the standard library, row by row, each row
dropped once read. That parser is safe here only because
:class:`~sibaso.readers.zipscan.SafeZip` has already refused any part holding a DTD or an
entity declaration (without a DTD, expat expands nothing). openpyxl supplies what makes a
number a date: its number-format rules (``is_date_format``, built-in formats) and its
serial-number conversion (``from_excel``), exactly as its own reader applies them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse

import defusedxml.ElementTree as SafeET

from .values import Cell, Row, canonical, trim, unescape_ooxml
from .zipscan import column_number

__all__ = ["OpenpyxlBook", "read_shared_strings"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Element) -> str:
    """Text of a string item (``<si>`` or ``<is>``): plain and rich-text runs joined,
    phonetic runs left out."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return unescape_ooxml("".join(parts))


def read_shared_strings(source: IO[bytes]) -> list[str]:
    """The shared-string table of a workbook."""
    strings: list[str] = []
    root: Element | None = None
    # The fast C parser is safe: SafeZip refused any part with a DTD (see module docstring).
    for event, element in iterparse(source, events=("start", "end")):  # noqa: S314
        if event == "start":
            if root is None:
                root = element
        elif _local(element.tag) == "si":
            strings.append(_text(element))
            if root is not None:
                root.clear()
    return strings


def _date_styles(styles: bytes | None) -> tuple[set[int], set[int]]:
    """Indexes of the cell styles whose number format is a date, and a duration."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    dates: set[int] = set()
    durations: set[int] = set()
    if not styles:
        return dates, durations
    root = SafeET.fromstring(styles)
    custom = {
        int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
        for fmt in root.iter()
        if _local(fmt.tag) == "numFmt"
    }
    cell_xfs = next((el for el in root if _local(el.tag) == "cellXfs"), None)
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
        try:
            number = int(xf.get("numFmtId", "0"))
        except ValueError:
            continue
        code = custom.get(number, BUILTIN_FORMATS.get(number, "General"))
        if is_date_format(code):
            dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
    return dates, durations


def _is_1904(workbook: bytes) -> bool:
    for element in SafeET.fromstring(workbook).iter():
        if _local(element.tag) == "workbookPr":
            return element.get("date1904", "false").lower() in ("1", "true")
    return False


class OpenpyxlBook:
    """An xlsx file opened for streaming, values converted with openpyxl's rules."""

    def __init__(
        self, path: Path, workbook_part: str, styles_part: str | None, strings_part: str | None
    ) -> None:
        import zipfile

        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

        self._zip = zipfile.ZipFile(path)
        try:
            self._epoch = (
                CALENDAR_MAC_1904
                if _is_1904(self._zip.read(workbook_part))
                else CALENDAR_WINDOWS_1900
            )
            styles = self._zip.read(styles_part) if styles_part else None
            self._dates, self._durations = _date_styles(styles)
            self._strings: list[str] = []
            if strings_part:
                with self._zip.open(strings_part) as source:
                    self._strings = read_shared_strings(source)
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        """Release the file."""
        self._zip.close()

    def _value(self, kind: str, text: str, style: str | None) -> Any:
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        if kind == "n":
            number: int | float = (
                float(text) if "." in text or "E" in text or "e" in text else int(text)
            )
            index = int(style) if style else 0
            if index in self._dates:
                try:
                    return from_excel(number, self._epoch, timedelta=index in self._durations)
                except (OverflowError, ValueError):
                    return None  # openpyxl turns these into #VALUE! errors
            return number
        if kind == "s":
            return self._strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "str":
            return unescape_ooxml(text)
        if kind == "d":
            value: dt.datetime | dt.date | dt.time | dt.timedelta = from_ISO8601(text)
            return value
        return None  # "e": error cells

    def rows(self, part: str) -> Iterator[Row]:
        """Numbered, canonical, trimmed rows of the worksheet stored in ``part``."""
        columns: dict[str, int] = {}
        with self._zip.open(part) as source:
            events = iterparse(source, events=("start", "end"))  # noqa: S314 - scanned part
            _, root = next(events)
            ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
            row_tag, c_tag, v_tag, is_tag = ns + "row", ns + "c", ns + "v", ns + "is"
            data_tag = ns + "sheetData"
            sheet_data: Element | None = None
            number = 0
            for event, element in events:
                if event == "start":
                    if element.tag == data_tag:
                        sheet_data = element
                    continue
                if element.tag != row_tag:
                    continue
                declared = element.get("r")
                number = int(float(declared)) if declared else number + 1
                cells: list[Cell] = []
                column = 0
                for cell in element:
                    if cell.tag != c_tag:
                        continue
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip("0123456789")
                        column = columns.get(letters) or columns.setdefault(
                            letters, column_number(letters)
                        )
                    else:
                        column += 1
                    kind = cell.get("t", "n")
                    if kind == "inlineStr":
                        inline = cell.find(is_tag)
                        value = _text(inline) if inline is not None else None
                    else:
                        text = cell.findtext(v_tag)
                        if not text:
                            continue
                        value = self._value(kind, text, cell.get("s"))
                    if value is None:
                        continue
                    if column > len(cells):
                        cells.extend([None] * (column - 1 - len(cells)))
                        cells.append(canonical(value))
                    else:
                        cells[column - 1] = canonical(value)
                if sheet_data is not None:
                    sheet_data.clear()  # drop the rows read so far
                else:
                    element.clear()
                yield number, trim(cells)
