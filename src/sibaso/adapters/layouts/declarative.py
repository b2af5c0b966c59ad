"""Adapters described in TOML, for operators who write no Python.

```toml
[adapter]
name = "sembako-2027"              # how --adapter names it
title = "Bantuan Pangan Sembako 2027"
kind = "enrolment"                 # enrolment | population | household
programme = "SEMBAKO"              # any name the catalogue resolves
basis = "family"                   # optional: individual | family | household
signature = ["NIK_PENGURUS", "NO_KPM"]   # headers that mark this layout

[fields]                           # field = header spellings (added to the generic ones)
nik = ["NIK_PENGURUS"]
name = ["NAMA_PENGURUS"]

[values.sex]                       # raw cell text → value
"1" = "L"
"2" = "P"
```
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.adapters.layouts.fields import FIELDS
from sibaso.core.errors import ValidationError
from sibaso.core.lineages import Basis

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["adapter_from_mapping", "load_adapter_file"]

_KNOWN_FIELDS = set(FIELDS) | {"nik", "kk"}


#: What is wrong with an adapter file, in Bahasa Indonesia and English ({detail} filled in).
_WRONG = {
    "unreadable": ("tidak dapat dibaca ({detail})", "cannot be read ({detail})"),
    "toml": ("bukan TOML yang sah: {detail}", "{detail}"),
    "unknown-table": ("tabel tidak dikenal", "unknown table"),
    "no-adapter": ("tabel [adapter] tidak ada", "the [adapter] table is missing"),
    "unknown-key": ("kunci tidak dikenal", "unknown key"),
    "name": ("wajib berisi teks yang tidak kosong", "a non-empty text is required"),
    "kind": (
        "pakai enrolment, population atau household",
        "use enrolment, population or household",
    ),
    "basis": ("pakai individual, family atau household", "use individual, family or household"),
    "programme": ("program tidak dikenal: {detail}", "{detail}"),
    "programme-missing": (
        "adaptor daftar program wajib menyebut programnya",
        "an enrolment adapter names its programme",
    ),
    "signature": ("wajib berupa daftar teks judul kolom", "a list of header texts is required"),
    "unknown-field": (
        "kolom tidak dikenal; yang dikenal: {detail}",
        "unknown field; known: {detail}",
    ),
    "aliases": (
        "wajib berupa teks judul kolom atau daftarnya",
        "a header text or a list of them is required",
    ),
    "values": (
        "wajib berupa tabel nilai mentah = arti",
        "a table of raw value = meaning is required",
    ),
}


def _fail(path: object, where: str, wrong: str, detail: str = "") -> ValidationError:
    """The refusal of an adapter file, naming the file and the key, in both languages.

    >>> exc = _fail("pkh.toml", "adapter.kind", "kind")
    >>> exc.localized("id")
    'pkh.toml: adapter.kind: pakai enrolment, population atau household'
    >>> str(exc)
    'pkh.toml: adapter.kind: use enrolment, population or household'
    """
    in_id, in_en = (text.format(detail=detail) for text in _WRONG[wrong])
    return ValidationError(
        f"{path}: {where}: {in_en}",
        message_id=f"{path}: {where}: {in_id}",
        code="invalid-adapter-file",
    )


def load_adapter_file(path: str | Path) -> Adapter:
    """Read one TOML adapter description; a malformed file raises naming the key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, "file", "unreadable", str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, "toml", "toml", str(exc)) from exc
    return adapter_from_mapping(data, source=str(path))


def adapter_from_mapping(data: dict[str, Any], *, source: str = "<toml>") -> Adapter:
    """Build an :class:`Adapter` from the parsed TOML mapping."""
    unknown = set(data) - {"adapter", "fields", "values"}
    if unknown:
        raise _fail(source, ", ".join(sorted(unknown)), "unknown-table")
    head = data.get("adapter")
    if not isinstance(head, dict):
        raise _fail(source, "adapter", "no-adapter")
    allowed = {"name", "title", "kind", "programme", "basis", "signature", "description"}
    for key in set(head) - allowed:
        raise _fail(source, f"adapter.{key}", "unknown-key")
    name = head.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, "adapter.name", "name")
    try:
        kind = Kind(head.get("kind", "enrolment"))
        if kind in (Kind.DTSEN_FAMILY, Kind.DTSEN_MEMBER):  # read by pipeline.read_dtsen
            raise ValueError(kind)
    except ValueError:
        raise _fail(source, "adapter.kind", "kind") from None
    basis = None
    if head.get("basis") is not None:
        try:
            basis = Basis(head["basis"])
        except ValueError:
            raise _fail(source, "adapter.basis", "basis") from None
    programme = head.get("programme")
    if programme is not None:
        from sibaso.programmes import resolve

        try:
            programme = resolve(str(programme)).code
        except LookupError as exc:
            raise _fail(source, "adapter.programme", "programme", str(exc)) from None
    elif kind is Kind.ENROLMENT:
        raise _fail(source, "adapter.programme", "programme-missing")
    signature = head.get("signature", [])
    if not isinstance(signature, list) or not all(isinstance(s, str) for s in signature):
        raise _fail(source, "adapter.signature", "signature")
    fields: dict[str, tuple[str, ...]] = {}
    for field, aliases in (data.get("fields") or {}).items():
        if field not in _KNOWN_FIELDS:
            raise _fail(
                source,
                f"fields.{field}",
                "unknown-field",
                ", ".join(sorted(_KNOWN_FIELDS)),
            )
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise _fail(source, f"fields.{field}", "aliases")
        fields[field] = tuple(aliases)
    values: dict[str, dict[str, str]] = {}
    for field, mapping in (data.get("values") or {}).items():
        if field not in _KNOWN_FIELDS or not isinstance(mapping, dict):
            raise _fail(source, f"values.{field}", "values")
        values[field] = {str(k): str(v) for k, v in mapping.items()}
    return Adapter(
        name=name.strip(),
        title=str(head.get("title", name)),
        kind=kind,
        programme=programme,
        basis=basis,
        fields=fields,
        signature=tuple(signature),
        values=values,
        plugin=f"toml:{Path(source).name}",
        version="",
        description=str(head.get("description", "")),
    )
