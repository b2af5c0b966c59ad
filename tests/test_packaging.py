"""``python -m build`` makes a wheel that carries the package data and installs on its own."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    [built] = out.glob("sibaso-*.whl")
    return built


def test_wheel_carries_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "sibaso/py.typed",
        "sibaso/core/data/wilayah.csv",
        "sibaso/core/data/wilayah_desa.csv",
        "sibaso/core/data/NOTICE.md",
    ):
        assert needed in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Provides-Extra: postgres" in text and "Provides-Extra: serve" in text


def test_wheel_works_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = (
        "import sibaso, sibaso.core.wilayah as w; "
        "print(sibaso.__file__); print(w.lookup('12.05.07').name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(target), "PATH": ""},
    )
    first, second = out.stdout.split("\n")[:2]
    assert str(target) in first
    assert second == "Stabat"
