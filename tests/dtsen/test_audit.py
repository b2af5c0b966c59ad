"""The targeting audit finds exactly the planted errors; scoped, masked, never public."""

import datetime
import json

import pytest
from openpyxl import load_workbook

import sibaso
from sibaso.core.access import Actor, Role
from sibaso.core.address import address_line, desa_label
from sibaso.core.eligibility import default_rules, parse_rules
from sibaso.core.errors import ValidationError
from sibaso.registry.audit import explain_exits, load_rules
from sibaso.report.audit_xlsx import family_tag, write_audit


@pytest.fixture
def registry(world, store_target):
    folder, _pop, _lists, v3, _v2 = world
    registry = sibaso.open(store_target)
    registry.ingest(folder / "dukcapil.csv")
    for name in ("pkh_2026.csv", "sembako_2026.csv", "pbijk_2026.xlsx"):
        registry.ingest(folder / name, period="2026")
    registry.ingest(v3.family_file)
    registry.ingest(v3.member_file)
    try:
        yield registry
    finally:
        registry.close()


def _keys(findings):
    return {(f.programme, f.finding, f.kk or "", f.nik) for f in findings}


def test_the_audit_finds_exactly_the_planted_errors(registry, world):
    _folder, _pop, _lists, v3, _v2 = world
    result = registry.audit()
    assert result.edition == "v3-2026"
    assert _keys(result.findings) == set(v3.planted)
    for code in ("above-threshold", "not-in-dtsen", "eligible-not-enrolled", "deceased"):
        assert v3.planted_of(code), code  # every kind is planted, and found
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) >= {"findings", "summary"}
    first = data["findings"][0]
    assert set(first) == {
        "programme",
        "finding",
        "kk",
        "nik",
        "kecamatan_code",
        "desa_code",
        "desil",
    }
    family_findings = [f for f in data["findings"] if f["finding"] == "eligible-not-enrolled"]
    assert all(f["nik"] is None for f in family_findings)
    total = sum(sum(c.values()) for c in data["summary"].values())
    assert total == len(data["findings"]) == sum(c["count"] for c in data["counts"])
    assert {"programme", "kecamatan_code", "desa_code", "finding", "count"} == set(
        data["counts"][0]
    )


def test_findings_are_scoped_to_the_officers_kecamatan(registry):
    everything = registry.audit()
    kecamatan = next(f.kecamatan_code for f in everything.findings if f.kecamatan_code)
    tksk = Actor(id="tksk-x", role=Role.TKSK, kecamatan=(kecamatan,))
    mine = registry.audit(actor=tksk)
    assert mine.findings
    assert all(f.kecamatan_code == kecamatan for f in mine.findings)
    assert len(mine.findings) == sum(
        1 for f in everything.findings if f.kecamatan_code == kecamatan
    )
    nothing = registry.receives_nothing(4, actor=tksk)
    assert all(r["kecamatan_code"] == kecamatan for r in nothing)


def test_rules_replace_the_defaults(registry, tmp_path):
    text = (
        '[[rule]]\nprogramme = "Program Keluarga Harapan"\nscale = "nasional"\nmax_desil = 10\n'
        'from = "2025-01-01"\nsource = "uji"\n'
    )
    path = tmp_path / "aturan.toml"
    path.write_text(text)
    result = registry.audit(path)
    assert set(result.summary) == {"PKH"}
    assert "above-threshold" not in result.summary["PKH"]
    default = registry.audit().summary["PKH"]["eligible-not-enrolled"]
    assert result.summary["PKH"]["eligible-not-enrolled"] > default  # every decile qualifies


def test_receives_nothing_lists_poor_families_no_list_reaches(registry, world):
    _folder, _pop, lists, v3, _v2 = world
    reached = {r.kk for truth in lists.values() for r in truth.rows}
    expected = {
        kk for kk, d in v3.desil.items() if d.nasional is not None and d.nasional <= 3
    } - reached
    assert {r["kk"] for r in registry.receives_nothing(3)} == expected


