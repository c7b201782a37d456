"""Deadlines moved when the holiday calendar changes.

A holiday added (or removed) between the day a file entered its status and its deadline moves
that deadline one working day later (or earlier): the SLA counts working days, and the day
just changed its nature. `core.calendar` calls `deadlines_follow_calendar` inside the
transaction of the holiday's change (registered in `CasesConfig.ready`; offices' calendar
services sit below cases and cannot call it directly).

Only deadlines not yet due move — a file already late stays late, as it was when the day was
an ordinary one. Closed files do not move. Each file moved gets a timeline event saying why,
and the change's audit entry lists the files with their old and new deadlines.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from daftar.audit.services import audit_record
from daftar.cases.choices import EventKind
from daftar.cases.models import File, FileEvent
from daftar.core.actors import Actor
from daftar.core.calendar import (
    TEHRAN,
    CalendarChange,
    deadline_on_new_calendar,
    on_calendar_change,
)

CALENDAR_LABEL = "calendar"
# (deadline field, the moment its count starts from)
_DEADLINES = (("state_due_at", "state_entered_at"), ("due_at", "submitted_at"))


@on_calendar_change
def deadlines_follow_calendar(*, actor: Actor, change: CalendarChange) -> int:
    """Move the deadlines of open files that counted `change.day` and are not yet due;
    how many files moved."""
    now = timezone.now()
    day_starts = datetime.datetime.combine(change.day, datetime.time.min, tzinfo=TEHRAN)
    not_before = max(now, day_starts)
    # A deadline counts the day when it began before the day and ends on it or later.
    counted = Q()
    for deadline, start in _DEADLINES:
        counted |= Q(**{f"{deadline}__gte": not_before, f"{start}__lt": day_starts})
    before, after = change.calendars()
    files = list(
        File.objects.select_for_update()
        .filter(counted, closed_at__isnull=True)
        .only("pk", "tracking_code", *(name for pair in _DEADLINES for name in pair))
        .order_by("pk")
    )
    moved: list[File] = []
    record: dict[str, dict[str, list[str]]] = {}
    for file in files:
        changes = {}
        for deadline, start in _DEADLINES:
            due, begun = getattr(file, deadline), getattr(file, start)
            if due is None or due < not_before or begun >= day_starts:
                continue
            new = deadline_on_new_calendar(begun, due, before=before, after=after)
            if new != due:
                setattr(file, deadline, new)
                changes[deadline] = [due.isoformat(), new.isoformat()]
        if changes:
            moved.append(file)
            record[file.tracking_code] = changes
    if not moved:
        return 0
    File.objects.bulk_update(moved, ["state_due_at", "due_at"], batch_size=500)
    File.objects.filter(pk__in=[file.pk for file in moved]).update(updated_at=now)
    FileEvent.objects.bulk_create(
        [
            FileEvent(
                file=file,
                at=now,
                kind=EventKind.DEADLINE,
                actor_label=CALENDAR_LABEL,  # the citizen reads "the holiday calendar"
                action="later" if change.added else "earlier",
                reason=change.why,
                public=True,
            )
            for file in moved
        ],
        batch_size=500,
    )
    audit_record(
        actor=actor,
        action="files.deadlines_moved",
        stream="calendar",
        object_type="core.holiday",
        object_id=change.day.isoformat(),
        summary=f"{len(moved)} file deadline(s) moved: {change.day.isoformat()} "
        f"{'added to' if change.added else 'removed from'} the holidays",
        after={"day": change.day.isoformat(), "added": change.added, "files": record},
    )
    return len(moved)
