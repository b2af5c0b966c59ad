"""Tests of the programme catalogue: lineages, eras, resolve, the hook and the TOML loader."""

from __future__ import annotations

import datetime
import os
import re
import types
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sibaso import programmes
from sibaso.core.errors import UnknownProgramme, ValidationError
from sibaso.core.lineages import (
    BUILTIN_PROGRAMMES,
    Basis,
    Catalogue,
    Era,
    EraAddition,
    Programme,
    normalise,
)
from sibaso.hookspecs import hookimpl
from sibaso.plugins import get_plugin_manager

D = datetime.date
DOCS = Path(__file__).resolve().parent.parent / "docs" / "programmes.md"


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue(BUILTIN_PROGRAMMES)


@pytest.fixture(autouse=True)
def _fresh_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(programmes.PROGRAMMES_DIR_ENV, raising=False)
    programmes.reset_default_catalogue()
    yield
    programmes.reset_default_catalogue()


def era(name: str, start: datetime.date | None = None, **kwargs: object) -> Era:
    kwargs.setdefault("basis", Basis.FAMILY)
    return Era(name, start=start, **kwargs)  # type: ignore[arg-type]


# --- resolve -------------------------------------------------------------------------------

NAMES = {
    "SEMBAKO": [
        "SEMBAKO",
        "Raskin",
        "raskin",
        "RASKIN",
        "Beras Miskin",
        "Rastra",
        "rastra",
        "Beras Sejahtera",
        "Bansos Rastra",
        "Subsidi Rastra",
        "BPNT",
        "bpnt",
        "B.P.N.T.",
        "Bantuan Pangan Non Tunai",
        "bantuan pangan non-tunai",
        "Program Sembako",
        "program_sembako",
        "Sembako",
        "Bansos Sembako",
    ],
    "KIP": [
        "KIP",
        "kip",
        "K.I.P.",
        "BSM",
        "Bantuan Siswa Miskin",
        "PIP",
        "Program Indonesia Pintar",
        "PROGRAM INDONESIA PINTAR",
        "Kartu Indonesia Pintar",
        "kartu-indonesia-pintar",
    ],
    "KIS": [
        "KIS",
        "Jamkesmas",
        "JAMKESMAS",
        "Jaminan Kesehatan Masyarakat",
        "Kartu Indonesia Sehat",
        "PIS",
        "Program Indonesia Sehat",
        "PBI-JK",
        "PBI JK",
        "pbi-jk",
        "pbi_jk",
        "PBI JKN",
        "Penerima Bantuan Iuran Jaminan Kesehatan",
    ],
    "KKS": [
        "KKS",
        "BLT",
        "blt",
        "Bantuan Langsung Tunai",
        "BLSM",
        "PSKS",
        "Program Simpanan Keluarga Sejahtera",
        "Kartu Keluarga Sejahtera",
    ],
    "PKH": ["PKH", "pkh", "P K H", "Program Keluarga Harapan", "program keluarga harapan"],
    "RS-RTLH": [
        "RS-RTLH",
        "rs rtlh",
        "RSRTLH",
        "RTLH",
        "Rutilahu",
        "rutilahu",
        "Rumah Tidak Layak Huni",
        "Bedah Rumah",
        "bedah rumah",
        "bedah-rumah",
        "Rehabilitasi Sosial Rumah Tidak Layak Huni",
    ],
}


@pytest.mark.parametrize(
    ("code", "name"), [(code, name) for code, names in NAMES.items() for name in names]
)
def test_resolve_every_historical_name(catalogue: Catalogue, code: str, name: str) -> None:
    assert catalogue.resolve(name).code == code


def test_builtin_codes(catalogue: Catalogue) -> None:
    assert catalogue.codes()[:6] == ("SEMBAKO", "KIP", "KIS", "KKS", "PKH", "RS-RTLH")
    assert set(catalogue.codes()[6:]) >= {"BST", "BLT-DD", "PBI-PEMDA", "SEKOLAH-RAKYAT"}
    assert len(catalogue) == len(BUILTIN_PROGRAMMES)
    assert [p.code for p in catalogue] == list(catalogue.codes())


