"""Region table: Langkat's 23 kecamatan, retired Papua codes, lazy loading time."""

import subprocess
import sys

from sibaso.core import wilayah


def test_langkat_has_23_kecamatan_in_order():
    names = [r.name for r in wilayah.kecamatan_of("12.05")]
    assert len(names) == 23
    assert names[0] == "Bahorok"
    assert names[-1] == "Pematang Jaya"
    assert wilayah.lookup("12.05.04").former_names == ("Sei Bingei",)


def test_retired_codes_and_successors():
    beraur = wilayah.lookup("92.01.04")
    assert beraur.retired
    assert beraur.successor == "96.01.02"
    assert wilayah.lookup("96.01.02").retired is False
    assert wilayah.lookup("91.01").successor == "93.01"


def test_desa_loaded_on_demand():
    assert wilayah.lookup("12.05.01.2002").name == "Lau Damak"
    assert wilayah.lookup("12.05.01.9999") is None


def test_counts_match_the_source():
    current = [r for r in wilayah.regions(level=wilayah.Level.DISTRICT) if not r.retired]
    assert len(current) == 7285
    assert len(wilayah.province_codes()) == 38


def test_first_use_loads_quickly_and_once():
    code = (
        "import time; t=time.perf_counter(); from sibaso.core import wilayah; "
        "wilayah.lookup('12'); a=time.perf_counter()-t; t=time.perf_counter(); "
        "wilayah.lookup('13'); b=time.perf_counter()-t; print(a, b)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = map(float, out.stdout.split())
    assert second < first / 10  # loaded once
