"""The working calendar: official holidays (kept by the catalogue and system administrators,
loaded yearly from the calendar team's files) and each office's weekly hours and closures
(kept by its manager and the supervision unit).

A holiday added or removed moves the deadlines that count it: `core.calendar.calendar_changed`
runs, in the same transaction, what the apps above registered (cases recomputes the deadlines
of open files not yet due and says why on their timelines). So a holiday and the deadlines it
moves commit, or roll back, together.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_nothing_changed, audit_record, audited, office_stream
from daftar.core import calendar
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from daftar.core.jalali import fiscal_year, format_date, jalali_year_bounds
from daftar.core.models import Holiday
from daftar.core.numbers import local_digits
from daftar.core.official_calendar import by_day, official_years
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import Office, OfficeClosure
from daftar.offices.permissions import can_keep_calendar, can_keep_office_hours
from daftar.offices.services.registry import office_set_hours, require_operable

CALENDAR_STREAM = "calendar"


@dataclass(frozen=True, slots=True)
class HolidayChange:
    """What adding or removing one holiday did."""

    holiday: Holiday
    rest_day: bool  # a Friday: already a rest day, so no deadline moved
    changed: dict[str, int] = field(default_factory=dict)  # listener → how many it changed

    @property
    def files_changed(self) -> int:
        return sum(self.changed.values())


@dataclass(frozen=True, slots=True)
class HolidaysLoaded:
    year: int
    added: list[datetime.date]
    updated: list[datetime.date]
    removed: list[datetime.date]
    changed: int  # deadlines moved, summed over the days


def _today() -> datetime.date:
    return timezone.localdate(timezone.now(), calendar.TEHRAN)


def _require_keeper(actor: Actor) -> None:
    if actor.user is not None and not can_keep_calendar(actor.user):
        raise Forbidden(
            _("Only the catalogue and system administrators keep the holiday calendar."),
            code=OfficesErrorCode.CALENDAR_KEEPERS_ONLY,
        )


def _require_not_past(day: datetime.date) -> None:
    if day < _today():
        raise InvalidInput(
            _("%(date)s has passed; only today or a later day can change."),
            code=OfficesErrorCode.HOLIDAY_IN_PAST,
            field="date",
            params={"date": format_date(day, language=translation.get_language() or "fa")},
        )


def _why(template, row: Holiday) -> str:
    """The sentence the files' timelines keep, in Persian (stored, as the timeline's notes are)."""
    with translation.override("fa"):
        return str(template) % {
            "date": format_date(row.date, language="fa"),
            "name": row.name_fa,
        }


_ADDED = _("%(date)s (%(name)s) was declared a holiday.")
_REMOVED = _("%(date)s (%(name)s) is no longer a holiday.")


def _changed(*, actor: Actor, row: Holiday, added: bool) -> dict[str, int]:
    why = _why(_ADDED if added else _REMOVED, row)
    change = calendar.CalendarChange(day=row.date, added=added, why=why)
    return calendar.calendar_changed(actor=actor, change=change)


@audited
def holiday_add(
    *, actor: Actor, day: datetime.date, name_fa: str, name_en: str = "", reason: str = ""
) -> HolidayChange:
    """Declare `day` a holiday (today or later, in a year that has an official calendar) and
    move the deadlines that counted it as a working day."""
    _require_keeper(actor)
    name_fa, name_en, reason = name_fa.strip(), name_en.strip(), reason.strip()
    if not name_fa:
        raise InvalidInput(
            _("Write the holiday's name in Persian."),
            code=OfficesErrorCode.HOLIDAY_NAME_REQUIRED,
            field="name_fa",
        )
    _require_not_past(day)
    if fiscal_year(day) not in official_years():
        raise InvalidInput(
            _("The year %(year)s has no official calendar of holidays yet; load it first."),
            code=OfficesErrorCode.HOLIDAY_YEAR_UNKNOWN,
            field="date",
            params={"year": local_digits(str(fiscal_year(day)))},
        )
    if calendar.holiday_on(day) is not None:
        raise Conflict(
            _("%(date)s is already a holiday."),
            code=OfficesErrorCode.HOLIDAY_EXISTS,
            field="date",
            params={"date": format_date(day, language=translation.get_language() or "fa")},
        )
    row, _created = calendar.holiday_row_write(
        day=day, name_fa=name_fa, name_en=name_en, kind=Holiday.Kind.DECREED, reason=reason
    )
    rest_day = day.weekday() in calendar.REST_WEEKDAYS
    changed = {} if rest_day else _changed(actor=actor, row=row, added=True)
    audit_record(
        actor=actor,
        action="holiday.added",
        stream=CALENDAR_STREAM,
        obj=row,
        summary=f"holiday {day.isoformat()} added; {sum(changed.values())} deadline(s) moved",
        after={
            "date": day.isoformat(),
            "name_fa": name_fa,
            "name_en": name_en,
            "reason": reason,
            "deadlines_moved": changed,
        },
    )
    return HolidayChange(holiday=row, rest_day=rest_day, changed=changed)


@audited
def holiday_remove(*, actor: Actor, day: datetime.date) -> HolidayChange:
    """Make `day` (today or later) a working day again and move back the deadlines counted
    past it."""
    _require_keeper(actor)
    row = calendar.holiday_on(day)
    if row is None:
        raise NotFound(
            _("%(date)s is not a holiday."),
            code=OfficesErrorCode.HOLIDAY_NOT_FOUND,
            field="date",
            params={"date": format_date(day, language=translation.get_language() or "fa")},
        )
    _require_not_past(day)
    before = {
        "date": day.isoformat(),
        "name_fa": row.name_fa,
        "name_en": row.name_en,
        "kind": row.kind,
        "reason": row.reason,
    }
    pk = row.pk
    calendar.holiday_row_delete(row)
    row.pk = pk  # for the audit entry and the answer
    rest_day = day.weekday() in calendar.REST_WEEKDAYS
    changed = {} if rest_day else _changed(actor=actor, row=row, added=False)
    audit_record(
        actor=actor,
        action="holiday.removed",
        stream=CALENDAR_STREAM,
        object_type="core.holiday",
        object_id=pk,
        summary=f"holiday {day.isoformat()} removed; {sum(changed.values())} deadline(s) moved",
        before=before,
        after={"deadlines_moved": changed},
    )
    return HolidayChange(holiday=row, rest_day=rest_day, changed=changed)


@audited
def holidays_load(*, actor: Actor, year: int) -> HolidaysLoaded:
    """Make the stored holidays of `year` those of its official calendar file: add the days
    missing, update names and kinds, remove official days the file no longer lists (today or
    later only: past days are history). Holidays declared by hand are kept. Idempotent: a
    second run changes nothing and writes no audit entry."""
    _require_keeper(actor)
    official = {entry.day: entry for entry in by_day(year)}  # DataFileError if no file
    stored = {row.date: row for row in calendar.holidays_in(*jalali_year_bounds(year))}
    added, updated, removed, moved = [], [], [], 0
    for day, entry in official.items():
        row = stored.get(day)
        wanted = {
            "name_fa": entry.name_fa,
            "name_en": entry.name_en,
            "kind": entry.kind,
            "provisional": entry.provisional,
        }
        if row is not None and all(getattr(row, key) == value for key, value in wanted.items()):
            continue
        new, created = calendar.holiday_row_write(day=day, reason="", **wanted)
        if created:
            added.append(day)
            if day.weekday() not in calendar.REST_WEEKDAYS:
                moved += sum(_changed(actor=actor, row=new, added=True).values())
        else:
            updated.append(day)
    today = _today()
    for day, row in stored.items():
        if day in official or row.kind == Holiday.Kind.DECREED or day < today:
            continue
        calendar.holiday_row_delete(row)
        removed.append(day)
        if day.weekday() not in calendar.REST_WEEKDAYS:
            moved += sum(_changed(actor=actor, row=row, added=False).values())
    if not (added or updated or removed):
        audit_nothing_changed()
        return HolidaysLoaded(year=year, added=[], updated=[], removed=[], changed=0)
    audit_record(
        actor=actor,
        action="holidays.loaded",
        stream=CALENDAR_STREAM,
        object_type="core.holiday",
        object_id=year,
        summary=f"official holidays of {year}: {len(added)} added, {len(updated)} updated, "
        f"{len(removed)} removed; {moved} deadline(s) moved",
        after={
            "year": year,
            "added": [day.isoformat() for day in added],
            "updated": [day.isoformat() for day in updated],
            "removed": [day.isoformat() for day in removed],
            "deadlines_moved": moved,
        },
    )
    return HolidaysLoaded(year=year, added=added, updated=updated, removed=removed, changed=moved)


# --- office hours and closures ----------------------------------------------------------------


def _require_hours_keeper(actor: Actor, office: Office) -> None:
    if actor.user is not None and not can_keep_office_hours(actor.user, office):
        raise Forbidden(
            _("Only the office's manager and the supervision unit change its hours and closures."),
            code=OfficesErrorCode.HOURS_KEEPERS_ONLY,
        )


@audited
def office_closure_add(
    *, actor: Actor, office: Office, day: datetime.date, reason: str
) -> OfficeClosure:
    """Close the office for the whole of `day` (today or later), with a reason the public sees."""
    _require_hours_keeper(actor, office)
    require_operable(office)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            _("Write why the office is closed; citizens see it."),
            code=OfficesErrorCode.CLOSURE_REASON_REQUIRED,
            field="reason",
        )
    if day < _today():
        raise InvalidInput(
            _("%(date)s has passed; a closure is for today or a later day."),
            code=OfficesErrorCode.CLOSURE_IN_PAST,
            field="date",
            params={"date": format_date(day, language=translation.get_language() or "fa")},
        )
    if OfficeClosure.objects.filter(office=office, date=day).exists():
        raise Conflict(
            _("The office is already closed on %(date)s."),
            code=OfficesErrorCode.CLOSURE_EXISTS,
            field="date",
            params={"date": format_date(day, language=translation.get_language() or "fa")},
        )
    closure = OfficeClosure.objects.create(
        office=office, date=day, reason=reason, created_by=actor.user
    )
    audit_record(
        actor=actor,
        action="office.closure_added",
        stream=office_stream(office.code),
        obj=closure,
        after={"date": day.isoformat(), "reason": reason},
    )
    return closure


@audited
def office_closure_remove(*, actor: Actor, office: Office, day: datetime.date) -> None:
    """Open the office again on `day` (today or later) as its weekly hours say."""
    _require_hours_keeper(actor, office)
    closure = OfficeClosure.objects.filter(office=office, date=day).first()
    if closure is None:
        raise NotFound(
            _("The office has no closure on %(date)s."),
            code=OfficesErrorCode.CLOSURE_NOT_FOUND,
            field="date",
            params={"date": format_date(day, language=translation.get_language() or "fa")},
        )
    if day < _today():
        raise InvalidInput(
            _("%(date)s has passed; a closure is for today or a later day."),
            code=OfficesErrorCode.CLOSURE_IN_PAST,
            field="date",
            params={"date": format_date(day, language=translation.get_language() or "fa")},
        )
    audit_record(
        actor=actor,
        action="office.closure_removed",
        stream=office_stream(office.code),
        obj=closure,
        before={"date": day.isoformat(), "reason": closure.reason},
    )
    closure.delete()


@audited
def office_hours_set(
    *, actor: Actor, office: Office, hours: list[tuple[int, datetime.time, datetime.time]]
) -> Office:
    """The weekly hours, set from the hours page: `office_set_hours` for the people who may."""
    _require_hours_keeper(actor, office)
    return office_set_hours(actor=actor, office=office, hours=hours)
