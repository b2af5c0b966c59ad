"""The adjust() contract: a typed row in, SkipRow to list a row as not data (the old
fields["_skip"] still honoured)."""

import csv

import pytest

from sibaso import read
from sibaso.adapters.layouts.adapter import Adapter, Kind, RowFields, SkipRow

NIKS = ("1205014107850001", "1205071203900002", "1205074107820001")


def _file(tmp_path):
    path = tmp_path / "lansia.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["NIK_LANSIA", "NAMA", "KETERANGAN"])
        writer.writerow([NIKS[0], "SITI", "AKTIF"])
        writer.writerow([NIKS[1], "RUDI", "MENINGGAL"])
        writer.writerow([NIKS[2], "AMINAH", "PINDAH"])
    return path


class Lansia(Adapter):
    def adjust(self, fields: RowFields) -> RowFields:
        assert fields["nik"] is None or len(fields["nik"].value) == 16
        if fields.get("status") == "MENINGGAL":
            raise SkipRow("not-recipient", "Penerima meninggal.", "The recipient died.")
        if fields.get("status") == "PINDAH":
            fields["_skip"] = ("moved-away", "Pindah.", "Moved away.")  # type: ignore[typeddict-unknown-key]
        return fields


def _adapter():
    return Lansia(
        name="lansia-test",
        title="Lansia",
        kind=Kind.ENROLMENT,
        programme="PKH",
        signature=("NIK_LANSIA",),
        fields={"nik": ("NIK_LANSIA",), "status": ("KETERANGAN",)},
    )


def test_skip_row_lists_the_row_and_stores_nothing_of_it(tmp_path):
    result = read(_file(tmp_path), adapter=_adapter())
    assert [r.nik.value for r in result.records] == [NIKS[0]]
    skipped = {i.code: i for i in result.report.issues if i.severity == "info"}
    assert skipped["not-recipient"].row == 3
    assert skipped["not-recipient"].message == "Penerima meninggal."
    assert skipped["not-recipient"].message_en == "The recipient died."
    assert skipped["moved-away"].row == 4  # the deprecated form still works
    assert result.report.usable == 1


def test_skip_row_defaults_its_english_text():
    skip = SkipRow("not-recipient", "Bukan penerima.")
    assert (skip.code, skip.message("id"), skip.message("en")) == (
        "not-recipient",
        "Bukan penerima.",
        "Bukan penerima.",
    )


def test_skip_row_of_a_catalogued_code_takes_its_texts():
    skip = SkipRow("not-recipient", programme="KIP", column="Penerima KIP")
    assert skip.message("id") == "Bukan penerima KIP (Penerima KIP = Tidak)."
    assert skip.message("en") == "Not a KIP recipient (Penerima KIP = Tidak)."
    with pytest.raises(KeyError, match=r"not in sibaso\.core\.problems\.CATALOGUE"):
        SkipRow("a-plugin-code")
