"""Bulk reads that replace one query per key (few round trips on PostgreSQL): on every store
they answer exactly what the per-key reads answer."""

from sibaso.store import open_store
from sibaso.store.base import PERSON_COLUMNS

KK_A, KK_B, KK_C = "1205012003150004", "1205012003150005", "1205012003150006"


def person(nik, name, kk, alive=1):
    row = dict.fromkeys(PERSON_COLUMNS)
    row.update(nik=nik, province=nik[:2], name=name, kk=kk, alive=alive, birth_date="1985-07-01")
    return tuple(row[c] for c in PERSON_COLUMNS)


def test_families_is_family_of_each_kk(store_target):
    store = open_store(store_target)
    with store.transaction():
        store.put_persons(
            [
                person("1205014107850003", "SITI", kk=KK_A),
                person("1205071203900002", "RUDI", kk=KK_A),
                person("1205014107850001", "ANI", kk=KK_B, alive=0),
                person("1205071203900009", "BUDI", kk=KK_C),
            ]
        )
    wanted = [KK_B, KK_A, "1205999999999999", KK_A]
    for chunk in (1, 2, 500):
        found = store.enrolments.families(wanted, chunk=chunk)
        assert found == {kk: store.enrolments.family(kk) for kk in (KK_A, KK_B)}
    assert [r[0] for r in found[KK_A]] == ["1205014107850003", "1205071203900002"]
    assert store.enrolments.families([]) == {}
