"""The targeting audit: active enrolments and DTSEN families against the eligibility rules.

For each active enrolment of a programme with a rule in force for its period:

* ``deceased`` — the enrolled person is dead in the population data;
* ``not-in-dtsen`` — the recipient's family (the KK in the list, else the person's KK in the
  population data, else in DTSEN's member file) is not in the DTSEN edition;
* ``above-threshold`` — the family's desil on the rule's scale is above ``max_desil``;

and for each DTSEN family at or under a programme's ``max_desil`` that the programme does not
reach (through the recipient's family, or a household a household programme reaches):
``eligible-not-enrolled``. Programmes without an active list are not audited (they are listed
in ``skipped``): every poor family would otherwise be "not enrolled" in a programme the office
has no list of. Desil is officer-only: findings are never part of a public answer.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from sibaso.core.access import Actor
from sibaso.core.address import address_line
from sibaso.core.dtsen import Edition
from sibaso.core.eligibility import RuleSet, default_rules, parse_rules
from sibaso.core.errors import ValidationError
from sibaso.core.labels import label
from sibaso.core.model import Period
from sibaso.core.progress import set_total
from sibaso.store.base import Store
from sibaso.store.dtsen import DtsenRepository

__all__ = [
    "FINDINGS",
    "FINDING_LABELS",
    "RULES_ENV",
    "AuditResult",
    "Finding",
    "explain_exits",
    "load_rules",
    "receives_nothing",
    "run_audit",
]

RULES_ENV = "SIBASO_RULES"

#: finding code → (Bahasa Indonesia, English) reason shown to officers
FINDINGS: dict[str, tuple[str, str]] = {
    "above-threshold": (
        "Terdaftar, tetapi desil keluarga di atas batas program",
        "Enrolled, but the family's desil is above the programme's threshold",
    ),
    "deceased": (
        "Penerima sudah meninggal menurut data kependudukan",
        "The recipient is dead in the population data",
    ),
    "not-in-dtsen": (
        "Keluarga penerima tidak ada di DTSEN",
        "The recipient's family is not in DTSEN",
    ),
    "eligible-not-enrolled": (
        "Keluarga DTSEN di bawah batas desil, tetapi tidak menerima program ini",
        "A DTSEN family within the threshold that the programme does not reach",
    ),
}


#: short labels of the findings, for summaries officers read (from :mod:`sibaso.core.labels`)
FINDING_LABELS: dict[str, dict[str, str]] = {
    lang: {code: label("finding", code, lang) for code in FINDINGS} for lang in ("id", "en")
}


def load_rules(path: str | os.PathLike[str] | None = None) -> RuleSet:
    """The rules of ``path``, else of the file ``SIBASO_RULES`` names, else the built-ins;
    programme names are resolved through the catalogue."""
    from sibaso.programmes import resolve

    def code(name: str) -> str:
        return resolve(name).code

    target = path or os.environ.get(RULES_ENV) or None
    if target is None:
        return default_rules(resolve=code)
    file = Path(target)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise ValidationError(
            f"{file}: the rules file cannot be read ({exc.strerror}).",
            code="invalid-rules",
            message_id=f"{file}: berkas aturan tidak dapat dibaca ({exc.strerror}).",
        ) from None
    return parse_rules(text, str(file), resolve=code)


@attrs.frozen(kw_only=True)
class Finding:
    """One audit finding (officer-only: it carries a desil)."""

    programme: str
    finding: str
    kk: str | None
    nik: str | None
    kecamatan_code: str | None
    desa_code: str | None
    desil: int | None
    max_desil: int | None = None
    scale: str | None = None
    period: str | None = None
    enrolment_id: int | None = None
    #: the recipient (the family's head for ``eligible-not-enrolled``): the name in the
    #: population data, else as the list or DTSEN writes it
    name: str | None = None
    #: where they live, in one line with the desa (:func:`sibaso.core.address.address_line`)
    address: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape."""
        return {
            "programme": self.programme,
            "finding": self.finding,
            "kk": self.kk,
            "nik": self.nik,
            "kecamatan_code": self.kecamatan_code,
            "desa_code": self.desa_code,
            "desil": self.desil,
        }

    def reason(self, lang: str = "id") -> str:
        """The finding in plain words, with the desil and threshold where they matter."""
        text = FINDINGS[self.finding][0 if lang == "id" else 1]
        if self.desil is not None and self.max_desil is not None:
            scale = self.scale or "nasional"
            text += (
                f" (desil {scale} {self.desil}, batas {self.max_desil})"
                if lang == "id"
                else f" (desil {scale} {self.desil}, threshold {self.max_desil})"
            )
        return text


