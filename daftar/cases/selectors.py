"""Reads for files: inboxes by role, the two deadlines of a file, a file's page (what happens
next, the correction asked for, receipts), public tracking."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.cases.choices import CallbackStatus
from daftar.cases.models import (
    EARLIEST_DEADLINE,
    Attachment,
    CallbackTask,
    File,
    FileEvent,
    Rating,
)
from daftar.cases.permissions import file_visible_to, user_department
from daftar.cases.routing import files_handled_by, pending_sign_offs_of
from daftar.cases.timeline import TimelineEntry, timeline_entries
from daftar.catalogue.selectors import service_definition_of_version
from daftar.core.calendar import (
    TEHRAN,
    add_working_days,
    holidays_between,
    working_days_between,
)
from daftar.core.identifiers import normalize_national_code
from daftar.core.tracking import normalize_tracking_code
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
    "state_entered_at",
    "state_due_at",
    "due_at",
    "breached_at",
    "closed_at",
    "service__title_fa",
    "service__title_en",
    "state__name_fa",
    "state__name_en",
    "assignee_id",
)


# The inbox's deadline filter: every choice is one more condition on the same query.
DEADLINE_FILTERS = ("overdue", "due_soon", "on_time")
# "Due soon": the deadline of this status falls within this many working days.
DUE_SOON_WORKING_DAYS = 2


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline of a file and where `now` stands against it, in working days.

    `days_left` counts whole working days from today up to the deadline's day (0: due today);
    once it has passed, `days_late` counts them the other way."""

    due_at: datetime.datetime
    overdue: bool
    days_left: int
    days_late: int


@dataclass(frozen=True, slots=True)
class FileDeadlines:
    """The two deadlines a file has, named as the pages name them: the deadline of this
    status (مهلت این مرحله, `File.state_due_at`, set by the workflow engine from the status's
    SLA each time the file moves) and the deadline of the whole file (مهلت کل پرونده,
    `File.due_at`, set once at submission from the service's SLA)."""

    state: Deadline | None
    overall: Deadline | None

    @property
    def overdue(self) -> bool:
        return any(d is not None and d.overdue for d in (self.state, self.overall))


def _deadline(
    due_at: datetime.datetime | None, now: datetime.datetime, holidays
) -> Deadline | None:
    if due_at is None:
        return None
    if due_at >= now:
        return Deadline(due_at, False, working_days_between(now, due_at, holidays=holidays), 0)
    late = working_days_between(due_at, now, holidays=holidays)
    return Deadline(due_at, True, 0, max(late, 1))


def file_deadlines(
    file: File, *, now: datetime.datetime | None = None, holidays=None
) -> FileDeadlines:
    """Both deadlines of `file` as every page shows them (the inbox rows, the file's page):
    one computation, so no two pages can disagree. A closed file has none left to meet.
    Working days are counted on core.calendar's holidays (data); `holidays` is given by
    `files_deadlines`, which reads them once for a whole page."""
    if file.closed_at is not None:
        return FileDeadlines(None, None)
    now = now or timezone.now()
    return FileDeadlines(
        _deadline(file.state_due_at, now, holidays), _deadline(file.due_at, now, holidays)
    )


def files_deadlines(
    files, *, now: datetime.datetime | None = None
) -> list[tuple[File, FileDeadlines]]:
    """Each of `files` with its deadlines, the holidays read once (one query per page, however
    many rows)."""
    files = list(files)
    now = now or timezone.now()
    moments = [now] + [d for f in files for d in (f.state_due_at, f.due_at) if d is not None]
    first = min(moments).astimezone(TEHRAN).date()
    last = max(moments).astimezone(TEHRAN).date()
    holidays = holidays_between(first, last)
    return [(f, file_deadlines(f, now=now, holidays=holidays)) for f in files]


