"""Run the portal: ``python -m sibaso_portal --db sibaso-demo/demo.sqlite``."""

from __future__ import annotations

import argparse

import attrs

from sibaso_portal.settings import Settings


def main(argv: list[str] | None = None) -> None:
    """Serve the portal with uvicorn (settings from ``SIBASO_PORTAL_*`` and the options)."""
    import uvicorn

    from sibaso_portal.app import create_app

    parser = argparse.ArgumentParser(prog="python -m sibaso_portal", description=main.__doc__)
    parser.add_argument("--db", default="sibaso-demo/demo.sqlite", help="registry to serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--rate-limit", type=int, help="requests per minute per client and action (0: off)"
    )
    parser.add_argument("--forwarded-for", action="store_true", help="behind a reverse proxy")
    parser.add_argument(
        "--trusted-proxies",
        type=int,
        help="proxies in front that append to X-Forwarded-For (default 1)",
    )
    parser.add_argument("--secure-cookies", action="store_true", help="served over HTTPS")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    settings = attrs.evolve(
        settings,
        rate_limit=settings.rate_limit if args.rate_limit is None else args.rate_limit,
        trust_forwarded_for=settings.trust_forwarded_for or args.forwarded_for,
        trusted_proxies=(
            settings.trusted_proxies if args.trusted_proxies is None else args.trusted_proxies
        ),
        secure_cookies=settings.secure_cookies or args.secure_cookies,
    )
    app = create_app(args.db, settings=settings)
    # the client address is sibaso's rule (client_address), not uvicorn's proxy headers
    uvicorn.run(app, host=args.host, port=args.port, server_header=False, proxy_headers=False)


if __name__ == "__main__":
    main()
