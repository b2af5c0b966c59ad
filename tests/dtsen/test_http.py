"""The officer audit endpoint is scoped to the officer's kecamatan; desil never public."""

import json

import pytest
from complaint_helpers import ROSTER

import sibaso
from sibaso.complaints import Actor
from sibaso.http import Settings, create_app, issue_token


@pytest.fixture
def client(world, tmp_path):
    from fastapi.testclient import TestClient

    folder, _pop, _lists, v3, _v2 = world
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    registry = sibaso.open(str(tmp_path / "registry.sqlite"))
    registry.ingest(folder / "dukcapil.csv")
    for name in ("pkh_2026.csv", "sembako_2026.csv", "pbijk_2026.xlsx"):
        registry.ingest(folder / name, period="2026")
    registry.ingest(v3.family_file)
    registry.ingest(v3.member_file)
    registry.complaints.load_roster(Actor.system(), roster)
    tokens = {
        who: {"Authorization": f"Bearer {issue_token(registry, who).token}"}
        for who in ("tksk-stabat", "op-langkat")
    }
    app = create_app(registry.store.target, settings=Settings(rate_limit=0))
    try:
        with TestClient(app, raise_server_exceptions=False) as test_client:
            yield test_client, tokens, registry
    finally:
        registry.close()


def test_an_officer_sees_the_findings_of_their_kecamatan_only(client):
    http, tokens, registry = client
    assert http.get("/v1/officer/audit").status_code == 401
    stabat = http.get("/v1/officer/audit", headers=tokens["tksk-stabat"]).json()
    assert stabat["findings"]
    assert {f["kecamatan_code"] for f in stabat["findings"]} == {"12.05.07"}
    everything = registry.audit()
    in_stabat = [f for f in everything.findings if f.kecamatan_code == "12.05.07"]
    assert stabat["total"] == len(in_stabat)
    dinas = http.get(
        "/v1/officer/audit", params={"programme": "PKH"}, headers=tokens["op-langkat"]
    ).json()
    assert dinas["total"] == sum(1 for f in everything.findings if f.programme == "PKH")
    assert {f["programme"] for f in dinas["findings"]} == {"PKH"}


def test_public_answers_never_carry_desil(client, world):
    http, tokens, _registry = client
    _folder, _pop, lists, v3, _v2 = world
    row = next(r for r in lists["PKH"].rows if r.kk in v3.desil)
    public = http.post("/v1/lookup", json={"nik": row.nik})
    assert public.status_code == 200
    assert "desil" not in public.text.lower()
    officer = http.post("/v1/officer/lookup", json={"nik": row.nik}, headers=tokens["op-langkat"])
    assert officer.status_code == 200
    assert officer.json()["desil"]["editions"][-1]["desil_nasional"] == v3.desil[row.kk].nasional
    assert "desil" not in json.dumps(http.get("/v1/programmes").json()).lower()