def test_every_registered_name_resolves_to_its_programme(catalogue: Catalogue) -> None:
    for programme in catalogue:
        for name in (programme.code, *programme.names):
            for variant in (name, name.upper(), name.lower(), name.replace(" ", "")):
                assert catalogue.resolve(variant) is programme
            assert f"  {'-'.join(name)}  " in catalogue


_SEPARATORS = st.sampled_from(["", "", "", " ", "  ", "-", ".", "_", "/", "(", ")", "'", "\t"])


@st.composite
def garbled(draw: st.DrawFn) -> tuple[str, str]:
    """A registered name (with its programme's code) in random case with random punctuation."""
    programme = draw(st.sampled_from(BUILTIN_PROGRAMMES))
    name = draw(st.sampled_from((programme.code, *programme.names)))
    out = []
    for ch in name:
        if ch.isalnum():
            out.append(draw(_SEPARATORS) + draw(st.sampled_from([ch.lower(), ch.upper()])))
        else:
            out.append(draw(_SEPARATORS))
    return programme.code, "".join(out) + draw(_SEPARATORS)


@given(garbled())
def test_resolve_ignores_case_punctuation_and_spaces(case: tuple[str, str]) -> None:
    code, text = case
    assert Catalogue(BUILTIN_PROGRAMMES).resolve(text).code == code


def test_normalise() -> None:
    assert normalise(" P.B.I.-J.K. ") == "pbijk"
    assert normalise("Rumah Tidak Layak Huni") == "rumahtidaklayakhuni"
    assert normalise("") == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [("rasta", "Rastra"), ("raskn", "Raskin"), ("Jamkesmass", "Jamkesmas"), ("sembak", "SEMBAKO")],
)
def test_unknown_programme_suggests(catalogue: Catalogue, name: str, expected: str) -> None:
    with pytest.raises(UnknownProgramme) as info:
        catalogue.resolve(name)
    assert info.value.name == name
    assert expected in info.value.suggestions
    assert expected in str(info.value)
    assert isinstance(info.value, LookupError)


def test_unknown_programme_suggests_contained_name(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownProgramme) as info:
        catalogue.resolve("KIP Kuliah")
    assert "KIP" in info.value.suggestions


@pytest.mark.parametrize("name", ["", "   ", "---", "xyzzy-quux"])
def test_unknown_programme_without_suggestions(catalogue: Catalogue, name: str) -> None:
    with pytest.raises(UnknownProgramme) as info:
        catalogue.resolve(name)
    assert info.value.suggestions == ()


def test_resolve_rejects_non_strings(catalogue: Catalogue) -> None:
    with pytest.raises(TypeError):
        catalogue.resolve(None)  # type: ignore[arg-type]


def test_get_and_contains(catalogue: Catalogue) -> None:
    kis = catalogue.get("kis")
    assert kis is not None
    assert kis.code == "KIS"
    assert catalogue.get("rs rtlh") is catalogue.resolve("Rutilahu")
    assert catalogue.get("Raskin") is None  # get takes codes only
    assert catalogue.get("nope") is None
    assert "raskin" in catalogue
    assert kis in catalogue
    assert "nope" not in catalogue
    assert 42 not in catalogue
    assert attrs.evolve(kis, description="other") not in catalogue


# --- eras ----------------------------------------------------------------------------------


def test_sembako_history(catalogue: Catalogue) -> None:
    sembako = catalogue.resolve("SEMBAKO")
    assert [e.name for e in sembako.eras] == [
        "Raskin",
        "Rastra",
        "Bantuan Pangan Non Tunai",
        "Program Sembako",
    ]
    assert sembako.current_name == "Program Sembako"
    assert sembako.current_era is sembako.eras[-1]