@dataclass(frozen=True, slots=True)
class InboxSearch:
    """What the inbox's search box was given: a tracking code, a national code, or neither
    (an empty or unusable query searches nothing and says so)."""

    tracking_code: str = ""
    national_code: str = ""
    invalid: bool = False

    @classmethod
    def parse(cls, query: str) -> InboxSearch:
        """A valid tracking code (12 digits, Verhoeff check) is searched as one, a valid
        national code (10 digits, mod-11 check) exactly as one; anything else is `invalid`.
        Persian digits, spaces and dashes are accepted in both."""
        query = (query or "").strip()
        if not query:
            return cls()
        try:
            return cls(tracking_code=normalize_tracking_code(query))
        except ValidationError:
            pass
        try:
            return cls(national_code=normalize_national_code(query))
        except ValidationError:
            return cls(invalid=True)

    def __bool__(self) -> bool:
        return bool(self.tracking_code or self.national_code or self.invalid)


# Beyond this many rows (a page number in the hundreds) the two-step queue would put too long
# a list of ids in one query; the single query is slower but bounded by the same index.
TWO_STEP_AT_MOST = 5_000


def inbox(
    user,
    *,
    state: str | None = None,
    breached: bool = False,
    deadline: str = "",
    search: InboxSearch | None = None,
    newest_first: bool = False,
    assigned_to_me: bool = False,
    handled: bool = False,
    now: datetime.datetime | None = None,
    upto: int | None = None,
) -> QuerySet[File]:
    """The files `user` works on, most urgent first, with the columns a list shows.

    A reviewer sees the department's queue (files waiting in the department): the overdue
    first (the longest overdue on top), then by the deadline of their status, soonest first —
    or, with `newest_first`, the files that arrived last on top (in urgency order the newest
    file is due last, so a long queue would show it on its last page); office staff see their
    office's files, newest first; a citizen their own. Every filter
    (status, deadline, search by tracking code or exact national code, `assigned_to_me`: the
    files the department's head assigned to this reviewer) narrows the same one query, so a
    page costs the same number of queries whatever is chosen. With `handled`, a reviewer sees
    instead the files their department handled and passed on (to read, latest move first;
    ADR 0031).

    `upto`: the list will be read no further than this many rows (a page and its paginator's
    horizon, core.pagination). A reviewer's queue with files waiting for the department's
    sign-off is then built in two steps, each on an index (below); without it (the home's
    counts) the list is whole.
    """
    now = now or timezone.now()
    roles = user_roles(user)
    files = _narrowed(
        file_visible_to(user).select_related("service", "state").only(*_LIST_COLUMNS),
        user,
        state=state,
        breached=breached,
        deadline=deadline,
        search=search,
        assigned_to_me=assigned_to_me,
        now=now,
    )
    department = user_department(user) if Role.DEPARTMENT_REVIEWER in roles else None
    if handled and department is not None:
        files = files.filter(pk__in=files_handled_by(department))
        ordering = ["-state_entered_at", "-pk"]
    elif department is not None:
        # Its queue, and the files waiting for its sign-off in parallel (cases/routing.py).
        # The sign-offs are read first, as ids (a few at most): with none — the usual case —
        # the queue is one ordered scan of the partial index file_queue_deadline_idx; an OR
        # with a subquery there made PostgreSQL sort the whole table (B2 at a million files:
        # 783 ms p95 instead of 33 ms, docs/benchmarks.md).
        queue = Q(department=department, in_department=True)
        signing = list(pending_sign_offs_of(department).values_list("file_id", flat=True))
        # Earliest deadline first: every file past either deadline comes before every file
        # still in time, the longest overdue on top. Read in this order from the partial
        # index file_queue_deadline_idx (ADR 0020).
        ordering = [EARLIEST_DEADLINE.asc(nulls_last=True), "pk"]
        if newest_first:
            ordering = ["-state_entered_at", "-pk"]
        if upto is not None and upto <= TWO_STEP_AT_MOST:
            # Even one sign-off in the OR made PostgreSQL read and sort the department's whole
            # queue (a finance reviewer at a million files: 13 ms to count, 20 ms for a page).
            # So the queue's first `upto` ids are read alone, in index order, and the page is
            # those and the sign-offs, both under the filters. Always, so a page costs the
            # same queries with or without sign-offs.
            queued = files.filter(queue).order_by(*ordering)
            first = list(queued.values_list("pk", flat=True)[:upto])
            files = files.filter(pk__in=first + signing)
        else:
            files = files.filter(queue | Q(pk__in=signing) if signing else queue)
    elif roles & {Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER} and office_of_user(user):
        files = files.filter(office=office_of_user(user))
        ordering = ["-submitted_at", "-pk"]
    else:
        ordering = ["-submitted_at", "-pk"]
    return files.order_by(*ordering)


