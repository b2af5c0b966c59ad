"""DTKS (SIKS-NG) and DTSEN welfare-register exports: people by family and household, decile.

The exact columns vary by export; the adapter reads them by header aliases. The household id
is taken from ``ID RUMAH TANGGA``/``IDBDT``, else the DTSEN family id (``ID_KELUARGA``), else
the No. KK (the family is DTKS's unit: app templates with ``periode, id_dtks, kk, nik``).
Numeric relationship codes follow the welfare register's (BDT) table, not SIAK's: 1 kepala,
2 istri/suami, 3 anak, 4 menantu, 5 cucu, 6 orang tua/mertua, 7 pembantu, 8 lainnya; a
relationship written in words is read as such.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.builtin.bdt import BDT_RELATIONSHIP
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="dtks",
    title="DTKS / DTSEN export",
    kind=Kind.HOUSEHOLD,
    family_as_household=True,
    values={"relationship": BDT_RELATIONSHIP},
    fields={
        "period": ("PERIODE",),
        "relationship": ("HUBUNGAN_KK", "HUB_KK", "HUBUNGAN_KRT", "HUB_KRT"),
        "household_id": ("ID_KELUARGA", "ID KELUARGA", "IDKELUARGA", "ID_RUTA"),
        "member_id": ("ID_DTKS", "IDDTKS", "ID_INDIVIDU", "ID INDIVIDU"),
    },
    signature=(
        "DESIL",
        "DESIL_NASIONAL",
        "ID_DTKS",
        "IDDTKS",
        "STATUS_DTKS",
        "ID_KELUARGA",
        "ID_INDIVIDU",
        "PERINGKAT_KESEJAHTERAAN",
    ),
    version=__version__,
    plugin=__name__,
    description="Welfare register rows: household/family id, NIK, KK, decile (desil 1-10).",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the DTKS/DTSEN adapter."""
    register(ADAPTER)