@pytest.mark.parametrize(
    ("when", "name"),
    [
        (D(2001, 12, 31), None),
        (D(2002, 1, 1), "Raskin"),
        (D(2016, 12, 31), "Raskin"),
        (D(2017, 1, 1), "Rastra"),
        (D(2017, 12, 31), "Rastra"),
        (D(2018, 1, 1), "Bantuan Pangan Non Tunai"),
        (D(2019, 12, 31), "Bantuan Pangan Non Tunai"),
        (D(2020, 1, 1), "Program Sembako"),
        (D(2099, 1, 1), "Program Sembako"),
        (2016, "Raskin"),
        (2017, "Rastra"),
        (2019, "Bantuan Pangan Non Tunai"),
        (2020, "Program Sembako"),
        (datetime.datetime(2017, 6, 1, 12, 0), "Rastra"),
    ],
)
def test_sembako_era_at(catalogue: Catalogue, when: datetime.date | int, name: str | None) -> None:
    found = catalogue.resolve("SEMBAKO").era_at(when)
    assert (found.name if found else None) == name


def test_basis_changes_household_to_family(catalogue: Catalogue) -> None:
    sembako = catalogue.resolve("Raskin")
    assert sembako.basis_at(2016) is Basis.HOUSEHOLD
    assert sembako.basis_at(2017) is Basis.HOUSEHOLD
    assert sembako.basis_at(D(2017, 12, 31)) is Basis.HOUSEHOLD
    assert sembako.basis_at(D(2018, 1, 1)) is Basis.FAMILY
    assert sembako.basis_at(2020) is Basis.FAMILY
    assert sembako.basis_at(1990) is None
    assert Basis("family") is Basis.FAMILY
    assert isinstance(Basis.FAMILY, str)


@pytest.mark.parametrize(
    ("code", "when", "name"),
    [
        ("KIP", 2014, "Bantuan Siswa Miskin"),
        ("KIP", D(2015, 1, 1), "Program Indonesia Pintar"),
        ("KIS", 2013, "Jaminan Kesehatan Masyarakat"),
        ("KIS", D(2014, 1, 1), "Kartu Indonesia Sehat"),
        ("KIS", D(2019, 12, 31), "Kartu Indonesia Sehat"),
        ("KIS", 2024, "Penerima Bantuan Iuran Jaminan Kesehatan"),
        ("KKS", 2008, "Bantuan Langsung Tunai"),
        ("KKS", D(2005, 9, 30), None),
        ("KKS", 2014, None),  # a gap: BLSM ended in 2013, PSKS started in November 2014
        ("KKS", D(2014, 11, 3), "Program Simpanan Keluarga Sejahtera"),
        ("PKH", 2006, None),
        ("PKH", 2007, "Program Keluarga Harapan"),
        ("RS-RTLH", 1950, "Rehabilitasi Sosial Rumah Tidak Layak Huni"),
    ],
)
def test_other_era_boundaries(
    catalogue: Catalogue, code: str, when: datetime.date | int, name: str | None
) -> None:
    found = catalogue.resolve(code).era_at(when)
    assert (found.name if found else None) == name


@pytest.mark.parametrize("when", ["2017", 2017.0, True, None])
def test_era_at_rejects_other_types(catalogue: Catalogue, when: object) -> None:
    with pytest.raises(TypeError):
        catalogue.resolve("PKH").era_at(when)  # type: ignore[arg-type]


def test_programme_that_ended() -> None:
    ended = Programme("X", [era("Old", D(2000, 1, 1), end=D(2001, 12, 31))])
    assert ended.era_at(2001) is not None
    assert ended.era_at(2002) is None
    assert ended.current_name == "Old"


def test_former_names(catalogue: Catalogue) -> None:
    assert catalogue.resolve("SEMBAKO").former_names == (
        "Raskin",
        "Beras Miskin",
        "Beras untuk Rumah Tangga Miskin",
        "Rastra",
        "Beras Sejahtera",
        "Bansos Rastra",
        "Subsidi Rastra",
        "Bantuan Pangan Non Tunai",
        "BPNT",
    )
    assert catalogue.resolve("KIP").former_names == ("Bantuan Siswa Miskin", "BSM")
    assert catalogue.resolve("PKH").former_names == ()
    kis = catalogue.resolve("KIS")
    assert "Jamkesmas" in kis.former_names
    assert "KIS" in kis.former_names
    assert kis.current_name not in kis.former_names