def _narrowed(
    files: QuerySet[File],
    user,
    *,
    state: str | None,
    breached: bool,
    deadline: str,
    search: InboxSearch | None,
    assigned_to_me: bool,
    now: datetime.datetime,
) -> QuerySet[File]:
    """`files` under the inbox's filters (each one more AND, so they apply before or after the
    role's own condition alike)."""
    if state:
        files = files.filter(state__code=state)
    if breached:
        files = files.filter(breached_at__isnull=False)
    if assigned_to_me:
        files = files.filter(assignee=user)
    open_files = Q(closed_at__isnull=True)
    if deadline == "overdue":
        files = files.filter(open_files & (Q(state_due_at__lt=now) | Q(due_at__lt=now)))
    elif deadline == "due_soon":
        soon = add_working_days(now, DUE_SOON_WORKING_DAYS)
        files = files.filter(open_files, state_due_at__gte=now, state_due_at__lte=soon)
    elif deadline == "on_time":
        files = files.filter(open_files).exclude(state_due_at__lt=now).exclude(due_at__lt=now)
    if search:
        if search.invalid:
            files = files.none()
        elif search.tracking_code:
            files = files.filter(tracking_code=search.tracking_code)
        else:
            files = files.filter(national_code=search.national_code)
    return files


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
        titles = _document_titles(file_definition(file))
        for attachment in attachments:
            attachment.title = titles.get(attachment.document) or attachment.document
    return attachments


def file_definition(file: File):
    """The service definition `file` was opened with (catalogue ADR 0024): its form fields and
    documents, read like a service's (`.fields.all()`, `.documents.all()`) — a later version
    of the service never changes what an existing file asks or shows."""
    return service_definition_of_version(file.service, file.service_version)


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
    for field in file_definition(file).fields.all():
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


def _end_of_today() -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=1), datetime.time()
        )
    )


_STILL_OPEN = Q(closed_at__isnull=True, state__is_terminal=False)


def inbox_counts(user) -> dict[str, int]:
    """What a citizen's or an office's home counts in `user`'s inbox, in one query: files still
    open, waiting for payment, sent back for a correction, past their deadline, and due by the
    end of today. Each count is what the inbox shows under the matching filter (`?state=…`,
    `?breached=1`). Exact: a citizen's or an office's files are a few thousand at most (the
    busiest office at a million files: 9 ms); a department's queue is counted by
    `department_queue_counts`."""
    return (
        inbox(user)
        .order_by()
        .aggregate(
            total=Count("pk"),
            open=Count("pk", filter=_STILL_OPEN),
            awaiting_payment=Count("pk", filter=Q(state__code=STATE_AWAITING_PAYMENT)),
            correction=Count("pk", filter=Q(state__code=STATE_CORRECTION)),
            breached=Count("pk", filter=Q(breached_at__isnull=False)),
            due_today=Count("pk", filter=_STILL_OPEN & Q(state_due_at__lt=_end_of_today())),
        )
    )


