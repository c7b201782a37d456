"""Inspections: the quarter's risk-first plan and the rotation of inspectors, conflicts of
interest, the visit at the office (check in, answers, photos, mystery-shopper file), sign-off
into an immutable report with findings, corrections as new versions, the office's response
and corrective actions, and the follow-up that checks them.

Every status change takes the inspection's (or finding's) row lock and re-reads the status,
so two inspectors (or two tabs) submitting the same inspection make exactly one report.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role, users_with_role
from daftar.audit.services import audit_record, audited
from daftar.cases.selectors import file_at_office, sla_breaches_by_office
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days, is_working_day
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from daftar.core.jalali import TEHRAN, format_date, from_jalali
from daftar.core.numbers import Bytes
from daftar.core.uploads import random_name, sniff
from daftar.offices.models import Office
from daftar.offices.selectors import office_finder, office_of_user, uptime_share_by_office
from daftar.supervision.choices import (
    UPHELD_RULINGS,
    ActionStatus,
    AnswerResult,
    Evidence,
    FindingKind,
    FindingStatus,
    Grade,
    InspectionKind,
    InspectionStatus,
    RuleStatus,
    Severity,
)
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import (
    ChecklistItem,
    ChecklistVersion,
    Complaint,
    ConflictDeclaration,
    CorrectiveAction,
    Finding,
    GradingPeriod,
    Inspection,
    InspectionAnswer,
    InspectionPhoto,
    InspectionPlan,
    InspectionReport,
    OfficeGrade,
    SelfDeclaration,
)
from daftar.supervision.permissions import is_supervisor, require_inspector, require_supervisor
from daftar.supervision.services.common import STREAM
from daftar.treasury.selectors import unexplained_discrepancies_by_office

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_SIDE = 2048
PHOTO_MAX_PIXELS = 60_000_000  # refuse decompression bombs before decoding
NOTE_MAX_LENGTH = 2000
YEAR = datetime.timedelta(days=365)

# Risk points (the plan's ranking): a weak grade, upheld complaints, missed deadlines,
# unexplained reconciliation lines, terminal downtime. Shown as sentences on the plan page.
GRADE_POINTS = {Grade.E: 8, Grade.D: 5, Grade.C: 2}
UPTIME_FLOOR = 0.9


# --- shared checks -------------------------------------------------------------------------


def _locked(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("checklist").get(pk=inspection.pk)


def _require_assigned(actor: Actor, inspection: Inspection) -> None:
    if not (actor.is_user and actor.user.pk == inspection.inspector_id):
        raise Forbidden(
            _("Only the inspector assigned to this inspection may do this."),
            code=SupervisionErrorCode.NOT_THE_INSPECTOR,
        )


def _require_in_progress(inspection: Inspection) -> None:
    if inspection.status == InspectionStatus.ASSIGNED:
        raise Conflict(_("Check in at the office first."), code=SupervisionErrorCode.NOT_CHECKED_IN)
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise Conflict(
            _("This inspection's report has already been submitted; nothing was changed."),
            code=SupervisionErrorCode.INSPECTION_CLOSED,
        )


def _note(note) -> str:
    note = (note or "").strip() if isinstance(note, str) else ""
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput(
            _("The note is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field="note",
            params={"limit": NOTE_MAX_LENGTH},
        )
    return note


def checklist_in_force(*, mystery_shopper: bool = False) -> ChecklistVersion | None:
    """The adopted checklist version used for new inspections of that kind."""
    return (
        ChecklistVersion.objects.filter(
            status=RuleStatus.ADOPTED, template__for_mystery_shopper=mystery_shopper
        )
        .select_related("template")
        .order_by("template__code")
        .first()
    )


def _require_checklist(kind: str) -> ChecklistVersion:
    checklist = checklist_in_force(mystery_shopper=kind == InspectionKind.MYSTERY_SHOPPER)
    if checklist is None:
        raise InvalidInput(
            _("No checklist for this kind of inspection has been adopted yet."),
            code=SupervisionErrorCode.NO_ADOPTED_CHECKLIST,
        )
    return checklist


# --- rotation -------------------------------------------------------------------------------


def _last_inspectors(office_ids) -> dict[int, int]:
    """The inspector of each office's latest (not cancelled) inspection."""
    latest: dict[int, int] = {}
    rows = (
        Inspection.objects.filter(office__in=office_ids)
        .exclude(status=InspectionStatus.CANCELLED)
        .order_by("office", "-scheduled_on", "-pk")
        .values_list("office", "inspector")
    )
    for office, inspector in rows:
        latest.setdefault(office, inspector)
    return latest


def _conflicts(office_ids) -> set[tuple[int, int]]:
    return set(
        ConflictDeclaration.objects.filter(office__in=office_ids).values_list("inspector", "office")
    )


def _choose_inspector(
    office_id: int,
    inspectors: list,
    *,
    last: dict[int, int],
    conflicts: set[tuple[int, int]],
    load: Counter,
    exclude: int | None = None,
):
    candidates = [
        user
        for user in inspectors
        if user.pk != last.get(office_id)
        and (user.pk, office_id) not in conflicts
        and user.pk != exclude
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda user: (load[user.pk], user.pk))