def test_former_names_skip_current_names_and_duplicates() -> None:
    programme = Programme(
        "X",
        [
            era("Alpha", D(2000, 1, 1), aliases=("A", "Beta")),
            era("A.", D(2005, 1, 1), aliases=("Gamma",)),
            era("Beta", D(2010, 1, 1)),
        ],
    )
    assert programme.former_names == ("Alpha", "A", "Gamma")
    assert programme.names == ("Alpha", "A", "Beta", "Gamma")


def test_names_lists_everything_once(catalogue: Catalogue) -> None:
    rtlh = catalogue.resolve("RTLH")
    assert rtlh.names == (
        "Rehabilitasi Sosial Rumah Tidak Layak Huni",
        "RS-RTLH",
        "RTLH",
        "Rutilahu",
        "Rumah Tidak Layak Huni",
        "Bedah Rumah",
    )


def test_every_builtin_era_is_sound() -> None:
    for programme in BUILTIN_PROGRAMMES:
        assert programme.description
        for e in programme.eras:
            assert isinstance(e.basis, Basis)
            assert e.note, f"{programme.code}/{e.name} should say its sources or uncertainties"


# --- validation of eras and programmes -------------------------------------------------------


def test_era_converts_aliases_and_basis() -> None:
    e = Era("Name", aliases="N", basis="household")
    assert e.aliases == ("N",)
    assert e.basis is Basis.HOUSEHOLD
    assert e.names == ("Name", "N")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": ""},
        {"name": "--"},
        {"aliases": ("ok", " ")},
        {"basis": "village"},
        {"start": D(2020, 1, 1), "end": D(2019, 1, 1)},
        {"start": "2020-01-01"},
        {"end": datetime.datetime(2020, 1, 1)},
    ],
)
def test_invalid_era(kwargs: dict[str, object]) -> None:
    arguments: dict[str, object] = {"name": "Name", "basis": "family", **kwargs}
    with pytest.raises(ValueError):
        Era(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "eras",
    [
        [],
        [era("A", D(2000, 1, 1)), era("B")],
        [era("B", D(2005, 1, 1)), era("A", D(2000, 1, 1))],
        [era("A", D(2000, 1, 1)), era("B", D(2000, 1, 1))],
        [era("A", D(2000, 1, 1), end=D(2005, 1, 1)), era("B", D(2005, 1, 1))],
        ["not an era"],
    ],
)
def test_invalid_eras(eras: list[Era]) -> None:
    with pytest.raises(ValidationError) as info:
        Programme("X", eras)
    assert info.value.code == "invalid-eras"


def test_first_era_may_have_no_start() -> None:
    programme = Programme("X", [era("A"), era("B", D(2010, 1, 1))])
    assert programme.era_at(1900) is not None
    assert programme.era_at(1900).name == "A"  # type: ignore[union-attr]
    assert programme.era_at(2009).name == "A"  # type: ignore[union-attr]
    assert programme.era_at(2010).name == "B"  # type: ignore[union-attr]


# --- registration ----------------------------------------------------------------------------


def test_register_identical_programme_is_a_no_op(catalogue: Catalogue) -> None:
    pkh = catalogue.resolve("PKH")
    assert catalogue.register(pkh) is pkh
    assert catalogue.register(attrs.evolve(pkh)) is pkh
    assert len(catalogue) == len(BUILTIN_PROGRAMMES)


def test_register_same_code_with_other_eras_raises(catalogue: Catalogue) -> None:
    other = Programme("pkh", [era("Program Keluarga Harapan", D(2008, 1, 1))])
    with pytest.raises(ValidationError, match="already registered") as info:
        catalogue.register(other)
    assert info.value.code == "duplicate-programme"
    assert catalogue.resolve("PKH").eras[0].start == D(2007, 1, 1)


def test_register_replace(catalogue: Catalogue) -> None:
    new = Programme("KIS", [era("Penerima Bantuan Iuran", D(2014, 1, 1), aliases=("PBI",))])
    assert catalogue.register(new, replace=True) is new
    assert catalogue.resolve("pbi") is new
    assert catalogue.codes()[2] == "KIS"  # keeps its place
    with pytest.raises(UnknownProgramme):
        catalogue.resolve("Jamkesmas")  # the old names went with the old lineage