def department_queue_counts(user, *, at_most: int) -> dict[str, int]:
    """What a reviewer's home counts: the files waiting in their department ("total"), those
    due by the end of today by either deadline, the overdue included ("due_today": the top of
    the queue, which is in that order), and those past a deadline ("breached", the inbox's
    `?breached=1`); the files waiting for the department's sign-off are counted too, as the
    inbox lists them.

    Each count stops at `at_most + 1` (core.homes.COUNT_CAP; the home says "more than …"): a
    department's queue at a million files holds 120,000, and counting it whole took the home
    165 ms. Each count is one query on an index, reading at most that many entries: the first
    two on the queue's own (file_queue_deadline_idx, in its order, the second bounded by the
    deadline), the third on file_queue_breached_idx. The sign-offs, a few at most, are counted
    together in one more query."""
    department = user_department(user)
    if department is None:
        return dict.fromkeys(("total", "due_today", "breached"), 0)
    end_of_today = _end_of_today()
    conditions = {
        "total": Q(),
        "due_today": Q(earliest__lt=end_of_today),
        "breached": Q(breached_at__isnull=False),
    }
    queue = File.objects.filter(department=department, in_department=True).alias(
        earliest=EARLIEST_DEADLINE
    )
    # The first two read in the queue's order, on its index (without, PostgreSQL chose the
    # table); the third on its own partial index.
    in_order = (EARLIEST_DEADLINE.asc(nulls_last=True), "pk")
    counts = {
        key: queue.filter(condition)
        .order_by(*(in_order if key != "breached" else ()))
        .values("pk")[: at_most + 1]
        .count()
        for key, condition in conditions.items()
    }
    signing = (
        File.objects.filter(pk__in=pending_sign_offs_of(department))
        .exclude(department=department, in_department=True)
        .alias(earliest=EARLIEST_DEADLINE)
        .aggregate(
            **{
                key: Count("pk", filter=condition) if condition else Count("pk")
                for key, condition in conditions.items()
            }
        )
    )
    return {key: counts[key] + signing[key] for key in conditions}


CITY_COUNTS_KEY = "cases:city-file-counts"
CITY_COUNTS_SECONDS = 300


@dataclass(frozen=True, slots=True)
class CityFileCounts:
    """The city's files still open and those past a deadline, counted at `counted_at`."""

    open: int
    breached: int
    counted_at: datetime.datetime


def city_file_counts() -> CityFileCounts:
    """Every file of the city still open, and every one past a deadline: what the council and
    the auditors' home shows. The counts are exact, so the query reads every file (a sixth of
    a second at a million files): the answer is kept for CITY_COUNTS_SECONDS, shared by every
    reader, and says when it was counted."""

    def count() -> tuple[int, int, datetime.datetime]:
        counts = File.objects.aggregate(
            open=Count("pk", filter=_STILL_OPEN),
            breached=Count("pk", filter=Q(breached_at__isnull=False)),
        )
        return counts["open"], counts["breached"], timezone.now()

    return CityFileCounts(*cache.get_or_set(CITY_COUNTS_KEY, count, CITY_COUNTS_SECONDS))


def file_correction_request(file: File) -> FileEvent | None:
    """The reviewer's correction request the citizen is answering now (with its reason), or
    None when the file is not waiting for a correction."""
    if not file.state.citizen_editable or file.state.is_start:
        return None
    return file.events.filter(action="request_correction").order_by("-at", "-pk").first()


@dataclass(frozen=True, slots=True)
class Need:
    """Something the citizen has to do: `kind` is pay, correct, collect or rate."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class NextSteps:
    """What happens next to a file, and what (if anything) is needed from its citizen."""

    happens_next: str
    needed: tuple[Need, ...] = ()


def file_next_steps(file: File, *, has_rating: bool) -> NextSteps:
    """The citizen's "what happens next" and "what is needed from me", from the file's status
    flags (workflows are data: a status is read by what it is — awaiting payment, editable by
    the citizen, in the department, terminal — and by its code only for the review steps every
    review workflow shares)."""
    state = file.state
    department = file.department.name
    if state.is_start:
        return NextSteps(
            _("Your request is not sent yet: complete and submit it."),
            (Need("correct", _("Complete the request and submit it.")),),
        )
    if state.awaiting_payment:
        return NextSteps(
            _("Once the fee is paid, the file goes to %(department)s for review.")
            % {"department": department},
            (Need("pay", _("Pay the fee (online here, or by card at an office).")),),
        )
    if state.citizen_editable:
        return NextSteps(
            _("When you send the corrections, the file goes back to %(department)s for review.")
            % {"department": department},
            (Need("correct", _("Correct what the reviewer asked for and send it back.")),),
        )
    if state.in_department:
        return NextSteps(
            _("%(department)s is reviewing your file; nothing is needed from you now.")
            % {"department": department}
        )
    if state.is_terminal:
        if state.code == "rejected":
            text = _("Your request was rejected; the reason is in the timeline.")
        elif state.code == "cancelled":
            text = _("This request was cancelled.")
        else:
            text = _("Your file is closed.")
        needed = (
            ()
            if has_rating or state.code == "cancelled"
            else (Need("rate", _("Tell us how the service was.")),)
        )
        return NextSteps(text, needed)
    if state.code == "approved":
        if file.office_id:
            collect = _("Collect the result at %(office)s; bring your national card.") % {
                "office": file.office.name
            }
        else:
            collect = _("The result is delivered to you; you will get an SMS.")
        return NextSteps(_("Your request was approved."), (Need("collect", collect),))
    if state.code == "delivered":
        return NextSteps(_("The result was delivered; the file will be closed."))
    return NextSteps(_("The file is being processed; nothing is needed from you now."))


def callbacks_open_for_office(office) -> QuerySet[CallbackTask]:
    """The call-backs `office` still owes citizens who rated its files below 4, oldest first."""
    return (
        CallbackTask.objects.filter(office=office, status=CallbackStatus.OPEN)
        .select_related("file__rating")
        .order_by("created_at", "pk")
    )


def callback_of_office(office, pk: int) -> CallbackTask | None:
    """One call-back of `office` (open or done), or None: another office's is not found."""
    return CallbackTask.objects.filter(office=office, pk=pk).first()


