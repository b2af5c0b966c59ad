"""Adapter hooks, TOML adapters and the adapters/read commands."""

import json

import pytest
from click.testing import CliRunner

import sibaso
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.adapters.layouts.declarative import load_adapter_file
from sibaso.adapters.layouts.known import all_adapters, get_adapter, reset_adapters
from sibaso.cli import cli
from sibaso.hookspecs import hookimpl
from sibaso.plugins import get_plugin_manager

RENAMED_HEADER = "NAMA_PENGURUS;NIK_PENGURUS;NO_KK;KECAMATAN\n"
RENAMED_ROW = "SITI AMINAH;1205014107850001;1205012003150004;BAHOROK\n"


@pytest.fixture
def plugin():
    """Register a throw-away plugin; always unregister it."""
    pm = get_plugin_manager()
    registered = []

    def add(obj):
        pm.register(obj, name=f"test-plugin-{len(registered)}")
        registered.append(obj)
        reset_adapters()
        return obj

    try:
        yield add
    finally:
        for obj in registered:
            pm.unregister(obj)
        reset_adapters()


def test_hook_register_adapters(plugin, tmp_path):
    class Extra:
        @hookimpl
        def register_adapters(self, register):
            register(
                Adapter(
                    name="bansos-lansia",
                    title="Bantuan lansia daerah",
                    kind=Kind.ENROLMENT,
                    programme="PKH",
                    signature=("NIK_LANSIA",),
                    fields={"nik": ("NIK_LANSIA",)},
                    plugin="test",
                )
            )

    plugin(Extra())
    assert "bansos-lansia" in all_adapters()
    path = tmp_path / "lansia.csv"
    path.write_text("NAMA;NIK_LANSIA\nNENEK;1205014107450001\n", encoding="utf-8")
    result = sibaso.read(path)
    assert result.adapter == "bansos-lansia"
    assert result.records[0].nik.value == "1205014107450001"


def test_hook_claim_file(plugin, tmp_path):
    seen = []

    class Claimer:
        @hookimpl
        def claim_file(self, path, headers):
            seen.append(headers)
            return "kks" if path.name.startswith("kks_") else None

    plugin(Claimer())
    path = tmp_path / "kks_2024.csv"
    path.write_text("NIK,NAMA\n1205014107850001,SITI\n", encoding="utf-8")
    result = sibaso.read(path)
    assert result.adapter == "kks" and result.programme == "KKS"
    assert seen and "NIK" in seen[0]
    other = tmp_path / "other.csv"
    other.write_text("NIK,NAMA\n1205014107850001,SITI\n", encoding="utf-8")
    with pytest.raises(sibaso.SourceError):
        sibaso.read(other)  # not claimed, no signature matches, no programme


def test_duplicate_adapter_names_are_refused(plugin):
    class Twin:
        @hookimpl
        def register_adapters(self, register):
            register(Adapter(name="kks", title="another", kind=Kind.ENROLMENT, programme="KKS"))

    plugin(Twin())
    with pytest.raises(sibaso.ValidationError, match="Two adapters are named 'kks'"):
        all_adapters()


RENAMED_TOML = """
[adapter]
name = "sembako-2027"
title = "Bantuan Pangan Sembako 2027"
kind = "enrolment"
programme = "Program Sembako"
signature = ["NIK_PENGURUS", "NAMA_PENGURUS"]

[fields]
nik = ["NIK_PENGURUS"]
name = ["NAMA_PENGURUS"]
"""


def test_toml_adapter_for_renamed_layout(tmp_path):
    adapter_file = tmp_path / "sembako-2027.toml"
    adapter_file.write_text(RENAMED_TOML, encoding="utf-8")
    data = tmp_path / "sembako.csv"
    data.write_text(RENAMED_HEADER + RENAMED_ROW, encoding="utf-8")
    adapter = load_adapter_file(adapter_file)
    assert adapter.programme == "SEMBAKO" and adapter.plugin == "toml:sembako-2027.toml"
    result = sibaso.read(data, adapter=adapter)
    [record] = result.records
    assert record.programme == "SEMBAKO" and record.name == "SITI AMINAH"
    assert record.nik.value == "1205014107850001"


