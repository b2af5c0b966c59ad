"""The problem catalogue: every code once with both texts; the docs page generated from it;
call sites name catalogued codes only."""

import ast
import re
import string
from pathlib import Path

import pytest

from sibaso.adapters.records import cells as v
from sibaso.core.problems import CATALOGUE, markdown, render

ROOT = Path(__file__).resolve().parents[1]


def test_docs_page_is_generated_from_the_catalogue():
    page = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    assert page == markdown(), "regenerate: python -m sibaso.core.problems > docs/problems.md"
    assert "problems.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


VARIANTS = [(code, None) for code in sorted(CATALOGUE)] + [
    (code, variant) for code in sorted(CATALOGUE) for variant in CATALOGUE[code].variants
]


@pytest.mark.parametrize(("code", "variant"), VARIANTS)
def test_each_code_has_both_texts_with_the_same_fields(code, variant):
    problem = CATALOGUE[code]
    assert problem.code == code and problem.severity_of(variant) in ("error", "warning", "info")
    fields = [set(), set()]
    for i, template in enumerate(problem.templates(variant)):
        fields[i] = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    assert fields[0] == fields[1] == set(problem.fields(variant))
    sample = {name: f"<{name}>" for name in problem.fields(variant)}
    for name, words in problem.choices.items():
        sample[name] = next(iter(words))
    message_id, message_en = problem.render(variant, **sample)
    assert message_id != message_en and "{" not in message_id + message_en
    assert problem.about and (variant is None or problem.variants[variant].about)


def _calls(path, names):
    tree = ast.parse((ROOT / "src/sibaso" / path).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in names:
                yield node


@pytest.mark.parametrize(
    ("path", "names", "at_least"),
    [
        ("adapters/records/cells.py", {"_problem"}, 12),
        ("adapters/pipeline/read_dtsen.py", {"problem"}, 4),
        ("adapters/builtin/dapodik.py", {"SkipRow"}, 1),
    ],
)
def test_call_sites_name_catalogued_codes_and_no_text(path, names, at_least):
    calls = list(_calls(path, names))
    assert len(calls) >= at_least
    for call in calls:
        code = call.args[0]
        if isinstance(code, ast.Constant):
            assert code.value in CATALOGUE
        else:  # f"{prefix}-format" for NIK and KK
            assert {"nik-format", "kk-format"} <= set(CATALOGUE)
        # messages would come positionally; keywords are the template's fields
        for arg in call.args[1:]:
            text = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            assert not (text and " " in arg.value), ast.unparse(call)


def test_cells_report_the_catalogue_texts():
    _, problem = v.sex_cell("X")
    assert (problem.code, problem.severity) == ("sex-unknown", "warning")
    assert (problem.message_id, problem.message_en) == render("sex-unknown", text="X")
    code, problem = v.code_cell(1234, digits=6)
    assert code == "001234" and problem.code == "leading-zeros-restored"
    assert problem.message_en == render("leading-zeros-restored", text="1234", padded="001234")[1]
    _, problem = v.code_cell("3.2E+15")
    assert problem.severity == "error"
    assert problem.message_id == render("code-precision", text="3.2E+15", form="scientific")[0]


_CODE = re.compile(r"^[a-z][a-z_]*(-[a-z_]+)+$")


def _is_text(node):
    """A literal sentence: an f-string, or a string with a space in it."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value


def _inline_problem_texts(tree):
    """Calls and tuples that give a problem code with its message written out."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add":
            if len(node.args) >= 7 and any(_is_text(a) for a in node.args[5:]):
                yield node  # report.add(sheet, row, column, code, severity, id, en)
        elif isinstance(node, (ast.Tuple, ast.Call)):
            items = node.elts if isinstance(node, ast.Tuple) else node.args
            has_code = any(
                isinstance(i, ast.Constant) and isinstance(i.value, str) and _CODE.match(i.value)
                for i in items
            )
            if has_code and sum(_is_text(i) for i in items) >= 2:
                yield node  # (column, "code", "error", "… id", "… en") or SkipRow(code, id, en)


#: where read reports are made: the read pipeline, its layouts and cells, and ingest. (The
#: complaint form's validation errors, the HTTP problem types and the NIK rule's own
#: warnings are other catalogues.)
READ_REPORT_PACKAGES = ("adapters", "readers", "registry")


def test_no_read_report_problem_is_written_inline():
    """Every problem text of a read report comes from the catalogue: no module of the read
    path writes a code together with its sentences."""
    offenders = []
    for package in READ_REPORT_PACKAGES:
        for path in sorted((ROOT / "src/sibaso" / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno}" for node in _inline_problem_texts(tree)
            ]
    assert offenders == []


def test_the_inline_text_scan_finds_an_inline_text():
    code = (
        'report.add(s, 1, None, "sheet-hidden", "warning", f"Sheet {s!r} tersembunyi.", "x y")\n'
        'problems.append((c, "kk-missing", "error", "No. KK kosong.", "The KK is empty."))\n'
        'report.problem(s, 1, None, "sheet-hidden", sheet=s)\n'
    )
    assert len(list(_inline_problem_texts(ast.parse(code)))) == 2


def test_report_problem_renders_the_catalogue():
    from sibaso.adapters.pipeline.read_report import ReadReport

    report = ReadReport(file="x.xlsx")
    issue = report.problem(
        "Data",
        4,
        None,
        "duplicate-nik",
        "population",
        nik="1205**",
        first_sheet="Data",
        first_row=2,
    )
    assert (issue.code, issue.severity) == ("duplicate-nik", "error")
    assert (
        issue.message_en
        == "NIK 1205** already appears at sheet 'Data' row 2; this row is not used."
    )
    issue = report.problem(None, None, None, "sheet-skipped", "dtsen", sheet="Data")
    assert (
        issue.severity == "info"
        and issue.message == "Sheet 'Data' tidak berjudul kolom DTSEN; tidak dibaca."
    )
