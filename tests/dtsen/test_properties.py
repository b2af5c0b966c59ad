"""Properties of the DTSEN rules: editions, desil cells, region names, rule dates."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from sibaso.core import wilayah
from sibaso.core.bps import BpsMapper, normal_name
from sibaso.core.dtsen import Edition, parse_desil
from sibaso.core.eligibility import parse_rules

editions = st.builds(
    lambda v, y: Edition(year=y, version=v), st.integers(1, 30), st.integers(1990, 2099)
)


@given(editions)
def test_an_edition_reads_back_from_its_text_and_its_file_name(edition):
    assert Edition.parse(str(edition)) == edition
    name = f"keluarga_dtsen_v{edition.version}_{edition.year}_langkat.csv"
    assert Edition.from_file_name(name) == edition
    assert Edition.parse(f"v{edition.version}", default=edition) == edition


@given(editions, editions)
def test_editions_order_by_year_then_version(a, b):
    assert (a < b) == ((a.year, a.version) < (b.year, b.version))


@given(st.integers(1, 10), st.sampled_from(["{}", " {} ", "Desil {}", "{}.0", "DESIL{}"]))
def test_every_spelling_of_a_desil_reads_as_its_number(n, form):
    assert parse_desil(form.format(n)) == n
    assert parse_desil(n) == n and parse_desil(float(n)) == n


LANGKAT = [r for r in wilayah.kecamatan_of("12.05")]


@given(
    st.sampled_from(LANGKAT),
    st.sampled_from(["{}", "{}", "KEC. {}", "Kecamatan {}"]),
    st.sampled_from([str.upper, str.lower, str.title]),
)
def test_a_kecamatan_maps_back_to_its_code_however_written(region, form, case):
    name = case(form.format(region.name))
    assert BpsMapper().kecamatan("12", "SUMATERA UTARA", "LANGKAT", name) == region.code
    assert normal_name(name) == normal_name(region.name)


@given(st.dates(datetime.date(2024, 1, 1), datetime.date(2027, 12, 31)))
def test_a_rule_applies_exactly_between_its_dates(day):
    rules = parse_rules(
        '[[rule]]\nprogramme = "PKH"\nscale = "nasional"\nmax_desil = 4\n'
        'from = 2025-01-01\nto = 2026-06-30\nsource = "uji"\n',
        "r.toml",
    )
    inside = datetime.date(2025, 1, 1) <= day <= datetime.date(2026, 6, 30)
    assert (rules.for_programme("PKH", day) is not None) == inside
