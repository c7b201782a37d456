"""Drafting calls: rules, formula and timetable as data, required documents, and quotas
proposed by the published formula. All of it can change only while the call is a draft
(the lifecycle is in `lifecycle.py`)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.digits import to_ascii_digits
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import InvalidInput
from daftar.licensing.choices import (
    CallStatus,
    DegreeField,
    DocumentKind,
)
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import Call, CallDistrictQuota, RequiredDocument
from daftar.licensing.ranking import propose_quota
from daftar.licensing.services.common import (
    STREAM,
    lock_call,
    require_committee,
    require_status,
)
from daftar.offices.choices import DegreeLevel
from daftar.offices.selectors import districts_with_active_offices

_CODE = re.compile(r"^\s*([0-9]{4})\s*-\s*([0-9]{1,2})\s*$")
TIMETABLE = (
    "registration_opens",
    "registration_closes",
    "review_until",
    "exam_on",
    "results_on",
    "objections_until",
)


@dataclass(frozen=True)
class CallSettings:
    """Everything about a call that is fixed before it opens."""

    title: str
    registration_opens: datetime.date
    registration_closes: datetime.date
    review_until: datetime.date
    exam_on: datetime.date
    results_on: datetime.date
    objections_until: datetime.date
    title_en: str = ""
    description: str = ""
    people_per_office: int = 100_000
    max_preferences: int = 3
    applicant_min_age: int = 27
    applicant_max_age: int = 55
    degree_levels: Sequence[str] = ("bachelor", "master", "doctorate")
    degree_fields: Sequence[str] = ()
    tm_min_age: int = 25
    tm_max_age: int = 55
    tm_degree_fields: Sequence[str] = ()
    clean_record_required: bool = True
    exam_weight: Decimal = Decimal("1.00")
    degree_points: Mapping[str, Decimal] = field(
        default_factory=lambda: {
            "bachelor": Decimal(0),
            "master": Decimal(5),
            "doctorate": Decimal(10),
        }
    )
    experience_points_per_year: Decimal = Decimal("1.00")
    experience_points_cap: Decimal = Decimal("10.00")
    pass_mark: Decimal = Decimal("50.00")
    # (document kind, mandatory)
    documents: Sequence[tuple[str, bool]] = (
        (DocumentKind.IDENTITY, True),
        (DocumentKind.DEGREE, True),
        (DocumentKind.CLEAN_RECORD, True),
        (DocumentKind.TM_DEGREE, True),
    )


# --- validation --------------------------------------------------------------------------------


def _decimal(value, *, field_name: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(to_ascii_digits(str(value)).replace("٫", ".").strip())
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        raise InvalidInput(
            _("Enter a number from %(low)s to %(high)s."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field=field_name,
            params={"low": low, "high": high},
        )
    if number != number.quantize(Decimal("0.01")):
        raise InvalidInput(
            _("Use at most two decimal places."),
            code=LicensingErrorCode.TOO_PRECISE,
            field=field_name,
        )
    return number.quantize(Decimal("0.01"))


def _check_settings(settings: CallSettings) -> dict:
    """Validate, and return the model field values."""
    if not settings.title.strip():
        raise InvalidInput(
            _("Enter the title of the call."), code=CoreErrorCode.REQUIRED, field="title"
        )
    dates = [getattr(settings, name) for name in TIMETABLE]
    for earlier, later, name in zip(dates, dates[1:], TIMETABLE[1:], strict=False):
        if later < earlier:
            raise InvalidInput(
                _("The timetable must run in order: each date on or after the one before it."),
                code=LicensingErrorCode.TIMETABLE_ORDER,
                field=name,
            )
    for low, high, name in (
        (settings.applicant_min_age, settings.applicant_max_age, "applicant_max_age"),
        (settings.tm_min_age, settings.tm_max_age, "tm_max_age"),
    ):
        if not 18 <= low <= high <= 100:
            raise InvalidInput(
                _("An age range runs from 18 to 100, the minimum not above the maximum."),
                code=LicensingErrorCode.AGE_RANGE,
                field=name,
            )
    levels = list(dict.fromkeys(settings.degree_levels))
    if not levels or not set(levels) <= set(DegreeLevel.values):
        raise InvalidInput(
            _("Choose at least one accepted degree."),
            code=CoreErrorCode.REQUIRED,
            field="degree_levels",
        )
    for name in ("degree_fields", "tm_degree_fields"):
        if not set(getattr(settings, name)) <= set(DegreeField.values):
            raise InvalidInput(
                _("Unknown field of study."),
                code=LicensingErrorCode.UNKNOWN_DEGREE_FIELD,
                field=name,
            )
    if not 1 <= settings.max_preferences <= 10:
        raise InvalidInput(
            _("An applicant may list from 1 to 10 districts."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field="max_preferences",
        )
    if settings.people_per_office < 1:
        raise InvalidInput(
            _("Enter a positive number of residents per office."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field="people_per_office",
        )
    points = {}
    for level, value in settings.degree_points.items():
        if level not in DegreeLevel.values:
            raise InvalidInput(
                _("Unknown degree."), code=LicensingErrorCode.UNKNOWN_DEGREE, field="degree_points"
            )
        points[level] = str(
            _decimal(value, field_name=f"points_{level}", low=Decimal(0), high=Decimal(100))
        )
    kinds = [kind for kind, _mandatory in settings.documents]
    if len(set(kinds)) != len(kinds) or not set(kinds) <= set(DocumentKind.values):
        raise InvalidInput(
            _("Each document type may be required once."),
            code=LicensingErrorCode.DOCUMENT_KIND_REPEATED,
            field="documents",
        )
    return {
        "title": settings.title.strip(),
        "title_en": settings.title_en.strip(),
        "description": settings.description.strip(),
        "people_per_office": settings.people_per_office,
        "max_preferences": settings.max_preferences,
        **{name: getattr(settings, name) for name in TIMETABLE},
        "applicant_min_age": settings.applicant_min_age,
        "applicant_max_age": settings.applicant_max_age,
        "degree_levels": levels,
        "degree_fields": sorted(set(settings.degree_fields)),
        "tm_min_age": settings.tm_min_age,
        "tm_max_age": settings.tm_max_age,
        "tm_degree_fields": sorted(set(settings.tm_degree_fields)),
        "clean_record_required": settings.clean_record_required,
        "exam_weight": _decimal(
            settings.exam_weight, field_name="exam_weight", low=Decimal("0.01"), high=Decimal(10)
        ),
        "degree_points": points,
        "experience_points_per_year": _decimal(
            settings.experience_points_per_year,
            field_name="experience_points_per_year",
            low=Decimal(0),
            high=Decimal(100),
        ),
        "experience_points_cap": _decimal(
            settings.experience_points_cap,
            field_name="experience_points_cap",
            low=Decimal(0),
            high=Decimal(1000),
        ),
        "pass_mark": _decimal(
            settings.pass_mark, field_name="pass_mark", low=Decimal(0), high=Decimal(100)
        ),
    }


def _audit_view(values: Mapping) -> dict:
    return {key: (str(v) if isinstance(v, Decimal) else v) for key, v in values.items()}


def _set_documents(call: Call, documents: Sequence[tuple[str, bool]]) -> None:
    call.required_documents.all().delete()
    RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(call=call, kind=kind, mandatory=mandatory)
            for kind, mandatory in documents
        ]
    )


def _snapshot_quotas(call: Call, *, reset: bool) -> dict[int, int]:
    """Population and active offices per district now, and the formula's proposal."""
    districts = districts_with_active_offices()
    existing = {q.district_id: q for q in call.quotas.all()}
    proposals = {}
    for district in districts:
        proposed = propose_quota(district.population, call.people_per_office, district.active)
        proposals[district.number] = proposed
        row = existing.get(district.pk) or CallDistrictQuota(call=call, district=district)
        row.population, row.active_offices, row.proposed = (
            district.population,
            district.active,
            proposed,
        )
        if reset or row.pk is None:
            row.quota = proposed
        row.save()
    return proposals