def test_the_workbook_has_a_sheet_per_desa_and_masks_on_request(registry, tmp_path):
    result = registry.audit()
    path = write_audit(result, tmp_path / "audit.xlsx")
    wb = load_workbook(path)
    desa = {(f.kecamatan_code, f.desa_code) for f in result.findings}
    assert len(wb.sheetnames) == 1 + len(desa)
    rows = sum(wb[name].max_row - 2 for name in wb.sheetnames[1:])
    assert rows == len(result.findings)
    # a pendamping reads the finding in Bahasa Indonesia, not its code
    findings = {r[1] for ws in wb.worksheets[1:] for r in ws.iter_rows(min_row=3, values_only=True)}
    codes = {f.finding for f in result.findings}
    assert findings and not findings & codes
    assert "layak tetapi tidak menerima" in findings | {
        r[1] for r in wb.worksheets[0].iter_rows(values_only=True)
    }
    masked = load_workbook(write_audit(result, tmp_path / "masked.xlsx", mask=True))
    cells = [
        c
        for ws in masked.worksheets[1:]
        for row in ws.iter_rows(min_row=3, values_only=True)
        for c in row[3:5]
    ]
    assert all(c is None or "*" in c for c in cells)


def test_the_officer_workbook_names_the_people_and_their_desa(registry, tmp_path):
    result = registry.audit()
    assert all(f.address for f in result.findings)
    enrolled = [f for f in result.findings if f.enrolment_id is not None]
    assert enrolled and all(f.name for f in enrolled)
    for f in result.findings:
        desa = desa_label(f.desa_code, None)
        if f.desa_code and desa and not desa.endswith(f.desa_code):
            assert desa.split(" ", 1)[1].upper() in f.address.upper(), f  # the desa is in it
    wb = load_workbook(write_audit(result, tmp_path / "audit.xlsx"))
    headers = [c.value for c in wb.worksheets[1][2]]
    assert headers[3:7] == ["No. KK", "NIK", "Nama", "Alamat"]
    rows = {
        (r[0], r[3], r[4]): r
        for ws in wb.worksheets[1:]
        for r in ws.iter_rows(min_row=3, values_only=True)
    }
    for f in result.findings:
        row = rows[(f.programme, f.kk, f.nik)]
        assert (row[5], row[6]) == (f.name, f.address)


