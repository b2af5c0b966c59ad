"""Padan: linking enrolments to the population, each status and each probable rule."""

import datetime
import gc
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sibaso.core import nik
from sibaso.matching import (
    AMBIGUOUS,
    CONFIDENCE,
    HELD_BACK,
    INVALID_NIK,
    MATCHED,
    NAME_MISMATCH,
    NOT_IN_POPULATION,
    PROBABLE,
    STATUSES,
    Conflict,
    EnrolmentRow,
    Link,
    ListedRow,
    PopulationIndex,
    PopulationRow,
    find_conflicts,
    match,
    summarize,
)
from sibaso.testing.synthetic import Population

D = datetime.date
KK_A = "1205012003150004"
KK_TWINS = "1205021201100007"

SITI = "1205014107850001"  # SITI AMINAH, woman born 1985-07-01
BUDI = "1205010203800002"  # BUDI SANTOSO, born 1980-03-02
JOKO_1 = "1205031508700001"  # two JOKO SUSILO born the same day in the same kecamatan
JOKO_3 = "1205031508700003"
HASAN = "1205021201100001"  # twins on one KK
HUSEIN = "1205021201100002"
DEWI = "1205016506950011"
FITRI = "1205016506950012"
RAHMAT = "1205052208880017"
RAHMAT_BORN = D(1988, 8, 22)

PEOPLE = [
    PopulationRow(SITI, "SITI AMINAH", KK_A, D(1985, 7, 1)),
    PopulationRow(BUDI, "BUDI SANTOSO", KK_A, D(1980, 3, 2)),
    PopulationRow(JOKO_1, "JOKO SUSILO", "1205031001000001", D(1970, 8, 15)),
    PopulationRow(JOKO_3, "JOKO SUSILO", "1205031001000002", D(1970, 8, 15)),
    PopulationRow(HASAN, "HASAN BASRI", KK_TWINS, D(2010, 1, 12)),
    PopulationRow(HUSEIN, "HUSEIN BASRI", KK_TWINS, D(2010, 1, 12)),
    PopulationRow(DEWI, "DEWI LESTARI", "1205012506150003", D(1995, 6, 25)),
    PopulationRow(FITRI, "FITRI HANDAYANI", "1205012506150009", D(1995, 6, 25)),
    PopulationRow(RAHMAT, "RAHMAT HIDAYAT", None, D(1988, 8, 22)),
]


@pytest.fixture(scope="module")
def index():
    return PopulationIndex.build(PEOPLE)


def link_of(index, nik, name, kk=None, born=None) -> Link:
    (link,) = match([EnrolmentRow(7, nik, kk, name, born)], index)
    assert link.enrolment_id == 7
    return link


# --- matched / name-mismatch -----------------------------------------------------------------


def test_matched_same_name(index):
    link = link_of(index, SITI, "SITI AMINAH")
    assert link == Link(7, MATCHED, SITI, 1.0, "NIK found; same name")


def test_matched_name_written_differently(index):
    link = link_of(index, SITI, "Hj. St. Aminah, S.Pd.")
    assert (link.status, link.nik_matched, link.confidence) == (MATCHED, SITI, 1.0)
    assert link.reason.startswith("NIK found; name same")


def test_matched_similar_name(index):
    link = link_of(index, BUDI, "BUDI")
    assert (link.status, link.nik_matched) == (MATCHED, BUDI)
    assert link.confidence == CONFIDENCE["matched-similar"]
    assert link.reason == "NIK found; name similar (one name is contained in the other)"


def test_matched_without_a_name(index):
    link = link_of(index, BUDI, None)
    assert (link.status, link.nik_matched, link.confidence) == (MATCHED, BUDI, 0.7)
    assert "no name" in link.reason


def test_matched_after_cleaning_what_operators_paste(index):
    assert link_of(index, "12.05.01.020380.0002", "BUDI SANTOSO").nik_matched == BUDI
    assert link_of(index, "'1205010203800002", "BUDI SANTOSO").status == MATCHED
    assert link_of(index, " 1205 0102 0380 0002 ", "BUDI SANTOSO").status == MATCHED


