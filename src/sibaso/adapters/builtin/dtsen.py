"""DTSEN family and member files (v3 pipe CSV, v2 workbooks): read by
:mod:`sibaso.adapters.pipeline.read_dtsen`.

Registered as adapters so that ``sibaso adapters`` lists them, ``--adapter dtsen-keluarga``
names them, and detection picks them over the OpenSID population layout (the member file has
``nama``, ``tanggal_lahir`` and ``jenis_kelamin`` too) and over the older DTKS export.
"""

import attrs

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.adapters.pipeline.read_dtsen import FAMILY_COLUMNS, MEMBER_COLUMNS, dtsen_kind
from sibaso.hookspecs import hookimpl


@attrs.frozen(kw_only=True)
class DtsenAdapter(Adapter):
    """Chosen only when the headers are a DTSEN file's of its kind (three of its marks), so a
    DTKS export with a ``DESIL_NASIONAL`` column stays the ``dtks`` adapter's."""

    def score(self, headers: list[str]) -> int:
        """100 for the DTSEN file of this kind, else 0."""
        kind = dtsen_kind(headers)
        wanted = "family" if self.kind is Kind.DTSEN_FAMILY else "member"
        return 100 if kind == wanted else 0


FAMILY = DtsenAdapter(
    name="dtsen-keluarga",
    title="DTSEN keluarga (desil per KK)",
    kind=Kind.DTSEN_FAMILY,
    signature=FAMILY_COLUMNS[:17],
    formats=("csv", "xlsx"),
    version=__version__,
    plugin=__name__,
    description="DTSEN family file: KK, BPS region, desil nasional/provinsi/kabupaten, PBI.",
)
MEMBER = DtsenAdapter(
    name="dtsen-anggota",
    title="DTSEN anggota keluarga",
    kind=Kind.DTSEN_MEMBER,
    signature=MEMBER_COLUMNS[:9],
    formats=("csv", "xlsx"),
    version=__version__,
    plugin=__name__,
    description="DTSEN member file: NIK on a DTSEN family (KK); below Dukcapil for person data.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the DTSEN family and member adapters."""
    register(FAMILY)
    register(MEMBER)
