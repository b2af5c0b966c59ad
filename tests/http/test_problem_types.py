"""Every problem type the HTTP API answers with has its generated page in docs/problems/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from sibaso.complaints import (
    AccessDenied,
    TicketNotFound,
    UnknownOfficer,
)
from sibaso.core.errors import InvalidNIK, SourceError, UnknownProgramme, ValidationError
from sibaso.http._problem_types import _BY_STATUS, PROBLEM_TYPES, pages, type_for
from sibaso.http._problems import Problem, from_library

ROOT = Path(__file__).resolve().parents[2]


def test_pages_are_in_sync_and_in_the_nav() -> None:
    folder = ROOT / "docs" / "problems"
    expected = pages()
    assert sorted(p.name for p in folder.glob("*.md")) == sorted(expected)
    for name, text in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            "regenerate: python -m sibaso.http._problem_types docs/problems"
        )
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in expected:
        assert f"problems/{name}" in nav


def test_every_fallback_type_has_a_page() -> None:
    assert set(_BY_STATUS.values()) <= set(PROBLEM_TYPES)
    for status in range(400, 600):
        assert type_for("no-such-code", status) in PROBLEM_TYPES


def _literal_problems() -> list[tuple[str, int, str | None]]:
    found = []
    for path in (ROOT / "src" / "sibaso" / "http").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem"):
                continue
            status, code = node.args[0], node.args[1]
            kind = next((k.value for k in node.keywords if k.arg == "kind"), None)
            found.append(
                (
                    code.value if isinstance(code, ast.Constant) else "",
                    status.value if isinstance(status, ast.Constant) else 0,
                    kind.value if isinstance(kind, ast.Constant) else None,
                )
            )
    return found


def test_every_literal_problem_of_the_http_layer_has_a_page() -> None:
    found = _literal_problems()
    assert len(found) >= 10
    for code, status, kind in found:
        if kind is not None:
            assert kind in PROBLEM_TYPES, kind
        if code and status:
            problem = Problem(status, code, "x", "x", kind=kind)
            assert problem.kind in PROBLEM_TYPES, (code, status)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (InvalidNIK("bad", code="nik-length"), "invalid-nik"),
        (ValidationError("bad", code="kk-length"), "invalid-value"),
        (SourceError("x.xlsx", "corrupt", code="corrupt"), "unreadable-file"),
        (UnknownProgramme("pkx", ("PKH",)), "unknown-programme"),
        (TicketNotFound(), "not-found"),
        (AccessDenied("no", "tidak"), "access-denied"),
        (UnknownOfficer("p-9"), "access-denied"),
    ],
)
def test_library_refusals_map_to_a_type_with_a_page(error: Exception, kind: str) -> None:
    problem = from_library(error)  # type: ignore[arg-type]
    assert problem.kind == kind
    assert f"{kind}.md" in pages()
