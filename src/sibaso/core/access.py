"""Who acts and where: :class:`Role`, :class:`Actor` and the officer access rule
(:meth:`Actor.covers`).

Every service call names its acting user. Citizens are :meth:`Actor.public`; staff come from
the roster (``registry.complaints.actor("tksk-stabat-1")``). TKSK and pendamping PKH serve
their kecamatan; operators and admins serve kabupaten codes, or everywhere when they have
no area at all.

>>> tksk = Actor(id="tksk-stabat-1", role=Role.TKSK, kecamatan=("12.05.07",))
>>> tksk.covers("12.05.07"), tksk.covers("12.05.08"), tksk.covers(None)
(True, False, False)
>>> operator = Actor(id="op-langkat", role=Role.OPERATOR, kecamatan=("12.05",))
>>> operator.covers("12.05.08"), operator.covers("12.050.1"), operator.covers("12.06.01")
(True, False, False)
>>> Actor.system().covers("33.74.01"), Actor.public().covers("12.05.07")
(True, False)
>>> tksk.kind, operator.sees_sanggah_reporter, tksk.sees_sanggah_reporter
('officer', True, False)
"""

from __future__ import annotations

from enum import Enum

import attrs

__all__ = ["Actor", "Role"]


class Role(str, Enum):
    """Roles of the services (the roster's ``role`` column, plus ``public``)."""

    PUBLIC = "public"
    TKSK = "tksk"
    PENDAMPING_PKH = "pendamping-pkh"
    OPERATOR = "operator"
    ADMIN = "admin"

    @property
    def kind(self) -> str:
        """``public``, ``officer`` (TKSK or pendamping PKH), ``operator`` or ``admin``."""
        if self in (Role.TKSK, Role.PENDAMPING_PKH):
            return "officer"
        return str(self.value)


@attrs.frozen(kw_only=True)
class Actor:
    """The acting user, passed to every service method.

    ``kecamatan`` holds the areas the actor serves: kecamatan codes (``12.05.07``) for TKSK and
    pendamping PKH; for operators and admins either kabupaten codes (``12.05``) or nothing,
    which means every complaint in the database. Staff actors come from the roster
    (``registry.complaints.actor("tksk-stabat-1")``); citizens are :meth:`public`.
    """

    id: str
    role: Role
    kecamatan: tuple[str, ...] = ()
    name: str | None = None

    @classmethod
    def public(cls, id: str = "public") -> Actor:
        """A citizen (web portal, bot): may file and check their own ticket."""
        return cls(id=id, role=Role.PUBLIC)

    @classmethod
    def system(cls, id: str = "system") -> Actor:
        """The database owner (command line on the server): an admin without a roster row."""
        return cls(id=id, role=Role.ADMIN)

    @property
    def kind(self) -> str:
        """``public``, ``officer``, ``operator`` or ``admin``."""
        return self.role.kind

    @property
    def is_staff(self) -> bool:
        """Officers, operators and admins."""
        return self.role is not Role.PUBLIC

    @property
    def sees_sanggah_reporter(self) -> bool:
        """Only operators and admins see who objected (sanggah); officers see it masked."""
        return self.role in (Role.OPERATOR, Role.ADMIN)

    @property
    def everywhere(self) -> bool:
        """An operator or admin without areas: every complaint in the database."""
        return self.role in (Role.OPERATOR, Role.ADMIN) and not self.kecamatan

    def covers(self, kecamatan_code: str | None) -> bool:
        """May this actor see and act on a complaint (or a person) of this kecamatan?

        The store's complaint lists apply the same rule in SQL
        (:meth:`sibaso.store.complaints.ComplaintRepo.select`); a property test holds the two
        equal.
        """
        if not self.is_staff:
            return False
        if self.everywhere:
            return True
        if not kecamatan_code:
            return False
        return any(
            kecamatan_code == area or kecamatan_code.startswith(area + ".")
            for area in self.kecamatan
        )
