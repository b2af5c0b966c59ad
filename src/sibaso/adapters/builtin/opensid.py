"""OpenSID and OpenDK (village and kecamatan information systems): their population
exports and import templates, programme participants, household membership and the Buku
Induk Penduduk.

The layouts are described by their columns, not by file names: OpenSID's import files come
in many versions (``contoh_penduduk.xls`` 2019 with upper-case headers and mixed codes, the
lower-case ``.xlsx`` of 2024, OpenDK's ``nomor_nik``/``nomor_kk``), and every district edits
them.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.builtin.bdt import BDT_RELATIONSHIP
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="opensid",
    title="OpenSID data penduduk",
    kind=Kind.POPULATION,
    fields={
        "sex": ("sex",),
        "birth_place": ("tempatlahir",),
        "birth_date": ("tanggallahir",),
        "kk": ("no_kk", "nomor_kk"),
        "nik": ("nomor_nik",),
        "relationship": ("kk_level", "Hubungan Dalam Keluarga", "SHDK", "hubungan_keluarga"),
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
        "status_dasar",
        "nomor_nik",
        "pendidikan_kk_id",
        "pendidikan_dlm_kk",
        "warganegara_id",
        "golongan_darah_id",
        "Status Perkawinan",
        "status_kawin",
    ),
    version=__version__,
    plugin=__name__,
    description="OpenSID's Excel/HTML export of residents and its import template.",
)


#: OpenSID's programme and supplement imports: a ``Peserta`` column whose meaning the
#: ``Program`` sheet's sasaran gives (1 NIK, 2 No. KK, 3 household number), or a NIK list
#: under ``Peserta`` (``format_impor_suplemen``). The programme comes from the ``Program``
#: sheet (``Nama Program``) or ``--programme``.
PARTICIPANTS = Adapter(
    name="opensid-peserta",
    title="OpenSID peserta program bantuan / suplemen",
    kind=Kind.ENROLMENT,
    signature=("Peserta", "No. Peserta", "No Peserta"),
    version=__version__,
    plugin=__name__,
    description="Participants of one programme (sheet Peserta), the programme named on "
    "sheet Program (Nama Program, Sasaran Program, Rentang Waktu) or by --programme.",
)

#: OpenSID's household (rumah tangga) membership import, ``FormatImporRTM``.
HOUSEHOLDS = Adapter(
    name="opensid-rtm",
    title="OpenSID rumah tangga (RTM)",
    kind=Kind.HOUSEHOLD,
    fields={"household_id": ("NOMOR RUMAH TANGGA", "NO RUMAH TANGGA", "NO RTM")},
    values={"relationship": {"1": "kepala keluarga", "2": "lainnya"}},
    signature=("NOMOR RUMAH TANGGA", "STATUS HUBUNGAN DALAM RUMAH TANGGA", "NO RTM"),
    version=__version__,
    plugin=__name__,
    description="Which NIK belongs to which rumah tangga (1 head, 2 member).",
)

#: The Buku Induk Penduduk (2012 format) as OpenSID imports it: per family a label row
#: ``NO.KK | NAMA.KK | ALAMAT``, the family's values, the member header, then its members.
BIP = Adapter(
    name="bip",
    title="Buku Induk Penduduk (BIP 2012)",
    kind=Kind.POPULATION,
    family_blocks=True,
    fields={"relationship": ("HUB. KEL", "HUB KEL"), "birth_place": ("TMPT LHR",)},
    signature=("KTPEL", "NO.AKTE LAHIR", "NO AKTE LAHIR", "HUB. KEL", "TMPT LHR", "TGL LHR"),
    version=__version__,
    plugin=__name__,
    description="Family blocks: the No. KK of each block's row is every member's.",
)

#: BDT 2015 as OpenSID imports it (``contoh-data-bdt2015``): one row per member, the
#: household's columns (``ID rumah tangga (2)``, ``Nama KRT (13)``) repeated on each, a
#: ``KOLOM 2 3 4 …`` row under the header; the member's own name is ``Nama ART``.
BDT2015 = Adapter(
    name="bdt2015",
    title="BDT 2015 (OpenSID import)",
    kind=Kind.HOUSEHOLD,
    fields={
        "household_id": ("ID rumah tangga",),
        "member_id": ("Nomor urut ART",),
        "relationship": ("HubKRT",),
        "sex": ("jenis kelamin",),
    },
    values={"relationship": BDT_RELATIONSHIP},
    signature=("ruta_6", "ID rumah tangga", "Nama KRT", "Nama ART", "HubKRT", "Jumlah ART"),
    version=__version__,
    plugin=__name__,
    description="Household roster: ID rumah tangga, Nama ART (member), NIK, HubKRT codes.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the OpenSID and OpenDK adapters."""
    for adapter in (ADAPTER, PARTICIPANTS, HOUSEHOLDS, BIP, BDT2015):
        register(adapter)
