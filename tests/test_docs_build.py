"""The documentation site builds with ``mkdocs build --strict``, CLI reference included.

The CLI reference (docs/cli.md) and the API reference (docs/api.md) are generated from the
code at build time, so a broken link, a missing page or a command the reference does not show
fails here. CI (``CI`` set) must run this test; elsewhere it is skipped without mkdocs.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sibaso.cli import cli

ROOT = Path(__file__).resolve().parents[1]

if importlib.util.find_spec("mkdocs") is None and not os.environ.get("CI"):
    pytest.skip("mkdocs is not installed: pip install -e '.[docs]'", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    done = subprocess.run(
        [*command, "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return out


def test_strict_build_writes_every_page(site: Path) -> None:
    pages = {p.parent.name for p in site.glob("*/index.html")}
    for name in ("nik", "registry", "complaints", "cli", "api"):
        assert name in pages
    assert (site / "index.html").is_file()


def test_cli_reference_lists_every_command(site: Path) -> None:
    page = (site / "cli" / "index.html").read_text(encoding="utf-8")
    headings = set(re.findall(r'<h\d id="sibaso-([a-z0-9-]+)"', page))
    missing = sorted(set(cli.commands) - headings)
    assert not missing, f"commands missing from the CLI reference: {missing}"


def test_api_reference_is_from_docstrings(site: Path) -> None:
    page = (site / "api" / "index.html").read_text(encoding="utf-8")
    for ident in (
        "sibaso.nik.is_valid",
        "sibaso.registry.Registry",
        "sibaso.adapters.pipeline.read.read",
    ):
        assert f'id="{ident}"' in page, ident


def test_every_http_problem_type_url_resolves(site: Path) -> None:
    from sibaso.http._problem_types import PROBLEM_TYPE, PROBLEM_TYPES, type_url

    for name in PROBLEM_TYPES:
        path = type_url(name).removeprefix(PROBLEM_TYPE)
        assert (site / "problems" / path / "index.html").is_file(), name
