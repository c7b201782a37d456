"""People of the office network beyond the registry: an office manager's proposals of new staff
(decided by the supervision unit), the reminders sent before a certification expires
(docs/adr/0027-people-and-roles.md) and the staff's leave, which bookable capacity respects
(docs/adr/0036-staff-leave-and-bookable-capacity.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import MobileField, NationalCodeField
from daftar.offices.choices import LeaveReason, ProposalStatus, StaffRole
from daftar.offices.models.registry import Certification, Office, OfficeStaff


class StaffProposal(models.Model):
    """A new staff member an office manager proposes for their office. Its status changes only in
    `offices.services.proposals._proposal_decide`."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="staff_proposals", verbose_name=_("office")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    national_code = NationalCodeField(_("national code"))
    mobile = MobileField(_("mobile"))
    staff_role = models.CharField(_("staff role"), max_length=20, choices=StaffRole.choices)
    certifications_held = models.TextField(
        _("certifications held"),
        blank=True,
        help_text=_("Courses and certificates the person already holds, with their dates."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff account created"),
    )

    class Meta:
        verbose_name = _("staff proposal")
        verbose_name_plural = _("staff proposals")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_code"],
                condition=Q(status=ProposalStatus.PENDING),
                name="staff_proposal_one_pending_per_person",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ProposalStatus.PENDING, decided_at__isnull=True)
                    | (
                        ~Q(status=ProposalStatus.PENDING)
                        & Q(decided_at__isnull=False, decided_by__isnull=False)
                    )
                ),
                name="staff_proposal_decided_consistent",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.APPROVED) | Q(staff_user__isnull=False),
                name="staff_proposal_approved_has_account",
            ),
        ]
        indexes = [models.Index(fields=["status", "proposed_at"], name="staff_proposal_status_idx")]

    def __str__(self) -> str:
        return f"proposal #{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CertificationReminder(models.Model):
    """A reminder sent before a certification expires: one per certification per threshold
    (days before expiry, settings.CERTIFICATION_REMINDER_DAYS), so the daily job is idempotent."""

    certification = models.ForeignKey(
        Certification,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("certification"),
    )
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    sent_at = models.DateTimeField(_("sent at"))
    messages_sent = models.PositiveSmallIntegerField(_("messages sent"), default=0)

    class Meta:
        verbose_name = _("certification reminder")
        verbose_name_plural = _("certification reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "days_before"],
                name="certification_reminder_once_per_threshold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification_id}:{self.days_before}"


class StaffLeave(models.Model):
    """Days a staff member is away (leave, sickness, training), first and last day inclusive,
    recorded by the office's manager. A staff member on leave is not on duty: booking offers no
    seat for them (`offices.selectors.staff_on_duty_counts`). Cancelled before it began, a leave
    keeps its row with `cancelled_at`; ended early, its `last_day` moves back
    (`offices.services.leave`)."""

    staff = models.ForeignKey(
        OfficeStaff, on_delete=models.PROTECT, related_name="leaves", verbose_name=_("staff member")
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=10, choices=LeaveReason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff leave")
        verbose_name_plural = _("staff leave")
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="staff_leave_last_day_not_before_first",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True, cancelled_by__isnull=True)
                | Q(cancelled_at__isnull=False),
                name="staff_leave_cancelled_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "last_day"], name="staff_leave_staff_last_day"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.first_day}..{self.last_day}"

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1
