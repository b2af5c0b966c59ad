"""The connection pool, and `sibaso serve` end to end with two worker processes."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from complaint_helpers import SITI

import sibaso
from sibaso.registry.pool import RegistryPool


def test_pool_hands_out_one_registry_per_user(registry):
    pool = RegistryPool(registry.store.target, size=3)
    try:
        seen = set()
        with pool.registry() as a, pool.registry() as b, pool.registry() as c:
            seen = {id(a), id(b), id(c)}
        assert len(seen) == 3
        errors = []

        def work():
            try:
                for _ in range(50):
                    with pool.registry() as reg:
                        assert reg.lookup(SITI).programmes == ["PKH"]
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
    finally:
        pool.close()


def test_pool_sees_lists_ingested_by_another_connection(registry, tmp_path, pkh_file):
    pool = RegistryPool(registry.store.target, size=1)
    try:
        with pool.registry() as reg:
            assert reg.lookup(SITI).programmes == ["PKH"]
        kks = tmp_path / "kks_2024.csv"
        kks.write_bytes(pkh_file.read_bytes())
        with sibaso.open(registry.store.target) as other:
            other.ingest(kks, programme="KKS", period="2024")
        with pool.registry() as reg:
            assert reg.lookup(SITI).programmes == ["KKS", "PKH"]
    finally:
        pool.close()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url, data):
    request = urllib.request.Request(
        url, data=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status, json.loads(answer.read())


@pytest.mark.slow
def test_serve_with_two_workers(registry, tmp_path):
    pytest.importorskip("uvicorn")
    registry.flush_audit()
    port = _free_port()
    env = dict(os.environ, SIBASO_HTTP_RATE_LIMIT="0")
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sibaso.cli import main; main()",
            "serve",
            "--db",
            registry.store.target,
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/v1/health", timeout=1) as answer:
                    assert json.loads(answer.read())["status"] == "ok"
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        status, data = _post(base + "/v1/lookup", {"nik": SITI})
        assert status == 200
        assert data["nik"] == "1205**********01"
        tickets = set()
        for _ in range(10):
            status, data = _post(
                base + "/v1/complaints",
                {
                    "reporter_nik": SITI,
                    "reporter_name": "Siti",
                    "phone": "081234567890",
                    "category": "pelayanan",
                    "text": "Uji.",
                },
            )
            assert status == 201
            tickets.add(data["ticket"])
        assert len(tickets) == 10
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert '"POST /v1/lookup HTTP/1.1" 200' in output  # the access log ran …
    assert "Logging error" not in output
    assert SITI not in output  # … and holds no NIK
    assert registry.store.count("complaint") == 10
