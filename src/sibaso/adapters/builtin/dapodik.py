"""KIP / PIP from Dapodik "Daftar Peserta Didik" (title rows, two-row headers).

Every pupil of a school is listed; a row is a KIP enrolment when ``Penerima KIP`` is Ya or a
``Nomor KIP`` is given. Other pupils are listed in the report as ``not-recipient`` (info).
The child's own ``NIK`` is read; ``Data Ayah / NIK`` and the like stay in the details.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind, RowFields, SkipRow
from sibaso.hookspecs import hookimpl


class DapodikAdapter(Adapter):
    """Keeps KIP recipients; lists other pupils as not recipients."""

    def adjust(self, fields: RowFields) -> RowFields:
        """Skip pupils who are not KIP recipients."""
        if fields.get("kip_flag") is False and not fields.get("kip_number"):
            raise SkipRow("not-recipient", programme="KIP", column="Penerima KIP")
        return fields


ADAPTER = DapodikAdapter(
    name="dapodik-kip",
    title="Dapodik Daftar Peserta Didik (KIP/PIP)",
    kind=Kind.ENROLMENT,
    programme="KIP",
    fields={"name": ("Nama Peserta Didik",), "sex": ("JK",)},
    signature=(
        "NIPD",
        "NISN",
        "Penerima KIP",
        "Nomor KIP",
        "Rombel Saat Ini",
        "Layak PIP",
        "Nama di KIP",
        "No Peserta Ujian Nasional",
    ),
    version=__version__,
    plugin=__name__,
    description="Pupils with Penerima KIP = Ya; NISN kept as 10-digit text.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the Dapodik adapter."""
    register(ADAPTER)