def test_name_mismatch(index):
    link = link_of(index, SITI, "JOKO SUSILO")
    assert (link.status, link.nik_matched) == (NAME_MISMATCH, SITI)
    assert link.confidence == CONFIDENCE["name-mismatch"]
    assert link.reason == "NIK found; names differ (no word in common)"


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("BUDI SANTOSO", MATCHED),
        ("B. SANTOSO", MATCHED),
        ("BUDI", MATCHED),
        ("SANTOSO", MATCHED),
        ("BUDI SANTOSA", MATCHED),
        ("BUDI SINAGA", NAME_MISMATCH),
        ("AGUS SANTOSO", NAME_MISMATCH),
        ("RINA WATI", NAME_MISMATCH),
    ],
)
def test_name_mismatch_versus_similar_names(index, name, status):
    assert link_of(index, BUDI, name).status == status


# --- one typo in a short name word, with an exact NIK --------------------------------------

NUR = "1205014203850007"  # NUR AINI, woman born 1985-03-02
BUDI_H = "1205010506900003"  # BUDI HARAHAP, born 1990-06-05
BUNI_H = "1205010506900004"  # BUNI HARAHAP, another real person: one digit and one letter away
KK_NUR, KK_BUDI_H, KK_BUNI_H = "1205011001100001", "1205011001100002", "1205011001100003"
TYPO_PEOPLE = [
    PopulationRow(NUR, "NUR AINI", KK_NUR, D(1985, 3, 2)),
    PopulationRow(BUDI_H, "BUDI HARAHAP", KK_BUDI_H, D(1990, 6, 5)),
    PopulationRow(BUNI_H, "BUNI HARAHAP", KK_BUNI_H, D(1990, 6, 5)),
]


@pytest.fixture(scope="module")
def typo_index():
    return PopulationIndex.build(TYPO_PEOPLE)


@pytest.mark.parametrize(
    ("kk", "born", "agrees"),
    [
        (None, D(1985, 3, 2), "same birth date"),
        (KK_NUR, None, "same KK"),
        (KK_NUR, D(1985, 3, 2), "same birth date and KK"),
    ],
)
def test_exact_nik_forgives_one_typo_in_a_short_word(typo_index, kk, born, agrees):
    link = link_of(typo_index, NUR, "NRU AINI", kk=kk, born=born)
    assert (link.status, link.nik_matched) == (MATCHED, NUR)
    assert link.confidence == CONFIDENCE["matched-typo"]
    assert link.reason == f"NIK found; name one letter apart; {agrees}"


@pytest.mark.parametrize("name", ["NUS AINI", "NUR AINA", "NUR ANI", "UNR AINI"])
def test_one_edit_or_transposition_with_the_birth_date(typo_index, name):
    assert link_of(typo_index, NUR, name, born=D(1985, 3, 2)).status == MATCHED


def test_one_typo_without_agreeing_birth_date_or_kk_stays_a_mismatch(typo_index):
    other_kk, other_day = "1205019999990001", D(1985, 3, 3)
    for kk, born in [(None, None), (other_kk, other_day), (KK_NUR, other_day), (other_kk, None)]:
        link = link_of(typo_index, NUR, "NRU AINI", kk=kk, born=born)
        assert (link.status, link.nik_matched) == (NAME_MISMATCH, NUR)


def test_two_typos_stay_a_mismatch(typo_index):
    assert link_of(typo_index, NUR, "NRU AINA", born=D(1985, 3, 2)).status == NAME_MISMATCH
    assert link_of(typo_index, NUR, "NEDI AINI", born=D(1985, 3, 2)).status == NAME_MISMATCH


def test_a_wrong_nik_of_another_real_person_is_not_forgiven(typo_index):
    # BUDI's list row carries BUNI's NIK (one digit off), and BUNI shares his birth date:
    # the name typo rule must not link BUDI to BUNI; the digit rule finds BUDI.
    link = link_of(typo_index, BUNI_H, "BUDI HARAHAP", kk=KK_BUDI_H, born=D(1990, 6, 5))
    assert (link.status, link.nik_matched) == (PROBABLE, BUDI_H)
    # Without BUDI in the population, his row stays a conflict on BUNI for an officer: the
    # birth date agrees (the NIK already says it) but the KK is another family's.
    alone = PopulationIndex.build([TYPO_PEOPLE[2]])
    link = link_of(alone, BUNI_H, "BUDI HARAHAP", kk=KK_BUDI_H, born=D(1990, 6, 5))
    assert (link.status, link.nik_matched) == (NAME_MISMATCH, BUNI_H)