def test_register_replace_unknown_code_raises(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownProgramme):
        catalogue.register(Programme("PKHH", [era("Something", D(2000, 1, 1))]), replace=True)


def test_ambiguous_alias_raises(catalogue: Catalogue) -> None:
    clash = Programme("BLD", [era("Bantuan Lansia Daerah", D(2024, 1, 1), aliases=("P.K.H",))])
    with pytest.raises(ValidationError, match=r"'P\.K\.H'.*'PKH'") as info:
        catalogue.register(clash)
    assert info.value.code == "ambiguous-programme-name"
    assert "BLD" not in catalogue.codes()
    assert "Bantuan Lansia Daerah" not in catalogue  # nothing half-registered


def test_code_clashing_with_a_name_raises(catalogue: Catalogue) -> None:
    with pytest.raises(ValidationError, match=r"already a name of programme 'SEMBAKO'"):
        catalogue.register(Programme("Rastra", [era("Beras Rakyat", D(2030, 1, 1))]))


def test_register_rejects_other_objects(catalogue: Catalogue) -> None:
    with pytest.raises(TypeError):
        catalogue.register("PKH")  # type: ignore[arg-type]


def test_era_addition_appends_and_closes_the_previous_era(catalogue: Catalogue) -> None:
    renamed = era("Bantuan Pangan Sembako", D(2027, 1, 1))
    updated = catalogue.register(EraAddition("SEMBAKO", renamed))
    assert catalogue.resolve("bantuan pangan sembako") is updated
    assert updated.current_name == "Bantuan Pangan Sembako"
    assert updated.era_at(D(2026, 12, 31)).name == "Program Sembako"  # type: ignore[union-attr]
    assert updated.era_at(2027) is renamed
    assert "Program Sembako" in updated.former_names
    assert "Raskin" in updated.former_names
    assert catalogue.register(EraAddition("SEMBAKO", renamed)) is updated  # idempotent


def test_era_addition_by_name_and_in_the_middle(catalogue: Catalogue) -> None:
    opk = era("Operasi Pasar Khusus", D(1998, 7, 1), end=D(2001, 12, 31), aliases=("OPK",))
    updated = catalogue.register(EraAddition("raskin", opk))
    assert updated.eras[0] is opk
    assert catalogue.resolve("OPK").code == "SEMBAKO"
    middle = era("Beras Transisi", D(2017, 6, 1), basis=Basis.FAMILY)
    with pytest.raises(ValidationError, match="overlaps"):
        catalogue.register(EraAddition("SEMBAKO", middle))  # Rastra has an end date


def test_era_addition_errors(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownProgramme):
        catalogue.register(EraAddition("NOPE", era("X", D(2030, 1, 1))))
    with pytest.raises(ValidationError, match="start date"):
        catalogue.register(EraAddition("PKH", era("PKH Plus")))
    with pytest.raises(ValidationError, match="already a name"):
        catalogue.register(EraAddition("PKH", era("KIP", D(2030, 1, 1))))


def test_empty_catalogue() -> None:
    empty = Catalogue()
    assert len(empty) == 0
    assert empty.codes() == ()
    assert repr(empty) == "<Catalogue >"
    with pytest.raises(UnknownProgramme):
        empty.resolve("PKH")


# --- the hook and the default catalogue ------------------------------------------------------


def test_default_catalogue_has_the_builtins() -> None:
    default = programmes.default_catalogue()
    assert default is programmes.default_catalogue()
    assert default.codes()[:6] == ("SEMBAKO", "KIP", "KIS", "KKS", "PKH", "RS-RTLH")
    assert programmes.resolve("Rutilahu").code == "RS-RTLH"


