"""Tell what a file is from its bytes, never from its name.

>>> sniff_bytes(b"%PDF-1.7 ...")
Traceback (most recent call last):
...
ValueError: this is a PDF document, not a spreadsheet
>>> sniff_bytes(b"NIK|NAMA\\n3201|SITI\\n")
'text'
>>> sniff_bytes(b"<html><body><table><tr><td>1</td></tr></table>")
'html'
"""

from __future__ import annotations

import os
from pathlib import Path

from sibaso.core.errors import SourceError

from .limits import Limits
from .zipscan import SafeZip

__all__ = ["HEAD_SIZE", "sniff", "sniff_bytes", "zip_format"]

#: Bytes read from the start of a file to recognise it.
HEAD_SIZE = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_REFUSED: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "this is a PNG image, not a spreadsheet"),
    (b"\xff\xd8\xff", "this is a JPEG image (a photo or scan?), not a spreadsheet"),
    (b"GIF87a", "this is a GIF image, not a spreadsheet"),
    (b"GIF89a", "this is a GIF image, not a spreadsheet"),
    (b"II*\x00", "this is a TIFF image (a scan?), not a spreadsheet"),
    (b"MM\x00*", "this is a TIFF image (a scan?), not a spreadsheet"),
    (b"\x1f\x8b", "this is a gzip archive; extract the spreadsheet from it first"),
    (b"7z\xbc\xaf\x27\x1c", "this is a 7-Zip archive; extract the spreadsheet from it first"),
    (b"Rar!\x1a\x07", "this is a RAR archive; extract the spreadsheet from it first"),
    (b"{\\rtf", "this is a rich-text (RTF) document, not a spreadsheet"),
)
_OLD_BIFF = (b"\x09\x00\x04\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08")
_CONTROL = frozenset(set(range(32)) - {9, 10, 12, 13, 26})


def sniff_bytes(head: bytes) -> str:
    """``"zip"``, ``"ole"``, ``"html"`` or ``"text"``; :class:`ValueError` (with the reason)
    for anything that is not a spreadsheet, :class:`NotImplementedError` for spreadsheet
    formats sibaso does not read."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if b"%PDF-" in head[:1024]:
        raise ValueError("this is a PDF document, not a spreadsheet")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise ValueError("this is a WebP image, not a spreadsheet")
    for magic, reason in _REFUSED:
        if head.startswith(magic):
            raise ValueError(reason)
    if head.startswith(_OLD_BIFF):
        raise NotImplementedError(
            "this is a very old Excel 2.0-4.0 worksheet; open it in Excel and save it as .xlsx"
        )
    text = _as_text(head)
    if text is None:
        raise ValueError("this is a binary file of unknown type, not a spreadsheet")
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<"):
        lowered = text.lower()
        if "<table" in lowered or "<html" in lowered or "<!doctype html" in lowered:
            return "html"
        if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            raise NotImplementedError(
                "this is an Excel 2003 XML spreadsheet; open it in Excel and save it as .xlsx"
            )
        if start.startswith("<?xml"):
            raise ValueError("this is an XML document, not a spreadsheet")
    return "text"


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` for text saved as UTF-16 without a byte-order mark:
    (nearly) every other byte is NUL, the text being ASCII-range."""
    sample = head[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= len(odd) * 0.9 and even.count(0) <= len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) >= len(even) * 0.9 and odd.count(0) <= len(odd) * 0.1:
        return "utf-16-be"
    return None


def _as_text(head: bytes) -> str | None:
    """The head decoded leniently, or ``None`` when it looks binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if (bare := utf16_without_bom(head)) is not None:
        return head.decode(bare, errors="replace")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    sample = head[:8192]
    if not sample:
        return ""
    controls = sum(1 for byte in sample if byte in _CONTROL)
    if b"\x00" in sample or controls > len(sample) // 100:
        return None
    return head.decode("latin-1")


def sniff(path: Path, limits: Limits) -> str:
    """Check size and recognise the file; whole-file refusals raise :class:`SourceError`."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            head = handle.read(HEAD_SIZE)
    except OSError as exc:
        raise SourceError(
            path, f"the file cannot be opened ({exc.strerror or exc})", code="unreadable"
        ) from None
    if size == 0 or not head:
        raise SourceError(
            path, "the file is empty (0 bytes)", code="empty", reason_id="berkas kosong (0 bait)"
        )
    if size > limits.max_file_bytes:
        raise SourceError(
            path,
            f"the file is {size / 1024 / 1024:,.0f} MB, more than the limit of "
            f"{limits.max_file_mb:g} MB",
            code="too-large",
        )
    try:
        return sniff_bytes(head)
    except ValueError as exc:
        raise SourceError(path, str(exc), code="not-a-spreadsheet") from None
    except NotImplementedError as exc:
        raise SourceError(path, str(exc), code="unsupported") from None


_OOXML_WORKBOOK = (
    b"spreadsheetml.sheet.main",
    b"spreadsheetml.template.main",
    b"ms-excel.sheet.macroEnabled.main",
    b"ms-excel.template.macroEnabled.main",
)


def zip_format(archive: SafeZip) -> str:
    """``"xlsx"`` or ``"ods"`` for a zip container; :class:`SourceError` for anything else."""
    path = archive.path
    if archive.has("mimetype"):
        mimetype = archive.read("mimetype").strip()
        if mimetype in (
            b"application/vnd.oasis.opendocument.spreadsheet",
            b"application/vnd.oasis.opendocument.spreadsheet-template",
        ):
            return "ods"
        kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
        raise SourceError(
            path,
            f"this is an OpenDocument {kind} file, not a spreadsheet",
            code="not-a-spreadsheet",
        )
    if archive.has("[Content_Types].xml"):
        types = archive.read("[Content_Types].xml")
        if any(marker in types for marker in _OOXML_WORKBOOK):
            return "xlsx"
        if b"ms-excel.sheet.binary" in types:
            raise SourceError(
                path,
                "this is a binary Excel workbook (.xlsb); open it in Excel and save it as .xlsx",
                code="unsupported",
            )
        if b"wordprocessingml" in types:
            raise SourceError(
                path, "this is a Word document, not a spreadsheet", code="not-a-spreadsheet"
            )
        if b"presentationml" in types:
            raise SourceError(
                path,
                "this is a PowerPoint presentation, not a spreadsheet",
                code="not-a-spreadsheet",
            )
    if archive.has("xl/workbook.xml"):
        return "xlsx"
    raise SourceError(
        path,
        f"this is a zip archive of {len(archive.names)} file(s), not a workbook; extract the "
        "spreadsheet from it first",
        code="not-a-spreadsheet",
    )