def test_a_wrong_nik_of_another_family_with_a_near_name_goes_to_the_list_family():
    # HASAN's row carries the NIK of HAASN (one digit off, same birth date, another KK): the
    # names agree as spelling variants, but the neighbour on the list's KK has the very name.
    hasan, haasn = "1205230408760002", "1205230408760003"
    kk = "1205233110230001"
    index = PopulationIndex.build(
        [
            PopulationRow(hasan, "HASAN TARIGAN", kk, D(1976, 8, 4)),
            PopulationRow(haasn, "HAASN TARIGAN", "1205233110239001", D(1976, 8, 4)),
        ]
    )
    link = link_of(index, haasn, "HASAN TARIGAN", kk=kk, born=D(1976, 8, 4))
    assert (link.status, link.nik_matched) == (PROBABLE, hasan)
    assert link.reason == (
        "one digit changed at position 16; the given NIK belongs to another family; same KK;"
        " name same"
    )
    # Without a KK in the list nothing says the NIK is wrong: HAASN keeps it.
    assert link_of(index, haasn, "HASAN TARIGAN").nik_matched == haasn


def test_a_namesake_of_another_family_does_not_take_the_row():
    # Two RAHMAT NASUTION, born a week apart: the list's NIK has the other's date digit.
    ours, theirs = "1205170108530001", "1205170808530001"
    kk = "1205171404150001"
    index = PopulationIndex.build(
        [
            PopulationRow(ours, "RAHMAT NASUTION", kk, D(1953, 8, 1)),
            PopulationRow(theirs, "RAHMAT NASUTION", "1205171411160001", D(1953, 8, 8)),
        ]
    )
    link = link_of(index, theirs, "RAHMAT NASUTION", kk=kk, born=D(1953, 8, 1))
    assert (link.status, link.nik_matched) == (PROBABLE, ours)
    # A birth date in the list that the neighbour does not have keeps the NIK's holder.
    assert link_of(index, theirs, "RAHMAT NASUTION", kk=kk, born=D(1953, 8, 8)).status == MATCHED


# --- not found -------------------------------------------------------------------------------


def test_not_in_population(index):
    link = link_of(index, "1205110101010001", "ANDI")
    assert link == Link(
        7, NOT_IN_POPULATION, None, 0.0, "NIK not in the population; no probable match"
    )


def test_invalid_nik(index):
    link = link_of(index, "1205013207850001", "RINA")
    assert (link.status, link.nik_matched, link.confidence) == (INVALID_NIK, None, 0.0)
    assert link.reason == "invalid NIK (date); no probable match"
    assert link_of(index, "1.20501E+15", "RINA").reason.startswith("invalid NIK (precision)")
    assert link_of(index, "12345", "RINA").reason.startswith("invalid NIK (length)")


@pytest.mark.parametrize("empty", [None, "", "-", "  "])
def test_no_nik(index, empty):
    link = link_of(index, empty, "RINA")
    assert (link.status, link.reason) == (INVALID_NIK, "no NIK given; no probable match")


def test_a_neighbour_with_another_name_is_not_probable(index):
    link = link_of(index, "1205010203800003", "HENDRA GUNAWAN")  # one digit from BUDI
    assert (link.status, link.nik_matched) == (NOT_IN_POPULATION, None)
    assert link.reason == "NIK not in the population; no probable match (1 candidates, other names)"


def test_a_neighbour_without_a_name_to_compare_is_not_probable(index):
    link = link_of(index, "1205010203800003", None)
    assert link.status == NOT_IN_POPULATION
    assert "no name to compare" in link.reason


