"""Officer endpoints: tokens, scoping by the complaint service's own rules, status changes,
and the operator's upload."""

import pytest
from complaint_helpers import JOKO, RINA, SITI

from sibaso.http import list_tokens, revoke_token

PROBLEM = "application/problem+json"


def _file(client, nik=SITI, **extra):
    body = {
        "reporter_nik": nik,
        "reporter_name": "Pelapor",
        "phone": "081234567890",
        "category": "bantuan-tidak-diterima",
        "programme": "PKH",
        "text": "Bantuan belum diterima.",
        **extra,
    }
    answer = client.post("/v1/complaints", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()["ticket"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer sbs_nope"}, {"Authorization": "Basic dXNlcjpwdw=="}],
)
def test_officer_endpoints_need_a_valid_token(client, headers):
    answer = client.post("/v1/officer/lookup", json={"nik": SITI}, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["content-type"] == PROBLEM
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/v1/officer/complaints", headers=headers).status_code == 401


def test_token_is_stored_hashed(client, registry, token):
    header = token("tksk-stabat")
    secret = header["Authorization"].split()[1]
    dump = "\n".join(registry.store.conn.iterdump())
    assert secret not in dump
    assert list_tokens(registry)[0]["officer_id"] == "tksk-stabat"


def test_revoked_token_and_deactivated_officer_are_refused(client, registry, token, tmp_path):
    header = token("tksk-stabat")
    assert client.get("/v1/officer/complaints", headers=header).status_code == 200
    revoke_token(registry, list_tokens(registry)[0]["id"])
    assert client.get("/v1/officer/complaints", headers=header).status_code == 401
    header = token("pkh-wampu")
    roster = tmp_path / "roster2.csv"
    roster.write_text("id,name,role,kecamatan\nadmin-1,Admin,admin,\n", encoding="utf-8")
    from sibaso.complaints import Actor

    registry.complaints.load_roster(Actor.system(), roster)
    answer = client.get("/v1/officer/complaints", headers=header)
    assert answer.status_code == 403
    assert answer.json()["code"] == "unknown-officer"


def test_officer_lookup_in_and_out_of_area(client, token):
    header = token("tksk-stabat")
    answer = client.post("/v1/officer/lookup", json={"nik": SITI}, headers=header)
    assert answer.status_code == 200
    assert answer.json()["nik"] == SITI
    assert answer.json()["person"]["name"] == "SITI AMINAH"
    refused = client.post("/v1/officer/lookup", json={"nik": RINA}, headers=header)
    assert refused.status_code == 403
    assert refused.json()["code"] == "access-denied"
    assert RINA not in refused.text


def test_queue_is_scoped(client, token):
    stabat = _file(client, SITI)
    wampu = _file(client, JOKO)
    mine = client.get("/v1/officer/complaints", headers=token("tksk-stabat")).json()
    assert [c["ticket"] for c in mine] == [stabat]
    every = client.get("/v1/officer/complaints", headers=token("op-langkat")).json()
    assert {c["ticket"] for c in every} == {stabat, wampu}
    other = client.get(
        "/v1/officer/complaints", params={"kecamatan": "12.05.08"}, headers=token("tksk-stabat")
    )
    assert other.status_code == 403
    assert (
        client.get(f"/v1/officer/complaints/{wampu}", headers=token("tksk-stabat")).status_code
        == 403
    )


def test_status_change_and_conflict(client, token):
    ticket = _file(client)
    header = token("tksk-stabat")
    view = client.get(f"/v1/officer/complaints/{ticket}", headers=header).json()
    assert view["version"] == 1
    moved = client.post(
        f"/v1/officer/complaints/{ticket}/status",
        json={"status": "diverifikasi", "note": "Dicek ke bank.", "expected_version": 1},
        headers=header,
    )
    assert moved.status_code == 200
    assert moved.json()["version"] == 2
    stale = client.post(
        f"/v1/officer/complaints/{ticket}/status",
        json={"status": "selesai", "expected_version": 1},
        headers=header,
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert stale.json()["current"] == 2
    illegal = client.post(
        f"/v1/officer/complaints/{ticket}/status", json={"status": "diterima"}, headers=header
    )
    assert illegal.status_code == 409
    assert illegal.json()["code"] == "illegal-transition"
    status = client.post("/v1/complaints/status", json={"ticket": ticket, "reporter_nik": SITI})
    assert status.json()["status"] == "diverifikasi"


def test_counter_filing_with_token(client, token):
    body = {
        "reporter_nik": SITI,
        "reporter_name": "Siti",
        "category": "pelayanan",
        "text": "Datang ke kantor camat.",
    }
    assert client.post("/v1/complaints", json=body).status_code == 422  # phone needed online
    answer = client.post("/v1/complaints", json=body, headers=token("tksk-stabat"))
    assert answer.status_code == 201
    assert answer.json()["channel"] == "counter"


def test_ingest_upload(client, token, pkh_file):
    data = pkh_file.read_bytes()
    url = "/v1/operator/ingest?filename=kks_2024.csv&programme=KKS&period=2024"
    refused = client.post(url, content=data, headers=token("tksk-stabat"))
    assert refused.status_code == 403
    answer = client.post(url, content=data, headers=token("op-langkat"))
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["stored"] == 2
    assert report["uploaded_by"] == "op-langkat"
    again = client.post(url, content=data, headers=token("op-langkat"))
    assert again.json()["already_present"] is True
    # the lookup sees the new list at once
    lookup = client.post("/v1/lookup", json={"nik": SITI}).json()
    assert {e["programme"] for e in lookup["enrolments"]} == {"PKH", "KKS"}


def test_ingest_too_large_and_empty(registry, token):
    from fastapi.testclient import TestClient

    from sibaso.http import Settings, create_app

    app = create_app(registry.store.target, settings=Settings(max_upload_bytes=100))
    with TestClient(app) as small:
        header = token("op-langkat")
        big = small.post("/v1/operator/ingest?filename=x.csv", content=b"x" * 101, headers=header)
        assert big.status_code == 413
        assert big.json()["code"] == "too-large"

        def chunks():
            yield b"x" * 60
            yield b"x" * 60

        streamed = small.post(
            "/v1/operator/ingest?filename=x.csv", content=chunks(), headers=header
        )
        assert streamed.status_code == 413
        empty = small.post("/v1/operator/ingest?filename=x.csv", content=b"", headers=header)
        assert empty.status_code == 422


def test_ingest_unreadable_file_is_a_problem(client, token):
    answer = client.post(
        "/v1/operator/ingest?filename=junk.xlsx&programme=PKH",
        content=b"not a workbook",
        headers=token("admin-1"),
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM


def test_ingest_keeps_the_upload_when_asked(registry, token, pkh_file, tmp_path):
    from fastapi.testclient import TestClient

    from sibaso.http import Settings, create_app

    folder = tmp_path / "uploads"
    app = create_app(registry.store.target, settings=Settings(upload_dir=str(folder)))
    with TestClient(app) as client:
        answer = client.post(
            "/v1/operator/ingest?filename=../../etc/kks 2024.csv&programme=KKS&period=2024",
            content=pkh_file.read_bytes(),
            headers=token("admin-1"),
        )
    assert answer.status_code == 200, answer.text
    kept = list(folder.iterdir())
    assert len(kept) == 1
    assert kept[0].name.endswith("-kks_2024.csv")
    assert kept[0].read_bytes() == pkh_file.read_bytes()
