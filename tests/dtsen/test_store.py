"""DTSEN in the store, on every store: ingest, replace, desil per KK per edition, edition diff."""

import pytest

import sibaso
from sibaso.core.errors import ValidationError
from sibaso.store.dtsen import DtsenRepository
from sibaso.testing import Population
from sibaso.testing.dtsen import write_dtsen


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dtsen-store")
    pop = Population.generate(persons=600, seed=23)
    v3 = write_dtsen(folder, pop, seed=4)
    v2 = write_dtsen(folder, pop, version=2, year=2025, base=v3, seed=4)
    return pop, v3, v2


def test_ingest_desil_and_diff(store_target, editions):
    _pop, v3, v2 = editions
    registry = sibaso.open(store_target)
    try:
        persons_before = registry.store.count("person")
        for path in (v2.family_file, v2.member_file, v3.family_file, v3.member_file):
            report = registry.ingest(path)
            assert report.stored == report.read.usable > 0
        assert registry.store.count("person") == persons_before == 0  # never written from DTSEN
        again = registry.ingest(v3.family_file)
        assert again.already_present
        repo = DtsenRepository(registry.store)
        assert [e[0] for e in repo.editions()] == ["v2-2025", "v3-2026"]
        assert repo.count("v3-2026") == len(v3.desil)
        kk = next(k for k in v3.desil if k in v2.desil and v3.desil[k] != v2.desil[k])
        history = registry.desil(kk)
        assert [e["edition"] for e in history.editions] == ["v2-2025", "v3-2026"]
        assert history.latest["desil_nasional"] == v3.desil[kk].nasional
        change = history.editions[1]["change"]["nasional"]
        assert change == v3.desil[kk].nasional - v2.desil[kk].nasional
        assert registry.desil("1205070101990009").editions == []
        diff = registry.dtsen_diff("v2-2025", "v3-2026")
        both = [k for k in v3.desil if k in v2.desil]
        moved = {
            k: v3.desil[k].nasional - v2.desil[k].nasional
            for k in both
            if v3.desil[k].nasional != v2.desil[k].nasional
        }
        assert {m[0]: m[3] for m in diff.moves} == moved
        assert diff.up == sum(1 for c in moved.values() if c > 0)
        assert diff.down == sum(1 for c in moved.values() if c < 0)
        assert sorted(diff.added) == sorted(set(v3.desil) - set(v2.desil))
        assert sorted(diff.removed) == sorted(set(v2.desil) - set(v3.desil))
        with pytest.raises(ValidationError, match="v9-2030"):
            registry.dtsen_diff("v2-2025", "v9-2030")
    finally:
        registry.close()


def test_a_new_file_of_the_same_edition_replaces_the_old(tmp_path, editions):
    pop, v3, _v2 = editions
    registry = sibaso.open(tmp_path / "r.sqlite")
    try:
        registry.ingest(v3.family_file)
        other = write_dtsen(tmp_path / "again", pop, seed=99)
        report = registry.ingest(other.family_file)
        assert report.replaced
        repo = DtsenRepository(registry.store)
        assert repo.count("v3-2026") == len(other.desil)
        kk = next(iter(other.desil))
        assert registry.desil(kk).latest["desil_nasional"] == other.desil[kk].nasional
    finally:
        registry.close()