def test_a_shared_copy_masks_names_and_streets_but_tells_families_apart(registry, tmp_path):
    result = registry.audit()
    key = b"k" * 16
    masked = load_workbook(write_audit(result, tmp_path / "m.xlsx", mask=True, tag_key=key))
    rows = [r for ws in masked.worksheets[1:] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert len(rows) == len(result.findings)
    by_kk: dict[str, set[str]] = {}
    for f, row in zip(_in_sheet_order(result.findings), rows, strict=True):
        assert row[4] is None or "*" in row[4]
        assert row[5] is None or all(w[1:] == "*" * (len(w) - 1) for w in row[5].split())
        assert row[6] == address_line(desa_code=f.desa_code, kecamatan_code=f.kecamatan_code)
        if f.kk:
            assert f.kk not in row[3] and row[3].startswith(f.kk[:4] + "*")
            assert row[3].endswith(f"({family_tag(f.kk, key)})")
            by_kk.setdefault(f.kk, set()).add(row[3])
    assert all(len(cells) == 1 for cells in by_kk.values())  # one family, one tag
    plain = {kk[:4] + kk[-2:] for kk in by_kk}
    assert len(plain) < len(by_kk)  # without the tag some families would look alike ...
    assert len({next(iter(c)) for c in by_kk.values()}) == len(by_kk)  # ... with it, none
    again = load_workbook(write_audit(result, tmp_path / "m2.xlsx", mask=True))
    second = [
        r[3] for ws in again.worksheets[1:] for r in ws.iter_rows(min_row=3, values_only=True)
    ]
    assert second != [r[3] for r in rows]  # a fresh key per workbook: copies do not join


def _in_sheet_order(findings):
    by_desa = {}
    for f in findings:
        by_desa.setdefault((f.kecamatan_code or "", f.desa_code or ""), []).append(f)
    return [f for _key, group in sorted(by_desa.items()) for f in group]


def test_desil_is_never_in_a_public_answer(registry, world):
    _folder, _pop, lists, v3, _v2 = world
    nik = lists["PKH"].rows[0].nik
    public = registry.lookup(nik).to_dict()
    assert "desil" not in json.dumps(public)
    officer = registry.lookup(nik, view="officer", actor="uji").to_dict()
    kk = lists["PKH"].rows[0].kk
    if kk in v3.desil:
        assert officer["desil"]["editions"][-1]["desil_nasional"] == v3.desil[kk].nasional


def test_exit_reasons(registry, world):
    _folder, pop, _lists, v3, _v2 = world
    dead = next(p for p in pop.persons if not p.alive)
    poor_kk = next(kk for kk, d in v3.desil.items() if d.nasional and d.nasional > 4)
    entries = [
        {"nik": dead.nik.value, "kk": dead.kk.value},
        {"nik": None, "kk": poor_kk},
        {"nik": "1205014107850001", "kk": None},
    ]
    explain_exits(registry.store, "PKH", entries, period="2026")
    assert [e["reason"] for e in entries] == ["died", "desil-above", "not-found"]
    assert entries[0]["reason_text"] == "meninggal dunia"


def test_rule_file_errors_name_the_line_and_field():
    with pytest.raises(ValidationError, match=r"aturan.toml line 3: rule\[1\].scale"):
        parse_rules(
            '[[rule]]\nprogramme = "PKH"\nscale = "desa"\nmax_desil = 4\nsource = "x"\n',
            "aturan.toml",
        )
    with pytest.raises(ValidationError, match=r"rule\[2\].source: the legal or published source"):
        parse_rules(
            '[[rule]]\nprogramme = "PKH"\nscale = "nasional"\nmax_desil = 4\nsource = "x"\n'
            '[[rule]]\nprogramme = "KIS"\nscale = "nasional"\nmax_desil = 5\n',
            "aturan.toml",
        )
    with pytest.raises(ValidationError, match="not valid TOML"):
        parse_rules("[[rule]\n", "x.toml")
    with pytest.raises(ValidationError, match=r"rule\[1\].programme"):
        load_rules_text = '[[rule]]\nprogramme = "Bantuan Entah"\nscale = "nasional"\nmax_desil = 4\nsource = "x"\n'
        from sibaso.programmes import resolve

        parse_rules(load_rules_text, "x.toml", resolve=lambda n: resolve(n).code)


def test_defaults_say_an_office_must_check_them(monkeypatch, tmp_path):
    rules = default_rules()
    assert rules.builtin and "wajib diperiksa" in rules.note
    assert all(r.source for r in rules.rules)
    assert rules.for_programme("PKH", datetime.date(2026, 7, 1)).max_desil == 4
    path = tmp_path / "r.toml"
    path.write_text(
        '[[rule]]\nprogramme = "PKH"\nscale = "kabupaten"\nmax_desil = 3\nsource = "SK"\n'
    )
    monkeypatch.setenv("SIBASO_RULES", str(path))
    assert load_rules().rules[0].scale.value == "kabupaten"


def test_the_report_gets_a_targeting_section_with_charts(registry, tmp_path):
    from sibaso.report import build_report, render_html, write_xlsx

    data = build_report(registry)
    result = registry.audit()
    keys = [s.key for s in data.sections()]
    assert keys[-2:] == ["sasaran", "desil-penerima"]
    findings, by_desil = data.sections()[-2:]
    assert findings.rows[-1][-1] == len(result.findings)
    assert findings.chart is not None and by_desil.chart is not None
    enrolled = sum(sum(c.values()) for c in result.enrolled_by_desil.values())
    assert sum(r[-1] for r in by_desil.rows) == enrolled > 0
    wb = load_workbook(write_xlsx(data, tmp_path / "rekap.xlsx"))
    assert wb.sheetnames[-2:] == ["Sasaran", "Desil penerima"]
    assert wb["Sasaran"]._charts and wb["Desil penerima"]._charts
    page = render_html(data)
    assert "Audit sasaran terhadap DTSEN" in page and "<svg" in page


def test_exit_reason_moved_out(registry):
    from sibaso.store.base import PERSON_COLUMNS

    row = dict.fromkeys(PERSON_COLUMNS)
    row.update(
        nik="1201014107850001",
        province="12",
        name="PINDAHAN",
        kk="1201012003150001",
        alive=1,
        kecamatan_code="12.01.01",  # Nias, not Langkat
    )
    with registry.store.transaction():
        registry.store.put_persons([tuple(row[c] for c in PERSON_COLUMNS)])
    entries = [{"nik": "1201014107850001", "kk": None}]
    explain_exits(registry.store, "PKH", entries, period="2026")
    assert entries[0]["reason"] == "moved-out"
    assert entries[0]["reason_text"] == "pindah ke luar kabupaten"
