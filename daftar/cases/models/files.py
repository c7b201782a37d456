"""Files (پرونده): a citizen's request for one service, moved only by the workflow engine
(`daftar.cases.services.workflow.file_apply_action`), with its timeline, documents and rating.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Least
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext_lazy as _

from daftar.cases.choices import CallbackStatus, EventKind
from daftar.catalogue.choices import Channel
from daftar.core.fields import MobileField, NationalCodeField

# The earlier of a file's two deadlines (this status's and the whole file's): what the
# department's queue is ordered by. Either may be empty; SQLite's MIN() of a NULL is NULL.
EARLIEST_DEADLINE = Least(
    Coalesce(F("state_due_at"), F("due_at")), Coalesce(F("due_at"), F("state_due_at"))
)


class File(models.Model):
    # Unique by the constraint below, not `unique=True`, which on PostgreSQL adds a second
    # (pattern) index no query uses. Foreign keys that no query filters on alone carry no
    # index of their own (docs/adr/0005-indexes-that-earn-their-keep.md).
    tracking_code = models.CharField(_("tracking code"), max_length=12)
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("service"),
    )
    # The version of the service's definition the file was opened with: its form and
    # documents are read from it for as long as the file lives (ADR 0024). Empty only for a
    # file written before versions existed and not yet backfilled.
    service_version = models.ForeignKey(
        "catalogue.ServiceVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
        db_index=False,
        verbose_name=_("service version"),
    )
    workflow_version = models.ForeignKey(
        "workflow.WorkflowVersion",
        on_delete=models.PROTECT,
        related_name="files",
        db_index=False,
        verbose_name=_("workflow"),
    )
    state = models.ForeignKey(
        "workflow.WorkflowState",
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("status"),
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="files",
        db_index=False,
        verbose_name=_("citizen"),
    )
    national_code = NationalCodeField(_("national code"))
    citizen_name = models.CharField(_("citizen's name"), max_length=200)
    citizen_mobile = MobileField(_("citizen's mobile"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
        db_index=False,
        verbose_name=_("office"),
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("operator"),
    )
    partner = models.ForeignKey(
        "api.PartnerApp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
        db_index=False,
        verbose_name=_("partner app"),
    )
    department = models.ForeignKey(
        "catalogue.Department",
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("department"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_files",
        db_index=False,
        verbose_name=_("assigned to"),
    )
    form_data = models.JSONField(_("form data"), default=dict)
    tariff = models.ForeignKey(
        "catalogue.TariffVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
        db_index=False,
        verbose_name=_("tariff version"),
    )
    amount = models.BigIntegerField(_("fee (rials)"), default=0)
    price_parts = models.JSONField(_("fee split"), default=dict)
    submitted_at = models.DateTimeField(_("submitted at"))
    state_entered_at = models.DateTimeField(_("in this status since"))
    # A copy of state.in_department, kept by the workflow engine: the department's queue is
    # read from one partial index, already in SLA order (docs/adr/0004).
    in_department = models.BooleanField(_("waiting in the department"), default=False)
    state_due_at = models.DateTimeField(_("due in this status by"), null=True, blank=True)
    due_at = models.DateTimeField(_("overall deadline"), null=True, blank=True)
    breached_at = models.DateTimeField(_("deadline missed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.UniqueConstraint(fields=["tracking_code"], name="file_tracking_code_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="file_amount_non_negative"),
            models.CheckConstraint(
                condition=~Q(channel=Channel.OFFICE) | Q(office__isnull=False),
                name="file_office_channel_has_office",
            ),
        ]
        indexes = [
            # The department's queue in its order: the earliest of the two deadlines first, so
            # every overdue file comes before every file still in time (ADR 0004, ADR 0020).
            models.Index(
                F("department"),
                EARLIEST_DEADLINE,
                F("id"),
                name="file_queue_deadline_idx",
                condition=Q(in_department=True),
            ),
            # The queue's files past a deadline, for the reviewer's home count: without it the
            # count read the table until it found them (25 ms at a million files).
            models.Index(
                fields=["department"],
                name="file_queue_breached_idx",
                condition=Q(in_department=True, breached_at__isnull=False),
            ),
            models.Index(fields=["office", "-submitted_at"], name="file_office_idx"),
            models.Index(fields=["citizen", "-submitted_at"], name="file_citizen_idx"),
            models.Index(
                fields=["state_due_at"],
                name="file_due_idx",
                condition=Q(breached_at__isnull=True, closed_at__isnull=True),
            ),
            # The SLA sweep's second question: open files past their overall deadline.
            models.Index(
                fields=["due_at"],
                name="file_overdue_idx",
                condition=Q(breached_at__isnull=True, closed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    def get_absolute_url(self) -> str:
        head, tail = _file_url_around(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        return f"{head}{quote(self.tracking_code, safe=_URL_SAFE)}{tail}"


_URL_SAFE = RFC3986_SUBDELIMS + "~:@"  # what reverse() leaves unquoted in a path segment


@lru_cache(maxsize=8)
def _file_url_around(_prefix: str, _urlconf: str) -> tuple[str, str]:
    """A file page's URL before and after the tracking code, reversed once per script prefix
    and URLconf: lists link every row, and `reverse()` per row was a measurable share of a
    reviewer's inbox (docs/benchmarks.md, B2)."""
    head, marker, tail = reverse("cases:file", kwargs={"tracking_code": "0TRACKING0"}).partition(
        "0TRACKING0"
    )
    if not marker:
        raise ImproperlyConfigured("The file page's URL must contain its tracking code.")
    return head, tail


