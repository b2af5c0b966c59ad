"""sibaso: integrate Indonesian social-assistance (bansos) data by NIK and No. KK.

>>> import sibaso
>>> sibaso.NIK.parse("1205014107850001").sex
<Sex.FEMALE: 'P'>
>>> sibaso.nik.is_valid("1205014107850001")
True
"""

from sibaso import kk, nik, programmes
from sibaso.__about__ import __version__
from sibaso._moved import install as _install_moved_paths
from sibaso.adapters.pipeline.read import ReadResult, iter_read, read
from sibaso.app import open_registry as open
from sibaso.core.errors import (
    InvalidKK,
    InvalidNIK,
    SibasoError,
    SourceError,
    UnknownProgramme,
    ValidationError,
    ValidationWarning,
)
from sibaso.core.kk import KK
from sibaso.core.model import (
    Address,
    Complaint,
    Decree,
    Family,
    Household,
    HouseholdMember,
    Period,
    Person,
    ProgrammeEnrolment,
    Provenance,
    Relationship,
    make_converter,
    structure,
)
from sibaso.core.nik import NIK, RegionNames, Sex
from sibaso.registry import Registry

_install_moved_paths()  # old module paths import, deprecated, for one release

__all__ = [
    "KK",
    "NIK",
    "Address",
    "Complaint",
    "Decree",
    "Family",
    "Household",
    "HouseholdMember",
    "InvalidKK",
    "InvalidNIK",
    "Period",
    "Person",
    "ProgrammeEnrolment",
    "Provenance",
    "ReadResult",
    "RegionNames",
    "Registry",
    "Relationship",
    "Sex",
    "SibasoError",
    "SourceError",
    "UnknownProgramme",
    "ValidationError",
    "ValidationWarning",
    "__version__",
    "iter_read",
    "kk",
    "make_converter",
    "nik",
    "open",
    "programmes",
    "read",
    "structure",
]
