"""The C helpers of the readers agree with their Python rules: the worksheet bound check
(``find_unverified``) with the regular expression of :mod:`sibaso.readers.zipscan`, and
``canonical_cells`` with the canonical rule of :mod:`sibaso.readers.values`."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

_XML_PIECES = st.sampled_from(
    [
        b'<c r="A1">',
        b'<c r="J5"/>',
        b'<c r="K1">',
        b'<c r="A6">',
        b'<c r="A0">',
        b'<c r="A05">',
        b'<c r="a1">',
        b'<c  r="A1">',
        b'<c\tr="A1">',
        b"<c>",
        b"<c/>",
        b'<c t="s" r="A1">',
        b'<c r="AA1">',
        b'<c r="A1',
        b"<cols>",
        b"<!DOCTYPE x>",
        b"<!-- note -->",
        b'<mergeCell ref="A1:B2"/>',
        b"<mergeCells>",
        b"<mergeCell",
        b"<v>12</v>",
        b"<",
        b"<row>",
    ]
)


@settings(max_examples=500)
@given(st.lists(_XML_PIECES, max_size=12), st.integers(0, 40))
def test_find_unverified_in_c_matches_the_regular_expression(pieces, pos):
    pytest.importorskip("sibaso._speedups")
    from sibaso._speedups import find_unverified
    from sibaso.readers.zipscan import _sheet_pattern

    buf = b"".join(pieces)
    match = _sheet_pattern(5, 10).search(buf, pos)
    assert find_unverified(buf, pos, 5, 10) == (match.span() if match else None)


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=3),
            st.floats(),
            st.integers(-(2**60), 2**60),
            st.booleans(),
            st.dates(),
            st.datetimes(),
        ),
        max_size=8,
    )
)
def test_canonical_cells_in_c_match_the_python_rule(values):
    pytest.importorskip("sibaso._speedups")
    from sibaso._speedups import canonical_cells
    from sibaso.readers.engines import _python_cells
    from sibaso.readers.values import canonical

    got, want = canonical_cells(list(values), canonical), _python_cells(list(values), canonical)
    assert [(type(c), c) for c in got] == [(type(c), c) for c in want] or got == want


_ROW_NUMBERS = st.lists(st.integers(1, 60), max_size=30).map(sorted)


@given(_ROW_NUMBERS, st.lists(st.integers(0, 4), max_size=30), st.integers(1, 40))
def test_guard_in_c_matches_the_python_loop(numbers, widths, max_gap):
    speedups = pytest.importorskip("sibaso._speedups")
    from sibaso.readers.values import _guard_rows

    rows = [(n, ("x",) * w) for n, w in zip(numbers, widths, strict=False)]

    def fail(number, cells):
        raise ValueError((number, len(cells)))

    def run(make):
        out = []
        try:
            for item in make(iter(rows), 50, 3, max_gap, fail):
                out.append(item)
        except ValueError as exc:
            out.append(exc.args)
        return out

    assert run(speedups.guard) == run(_guard_rows)


class _Sheet:
    def __init__(self, rows):
        self.rows = rows

    def iter_rows(self):
        return iter(self.rows)


@given(
    st.lists(st.lists(st.one_of(st.none(), st.text(max_size=2), st.floats()), max_size=4)),
    st.integers(0, 3),
)
def test_calamine_rows_in_c_match_the_python_loop(rows, pad):
    speedups = pytest.importorskip("sibaso._speedups")
    from sibaso.readers.engines import _python_cells
    from sibaso.readers.values import canonical

    want = []
    for number, raw in enumerate(rows, start=1):
        cells = _python_cells(list(raw), canonical)
        want.append((number, (None,) * pad + cells if cells and pad else cells))
    got = list(speedups.calamine_rows(iter([list(r) for r in rows]), canonical, pad))
    assert repr(got) == repr(want)
