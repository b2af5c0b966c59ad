"""The README's test command, the docs' copy of it and .ci/run must not drift apart."""

from pathlib import Path

ROOT = Path(__file__).parent.parent


def _test_command(text: str) -> str:
    return next(line for line in text.splitlines() if "python3 -m pytest" in line).strip()


def test_ci_runs_exactly_the_readme_test_command():
    readme = _test_command((ROOT / "README.md").read_text(encoding="utf-8"))
    assert _test_command((ROOT / ".ci" / "run").read_text(encoding="utf-8")) == readme
    assert _test_command((ROOT / "docs" / "index.md").read_text(encoding="utf-8")) == readme
