"""Every hook is documented in docs/plugins.md and has a test_hook_<name> (datasette's rule)."""

import re
from pathlib import Path

import pytest

from sibaso import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = sorted(
    name
    for name in dir(hookspecs)
    if callable(getattr(hookspecs, name)) and hasattr(getattr(hookspecs, name), "sibaso_spec")
)


def test_there_are_hooks():
    assert "register_programmes" in HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented(hook):
    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert re.search(rf"^#+ {hook}\(", doc, re.MULTILINE), f"docs/plugins.md lacks '### {hook}('"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_test(hook):
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    assert f"def test_hook_{hook}" in sources
