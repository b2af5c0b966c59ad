"""``sibaso roster …`` and ``sibaso complaint …``: the complaint service from the shell.

A stable contract for portals and scripts: exit 0 on success; 1 when the input failed a
check or the action was refused (with ``--json``: ``{"errors": [...]}`` for invalid input,
``{"error": code, "message": …}`` for a refusal); 2 for usage errors.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from sibaso.cli._lang import lang_option
from sibaso.core.errors import InvalidNIK
from sibaso.core.labels import field_label, label, number
from sibaso.core.localtime import format_local

__all__ = ["complaint_group", "register_complaint_commands", "roster_group"]

DB_HELP = "Registry: a SQLite file (default sibaso.sqlite) or a postgresql:// DSN."
db_option = click.option(
    "--db", "db", default="sibaso.sqlite", show_default=True, help=DB_HELP, envvar="SIBASO_DB"
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
as_option = click.option(
    "--as", "officer_id", required=True, help="Officer id from the roster (who is acting)."
)
STATUSES = ("diterima", "diverifikasi", "diteruskan", "selesai", "ditolak")
CATEGORIES = (
    "data-tidak-sesuai",
    "usul",
    "sanggah",
    "bantuan-tidak-diterima",
    "pelayanan",
    "lainnya",
)


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _fail(as_json: bool, data: dict[str, Any], text: str) -> NoReturn:
    if as_json:
        _dump(data)
    else:
        click.echo(text, err=True)
    sys.exit(1)


@contextmanager
def _service(db: str, as_json: bool, lang: str = "id") -> Iterator[Any]:
    """Open the registry, yield its complaint service, turn refusals into exit code 1."""
    from sibaso.cli._db import open_db
    from sibaso.complaints import ComplaintError, ComplaintValidationError, RosterError

    registry = open_db(db, lang=lang)
    try:
        yield registry.complaints
    except (ComplaintValidationError, RosterError) as exc:
        payload = exc.to_dict(lang)
        row = "  baris {row} " if lang == "id" else "  row {row} "
        lines = [
            (row if "row" in e else "  ").format(**e)
            + f"{field_label(e['field'], lang)}: {e['message']}"
            for e in payload["errors"]
        ]
        head = "Tidak sah:" if lang == "id" else "Not valid:"
        _fail(as_json, payload, "\n".join([head, *lines]))
    except ComplaintError as exc:
        _fail(as_json, exc.to_dict(lang), exc.localized(lang))
    except InvalidNIK as exc:
        _fail(
            as_json,
            {"error": exc.code, "message": exc.localized(lang)},
            f"NIK tidak sah ({exc.code}): {exc.localized(lang)}",
        )
    finally:
        registry.close()


def _attachment(path: str) -> dict[str, Any]:
    """Reference a local file: its URI, type (from its first bytes), size and SHA-256."""
    file = Path(path).resolve()
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        head = handle.read(16)
        digest.update(head)
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if head.startswith(b"%PDF"):
        media_type = "application/pdf"
    elif head.startswith(b"\x89PNG"):
        media_type = "image/png"
    elif head.startswith(b"\xff\xd8\xff"):
        media_type = "image/jpeg"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        media_type = "image/webp"
    else:
        media_type = "application/octet-stream"
    return {
        "ref": file.as_uri(),
        "media_type": media_type,
        "size": file.stat().st_size,
        "sha256": digest.hexdigest(),
    }


#: What the complaint commands say around the data, in Bahasa Indonesia and English.
WORDS = {
    "id": {
        "due": "batas",
        "due date": "batas waktu",
        "ticket": "Tiket",
        "routed": "diteruskan ke kecamatan",
        "version": "versi",
        "complaints": "pengaduan",
        "late": "terlambat",
        "none late": "Tidak ada pengaduan yang terlambat.",
        "written": "pengaduan ditulis ke",
        "loaded": "petugas dimuat: {added} baru, {updated} diperbarui, {gone} dinonaktifkan",
        "inactive": "nonaktif",
        "all": "semua",
    },
    "en": {
        "due": "due",
        "due date": "due",
        "ticket": "Ticket",
        "routed": "routed to kecamatan",
        "version": "version",
        "complaints": "complaints",
        "late": "late",
        "none late": "No complaint is late.",
        "written": "complaints written to",
        "loaded": "officers loaded: {added} new, {updated} updated, {gone} deactivated",
        "inactive": "inactive",
        "all": "all",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "id"]


def _status(code: str | None, lang: str) -> str:
    return label("complaint-status", code, lang) if code else "-"


def _line(v: Any, lang: str = "id") -> str:
    category = label("complaint-category", v.category, lang)
    return (
        f"{v.ticket}  {_status(v.status, lang):<12} {category:<22} {v.kecamatan} "
        f"{v.kecamatan_name or '':<16} {_words(lang)['due']} {v.due.isoformat()}  "
        f"{v.reporter_name} ({v.reporter_nik})"
    )


# -- roster ------------------------------------------------------------------------------


@click.group("roster")
def roster_group() -> None:
    """Daftar petugas (roster): siapa bertugas di kecamatan mana."""


@roster_group.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
@json_option
@lang_option
def roster_load(file: str, db: str, as_json: bool, lang: str) -> None:
    """Load a roster CSV (id,name,role,kecamatan); it replaces the active roster."""
    from sibaso.complaints import Actor

    with _service(db, as_json, lang) as service:
        report = service.load_roster(Actor.system("cli"), file)
    if as_json:
        _dump(report.to_dict())
        return
    loaded = _words(lang)["loaded"].format(
        added=report.added, updated=report.updated, gone=report.deactivated
    )
    click.echo(f"{report.officers} {loaded}")


@roster_group.command("list")
@db_option
@json_option
@lang_option
def roster_list(db: str, as_json: bool, lang: str) -> None:
    """Show the roster (active and former officers)."""
    from sibaso.complaints import Actor

    words = _words(lang)
    with _service(db, as_json, lang) as service:
        officers = service.roster(Actor.system("cli"))
    if as_json:
        _dump(officers)
        return
    for o in officers:
        state = "" if o["active"] else f"  ({words['inactive']})"
        # an operator or admin with no area covers the whole kabupaten; a former officer none
        areas = ";".join(o["kecamatan"]) or (words["all"] if o["active"] else "-")
        click.echo(f"{o['id']:<24} {o['role']:<15} {areas:<30} {o['name']}{state}")


# -- complaints --------------------------------------------------------------------------


@click.group("complaint")
def complaint_group() -> None:
    """Pengaduan, usul dan sanggah: catat, cek status, tangani, ekspor."""


@complaint_group.command("file")
@db_option
@click.option("--reporter-nik", help="NIK pelapor (16 digits).")
@click.option("--reporter-name", help="Nama pelapor.")
@click.option("--phone", help="Telepon: 08…, +62… or 62….")
@click.option("--category", help=f"One of: {', '.join(CATEGORIES)}.")
@click.option("--text", help="Isi pengaduan (at most 2,000 characters).")
@click.option("--programme", help="Programme (any name the catalogue knows).")
@click.option("--subject-nik", help="NIK of the person concerned (usul, sanggah).")
@click.option(
    "--channel", type=click.Choice(["web", "bot", "counter"]), help="Default: web; counter --as."
)
@click.option(
    "--attachment",
    "attachments",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Attach a local file by reference (PDF, JPEG, PNG, WebP; repeatable).",
)
@click.option("--as", "officer_id", help="Officer filing for a walk-in citizen (counter).")
@json_option
@lang_option
def complaint_file(
    db: str,
    reporter_nik: str | None,
    reporter_name: str | None,
    phone: str | None,
    category: str | None,
    text: str | None,
    programme: str | None,
    subject_nik: str | None,
    channel: str | None,
    attachments: tuple[str, ...],
    officer_id: str | None,
    as_json: bool,
    lang: str,
) -> None:
    """File a complaint; prints its ticket, status, kecamatan and due date."""
    from sibaso.complaints import Actor

    with _service(db, as_json, lang) as service:
        actor = service.actor(officer_id) if officer_id else Actor.public()
        complaint = service.file(
            actor,
            reporter_nik=reporter_nik,
            reporter_name=reporter_name,
            phone=phone,
            category=category,
            text=text,
            programme=programme,
            subject_nik=subject_nik,
            channel=channel,
            attachments=[_attachment(a) for a in attachments],
        )
    from sibaso.core import wilayah

    region = wilayah.lookup(complaint.kecamatan or "")
    data = {
        "ticket": complaint.ticket,
        "status": complaint.status.value,
        "category": complaint.category.value,
        "channel": complaint.channel.value,
        "programme": complaint.programme,
        "kecamatan": complaint.kecamatan,
        "kecamatan_name": region.name if region else None,
        "filed_at": complaint.filed_at.isoformat() if complaint.filed_at else None,
        "due": complaint.due.isoformat() if complaint.due else None,
        "version": complaint.version,
    }
    if as_json:
        _dump(data)
        return
    words = _words(lang)
    click.echo(
        f"{words['ticket']} {data['ticket']}: {_status(data['status'], lang)}, {words['routed']} "
        f"{data['kecamatan']} {data['kecamatan_name'] or ''}, {words['due date']} {data['due']}"
    )


@complaint_group.command("status")
@click.argument("ticket")
@click.option("--nik", "nik", required=True, help="NIK pelapor.")
@db_option
@json_option
@lang_option
def complaint_status(ticket: str, nik: str, db: str, as_json: bool, lang: str) -> None:
    """Status of a ticket, for the reporter (ticket number AND reporter's NIK)."""
    from sibaso.complaints import Actor

    with _service(db, as_json, lang) as service:
        answer = service.status(Actor.public(), ticket, nik)
    if as_json:
        _dump(answer.to_dict())
        return
    words = _words(lang)
    click.echo(
        f"{words['ticket']} {answer.ticket}: {_status(answer.status, lang)} "
        f"({words['due date']} {answer.due.isoformat()})"
    )
    for h in answer.history:
        note = f" — {h.note}" if h.note else ""
        step = f"{_status(h.from_status, lang)} → {_status(h.to_status, lang)}"
        click.echo(f"  {format_local(h.at)}  {step}{note}")


@complaint_group.command("show")
@click.argument("ticket")
@db_option
@as_option
@json_option
@lang_option
def complaint_show(ticket: str, db: str, officer_id: str, as_json: bool, lang: str) -> None:
    """One complaint with its history (staff of its kecamatan)."""
    with _service(db, as_json, lang) as service:
        view = service.get(service.actor(officer_id), ticket)
    if as_json:
        _dump(view.to_dict())
        return
    click.echo(_line(view, lang))
    click.echo(f"  {view.text}")
    for h in view.history:
        note = f" — {h.note}" if h.note else ""
        step = f"{_status(h.from_status, lang)} → {_status(h.to_status, lang)}"
        click.echo(f"  {format_local(h.at)}  {h.actor}: {step}{note}")


@complaint_group.command("list")
@db_option
@as_option
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--kecamatan", help="Kecamatan code, e.g. 12.05.07.")
@click.option("--category", type=click.Choice(CATEGORIES))
@click.option("--limit", type=click.IntRange(min=1))
@json_option
@lang_option
def complaint_list(
    db: str,
    officer_id: str,
    status: str | None,
    kecamatan: str | None,
    category: str | None,
    limit: int | None,
    as_json: bool,
    lang: str,
) -> None:
    """Complaints this officer may see, newest first."""
    with _service(db, as_json, lang) as service:
        views = service.list(
            service.actor(officer_id),
            status=status,
            kecamatan=kecamatan,
            category=category,
            limit=limit,
        )
    if as_json:
        _dump([v.to_dict() for v in views])
        return
    for v in views:
        click.echo(_line(v, lang))
    click.echo(f"{number(len(views), lang)} {_words(lang)['complaints']}")


@complaint_group.command("update")
@click.argument("ticket")
@db_option
@as_option
@click.option("--status", type=click.Choice(STATUSES), required=True)
@click.option("--note", help="Catatan; the reason is required for ditolak and re-opening.")
@click.option("--expected-version", type=int, help="Refuse if the complaint changed since.")
@json_option
@lang_option
def complaint_update(
    ticket: str,
    db: str,
    officer_id: str,
    status: str,
    note: str | None,
    expected_version: int | None,
    as_json: bool,
    lang: str,
) -> None:
    """Move a complaint along the workflow (diterima → diverifikasi → diteruskan → selesai |
    ditolak)."""
    with _service(db, as_json, lang) as service:
        view = service.update(
            service.actor(officer_id), ticket, status, note, expected_version=expected_version
        )
    if as_json:
        _dump(view.to_dict())
        return
    words = _words(lang)
    click.echo(
        f"{words['ticket']} {view.ticket}: {_status(view.status, lang)} "
        f"({words['version']} {view.version})"
    )


@complaint_group.command("overdue")
@db_option
@as_option
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Count late as of this date."
)
@json_option
@lang_option
def complaint_overdue(
    db: str, officer_id: str, today: datetime.datetime | None, as_json: bool, lang: str
) -> None:
    """Open complaints past their due date, per kecamatan."""
    from sibaso.complaints._workflow import local_date

    on = today.date() if today else local_date(datetime.datetime.now(datetime.timezone.utc))
    with _service(db, as_json, lang) as service:
        groups = service.overdue(service.actor(officer_id), today=on)
    if as_json:
        _dump(
            [
                {
                    "kecamatan": code,
                    "kecamatan_name": views[0].kecamatan_name,
                    "count": len(views),
                    "complaints": [v.to_dict() | {"days_late": v.days_late(on)} for v in views],
                }
                for code, views in groups.items()
            ]
        )
        return
    words = _words(lang)
    for code, views in groups.items():
        late = f"{number(len(views), lang)} {words['late']}"
        click.echo(f"{code} {views[0].kecamatan_name or ''}: {late}")
        for v in views:
            click.echo(f"  {_line(v, lang)}")
    if not groups:
        click.echo(words["none late"])


