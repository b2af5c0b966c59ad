"""The contract of the service-side repositories (complaints, officers, audit, report reads,
population reads of the services) on every Store: SQLite file, SQLite in memory, PostgreSQL."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sibaso.core.access import Actor, Role
from sibaso.store import open_store
from sibaso.store.complaints import COLUMNS, HISTORY_COLUMNS, scope_sql

from .test_contract import enrolment, new_source, person

STAMP = "2024-05-01T03:00:00+00:00"


def complaint(ticket, kecamatan="12.05.07", status="diterima", category="pengaduan", **extra):
    row = dict.fromkeys(COLUMNS[1:])
    row.update(
        ticket=ticket,
        reporter_nik="1205074107820001",
        reporter_name="SITI AMINAH",
        channel="web",
        category=category,
        text="Bantuan belum masuk.",
        attachments="[]",
        status=status,
        kecamatan_code=kecamatan,
        routed_by="nik",
        filed_at=STAMP,
        filed_by="public",
        due="2024-05-15",
        updated_at=STAMP,
        version=1,
    )
    row.update(extra)
    return row


def history(to_status="diterima", version=1, from_status=None, note=None):
    return (STAMP, "public", "public", from_status, to_status, note, version)


def audit(action="complaint-file", subject="120507******0001#ab"):
    return (STAMP, "public", action, subject, "{}")


def test_complaint_insert_read_and_history(store_target):
    store = open_store(store_target)
    complaint_id = store.complaints.insert(complaint("PGD-AAAA-BBBB"), history(), audit())
    row = store.complaints.by_ticket("PGD-AAAA-BBBB")
    assert row["id"] == complaint_id and row["reporter_name"] == "SITI AMINAH"
    assert set(row) == set(COLUMNS)
    assert store.complaints.by_ticket("PGD-NONE-NONE") is None
    assert store.complaints.history(complaint_id) == [history()]
    assert len(HISTORY_COLUMNS) == len(history())
    assert store.audit.entries("complaint-file")[0][2:] == (
        "public",
        "complaint-file",
        audit()[3],
        "{}",
    )


def test_complaint_insert_is_all_or_nothing(store_target):
    store = open_store(store_target)
    store.complaints.insert(complaint("PGD-AAAA-BBBB"), history(), audit())
    with pytest.raises(Exception, match=r"(?i)unique|ticket"):
        store.complaints.insert(complaint("PGD-AAAA-BBBB"), history(), audit())
    assert store.count("complaint") == 1
    assert store.count("complaint_history") == 1
    assert len(store.audit.entries()) == 1


def test_complaint_change_checks_the_version(store_target):
    store = open_store(store_target)
    complaint_id = store.complaints.insert(complaint("PGD-AAAA-BBBB"), history(), audit())
    changes = {"status": "diverifikasi", "updated_at": STAMP}
    step = history("diverifikasi", 2, "diterima", "dicek")
    assert store.complaints.change(complaint_id, 1, changes, step, audit("complaint-update")) == 2
    assert store.complaints.version_of(complaint_id) == 2
    # a second writer that read version 1 writes nothing
    assert (
        store.complaints.change(complaint_id, 1, changes, step, audit("complaint-update")) is None
    )
    assert store.complaints.by_ticket("PGD-AAAA-BBBB")["status"] == "diverifikasi"
    assert [h[4] for h in store.complaints.history(complaint_id)] == ["diterima", "diverifikasi"]
    assert len(store.audit.entries("complaint-update")) == 1
    assert store.complaints.version_of(complaint_id + 1000) is None
    with pytest.raises(ValueError, match="cannot change"):
        store.complaints.change(complaint_id, 2, {"reporter_nik": "x"}, step, audit())


def test_complaint_select_scope_filters_and_orders(store_target):
    store = open_store(store_target)
    for i, (kec, status, due) in enumerate(
        [
            ("12.05.07", "diterima", "2024-05-10"),
            ("12.05.08", "diterima", "2024-05-02"),
            ("12.05.07", "selesai", "2024-05-01"),
            ("12.06.01", "diterima", "2024-05-03"),
        ]
    ):
        closed = STAMP if status == "selesai" else None
        row = complaint(f"PGD-AAAA-000{i}", kec, status, due=due, closed_at=closed)
        store.complaints.insert(row, history(), audit())

    def tickets(actor, **kw):
        return [r[1][-1] for r in store.complaints.select(actor, **kw)]

    tksk = Actor(id="t", role=Role.TKSK, kecamatan=("12.05.07",))
    kabupaten = Actor(id="o", role=Role.OPERATOR, kecamatan=("12.05",))
    assert tickets(Actor.system()) == ["3", "2", "1", "0"]
    assert tickets(tksk) == ["2", "0"]
    assert tickets(kabupaten) == ["2", "1", "0"]
    assert tickets(Actor.public()) == []
    assert tickets(Actor(id="x", role=Role.TKSK)) == []
    assert tickets(kabupaten, status="diterima") == ["1", "0"]
    assert tickets(kabupaten, kecamatan="12.05.08") == ["1"]
    assert tickets(Actor.system(), category="sanggah") == []
    assert tickets(Actor.system(), order="kecamatan") == ["0", "2", "1", "3"]
    assert tickets(Actor.system(), overdue_on="2024-05-05", order="due") == ["1", "3"]
    assert tickets(Actor.system(), limit=2, offset=1) == ["2", "1"]


def test_officer_roster_replace_and_read(store_target):
    store = open_store(store_target)
    counts = store.officers.replace(
        [
            ("tksk-1", "Rina", "tksk", ("12.05.07",)),
            ("op-1", "Budi", "operator", ("12.05", "12.06")),
        ],
        STAMP,
        audit("roster-load", None),
    )
    assert counts == {"added": 2, "updated": 0, "deactivated": 0}
    assert store.officers.active("op-1") == ("Budi", "operator", ("12.05", "12.06"))
    counts = store.officers.replace(
        [("op-1", "Budi S", "admin", ())], STAMP, audit("roster-load", None)
    )
    assert counts == {"added": 0, "updated": 1, "deactivated": 1}
    assert store.officers.active("tksk-1") is None
    assert store.officers.active("op-1") == ("Budi S", "admin", ())
    assert store.officers.all() == [
        {"id": "op-1", "name": "Budi S", "role": "admin", "active": True, "kecamatan": []},
        {"id": "tksk-1", "name": "Rina", "role": "tksk", "active": False, "kecamatan": []},
    ]
    assert len(store.audit.entries("roster-load")) == 2


def test_audit_repo_appends_in_order(store_target):
    store = open_store(store_target)
    store.audit.record([audit("a"), audit("b")])
    with store.transaction():
        store.audit.append([audit("c")])
        store.append_audit([audit("a")])
    assert [e[3] for e in store.audit.entries()] == ["a", "b", "c", "a"]
    assert [e[0] for e in store.audit_entries("a")] == [1, 4]
    assert store.audit_entries("none") == []


def test_population_reads_of_the_services(store_target):
    store = open_store(store_target)
    store.ping()
    with store.transaction():
        store.put_persons(
            [
                person("1205071203900002", kk="1205070101100001", kecamatan_code="120507"),
                person("1205014107850001", kk="1205070101100001", kecamatan_code="120501"),
                person("1205014107850002", kk="1205010101100002"),
            ]
        )
    assert store.person_niks() == ["1205014107850001", "1205014107850002", "1205071203900002"]
    assert store.person_kecamatan("1205071203900002") == "120507"
    assert store.person_kecamatan("1205014107850002") is None
    assert store.person_kecamatan("3174011203900002") is None


def test_report_reads(store_target):
    store = open_store(store_target)
    assert (store.reports.person_count(), store.reports.family_count()) == (0, 0)
    with store.transaction():
        store.put_persons(
            [
                person("1205071203900002", kk="1205070101100001", kecamatan_code="120507"),
                person("1205014107850001", kk="1205070101100001", kecamatan_code="120501"),
                person("1205014107850002", kk="1205010101100002"),
            ]
        )
        source = new_source(store)
        store.put_enrolments(
            [
                enrolment(source, nik="1205071203900002", name="RUDI"),
                enrolment(source, nik="1205014107850009", name="SITI A"),
            ]
        )
    assert (store.reports.person_count(), store.reports.family_count()) == (3, 2)
    ids = [r[0] for r in store.query("SELECT id FROM enrolment ORDER BY id")]
    with store.transaction():
        store.save_links(
            [
                (ids[0], "matched", "1205071203900002", 1.0, None, None),
                (ids[1], "probable", "1205014107850001", 0.9, "one digit", None),
            ]
        )
    assert store.reports.unmatched_names() == {ids[1]: "SITI A"}
    kks = ["1205070101100001", "1205010101100002", "9999999999999999"]
    assert store.reports.kecamatan_of_kks(kks, chunk=2) == {
        "1205070101100001": "120501",
        "1205010101100002": None,
    }
    assert store.reports.kecamatan_of_kks([]) == {}


AREAS = st.sampled_from(["12", "12.05", "12.06", "12.05.07", "12.05.08", "12.050", "12.06.01"])
# complaints are routed to a kecamatan: their codes have three parts (12.05.07)
CODES = st.sampled_from(["12.05.07", "12.05.08", "12.06.01", "12.050.1", "13.05.07", ""])


@given(
    role=st.sampled_from(list(Role)),
    areas=st.lists(AREAS, max_size=3, unique=True),
    codes=st.lists(CODES, min_size=1, max_size=6),
)
def test_scope_sql_is_the_covers_rule(role, areas, codes):
    """The complaint lists' WHERE fragment selects exactly the kecamatan ``Actor.covers``."""
    actor = Actor(id="a", role=role, kecamatan=tuple(areas))
    store = _scope_store()
    store.execute("DELETE FROM scope_probe")
    store.executemany("INSERT INTO scope_probe (kecamatan_code) VALUES (?)", [(c,) for c in codes])
    where, params = scope_sql(actor)
    selected = sorted(
        r[0] for r in store.query(f"SELECT kecamatan_code FROM scope_probe WHERE {where}", params)
    )
    assert selected == sorted(c for c in codes if actor.covers(c))


_SCOPE: list = []


def _scope_store():
    if not _SCOPE:
        store = open_store(":memory:")
        store.execute("CREATE TABLE scope_probe (kecamatan_code TEXT)")
        _SCOPE.append(store)
    return _SCOPE[0]
