"""Cross-cutting behaviour: rate limit, CORS, log masking, NIKs never in URLs, OpenAPI, CLI."""

import json
import logging

import pytest
from click.testing import CliRunner
from complaint_helpers import SITI
from fastapi.testclient import TestClient

from sibaso.cli import cli
from sibaso.http import NikMaskingFilter, Settings, create_app, install_log_masking, mask_niks
from sibaso.http.openapi import dumps


def test_rate_limit_answers_429_with_retry_after(registry):
    app = create_app(registry, settings=Settings(rate_limit=60, rate_burst=3))
    with TestClient(app) as client:
        codes = [client.post("/v1/lookup", json={"nik": SITI}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        answer = client.post("/v1/complaints/status", json={"ticket": "X", "reporter_nik": SITI})
        assert answer.status_code == 429
        assert answer.headers["content-type"] == "application/problem+json"
        assert int(answer.headers["retry-after"]) >= 1
        assert answer.json()["code"] == "rate-limited"
        # health and the catalogue are not limited
        assert client.get("/v1/health").status_code == 200


def test_rate_limit_is_per_client(registry):
    app = create_app(registry, settings=Settings(rate_limit=60, rate_burst=1))
    with (
        TestClient(app, client=("10.0.0.1", 1234)) as one,
        TestClient(app, client=("10.0.0.2", 1234)) as two,
    ):
        assert one.post("/v1/lookup", json={"nik": SITI}).status_code == 200
        assert one.post("/v1/lookup", json={"nik": SITI}).status_code == 429
        assert two.post("/v1/lookup", json={"nik": SITI}).status_code == 200


def test_cors(registry):
    app = create_app(registry, settings=Settings(cors_origins=("https://desa.example",)))
    with TestClient(app) as client:
        preflight = client.options(
            "/v1/lookup",
            headers={
                "Origin": "https://desa.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.headers["access-control-allow-origin"] == "https://desa.example"
        other = client.get("/v1/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_mask_niks():
    assert (
        mask_niks(f"POST /v1/lookup?nik={SITI} 200") == "POST /v1/lookup?nik=1205**********01 200"
    )
    assert mask_niks("12345678901234567") == "12345678901234567"  # 17 digits: not a NIK
    assert mask_niks("ticket K7QM-3XH9") == "ticket K7QM-3XH9"


def test_log_filter_masks_records(caplog):
    logger = logging.getLogger("sibaso.http.test")
    logger.addFilter(NikMaskingFilter())
    with caplog.at_level(logging.INFO):
        logger.info('%s - "POST /v1/lookup?nik=%s HTTP/1.1" %d', "127.0.0.1", SITI, 200)
        logger.info("lookup for %s", {"nik": SITI})
    assert SITI not in caplog.text
    assert "1205**********01" in caplog.text


def test_access_log_masks_a_nik_in_the_url(caplog, monkeypatch):
    install_log_masking()
    access = logging.getLogger("uvicorn.access")
    # a uvicorn started by another test configures its loggers not to propagate to root
    monkeypatch.setattr(access, "disabled", False)
    monkeypatch.setattr(access, "handlers", [*access.handlers, caplog.handler])
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        access.info('%s - "%s %s HTTP/%s" %d', "1.2.3.4", "GET", f"/v1/x?nik={SITI}", "1.1", 404)
    assert SITI not in caplog.text
    assert "1205**********01" in caplog.text


def test_log_filter_keeps_the_arguments_of_uvicorn_access_records():
    from uvicorn.logging import AccessFormatter

    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("1.2.3.4:5", "GET", f"/v1/x?nik={SITI}", "1.1", 404),
        None,
    )
    NikMaskingFilter().filter(record)
    assert len(record.args) == 5
    line = AccessFormatter("%(client_addr)s %(request_line)s %(status_code)s").format(record)
    assert line == "1.2.3.4:5 GET /v1/x?nik=1205**********01 HTTP/1.1 404 Not Found"


def test_no_endpoint_takes_a_nik_in_the_url():
    doc = json.loads(dumps())
    for path, operations in doc["paths"].items():
        assert "{nik" not in path.lower()
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                assert "nik" not in parameter["name"].lower(), (path, parameter["name"])
            body = operation.get("requestBody", {}).get("content", {})
            if any("nik" in json.dumps(c) for c in body.values()):
                assert operations.get("post") is operation


def test_openapi_is_served_and_matches_docs(client):
    from pathlib import Path

    served = client.get("/openapi.json").json()
    assert served["openapi"].startswith("3.1")
    kept = Path(__file__).parents[2] / "docs" / "openapi.json"
    assert kept.read_text(encoding="utf-8") == dumps(served), (
        "docs/openapi.json is stale: python -m sibaso.http.openapi docs/openapi.json"
    )


@pytest.fixture
def db(registry):
    registry.flush_audit()
    return registry.store.target


def test_token_cli_issue_list_revoke(db, app):
    runner = CliRunner()
    issued = runner.invoke(cli, ["token", "issue", "tksk-stabat", "--db", db, "--label", "portal"])
    assert issued.exit_code == 0, issued.output
    secret = issued.stdout.strip().splitlines()[0]
    assert secret.startswith("sbs_")
    with TestClient(app) as client:
        header = {"Authorization": f"Bearer {secret}"}
        assert client.get("/v1/officer/complaints", headers=header).status_code == 200
        listed = runner.invoke(cli, ["token", "list", "--db", db, "--json"])
        rows = json.loads(listed.stdout)
        assert rows[0]["officer_id"] == "tksk-stabat"
        assert secret not in listed.stdout
        revoked = runner.invoke(cli, ["token", "revoke", str(rows[0]["id"]), "--db", db])
        assert revoked.exit_code == 0
        assert client.get("/v1/officer/complaints", headers=header).status_code == 401


def test_token_cli_refuses_unknown_officer(db):
    answer = CliRunner().invoke(cli, ["token", "issue", "nobody", "--db", db])
    assert answer.exit_code == 1
    assert "nobody" in answer.output


def test_serve_help():
    answer = CliRunner().invoke(cli, ["serve", "--help"])
    assert answer.exit_code == 0
    assert "--workers" in answer.output


def test_settings_from_env():
    settings = Settings.from_env(
        {"SIBASO_HTTP_RATE_LIMIT": "10", "SIBASO_HTTP_CORS_ORIGINS": "https://a, https://b"}
    )
    assert settings.rate_limit == 10
    assert settings.cors_origins == ("https://a", "https://b")


def test_public_recap_setting(registry):
    app = create_app(registry, settings=Settings(rate_limit=0, public_recap=True))
    with TestClient(app) as client:
        answer = client.get("/v1/recap", params={"by": "desa"})
        assert answer.status_code == 200
        assert {r["programme"] for r in answer.json()} == {"PKH"}


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("", "id"),
        ("en", "en"),
        ("en-GB,en;q=0.8", "en"),
        ("id-ID,id;q=0.9,en;q=0.8", "id"),
        ("en;q=0.5,id;q=0.9", "id"),
        ("fr, de", "id"),
        ("fr, en;q=0.1", "en"),
        ("en;q=nonsense", "id"),
        ("en;q=0", "id"),
    ],
)
def test_accept_language(header, lang):
    from starlette.requests import Request

    from sibaso.http._problems import language

    request = Request({"type": "http", "headers": [(b"accept-language", header.encode())]})
    assert language(request) == lang


def test_niks_written_with_separators_are_masked_in_logs_too():
    for written in ("1205-0767-0871-0001", "1205%200767%200871%200001", "12.05.07.670871.0001"):
        masked = mask_niks(f'"GET /v1/nik/{written} HTTP/1.1" 404')
        assert masked == '"GET /v1/nik/1205**********01 HTTP/1.1" 404'
    assert mask_niks("2026-11-28 10:16:53.123") == "2026-11-28 10:16:53.123"
