"""Legacy BDT/PBDT household member files: ``IDBDT, IDARTBDT, Nama, JnsKel, Hub_KRT, NIK, NoKK``.

``Hub_KRT`` uses the BDT codes (relationship to the head of the *household*), not SIAK's:
1 kepala rumah tangga, 2 istri/suami, 3 anak, 4 menantu, 5 cucu, 6 orang tua/mertua,
7 pembantu, 8 lainnya.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

#: The welfare register's codes for the relationship to the head of the household.
BDT_RELATIONSHIP = {
    "1": "kepala keluarga",
    "2": "istri",
    "3": "anak",
    "4": "menantu",
    "5": "cucu",
    "6": "orang tua",
    "7": "pembantu",
    "8": "lainnya",
}

ADAPTER = Adapter(
    name="bdt",
    title="BDT/PBDT household roster",
    kind=Kind.HOUSEHOLD,
    fields={
        "relationship": ("Hub_KRT", "HubKRT"),
        "sex": ("JnsKel",),
        "birth_place": ("TmpLahir",),
        "birth_date": ("TglLahir",),
    },
    values={"relationship": BDT_RELATIONSHIP},
    signature=("IDBDT", "IDARTBDT", "Hub_KRT", "JnsKel", "TmpLahir", "TglLahir"),
    version=__version__,
    plugin=__name__,
    description="Which people and KK share a rumah tangga (household id IDBDT).",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the BDT adapter."""
    register(ADAPTER)
