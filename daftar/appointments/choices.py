from django.db import models
from django.utils.translation import gettext_lazy as _


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    NO_SHOW = "no_show", _("Did not come")


class BookingChannel(models.TextChoices):
    PORTAL = "portal", _("Citizen portal")
    PARTNER = "partner", _("Partner app")


class TicketKind(models.TextChoices):
    """A ticket's kind; its letter starts the ticket's number on the display (A-001, W-001)."""

    APPOINTMENT = "appointment", _("Appointment")
    WALK_IN = "walk_in", _("Walk-in")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called to a counter")
    SERVED = "served", _("Served")
    NO_SHOW = "no_show", _("Did not come")


TICKET_LETTERS = {TicketKind.APPOINTMENT: "A", TicketKind.WALK_IN: "W"}