# --- probable, one rule each -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("1205052208880011", "one digit changed at position 16"),
        ("1205052208880097", "one digit changed at position 15"),
        ("1205052208380017", "one digit changed at position 11"),
        ("1205052808880017", "one digit changed at position 8"),
        ("1215052208880017", "one digit changed at position 3"),
        ("1205052208880071", "adjacent digits 15-16 swapped"),
        ("1205052280880017", "adjacent digits 9-10 swapped"),
        ("2105052208880017", "adjacent digits 1-2 swapped"),
        ("1205052208880010", "16th digit zeroed by Excel"),
        ("120505220888017", "one digit missing at position 13"),
        ("120505208880017", "one digit missing at position 7"),
        ("12050522088800017", "one extra digit at position 13"),
        ("12050522088800179", "one extra digit at position 17"),
        ("12O5O522O888OO17", "letters typed for digits"),
    ],
)
def test_probable_rules(index, given, reason):
    # A valid NIK a region or date digit away needs the birth date (see the held-back test).
    born = None if given[:12] == RAHMAT[:12] or not nik.is_valid(given) else RAHMAT_BORN
    link = link_of(index, given, "RAHMAT HIDAYAT", born=born)
    assert (link.status, link.nik_matched) == (PROBABLE, RAHMAT), link
    assert link.reason == f"{reason}; name same"
    assert 0.5 <= link.confidence <= 0.95
    assert link.candidates == ()


@pytest.mark.parametrize(
    ("given", "rule"),
    [
        ("1205052208380017", "one digit changed at position 11"),  # born 1938: valid
        ("1205052808880017", "one digit changed at position 8"),
        ("1205062208880017", "one digit changed at position 6"),  # another kecamatan
        ("2105052208880017", "adjacent digits 1-2 swapped"),
    ],
)
def test_a_valid_nik_a_digit_from_a_namesake_needs_a_second_field(index, given, rule):
    """A valid NIK not in the population may be the person's own: a neighbour NIK whose
    holder has the same name is held back for an officer unless the birth date or KK agrees."""
    assert nik.is_valid(given) and given not in index
    held = link_of(index, given, "RAHMAT HIDAYAT")
    assert (held.status, held.nik_matched, held.confidence) == (NOT_IN_POPULATION, None, 0.0)
    assert held.candidates == (RAHMAT,)
    assert held.reason == f"NIK not in the population; {rule}; name same; {HELD_BACK}"
    wrong_date = link_of(index, given, "RAHMAT HIDAYAT", born=D(1990, 1, 1))
    assert (wrong_date.status, wrong_date.candidates) == (NOT_IN_POPULATION, (RAHMAT,))
    confirmed = link_of(index, given, "RAHMAT HIDAYAT", born=RAHMAT_BORN)
    assert (confirmed.status, confirmed.nik_matched) == (PROBABLE, RAHMAT)
    assert confirmed.reason == f"{rule}; name same"


def test_a_list_kk_confirms_a_valid_neighbour(index):
    given = "1205014207850001"  # SITI's NIK with day 42 (a woman born on the 2nd)
    assert link_of(index, given, "SITI AMINAH").status == NOT_IN_POPULATION
    link = link_of(index, given, "SITI AMINAH", kk=KK_A)
    assert (link.status, link.nik_matched) == (PROBABLE, SITI)


def test_a_serial_digit_or_an_invalid_nik_needs_no_second_field(index):
    """The NIK's own region and birth date agree when only the serial differs; an invalid NIK
    is nobody's own."""
    assert link_of(index, "1205052208880019", "RAHMAT HIDAYAT").status == PROBABLE
    assert link_of(index, "1205053208880017", "RAHMAT HIDAYAT").status == PROBABLE  # day 32


def test_probable_needs_the_name_to_agree(index):
    assert link_of(index, "1205052208880011", "RAHMAT").status == PROBABLE
    assert link_of(index, "1205052208880011", "R. HIDAYAT").status == PROBABLE
    assert link_of(index, "1205052208880011", "JOKO SUSILO").status == NOT_IN_POPULATION
    similar = link_of(index, "1205052208880011", "RAHMAT")
    same = link_of(index, "1205052208880011", "RAHMAT HIDAYAT")
    assert similar.confidence < same.confidence
    assert similar.reason.endswith("name similar")


def test_probable_by_kk_name_and_birth_date(index):
    link = link_of(index, None, "SITI AMINA", kk=KK_A, born=D(1985, 7, 1))
    assert (link.status, link.nik_matched) == (PROBABLE, SITI)
    assert link.reason == "same KK, name and birth date; name same"
    assert link.confidence == CONFIDENCE["kk"]


