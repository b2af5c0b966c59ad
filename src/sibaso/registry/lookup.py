"""``registry.lookup``: which programmes reach a NIK — directly, through the family, or through
the household — in the public (masked) or officer view.

The public view shows the current lists only; the officer view also the lists of older
periods (``history``: true, *riwayat*; :mod:`sibaso.core.history` decides which).

The public view of a dead person's NIK (``person.alive`` false) is the answer for a NIK no
programme reaches; the officer view shows the enrolments and ``alive``. This is decided here,
in :func:`find`, and nowhere else.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

import attrs

from sibaso.core import nik as nik_rules
from sibaso.core.address import address_line, region_name
from sibaso.core.history import older_in_answer
from sibaso.core.lineages import Catalogue
from sibaso.core.model import Period
from sibaso.core.privacy import mask_name, mask_nik
from sibaso.core.wilayah import lookup as region
from sibaso.store.base import Store

__all__ = ["VIA_LABELS_ID", "LookupResult", "View", "find"]

View = Literal["public", "officer"]
_VIA_ORDER = {"self": 0, "family": 1, "household": 2}
#: How each path reads to a citizen, in Bahasa Indonesia.
VIA_LABELS_ID = {
    "self": "langsung (atas nama sendiri)",
    "family": "lewat keluarga (KK)",
    "household": "lewat rumah tangga",
}


@attrs.frozen
class LookupResult:
    """The answer for one NIK; ``to_dict()`` is the JSON shape of ``sibaso lookup --json``."""

    nik: str
    view: str
    in_population: bool | None  # None in the public view: not told
    person: dict[str, Any] | None
    enrolments: list[dict[str, Any]]
    valid: bool = True
    warnings: tuple[str, ...] = ()
    #: the family's DTSEN desil per edition (officer view only; never in a public answer)
    desil: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        out = {
            "nik": self.nik,
            "valid": self.valid,
            "in_population": self.in_population,
            "person": self.person,
            "enrolments": self.enrolments,
            "warnings": list(self.warnings),
        }
        if self.desil is not None and self.view == "officer":
            out["desil"] = self.desil
        return out

    @property
    def programmes(self) -> list[str]:
        """Programme codes reaching the person, sorted."""
        return sorted({e["programme"] for e in self.enrolments})


def _period(text: str | None) -> Period | None:
    if not text:
        return None
    try:
        return Period.parse(text)
    except ValueError:
        return None


def find(store: Store, catalogue: Catalogue, value: object, *, view: View) -> LookupResult:
    """Look one NIK up; an invalid NIK raises :class:`sibaso.InvalidNIK`."""
    parsed = value if isinstance(value, nik_rules.NIK) else nik_rules.parse(value, strict=False)
    nik = parsed.value
    officer = view == "officer"
    if officer:
        person, rows = store.reaching(nik)
    else:
        person, rows = store.reaching_masked(nik)
        # A NIK the population data records as dead (``alive`` false, the one rule
        # sibaso.core.vital applied when the data was read) is reached by no programme in the
        # public view: the answer is the same as for any non-recipient. Officers see it all.
        if person is not None and not person["alive"]:
            rows = []
    best: dict[int, tuple[str, tuple[Any, ...]]] = {}
    for row in rows:
        code, enrolment_id, basis = row[0], row[1], row[3]
        via = (
            "self"
            if code == 0
            else ("household" if code == 2 or basis == "household" else "family")
        )
        current = best.get(enrolment_id)
        if current is None or _VIA_ORDER[via] < _VIA_ORDER[current[0]]:
            best[enrolment_id] = (via, row)
    enrolments = [
        _enrolment(catalogue, via, row, view) for via, row in sorted(best.values(), key=_order)
    ]
    # a programme reaching the person through lists of two periods: the older is history
    # for them, even while that list as a whole stays current elsewhere
    older = older_in_answer((e["programme"], e["period"]) for e in enrolments)
    if officer:
        for index in older:
            enrolments[index]["history"] = True
    else:
        enrolments = [e for i, e in enumerate(enrolments) if i not in older]
        enrolments = _once_per_programme(enrolments)
    # The public view says nothing about a NIK that no programme reaches: a resident without
    # bansos and a NIK outside the population data get the same answer, so the lookup cannot
    # tell anyone who lives in the kabupaten. A recipient sees their masked name.
    told = officer or bool(enrolments)
    if not told:
        person = None
    warnings = _region_warnings(nik)
    if told and person is None and enrolments:
        warnings += ("not-in-population",)
    return LookupResult(
        nik=nik if officer else mask_nik(nik),
        view=view,
        in_population=(person is not None) if told else None,
        person=_person(store, person, view) if person else None,
        enrolments=enrolments,
        warnings=warnings,
    )


def _once_per_programme(enrolments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The public view lists a family or household programme once per period, however many
    members of the KK or household are enrolled (the asker's own listing first: the list is
    ordered self, family, household).

    >>> rows = [{"programme": "PKH", "period": "2024", "via": v} for v in ("self", "family")]
    >>> [r["via"] for r in _once_per_programme(rows)]
    ['self']
    """
    seen: set[tuple[Any, Any]] = set()
    kept = []
    for item in enrolments:
        key = (item["programme"], item["period"])
        if item["via"] != "self" and key in seen:
            continue
        seen.add(key)
        kept.append(item)
    return kept


