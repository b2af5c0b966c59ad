"""KIS / PBI-JK lists: ``NAMA_PENERIMA, NOMOR_KARTU, NIK_KTP, NOKK_DTKS, IDARTBDT, NMPROP, …``.

``NOMOR_KARTU`` is the 13-digit BPJS card number; leading zeros lost to Excel are restored with
a warning. BPJS's own exports spell it ``NOKA`` and the name ``NMPST``; ``PISAT`` (the
member's place in the BPJS family: 1 peserta, 2 suami/istri, 3 anak) stays in the details.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="pbi-jk",
    title="KIS / PBI-JK participant list",
    kind=Kind.ENROLMENT,
    programme="KIS",
    fields={"card_number": ("NOKA", "NO KA"), "name": ("NMPST", "NAMA PST")},
    signature=(
        "NOKA",
        "NMPST",
        "PISAT",
        "NOMOR_KARTU",
        "NIK_KTP",
        "NOKK_DTKS",
        "NMPROP",
        "NMKAB",
        "NMKEC",
        "NMKEL",
        "KET_TAMBAHAN",
        "NO_KARTU_JKN",
    ),
    version=__version__,
    plugin=__name__,
    description="Individual-based; card number kept as 13-digit text.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the PBI-JK adapter."""
    register(ADAPTER)
