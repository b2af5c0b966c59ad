"""A stopped ingest leaves nothing behind: no process, no transaction, no half-stored rows.

The ingest runs in its own process (reading in a forked child, as a large file does) and is
killed with SIGKILL at about 30 %, 60 % and 90 % of the file, or stopped with SIGTERM /
SIGINT. Within five seconds no process of it may be left, the store must be exactly as
before, and the same file must ingest at once — on SQLite and on PostgreSQL (where a child
holding the killed parent's connection used to keep its transaction, and its locks, alive).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sibaso

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")

ROWS = 60_000
SRC = str(Path(__file__).resolve().parents[2] / "src")

# Ingest one file, printing each progress report and pausing a little after it, so that a
# kill lands in the middle of the transaction rather than racing its end.
DRIVER = """
import sys, time
import sibaso
registry = sibaso.open(sys.argv[1])
def progress(done):
    print(done, flush=True)
    time.sleep(float(sys.argv[3]))
registry.ingest(sys.argv[2], progress=progress)
registry.close()
print("done", flush=True)
"""


def _population(path: Path, rows: int, kec: str = "05") -> Path:
    head = "NIK,NO_KK,NAMA_LGKP,JENIS_KLMIN,TMPT_LHR,TGL_LHR,STAT_HBKEL,NO_PROP,NO_KAB,"
    head += "NO_KEC,NO_KEL,STAT_HIDUP,ALAMAT\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for i in range(rows):
            day, serial = 1 + i % 28, 1 + i // 28
            nik = f"1205{kec}{day:02d}0773{serial:04d}"
            kk = f"1205{kec}2803{13 + i % 7:02d}{1 + i // 4 % 9999:04d}"
            out.write(f"{nik},{kk},WARGA {i},1,STABAT,{day:02d}-07-1973,1,12,5,5,2007,1,DUSUN 2\n")
    return path


def _env(fork: str = "1") -> dict[str, str]:
    env = dict(
        os.environ, SIBASO_FORK=fork, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", "")
    )
    env.pop("PYTHONSTARTUP", None)
    return env


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _snapshot(target: str) -> dict[str, object]:
    registry = sibaso.open(target)
    try:
        store = registry.store
        return {
            table: store.count(table)
            for table in ("person", "enrolment", "source", "reach", "nik_reach")
        } | {"sources": store.query("SELECT id, path, active FROM source ORDER BY id")}
    finally:
        registry.close()


def _programme_list(path: Path, rows: int) -> Path:
    head = "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|KEL_NAME\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for i in range(rows):
            day, serial = 1 + i % 28, 1 + i // 28
            out.write(
                f"WARGA {i}|120505{day:02d}0773{serial:04d}||BNI|PKH|SUMUT|LANGKAT|STABAT|X\n"
            )
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return _population(tmp_path_factory.mktemp("killed") / "dukcapil_besar.csv", ROWS)


@pytest.fixture(scope="module")
def big_list(tmp_path_factory):
    # a programme list: its rows and their index rows are staged before it is made current
    return _programme_list(tmp_path_factory.mktemp("killed") / "pkh_siksng_besar.csv", ROWS)


def _seeded(target: str, tmp_path: Path) -> None:
    registry = sibaso.open(target)
    registry.ingest(_population(tmp_path / "dukcapil_kecil.csv", 50, kec="07"))
    registry.close()


def _run(target: str, path: Path, pause: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, target, str(path), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _wait_for(process: subprocess.Popen[str], rows: int) -> set[int]:
    """Read progress until ``rows`` were read; the processes of the ingest at that point."""
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "done":
            pytest.fail("the ingest ended before it could be stopped")
        if int(line) >= rows:
            family = _descendants(process.pid)
            assert family, "the ingest should read in a forked child"
            return family
    pytest.fail(f"the ingest died early: {process.stderr.read() if process.stderr else ''}")


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {pid for pid in pids if _alive(pid)}
        if not left:
            return set()
        time.sleep(0.05)
    return {pid for pid in pids if _alive(pid)}


def _reingest_completes(target: str, path: Path, table: str = "person") -> None:
    again = _run(target, path, 0.0)
    out, err = again.communicate(timeout=180)
    assert again.returncode == 0, err
    assert out.strip().endswith("done")
    registry = sibaso.open(target)
    try:
        assert registry.store.count(table) == ROWS + (50 if table == "person" else 500)
    finally:
        registry.close()


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_kill_9_leaves_no_process_and_the_store_as_before(durable_target, big, tmp_path, share):
    _seeded(durable_target, tmp_path)
    before = _snapshot(durable_target)
    process = _run(durable_target, big, 0.3)
    family = _wait_for(process, int(ROWS * share))
    process.kill()
    process.wait(10)
    assert _gone_within(family, 5.0) == set(), "a forked reader outlived its killed parent"
    assert _snapshot(durable_target) == before
    _reingest_completes(durable_target, big)


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_kill_9_of_a_list_ingest_leaves_the_store_as_before(
    durable_target, big_list, tmp_path, share
):
    _seeded(durable_target, tmp_path)
    registry = sibaso.open(durable_target)  # some of them are on an earlier list
    registry.ingest(_programme_list(tmp_path / "pkh_2023.csv", 500), period="2023")
    registry.close()
    before = _snapshot(durable_target)
    answers = _lookups(durable_target)
    assert any(answer["enrolments"] for answer in answers)
    process = _run(durable_target, big_list, 0.3)
    family = _wait_for(process, int(ROWS * share))
    process.kill()
    process.wait(10)
    assert _gone_within(family, 5.0) == set(), "a forked reader outlived its killed parent"
    assert _snapshot(durable_target) == before
    assert _lookups(durable_target) == answers
    _reingest_completes(durable_target, big_list, "enrolment")


def _lookups(target: str) -> list[object]:
    registry = sibaso.open(target)
    try:
        niks = [f"120505{1 + i % 28:02d}0773{1 + i // 28:04d}" for i in range(0, ROWS, 997)]
        return [registry.lookup(nik).to_dict() for nik in niks]
    finally:
        registry.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_stop_an_ingest_with_a_rollback_and_one_line(
    durable_target, big, tmp_path, signum
):
    _seeded(durable_target, tmp_path)
    before = _snapshot(durable_target)
    cli = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sibaso.cli import main; main()",
            "ingest",
            str(big),
            "--db",
            durable_target,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    deadline = time.monotonic() + 60
    family: set[int] = set()
    while not family and time.monotonic() < deadline:  # reading has begun in the child
        family = _descendants(cli.pid)
        time.sleep(0.02)
    assert family and cli.poll() is None
    cli.send_signal(signum)
    _out, err = cli.communicate(timeout=30)
    assert cli.returncode == 128 + signum
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "dihentikan" in lines[0] and signum.name in lines[0], err
    assert _gone_within(family, 5.0) == set()
    assert _snapshot(durable_target) == before
    _reingest_completes(durable_target, big)
