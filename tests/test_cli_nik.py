"""``sibaso nik check``: plain words, JSON, stdin, exit codes."""

import json

from click.testing import CliRunner

from sibaso.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_valid_value_in_indonesian():
    result = run("nik", "check", "1205014107850001")
    assert result.exit_code == 0
    assert "sah" in result.output
    assert "perempuan" in result.output
    assert "Bahorok" in result.output


def test_english_and_invalid_exit_1():
    result = run("nik", "check", "1205014107850001", "12050141078500", "--lang", "en")
    assert result.exit_code == 1
    assert "invalid (length)" in result.output
    assert "16 digits" in result.output


def test_json_keys_and_values():
    result = run("nik", "check", "1205014107850001", "1205013207850001", "3.2E+15", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [d["valid"] for d in data] == [True, False, False]
    first = data[0]
    assert set(first) >= {
        "input",
        "valid",
        "nik",
        "error",
        "warnings",
        "birth_date",
        "sex",
        "region",
    }
    assert first["nik"] == "1205014107850001"
    assert first["error"] is None
    assert first["birth_date"] == "1985-07-01"
    assert first["sex"] == "P"
    assert first["region"] == {
        "province": "Sumatera Utara",
        "regency": "Kabupaten Langkat",
        "district": "Bahorok",
    }
    assert data[1]["error"] == "date"
    assert data[1]["nik"] == "1205013207850001"
    assert data[1]["region"] is None
    assert data[1]["sex"] is None
    assert data[2]["error"] == "precision"
    assert data[2]["nik"] is None


def test_stdin_and_lenient():
    result = run(
        "nik", "check", "-", "--json", "--lenient", input="1205994107850001\n\n 1205014107850001 \n"
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert len(data) == 2
    assert data[0]["warnings"][0]["code"] == "region"
    strict = run("nik", "check", "1205994107850001", "--json")
    assert strict.exit_code == 1


def test_usage_errors_exit_2():
    assert run("nik", "check").exit_code == 2
    assert run("nik", "check", "x", "--lang", "fr").exit_code == 2
