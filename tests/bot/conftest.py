"""A small demo registry (built once, copied per test), a clock the tests move, and bots."""

import shutil

import pytest
from sibaso_bot import Bot, Limits

import sibaso
from sibaso.core import nik as nik_rules
from sibaso.demo import run_demo


class Clock:
    """Seconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _examples(registry) -> dict[str, str]:
    """Full NIKs reaching a programme only via self, family or household; a renamed one; a
    resident with none; a Langkat resident to report with; a NIK nobody holds."""
    found: dict[str, str] = {}
    for (nik,) in registry.store.query("SELECT nik FROM person ORDER BY nik"):
        enrolments = registry.lookup(nik).enrolments
        vias = {e["via"] for e in enrolments}
        if len(vias) == 1:
            found.setdefault(next(iter(vias)), nik)
        if any(e["period_name"] != e["name"] for e in enrolments):
            found.setdefault("renamed", nik)
        if not enrolments:
            found.setdefault("none", nik)
        if nik.startswith("1205") and nik_rules.is_valid(nik) and "self" in vias:
            found.setdefault("reporter", nik)
    for serial in range(1, 100):
        nik = f"12050141078599{serial:02d}"
        if not registry.lookup(nik).enrolments and not registry.store.query(
            "SELECT 1 FROM person WHERE nik = ?", (nik,)
        ):
            found["stranger"] = nik
            break
    assert set(found) >= {"self", "family", "household", "renamed", "none", "reporter"}
    return found


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """(database path, example NIKs) of a 400-person demo registry."""
    result = run_demo(tmp_path_factory.mktemp("botdemo"), persons=400, seed=11, say=lambda s: None)
    with sibaso.open(result.database) as registry:
        return result.database, _examples(registry)


@pytest.fixture
def niks(demo):
    return demo[1]


@pytest.fixture
def registry(demo, tmp_path):
    target = tmp_path / "bot.sqlite"
    shutil.copyfile(demo[0], target)
    with sibaso.open(target) as opened:
        yield opened


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def limits():
    return Limits(cek=3, status=4, aduan=2, window=600, dialogue_timeout=300)


@pytest.fixture
def bot(registry, clock, limits):
    return Bot(registry, clock=clock, limits=limits)
