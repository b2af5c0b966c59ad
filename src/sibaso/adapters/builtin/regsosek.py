"""DTKS / Regsosek 2022 form K (BPS questionnaire, as OpenSID imports it).

Five sheets follow the questionnaire's blocks: I place, II enumerators, III housing, IV the
members (``401`` line number, ``402 Nama``, ``403 NIK``, ``405`` sex, ``406`` birth date,
``409`` relationship to the head), V programmes and assets (``501a`` Sembako/BPNT, ``501b``
PKH, ``501c`` BLT Dana Desa …). Section rows (``IV. KETERANGAN SOSIAL EKONOMI …``,
``A. KETERANGAN DEMOGRAFI``) stand above the question-coded header. Every sheet is keyed by
``no kartu keluarga``, written once per family on sheet IV; the family is the household.
Sheets without members (I–III, V) are family-level and are listed as such.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.builtin.bdt import BDT_RELATIONSHIP
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="regsosek",
    title="DTKS / Regsosek 2022 form K",
    kind=Kind.HOUSEHOLD,
    family_as_household=True,
    fill_down=("kk",),
    fields={"sex": ("405",), "birth_date": ("406",), "relationship": ("409",)},
    values={"relationship": BDT_RELATIONSHIP},
    signature=(
        "no urut bangunan tempat tinggal",
        "no urut keluarga",
        "kode sls/ non sls",
        "403 NIK",
        "402 Nama",
        "nama ppl",
        "nama pml",
        "501a",
        "301a",
    ),
    version=__version__,
    plugin=__name__,
    description="Members by family (no kartu keluarga) with question-coded columns.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the Regsosek form K adapter."""
    register(ADAPTER)