@complaint_group.command("export")
@click.argument("out", type=click.Path(dir_okay=False))
@db_option
@as_option
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), help="Default: by suffix.")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--kecamatan", help="Kecamatan code, e.g. 12.05.07.")
@json_option
@lang_option
def complaint_export(
    out: str,
    db: str,
    officer_id: str,
    fmt: str | None,
    status: str | None,
    kecamatan: str | None,
    as_json: bool,
    lang: str,
) -> None:
    """Write the complaints this officer may see to .xlsx or .csv (per kecamatan and status)."""
    with _service(db, as_json, lang) as service:
        summary = service.export(
            service.actor(officer_id), out, fmt, status=status, kecamatan=kecamatan, lang=lang
        )
    if as_json:
        _dump(summary.to_dict())
        return
    click.echo(f"{number(summary.rows, lang)} {_words(lang)['written']} {summary.path}")


@complaint_group.command("lookup")
@click.argument("nik")
@db_option
@as_option
@json_option
@lang_option
def complaint_lookup(nik: str, db: str, officer_id: str, as_json: bool, lang: str) -> None:
    """Officer lookup of a person in your own kecamatan (to verify a complaint); audited."""
    with _service(db, as_json, lang) as service:
        result = service.officer_lookup(service.actor(officer_id), nik)
    if as_json:
        _dump(result.to_dict())
        return
    person = result.person
    absent = "not in the population data" if lang == "en" else "tidak ada di data kependudukan"
    click.echo(f"NIK {result.nik}: " + (person["name"] if person else absent))
    period = "period" if lang == "en" else "periode"
    for e in result.enrolments:
        via = label("via", e["via"], lang)
        click.echo(f"  {e['programme']:<8} {e['name']} — {via}, {period} {e['period'] or '-'}")
    if not result.enrolments:
        click.echo(
            "  not enrolled in any social-assistance programme"
            if lang == "en"
            else "  tidak terdaftar di program bansos mana pun"
        )


def register_complaint_commands(add: Callable[[click.Command], None]) -> None:
    """Add ``roster`` and ``complaint`` to the top-level group (``cli.add_command``)."""
    add(roster_group)
    add(complaint_group)
