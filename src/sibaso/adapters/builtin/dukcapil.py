"""Dukcapil SIAK population extract: ``NIK, NO_KK, NAMA_LGKP, JENIS_KLMIN, TMPT_LHR, …``."""

from sibaso.__about__ import __version__
from sibaso.adapters.base import Adapter, Kind
from sibaso.adapters.hookspecs import hookimpl

ADAPTER = Adapter(
    name="dukcapil",
    title="Dukcapil SIAK population extract",
    kind=Kind.POPULATION,
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


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the Dukcapil adapter."""
    register(ADAPTER)