def test_kk_rule_needs_name_and_birth_date(index):
    assert link_of(index, None, "SITI AMINAH", kk=KK_A, born=D(1985, 7, 2)).status == INVALID_NIK
    assert link_of(index, None, "RINA", kk=KK_A, born=D(1985, 7, 1)).status == INVALID_NIK
    assert link_of(index, None, "SITI AMINAH", kk=KK_A).status == INVALID_NIK
    no_name = link_of(index, None, None, kk=KK_A, born=D(1985, 7, 1))
    assert no_name.status == INVALID_NIK
    assert "no name to compare" in no_name.reason


def test_kk_rule_for_a_damaged_nik(index):
    link = link_of(
        index, "1205O14107850001", "SITI AMINAH", kk="12.05.01.200315.0004", born=D(1985, 7, 1)
    )
    assert (link.status, link.nik_matched) == (PROBABLE, SITI)
    link = link_of(index, "99999", "SITI AMINAH", kk=KK_A, born=D(1985, 7, 1))
    assert (link.status, link.nik_matched) == (PROBABLE, SITI)


def test_kk_rule_confirms_a_digit_rule(index):
    plain = link_of(index, "1205014107850002", "SITI AMINAH")
    confirmed = link_of(index, "1205014107850002", "SITI AMINAH", kk=KK_A, born=D(1985, 7, 1))
    assert plain.nik_matched == confirmed.nik_matched == SITI
    assert confirmed.confidence > plain.confidence
    assert confirmed.reason == "one digit changed at position 16; same KK and birth date; name same"


def test_the_given_nik_belongs_to_someone_else(index):
    # FITRI's NIK written for DEWI, one digit away.
    link = link_of(index, FITRI, "DEWI LESTARI")
    assert (link.status, link.nik_matched) == (PROBABLE, DEWI)
    assert link.reason == (
        "one digit changed at position 16; the given NIK belongs to a different name; name same"
    )
    assert link.confidence < link_of(index, "1205016506950019", "DEWI LESTARI").confidence


# --- ambiguous -------------------------------------------------------------------------------


def test_ambiguous_two_neighbours_agree(index):
    link = link_of(index, "1205031508700002", "JOKO SUSILO")
    assert (link.status, link.nik_matched, link.confidence) == (AMBIGUOUS, None, 0.0)
    assert set(link.candidates) == {JOKO_1, JOKO_3}
    assert link.reason == "2 people explain the NIK with an agreeing name (substitution)"


def test_ambiguous_candidates_best_first(index):
    link = link_of(index, "1205031508700002", "J. SUSILO", born=D(1970, 8, 15))
    assert link.status == AMBIGUOUS
    link = link_of(index, "1205021201100003", "HASAN BASRI")  # twins' serial neighbour
    assert (link.status, link.nik_matched) == (PROBABLE, HASAN)
    link = link_of(index, "1205021201100003", "BASRI")
    assert link.status == AMBIGUOUS
    assert set(link.candidates) == {HASAN, HUSEIN}


def test_ambiguous_twins_on_one_kk(index):
    link = link_of(index, None, "BASRI", kk=KK_TWINS, born=D(2010, 1, 12))
    assert link.status == AMBIGUOUS
    assert set(link.candidates) == {HASAN, HUSEIN}
    link = link_of(index, None, "HUSEIN BASRI", kk=KK_TWINS, born=D(2010, 1, 12))
    assert (link.status, link.nik_matched) == (PROBABLE, HUSEIN)


def test_ambiguous_prefers_the_same_name_first():
    people = [
        ("1205031508700001", "JOKO", None, None),
        ("1205031508700003", "JOKO SUSILO", None, None),
    ]
    (link,) = match(
        [(1, "1205031508700002", None, "JOKO SUSILO", None)], PopulationIndex.build(people)
    )
    assert link.candidates == ("1205031508700003", "1205031508700001")


# --- the API ---------------------------------------------------------------------------------


