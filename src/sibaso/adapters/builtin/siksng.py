"""SIKS-NG recipient lists (PKH, BPNT / Program Sembako), pipe-delimited ``.csv`` or workbooks.

``NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|KEL_NAME|ALAMAT|
status|kode_batch_penyaluran``. The programme of each row is its ``BANSOS`` value, resolved
through the catalogue (``PKH``, ``BPNT``, ``SEMBAKO``, …); ``--programme`` fills it when absent.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="siks-ng",
    title="SIKS-NG recipient list (PKH, BPNT/Sembako)",
    kind=Kind.ENROLMENT,
    signature=(
        "PENYALURAN_OLEH",
        "BANSOS",
        "KODE_BATCH_PENYALURAN",
        "PROP_NAME",
        "KAB_NAME",
        "KEC_NAME",
        "KEL_NAME",
    ),
    version=__version__,
    plugin=__name__,
    description="Recipient (pengurus) NIK and KK; programme per row from BANSOS.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the SIKS-NG adapter."""
    register(ADAPTER)