def sla_breaches_by_office(since: datetime.datetime, until: datetime.datetime) -> dict[int, int]:
    """How many files of each office missed a deadline between `since` and `until` (one
    aggregate query; offices without a breach are absent)."""
    return dict(
        File.objects.filter(office__isnull=False, breached_at__gte=since, breached_at__lt=until)
        .values("office")
        .annotate(n=Count("pk"))
        .values_list("office", "n")
    )


def file_at_office(tracking_code: str, office) -> File | None:
    """The file with `tracking_code` if it was filed at `office` (a mystery shopper's)."""
    try:
        code = normalize_tracking_code(tracking_code)
    except ValidationError:
        return None
    return File.objects.filter(tracking_code=code, office=office).first()


def file_timeline_with_ids(file: File) -> list[tuple[int, TimelineEntry]]:
    """The file's whole timeline (internal steps too) with each event's id, oldest first: for
    an investigator who picks entries as evidence (supervision's complaints)."""
    events = list(file.events.order_by("at", "pk"))
    return list(zip([e.pk for e in events], timeline_entries(file, events), strict=True))


def file_event_sentence(file: File, event_id) -> str | None:
    """The sentence of one event of `file` (None if the id is not one of the file's events)."""
    if not str(event_id).isdigit():
        return None
    for pk, entry in file_timeline_with_ids(file):
        if pk == int(event_id):
            return f"{entry.sentence} ({entry.who})"
    return None


@dataclass(frozen=True)
class OfficeFileTotals:
    """One office's files over a grading period (see `file_totals_by_office`)."""

    submitted: int = 0  # files opened at the office in the period
    due: int = 0  # files whose overall deadline fell in the period
    closed_in_time: int = 0  # of those, closed by their deadline
    ratings: int = 0  # ratings given in the period to the office's files
    rating_sum: int = 0
    callbacks: int = 0  # of those ratings, how many asked the office to call back


def file_totals_by_office(
    start: datetime.datetime, end: datetime.datetime
) -> dict[int, OfficeFileTotals]:
    """Per office id, its files' totals for [start, end): in two grouped queries over every
    office at once (conditional aggregation; no query per office), for supervision's grades."""
    in_period = Q(submitted_at__gte=start, submitted_at__lt=end)
    due = Q(due_at__gte=start, due_at__lt=end)
    files = (
        File.objects.filter(office__isnull=False)
        .filter(in_period | due)
        .values("office_id")
        .annotate(
            submitted=Count("pk", filter=in_period),
            due=Count("pk", filter=due),
            closed_in_time=Count(
                "pk", filter=due & Q(closed_at__isnull=False, closed_at__lte=F("due_at"))
            ),
        )
        .values_list("office_id", "submitted", "due", "closed_in_time")
    )
    rated = Q(rating__created_at__gte=start, rating__created_at__lt=end)
    ratings = (
        File.objects.filter(office__isnull=False)
        .filter(rated)
        .values("office_id")
        .annotate(
            ratings=Count("rating"),
            rating_sum=Sum("rating__score"),
            callbacks=Count("callback"),
        )
        .values_list("office_id", "ratings", "rating_sum", "callbacks")
    )
    totals: dict[int, dict] = {}
    for office_id, submitted, due_count, in_time in files:
        totals[office_id] = {"submitted": submitted, "due": due_count, "closed_in_time": in_time}
    for office_id, count, total, callbacks in ratings:
        totals.setdefault(office_id, {}).update(
            ratings=count, rating_sum=total or 0, callbacks=callbacks
        )
    return {office_id: OfficeFileTotals(**values) for office_id, values in totals.items()}


