"""Program Sembako / BPNT distribution lists from e-warong: ``NAMA_KPM, NIK_KPM, NOKK,
NAMA_EWARONG, NOMINAL, STATUS_TRANSAKSI, KEC, DESA``.

The e-warong columns mark a Sembako list by themselves; they stay in the details.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="ewarong",
    title="Program Sembako / BPNT e-warong list",
    kind=Kind.ENROLMENT,
    programme="SEMBAKO",
    signature=(
        "NAMA_EWARONG",
        "NAMA_E_WARONG",
        "EWARONG",
        "E_WARONG",
        "KODE_EWARONG",
        "STATUS_TRANSAKSI",
        "TANGGAL_TRANSAKSI",
    ),
    version=__version__,
    plugin=__name__,
    description="Family-based; e-warong name, amount and transaction status in the details.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the e-warong adapter."""
    register(ADAPTER)