def _order(item: tuple[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    via, row = item
    return (_VIA_ORDER[via], row[2], row[4] or "", row[1])


def _enrolment(catalogue: Catalogue, via: str, row: tuple[Any, ...], view: View) -> dict[str, Any]:
    (
        _key,
        enrolment_id,
        code,
        basis,
        period,
        nik,
        nik_given,
        kk,
        household_id,
        recipient_name,
        status,
        sheet,
        row_number,
        path,
        decree,
        kec_code,
        kec_name,
        desa_name,
        state,
        desa_code,
    ) = row
    programme_name, period_name, former = _programme_names(catalogue, code, period)
    data: dict[str, Any] = {
        "programme": code,
        "name": programme_name,
        "period_name": period_name,
        "former_names": list(former),
        "basis": basis,
        "via": via,
        "period": period or None,
        "status": status,
        "decree": decree,
        # public: only the asker's own listing, masked; who receives a family or household
        # programme is someone else, and the public view reveals nothing about others
        "recipient": (
            {"nik": mask_nik(nik) if nik else None, "name": mask_name(recipient_name)}
            if via == "self"
            else None
        ),
    }
    if view == "officer":
        data["recipient"] = {
            "nik": nik,
            "nik_given": nik_given,
            "kk": kk,
            "name": recipient_name,
            "household_id": household_id,
        }
        data["source"] = {"file": path, "sheet": sheet, "row": row_number}
        data["kecamatan"] = kec_code or kec_name
        data["desa_code"] = desa_code
        data["desa"] = desa_name or region_name(desa_code)
        # the list's own place: the desa and kecamatan (lists carry no street)
        data["address"] = address_line(
            desa_code=desa_code,
            desa_name=desa_name,
            kecamatan_code=kec_code,
            kecamatan_name=kec_name,
        )
        data["id"] = enrolment_id
        # a list of an older period than the programme's newest (sibaso.core.history): the
        # officer sees it as riwayat, with its period; a citizen does not see it at all
        data["history"] = state == "history"
    return data


_REGION_WARNINGS: dict[str, tuple[str, ...]] = {}


def _region_warnings(nik: str) -> tuple[str, ...]:
    """Warning codes of the NIK's region part (cached per kecamatan code)."""
    found = _REGION_WARNINGS.get(nik[:6])
    if found is None:
        found = _REGION_WARNINGS[nik[:6]] = tuple(
            w.code for w in nik_rules.parse(nik, strict=False).warnings
        )
    return found


_NAMES: dict[tuple[int, str, str | None], tuple[str, str, tuple[str, ...]]] = {}


def _programme_names(
    catalogue: Catalogue, code: str, period: str | None
) -> tuple[str, str, tuple[str, ...]]:
    """Current name, name in force for the period, former names (cached per catalogue)."""
    key = (id(catalogue), code, period)
    found = _NAMES.get(key)
    if found is None:
        programme = catalogue.get(code)
        if programme is None:
            found = (code, code, ())
        else:
            per = _period(period)
            era = programme.era_at(per.reference_date if per else datetime.date.today())
            found = (
                programme.current_name,
                era.name if era else programme.current_name,
                tuple(programme.former_names),
            )
        if len(_NAMES) > 10_000:
            _NAMES.clear()
        _NAMES[key] = found
    return found


def _person(store: Store, person: dict[str, Any], view: View) -> dict[str, Any]:
    if view == "public":
        return {"nik": mask_nik(person["nik"]), "name": mask_name(person["name"])}
    kec = person.get("kecamatan_code")
    kec_region = region(kec) if kec else None
    family = store.family_of(person["kk"]) if person.get("kk") else []
    place = {
        "street": person["street"],
        "rt": person["rt"],
        "rw": person["rw"],
        "desa_code": person["desa_code"],
        # a file that gives the desa by code only: its name from the region table
        "desa_name": person["desa_name"] or region_name(person["desa_code"]),
        "kecamatan_code": kec,
        "kecamatan_name": person["kecamatan_name"] or (kec_region.name if kec_region else None),
    }
    return {
        "nik": person["nik"],
        "name": person["name"],
        "sex": person["sex"],
        "birth_place": person["birth_place"],
        "birth_date": person["birth_date"],
        "kk": person["kk"],
        "relationship": person["relationship"],
        "alive": bool(person["alive"]),
        "address": {**place, "text": address_line(**place)},
        "family": [
            {"nik": m["nik"], "name": m["name"], "relationship": m["relationship"]} for m in family
        ],
    }
