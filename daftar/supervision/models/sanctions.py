"""The sanction ladder and sanctions.

The ladder is data adopted by decision: steps from a written warning to licence revocation,
each for a minimum severity and a number of earlier sanctions in a rolling window, citing the
articles it applies. Supervision proposes a sanction (from an upheld complaint or a finding);
only a committee decision imposes it; the effect runs through the owning app's service (a
fine through treasury's penalty, a suspension or revocation through offices' lifecycle).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.governance.models import Article, ArticleNote, Decision
from daftar.offices.models import Office
from daftar.supervision.choices import (
    AppealOutcome,
    RuleStatus,
    SanctionKind,
    SanctionStatus,
    Severity,
)
from daftar.supervision.models.complaints import Complaint
from daftar.supervision.models.inspections import Finding
from daftar.treasury.models import Penalty


class SanctionLadder(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    window_days = models.PositiveSmallIntegerField(_("rolling window (days)"), default=365)
    appeal_days = models.PositiveSmallIntegerField(_("working days to appeal"), default=10)
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
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("sanction ladder")
        verbose_name_plural = _("sanction ladders")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=RuleStatus.ADOPTED),
                name="supervision_ladder_one_adopted",
            )
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class SanctionStep(models.Model):
    ladder = models.ForeignKey(
        SanctionLadder, on_delete=models.CASCADE, related_name="steps", verbose_name=_("ladder")
    )
    order = models.PositiveSmallIntegerField(_("step"))
    kind = models.CharField(_("sanction"), max_length=12, choices=SanctionKind.choices)
    min_severity = models.CharField(
        _("for violations at least"), max_length=10, choices=Severity.choices
    )
    min_prior = models.PositiveSmallIntegerField(
        _("earlier sanctions in the window at least"), default=0
    )
    fine_amount = models.BigIntegerField(_("fine (rials)"), default=0)
    suspension_days = models.PositiveSmallIntegerField(_("suspension (days)"), default=0)
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("article applied")
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
        verbose_name = _("sanction step")
        verbose_name_plural = _("sanction steps")
        ordering = ["ladder", "order"]
        constraints = [
            models.UniqueConstraint(fields=["ladder", "order"], name="supervision_step_unique"),
            models.CheckConstraint(
                condition=Q(fine_amount__gte=0), name="supervision_step_fine_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ladder_id}.{self.order} {self.kind}"


class Sanction(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    step = models.ForeignKey(
        SanctionStep, on_delete=models.PROTECT, related_name="+", verbose_name=_("ladder step")
    )
    kind = models.CharField(_("sanction"), max_length=12, choices=SanctionKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=SanctionStatus.choices, default=SanctionStatus.PROPOSED
    )
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("from complaint"),
    )
    finding = models.ForeignKey(
        Finding,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("from finding"),
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    prior_count = models.PositiveSmallIntegerField(_("earlier sanctions in the window"))
    fine_amount = models.BigIntegerField(_("fine (rials)"), default=0)
    suspension_days = models.PositiveSmallIntegerField(_("suspension (days)"), default=0)
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imposed by decision"),
    )
    imposed_at = models.DateTimeField(_("imposed at"), null=True, blank=True)
    appeal_by = models.DateField(_("appeal possible until"), null=True, blank=True)
    # What the imposition did through the owning apps: the treasury's penalty for a fine (once
    # a treasury officer has recorded it), the end of a suspension (reinstated by the job or on
    # appeal).
    penalty = models.OneToOneField(
        Penalty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("treasury penalty"),
    )
    lifted_at = models.DateTimeField(_("suspension lifted at"), null=True, blank=True)
    # A revocation suspends the office at once and revokes the licence only once it can no
    # longer be appealed (the appeal period passed, or the appeal was rejected).
    revoked_at = models.DateTimeField(_("licence revoked at"), null=True, blank=True)
    closed_reason = models.TextField(_("why it was withdrawn or not imposed"), blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["office", "status"], name="supervision_sanction_office")]
        constraints = [
            models.CheckConstraint(
                condition=Q(complaint__isnull=False) | Q(finding__isnull=False),
                name="supervision_sanction_has_source",
            ),
            models.CheckConstraint(
                condition=Q(status=SanctionStatus.PROPOSED)
                | Q(status=SanctionStatus.WITHDRAWN)
                | Q(decision__isnull=False),
                name="supervision_sanction_decided_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.office_id} ({self.status})"


class SanctionAppeal(models.Model):
    sanction = models.OneToOneField(
        Sanction, on_delete=models.PROTECT, related_name="appeal", verbose_name=_("sanction")
    )
    reason = models.TextField(_("reason"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
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
        verbose_name = _("sanction appeal")
        verbose_name_plural = _("sanction appeals")

    def __str__(self) -> str:
        return f"appeal of {self.sanction_id}"
