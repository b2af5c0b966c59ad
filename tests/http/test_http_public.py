"""Public endpoints: health, NIK check, masked lookup, programme catalogue, filing and status."""

from complaint_helpers import AHMAD, SITI

PROBLEM = "application/problem+json"


def test_health(client):
    answer = client.get("/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["database"] == "sqlite"


def test_nik_check_valid_and_invalid(client):
    ok = client.post("/v1/nik/check", json={"nik": "1205014107850001"})
    assert ok.status_code == 200
    assert ok.json()["valid"] is True
    assert ok.json()["birth_date"] == "1985-07-01"
    assert "input" not in ok.json()
    bad = client.post("/v1/nik/check", json={"nik": "1205013207850001"})
    assert bad.status_code == 200
    assert bad.json()["valid"] is False
    assert bad.json()["error"] == "date"


def test_nik_check_english(client):
    bad = client.post(
        "/v1/nik/check", json={"nik": "123"}, headers={"Accept-Language": "en-US,en;q=0.9"}
    )
    assert bad.json()["valid"] is False
    assert "digits" in bad.json()["message"] or "16" in bad.json()["message"]


def test_public_lookup_is_masked(client):
    answer = client.post("/v1/lookup", json={"nik": SITI})
    assert answer.status_code == 200
    data = answer.json()
    assert data["nik"] == "1205**********01"
    assert SITI not in answer.text
    assert [e["programme"] for e in data["enrolments"]] == ["PKH"]
    assert data["person"]["name"] == "S*** A*****"
    assert "family" not in data["person"]


def test_public_lookup_reaches_family(client):
    # Ahmad shares Siti's KK: PKH reaches him through the family
    data = client.post("/v1/lookup", json={"nik": AHMAD}).json()
    assert [(e["programme"], e["via"]) for e in data["enrolments"]] == [("PKH", "family")]


def test_public_lookup_invalid_nik_is_a_problem(client):
    answer = client.post("/v1/lookup", json={"nik": "12050141078500"})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["code"] == "invalid-nik"
    assert body["status"] == 422
    assert body["type"] == "https://sibaso.readthedocs.io/problems/invalid-nik/"
    assert body["title"] == "Data tidak sah"


def test_lookup_refuses_nik_in_query_string(client):
    # no endpoint takes a NIK from the URL: GET does not exist, a query parameter is ignored
    assert client.get("/v1/lookup", params={"nik": SITI}).status_code == 405
    answer = client.post("/v1/lookup", params={"nik": SITI})
    assert answer.status_code == 422
    assert SITI not in answer.text


def test_programmes_with_former_names(client):
    answer = client.get("/v1/programmes")
    assert answer.status_code == 200
    by_code = {p["code"]: p for p in answer.json()}
    assert "Raskin" in " ".join(by_code["SEMBAKO"]["former_names"])
    assert by_code["SEMBAKO"]["eras"][0]["name"]


def test_programme_descriptions_follow_accept_language(client):
    from sibaso.core.labels import LABELS

    default = {p["code"]: p["description"] for p in client.get("/v1/programmes").json()}
    assert default["PKH"] == LABELS["programme"]["PKH"][0]
    assert default["SEMBAKO"].startswith("Bantuan pangan")
    english = client.get("/v1/programmes", headers={"Accept-Language": "en"}).json()
    assert {p["code"]: p["description"] for p in english}["PKH"].startswith("Conditional cash")


def _complaint(**fields):
    data = {
        "reporter_nik": SITI,
        "reporter_name": "Siti Aminah",
        "phone": "0812-3456-7890",
        "category": "bantuan-tidak-diterima",
        "programme": "PKH",
        "text": "Bantuan tahap 2 belum masuk ke rekening.",
    }
    data.update(fields)
    return data


def test_file_and_check_status(client):
    filed = client.post("/v1/complaints", json=_complaint())
    assert filed.status_code == 201
    data = filed.json()
    assert data["status"] == "diterima"
    assert "kecamatan" not in data  # where a resident lives is not a public answer
    answer = client.post(
        "/v1/complaints/status", json={"ticket": data["ticket"], "reporter_nik": SITI}
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "diterima"
    assert SITI not in answer.text


def test_status_wrong_nik_same_as_unknown_ticket(client):
    ticket = client.post("/v1/complaints", json=_complaint()).json()["ticket"]
    wrong = client.post("/v1/complaints/status", json={"ticket": ticket, "reporter_nik": AHMAD})
    unknown = client.post(
        "/v1/complaints/status", json={"ticket": "AAAA-AAAA", "reporter_nik": SITI}
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    assert wrong.headers["content-type"] == PROBLEM


def test_invalid_complaint_lists_every_field(client):
    answer = client.post(
        "/v1/complaints",
        json=_complaint(reporter_name="", phone=None, programme=None, category="usul"),
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    fields = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert fields["reporter_name"] == "Nama pelapor wajib diisi."
    assert {"phone", "programme"} <= set(fields)


def test_problem_in_english(client):
    answer = client.post(
        "/v1/complaints",
        json=_complaint(reporter_name=""),
        headers={"Accept-Language": "en"},
    )
    body = answer.json()
    assert body["title"] == "Unprocessable content"
    assert answer.headers["content-language"] == "en"
    assert "Nama" not in " ".join(e["message"] for e in body["errors"])


def test_malformed_body_is_a_problem_without_echo(client):
    answer = client.post("/v1/complaints", json={"reporter_nik": SITI, "extra": 1})
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid-request"
    assert SITI not in answer.text
    assert {"reporter_name", "extra"} <= {e["field"] for e in answer.json()["errors"]}


def test_unknown_route_is_a_problem(client):
    answer = client.get("/v1/nothing")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == PROBLEM
    assert answer.json()["title"] == "Tidak ditemukan"


def test_recap_needs_a_token_by_default(client, token):
    assert client.get("/v1/recap").status_code == 401
    rows = client.get("/v1/recap", headers=token("op-langkat")).json()
    assert sum(r["count"] for r in rows if r["programme"] == "PKH") == 2
    assert {r["kecamatan_code"] for r in rows} == {"12.05.07", "12.05.01"}


def test_a_body_larger_than_a_json_request_needs_is_refused_at_once(client):
    huge = b'{"nik": "' + b"1" * (200 * 1024) + b'"}'
    response = client.post("/v1/lookup", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "too-large"

    def chunks():
        for _ in range(100):
            yield b" " * 4096

    chunked = client.post(
        "/v1/lookup", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413
    small = client.post(
        "/v1/lookup",
        content=iter([b'{"nik": ', b'"1205074107820001"}']),
        headers={"Content-Type": "application/json"},
    )
    assert small.status_code == 200  # a small chunked body reaches the endpoint intact


def test_shape_errors_name_the_field_with_a_message(client):
    broken = client.post(
        "/v1/lookup",
        content=b'{"nik": "1205074107820001"',
        headers={"Content-Type": "application/json"},
    )
    assert broken.status_code == 422
    (error,) = broken.json()["errors"]
    assert (error["field"], error["code"]) == ("body", "json_invalid") and error["message"]
    missing = client.post("/v1/complaints", json={"reporter_nik": "1205074107820001"})
    assert missing.status_code == 422
    assert all(e["message"] for e in missing.json()["errors"])
