"""The roster: who serves where. A CSV file with at least ``id,name,role,kecamatan``.

* ``id`` — the officer id used with ``--as`` (letters, digits, ``. _ - @``; not ``public``
  or ``system``);
* ``role`` — ``tksk``, ``pendamping-pkh``, ``operator`` or ``admin``;
* ``kecamatan`` — Kemendagri kecamatan codes (``12.05.07``, or ``120507``) separated by
  ``;``. Required for TKSK and pendamping PKH. Operators and admins leave it empty (every
  complaint in the database) or give kabupaten codes (``12.05``) to serve only those.

Other columns (phone, e-mail, notes) are ignored. The file may be comma-, semicolon- or
tab-separated (Excel in an Indonesian locale writes ``;``; quote a ``kecamatan`` cell that
holds several codes then), UTF-8 with or without BOM.

>>> import io
>>> entries = parse_roster(io.StringIO(
...     "id,name,role,kecamatan\\n"
...     "tksk-stabat-1,Budi,TKSK,12.05.07\\n"
...     "pkh-1,Rina,pendamping PKH,12.05.07;120508\\n"
...     "op-1,Dinas Sosial,operator,\\n"))
>>> for e in entries:
...     print(e.id, e.role.value, e.kecamatan)
tksk-stabat-1 tksk ('12.05.07',)
pkh-1 pendamping-pkh ('12.05.07', '12.05.08')
op-1 operator ()
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from sibaso.complaints._errors import RosterError
from sibaso.complaints._model import Role
from sibaso.core import wilayah
from sibaso.core.text import strip_invisible

__all__ = ["RosterEntry", "parse_roster", "read_roster"]

REQUIRED_COLUMNS = ("id", "name", "role", "kecamatan")
RESERVED_IDS = frozenset({"public", "system"})
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_ROLE_ALIASES = {
    "tksk": Role.TKSK,
    "pendamping-pkh": Role.PENDAMPING_PKH,
    "pendamping": Role.PENDAMPING_PKH,
    "pkh": Role.PENDAMPING_PKH,
    "operator": Role.OPERATOR,
    "admin": Role.ADMIN,
}


@attrs.frozen(kw_only=True)
class RosterEntry:
    """One officer of the roster."""

    id: str
    name: str
    role: Role
    kecamatan: tuple[str, ...] = ()


def _error(row: int, field: str, code: str, message: str, message_en: str) -> dict[str, Any]:
    return {"row": row, "field": field, "code": code, "message": message, "message_en": message_en}


def _rows(handle: TextIO) -> Iterator[list[str]]:
    text = handle.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        if ";" in first:
            delimiter = ";"
        elif "\t" in first:
            delimiter = "\t"
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _areas(cell: str, role: Role | None, row: int, errors: list[dict[str, Any]]) -> tuple[str, ...]:
    found: list[str] = []
    for part in re.split(r"[;,\s]+", cell.strip()):
        if not part:
            continue
        digits = wilayah.compact_code(part)
        known = wilayah.district_codes() | (
            wilayah.regency_codes() if role in (Role.OPERATOR, Role.ADMIN) else frozenset()
        )
        if not digits.isdigit() or digits not in known:
            what_id = (
                "kode kecamatan atau kabupaten"
                if role in (Role.OPERATOR, Role.ADMIN)
                else "kode kecamatan"
            )
            what_en = (
                "kecamatan or kabupaten code"
                if role in (Role.OPERATOR, Role.ADMIN)
                else "kecamatan code"
            )
            errors.append(
                _error(
                    row,
                    "kecamatan",
                    "region",
                    f"{part!r} bukan {what_id} Kemendagri yang dikenal (contoh 12.05.07).",
                    f"{part!r} is not a known Kemendagri {what_en} (e.g. 12.05.07).",
                )
            )
            continue
        code = wilayah.format_code(digits)
        if code not in found:
            found.append(code)
    return tuple(found)


def parse_roster(handle: TextIO, name: str = "roster") -> list[RosterEntry]:
    """Read a roster from an open text file; raise :class:`RosterError` listing every bad row."""
    rows = _rows(handle)
    header = next(rows, None)
    if header is None:
        raise RosterError(name, [_error(1, "-", "empty", "Berkas kosong.", "The file is empty.")])
    columns = {h.strip().lower(): i for i, h in enumerate(header)}
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise RosterError(
            name,
            [
                _error(
                    1,
                    c,
                    "missing-column",
                    f"Kolom {c!r} tidak ada (perlu: {', '.join(REQUIRED_COLUMNS)}).",
                    f"Column {c!r} is missing (needed: {', '.join(REQUIRED_COLUMNS)}).",
                )
                for c in missing
            ],
        )
    errors: list[dict[str, Any]] = []
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows, start=2):
        if not any(cell.strip() for cell in raw):
            continue

        def cell(column: str, raw: list[str] = raw) -> str:
            index = columns[column]
            return raw[index].strip() if index < len(raw) else ""

        before = len(errors)
        officer_id = cell("id")
        if not _ID.match(officer_id) or officer_id.lower() in RESERVED_IDS:
            errors.append(
                _error(
                    number,
                    "id",
                    "format",
                    "Id petugas wajib diisi: huruf, angka, . _ - @ (tanpa spasi), "
                    "bukan 'public' atau 'system'.",
                    "The officer id is required: letters, digits, . _ - @ (no spaces), "
                    "not 'public' or 'system'.",
                )
            )
        elif officer_id in seen:
            errors.append(
                _error(
                    number,
                    "id",
                    "duplicate",
                    f"Id {officer_id!r} sudah dipakai di baris {seen[officer_id]}.",
                    f"Id {officer_id!r} is already used on row {seen[officer_id]}.",
                )
            )
        else:
            seen[officer_id] = number
        officer_name = " ".join(strip_invisible(cell("name")).split())
        if not officer_name:
            errors.append(
                _error(number, "name", "required", "Nama wajib diisi.", "The name is required.")
            )
        role_text = re.sub(r"[^a-z]+", "-", cell("role").lower()).strip("-")
        role = _ROLE_ALIASES.get(role_text)
        if role is None:
            errors.append(
                _error(
                    number,
                    "role",
                    "choice",
                    "Peran harus tksk, pendamping-pkh, operator atau admin.",
                    "The role must be tksk, pendamping-pkh, operator or admin.",
                )
            )
        areas = _areas(cell("kecamatan"), role, number, errors)
        if role in (Role.TKSK, Role.PENDAMPING_PKH) and not areas and len(errors) == before:
            errors.append(
                _error(
                    number,
                    "kecamatan",
                    "required",
                    "TKSK dan pendamping PKH wajib punya kode kecamatan.",
                    "TKSK and pendamping PKH need kecamatan codes.",
                )
            )
        if len(errors) == before and role is not None:
            entries.append(
                RosterEntry(id=officer_id, name=officer_name, role=role, kecamatan=areas)
            )
    if errors:
        raise RosterError(name, errors)
    return entries


def read_roster(path: str | Path) -> list[RosterEntry]:
    """Read and check a roster CSV file; raise :class:`RosterError` listing every bad row."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return parse_roster(handle, str(path))
    except UnicodeDecodeError as exc:
        raise RosterError(
            str(path),
            [
                _error(
                    1,
                    "-",
                    "encoding",
                    "Berkas harus UTF-8 (simpan sebagai CSV UTF-8).",
                    "The file must be UTF-8 (save as CSV UTF-8).",
                )
            ],
        ) from exc