# --- drafting ----------------------------------------------------------------------------------


@audited
def call_create(*, actor: Actor, code: str, settings: CallSettings) -> Call:
    """A draft call, with quotas proposed by the formula for every district."""
    require_committee(actor)
    match = _CODE.match(to_ascii_digits(code or ""))
    if not match or not 1390 <= int(match.group(1)) <= 1500 or int(match.group(2)) < 1:
        raise InvalidInput(
            _("A call number looks like 1404-1: the year, a dash and the call's number."),
            code=LicensingErrorCode.CALL_CODE_FORMAT,
            field="code",
        )
    code = f"{match.group(1)}-{int(match.group(2))}"
    if Call.objects.filter(code=code).exists():
        raise InvalidInput(
            _("Call %(code)s already exists."),
            code=CoreErrorCode.DUPLICATE,
            field="code",
            params={"code": code},
        )
    values = _check_settings(settings)
    call = Call.objects.create(code=code, created_by=actor.user, **values)
    _set_documents(call, settings.documents)
    proposals = _snapshot_quotas(call, reset=True)
    audit_record(
        actor=actor,
        action="call.created",
        stream=STREAM,
        obj=call,
        summary=f"call {code} drafted",
        after={
            **_audit_view(values),
            "documents": [[str(k), m] for k, m in settings.documents],
            "proposed_quotas": proposals,
        },
    )
    return call


