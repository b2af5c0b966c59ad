"""Data and helpers shared by the complaint tests (imported by conftest and the tests)."""

import datetime
import itertools

import sibaso
from sibaso.complaints import Actor
from sibaso.store.base import PERSON_COLUMNS

# Stabat (12.05.07): a family; Bahorok (12.05.01): one woman; Wampu (12.05.08): one man.
SITI = "1205074107820001"  # Stabat
AHMAD = "1205071203800001"  # Stabat
RINA = "1205014107850001"  # Bahorok
JOKO = "1205080101900001"  # Wampu
# Valid NIKs not in the population data
STRANGER_STABAT = "1205070202900003"  # NIK says Stabat
STRANGER_WAMPU = "1205084303910002"  # NIK says Wampu

ROSTER = (
    "id,name,role,kecamatan,telepon\n"
    "tksk-stabat,Budi Santoso,TKSK,12.05.07,0812\n"
    "pkh-bahorok,Rina Wati,pendamping-pkh,12.05.01;12.05.23,\n"
    "pkh-wampu,Dewi,pendamping-pkh,120508,\n"
    "op-langkat,Dinas Sosial Langkat,operator,12.05,\n"
    "op-all,Operator Provinsi,operator,,\n"
    "admin-1,Admin,admin,,\n"
)


def person_row(nik, name, kecamatan, kk="1205072003150001"):
    row = dict.fromkeys(PERSON_COLUMNS)
    row.update(nik=nik, province=nik[:2], name=name, kk=kk, alive=1, kecamatan_code=kecamatan)
    return tuple(row[c] for c in PERSON_COLUMNS)


def populate(registry):
    with registry.store.transaction():
        registry.store.put_persons(
            [
                person_row(SITI, "SITI AMINAH", "12.05.07"),
                person_row(AHMAD, "AHMAD SIREGAR", "12.05.07"),
                person_row(RINA, "RINA WATI", "12.05.01", kk="1205012003150004"),
                person_row(JOKO, "JOKO", "12.05.08", kk="1205082003150004"),
            ]
        )


def file_one(registry, actor=None, **fields):
    """File a valid complaint (override any field)."""
    data = {
        "reporter_nik": SITI,
        "reporter_name": "Siti Aminah",
        "phone": "0812-3456-7890",
        "category": "bantuan-tidak-diterima",
        "programme": "PKH",
        "text": "Bantuan tahap 2 belum masuk ke rekening.",
    }
    data.update(fields)
    return registry.complaints.file(actor or Actor.public(), **data)


class Clock:
    """A settable UTC clock for the service."""

    def __init__(self, moment=datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.timezone.utc)):
        self.now = moment

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


def cycle_changes(registry, officer_id, ticket, changes, label=None):
    """Make ``changes`` status changes (diverifikasi ⇄ ditolak), re-reading and retrying on
    every conflict; returns the number of conflicts met."""
    from sibaso.complaints import ConflictError

    service = registry.complaints
    officer = service.actor(officer_id)
    conflicts = done = 0
    while done < changes:
        view = service.get(officer, ticket)
        target = "ditolak" if view.status == "diverifikasi" else "diverifikasi"
        try:
            service.update(
                officer,
                ticket,
                target,
                f"{label or officer_id} #{done}",
                expected_version=view.version,
            )
        except ConflictError:
            conflicts += 1
            continue
        done += 1
    return conflicts


def check_history_chain(registry, ticket):
    """Every change is in the history, in order, each starting where the previous ended."""
    admin = Actor.system()
    view = registry.complaints.get(admin, ticket)
    history = view.history
    assert [h.version for h in history] == list(range(1, view.version + 1))
    for before, after in itertools.pairwise(history):
        assert after.from_status == before.to_status
    assert history[-1].to_status == view.status
    return view


def worker_main():
    """``python -c`` entry for process tests: ``file TARGET COUNT TAG`` or
    ``cycle TARGET OFFICER TICKET CHANGES``; prints JSON."""
    import json
    import sys

    command, target, *args = sys.argv[1:]
    with sibaso.open(target) as registry:
        if command == "file":
            count, tag = int(args[0]), args[1]
            tickets = [file_one(registry, text=f"{tag} {i}").ticket for i in range(count)]
            print(json.dumps(tickets))
        else:
            officer, ticket, changes = args[0], args[1], int(args[2])
            print(json.dumps(cycle_changes(registry, officer, ticket, changes)))