class FileEvent(models.Model):
    """One line of the file's timeline; `public` lines are what the citizen sees."""

    file = models.ForeignKey(  # indexed by file_event_idx, which leads with it
        File,
        on_delete=models.CASCADE,
        related_name="events",
        db_index=False,
        verbose_name=_("file"),
    )
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor_label = models.CharField(_("by"), max_length=150)
    action = models.CharField(_("action"), max_length=40, blank=True)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    public = models.BooleanField(_("visible to the citizen"), default=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["file", "at", "pk"]
        indexes = [models.Index(fields=["file", "at"], name="file_event_idx")]

    def __str__(self) -> str:
        return f"{self.file_id} {self.kind} {self.action}"


class Attachment(models.Model):
    file = models.ForeignKey(
        File, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("file")
    )
    document = models.CharField(_("document"), max_length=40)
    stored_as = models.CharField(_("stored as"), max_length=200)  # content-addressed
    # The name it was uploaded with, given back on download (storage names reveal nothing).
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, default="", db_default=""
    )
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["file", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.file_id}:{self.document}"


class Rating(models.Model):
    file = models.OneToOneField(
        File, on_delete=models.CASCADE, related_name="rating", verbose_name=_("file")
    )
    score = models.PositiveSmallIntegerField(_("score (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_id}: {self.score}"


class CallbackTask(models.Model):
    """A rating below 4 asks the office (or the department, for remote files) to call back."""

    file = models.OneToOneField(
        File, on_delete=models.CASCADE, related_name="callback", verbose_name=_("file")
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
        verbose_name=_("office"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CallbackStatus.choices, default=CallbackStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call-back task")
        verbose_name_plural = _("call-back tasks")

    def __str__(self) -> str:
        return f"{self.file_id}: {self.status}"


class FileSignOff(models.Model):
    """One department's sign-off of a file in a state reviewed by several departments in
    parallel (`WorkflowState.parallel_departments`, ADR 0025): a row per department is made
    when the file enters the state (pending: `signed_at` empty) and all are removed when it
    leaves; the file moves on when the last one signs."""

    file = models.ForeignKey(
        File, on_delete=models.CASCADE, related_name="signoffs", verbose_name=_("file")
    )
    department = models.ForeignKey(
        "catalogue.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("department sign-off")
        verbose_name_plural = _("department sign-offs")
        constraints = [
            models.UniqueConstraint(fields=["file", "department"], name="file_signoff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.file_id} @ {self.department_id}"


class FileHandover(models.Model):
    """A department that handled a file and passed it on to another (sequence routing) or
    reviewed it in a parallel sign-off the file has since left (ADR 0031): its reviewers may
    still find and read the file ("handled by us" in the inbox), never act on it. One row per
    file and department, written when the file leaves the department (`routing.handed_over`)."""

    file = models.ForeignKey(
        File, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("file")
    )
    department = models.ForeignKey(
        "catalogue.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    handed_at = models.DateTimeField(_("passed on at"))

    class Meta:
        verbose_name = _("file passed on by a department")
        verbose_name_plural = _("files passed on by departments")
        constraints = [
            # leads with the department: "the files this department handled" reads its prefix
            models.UniqueConstraint(
                fields=["department", "file"], name="file_handover_department_file_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_id} passed on by {self.department_id}"
