"""Golden fixtures: every real-looking export (built by sibaso.testing.exports) read end to end."""

import pytest

import sibaso
from sibaso.testing.exports import write_all
from sibaso.testing.synthetic import Population


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    return write_all(folder, Population.generate(persons=400, seed=11), seed=5)


KINDS = [
    "pkh",
    "sembako",
    "pbijk",
    "dapodik",
    "dukcapil_csv",
    "dukcapil_xlsx",
    "opensid",
    "bdt",
    "rtlh",
    "kks",
    "dtks",
]


@pytest.mark.parametrize("kind", KINDS)
def test_each_export_is_read_with_its_adapter(exports, kind):
    path, truth = exports[kind]
    result = sibaso.read(path)
    report = result.report
    assert result.adapter == truth.adapter
    assert report.usable + report.rejected == report.rows
    seen = {(r.provenance.sheet, r.provenance.row) for r in result.records}
    listed = {(i.sheet, i.row) for i in report.issues}
    for row in truth.rows:
        where = (row.sheet, row.row) if row.sheet else None
        if where is not None:
            assert where in seen or where in listed, f"row {row.row} of {row.sheet} lost"
        else:
            assert any(r == row.row for _, r in seen | listed), f"row {row.row} lost"


@pytest.mark.parametrize("kind", KINDS)
def test_recoverable_niks_are_read_right(exports, kind):
    path, truth = exports[kind]
    result = sibaso.read(path)
    got = {}
    for record in result.records:
        nik = getattr(record, "nik", None)
        got.setdefault(record.provenance.row, set()).add(nik.value if nik else None)
    for row in truth.rows:
        if row.recoverable and row.nik and row.row in got:
            assert row.nik in got[row.row], (kind, row)


def test_dapodik_only_recipients_become_enrolments(exports):
    path, truth = exports["dapodik"]
    result = sibaso.read(path)
    recipients = {r.nik for r in truth.rows if r.recipient and r.recoverable}
    assert {r.nik.value for r in result.records if r.nik} >= recipients
    assert all(r.programme == "KIP" for r in result.records)


def test_rtlh_sheets(exports):
    path, truth = exports["rtlh"]
    result = sibaso.read(path)
    codes = {(i.sheet, i.code) for i in result.report.issues}
    for hidden in truth.hidden_sheets:
        assert (hidden, "sheet-hidden") in codes
    assert any(code == "totals-row" for _, code in codes)
