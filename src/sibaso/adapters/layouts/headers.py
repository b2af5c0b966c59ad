"""Find the header row of a sheet: below title rows, across two-row merged headers.

Real exports put a title ("DAFTAR PENERIMA …"), metadata ("Kecamatan : …", "Tanggal Unduh")
and blank rows above the header; Dapodik puts group labels ("Data Ayah") in a merged cell
above their sub-headers; some add a row of column numbers (1, 2, 3, …) below the header.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from sibaso.adapters.layouts.fields import IDENTITY_FIELDS, header_key

__all__ = ["Header", "find_header"]

#: How many rows from the top of a sheet are searched for the header.
SEARCH_ROWS = 40

Row = tuple[int, tuple[object, ...]]


@attrs.frozen
class Header:
    """The header of a sheet: one text per column, and where the data starts."""

    row: int  # row number of the (last) header row
    columns: tuple[str, ...]  # header text per column ("" when blank)
    skipped: tuple[int, ...] = ()  # rows inside the header block that are not data (numbering)
    first_row: int = 0  # row number of the first header row (same as row unless two rows)


def _text(cell: object) -> str:
    if cell is None:
        return ""
    return " ".join(str(cell).split())


def _is_texty(cell: object) -> bool:
    return isinstance(cell, str) and bool(cell.strip()) and not cell.strip().isdigit()


def _looks_like_data(cells: tuple[object, ...]) -> bool:
    for cell in cells:
        text = _text(cell).replace("'", "")
        if len(text) >= 10 and text.isdigit():
            return True
        if isinstance(cell, int | float) and not isinstance(cell, bool) and cell > 10_000:
            return True
    return False


_NUMBERING_LABELS = frozenset(("kolom", "kol", "nokolom", "nomorkolom", "no"))


def is_numbering_row(cells: tuple[object, ...]) -> bool:
    """A row of column numbers ``1, 2, 3, …`` (or ``(1) (2) …``) printed under a header,
    perhaps labelled in its first cell (``KOLOM 2 3 4 …``, as BDT rosters print it).

    >>> is_numbering_row(("KOLOM", 2.0, 3.0, 4.0)), is_numbering_row(("(1)", "(2)", "(3)"))
    (True, True)
    >>> is_numbering_row(("AHMAD", 2, 3, 4)), is_numbering_row((1, 2))
    (False, False)

    Columns in another order keep their numbers: any order of one run of numbers counts, and
    the label may close the row instead.

    >>> is_numbering_row((4.0, 2.0, 3.0, "KOLOM")), is_numbering_row((1, 2, 4))
    (True, False)
    """
    texts = [t for t in (_text(cell).strip("()") for cell in cells) if t]
    for end in (0, -1):
        if len(texts) > 3 and header_key(texts[end]) in _NUMBERING_LABELS:
            texts = texts[1:] if end == 0 else texts[:-1]
            break
    numbers: list[int] = []
    for text in texts:
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        if not text.isdigit():
            return False
        numbers.append(int(text))
    if len(numbers) < 3 or max(numbers) - min(numbers) + 1 != len(numbers):
        return False
    return len(set(numbers)) == len(numbers)  # one run of numbers, in any order


def find_header(
    rows: Sequence[Row],
    field_for: Callable[[str], str | None],
    merged: Sequence[tuple[int, int, int, int]] = (),
) -> Header | None:
    """The best header in the first rows, or None when no row names an identity column."""
    best: tuple[int, int] | None = None  # (score, index)
    for index, (_, cells) in enumerate(rows[:SEARCH_ROWS]):
        fields = {field_for(_text(c)) for c in cells if _is_texty(c)}
        fields.discard(None)
        if not fields & IDENTITY_FIELDS and "name" not in fields:
            continue
        score = len(fields)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        best = _single_key_header(rows, field_for)
    if best is None:
        return None
    index = best[1]
    number, top = rows[index]
    columns = [_text(c) for c in top]
    last = first = number
    skipped: list[int] = []
    following = rows[index + 1] if index + 1 < len(rows) else None
    above = rows[index - 1] if index > 0 else None
    if following is not None and following[0] == number + 1 and _is_subheader(top, following[1]):
        columns = _combine(top, following[1], number, merged)
        last = following[0]
        following = rows[index + 2] if index + 2 < len(rows) else None
    elif (
        above is not None
        and above[0] == number - 1
        and _is_group_row(above[1], top, above[0], merged)
    ):
        # group labels above the row with NIK ("Data Penerima" over Nama, NIK, No KK)
        columns = _combine(above[1], top, above[0], merged)
        first = above[0]
    if following is not None and is_numbering_row(following[1]):
        skipped.append(following[0])
    return Header(row=last, columns=tuple(columns), skipped=tuple(skipped), first_row=first)


#: a header naming only one of these is still a header when data follows it (a NIK list)
_LONE_KEYS = frozenset(("nik", "participant"))


def _single_key_header(
    rows: Sequence[Row], field_for: Callable[[str], str | None]
) -> tuple[int, int] | None:
    """A header of text cells naming one key column (``NIK``; ``Peserta | Keterangan``)
    whose next row holds a number of 10 digits or more under it: a list of NIKs only."""
    for index, (_, cells) in enumerate(rows[: SEARCH_ROWS - 1]):
        filled = [(col, c) for col, c in enumerate(cells) if _text(c)]
        if not filled or not all(_is_texty(c) for _, c in filled):
            continue
        keys = [col for col, c in filled if field_for(_text(c)) in _LONE_KEYS]
        if len(keys) != 1:
            continue
        below = rows[index + 1][1]
        col = keys[0]
        value = _text(below[col]).replace("'", "") if col < len(below) else ""
        if sum(ch.isdigit() for ch in value) >= 10:
            return (1, index)
    return None


def _is_group_row(
    above: tuple[object, ...],
    header: tuple[object, ...],
    row: int,
    merged: Sequence[tuple[int, int, int, int]],
) -> bool:
    """A row of group labels over the header: text only, a label merged across columns,
    and header cells under its blanks. Title and metadata rows (``Kecamatan | : STABAT``)
    never qualify: they have a ``:`` or no merged label."""
    texts = [c for c in above if _is_texty(c)]
    filled = [c for c in above if _text(c)]
    if len(texts) < 2 or len(texts) != len(filled) or any(":" in _text(c) for c in texts):
        return False
    spans = any(r == row and max_col > min_col for r, min_col, _, max_col in merged)
    return spans and _is_subheader(above, header)


def _is_subheader(top: tuple[object, ...], below: tuple[object, ...]) -> bool:
    if _looks_like_data(below) or is_numbering_row(below):
        return False
    texts = [c for c in below if _is_texty(c)]
    if len(texts) < 2:
        return False
    filled = [c for c in below if _text(c)]
    if len(texts) < len(filled) * 0.8:
        return False
    under_blank = sum(
        1
        for col, cell in enumerate(below)
        if _is_texty(cell) and (col >= len(top) or not _text(top[col]))
    )
    return under_blank >= 1


def _combine(
    top: tuple[object, ...],
    below: tuple[object, ...],
    top_row: int,
    merged: Sequence[tuple[int, int, int, int]],
) -> list[str]:
    width = max(len(top), len(below))
    group_of: dict[int, str] = {}
    for min_row, min_col, _max_row, max_col in merged:
        if min_row == top_row and max_col > min_col and min_col - 1 < len(top):
            label = _text(top[min_col - 1])
            for col in range(min_col - 1, max_col):
                group_of[col] = label
    columns = []
    group = ""
    for col in range(width):
        head = _text(top[col]) if col < len(top) else ""
        sub = _text(below[col]) if col < len(below) else ""
        if head:
            group = head
        label = group_of.get(col, head or (group if sub else ""))
        if sub and label and (col in group_of or not head):
            columns.append(f"{label} / {sub}")
        elif sub and head and header_key(head) != header_key(sub):
            columns.append(f"{head} / {sub}")
        else:
            columns.append(head or sub)
    return columns
