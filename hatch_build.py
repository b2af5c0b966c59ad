"""Build hook: compile the optional C module ``sibaso._speedups`` when a compiler is there.

sibaso works without it (the same clean-row path runs in Python, see
``src/sibaso/adapters/clean_rows.py``), so a failed compile is a warning, never a failed
install. ``SIBASO_NO_SPEEDUPS=1`` skips it. An editable install (``pip install -e .``) puts
the module beside the sources; a wheel carries it and gets a platform tag.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = "src/sibaso/_speedups.c"


def compile_speedups(root: Path, out_dir: Path) -> Path:
    """Compile ``_speedups.c`` with the compiler Python was built with; the module's path."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    dist = Distribution(
        {"name": "sibaso", "ext_modules": [Extension("sibaso._speedups", [str(root / SOURCE)])]}
    )
    command = build_ext(dist)
    with tempfile.TemporaryDirectory() as temp:
        command.build_lib = str(out_dir)
        command.build_temp = temp
        command.ensure_finalized()
        command.run()
    [built] = (out_dir / "sibaso").glob("_speedups*")
    return built


class SpeedupsBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("SIBASO_NO_SPEEDUPS"):
            return
        root = Path(self.root)
        out_dir = Path(tempfile.mkdtemp(prefix="sibaso-speedups-"))
        try:
            built = compile_speedups(root, out_dir)
        except Exception as exc:  # no compiler, no headers: the Python form does the work
            print(f"sibaso: _speedups not built ({exc}); using the Python path", file=sys.stderr)
            return
        if version == "editable":  # the package is imported from src/: put it there
            target = root / "src" / "sibaso" / built.name
            fresh = target.with_name(target.name + ".new")
            shutil.copyfile(built, fresh)
            os.replace(fresh, target)  # a running process keeps the module it has loaded
            return
        build_data["force_include"][str(built)] = f"sibaso/{built.name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
