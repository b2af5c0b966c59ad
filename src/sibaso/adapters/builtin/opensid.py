"""OpenSID "data penduduk" export (village information system), saved as .xls/.xlsx/HTML."""

from sibaso.__about__ import __version__
from sibaso.adapters.base import Adapter, Kind
from sibaso.adapters.hookspecs import hookimpl

ADAPTER = Adapter(
    name="opensid",
    title="OpenSID data penduduk",
    kind=Kind.POPULATION,
    fields={
        "sex": ("sex",),
        "relationship": ("kk_level", "Hubungan Dalam Keluarga", "SHDK"),
        "birth_place": ("tempatlahir",),
        "birth_date": ("tanggallahir",),
        "kk": ("no_kk",),
        "address": ("Alamat", "dusun"),
    },
    values={
        "relationship": {
            "1": "kepala keluarga",
            "2": "suami",
            "3": "istri",
            "4": "anak",
            "5": "menantu",
            "6": "cucu",
            "7": "orang tua",
            "8": "mertua",
            "9": "famili lain",
            "10": "pembantu",
            "11": "lainnya",
        }
    },
    signature=(
        "Nama Ayah",
        "Nama Ibu",
        "Dusun",
        "Pendidikan dalam KK",
        "Tag ID Card",
        "kk_level",
        "tempatlahir",
        "tanggallahir",
        "Tgl Peristiwa",
        "Tgl Terdaftar",
    ),
    version=__version__,
    plugin=__name__,
    description="OpenSID's Excel/HTML export of residents and its import template.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the OpenSID adapter."""
    register(ADAPTER)