def test_every_row_gets_one_link_in_order(index):
    rows = [
        EnrolmentRow(i, nik, None, "X Y") for i, nik in enumerate([SITI, None, "123", BUDI] * 5)
    ]
    links = list(match(rows, index, batch=3))
    assert [link.enrolment_id for link in links] == list(range(20))


def test_plain_tuples_are_accepted(index):
    (link,) = match([(1, SITI, None, "SITI AMINAH", None)], index)
    assert link.status == MATCHED


def test_match_is_lazy_and_restores_the_collector(index):
    assert gc.isenabled()
    links = match(iter([EnrolmentRow(1, SITI, None, "SITI AMINAH")] * 10), index, batch=4)
    assert next(links).status == MATCHED
    assert gc.isenabled()
    assert len(list(links)) == 9
    gc.disable()
    try:
        list(match([EnrolmentRow(1, SITI, None, "X")], index))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_custom_confidence(index):
    table = {**CONFIDENCE, "matched-similar": 0.5}
    (link,) = match([EnrolmentRow(1, BUDI, None, "BUDI")], index, confidence=table)
    assert link.confidence == 0.5


def test_summarize(index):
    rows = [
        EnrolmentRow(1, SITI, None, "SITI AMINAH"),
        EnrolmentRow(2, SITI, None, "JOKO SUSILO"),
        EnrolmentRow(3, "1205052208880010", None, "RAHMAT HIDAYAT"),
        EnrolmentRow(4, "1205031508700002", None, "JOKO SUSILO"),
        EnrolmentRow(5, "1205110101010001", None, "ANDI"),
        EnrolmentRow(6, None, None, "ANDI"),
    ]
    counts = summarize(match(rows, index))
    assert list(counts) == list(STATUSES)
    assert counts == {
        MATCHED: 1,
        NAME_MISMATCH: 1,
        PROBABLE: 1,
        AMBIGUOUS: 1,
        NOT_IN_POPULATION: 1,
        INVALID_NIK: 1,
    }
    assert summarize([]) == dict.fromkeys(STATUSES, 0)


def test_index(index):
    assert len(index) == len(PEOPLE)
    assert SITI in index
    assert "1205014107850009" not in index
    assert index.get(SITI) == PEOPLE[0]
    assert index.get("nope") is None
    assert {p.nik for p in index.family(KK_A)} == {SITI, BUDI}
    assert index.family("1205999999999999") == []
    assert index.duplicates == 0
    assert index.kk_conflicts == {}


def test_index_of_an_empty_population():
    empty = PopulationIndex.build([])
    assert len(empty) == 0
    (link,) = match([EnrolmentRow(1, SITI, KK_A, "SITI AMINAH", D(1985, 7, 1))], empty)
    assert link.status == NOT_IN_POPULATION


def test_index_keeps_the_first_of_a_repeated_nik():
    rows = [
        (SITI, "SITI AMINAH", KK_A, D(1985, 7, 1)),
        (SITI, "SITI AMINAH", "1205012003150099", D(1985, 7, 1)),
        (SITI, "SITI AMINAH", None, D(1985, 7, 1)),
        (BUDI, "BUDI SANTOSO", KK_A, None),
        (BUDI, "BUDI SANTOSO", KK_A, None),
    ]
    index = PopulationIndex.build(rows)
    assert len(index) == 2
    assert index.duplicates == 3
    assert index.get(SITI).kk == KK_A
    assert index.kk_conflicts == {SITI: (KK_A, "1205012003150099")}


def test_index_from_persons():
    population = Population.generate(persons=50, seed=3)
    index = PopulationIndex.from_persons(population.persons)
    person = population.persons[0]
    assert index.get(person.nik.value) == (
        person.nik.value,
        person.name,
        person.kk.value,
        person.birth_date,
    )


# --- conflicts -------------------------------------------------------------------------------


