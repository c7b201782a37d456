"""An appointment: a citizen's booked visit to one office for one service at one time
(docs/appointments.md). The queue's tickets (models/queue.py) point at it on check-in.

A booking holds one *seat* of its office for every quarter hour it covers (`SlotSeat`): the
seats of a quarter hour are numbered from 0 and unique per office, so the database itself
refuses a second booking of the last seat, whatever the number of app servers (ADR 0033).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.appointments.choices import AppointmentStatus, BookingChannel
from daftar.core.fields import MobileField, NationalCodeField


class Appointment(models.Model):
    code = models.CharField(_("booking code"), max_length=16, unique=True)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("office"),
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("service"),
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        db_index=False,
        verbose_name=_("citizen"),
    )
    national_code = NationalCodeField(_("national code"))
    citizen_mobile = MobileField(_("citizen's mobile"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=BookingChannel.choices, default=BookingChannel.PORTAL
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # --- booking (issue 18 part 2) ---------------------------------------------------------
    day = models.DateField(_("day (Tehran)"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    no_show_at = models.DateTimeField(_("marked as not come at"), null=True, blank=True)
    partner = models.ForeignKey(
        "api.PartnerApp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner app"),
    )

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["office", "starts_at"], name="appointment_office_start_idx"),
            models.Index(fields=["citizen", "-starts_at"], name="appointment_citizen_idx"),
            models.Index(fields=["status", "day"], name="appointment_status_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            ),
            # One booking per citizen, office and day: the database enforces it, so two tabs
            # booking at once cannot both win.
            models.UniqueConstraint(
                fields=["citizen", "office", "day"],
                condition=Q(status=AppointmentStatus.BOOKED),
                name="appointment_one_per_citizen_office_day",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class SlotSeat(models.Model):
    """One quarter hour of one office's capacity held by one booking (seat 0, 1, … below the
    slot's capacity). A cancelled or moved booking gives its seats back (the rows go)."""

    appointment = models.ForeignKey(
        Appointment,
        on_delete=models.CASCADE,
        related_name="seats",
        verbose_name=_("appointment"),
    )
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    starts_at = models.DateTimeField(_("quarter hour starting at"))
    seat = models.PositiveSmallIntegerField(_("seat"))

    class Meta:
        verbose_name = _("held seat")
        verbose_name_plural = _("held seats")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "starts_at", "seat"], name="slot_seat_one_booking_per_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}@{self.starts_at.isoformat()}#{self.seat}"


class NoShowRule(models.Model):
    """How many missed appointments block booking, and for how long: set only by an adopted
    policy decision of the steering committee (until the first one, the documented default of
    `selectors.booking.DEFAULT_NO_SHOW_RULE` applies)."""

    max_no_shows = models.PositiveSmallIntegerField(_("missed appointments that block"))
    window_days = models.PositiveSmallIntegerField(_("counted over (days)"))
    block_days = models.PositiveSmallIntegerField(_("booking blocked for (days)"))
    effective_from = models.DateField(_("in force from"))
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("adopting decision"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("no-show rule")
        verbose_name_plural = _("no-show rules")
        ordering = ["-effective_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_no_shows__gte=1) & Q(window_days__gte=1) & Q(block_days__gte=1),
                name="no_show_rule_positive",
            ),
            models.UniqueConstraint(fields=["decision"], name="no_show_rule_one_per_decision"),
        ]

    def __str__(self) -> str:
        return f"{self.max_no_shows}/{self.window_days}d → {self.block_days}d"