@attrs.frozen(kw_only=True)
class AuditResult:
    """The findings, their counts, and what the audit was run against."""

    edition: str | None
    rules: RuleSet
    findings: list[Finding]
    skipped: dict[str, str]
    #: audited enrolments per programme and desil on the rule's scale (None: not in DTSEN or
    #: unranked); kabupaten-wide counts, left out of a scoped result
    enrolled_by_desil: dict[str, dict[int | None, int]] = attrs.field(factory=dict)

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        """``{programme: {finding: count}}``."""
        out: dict[str, dict[str, int]] = {}
        for f in self.findings:
            by = out.setdefault(f.programme, {})
            by[f.finding] = by.get(f.finding, 0) + 1
        return {p: dict(sorted(c.items())) for p, c in sorted(out.items())}

    def counts(self, by: str = "desa") -> list[dict[str, Any]]:
        """Counts per programme × kecamatan (× desa when ``by="desa"``) × finding."""
        keyed: Counter[tuple[str, str | None, str | None, str]] = Counter()
        for f in self.findings:
            desa = f.desa_code if by == "desa" else None
            keyed[(f.programme, f.kecamatan_code, desa, f.finding)] += 1
        return [
            {
                "programme": p,
                "kecamatan_code": k,
                **({"desa_code": d} if by == "desa" else {}),
                "finding": f,
                "count": n,
            }
            for (p, k, d, f), n in sorted(keyed.items(), key=lambda i: tuple(str(x) for x in i[0]))
        ]

    def scoped(self, actor: Actor) -> AuditResult:
        """Only the findings of the kecamatan the actor serves."""
        return attrs.evolve(
            self,
            findings=[f for f in self.findings if actor.covers(f.kecamatan_code)],
            enrolled_by_desil={},
        )

    def to_dict(self) -> dict[str, Any]:
        """``{findings: [...], summary: {programme: {finding: count}}}`` plus the context and
        ``counts`` per programme × kecamatan × desa × finding."""
        return {
            "edition": self.edition,
            "rules": self.rules.to_dict(),
            "skipped": self.skipped,
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
            "counts": self.counts("desa"),
        }


def _period_date(period: str | None) -> datetime.date | None:
    if not period:
        return None
    try:
        return Period.parse(period).reference_date
    except ValueError:
        return None


def _latest_edition(repo: DtsenRepository, edition: str | Edition | None) -> str | None:
    stored = [e[0] for e in repo.editions()]
    if edition is None:
        return stored[-1] if stored else None
    text = str(Edition.parse(str(edition)))
    if text not in stored:
        raise ValidationError(
            f"DTSEN edition {text} is not stored; stored: {', '.join(stored) or '-'}.",
            code="unknown-edition",
            message_id=f"Edisi DTSEN {text} belum disimpan; yang ada: {', '.join(stored) or '-'}.",
        )
    return text


def _families(repo: DtsenRepository, edition: str | None) -> dict[str, tuple[Any, ...]]:
    if edition is None:
        return {}
    return {str(r[0]): r for r in repo.families(edition)}


_SCALE_INDEX = {"nasional": 1, "provinsi": 2, "kabupaten": 3}