@pytest.fixture
def extra_plugin() -> Iterator[types.SimpleNamespace]:
    class Plugin:
        @hookimpl
        def register_programmes(self, register: object) -> None:
            register(EraAddition("SEMBAKO", era("Bantuan Pangan Sembako", D(2027, 1, 1))))  # type: ignore[operator]
            register(  # type: ignore[operator]
                Programme(
                    "BLD",
                    [era("Bantuan Lansia Daerah", D(2024, 1, 1), basis=Basis.INDIVIDUAL)],
                )
            )

    pm = get_plugin_manager()
    plugin = Plugin()
    pm.register(plugin, name="test-extra-programmes")
    programmes.reset_default_catalogue()
    try:
        yield types.SimpleNamespace(plugin=plugin)
    finally:
        pm.unregister(plugin)
        programmes.reset_default_catalogue()


def test_hook_register_programmes(extra_plugin: types.SimpleNamespace) -> None:
    # pluggy calls the plugin registered last first; the catalogue still adds the SEMBAKO
    # era after the built-in lineage because new lineages are registered before eras.
    assert programmes.resolve("Bantuan Lansia Daerah").basis_at(2024) is Basis.INDIVIDUAL
    assert programmes.resolve("raskin").current_name == "Bantuan Pangan Sembako"
    assert programmes.default_catalogue().codes()[0] == "SEMBAKO"


def test_hook_unregistered_plugin_is_gone() -> None:
    with pytest.raises(UnknownProgramme):
        programmes.resolve("Bantuan Lansia Daerah")


def test_hook_conflict_is_reported() -> None:
    class Clash:
        @hookimpl
        def register_programmes(self, register: object) -> None:
            register(Programme("RASKIN2", [era("Raskin", D(2030, 1, 1))]))  # type: ignore[operator]

    pm = get_plugin_manager()
    plugin = Clash()
    pm.register(plugin, name="test-clashing-programmes")
    try:
        programmes.reset_default_catalogue()
        with pytest.raises(ValidationError, match=r"register_programmes: .*'Raskin'"):
            programmes.default_catalogue()
    finally:
        pm.unregister(plugin)
        programmes.reset_default_catalogue()
    assert programmes.resolve("Raskin").code == "SEMBAKO"


# --- TOML ------------------------------------------------------------------------------------

