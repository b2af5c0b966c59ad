"""Fixtures for the reader tests; file builders live in ``sheetbuild``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ENGINES = ["calamine", "openpyxl"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each xlsx engine in turn."""
    return str(request.param)
