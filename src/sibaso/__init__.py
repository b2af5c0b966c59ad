"""sibaso: integrate Indonesian social-assistance (bansos) data by NIK and No. KK.

>>> import sibaso
>>> sibaso.NIK.parse("1205014107850001").sex
<Sex.FEMALE: 'P'>
>>> sibaso.nik.is_valid("1205014107850001")
True
"""

from sibaso import kk, nik
from sibaso.__about__ import __version__
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
    Period,
    Person,
    ProgrammeEnrolment,
    Provenance,
    Relationship,
    make_converter,
)
from sibaso.core.nik import NIK, RegionNames, Sex

__all__ = [
    "KK",
    "NIK",
    "Address",
    "Complaint",
    "Decree",
    "Family",
    "Household",
    "InvalidKK",
    "InvalidNIK",
    "Period",
    "Person",
    "ProgrammeEnrolment",
    "Provenance",
    "RegionNames",
    "Relationship",
    "Sex",
    "SibasoError",
    "SourceError",
    "UnknownProgramme",
    "ValidationError",
    "ValidationWarning",
    "__version__",
    "kk",
    "make_converter",
    "nik",
]