def test_find_conflicts():
    rows = [
        ListedRow(1, "PKH", "2024", SITI, "SITI AMINAH", KK_A),
        ListedRow(2, "PKH", "2024", SITI, "ST. AMINAH", "1205012003150005"),
        ListedRow(3, "BPNT", "2024", SITI, "SITI AMINAH", KK_A),
        ListedRow(4, "PKH", "2023", SITI, "SITI AMINAH", "1205012003150001"),
        ListedRow(5, "PKH", "2024", BUDI, "BUDI SANTOSO", KK_A),
        ListedRow(6, "BPNT", "2024", BUDI, "JOKO SUSILO", KK_A),
        ListedRow(7, "PKH", "2024", None, "TANPA NIK", None),
    ]
    conflicts = find_conflicts(rows)
    assert conflicts == [
        Conflict(
            "duplicate-in-period",
            SITI,
            {"programme": "PKH", "period": "2024", "count": 2},
            (1, 2),
        ),
        Conflict(
            "two-kk",
            SITI,
            {"source": "lists", "period": "2024", "kks": (KK_A, "1205012003150005")},
            (1, 2, 3),
        ),
        Conflict("name-conflict", BUDI, {"names": ("BUDI SANTOSO", "JOKO SUSILO")}, (5, 6)),
    ]


def test_find_conflicts_against_the_population():
    population = PopulationIndex.build(
        [
            (SITI, "SITI AMINAH", KK_A, None),
            (SITI, "SITI AMINAH", "1205012003150099", None),
            (BUDI, "BUDI SANTOSO", KK_A, None),
        ]
    )
    rows = [
        ListedRow(1, "PKH", "2024", BUDI, "RINA WATI"),
        ListedRow(2, "PKH", "2024", "12.05.01.410785.0001", "SITI AMINAH"),
    ]
    conflicts = find_conflicts(rows, population)
    assert conflicts == [
        Conflict(
            "name-conflict",
            BUDI,
            {"names": ("RINA WATI",), "population_name": "BUDI SANTOSO"},
            (1,),
        ),
        Conflict("two-kk", SITI, {"source": "population", "kks": (KK_A, "1205012003150099")}),
    ]


def test_no_conflict_for_spelling_variants_or_kk_changes_between_periods():
    rows = [
        ListedRow(1, "PKH", "2023", SITI, "SITI AMINAH", KK_A),
        ListedRow(2, "PKH", "2024", SITI, "Hj. St. Aminah", "1205012003150099"),
        ListedRow(3, "BPNT", "2024", SITI, "SITI AMINA", "1205012003150099"),
    ]
    assert find_conflicts(rows) == []


@pytest.mark.parametrize(
    ("other", "other_kk"),
    [
        ("Siti Aminh", KK_A),  # a letter dropped in a long word: similar
        ("ST. AMINAH", None),
        ("SITI AMINA", "1205012003150099"),  # the KK changed between periods: not a conflict
    ],
)
def test_no_name_conflict_for_one_letter_in_a_long_word(other, other_kk):
    rows = [
        ListedRow(1, "PKH", "2023", SITI, "SITI AMINAH", KK_A),
        ListedRow(2, "BPNT", "2024", SITI, other, other_kk),
    ]
    assert [c for c in find_conflicts(rows) if c.kind == "name-conflict"] == []


def test_no_name_conflict_for_an_abbreviated_muhammad():
    rows = [
        ListedRow(1, "PKH", "2024", RAHMAT, "M. Yusuf", None),
        ListedRow(2, "BPNT", "2024", RAHMAT, "Muh. Yusuf", None),
        ListedRow(3, "KIS", "2024", RAHMAT, "MOCH YUSUF", None),
    ]
    assert find_conflicts(rows) == []


def test_one_letter_in_a_short_word_is_no_conflict_on_the_same_kk():
    """The typo rule of matching: one edit in a short word with the KK agreeing is one person;
    a KK of another family, or no KK to compare, keeps the conflict for an officer."""
    same_kk = [
        ListedRow(1, "PKH", "2024", BUDI, "NUR HAYATI", KK_A),
        ListedRow(2, "BPNT", "2024", BUDI, "NRU HAYATI", KK_A),
        ListedRow(3, "KIS", "2024", BUDI, "Nur Hayati", None),
    ]
    assert find_conflicts(same_kk) == []
    other_kk = [
        ListedRow(1, "PKH", "2024", BUDI, "BUDI SANTOSO", KK_A),
        ListedRow(2, "BPNT", "2024", BUDI, "BUNI SANTOSO", KK_TWINS),
    ]
    (conflict,) = [c for c in find_conflicts(other_kk) if c.kind == "name-conflict"]
    assert conflict.rows == (1, 2)
    no_kk = [
        ListedRow(1, "PKH", "2024", BUDI, "DEWI", None),
        ListedRow(2, "BPNT", "2024", BUDI, "NEWI", None),
    ]
    assert [c.kind for c in find_conflicts(no_kk)] == ["name-conflict"]


