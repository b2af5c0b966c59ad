"""Dukcapil SIAK population extract: ``NIK, NO_KK, NAMA_LGKP, JENIS_KLMIN, TMPT_LHR, …``."""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import AUTHORITY, Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="dukcapil",
    title="Dukcapil SIAK population extract",
    kind=Kind.POPULATION,
    authority=AUTHORITY["dukcapil"],
    signature=(
        "NAMA_LGKP",
        "JENIS_KLMIN",
        "TMPT_LHR",
        "TGL_LHR",
        "STAT_HBKEL",
        "NO_PROP",
        "NO_KAB",
        "NO_KEC",
        "NO_KEL",
        "STAT_HIDUP",
    ),
    version=__version__,
    plugin=__name__,
    description="People, their KK and relationship (STAT_HBKEL codes 1-11), region codes "
    "NO_PROP/NO_KAB/NO_KEC/NO_KEL and STAT_HIDUP (1 alive, 2 deceased).",
)


#: A SIAK export as Dukcapil offices hand it out: ``Nomor KK, NIK, Nama Penduduk, Status``
#: (``Status``: HIDUP, or MATI for the dead), often with birth and address columns.
SIAK_EXPORT = Adapter(
    name="siak",
    title="SIAK export (Dukcapil)",
    kind=Kind.POPULATION,
    authority=AUTHORITY["dukcapil"],
    signature=("Nama Penduduk", "Nomor KK", "Status Penduduk", "Status"),
    version=__version__,
    plugin=__name__,
    description="People and their KK from SIAK; Status MATI/MENINGGAL marks the dead.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the Dukcapil adapters."""
    register(ADAPTER)
    register(SIAK_EXPORT)
