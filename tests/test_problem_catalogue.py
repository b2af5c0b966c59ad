"""The problem catalogue: every code once with both texts; the docs page generated from it;
call sites name catalogued codes only."""

import ast
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


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_has_both_texts_with_the_same_fields(code):
    problem = CATALOGUE[code]
    assert problem.code == code and problem.severity in ("error", "warning", "info")
    fields = [set(), set()]
    for i, template in enumerate((problem.id, problem.en)):
        fields[i] = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    assert fields[0] == fields[1] == set(problem.fields())
    sample = {name: f"<{name}>" for name in problem.fields()}
    for name, words in problem.choices.items():
        sample[name] = next(iter(words))
    message_id, message_en = problem.render(**sample)
    assert message_id != message_en and "{" not in message_id + message_en
    assert problem.about


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
