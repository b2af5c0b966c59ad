"""RS-RTLH (Rutilahu, bedah rumah) proposal lists: ``nama_CPCL, nomorNIK, nomorKK, …``.

CPCL = calon penerima calon lokasi (proposed recipient and site). Household-based: the house.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="rs-rtlh",
    title="RS-RTLH proposal list (CPCL)",
    kind=Kind.ENROLMENT,
    programme="RS-RTLH",
    fields={"name": ("nama_CPCL", "NAMA CALON PENERIMA"), "nik": ("nomorNIK",), "kk": ("nomorKK",)},
    signature=(
        "nama_CPCL",
        "nomorNIK",
        "nomorKK",
        "CPCL",
        "KONDISI RUMAH",
        "STATUS LAHAN",
        "STATUS KEPEMILIKAN RUMAH",
        "LUAS RUMAH",
    ),
    version=__version__,
    plugin=__name__,
    description="Household-based house repair proposals.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the RS-RTLH adapter."""
    register(ADAPTER)