def test_adapters_dir_env(tmp_path, monkeypatch):
    (tmp_path / "sembako-2027.toml").write_text(RENAMED_TOML, encoding="utf-8")
    monkeypatch.setenv("SIBASO_ADAPTERS_DIR", str(tmp_path))
    reset_adapters()
    try:
        assert get_adapter("sembako-2027").title == "Bantuan Pangan Sembako 2027"
        data = tmp_path / "sembako.csv"
        data.write_text(RENAMED_HEADER + RENAMED_ROW, encoding="utf-8")
        assert sibaso.read(data).adapter == "sembako-2027"
    finally:
        monkeypatch.delenv("SIBASO_ADAPTERS_DIR")
        reset_adapters()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[adapter]\nkind='enrolment'\nprogramme='PKH'\n", "adapter.name"),
        ("[adapter]\nname='x'\nkind='list'\n", "adapter.kind"),
        ("[adapter]\nname='x'\nprogramme='Bansos Antah'\n", "adapter.programme"),
        ("[adapter]\nname='x'\nprogramme='PKH'\n[fields]\nnomor = ['A']\n", "fields.nomor"),
        ("[adapter]\nname='x'\nprogramme='PKH'\ncolour='red'\n", "adapter.colour"),
        ("[adapter\nname='x'", "toml"),
    ],
)
def test_malformed_toml_names_the_key(tmp_path, text, where):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sibaso.ValidationError) as info:
        load_adapter_file(path)
    assert "bad.toml" in str(info.value) and where in str(info.value)


def test_cli_adapters_lists_plugins():
    result = CliRunner().invoke(cli, ["adapters", "--json"])
    assert result.exit_code == 0
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert {
        "siks-ng",
        "pbi-jk",
        "dapodik-kip",
        "dukcapil",
        "opensid",
        "bdt",
        "dtks",
        "kks",
        "rs-rtlh",
        "generic",
    } <= set(rows)
    assert rows["pbi-jk"]["plugin"] == "sibaso.adapters.builtin.pbijk"
    assert rows["pbi-jk"]["programme"] == "KIS" and "csv" in rows["pbi-jk"]["formats"]


def test_cli_read_json_and_adapter_file(tmp_path):
    adapter_file = tmp_path / "a.toml"
    adapter_file.write_text(RENAMED_TOML, encoding="utf-8")
    data = tmp_path / "sembako.csv"
    data.write_text(RENAMED_HEADER + RENAMED_ROW + "X;NULL;;\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "read",
            str(data),
            "--adapter-file",
            str(adapter_file),
            "--json",
            "--report",
            str(tmp_path / "r.xlsx"),
        ],
    )
    assert result.exit_code == 0, result.output
    [out] = json.loads(result.output)
    assert out["adapter"] == "sembako-2027" and out["programme"] == "SEMBAKO"
    assert (out["rows"], out["usable"], out["rejected"]) == (2, 1, 1)
    assert out["issues"][0]["row"] == 3 and out["issues"][0]["severity"] == "error"
    assert (tmp_path / "r.xlsx").exists()


def test_cli_read_whole_file_error(tmp_path):
    bad = tmp_path / "scan.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a sheet")
    result = CliRunner().invoke(cli, ["read", str(bad), "--json"])
    assert result.exit_code == 1
    [out] = json.loads(result.output)
    assert out["error"] == "not-a-spreadsheet"


def test_a_wrong_adapter_file_is_refused_in_the_operators_language(tmp_path):
    """An operator writing an adapter file reads what is wrong in Bahasa Indonesia by default."""
    from click.testing import CliRunner

    from sibaso.cli import cli

    data = tmp_path / "x.csv"
    data.write_text("NIK|NAMA\n", encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text('[adapter]\nname = "x"\nkind = "daftar"\nprogramme = "PKH"\n', "utf-8")
    said = CliRunner().invoke(cli, ["read", str(data), "--adapter-file", str(bad)])
    assert said.exit_code == 2
    assert "adapter.kind: pakai enrolment, population atau household" in said.output
    english = CliRunner().invoke(
        cli, ["read", str(data), "--adapter-file", str(bad), "--lang", "en"]
    )
    assert "adapter.kind: use enrolment, population or household" in english.output