@audited
def call_update(*, actor: Actor, call: Call, settings: CallSettings) -> Call:
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.DRAFT], action=_("changing its rules"))
    values = _check_settings(settings)
    before = _audit_view({name: getattr(call, name) for name in values})
    for name, value in values.items():
        setattr(call, name, value)
    call.save(update_fields=list(values))
    _set_documents(call, settings.documents)
    audit_record(
        actor=actor,
        action="call.updated",
        stream=STREAM,
        obj=call,
        before=before,
        after={**_audit_view(values), "documents": [[str(k), m] for k, m in settings.documents]},
    )
    return call


@audited
def call_quotas_propose(*, actor: Actor, call: Call) -> dict[int, int]:
    """Recompute every district's proposal from today's figures and reset the quotas to it."""
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.DRAFT], action=_("changing its quotas"))
    before = {q.district.number: q.quota for q in call.quotas.select_related("district")}
    proposals = _snapshot_quotas(call, reset=True)
    audit_record(
        actor=actor,
        action="call.quotas_proposed",
        stream=STREAM,
        obj=call,
        summary=f"quotas of call {call.code} reset to the formula ({sum(proposals.values())})",
        before={"quotas": before},
        after={"quotas": proposals, "people_per_office": call.people_per_office},
    )
    return proposals


@audited
def call_quotas_set(*, actor: Actor, call: Call, quotas: Mapping[int, int]) -> Call:
    """Set quotas by district number (districts not named keep theirs)."""
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.DRAFT], action=_("changing its quotas"))
    rows = {q.district.number: q for q in call.quotas.select_related("district")}
    before, after = {}, {}
    for number, quota in quotas.items():
        if number not in rows:
            raise InvalidInput(
                _("District %(number)s is not in this call."),
                code=LicensingErrorCode.DISTRICT_NOT_IN_CALL,
                field=f"district_{number}",
                params={"number": number},
            )
        if isinstance(quota, bool) or not isinstance(quota, int) or not 0 <= quota <= 99:
            raise InvalidInput(
                _("A quota is a whole number from 0 to 99."),
                code=CoreErrorCode.OUT_OF_RANGE,
                field=f"district_{number}",
            )
        if rows[number].quota != quota:
            before[number], after[number] = rows[number].quota, quota
            rows[number].quota = quota
            rows[number].save(update_fields=["quota"])
    audit_record(
        actor=actor,
        action="call.quotas_set",
        stream=STREAM,
        obj=call,
        summary=f"quotas of call {call.code} set (total {sum(r.quota for r in rows.values())})",
        before={"quotas": before},
        after={"quotas": after},
    )
    return call