def test_one_letter_against_the_population_needs_its_kk():
    population = PopulationIndex.build(PEOPLE)
    listed = ListedRow(1, "PKH", "2024", BUDI, "BUNI SANTOSO", KK_A)  # BUDI's KK
    assert find_conflicts([listed], population) == []
    elsewhere = listed._replace(kk=KK_TWINS)
    (conflict,) = find_conflicts([elsewhere], population)
    assert conflict.kind == "name-conflict"
    assert conflict.details == {"names": ("BUNI SANTOSO",), "population_name": "BUDI SANTOSO"}
    # Two names one letter apart but a third clearly different one is still a conflict.
    rows = [listed, ListedRow(2, "BPNT", "2024", BUDI, "JOKO SUSILO", KK_A)]
    assert [c.kind for c in find_conflicts(rows, population)] == ["name-conflict"]


# --- synthetic populations -------------------------------------------------------------------


def corrupt(nik: str, rnd: random.Random) -> tuple[str, str]:
    kind = rnd.choice(("substitution", "swap", "excel"))
    if kind == "excel" and nik.endswith("0"):
        kind = "substitution"
    if kind == "substitution":
        p = rnd.randrange(16)
        return kind, nik[:p] + rnd.choice([d for d in "0123456789" if d != nik[p]]) + nik[p + 1 :]
    if kind == "swap":
        p = rnd.choice([p for p in range(15) if nik[p] != nik[p + 1]])
        return kind, nik[:p] + nik[p + 1] + nik[p] + nik[p + 2 :]
    return kind, nik[:15] + "0"


def recover(seed: int, share: float = 0.2) -> tuple[int, int, int]:
    """Corrupt a share of a synthetic population's NIKs: (corrupted, recovered, wrong)."""
    population = Population.generate(persons=300, seed=seed)
    index = PopulationIndex.from_persons(population.persons)
    rnd = random.Random(seed)
    rows, truth = [], []
    for k, person in enumerate(population.persons):
        nik = person.nik.value
        given = corrupt(nik, rnd)[1] if rnd.random() < share else nik
        rows.append(EnrolmentRow(k, given, None, person.name, person.birth_date))
        truth.append((nik, given != nik))
    corrupted = recovered = wrong = 0
    for link, (nik, was_corrupted) in zip(match(rows, index), truth, strict=True):
        if link.status == PROBABLE:
            wrong += link.nik_matched != nik
        if was_corrupted:
            corrupted += 1
            recovered += link.status == PROBABLE and link.nik_matched == nik
        else:
            assert link == Link(link.enrolment_id, MATCHED, nik, 1.0, "NIK found; same name")
    return corrupted, recovered, wrong


@given(st.integers(0, 2**32 - 1))
def test_probable_links_point_to_the_right_person(seed):
    corrupted, recovered, wrong = recover(seed)
    assert wrong == 0
    assert recovered >= 0.9 * corrupted


def test_recovery_is_high():
    totals = [recover(seed, share=0.3) for seed in range(8)]
    corrupted = sum(t[0] for t in totals)
    recovered = sum(t[1] for t in totals)
    assert sum(t[2] for t in totals) == 0
    assert recovered / corrupted >= 0.98


def test_family_rule_on_a_synthetic_population():
    population = Population.generate(persons=300, seed=11)
    index = PopulationIndex.from_persons(population.persons)
    rows = [
        EnrolmentRow(k, None, p.kk.value, p.name, p.birth_date)
        for k, p in enumerate(population.persons)
    ]
    links = list(match(rows, index))
    right = sum(
        link.status == PROBABLE and link.nik_matched == p.nik.value
        for link, p in zip(links, population.persons, strict=True)
    )
    assert all(
        link.nik_matched == p.nik.value
        for link, p in zip(links, population.persons, strict=True)
        if link.status == PROBABLE
    )
    assert right >= 0.98 * len(rows)
