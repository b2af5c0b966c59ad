"""Old-period lists become history (issue 14): a 2026 PKH list makes the 2024 one riwayat.

A citizen dropped from the 2026 list must no longer read PKH as active in the public lookup,
and ``recap`` must not add 2024 and 2026 up; an officer still sees the 2024 enrolment,
labelled as history, with its period. On every store.
"""

from pathlib import Path

import sibaso

DROPPED = "1205014107850001"  # on the 2024 list only
KEPT = "1205071203900002"  # on both
HEAD = "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|KEL_NAME"


def _list(path: Path, niks: list[str]) -> Path:
    rows = [f"WARGA {i}|{nik}||BNI|PKH|SUMUT|LANGKAT|STABAT|X" for i, nik in enumerate(niks)]
    lines = [HEAD, *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _two_periods(target: str, tmp_path: Path) -> sibaso.Registry:
    registry = sibaso.open(target)
    registry.ingest(_list(tmp_path / "pkh_2024.csv", [DROPPED, KEPT]), period="2024")
    registry.ingest(_list(tmp_path / "pkh_2026.csv", [KEPT]), period="2026")
    return registry


def _pkh_total(registry: sibaso.Registry) -> int:
    return sum(row.count for row in registry.recap() if row.programme == "PKH")


def test_a_citizen_dropped_by_a_newer_list_no_longer_reads_it_as_active(store_target, tmp_path):
    registry = _two_periods(store_target, tmp_path)
    try:
        assert registry.lookup(DROPPED).programmes == []
        assert [e["period"] for e in registry.lookup(KEPT).enrolments] == ["2026"]
    finally:
        registry.close()


def test_an_officer_sees_the_older_list_as_history_with_its_period(store_target, tmp_path):
    registry = _two_periods(store_target, tmp_path)
    try:
        answer = registry.lookup(DROPPED, view="officer", actor="tksk-stabat-1")
        assert [(e["period"], e["history"]) for e in answer.enrolments] == [("2024", True)]
        kept = registry.lookup(KEPT, view="officer", actor="tksk-stabat-1").enrolments
        assert sorted((e["period"], e["history"]) for e in kept) == [
            ("2024", True),
            ("2026", False),
        ]
    finally:
        registry.close()


def test_recap_counts_the_current_list_only(store_target, tmp_path):
    registry = _two_periods(store_target, tmp_path)
    try:
        assert _pkh_total(registry) == 1
    finally:
        registry.close()


def test_a_diff_of_the_two_periods_still_reads_the_history_list(store_target, tmp_path):
    registry = _two_periods(store_target, tmp_path)
    try:
        diff = registry.diff("PKH", "2024", "2026").to_dict()
        assert len(diff["removed"]) == 1 and not diff["added"]
    finally:
        registry.close()


def test_a_newer_list_of_another_kecamatan_leaves_the_older_one_current(store_target, tmp_path):
    registry = sibaso.open(store_target)
    try:
        registry.ingest(_list(tmp_path / "pkh_2024.csv", [DROPPED]), period="2024")
        other = _list(tmp_path / "pkh_2026.csv", [KEPT])
        other.write_text(other.read_text().replace("STABAT", "SECANGGANG"), encoding="utf-8")
        registry.ingest(other, period="2026")
        assert registry.lookup(DROPPED).programmes == ["PKH"]
        assert _pkh_total(registry) == 2
    finally:
        registry.close()


def test_a_newer_list_covering_part_of_the_older_one_is_what_its_people_see(store_target, tmp_path):
    """The 2026 list has no row in Secanggang, so the 2024 list stays current there; a person
    of Stabat whom both lists reach still reads only 2026 (the 2024 listing is history for
    them), while a Secanggang person on the 2024 list only keeps it."""
    secanggang = "1205030101800003"
    older = tmp_path / "pkh_2024.csv"
    _list(older, [KEPT, secanggang])
    lines = older.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("STABAT", "SECANGGANG")
    older.write_text("\n".join(lines) + "\n", encoding="utf-8")
    registry = sibaso.open(store_target)
    try:
        registry.ingest(older, period="2024")
        registry.ingest(_list(tmp_path / "pkh_2026.csv", [KEPT]), period="2026")
        assert [e["period"] for e in registry.lookup(KEPT).enrolments] == ["2026"]
        officer = registry.lookup(KEPT, view="officer", actor="tksk-stabat-1").enrolments
        assert sorted((e["period"], e["history"]) for e in officer) == [
            ("2024", True),
            ("2026", False),
        ]
        assert [e["period"] for e in registry.lookup(secanggang).enrolments] == ["2024"]
    finally:
        registry.close()
