"""KKS (Kartu Keluarga Sejahtera) lists. The ministry's layout varies; read by aliases.

Expected: a KKS card number (``NO_KKS``/``NOMOR KKS``), the holder's NIK and name, the family's
No. KK, and region names. Family-based.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="kks",
    title="KKS card holder list",
    kind=Kind.ENROLMENT,
    programme="KKS",
    fields={"card_number": ("NO KKS", "NOMOR KKS", "NOMOR KARTU KKS", "NO KARTU KKS")},
    signature=("NO_KKS", "NOMOR_KKS", "NOMOR_KARTU_KKS", "NO_KARTU_KKS", "NAMA_PEMEGANG_KKS"),
    version=__version__,
    plugin=__name__,
    description="Family-based; card number kept as text.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the KKS adapter."""
    register(ADAPTER)