# --- transparency's daily aggregates (daftar.transparency.services.aggregates) ---------------


def _within(field: str, ranges) -> Q:
    """`field` inside any of the half-open [start, end) datetime `ranges`."""
    condition = Q(pk__in=[])
    for start, end in ranges:
        condition |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return condition


def files_for_aggregates(ranges):
    """Rows of the files submitted or closed inside any of the [start, end) `ranges`, for the
    transparency aggregates (one query, streamed): (service id, domain id, department id,
    office id, district id, channel, submitted_at, closed_at, due_at, state code)."""
    return (
        File.objects.filter(_within("submitted_at", ranges) | _within("closed_at", ranges))
        .values_list(
            "service_id",
            "service__domain_id",
            "department_id",
            "office_id",
            "office__district_id",
            "channel",
            "submitted_at",
            "closed_at",
            "due_at",
            "state__code",
        )
        .iterator(chunk_size=5000)
    )


def ratings_for_aggregates(ranges):
    """Rows of the ratings given inside any of the `ranges`, with their file's keys (one query,
    streamed): (created_at, score, service id, domain id, department id, office id,
    district id, channel)."""
    return (
        Rating.objects.filter(_within("created_at", ranges))
        .values_list(
            "created_at",
            "score",
            "file__service_id",
            "file__service__domain_id",
            "file__department_id",
            "file__office_id",
            "file__office__district_id",
            "file__channel",
        )
        .iterator(chunk_size=5000)
    )


def callbacks_for_aggregates(ranges):
    """Rows of the call-backs asked inside any of the `ranges`, with their file's keys (one
    query, streamed): (created_at, service id, domain id, department id, office id, district
    id, channel)."""
    return (
        CallbackTask.objects.filter(_within("created_at", ranges))
        .values_list(
            "created_at",
            "file__service_id",
            "file__service__domain_id",
            "file__department_id",
            "file__office_id",
            "file__office__district_id",
            "file__channel",
        )
        .iterator(chunk_size=5000)
    )


def file_moments_changed_since(since: datetime.datetime) -> list[datetime.datetime]:
    """The instants whose days a file change after `since` touches (three queries): the
    submission and closing of every file updated since, and every rating and call-back made
    since; for the aggregates' incremental build."""
    moments: list[datetime.datetime] = []
    for submitted_at, closed_at in File.objects.filter(updated_at__gt=since).values_list(
        "submitted_at", "closed_at"
    ):
        moments.append(submitted_at)
        if closed_at is not None:
            moments.append(closed_at)
    moments += Rating.objects.filter(created_at__gt=since).values_list("created_at", flat=True)
    moments += CallbackTask.objects.filter(created_at__gt=since).values_list(
        "created_at", flat=True
    )
    return moments


def files_first_submitted_at() -> datetime.datetime | None:
    """When the first file was submitted (None without files): where a full rebuild of the
    aggregates starts."""
    return File.objects.aggregate(first=Min("submitted_at"))["first"]


def file_approved_at(file: File) -> datetime.datetime | None:
    """When `file` was last approved (its "approve" step on the timeline), or None if it never
    was: what an approved file's outcome document (transparency) is dated by."""
    return (
        FileEvent.objects.filter(file=file, action="approve")
        .order_by("-at", "-pk")
        .values_list("at", flat=True)
        .first()
    )


def file_sign_offs(file: File) -> list:
    """The departments' sign-offs of `file` in a state reviewed in parallel (empty otherwise),
    with their departments and signers, by department."""
    if not file.state.parallel_departments:
        return []
    return list(
        file.signoffs.select_related("department", "signed_by").order_by("department__code")
    )
