"""A programme list of any other layout, read by the generic header aliases.

Used when ``--programme`` is given and no adapter recognises the file; the basis comes from the
programme's era.
"""

from sibaso.__about__ import __version__
from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.hookspecs import hookimpl

ADAPTER = Adapter(
    name="generic",
    title="Any programme list (generic header aliases)",
    kind=Kind.ENROLMENT,
    version=__version__,
    plugin=__name__,
    description="NIK, No. KK, name, region by common header spellings; needs --programme.",
)


@hookimpl
def register_adapters(register):  # type: ignore[no-untyped-def]
    """Register the generic adapter."""
    register(ADAPTER)
