"""An appointment: a citizen's booked visit to one office for one service at one time
(docs/appointments.md). The queue's tickets (models/queue.py) point at it on check-in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
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

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["office", "starts_at"], name="appointment_office_start_idx"),
            models.Index(fields=["citizen", "-starts_at"], name="appointment_citizen_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.code