def run_audit(
    store: Store,
    rules: RuleSet | None = None,
    *,
    edition: str | Edition | None = None,
    actor: Actor | None = None,
    progress: Callable[[int], None] | None = None,
) -> AuditResult:
    """Audit every active enrolment and DTSEN family against ``rules`` (built-ins when None).

    ``progress`` (:mod:`sibaso.core.progress`) counts the enrolments audited, of their total.
    """
    rules = rules if rules is not None else load_rules()
    repo = DtsenRepository(store)
    chosen = _latest_edition(repo, edition)
    families = _families(repo, chosen)
    listed = dict(repo.enrolled_programmes())
    skipped: dict[str, str] = {}
    programmes = []
    for programme in rules.programmes:
        if programme not in listed:
            skipped[programme] = "tidak ada daftar aktif / no active list"
        else:
            programmes.append(programme)
    findings: list[Finding] = []
    audited: dict[str, set[str]] = {}
    by_desil: dict[str, dict[int | None, int]] = {}
    reached: dict[str, set[str]] = {p: set() for p in programmes}
    for programme, kk in repo.household_families(programmes):
        reached[programme].add(kk)
    rows = list(repo.audit_enrolments(programmes))
    set_total(progress, len(rows))
    for done, row in enumerate(rows, start=1):
        if progress is not None and done % 2000 == 0:
            progress(done)
        (
            enrolment_id,
            programme,
            _basis,
            period,
            nik,
            kk,
            _household,
            kec,
            desa,
            person_nik,
            person_kk,
            alive,
            person_kec,
            person_desa,
            member_kk,
        ) = row
        family = kk or person_kk or member_kk
        rule = rules.for_programme(programme, _period_date(period))
        if rule is None:
            continue  # a list from before (or after) the rule: history, not audited
        audited.setdefault(programme, set()).add(period or "")
        if family:
            reached[programme].add(family)
        who = person_nik or nik
        dtsen = families.get(family) if family else None
        where_kec = (dtsen[4] if dtsen else None) or kec or person_kec
        where_desa = (dtsen[5] if dtsen else None) or desa or person_desa
        desil = dtsen[_SCALE_INDEX[rule.scale.value]] if dtsen else None

        if chosen is not None:
            counts = by_desil.setdefault(programme, {})
            counts[desil] = counts.get(desil, 0) + 1
        codes = []
        if alive is not None and not int(alive):
            codes.append("deceased")
        if chosen is not None and dtsen is None:
            codes.append("not-in-dtsen")
        elif chosen is not None and desil is not None and desil > rule.max_desil:
            codes.append("above-threshold")
        findings.extend(
            Finding(
                programme=programme,
                finding=code,
                kk=family,
                nik=who,
                kecamatan_code=where_kec,
                desa_code=where_desa,
                desil=desil,
                max_desil=rule.max_desil,
                scale=rule.scale.value,
                period=period,
                enrolment_id=int(enrolment_id),
            )
            for code in codes
        )
    if progress is not None:
        progress(len(rows))
    if chosen is not None:
        for programme in programmes:
            if programme not in audited:
                skipped[programme] = (
                    "tidak ada daftar aktif dalam masa berlaku aturan / "
                    "no active list in the rule's period"
                )
                continue
            newest = max(audited[programme])
            rule = rules.for_programme(programme, _period_date(newest))
            if rule is None:  # pragma: no cover - audited means a rule was found
                continue
            column = _SCALE_INDEX[rule.scale.value]
            mine = reached[programme]
            for kk, family_row in families.items():
                desil = family_row[column]
                if desil is not None and desil <= rule.max_desil and kk not in mine:
                    findings.append(
                        Finding(
                            programme=programme,
                            finding="eligible-not-enrolled",
                            kk=kk,
                            nik=None,
                            kecamatan_code=family_row[4],
                            desa_code=family_row[5],
                            desil=desil,
                            max_desil=rule.max_desil,
                            scale=rule.scale.value,
                            period=newest or None,
                        )
                    )
    findings.sort(
        key=lambda f: (
            f.programme,
            f.finding,
            f.kecamatan_code or "",
            f.desa_code or "",
            f.kk or "",
            f.nik or "",
        )
    )
    result = AuditResult(
        edition=chosen,
        rules=rules,
        findings=findings,
        skipped=skipped,
        enrolled_by_desil=by_desil,
    )
    if actor is not None:
        result = result.scoped(actor)
    return attrs.evolve(result, findings=_with_places(repo, result.findings, chosen))


def _with_places(
    repo: DtsenRepository, findings: list[Finding], edition: str | None
) -> list[Finding]:
    """The findings with the name and the one-line address (with the desa) officers read."""
    ids = sorted({f.enrolment_id for f in findings if f.enrolment_id is not None})
    people = repo.enrolment_places(ids) if ids else {}
    kks = sorted({f.kk for f in findings if f.enrolment_id is None and f.kk})
    families = repo.family_places(kks, edition) if kks and edition else {}
    out = []
    for f in findings:
        if f.enrolment_id is not None and (found := people.get(f.enrolment_id)):
            listed, list_kec, list_desa, name, street, rt, rw, desa, desa_name, kec, kec_name = (
                found
            )
            if name is None:  # not in the population data: the list's name and place
                street = rt = rw = desa = kec = None
                desa_name, kec_name = list_desa, list_kec
            where = address_line(
                street=street,
                rt=rt,
                rw=rw,
                desa_code=desa or f.desa_code,
                # a name goes with its own code: the person's desa, else the finding's
                desa_name=desa_name if desa or name is None else None,
                kecamatan_code=kec or f.kecamatan_code,
                kecamatan_name=kec_name if kec or name is None else None,
            )
            f = attrs.evolve(f, name=name or listed, address=where)
        elif f.enrolment_id is None and f.kk and (family := families.get(f.kk)):
            head, kec_name, desa_name, street, rt, rw = family
            where = address_line(
                street=street,
                rt=rt,
                rw=rw,
                desa_code=f.desa_code,
                desa_name=desa_name,
                kecamatan_code=f.kecamatan_code,
                kecamatan_name=kec_name,
            )
            f = attrs.evolve(f, name=head, address=where)
        else:
            where = address_line(desa_code=f.desa_code, kecamatan_code=f.kecamatan_code)
            f = attrs.evolve(f, address=where)
        out.append(f)
    return out


