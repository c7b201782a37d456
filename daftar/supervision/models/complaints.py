"""Complaints about an office, a file or a staff member: received on any channel, triaged by
the supervision unit under an SLA per category (rules adopted by decision), investigated, ruled
with reasons that cite the bylaw, appealed once to the committee, reopened within 30 days."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.cases.models import File
from daftar.governance.models import Article, ArticleNote, Decision
from daftar.offices.models import Office
from daftar.supervision.choices import (
    AppealOutcome,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintRuling,
    ComplaintStatus,
    RuleStatus,
    Severity,
)


class ComplaintRule(models.Model):
    """Per category: the triage and resolution SLAs (working days), escalation, whether it may
    be filed anonymously. A set of rules is adopted by one decision (`decision`)."""

    category = models.CharField(_("category"), max_length=20, choices=ComplaintCategory.choices)
    triage_days = models.PositiveSmallIntegerField(_("working days to triage"))
    resolve_days = models.PositiveSmallIntegerField(_("working days to rule"))
    anonymous_allowed = models.BooleanField(_("may be filed anonymously"), default=False)
    severity = models.CharField(
        _("severity when upheld"), max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RuleStatus.choices, default=RuleStatus.DRAFT
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by decision"),
    )

    class Meta:
        verbose_name = _("complaint rule")
        verbose_name_plural = _("complaint rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category"],
                condition=Q(status=RuleStatus.ADOPTED),
                name="supervision_complaint_rule_one_adopted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.status})"


class Complaint(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=ComplaintChannel.choices)
    category = models.CharField(_("category"), max_length=20, choices=ComplaintCategory.choices)
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("complainant"),
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_mobile = models.CharField(_("mobile for updates"), max_length=11, blank=True)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    file = models.ForeignKey(
        File,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member complained about"),
    )
    description = models.TextField(_("what happened"))
    filed_by = models.CharField(_("filed by"), max_length=150)  # the actor's label
    received_at = models.DateTimeField(_("received at"))
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    triage_due_at = models.DateTimeField(_("to be triaged by"))
    due_at = models.DateTimeField(_("to be ruled by"))
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    ruling = models.CharField(
        _("ruling"), max_length=14, choices=ComplaintRuling.choices, blank=True
    )
    ruling_reasons = models.TextField(_("reasons for the ruling"), blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    ruled_at = models.DateTimeField(_("ruled at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    satisfaction = models.PositiveSmallIntegerField(
        _("complainant's satisfaction (1–5)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="supervision_complaint_queue"),
            models.Index(fields=["office", "ruling"], name="supervision_complaint_office"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | (Q(satisfaction__gte=1) & Q(satisfaction__lte=5)),
                name="supervision_complaint_satisfaction_range",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(complainant__isnull=True),
                name="supervision_complaint_anonymous_has_no_complainant",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class ComplaintCitation(models.Model):
    """An article the ruling rests on."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="citations", verbose_name=_("complaint")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("article")
    )
    note = models.ForeignKey(
        ArticleNote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("note"),
    )

    class Meta:
        verbose_name = _("article a ruling cites")
        verbose_name_plural = _("articles rulings cite")

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.article_id}"


class ComplaintEvent(models.Model):
    """The complaint's timeline: what happened, in a sentence, by whom, public or internal."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="events", verbose_name=_("complaint")
    )
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=30)
    actor_label = models.CharField(_("by"), max_length=150)
    text = models.TextField(_("text"), blank=True)
    public = models.BooleanField(_("visible to the complainant"), default=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["complaint", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


class ComplaintEvidence(models.Model):
    """Evidence the investigator attached: a file's timeline entry or an audit entry, by id."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("complaint")
    )
    source = models.CharField(_("source"), max_length=20)  # "file_event" | "audit_entry" | "note"
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    summary = models.TextField(_("what it shows"))
    added_by = models.CharField(_("added by"), max_length=150)
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.source} {self.reference}"


class ComplaintLink(models.Model):
    """Two complaints about the same office or staff member (linked when the later arrives)."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="links", verbose_name=_("complaint")
    )
    related = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="+", verbose_name=_("related complaint")
    )
    reason = models.CharField(_("reason"), max_length=20)  # "office" | "staff_member" | "file"

    class Meta:
        verbose_name = _("linked complaint")
        verbose_name_plural = _("linked complaints")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "related"], name="supervision_complaint_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} ~ {self.related_id}"


class ComplaintAppeal(models.Model):
    """The complainant's one appeal to the steering committee."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.PROTECT, related_name="appeal", verbose_name=_("complaint")
    )
    reason = models.TextField(_("reason"))
    filed_at = models.DateTimeField(_("filed at"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by decision"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint appeal")
        verbose_name_plural = _("complaint appeals")

    def __str__(self) -> str:
        return f"appeal of {self.complaint_id}"
