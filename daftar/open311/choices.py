from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    """What a report on an Open311 service becomes in Daftar."""

    FILE = "file", _("A file of a catalogue service")
    COMPLAINT = "complaint", _("A complaint to the supervision unit")


class RequestStatus(models.TextChoices):
    """The two statuses GeoReport v2 knows."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