def receives_nothing(
    store: Store,
    max_desil: int,
    *,
    scale: str = "nasional",
    edition: str | Edition | None = None,
    actor: Actor | None = None,
) -> list[dict[str, Any]]:
    """DTSEN families at or under ``max_desil`` that no programme's active list reaches —
    the list a desa starts from to choose BLT Dana Desa families (officer-only)."""
    if not 1 <= int(max_desil) <= 10:
        raise ValidationError(
            f"A desil from 1 to 10 is required, not {max_desil!r}.",
            code="desil-invalid",
            message_id=f"Desil berkisar 1 sampai 10, bukan {max_desil!r}.",
        )
    repo = DtsenRepository(store)
    chosen = _latest_edition(repo, edition)
    families = _families(repo, chosen)
    programmes = [p for p, _period in repo.enrolled_programmes()]
    reached: set[str] = {kk for _p, kk in repo.household_families(programmes)}
    for row in repo.audit_enrolments(programmes):
        family = row[5] or row[10] or row[14]
        if family:
            reached.add(family)
    column = _SCALE_INDEX[scale]
    out = []
    for kk, row in sorted(families.items(), key=lambda i: (str(i[1][4]), str(i[1][5]), i[0])):
        desil = row[column]
        if desil is None or desil > max_desil or kk in reached:
            continue
        if actor is not None and not actor.covers(row[4]):
            continue
        out.append({"kk": kk, "desil": desil, "kecamatan_code": row[4], "desa_code": row[5]})
    return out


def explain_exits(
    store: Store,
    programme: str,
    removed: Iterable[dict[str, Any]],
    *,
    period: str | None = None,
    rules: RuleSet | None = None,
) -> None:
    """Give each entry a later list no longer holds a ``reason`` (and ``reason_text``):
    ``died``, ``moved-out`` (lives outside the kabupaten now), ``desil-above`` (the family's
    newest desil is above the threshold), ``not-found`` (neither the population data nor DTSEN
    holds the person), else ``unknown``."""
    entries = list(removed)
    if not entries:
        return
    repo = DtsenRepository(store)
    niks = [e["nik"] for e in entries if e.get("nik")]
    people = repo.people(niks)
    members = repo.members(niks)
    regency = repo.regency_of_people()
    rules = rules if rules is not None else load_rules()
    rule = rules.for_programme(programme, _period_date(period))
    chosen = _latest_edition(repo, None)
    families = _families(repo, chosen) if rule is not None else {}
    for entry in entries:
        nik = entry.get("nik")
        person = people.get(nik) if nik else None
        family = entry.get("kk") or (person[2] if person else None) or members.get(nik or "")
        dtsen = families.get(family) if family else None
        desil = dtsen[_SCALE_INDEX[rule.scale.value]] if dtsen and rule else None
        if person is not None and not int(person[0]):
            reason = "died"
        elif (
            person is not None and regency and person[1] and not str(person[1]).startswith(regency)
        ):
            reason = "moved-out"
        elif rule is not None and desil is not None and desil > rule.max_desil:
            reason = "desil-above"
        elif person is None and nik not in members and dtsen is None:
            reason = "not-found"
        else:
            reason = "unknown"
        entry["reason"] = reason
        entry["reason_text"] = EXIT_REASONS[reason][0]


#: exit reason → (Bahasa Indonesia, English), from :mod:`sibaso.core.labels`
EXIT_REASONS: dict[str, tuple[str, str]] = {
    code: (label("exit", code), label("exit", code, "en"))
    for code in ("died", "moved-out", "desil-above", "not-found", "unknown")
}
