"""Access hardening (issue 16): the client address behind proxies, bounded limiter, officer
limits, relative redirects."""

import pytest
from click.testing import CliRunner
from complaint_helpers import SITI
from fastapi.testclient import TestClient

from sibaso.http import Settings, client_address, create_app

# -- the client address behind trusted proxies ------------------------------------------------


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("10.0.0.1", [], 1, "10.0.0.1"),  # no header: the peer
        ("10.0.0.1", ["203.0.113.9"], 0, "10.0.0.1"),  # no proxy trusted: the peer
        ("10.0.0.1", ["203.0.113.9"], 1, "203.0.113.9"),
        # the client wrote the left entries itself; the proxy appended the real one
        ("10.0.0.1", ["6.6.6.6, 7.7.7.7, 203.0.113.9"], 1, "203.0.113.9"),
        # two proxies (a CDN, then nginx): skip both
        ("10.0.0.1", ["6.6.6.6, 203.0.113.9, 198.51.100.4"], 2, "203.0.113.9"),
        # a proxy writing a second header line counts the same as a comma
        ("10.0.0.1", ["6.6.6.6", "203.0.113.9"], 1, "203.0.113.9"),
        # fewer hops than trusted proxies: the farthest one there is
        ("10.0.0.1", ["203.0.113.9"], 3, "203.0.113.9"),
        ("10.0.0.1", [" , ,"], 1, "10.0.0.1"),
        (None, [], 1, "unknown"),
    ],
)
def test_client_address_is_the_rightmost_untrusted_hop(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted_proxies=trusted) == expected


def test_rotating_the_leftmost_forwarded_entry_does_not_escape_the_limit(registry):
    settings = Settings(rate_limit=60, rate_burst=5, trust_forwarded_for=True)
    app = create_app(registry, settings=settings)
    with TestClient(app) as client:
        codes = [
            client.post(
                "/v1/lookup",
                json={"nik": SITI},
                headers={"X-Forwarded-For": f"10.9.{i // 250}.{i % 250}, 203.0.113.7"},
            ).status_code
            for i in range(60)
        ]
    assert codes.count(200) == 5
    assert codes.count(429) == 55


def test_two_trusted_proxies_key_on_the_client_before_them(registry):
    settings = Settings(rate_limit=60, rate_burst=1, trust_forwarded_for=True, trusted_proxies=2)
    app = create_app(registry, settings=settings)
    with TestClient(app) as client:

        def ask(chain):
            answer = client.post(
                "/v1/lookup", json={"nik": SITI}, headers={"X-Forwarded-For": chain}
            )
            return answer.status_code

        assert ask("1.1.1.1, 203.0.113.7, 198.51.100.1") == 200
        assert ask("2.2.2.2, 203.0.113.7, 198.51.100.1") == 429  # same client, new lie
        assert ask("203.0.113.8, 198.51.100.1") == 200  # another client


def test_trusted_proxies_setting_and_option(monkeypatch, registry):
    settings = Settings.from_env(
        {"SIBASO_HTTP_TRUST_FORWARDED_FOR": "1", "SIBASO_HTTP_TRUSTED_PROXIES": "2"}
    )
    assert (settings.trust_forwarded_for, settings.trusted_proxies) == (True, 2)
    assert Settings().trusted_proxies == 1
    with pytest.raises(ValueError):
        Settings(trusted_proxies=-1)
    import uvicorn

    from sibaso.cli import cli

    ran = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **options: ran.update(options))
    for name in ("SIBASO_DB", "SIBASO_HTTP_TRUST_FORWARDED_FOR", "SIBASO_HTTP_TRUSTED_PROXIES"):
        monkeypatch.setenv(name, "")  # restored after the test: serve writes them
    db = registry.store.target
    answer = CliRunner().invoke(
        cli, ["serve", "--db", db, "--forwarded-for", "--trusted-proxies", "2"]
    )
    assert answer.exit_code == 0, answer.output
    import os

    assert os.environ["SIBASO_HTTP_TRUSTED_PROXIES"] == "2"
    assert Settings.from_env().trusted_proxies == 2
    # uvicorn must not rewrite the client address itself (its rule differs from ours)
    assert ran["proxy_headers"] is False