GOOD_TOML = """
[[era]]
programme = "Program Sembako"
name = "Bantuan Pangan Sembako"
aliases = ["BP Sembako"]
basis = "family"
start = 2027-01-01

[[programme]]
code = "BLD"
description = "Kabupaten cash assistance for the elderly."

[[programme.era]]
name = "Bantuan Lansia Daerah"
aliases = ["BLD", "Bansos Lansia Daerah"]
basis = "individual"
start = 2024
end = "2025-06-30"
note = "Perbup 2023."

[[programme.era]]
name = "Bantuan Lansia Sejahtera"
basis = "individual"
start = 2025-07-01
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_toml_into_a_catalogue(tmp_path: Path, catalogue: Catalogue) -> None:
    path = write(tmp_path, "local.toml", GOOD_TOML)
    assert programmes.load_toml(path, catalogue) is catalogue
    sembako = catalogue.resolve("bp sembako")
    assert sembako.code == "SEMBAKO"
    assert sembako.era_at(2027).name == "Bantuan Pangan Sembako"  # type: ignore[union-attr]
    bld = catalogue.resolve("bansos lansia daerah")
    assert bld.code == "BLD"
    assert bld.description == "Kabupaten cash assistance for the elderly."
    first = bld.eras[0]
    assert (first.start, first.end, first.basis) == (D(2024, 1, 1), D(2025, 6, 30), "individual")
    assert first.note == "Perbup 2023."
    assert bld.current_name == "Bantuan Lansia Sejahtera"
    assert bld.former_names == ("Bantuan Lansia Daerah", "BLD", "Bansos Lansia Daerah")
    programmes.load_toml(str(path), catalogue)  # loading twice changes nothing
    assert len(catalogue) == len(BUILTIN_PROGRAMMES) + 1


def test_load_toml_into_the_default_catalogue(tmp_path: Path) -> None:
    programmes.load_toml(write(tmp_path, "local.toml", GOOD_TOML))
    assert programmes.resolve("BLD").code == "BLD"


def test_load_toml_year_end_and_replace(tmp_path: Path, catalogue: Catalogue) -> None:
    text = """
    [[programme]]
    code = "kis"
    replace = true
    [[programme.era]]
    name = "Jaminan Kesehatan Masyarakat"
    aliases = "Jamkesmas"
    basis = "individual"
    start = 2008
    end = 2013
    [[programme.era]]
    name = "Penerima Bantuan Iuran Jaminan Kesehatan"
    aliases = ["PBI-JK", "KIS"]
    basis = "individual"
    start = 2014
    """
    programmes.load_toml(write(tmp_path, "kis.toml", text), catalogue)
    kis = catalogue.resolve("PBI JK")
    assert kis.eras[0].end == D(2013, 12, 31)
    assert kis.era_at(2014).name == "Penerima Bantuan Iuran Jaminan Kesehatan"  # type: ignore[union-attr]
    with pytest.raises(UnknownProgramme):
        catalogue.resolve("Kartu Indonesia Sehat")


def test_load_toml_empty_file_is_fine(tmp_path: Path, catalogue: Catalogue) -> None:
    programmes.load_toml(write(tmp_path, "empty.toml", "# nothing yet\n"), catalogue)
    assert len(catalogue) == len(BUILTIN_PROGRAMMES)


BAD_TOML = [
    ("not toml = = 1", "not valid TOML"),
    ("colour = 1", r"colour: unknown key"),
    ("programme = 1", r"programme: must be an array of tables"),
    ("[[programme]]\ncode = 'X'", r"programme\[0\]\.era: is required"),
    ("[[programme]]\n[[programme.era]]\nname='A'\nbasis='family'", r"programme\[0\]\.code: is"),
    ("[[programme]]\ncode = 1\n[[programme.era]]\nname='A'\nbasis='family'", "must be a string"),
    (
        "[[programme]]\ncode='X'\nreplace='yes'\n[[programme.era]]\nname='A'\nbasis='family'",
        r"programme\[0\]\.replace: must be true or false",
    ),
    (
        "[[programme]]\ncode = 'X'\n[[programme.era]]\nname = 'A'\nbasis = 'famly'",
        r"programme\[0\]\.era\[0\]\.basis: must be one of individual, family, household",
    ),
    (
        "[[programme]]\ncode = 'X'\n[[programme.era]]\nname = 'A'",
        r"programme\[0\]\.era\[0\]\.basis: is required",
    ),
    (
        "[[programme]]\ncode='X'\n[[programme.era]]\nname='A'\nbasis='family'\nbasys='family'",
        r"programme\[0\]\.era\[0\]\.basys: unknown key",
    ),
    (
        "[[programme]]\ncode='X'\n[[programme.era]]\nname='A'\nbasis='family'\nstart='soon'",
        r"programme\[0\]\.era\[0\]\.start: must be a date",
    ),
    (
        "[[programme]]\ncode='X'\n[[programme.era]]\nname='A'\nbasis='family'\n"
        "start=2020-01-01T10:00:00",
        r"programme\[0\]\.era\[0\]\.start: must be a date",
    ),
    (
        "[[programme]]\ncode='X'\n[[programme.era]]\nname='A'\nbasis='family'\nstart=2020\n"
        "end=2019",
        r"programme\[0\]\.era\[0\]: Era 'A' ends",
    ),
    (
        "[[programme]]\ncode='X'\n[[programme.era]]\nname='A'\nbasis='family'\naliases=[1]",
        r"programme\[0\]\.era\[0\]\.aliases: must be a list of strings",
    ),
    (
        "[[programme]]\ncode='X'\n[[programme.era]]\nname='A'\nbasis='family'\nstart=2020\n"
        "[[programme.era]]\nname='B'\nbasis='family'\nstart=2019",
        r"programme\[0\]: Programme 'X': era 'B'",
    ),
    ("[[era]]\nname='A'\nbasis='family'\nstart=2030", r"era\[0\]\.programme: is required"),
    (
        "[[era]]\nprogramme='NOPE'\nname='A'\nbasis='family'\nstart=2030",
        r"era\[0\]: no programme 'NOPE'",
    ),
    ("[[era]]\nprogramme='PKH'\nname='A'\nbasis='family'", r"era\[0\]: .*start date"),
    (
        "[[programme]]\ncode='X'\n[[programme.era]]\nname='Raskin'\nbasis='family'",
        r"programme\[0\]: Name 'Raskin' of programme 'X' is already a name of programme "
        "'SEMBAKO'",
    ),
    (
        "[[programme]]\ncode='PKH'\n[[programme.era]]\nname='A'\nbasis='family'",
        r"programme\[0\]: Programme 'PKH' is already registered",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_TOML)
def test_load_toml_malformed(tmp_path: Path, catalogue: Catalogue, text: str, message: str) -> None:
    path = write(tmp_path, "bad.toml", text)
    with pytest.raises(ValidationError, match=message) as info:
        programmes.load_toml(path, catalogue)
    assert str(path) in str(info.value)
    assert len(catalogue) == len(BUILTIN_PROGRAMMES)


def test_bad_file_changes_nothing(tmp_path: Path, catalogue: Catalogue) -> None:
    text = GOOD_TOML + "\n[[era]]\nprogramme='NOPE'\nname='Z'\nbasis='family'\nstart=2030\n"
    with pytest.raises(ValidationError, match="NOPE"):
        programmes.load_toml(write(tmp_path, "half.toml", text), catalogue)
    assert "BLD" not in catalogue
    assert catalogue.resolve("SEMBAKO").current_name == "Program Sembako"


def test_load_toml_missing_file(tmp_path: Path, catalogue: Catalogue) -> None:
    with pytest.raises(FileNotFoundError):
        programmes.load_toml(tmp_path / "absent.toml", catalogue)


def test_programmes_dir_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    # The era file sorts (and its folder comes) before the file defining the lineage.
    era_file = "[[era]]\nprogramme='BLD'\nname='BLD Plus'\nbasis='individual'\nstart=2030\n"
    write(first, "1-era.toml", era_file)
    write(second, "0-programme.toml", GOOD_TOML)
    write(second, "ignored.txt", "not toml")
    monkeypatch.setenv(programmes.PROGRAMMES_DIR_ENV, f"{first}{os.pathsep}{second}")
    programmes.reset_default_catalogue()
    bld = programmes.resolve("Bantuan Lansia Daerah")
    assert bld.current_name == "BLD Plus"
    assert programmes.resolve("raskin").current_name == "Bantuan Pangan Sembako"


def test_programmes_dir_env_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(programmes.PROGRAMMES_DIR_ENV, str(tmp_path / "absent"))
    programmes.reset_default_catalogue()
    with pytest.raises(ValidationError, match="SIBASO_PROGRAMMES_DIR") as info:
        programmes.default_catalogue()
    assert info.value.code == "invalid-programmes-dir"


def test_programmes_dir_env_bad_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "bad.toml", "[[programme]]\ncode = 'X'\n")
    monkeypatch.setenv(programmes.PROGRAMMES_DIR_ENV, str(tmp_path))
    programmes.reset_default_catalogue()
    with pytest.raises(ValidationError, match=r"bad\.toml: programme\[0\]\.era"):
        programmes.resolve("PKH")


def test_docs_toml_examples_load(tmp_path: Path, catalogue: Catalogue) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    catalogue_blocks = [b for b in blocks if "project.entry-points" not in b]
    assert len(catalogue_blocks) == 2
    for i, block in enumerate(catalogue_blocks):
        programmes.load_toml(write(tmp_path, f"doc{i}.toml", block), catalogue)
    assert catalogue.resolve("SEMBAKO").era_at(2027).name == "Bantuan Pangan Sembako"  # type: ignore[union-attr]
    assert catalogue.resolve("BLD").basis_at(2024) is Basis.INDIVIDUAL
    assert catalogue.resolve("KIS").current_name == "Penerima Bantuan Iuran Jaminan Kesehatan"


def test_public_namespace() -> None:
    assert set(programmes.__all__) >= {
        "Basis",
        "Catalogue",
        "Era",
        "EraAddition",
        "Programme",
        "default_catalogue",
        "load_toml",
        "reset_default_catalogue",
        "resolve",
    }
    for name in programmes.__all__:
        assert hasattr(programmes, name)
    assert programmes.Programme is Programme
