"""Fixtures for the complaint tests: a registry on every store with a small Langkat population
and a roster, and a throw-away plugin registrar."""

import pytest
from complaint_helpers import ROSTER, populate

import sibaso
from sibaso.complaints import Actor


@pytest.fixture
def roster_file(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


@pytest.fixture
def registry(store_target, roster_file):
    """A registry with population and roster, on SQLite file, SQLite memory and PostgreSQL."""
    reg = sibaso.open(store_target)
    populate(reg)
    reg.complaints.load_roster(Actor.system(), roster_file)
    try:
        yield reg
    finally:
        reg.close()


@pytest.fixture
def durable_registry(durable_target, roster_file):
    """Like ``registry``, on stores other connections can open (SQLite file, PostgreSQL)."""
    reg = sibaso.open(durable_target)
    populate(reg)
    reg.complaints.load_roster(Actor.system(), roster_file)
    try:
        yield reg, durable_target
    finally:
        reg.close()


@pytest.fixture
def public():
    return Actor.public()


@pytest.fixture
def plugin():
    """Register a throw-away plugin; always unregister it."""
    from sibaso.plugins import get_plugin_manager

    pm = get_plugin_manager()
    registered = []

    def add(obj):
        pm.register(obj, name=f"complaints-test-plugin-{len(registered)}")
        registered.append(obj)
        return obj

    try:
        yield add
    finally:
        for obj in registered:
            pm.unregister(obj)
