"""Domain model: named constructors and JSON round trips through the one converter."""

import datetime
import json

import pytest
from hypothesis import given

from sibaso import (
    NIK,
    Complaint,
    Decree,
    Family,
    Period,
    Person,
    ProgrammeEnrolment,
    Provenance,
    Relationship,
    make_converter,
)
from sibaso.core.lineages import Basis
from sibaso.core.model import ComplaintCategory
from sibaso.testing import strategies

conv = make_converter()


@given(strategies.persons())
def test_person_json_round_trip(person):
    data = json.loads(json.dumps(conv.unstructure(person)))
    assert conv.structure(data, Person) == person


@given(strategies.families())
def test_family_json_round_trip(family_and_members):
    family, members = family_and_members
    assert family.head == members[0].nik
    assert set(family.members) == {p.nik for p in members}
    data = json.loads(json.dumps(conv.unstructure(family)))
    assert conv.structure(data, Family) == family


def test_enrolment_round_trip_and_key():
    enrolment = ProgrammeEnrolment(
        programme="PKH",
        basis=Basis.FAMILY,
        period=Period.parse("2024-T2"),
        nik=NIK("1205014107850001"),
        nik_given="1205014107850001",
        kk=None,
        kk_given=None,
        name="SITI",
        status="aktif",
        decree=Decree.from_text("SK Bupati 2024-03-01"),
        details={"NOMOR_KARTU": "0001234567890"},
        provenance=Provenance(file="pkh.csv", sheet=None, row=2),
    )
    assert enrolment.key == "1205014107850001"
    assert enrolment.decree.date == datetime.date(2024, 3, 1)
    data = json.loads(json.dumps(conv.unstructure(enrolment)))
    assert data["details"]["NOMOR_KARTU"] == "0001234567890"
    assert conv.structure(data, ProgrammeEnrolment) == enrolment


def test_complaint_round_trip():
    complaint = Complaint(
        ticket="AB12-CD34",
        reporter_nik=NIK("1205014107850001"),
        reporter_name="Siti",
        category=ComplaintCategory.SANGGAH,
        filed_at=datetime.datetime(2026, 1, 2, 3, 4, 5),
    )
    assert conv.structure(conv.unstructure(complaint), Complaint) == complaint


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", Relationship.KEPALA_KELUARGA),
        ("KEPALA KELUARGA", Relationship.KEPALA_KELUARGA),
        ("4", Relationship.ANAK),
        ("Istri", Relationship.ISTRI),
        ("", None),
        ("99", None),
        ("CUCU", Relationship.CUCU),
        ("teman", Relationship.LAINNYA),
    ],
)
def test_relationship_parse(raw, expected):
    assert Relationship.parse(raw) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", (2024, None, None)),
        ("2024-Q3", (2024, 3, None)),
        ("2024 triwulan 1", (2024, 1, None)),
        ("2024-T2", (2024, None, 2)),
        ("2023 tahap 4", (2023, None, 4)),
    ],
)
def test_period_parse(text, expected):
    period = Period.parse(text)
    assert (period.year, period.quarter, period.tahap) == expected
    assert Period.parse(str(period)) == period


def test_period_rejects_junk():
    with pytest.raises(ValueError, match="Unknown period"):
        Period.parse("kemarin")


def test_person_from_dukcapil_row_with_deceased_flag():
    person = Person.from_dukcapil_row(
        {"NIK": "1205014107850001", "NAMA_LGKP": " SITI ", "STAT_HIDUP": "2", "NO_KK": ""}
    )
    assert person.name == "SITI"
    assert not person.alive
    assert person.kk is None
