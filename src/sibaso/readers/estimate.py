"""How many rows a file holds, roughly and cheaply: the total a progress bar shows.

A text file (CSV and the text "xls" exports) counts its line breaks; an ``.xlsx`` adds up the
``<dimension>`` its worksheets declare. Anything else — or anything that fails — gives ``None``
(the bar then shows a count without percent). Never used to decide anything about the data.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "pkh.csv"
>>> _ = path.write_text("nik,nama\\n1205074107820001,SITI\\n1205071203800001,AHMAD\\n")
>>> estimate_rows(path)
3
>>> _ = (folder / "x.bin").write_bytes(b"\\x00\\x01\\x02")
>>> estimate_rows(folder / "x.bin") is None
True
"""

from __future__ import annotations

import os
import re
import zipfile
from typing import IO

__all__ = ["estimate_rows"]

_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="[A-Z]{1,3}[0-9]{1,7}:?[A-Z]{0,3}([0-9]{1,7})"'
)
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")
_CHUNK = 1 << 20


def estimate_rows(path: str | os.PathLike[str]) -> int | None:
    """About how many rows ``path`` has, or ``None`` when that cannot be told cheaply."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
            if head.startswith(b"PK\x03\x04"):
                return _xlsx_rows(path)
            if not head or b"\x00" in head:
                return None
            lines, last = head.count(b"\n"), head
            while chunk := handle.read(_CHUNK):
                lines, last = lines + chunk.count(b"\n"), chunk
            return lines + (0 if last.endswith(b"\n") else 1)
    except (OSError, zipfile.BadZipFile, ValueError):
        return None


def _count_rows(head: bytes, member: IO[bytes]) -> int:
    """``<row>`` tags in a worksheet stream (a tag split across two reads counts once)."""
    rows, tail, buf = 0, b"", head
    while buf:
        joined = tail + buf
        rows += sum(1 for m in _ROW.finditer(joined) if m.end() > len(tail))
        tail = joined[-8:]
        buf = member.read(_CHUNK)
    return rows


def _xlsx_rows(path: str | os.PathLike[str]) -> int | None:
    total = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as member:
                head = member.read(8192)
                found = _DIMENSION.search(head)
                if found is not None and found.group(1) != b"1":
                    total += int(found.group(1))
                    continue
                # no useful <dimension> (write-only workbooks): count the <row> tags
                total += _count_rows(head, member)
    return total or None
