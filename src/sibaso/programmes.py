"""The programme catalogue: find a programme by any name it ever had.

:func:`default_catalogue` is built once, on first use, from

1. every plugin's ``register_programmes(register)`` hook (the built-in lineages come from
   ``sibaso.programmes_builtin``; others from the ``sibaso`` entry-point group), then
2. every ``*.toml`` file (sorted by name) in the folders listed in the environment variable
   ``SIBASO_PROGRAMMES_DIR`` (separated by ``os.pathsep``: ``:`` on Linux, ``;`` on Windows).

Whatever the order of the sources, new lineages are registered first, then replacements, then
added eras, so a plugin or file may extend a lineage that another one defines. The TOML format
is described in ``docs/programmes.md`` and in :func:`load_toml`.

>>> resolve("Raskin").current_name
'Program Sembako'
"""

from __future__ import annotations

import datetime
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from sibaso.core.errors import UnknownProgramme, ValidationError
from sibaso.core.lineages import (
    BUILTIN_PROGRAMMES,
    Basis,
    Catalogue,
    Era,
    EraAddition,
    Programme,
    normalise,
)
from sibaso.plugins import get_plugin_manager

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "BUILTIN_PROGRAMMES",
    "PROGRAMMES_DIR_ENV",
    "Basis",
    "Catalogue",
    "Era",
    "EraAddition",
    "Programme",
    "UnknownProgramme",
    "default_catalogue",
    "load_toml",
    "normalise",
    "reset_default_catalogue",
    "resolve",
]

#: Environment variable naming folders of ``*.toml`` programme files for the default catalogue.
PROGRAMMES_DIR_ENV = "SIBASO_PROGRAMMES_DIR"

_lock = threading.RLock()
_default: Catalogue | None = None


@attrs.frozen
class _Pending:
    """An item waiting to be registered, with where it came from (for error messages)."""

    item: Programme | EraAddition
    replace: bool
    source: str

    @property
    def stage(self) -> int:
        """New lineages first, then replacements, then added eras."""
        if isinstance(self.item, EraAddition):
            return 2
        return 1 if self.replace else 0


