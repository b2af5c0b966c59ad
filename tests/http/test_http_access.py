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
    monkeypatch.setenv("SIBASO_HTTP_OFFICER_RATE_LIMIT", "")
    answer = CliRunner().invoke(
        cli,
        [
            *("serve", "--db", db, "--forwarded-for", "--trusted-proxies", "2"),
            *("--officer-rate-limit", "30"),
        ],
    )
    assert answer.exit_code == 0, answer.output
    import os

    assert os.environ["SIBASO_HTTP_TRUSTED_PROXIES"] == "2"
    assert Settings.from_env().trusted_proxies == 2
    assert Settings.from_env().officer_rate_limit == 30
    # uvicorn must not rewrite the client address itself (its rule differs from ours)
    assert ran["proxy_headers"] is False


# -- the limiter stays bounded and a 429 costs O(1) -------------------------------------------


def test_the_limiter_keeps_a_bounded_number_of_keys():
    import tracemalloc

    from sibaso.http import RateLimiter

    def address(i):
        return f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}"

    limiter = RateLimiter(per_minute=60, burst=20, max_keys=10_000)
    for i in range(300_000):  # none refills in time: only the cap bounds them
        limiter.take(address(i), now=0.0)
    assert len(limiter) == 10_000
    limiter = RateLimiter(per_minute=60, burst=20, max_keys=10_000)
    tracemalloc.start()
    try:
        for i in range(40_000):
            limiter.take(address(i), now=0.0)
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(limiter) == 10_000
    assert held < 5 * 1024 * 1024  # 10,000 kept: ~2 MiB; 40,000 unbounded: ~8 MiB


def test_full_buckets_expire_without_a_cap():
    from sibaso.http import RateLimiter

    limiter = RateLimiter(per_minute=60, burst=2)
    for i in range(1000):
        limiter.take(f"k{i}", now=float(i))  # each bucket refills within 2 s
    assert len(limiter) <= 4


def test_a_429_does_not_scan_every_bucket():
    import time

    from sibaso.http import RateLimiter

    limiter = RateLimiter(per_minute=60, burst=1, max_keys=1_000_000)
    for i in range(300_000):
        limiter.take(f"k{i}", now=0.0)  # 300,000 empty buckets, none full
    assert limiter.take("k1", now=0.0) > 0
    started = time.perf_counter()
    for _ in range(200):
        assert limiter.take("k1", now=0.0) > 0
    each = (time.perf_counter() - started) / 200
    assert each < 0.0005, f"{each * 1000:.2f} ms per 429"  # a full scan took ~30 ms


def test_an_evicted_key_starts_afresh_and_the_least_recent_goes_first():
    from sibaso.http import RateLimiter

    limiter = RateLimiter(per_minute=60, burst=1, max_keys=2)
    assert limiter.take("a", now=0.0) == 0.0
    assert limiter.take("b", now=0.0) == 0.0
    assert limiter.take("a", now=0.0) > 0  # a is now the most recent
    assert limiter.take("c", now=0.0) == 0.0  # b, the least recent, goes
    assert limiter.take("a", now=0.0) > 0
    assert len(limiter) == 2


# -- officer endpoints are limited per token ------------------------------------------------


def test_officer_endpoints_are_limited_per_token(registry, token):
    settings = Settings(rate_limit=0, officer_rate_limit=60, officer_rate_burst=3)
    app = create_app(registry, settings=settings)
    first, second = token("tksk-stabat"), token("tksk-stabat")
    with TestClient(app) as client:
        codes = [client.get("/v1/officer/complaints", headers=first).status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        limited = client.post("/v1/officer/lookup", json={"nik": SITI}, headers=first)
        assert limited.status_code == 429
        assert limited.json()["code"] == "rate-limited"
        assert int(limited.headers["retry-after"]) >= 1
        # another token (even of the same officer) has its own bucket
        assert client.get("/v1/officer/complaints", headers=second).status_code == 200


def test_guessing_tokens_spends_the_public_bucket(registry):
    settings = Settings(rate_limit=60, rate_burst=2)
    app = create_app(registry, settings=settings)
    with TestClient(app) as client:
        codes = [
            client.get(
                "/v1/officer/complaints", headers={"Authorization": f"Bearer sbs_guess{i}"}
            ).status_code
            for i in range(4)
        ]
    assert codes == [401, 401, 429, 429]


def test_officer_limit_settings():
    settings = Settings.from_env(
        {"SIBASO_HTTP_OFFICER_RATE_LIMIT": "30", "SIBASO_HTTP_OFFICER_RATE_BURST": "5"}
    )
    assert (settings.officer_rate_limit, settings.officer_rate_burst) == (30, 5)
    assert (Settings().officer_rate_limit, Settings().officer_rate_burst) == (300, 60)


# -- redirects never name the Host the client sent ------------------------------------------


@pytest.mark.parametrize("path", ["/v1/programmes/", "/v1/health/", "/docs/"])
def test_trailing_slash_redirects_are_relative(client, path):
    answer = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    if answer.status_code == 404:  # no such route either way
        return
    assert answer.status_code in (307, 308)
    location = answer.headers["location"]
    assert "evil.example" not in location
    assert location.startswith("/") and not location.startswith("//")
    assert location == path.rstrip("/")


def test_a_post_with_a_slash_is_redirected_relatively(client):
    answer = client.post(
        "/v1/lookup/?x=1",
        json={"nik": SITI},
        headers={"Host": "evil.example"},
        follow_redirects=False,
    )
    assert answer.status_code == 307
    assert answer.headers["location"] == "/v1/lookup?x=1"


def test_relative_redirects_middleware_keeps_relative_and_rewrites_absolute():
    import asyncio

    from sibaso.http import RelativeRedirects

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 307,
                "headers": [(b"location", scope["location"].encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    def location_after(value):
        sent = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "location": value}
        asyncio.run(RelativeRedirects(app)(scope, None, send))
        return dict(sent[0]["headers"])[b"location"].decode()

    assert location_after("http://evil.example/cek?a=1") == "/cek?a=1"
    assert location_after("https://evil.example") == "/"
    assert location_after("//evil.example/x") == "/x"
    assert location_after("/petugas") == "/petugas"
    assert location_after("/\\evil.example") == "/evil.example"


# -- /docs works offline ----------------------------------------------------------------------


def test_docs_are_served_from_the_package_not_a_cdn(client):
    import re

    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets, page.text
    for asset in assets:
        assert asset.startswith("/"), asset  # on this server, nothing fetched from elsewhere
        answer = client.get(asset)
        assert answer.status_code == 200, asset
        assert len(answer.content) > 1000
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)


def test_docs_can_be_turned_off(registry):
    app = create_app(registry, settings=Settings(rate_limit=0, docs=False))
    with TestClient(app) as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/openapi.json").status_code == 200
    assert Settings.from_env({"SIBASO_HTTP_DOCS": "0"}).docs is False
    assert Settings().docs is True
