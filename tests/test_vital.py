"""Alive or dead: one rule (:mod:`sibaso.core.vital`), the same answer on every path.

The paths that turn a Dukcapil row into a :class:`Person` — ``Person.from_dukcapil_row``, the
general row converter, the bulk column path and ``sibaso.read`` of a whole file — must agree on
``alive`` (and on the other fields both carry) for every status a source may write.
"""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sibaso
from sibaso.adapters.layouts.known import get_adapter
from sibaso.adapters.records.convert import RowConverter
from sibaso.core import vital
from sibaso.core.model import Person
from sibaso.programmes import default_catalogue
from sibaso.testing.exports import DUKCAPIL_HEADER

NIK = "1205074107820001"
KK = "1205072003150001"


@pytest.mark.parametrize(
    "status",
    ["MENINGGAL DUNIA", "Meninggal Dunia", "Meninggal", "Mati", "MATI", "2", 2, "2. Mati"],
)
def test_a_recorded_death_is_dead_on_every_path(status, tmp_path):
    row = _row(status)
    assert Person.from_dukcapil_row(row).alive is False  # was True for MENINGGAL DUNIA
    assert _converted(row).alive is False
    assert _read(tmp_path, [row])[0].alive is False


@pytest.mark.parametrize("status", ["1", "HIDUP", "Hidup", 1, 3, "3", "PINDAH", "HILANG", "", None])
def test_a_living_moved_or_missing_person_is_alive(status, tmp_path):
    row = _row(status)
    assert Person.from_dukcapil_row(row).alive is True
    assert _converted(row).alive is True


def test_opensid_status_dasar_codes():
    """OpenSID ``tweb_status_dasar``: only 2 (MATI) is a death; 3 pindah, 4 hilang, 6 pergi and
    9 tidak valid are people the source no longer follows, not dead people."""
    assert [vital.is_alive(code) for code in (1, 2, 3, 4, 6, 9)] == [
        True,
        False,
        True,
        True,
        True,
        True,
    ]


_words = sorted(vital.DECEASED | vital.LIVING)
_status = st.one_of(
    st.none(),
    st.sampled_from(_words),
    st.sampled_from(_words).map(str.lower),
    st.sampled_from(_words).map(lambda w: f"  {w.title()} "),
    st.tuples(st.sampled_from("0123456789"), st.sampled_from(_words)).map(". ".join),
    st.integers(-3, 12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(status=_status)
def test_every_path_gives_the_same_alive(status):
    row = _row(status)
    expected = vital.is_alive(status)
    assert Person.from_dukcapil_row(row).alive is expected
    converted = _converted(row)
    assert converted.alive is expected
    assert vital.is_deceased(status) is (not expected)


@settings(max_examples=40, deadline=None)
@given(statuses=st.lists(_status, min_size=1, max_size=8))
def test_a_read_file_agrees_with_the_rule(statuses, tmp_path_factory):
    rows = [_row(status, serial=i + 1) for i, status in enumerate(statuses)]
    read = _read(tmp_path_factory.mktemp("vital"), rows)
    # a CSV holds text: the rule sees the cell as written there
    assert [p.alive for p in read] == [vital.is_alive(_as_csv_text(r["STAT_HIDUP"])) for r in rows]
    assert read == [
        Person.from_dukcapil_row({**r, "STAT_HIDUP": _as_csv_text(r["STAT_HIDUP"])}) for r in rows
    ]


def _as_csv_text(value):
    return "" if value is None else str(value)


def _row(status, serial=1):
    nik = f"{NIK[:12]}{serial:04d}"
    return {
        "NIK": nik,
        "NO_KK": KK,
        "NAMA_LGKP": "SITI AMINAH",
        "JENIS_KLMIN": "P",
        "TMPT_LHR": "STABAT",
        "TGL_LHR": "1982-02-01",
        "STAT_HBKEL": "3",
        "NO_PROP": "12",
        "NO_KAB": "5",
        "NO_KEC": "7",
        "NO_KEL": "2001",
        "STAT_HIDUP": status,
        "ALAMAT": "DUSUN I",
    }


def _converted(row):
    conv = RowConverter(
        get_adapter("dukcapil"),
        DUKCAPIL_HEADER,
        catalogue=default_catalogue(),
        programme=None,
        period=None,
        file="penduduk.csv",
        sheet=None,
    )
    record, problems = conv.convert(2, tuple(row.get(h) for h in DUKCAPIL_HEADER))
    assert record is not None, problems
    return record


def _read(folder, rows):
    path = folder / "penduduk.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter="|")
        writer.writerow(DUKCAPIL_HEADER)
        for row in rows:
            writer.writerow([_as_csv_text(row.get(h)) for h in DUKCAPIL_HEADER])
    return list(sibaso.read(path).records)
