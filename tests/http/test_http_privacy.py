"""What a public answer may reveal (issue 16): nothing that depends on the population data,
no full NIK echoed, no invisible characters stored; bad officer-queue parameters are 422."""

import re

import pytest
from complaint_helpers import SITI, person_row

PROBLEM = "application/problem+json"
#: Registered in Bahorok (12.05.01) although the NIK was issued in Wampu (12.05.08).
MOVED = "1205085506880001"
#: Same Wampu code, nobody in the population data.
NOBODY = "1205085506880002"


@pytest.fixture
def moved(registry):
    with registry.store.transaction():
        registry.store.put_persons(
            [person_row(MOVED, "RATNA SARI", "12.05.01", kk="1205012003150009")]
        )
    return MOVED


def _complaint(nik, **extra):
    return {
        "reporter_nik": nik,
        "reporter_name": "Ratna Sari",
        "phone": "0812-3456-7890",
        "category": "bantuan-tidak-diterima",
        "programme": "PKH",
        "text": "Bantuan tahap 2 belum masuk ke rekening.",
        **extra,
    }


def _scrub(value):
    """The answer without its ticket and its clock readings (two filings may straddle a second)."""
    if isinstance(value, dict):
        return {
            k: _scrub(v)
            for k, v in value.items()
            if k != "ticket" and not k.endswith("_at") and k not in ("at", "time", "waktu")
        }
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _comparable(answer):
    return _scrub(answer.json())


@pytest.mark.parametrize("field", ["reporter_nik", "subject_nik"])
def test_public_filing_answer_does_not_depend_on_the_population(client, token, moved, field):
    extra = {"category": "sanggah"} if field == "subject_nik" else {}
    bodies = {}
    for nik in (moved, NOBODY):
        body = _complaint(SITI if field == "subject_nik" else nik, **extra)
        body[field] = nik
        filed = client.post("/v1/complaints", json=body)
        assert filed.status_code == 201, filed.text
        status = client.post(
            "/v1/complaints/status",
            json={"ticket": filed.json()["ticket"], "reporter_nik": body["reporter_nik"]},
        )
        assert status.status_code == 200
        bodies[nik] = (_comparable(filed), _comparable(status), filed.json()["ticket"])
        assert "12.05.01" not in filed.text + status.text
        assert "Bahorok" not in filed.text + status.text
    assert bodies[moved][:2] == bodies[NOBODY][:2]
    # routed internally as before: Bahorok's officer has the resident's complaint
    queue = client.get("/v1/officer/complaints", headers=token("pkh-bahorok")).json()
    assert bodies[moved][2] in {c["ticket"] for c in queue}
    assert bodies[NOBODY][2] not in {c["ticket"] for c in queue}


def test_counter_filing_still_tells_the_officer_where_it_went(client, token, moved):
    body = {k: v for k, v in _complaint(moved).items() if k != "phone"}
    answer = client.post("/v1/complaints", json=body, headers=token("op-langkat"))
    assert answer.status_code == 201
    assert answer.json()["kecamatan"] == "12.05.01"


@pytest.mark.parametrize("nik", ["1205014107850001", "1205013207850001", "1205 0141 0785 0001"])
def test_nik_check_answers_with_the_masked_nik(client, nik):
    answer = client.post("/v1/nik/check", json={"nik": nik})
    assert answer.status_code == 200
    assert answer.json()["nik"] == "1205**********01"
    assert not re.search(r"\d{7,}", answer.text.replace("1205014107850001"[:4], ""))
    assert "0785" not in answer.text


@pytest.mark.parametrize("kecamatan", ["garbage", "99.99.99", "12.05.07.2001", "-"])
def test_queue_with_a_bad_kecamatan_is_a_problem(client, token, kecamatan):
    answer = client.get(
        "/v1/officer/complaints", params={"kecamatan": kecamatan}, headers=token("op-langkat")
    )
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == PROBLEM
    assert answer.json()["status"] == 422


def test_queue_with_a_good_kecamatan_in_any_spelling(client, token):
    for spelling in ("12.05.07", "120507", " 12.05.07 "):
        answer = client.get(
            "/v1/officer/complaints", params={"kecamatan": spelling}, headers=token("op-langkat")
        )
        assert answer.status_code == 200, (spelling, answer.text)