def _check_rotation(inspector, office: Office) -> None:
    if not user_has_role(inspector, Role.INSPECTOR):
        raise InvalidInput(
            _("%(name)s is not an inspector."),
            code=SupervisionErrorCode.NOT_AN_INSPECTOR,
            field="inspector",
            params={"name": inspector.get_full_name() or inspector.username},
        )
    if (inspector.pk, office.pk) in _conflicts([office.pk]):
        raise InvalidInput(
            _("%(name)s has declared a conflict of interest with this office."),
            code=SupervisionErrorCode.CONFLICT_OF_INTEREST,
            field="inspector",
            params={"name": inspector.get_full_name() or inspector.username},
        )
    if _last_inspectors([office.pk]).get(office.pk) == inspector.pk:
        raise InvalidInput(
            _(
                "%(name)s made this office's last inspection; inspectors rotate, so choose "
                "someone else."
            ),
            code=SupervisionErrorCode.NO_INSPECTOR_AVAILABLE,
            field="inspector",
            params={"name": inspector.get_full_name() or inspector.username},
        )


def _no_inspector() -> InvalidInput:
    return InvalidInput(
        _(
            "No inspector may be assigned to this office: each has declared a conflict with "
            "it or made its last inspection."
        ),
        code=SupervisionErrorCode.NO_INSPECTOR_AVAILABLE,
        field="inspector",
    )


# --- the quarter's plan ---------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a Solar Hijri quarter."""
    first = from_jalali(year, 3 * quarter - 2, 1)
    following = (
        from_jalali(year + 1, 1, 1) if quarter == 4 else from_jalali(year, 3 * quarter + 1, 1)
    )
    return first, following - datetime.timedelta(days=1)


@dataclass
class OfficeRisk:
    office: Office
    points: int
    reasons: list[dict]


