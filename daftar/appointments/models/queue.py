"""The office's electronic queue (docs/appointments.md, ADR 0034): a ticket per visitor
and day, numbered per office, day and kind (A-001 for appointments checked in, W-001 for
walk-ins), called to a counter, then served or marked as not having come.

Times are the measure of waiting (issued → called) and of service (called → finished)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from daftar.appointments.choices import TICKET_LETTERS, TicketKind, TicketStatus
from daftar.core.fields import NationalCodeField

# The kind's letter as a waiting room reads it (Persian: ن for نوبت اینترنتی, ح for حضوری).
SHOWN_LETTERS = {
    TicketKind.APPOINTMENT: pgettext_lazy("queue ticket letter", "A"),
    TicketKind.WALK_IN: pgettext_lazy("queue ticket letter", "W"),
}


class Ticket(models.Model):
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,  # the (office, day, …) indexes below lead with it
        verbose_name=_("office"),
    )
    day = models.DateField(_("day (Tehran)"))
    kind = models.CharField(_("kind"), max_length=12, choices=TicketKind.choices)
    number = models.PositiveIntegerField(_("number"))
    appointment = models.OneToOneField(
        "appointments.Appointment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("appointment"),
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,
        verbose_name=_("service"),
    )
    national_code = NationalCodeField(_("national code"), blank=True, default="")
    due_at = models.DateTimeField(
        _("slot starts at"), null=True, blank=True, help_text=_("Appointments only.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    counter = models.PositiveSmallIntegerField(_("counter"), null=True, blank=True)
    calls = models.PositiveSmallIntegerField(_("times called"), default=0)
    issued_at = models.DateTimeField(_("issued at"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    recalled_at = models.DateTimeField(_("called again at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("issued by"),
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("called by"),
    )

    class Meta:
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        ordering = ["issued_at", "pk"]
        indexes = [
            models.Index(
                fields=["office", "day", "status", "kind"], name="ticket_office_queue_idx"
            ),
            models.Index(fields=["office", "day", "called_at"], name="ticket_office_calls_idx"),
            models.Index(fields=["day", "office"], name="ticket_day_office_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "kind", "number"], name="ticket_number_unique_per_day"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="ticket_number_gte_1"),
            models.CheckConstraint(
                condition=Q(kind=TicketKind.APPOINTMENT, appointment__isnull=False)
                | Q(kind=TicketKind.WALK_IN, appointment__isnull=True),
                name="ticket_appointment_iff_kind",
            ),
            models.CheckConstraint(
                condition=Q(status=TicketStatus.WAITING)
                | Q(counter__gte=1, called_at__isnull=False),
                name="ticket_called_has_counter",
            ),
            models.CheckConstraint(condition=Q(calls__lte=2), name="ticket_called_at_most_twice"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """'A-007': the letter of its kind and its three-digit number (ASCII; templates show
        it with the language's digits)."""
        return f"{TICKET_LETTERS[TicketKind(self.kind)]}-{self.number:03d}"

    @property
    def shown(self) -> str:
        """The number as the waiting room reads it, in the page's language: «ن-۰۰۷» (نوبت
        اینترنتی) and «ح-۰۰۷» (حضوری) in Persian, A-007 and W-007 in English (the caller puts
        the digits in the language; `label` stays ASCII for the audit log)."""
        return f"{SHOWN_LETTERS[TicketKind(self.kind)]}-{self.number:03d}"
