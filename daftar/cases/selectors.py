"""Reads for files: inboxes by role, a file's page, public tracking."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.cases.models import Attachment, File, FileEvent
from daftar.cases.permissions import file_visible_to, user_department
from daftar.cases.timeline import TimelineEntry, timeline_entries
from daftar.offices.selectors import office_of_user

# The states a role's home counts (the inbox filters by state code: `?state=<code>`).
STATE_AWAITING_PAYMENT = "awaiting_payment"
STATE_CORRECTION = "correction_requested"

_LIST_RELATED = ("service", "state", "office", "department")
# What a list of files shows (tracking code and link, service, status, dates): the rows carry
# nothing else, so a page of a big queue reads no form data, offices or departments.
_LIST_COLUMNS = (
    "tracking_code",
    "submitted_at",
    "state_due_at",
    "breached_at",
    "service__title_fa",
    "service__title_en",
    "state__name_fa",
    "state__name_en",
)


def inbox(user, *, state: str | None = None, breached: bool = False) -> QuerySet[File]:
    """The files `user` works on, most urgent first, with the columns a list shows.

    A reviewer sees the department's queue (files waiting in the department), by time left
    under the SLA; office staff see their office's files, newest first; a citizen their own.
    """
    roles = user_roles(user)
    files = file_visible_to(user).select_related("service", "state").only(*_LIST_COLUMNS)
    if Role.DEPARTMENT_REVIEWER in roles and user_department(user) is not None:
        files = files.filter(department=user_department(user), in_department=True)
        ordering = [F("state_due_at").asc(nulls_last=True), "pk"]
    elif roles & {Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER} and office_of_user(user):
        files = files.filter(office=office_of_user(user))
        ordering = ["-submitted_at", "-pk"]
    else:
        ordering = ["-submitted_at", "-pk"]
    if state:
        files = files.filter(state__code=state)
    if breached:
        files = files.filter(breached_at__isnull=False)
    return files.order_by(*ordering)


def file_for_user(user, tracking_code: str) -> File | None:
    return (
        file_visible_to(user)
        .select_related(
            *_LIST_RELATED, "citizen", "tariff", "tariff__decision", "assignee", "operator"
        )
        .filter(tracking_code=tracking_code)
        .first()
    )


def file_timeline(file: File, *, public_only: bool) -> list[TimelineEntry]:
    """The file's timeline as sentences with who and when (`cases.timeline`), oldest first;
    events at the same instant keep the order they were written in."""
    events = file.events.order_by("at", "pk")
    if public_only:
        events = events.filter(public=True)
    return timeline_entries(file, events)


def file_attachments(file: File) -> list[Attachment]:
    """The file's documents, oldest first, each with its `title` — the service's name for the
    document ("Title deed"), never its code (`deed`)."""
    attachments = list(file.attachments.order_by("uploaded_at"))
    if attachments:
        titles = _document_titles(file.service)
        for attachment in attachments:
            attachment.title = titles.get(attachment.document) or attachment.document
    return attachments


def _document_titles(service) -> dict[str, str]:
    """Code → title of what a file of `service` may attach: its required documents and its
    form's file fields."""
    titles = {field.name: field.label for field in service.fields.all() if field.type == "file"}
    titles.update({document.code: document.title for document in service.documents.all()})
    return titles


def file_form_answers(file: File) -> list[tuple[str, str]]:
    """(label, answer) of each form field the file answered, in the form's order; a choice is
    shown by its label in the reader's language ("Group 1: districts 1, 2, 3 and 6"), never
    by the stored value."""
    answers = []
    for field in file.service.fields.all():
        if field.name not in file.form_data or field.type == "file":
            continue
        value = file.form_data[field.name]
        answers.append((field.label, field.display_value(value)))
    return answers


def file_track(tracking_code: str, national_code: str) -> File | None:
    """Public lookup: both must match; reveals status and the public timeline only."""
    return (
        File.objects.select_related("service", "state", "department", "office")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=FileEvent.objects.filter(public=True).order_by("at", "pk"),
                to_attr="public_events",
            )
        )
        .filter(tracking_code=tracking_code, national_code=national_code)
        .first()
    )


def file_by_tracking_code(tracking_code: str) -> File | None:
    """The file with this tracking code, or None; for staff whose access the caller has
    checked (the treasury)."""
    return File.objects.filter(tracking_code=tracking_code).first()


def file_of_partner(tracking_code: str, partner) -> File | None:
    """The file with this tracking code if the partner app `partner` opened it, else None."""
    return File.objects.filter(tracking_code=tracking_code, partner=partner).first()


def file_by_pk(pk) -> File:
    """The file `pk` (File.DoesNotExist if there is none), for callers that checked access."""
    return File.objects.get(pk=pk)


def files_among(pks) -> QuerySet[File]:
    """The files whose ids are in `pks` (ids or a subquery of ids), with their service."""
    return File.objects.filter(pk__in=pks).select_related("service")


def inbox_counts(user) -> dict[str, int]:
    """What a role's home counts in `user`'s inbox, in one query: files still open, waiting
    for payment, sent back for a correction, past their deadline, and due by the end of today.
    Each count is what the inbox shows under the matching filter (`?state=…`, `?breached=1`)."""
    end_of_today = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=1), datetime.time()
        )
    )
    still_open = Q(closed_at__isnull=True, state__is_terminal=False)
    return (
        inbox(user)
        .order_by()
        .aggregate(
            total=Count("pk"),
            open=Count("pk", filter=still_open),
            awaiting_payment=Count("pk", filter=Q(state__code=STATE_AWAITING_PAYMENT)),
            correction=Count("pk", filter=Q(state__code=STATE_CORRECTION)),
            breached=Count("pk", filter=Q(breached_at__isnull=False)),
            due_today=Count("pk", filter=still_open & Q(state_due_at__lt=end_of_today)),
        )
    )