def office_risks(today: datetime.date) -> list[OfficeRisk]:
    """Every active office with its risk points and the reasons, riskiest first (each
    indicator one aggregate query over all offices)."""
    offices = list(office_finder().order_by("code"))
    ids = [office.pk for office in offices]
    now = timezone.now()
    grades: dict[int, str] = {}
    for office_id, grade in (
        OfficeGrade.objects.filter(office__in=ids)
        .order_by("office", "-period__ends_on")
        .values_list("office", "grade")
    ):
        grades.setdefault(office_id, grade)
    upheld = Counter(
        Complaint.objects.filter(
            office__in=ids, ruling__in=UPHELD_RULINGS, ruled_at__gte=now - YEAR
        ).values_list("office", flat=True)
    )
    breaches = sla_breaches_by_office(now - datetime.timedelta(days=91), now)
    discrepancies = unexplained_discrepancies_by_office(today - datetime.timedelta(days=91))
    uptime = uptime_share_by_office(today - datetime.timedelta(days=91), today)
    inspected = set(
        Inspection.objects.filter(
            office__in=ids,
            status=InspectionStatus.SUBMITTED,
            submitted_at__gte=now - YEAR,
        ).values_list("office", flat=True)
    )
    risks = []
    for office in offices:
        points, reasons = 0, []
        grade = grades.get(office.pk)
        if grade in GRADE_POINTS:
            points += GRADE_POINTS[grade]
            reasons.append({"reason": "grade", "grade": grade})
        if upheld[office.pk]:
            points += 3 * min(upheld[office.pk], 5)
            reasons.append({"reason": "complaints", "count": upheld[office.pk]})
        if breaches.get(office.pk):
            points += min(1 + breaches[office.pk] // 5, 5)
            reasons.append({"reason": "sla", "count": breaches[office.pk]})
        if discrepancies.get(office.pk):
            points += min(discrepancies[office.pk], 5)
            reasons.append({"reason": "reconciliation", "count": discrepancies[office.pk]})
        share = uptime.get(office.pk)
        if share is not None and share < UPTIME_FLOOR:
            points += 4 if share < 0.75 else 2
            reasons.append({"reason": "uptime", "percent": round(share * 100)})
        if office.pk not in inspected:
            reasons.append({"reason": "not_inspected"})
        risks.append(OfficeRisk(office=office, points=points, reasons=reasons))
    risks.sort(key=lambda risk: (-risk.points, risk.office.code))
    return risks


def _working_days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    days, day = [], first
    while day <= last:
        if is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days or [first]


@audited
def inspection_plan_generate(*, actor: Actor, year: int, quarter: int) -> InspectionPlan:
    """The quarter's plan: every office with a risk, and every office not inspected in the
    last twelve months, riskiest first, each assigned in turn to an inspector who neither
    made its last inspection nor declared a conflict with it."""
    require_supervisor(actor)
    if not (isinstance(quarter, int) and 1 <= quarter <= 4):
        raise InvalidInput(
            _("The quarter is 1, 2, 3 or 4."), code=CoreErrorCode.OUT_OF_RANGE, field="quarter"
        )
    if not (isinstance(year, int) and 1390 <= year <= 1500):
        raise InvalidInput(
            _("Enter the year in the Solar Hijri calendar (e.g. 1405)."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field="year",
        )
    if InspectionPlan.objects.filter(year=year, quarter=quarter).exists():
        raise Conflict(
            _("The plan of quarter %(quarter)d of %(year)d has already been generated."),
            code=SupervisionErrorCode.PLAN_EXISTS,
            params={"quarter": quarter, "year": year},
        )
    checklist = _require_checklist(InspectionKind.PLANNED)
    inspectors = list(users_with_role(Role.INSPECTOR))
    if not inspectors:
        raise _no_inspector()
    first, last = quarter_bounds(year, quarter)
    today = timezone.localdate()
    days = _working_days(max(first, today) if today <= last else first, last)
    plan = InspectionPlan.objects.create(year=year, quarter=quarter, generated_by=actor.label)
    risks = [
        r for r in office_risks(today) if r.points > 0 or {"reason": "not_inspected"} in r.reasons
    ]
    office_ids = [risk.office.pk for risk in risks]
    last_by_office = _last_inspectors(office_ids)
    conflicts = _conflicts(office_ids)
    load: Counter = Counter()
    rows, skipped = [], []
    for rank, risk in enumerate(risks, start=1):
        inspector = _choose_inspector(
            risk.office.pk, inspectors, last=last_by_office, conflicts=conflicts, load=load
        )
        if inspector is None:
            skipped.append(risk.office.code)
            continue
        rows.append(
            Inspection(
                office=risk.office,
                kind=InspectionKind.PLANNED,
                plan=plan,
                risk_rank=rank,
                risk_reasons=risk.reasons,
                checklist=checklist,
                inspector=inspector,
                scheduled_on=days[load[inspector.pk] % len(days)],
            )
        )
        load[inspector.pk] += 1
    Inspection.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="inspection.plan_generated",
        stream=STREAM,
        obj=plan,
        summary=f"plan {year}-Q{quarter}: {len(rows)} inspections",
        after={
            "inspections": len(rows),
            "offices": [row.office.code for row in rows],
            "unassigned": skipped,
            "checklist": checklist.pk,
        },
    )
    return plan


@audited
def inspection_schedule(
    *,
    actor: Actor,
    office: Office | None,
    kind: str,
    scheduled_on: datetime.date | None,
    inspector=None,
    follow_up_of: Inspection | None = None,
) -> Inspection:
    """An unannounced, mystery-shopper or follow-up inspection, one at a time (the same
    rotation: the office's last inspector and anyone with a declared conflict are skipped)."""
    require_supervisor(actor)
    if office is None:
        raise InvalidInput(_("Choose the office."), code=CoreErrorCode.REQUIRED, field="office")
    if kind not in (
        InspectionKind.UNANNOUNCED,
        InspectionKind.MYSTERY_SHOPPER,
        InspectionKind.FOLLOW_UP,
    ):
        raise InvalidInput(
            _("Choose the kind of inspection."),
            code=SupervisionErrorCode.INSPECTION_KIND_INVALID,
            field="kind",
        )
    if scheduled_on is None or scheduled_on < timezone.localdate():
        raise InvalidInput(
            _("Choose a day from today on."),
            code=SupervisionErrorCode.SCHEDULED_IN_PAST,
            field="scheduled_on",
        )
    if kind == InspectionKind.FOLLOW_UP:
        if (
            follow_up_of is None
            or follow_up_of.office_id != office.pk
            or follow_up_of.status != InspectionStatus.SUBMITTED
        ):
            raise InvalidInput(
                _("Choose a submitted inspection of this office to follow up."),
                code=SupervisionErrorCode.NOT_FOLLOW_UP,
                field="follow_up_of",
            )
    else:
        follow_up_of = None
    checklist = _require_checklist(kind)
    if inspector is None:
        inspector = _choose_inspector(
            office.pk,
            list(users_with_role(Role.INSPECTOR)),
            last=_last_inspectors([office.pk]),
            conflicts=_conflicts([office.pk]),
            load=Counter(
                Inspection.objects.filter(scheduled_on=scheduled_on).values_list(
                    "inspector", flat=True
                )
            ),
        )
        if inspector is None:
            raise _no_inspector()
    else:
        _check_rotation(inspector, office)
    inspection = Inspection.objects.create(
        office=office,
        kind=kind,
        checklist=checklist,
        inspector=inspector,
        scheduled_on=scheduled_on,
        follow_up_of=follow_up_of,
    )
    audit_record(
        actor=actor,
        action="inspection.scheduled",
        stream=STREAM,
        obj=inspection,
        summary=f"{kind} inspection of {office.code} on {scheduled_on}",
        after={
            "office": office.code,
            "kind": kind,
            "inspector": inspector.username,
            "scheduled_on": scheduled_on.isoformat(),
            "follows_up": follow_up_of.pk if follow_up_of else None,
        },
    )
    return inspection


@audited
def conflict_declare(*, actor: Actor, office: Office | None, reason: str) -> ConflictDeclaration:
    """The inspector declares a conflict of interest with `office`: never assigned to it again,
    and their inspections of it not yet started go to another inspector."""
    require_inspector(actor)
    if office is None:
        raise InvalidInput(_("Choose the office."), code=CoreErrorCode.REQUIRED, field="office")
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInput(
            _("Say what the conflict of interest is."), code=CoreErrorCode.REQUIRED, field="reason"
        )
    if ConflictDeclaration.objects.filter(inspector=actor.user, office=office).exists():
        raise Conflict(
            _("You have already declared a conflict of interest with this office."),
            code=CoreErrorCode.DUPLICATE,
            field="office",
        )
    declaration = ConflictDeclaration.objects.create(
        inspector=actor.user, office=office, reason=reason[:NOTE_MAX_LENGTH]
    )
    reassigned = []
    pending = list(
        Inspection.objects.select_for_update().filter(
            inspector=actor.user, office=office, status=InspectionStatus.ASSIGNED
        )
    )
    if pending:
        inspectors = list(users_with_role(Role.INSPECTOR))
        conflicts = _conflicts([office.pk])
        last = _last_inspectors([office.pk])
        for inspection in pending:
            other = _choose_inspector(
                office.pk,
                inspectors,
                last={office.pk: last.get(office.pk)}
                if last.get(office.pk) != actor.user.pk
                else {},
                conflicts=conflicts,
                load=Counter(),
                exclude=actor.user.pk,
            )
            if other is None:
                raise _no_inspector()
            inspection.inspector = other
            inspection.save(update_fields=["inspector"])
            reassigned.append({"inspection": inspection.pk, "to": other.username})
    audit_record(
        actor=actor,
        action="inspection.conflict_declared",
        stream=STREAM,
        obj=declaration,
        summary=f"conflict declared with {office.code}",
        after={"office": office.code, "reassigned": reassigned},
    )
    return declaration


# --- at the office ----------------------------------------------------------------------------


def _coordinate(value, limit: int, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except ArithmeticError:
        number = None
    if number is None or not -limit <= number <= limit:
        raise InvalidInput(
            _("The location the browser gave is not valid."),
            code=SupervisionErrorCode.LOCATION_INVALID,
            field=field,
        )
    return number


@audited
def inspection_check_in(
    *, actor: Actor, inspection: Inspection, latitude=None, longitude=None, accuracy_m=None
) -> Inspection:
    """The inspector arrives: the time, and the location where the browser gave it."""
    inspection = _locked(inspection)
    _require_assigned(actor, inspection)
    if inspection.status != InspectionStatus.ASSIGNED:
        raise Conflict(
            _("You have already checked in to this inspection."),
            code=SupervisionErrorCode.INSPECTION_CLOSED,
        )
    lat = _coordinate(latitude, 90, "latitude")
    lon = _coordinate(longitude, 180, "longitude")
    if (lat is None) != (lon is None):
        lat = lon = None
    try:
        accuracy = (
            int(float(accuracy_m)) if accuracy_m not in (None, "") and lat is not None else None
        )
    except (TypeError, ValueError):
        accuracy = None
    if accuracy is not None and not 0 <= accuracy <= 100_000:
        accuracy = None
    inspection.status = InspectionStatus.IN_PROGRESS
    inspection.checked_in_at = timezone.now()
    inspection.latitude, inspection.longitude, inspection.location_accuracy_m = lat, lon, accuracy
    inspection.save(
        update_fields=["status", "checked_in_at", "latitude", "longitude", "location_accuracy_m"]
    )
    audit_record(
        actor=actor,
        action="inspection.checked_in",
        stream=STREAM,
        obj=inspection,
        after={
            "at": inspection.checked_in_at.isoformat(),
            "latitude": str(lat) if lat is not None else None,
            "longitude": str(lon) if lon is not None else None,
            "accuracy_m": accuracy,
        },
    )
    return inspection


def _item_of(inspection: Inspection, item: ChecklistItem | None) -> ChecklistItem:
    if (
        item is None
        or not ChecklistItem.objects.filter(
            pk=item.pk, section__version=inspection.checklist_id
        ).exists()
    ):
        raise NotFound(
            _("The item is not in this inspection's checklist."),
            code=SupervisionErrorCode.ITEM_NOT_IN_CHECKLIST,
        )
    return item


@audited
def inspection_answer(
    *, actor: Actor, inspection: Inspection, item: ChecklistItem | None, result: str, note: str = ""
) -> InspectionAnswer:
    """Record (or change) the answer to one item while the inspection is in progress."""
    inspection = _locked(inspection)
    _require_assigned(actor, inspection)
    _require_in_progress(inspection)
    item = _item_of(inspection, item)
    if result not in AnswerResult.values:
        raise InvalidInput(
            _("Choose whether the office complies."), code=CoreErrorCode.REQUIRED, field="result"
        )
    note = _note(note)
    answer, _created = InspectionAnswer.objects.update_or_create(
        inspection=inspection, item=item, defaults={"result": result, "note": note}
    )
    audit_record(
        actor=actor,
        action="inspection.answered",
        stream=STREAM,
        obj=answer,
        after={"inspection": inspection.pk, "item": item.code, "result": result},
    )
    return answer


def _clean_photo(upload) -> tuple[bytes, str, int, int]:
    """Re-encode an uploaded JPEG or PNG: no EXIF (location, camera) survives, the picture is
    turned upright and at most PHOTO_MAX_SIDE pixels on its longer side."""
    if upload is None or not getattr(upload, "size", 0):
        raise InvalidInput(_("Choose a photo."), code=CoreErrorCode.REQUIRED, field="photo")
    if upload.size > PHOTO_MAX_BYTES:
        raise InvalidInput(
            _("The photo is too large (%(size)s); the limit is %(limit)s."),
            code=SupervisionErrorCode.PHOTO_TOO_LARGE,
            field="photo",
            params={"size": Bytes(upload.size), "limit": Bytes(PHOTO_MAX_BYTES)},
        )
    upload.seek(0)
    data = upload.read()
    content_type = sniff(data[:16])
    if content_type not in ("image/jpeg", "image/png"):
        raise InvalidInput(
            _("This file is not a JPEG or PNG photo, whatever its name says."),
            code=SupervisionErrorCode.PHOTO_UNREADABLE,
            field="photo",
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > PHOTO_MAX_PIXELS:
                raise InvalidInput(
                    _("The photo has too many pixels."),
                    code=SupervisionErrorCode.PHOTO_TOO_LARGE,
                    field="photo",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            out = io.BytesIO()
            if content_type == "image/jpeg":
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
            else:
                clean = Image.new(image.mode, image.size)
                clean.paste(image)
                clean.save(out, format="PNG", optimize=True)
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise InvalidInput(
            _("This file is not a JPEG or PNG photo, whatever its name says."),
            code=SupervisionErrorCode.PHOTO_UNREADABLE,
            field="photo",
        ) from error
    return out.getvalue(), content_type, width, height


@audited
def inspection_photo_add(
    *, actor: Actor, inspection: Inspection, item: ChecklistItem | None, upload
) -> InspectionPhoto:
    """A photo for an item: EXIF stripped by re-encoding, size-limited, stored under a random
    name, its SHA-256 in the audit entry."""
    inspection = _locked(inspection)
    _require_assigned(actor, inspection)
    _require_in_progress(inspection)
    item = _item_of(inspection, item)
    data, content_type, width, height = _clean_photo(upload)
    digest = hashlib.sha256(data).hexdigest()
    name = default_storage.save(random_name(content_type, folder="inspections"), ContentFile(data))
    photo = InspectionPhoto.objects.create(
        inspection=inspection,
        item=item,
        stored_as=name,
        content_type=content_type,
        size=len(data),
        sha256=digest,
        width=width,
        height=height,
    )
    audit_record(
        actor=actor,
        action="inspection.photo_added",
        stream=STREAM,
        obj=photo,
        after={"inspection": inspection.pk, "item": item.code, "sha256": digest, "size": len(data)},
    )
    return photo


@audited
def inspection_link_mystery_file(
    *, actor: Actor, inspection: Inspection, tracking_code: str
) -> Inspection:
    """The mystery shopper names the file they filed as a citizen (it must be at the office)."""
    inspection = _locked(inspection)
    _require_assigned(actor, inspection)
    _require_in_progress(inspection)
    if inspection.kind != InspectionKind.MYSTERY_SHOPPER:
        raise InvalidInput(
            _("Only a mystery shopper visit links a file."),
            code=SupervisionErrorCode.CHECKLIST_WRONG_KIND,
            field="tracking_code",
        )
    file = file_at_office(tracking_code, inspection.office)
    if file is None:
        raise InvalidInput(
            _("No file with this tracking code was filed at this office."),
            code=SupervisionErrorCode.MYSTERY_FILE_NOT_AT_OFFICE,
            field="tracking_code",
        )
    inspection.mystery_file = file
    inspection.save(update_fields=["mystery_file"])
    audit_record(
        actor=actor,
        action="inspection.mystery_file_linked",
        stream=STREAM,
        obj=inspection,
        after={"file": file.tracking_code},
    )
    return inspection


# --- sign-off -------------------------------------------------------------------------------

_CREDIT = {
    AnswerResult.COMPLIANT: Decimal(1),
    AnswerResult.PARTIAL: Decimal("0.5"),
    AnswerResult.NON_COMPLIANT: Decimal(0),
}


def _score(rows: list[dict]) -> Decimal:
    """Weighted share of the applicable items complied with (partly: half), in percent."""
    applicable = [row for row in rows if row["result"] != AnswerResult.NOT_APPLICABLE]
    total = sum(row["weight"] for row in applicable)
    if not total:
        return Decimal(100)
    earned = sum(row["weight"] * _CREDIT[row["result"]] for row in applicable)
    return (Decimal(100) * earned / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _snapshot(inspection: Inspection) -> list[dict]:
    items = list(
        ChecklistItem.objects.filter(section__version=inspection.checklist_id)
        .select_related("section")
        .order_by("section__order", "order")
    )
    answers = {a.item_id: a for a in inspection.answers.all()}
    photos: dict[int, list[str]] = {}
    for item_id, digest in inspection.photos.order_by("pk").values_list("item", "sha256"):
        photos.setdefault(item_id, []).append(digest)
    rows = []
    for item in items:
        answer = answers.get(item.pk)
        rows.append(
            {
                "item": item.pk,
                "code": item.code,
                "section": item.section.title_fa,
                "text": item.text_fa,
                "weight": item.weight,
                "evidence": item.evidence,
                "result": answer.result if answer else None,
                "note": answer.note if answer else "",
                "photos": photos.get(item.pk, []),
            }
        )
    return rows


def _missing(rows: list[dict]) -> list[str]:
    """Sentences naming what still blocks the sign-off."""
    reasons = []
    for row in rows:
        if row["result"] is None:
            reasons.append(_("«%(item)s» is not answered.") % {"item": row["text"][:80]})
        elif row["result"] != AnswerResult.NOT_APPLICABLE:
            if row["evidence"] in (Evidence.PHOTO, Evidence.DOCUMENT) and not row["photos"]:
                reasons.append(_("«%(item)s» needs a photo.") % {"item": row["text"][:80]})
            elif row["evidence"] == Evidence.NOTE and not row["note"]:
                reasons.append(_("«%(item)s» needs a written note.") % {"item": row["text"][:80]})
    return reasons


def _digest(payload: dict) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _current_declaration(office_id: int) -> SelfDeclaration | None:
    today = timezone.localdate()
    period = (
        GradingPeriod.objects.filter(starts_on__lte=today, ends_on__gte=today).first()
        or GradingPeriod.objects.filter(starts_on__lte=today).order_by("-starts_on").first()
    )
    if period is None:
        return None
    return (
        SelfDeclaration.objects.select_for_update().filter(office=office_id, period=period).first()
    )


def _declared(declaration: SelfDeclaration, field: str) -> bool:
    group, _dot, key = field.partition(".")
    values = getattr(declaration, group, None)
    return isinstance(values, dict) and values.get(key) is True


def _findings(
    inspection: Inspection, rows: list[dict], respond_by: datetime.date, *, only_items=None
) -> list[Finding]:
    items = ChecklistItem.objects.in_bulk([row["item"] for row in rows])
    kind = (
        FindingKind.MYSTERY_SHOPPER
        if inspection.kind == InspectionKind.MYSTERY_SHOPPER
        else FindingKind.NON_COMPLIANCE
    )
    findings, declaration = [], None
    for row in rows:
        if row["result"] not in (AnswerResult.NON_COMPLIANT, AnswerResult.PARTIAL):
            continue
        if only_items is not None and row["item"] not in only_items:
            continue
        item = items[row["item"]]
        description = item.text_fa + (f" — {row['note']}" if row["note"] else "")
        findings.append(
            Finding(
                inspection=inspection,
                office_id=inspection.office_id,
                item=item,
                kind=kind,
                severity=item.severity_if_failed,
                description=description,
                respond_by=respond_by,
            )
        )
        if item.verifies_declaration and row["result"] == AnswerResult.NON_COMPLIANT:
            declaration = declaration or _current_declaration(inspection.office_id)
            if declaration is not None and _declared(declaration, item.verifies_declaration):
                findings.append(
                    Finding(
                        inspection=inspection,
                        office_id=inspection.office_id,
                        item=item,
                        kind=FindingKind.FALSE_DECLARATION,
                        severity=Severity.MAJOR,
                        description=str(
                            _(
                                "The office declared «%(field)s» but the inspection found "
                                "otherwise: %(item)s"
                            )
                            % {"field": item.verifies_declaration, "item": item.text_fa}
                        ),
                        respond_by=respond_by,
                    )
                )
                if not declaration.found_false:
                    declaration.found_false = True
                    declaration.save(update_fields=["found_false"])
    return Finding.objects.bulk_create(findings)


def _respond_by(inspection: Inspection, at: datetime.datetime) -> datetime.date:
    return add_working_days(at, inspection.checklist.response_days).astimezone(TEHRAN).date()


def _follow_up_rows(inspection: Inspection) -> list[dict]:
    actions = CorrectiveAction.objects.filter(
        finding__inspection=inspection.follow_up_of_id
    ).select_related("finding")
    return [
        {
            "action": action.pk,
            "finding": action.finding_id,
            "description": action.description,
            "due_on": action.due_on.isoformat(),
            "status": action.status,
        }
        for action in actions
    ]


@audited
def inspection_submit(
    *, actor: Actor, inspection: Inspection, summary: str = ""
) -> InspectionReport:
    """Sign off: every item answered with its evidence, then the report (version 1, never
    changed again), the score and the findings with the office's deadline to respond."""
    inspection = _locked(inspection)
    _require_assigned(actor, inspection)
    _require_in_progress(inspection)
    now = timezone.now()
    if inspection.kind == InspectionKind.FOLLOW_UP:
        rows = _follow_up_rows(inspection)
        waiting = [row for row in rows if row["status"] == ActionStatus.AGREED]
        if waiting:
            raise InvalidInput(
                _("Mark every corrective action done or not done before signing off."),
                code=SupervisionErrorCode.INSPECTION_INCOMPLETE,
            )
        done = sum(1 for row in rows if row["status"] == ActionStatus.DONE)
        score = (
            (Decimal(100) * done / len(rows)).quantize(Decimal("0.01")) if rows else Decimal(100)
        )
        payload = {"actions": rows}
    else:
        rows = _snapshot(inspection)
        reasons = _missing(rows)
        if inspection.kind == InspectionKind.MYSTERY_SHOPPER and inspection.mystery_file_id is None:
            reasons.insert(0, _("Give the tracking code of the file you filed as a citizen."))
        if reasons:
            error = InvalidInput(
                _("The report cannot be signed off yet."),
                code=SupervisionErrorCode.INSPECTION_INCOMPLETE,
            )
            error.reasons = reasons
            raise error
        score = _score(rows)
        payload = {"items": rows}
    summary = _note(summary)
    payload.update(
        {
            "inspection": inspection.pk,
            "office": inspection.office_id,
            "checklist": inspection.checklist_id,
            "version": 1,
            "score": str(score),
            "summary": summary,
        }
    )
    report = InspectionReport.objects.create(
        inspection=inspection,
        version=1,
        answers=payload,
        summary=summary,
        score=score,
        content_sha256=_digest(payload),
        submitted_by=actor.user,
        submitted_at=now,
    )
    findings = []
    if inspection.kind != InspectionKind.FOLLOW_UP:
        findings = _findings(inspection, rows, _respond_by(inspection, now))
    inspection.status = InspectionStatus.SUBMITTED
    inspection.submitted_at = now
    inspection.score = score
    inspection.save(update_fields=["status", "submitted_at", "score"])
    audit_record(
        actor=actor,
        action="inspection.submitted",
        stream=STREAM,
        obj=report,
        summary=f"inspection {inspection.pk} of office {inspection.office_id}: {score}%",
        after={
            "score": str(score),
            "sha256": report.content_sha256,
            "findings": len(findings),
        },
    )
    return report


@audited
def inspection_report_correct(
    *,
    actor: Actor,
    inspection: Inspection,
    item: ChecklistItem | None,
    result: str,
    note: str,
    reason: str,
) -> InspectionReport:
    """Correct a submitted report's answer to one item: the next version of the report (the
    earlier ones stay as they were), with the reason; a newly failed item is a new finding."""
    inspection = _locked(inspection)
    if not (
        actor.is_user and (actor.user.pk == inspection.inspector_id or is_supervisor(actor.user))
    ):
        raise Forbidden(
            _("Only the inspector or the supervision unit may correct a report."),
            code=SupervisionErrorCode.NOT_THE_INSPECTOR,
        )
    if (
        inspection.status != InspectionStatus.SUBMITTED
        or inspection.kind == InspectionKind.FOLLOW_UP
    ):
        raise Conflict(
            _("The inspection has no submitted report to correct."),
            code=SupervisionErrorCode.REPORT_NOT_SUBMITTED,
        )
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInput(
            _("Give the reason for the correction."), code=CoreErrorCode.REQUIRED, field="reason"
        )
    item = _item_of(inspection, item)
    if result not in AnswerResult.values:
        raise InvalidInput(
            _("Choose whether the office complies."), code=CoreErrorCode.REQUIRED, field="result"
        )
    note = _note(note)
    previous = inspection.reports.order_by("-version").first()
    old = next((row for row in previous.answers["items"] if row["item"] == item.pk), None)
    InspectionAnswer.objects.update_or_create(
        inspection=inspection, item=item, defaults={"result": result, "note": note}
    )
    rows = _snapshot(inspection)
    score = _score(rows)
    now = timezone.now()
    payload = {
        **previous.answers,
        "items": rows,
        "version": previous.version + 1,
        "score": str(score),
        "correction": reason,
    }
    report = InspectionReport.objects.create(
        inspection=inspection,
        version=previous.version + 1,
        supersedes=previous,
        answers=payload,
        summary=previous.summary,
        correction_reason=reason,
        score=score,
        content_sha256=_digest(payload),
        submitted_by=actor.user,
        submitted_at=now,
    )
    newly_failed = (
        {item.pk}
        if result in (AnswerResult.NON_COMPLIANT, AnswerResult.PARTIAL)
        and (old is None or old["result"] not in (AnswerResult.NON_COMPLIANT, AnswerResult.PARTIAL))
        else set()
    )
    if newly_failed:
        _findings(inspection, rows, _respond_by(inspection, now), only_items=newly_failed)
    inspection.score = score
    inspection.save(update_fields=["score"])
    audit_record(
        actor=actor,
        action="inspection.report_corrected",
        stream=STREAM,
        obj=report,
        summary=f"inspection {inspection.pk} report v{report.version}",
        after={
            "version": report.version,
            "item": item.code,
            "result": result,
            "reason": reason,
            "sha256": report.content_sha256,
        },
    )
    return report


# --- the office's side ------------------------------------------------------------------------


def _require_manager_of(actor: Actor, office_id: int) -> None:
    user = actor.user if actor.is_user else None
    own = office_of_user(user) if user is not None else None
    if own is None or own.pk != office_id or not user_has_role(user, Role.OFFICE_MANAGER):
        raise Forbidden(
            _("Only the office's manager may answer its findings."),
            code=CoreErrorCode.FORBIDDEN,
        )


class _Day:
    """A date filled into a message in the reader's calendar and digits."""

    def __init__(self, day: datetime.date) -> None:
        self.day = day

    def __str__(self) -> str:
        return format_date(self.day, language=get_language() or "fa")


def _locked_finding(finding: Finding) -> Finding:
    return Finding.objects.select_for_update().get(pk=finding.pk)


@audited
def finding_respond(*, actor: Actor, finding: Finding, response: str) -> Finding:
    """The office manager answers a finding, within the working days the checklist allows."""
    finding = _locked_finding(finding)
    _require_manager_of(actor, finding.office_id)
    if finding.status != FindingStatus.OPEN:
        raise Conflict(
            _("This finding has already been answered."), code=SupervisionErrorCode.FINDING_NOT_OPEN
        )
    if timezone.localdate() > finding.respond_by:
        raise Conflict(
            _("The window to respond closed on %(day)s; the finding stands as found."),
            code=SupervisionErrorCode.RESPONSE_DEADLINE_PASSED,
            field="response",
            params={"day": _Day(finding.respond_by)},
        )
    response = (response or "").strip() if isinstance(response, str) else ""
    if not response:
        raise InvalidInput(
            _("Write the office's response."), code=CoreErrorCode.REQUIRED, field="response"
        )
    finding.response = response[:NOTE_MAX_LENGTH]
    finding.responded_at = timezone.now()
    finding.responded_by = actor.user
    finding.status = FindingStatus.RESPONDED
    finding.save(update_fields=["response", "responded_at", "responded_by", "status"])
    audit_record(
        actor=actor,
        action="finding.responded",
        stream=STREAM,
        obj=finding,
        after={"response": finding.response},
    )
    return finding


@audited
def corrective_action_agree(
    *, actor: Actor, finding: Finding, description: str, due_on: datetime.date | None
) -> CorrectiveAction:
    """The office manager commits to a corrective action by a date after today; a follow-up
    inspection checks it."""
    finding = _locked_finding(finding)
    _require_manager_of(actor, finding.office_id)
    if finding.status not in (FindingStatus.OPEN, FindingStatus.RESPONDED):
        raise Conflict(
            _("A corrective action has already been agreed for this finding."),
            code=SupervisionErrorCode.FINDING_NOT_OPEN,
        )
    description = (description or "").strip() if isinstance(description, str) else ""
    if not description:
        raise InvalidInput(
            _("Say what the office will do."), code=CoreErrorCode.REQUIRED, field="description"
        )
    if due_on is None or due_on <= timezone.localdate():
        raise InvalidInput(
            _("The deadline must be after today."),
            code=SupervisionErrorCode.ACTION_DUE_NOT_FUTURE,
            field="due_on",
        )
    action = CorrectiveAction.objects.create(
        finding=finding,
        description=description[:NOTE_MAX_LENGTH],
        due_on=due_on,
        agreed_by=actor.user,
        agreed_at=timezone.now(),
    )
    finding.status = FindingStatus.ACTION_AGREED
    finding.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="finding.action_agreed",
        stream=STREAM,
        obj=action,
        after={"finding": finding.pk, "due_on": due_on.isoformat(), "description": description},
    )
    return action


@audited
def corrective_action_verify(
    *, actor: Actor, inspection: Inspection, action: CorrectiveAction, done: bool
) -> CorrectiveAction:
    """On a follow-up inspection the inspector marks each agreed action done or not done; the
    finding is resolved or stays unresolved."""
    inspection = _locked(inspection)
    _require_assigned(actor, inspection)
    _require_in_progress(inspection)
    action = (
        CorrectiveAction.objects.select_for_update().select_related("finding").get(pk=action.pk)
    )
    if (
        inspection.kind != InspectionKind.FOLLOW_UP
        or action.finding.inspection_id != inspection.follow_up_of_id
    ):
        raise InvalidInput(
            _("This inspection does not follow up that corrective action."),
            code=SupervisionErrorCode.NOT_FOLLOW_UP,
        )
    action.status = ActionStatus.DONE if done else ActionStatus.FAILED
    action.verified_by = inspection
    action.save(update_fields=["status", "verified_by"])
    finding = _locked_finding(action.finding)
    finding.status = FindingStatus.RESOLVED if done else FindingStatus.UNRESOLVED
    finding.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="finding.action_verified",
        stream=STREAM,
        obj=action,
        after={"inspection": inspection.pk, "done": bool(done)},
    )
    return action