class _Collector:
    """Stands in for :meth:`Catalogue.register` while the sources are gathered."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[_Pending] = []

    def __call__(self, item: Programme | EraAddition, *, replace: bool = False) -> None:
        if not isinstance(item, (Programme, EraAddition)):
            raise TypeError(f"expected a Programme or an EraAddition, not {item!r}")
        self.items.append(_Pending(item, replace, self.source))


def _apply(catalogue: Catalogue, pending: Iterable[_Pending]) -> None:
    for entry in sorted(pending, key=lambda p: p.stage):  # sorted() is stable
        try:
            catalogue.register(entry.item, replace=entry.replace)
        except ValidationError as exc:
            raise ValidationError(f"{entry.source}: {exc.message}", code=exc.code) from exc
        except UnknownProgramme as exc:
            hint = f" (did you mean: {', '.join(exc.suggestions)}?)" if exc.suggestions else ""
            raise ValidationError(
                f"{entry.source}: no programme {exc.name!r} to extend or replace{hint}.",
                code="unknown-programme",
            ) from exc


def default_catalogue() -> Catalogue:
    """The process-wide catalogue: plugins, then ``SIBASO_PROGRAMMES_DIR`` files. Built once."""
    global _default
    with _lock:
        if _default is None:
            collector = _Collector("plugin hook register_programmes")
            get_plugin_manager().hook.register_programmes(register=collector)
            pending = list(collector.items)
            for path in _env_files():
                pending.extend(_parse_toml(path))
            catalogue = Catalogue()
            _apply(catalogue, pending)
            _default = catalogue
        return _default


def reset_default_catalogue() -> None:
    """Forget the default catalogue; the next use rebuilds it (for tests and plugin changes)."""
    global _default
    with _lock:
        _default = None


def resolve(name: str) -> Programme:
    """The programme of the default catalogue that has or had ``name``.

    Raises :class:`~sibaso.core.errors.UnknownProgramme` (with close matches) otherwise.
    """
    return default_catalogue().resolve(name)


def load_toml(path: str | os.PathLike[str], catalogue: Catalogue | None = None) -> Catalogue:
    """Register the programmes and eras of a TOML file; returns the catalogue.

    ``catalogue`` defaults to :func:`default_catalogue`. The file is checked against a copy
    first, so a bad file changes nothing. A malformed file raises
    :class:`~sibaso.core.errors.ValidationError` naming the file and the key
    (``programme[0].era[1].basis``). The format::

        [[programme]]              # a new lineage
        code = "BLD"
        description = "..."        # optional
        replace = false            # optional: true replaces the lineage with this code
        [[programme.era]]          # one or more, oldest first
        name = "Bantuan Lansia Daerah"
        aliases = ["BLD"]          # optional
        basis = "individual"       # individual | family | household
        start = 2024-01-01         # optional: a date, or a year (start: 1 January)
        end = 2025                 # optional: a date, or a year (end: 31 December)
        note = "..."               # optional

        [[era]]                    # an era added to an existing lineage
        programme = "SEMBAKO"      # its code (or any of its names)
        name = "..."               # and the era keys above; start is required
    """
    target = default_catalogue() if catalogue is None else catalogue
    pending = _parse_toml(Path(path))
    _apply(Catalogue(target), pending)  # a trial run, so that a bad file changes nothing
    _apply(target, pending)
    return target


def _env_files() -> Iterator[Path]:
    for folder in os.environ.get(PROGRAMMES_DIR_ENV, "").split(os.pathsep):
        if not folder.strip():
            continue
        directory = Path(folder)
        if not directory.is_dir():
            raise ValidationError(
                f"{PROGRAMMES_DIR_ENV}: {folder!r} is not a folder.",
                code="invalid-programmes-dir",
            )
        yield from sorted(directory.glob("*.toml"))


_ERA_KEYS = frozenset({"name", "aliases", "basis", "start", "end", "note"})


@attrs.frozen
class _Table:
    """A TOML table with its file and key path, with typed readers that report both."""

    data: dict[str, Any]
    file: Path
    where: str

    def error(self, key: str | None, message: str) -> ValidationError:
        where = ".".join(part for part in (self.where, key) if part)
        prefix = f"{self.file}: {where}: " if where else f"{self.file}: "
        return ValidationError(prefix + message, code="invalid-programme-file")

    def only(self, allowed: Iterable[str]) -> None:
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            raise self.error(unknown[0], f"unknown key (expected one of {sorted(allowed)}).")

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "is required.")
            return ""
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {value!r}.")
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {value!r}.")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"must be a list of strings, not {value!r}.")
        return tuple(value)

    def date(self, key: str, *, end: bool = False) -> datetime.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, int) and not isinstance(value, bool):
                return datetime.date(value, 12, 31) if end else datetime.date(value, 1, 1)
            if isinstance(value, str):
                return datetime.date.fromisoformat(value)
        except ValueError:
            pass
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        raise self.error(key, f"must be a date (2020-01-01) or a year (2020), not {value!r}.")

    def tables(self, key: str, *, required: bool = False) -> list[_Table]:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, f"is required (add a [[{key}]] table).")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(key, f"must be an array of tables ([[{key}]]).")
        prefix = f"{self.where}." if self.where else ""
        return [_Table(v, self.file, f"{prefix}{key}[{i}]") for i, v in enumerate(value)]

    def era(self, *, extra: Iterable[str] = ()) -> Era:
        self.only(_ERA_KEYS | set(extra))
        basis = self.text("basis", required=True)
        if basis not in {b.value for b in Basis}:
            choices = ", ".join(b.value for b in Basis)
            raise self.error("basis", f"must be one of {choices}, not {basis!r}.")
        try:
            return Era(
                self.text("name", required=True),
                aliases=self.texts("aliases"),
                basis=Basis(basis),
                start=self.date("start"),
                end=self.date("end", end=True),
                note=self.text("note"),
            )
        except ValidationError as exc:
            raise self.error(None, exc.message) from exc


def _parse_toml(path: Path) -> list[_Pending]:
    """The items of a programme file, in file order, or a ValidationError naming the key."""
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            f"{path}: not valid TOML: {exc}", code="invalid-programme-file"
        ) from exc
    root = _Table(data, path, "")
    root.only({"programme", "era"})
    items: list[_Pending] = []
    for table in root.tables("programme"):
        table.only({"code", "description", "replace", "era"})
        code = table.text("code", required=True)
        eras = [era_table.era() for era_table in table.tables("era", required=True)]
        try:
            programme = Programme(code, eras, description=table.text("description"))
        except ValidationError as exc:
            raise table.error(None, exc.message) from exc
        items.append(_Pending(programme, table.flag("replace"), f"{path}: {table.where}"))
    for table in root.tables("era"):
        era = table.era(extra={"programme"})
        addition = EraAddition(table.text("programme", required=True), era)
        items.append(_Pending(addition, False, f"{path}: {table.where}"))
    return items
