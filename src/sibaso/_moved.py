"""Old module paths that still import, for one release, with a :class:`DeprecationWarning`.

Modules moved when ``adapters/`` was split by role (issue 15). Importing an old path gives the
very module at its new path (the same object, so a monkeypatch through either name patches
both) and warns once per process. The finder is consulted last, only for names no file holds.

>>> MOVED["sibaso.adapters.values"]
'sibaso.adapters.records.cells'
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

__all__ = ["MOVED"]

#: old module path -> new module path
MOVED: dict[str, str] = {
    "sibaso.adapters.hookspecs": "sibaso.hookspecs",
    "sibaso.adapters.base": "sibaso.adapters.layouts.adapter",
    "sibaso.adapters.contract": "sibaso.adapters.layouts.contract",
    "sibaso.adapters.declarative": "sibaso.adapters.layouts.declarative",
    "sibaso.adapters.fields": "sibaso.adapters.layouts.fields",
    "sibaso.adapters.headers": "sibaso.adapters.layouts.headers",
    "sibaso.adapters.titles": "sibaso.adapters.layouts.titles",
    "sibaso.adapters.programme_sheet": "sibaso.adapters.layouts.programme_sheet",
    "sibaso.adapters.registry": "sibaso.adapters.layouts.known",
    "sibaso.adapters.values": "sibaso.adapters.records.cells",
    "sibaso.adapters.convert": "sibaso.adapters.records.convert",
    "sibaso.adapters.read": "sibaso.adapters.pipeline.read",
    "sibaso.adapters.bulk": "sibaso.adapters.pipeline.bulk",
    "sibaso.adapters.dtsen": "sibaso.adapters.pipeline.read_dtsen",
    "sibaso.adapters.report": "sibaso.adapters.pipeline.read_report",
    "sibaso.adapters.report_xlsx": "sibaso.adapters.pipeline.read_report_xlsx",
    "sibaso.registry.report_xlsx": "sibaso.registry.links_xlsx",
    "sibaso.core.programmes": "sibaso.core.lineages",
    "sibaso.testing.names": "sibaso.testing.name_pools",
}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old path and loads it as the module at its new path."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = MOVED[spec.name]
        warnings.warn(
            f"{spec.name} moved to {new}; the old path goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        module = importlib.import_module(new)
        spec.loader_state = module.__spec__  # put back by exec_module
        return module

    def exec_module(self, module: ModuleType) -> None:
        spec = module.__spec__
        if spec is not None and spec.loader_state is not None:
            module.__spec__ = spec.loader_state  # the import system set the old name's spec


def install() -> None:
    """Add the finder once, after every other finder."""
    if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
        sys.meta_path.append(_Alias())


install()
