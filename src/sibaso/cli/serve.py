"""``sibaso serve`` (the HTTP API) and ``sibaso token …`` (officers' API tokens)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import click

from sibaso.cli._lang import lang_option, language, told
from sibaso.core.errors import SibasoError

__all__ = ["register_serve_commands", "serve_command", "token_group"]

DB_HELP = "Registry: a SQLite file (default sibaso.sqlite) or a postgresql:// DSN."
db_option = click.option(
    "--db", "db", default="sibaso.sqlite", show_default=True, help=DB_HELP, envvar="SIBASO_DB"
)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--rate-limit", type=click.IntRange(0), help="Public requests per minute per client.")
@click.option("--rate-burst", type=click.IntRange(1), help="Public requests allowed at once.")
@click.option(
    "--officer-rate-limit",
    type=click.IntRange(0),
    help="Requests per minute per officer token (default 300; 0: no limit).",
)
@click.option("--officer-rate-burst", type=click.IntRange(1), help="Per token at once (60).")
@click.option(
    "--cors-origin", "cors", multiple=True, help="Browser origin allowed (repeat; * any)."
)
@click.option("--max-upload-mb", type=click.FloatRange(0.001), help="Largest ingest upload.")
@click.option("--public-recap", is_flag=True, help="Answer /v1/recap without a token.")
@click.option("--forwarded-for", is_flag=True, help="Behind a proxy: limit by X-Forwarded-For.")
@click.option(
    "--trusted-proxies",
    type=click.IntRange(0),
    help="Proxies in front that append to X-Forwarded-For (default 1 with --forwarded-for).",
)
@click.option("--no-docs", is_flag=True, help="No Swagger UI at /docs (/openapi.json stays).")
@click.option("--upload-dir", type=click.Path(file_okay=False), help="Keep uploaded lists here.")
def serve_command(
    db: str,
    host: str,
    port: int,
    workers: int,
    rate_limit: int | None,
    rate_burst: int | None,
    officer_rate_limit: int | None,
    officer_rate_burst: int | None,
    cors: tuple[str, ...],
    max_upload_mb: float | None,
    public_recap: bool,
    forwarded_for: bool,
    trusted_proxies: int | None,
    no_docs: bool,
    upload_dir: str | None,
) -> None:
    """Serve the HTTP API (/v1/…, OpenAPI at /openapi.json) with uvicorn."""
    try:
        import uvicorn
    except ImportError as exc:
        raise click.ClickException('sibaso serve needs: pip install "sibaso[serve]"') from exc
    from sibaso.cli._db import open_db

    open_db(db).close()  # an existing registry, migrated once before the workers start
    env = {"SIBASO_DB": db}
    for name, value in (
        ("RATE_LIMIT", rate_limit),
        ("RATE_BURST", rate_burst),
        ("OFFICER_RATE_LIMIT", officer_rate_limit),
        ("OFFICER_RATE_BURST", officer_rate_burst),
        ("CORS_ORIGINS", ",".join(cors) if cors else None),
        ("MAX_UPLOAD_BYTES", int(max_upload_mb * 1024 * 1024) if max_upload_mb else None),
        ("PUBLIC_RECAP", "1" if public_recap else None),
        ("TRUST_FORWARDED_FOR", "1" if forwarded_for else None),
        ("TRUSTED_PROXIES", trusted_proxies),
        ("DOCS", "0" if no_docs else None),
        ("UPLOAD_DIR", os.path.abspath(upload_dir) if upload_dir else None),
    ):
        if value is not None:
            env[f"SIBASO_HTTP_{name}"] = str(value)
    os.environ.update(env)  # the worker processes read their settings from here
    uvicorn.run(
        "sibaso.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # the client address is sibaso's rule (client_address), not uvicorn's
        proxy_headers=False,
        server_header=False,
    )


@click.group("token")
def token_group() -> None:
    """API tokens of officers for the HTTP API (stored hashed, tied to the roster)."""


def _open(db: str) -> Any:
    from sibaso.cli._db import open_db

    return open_db(db)


def _expiry(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """``--expires``: days from now (``30``, ``30d``) or the last day (``2027-01-31``, to
    the end of that day in local time: WIB, or ``SIBASO_TZ``)."""
    import datetime

    from sibaso.core.localtime import zone
    from sibaso.http.tokens import MAX_LIFETIME

    if value is None:
        return None
    text = value.strip().lower().removesuffix("d")
    if text.isdigit():
        days = int(text)
        if 1 <= days <= MAX_LIFETIME.days:
            return datetime.timedelta(days=days)
    else:
        try:
            last = datetime.date.fromisoformat(value.strip())
        except ValueError:
            last = None
        if last is not None:
            end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time())
            until = end.replace(tzinfo=zone())
            now = datetime.datetime.now(datetime.timezone.utc)
            if now < until <= now + MAX_LIFETIME:
                return until
    raise click.BadParameter(
        f"{value!r}: a number of days (1–{MAX_LIFETIME.days}, e.g. 30) or a last day "
        "(YEAR-MONTH-DAY) in the future."
        if language() == "en"
        else f"{value!r}: jumlah hari (1–{MAX_LIFETIME.days}, mis. 30) atau tanggal terakhir "
        "berlaku (TAHUN-BULAN-TANGGAL) yang akan datang.",
        ctx=ctx,
        param_hint="--expires",
    )


@token_group.command("issue")
@click.argument("officer_id")
@db_option
@click.option("--label", help="What the token is for (a portal, a bot).")
@click.option(
    "--expires",
    callback=_expiry,
    metavar="DAYS|DATE",
    help="Days it lasts (default 90) or its last day (YYYY-MM-DD).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def token_issue(
    officer_id: str, db: str, label: str | None, expires: Any, as_json: bool, lang: str
) -> None:
    """Issue a token for an active roster officer; it is printed once, never stored."""
    from sibaso.http.tokens import issue_token

    with _open(db) as registry:
        try:
            issued = issue_token(registry, officer_id, label=label, expires=expires)
        except SibasoError as exc:
            raise click.ClickException(told(exc, lang)) from exc
    if as_json:
        click.echo(
            json.dumps(
                {
                    "id": issued.id,
                    "officer_id": officer_id,
                    "token": issued.token,
                    "expires_at": issued.expires_at,
                }
            )
        )
        return
    from sibaso.core.localtime import format_local

    click.echo(issued.token)
    until = format_local(issued.expires_at)
    click.echo(
        f"Token #{issued.id} for {officer_id}, valid until {until}: keep it now, it cannot be "
        "shown again."
        if lang == "en"
        else f"Token #{issued.id} untuk {officer_id}, berlaku sampai {until}: simpan sekarang, "
        "tidak dapat ditampilkan lagi.",
        err=True,
    )


@token_group.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
def token_list(db: str, as_json: bool, lang: str) -> None:
    """Every token: id, prefix, officer, label, issued, expiry and state (never the token).

    A token is ``aktif``, ``dicabut``, ``kedaluwarsa``, ``tidak berlaku`` (its officer
    left the roster) or ``tanpa pemilik`` (its id now names another officer).
    """
    from sibaso.core.localtime import format_local
    from sibaso.http.tokens import STATE_LABELS, STATE_LABELS_EN, list_tokens

    with _open(db) as registry:
        rows = list_tokens(registry)
    if as_json:  # machine output: ISO 8601 in UTC, as stored
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    labels = STATE_LABELS_EN if lang == "en" else STATE_LABELS
    until = "valid until" if lang == "en" else "berlaku sampai"
    for row in rows:  # people read local time
        state, expires, text = row["state"], row["expires_at"], labels[row["state"]]
        if state == "active":
            text = f"{text}, {until} {format_local(expires)}"
        elif state == "revoked":
            text = f"{text} {format_local(row['revoked_at'])}"
        elif state == "expired" and expires:
            text = f"{text} {format_local(expires)}"
        click.echo(
            f"#{row['id']} {row['prefix']}… {row['officer_id']} {row['label'] or ''} "
            f"({format_local(row['issued_at'])}, {text})"
        )


@token_group.command("revoke")
@click.argument("token_id", type=int)
@db_option
@lang_option
def token_revoke(token_id: int, db: str, lang: str) -> None:
    """Revoke a token by its id (from ``sibaso token list``)."""
    from sibaso.http.tokens import revoke_token

    en = lang == "en"
    with _open(db) as registry:
        if not revoke_token(registry, token_id):
            raise click.ClickException(
                f"No active token #{token_id}." if en else f"Tidak ada token aktif #{token_id}."
            )
    click.echo(f"Token #{token_id} revoked." if en else f"Token #{token_id} dicabut.")


def register_serve_commands(add: Callable[[click.Command], None]) -> None:
    """Add ``serve`` and ``token`` to the ``sibaso`` group."""
    add(serve_command)
    add(token_group)
