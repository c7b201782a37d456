from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    OFFICE = "office", _("At an office")
    WEB = "web", _("Online (citizen portal)")
    PARTNER = "partner", _("Partner app")


class FieldType(models.TextChoices):
    TEXT = "text", _("Text")
    INTEGER = "integer", _("Whole number")
    # A Solar Hijri year: never later than the current one (the upper bound moves with the
    # calendar, so a form does not refuse this year's duty once Farvardin comes).
    YEAR = "year", _("Year (Solar Hijri)")
    DECIMAL = "decimal", _("Decimal number")
    DATE = "date", _("Date (Jalali)")
    CHOICE = "choice", _("Choice")
    NATIONAL_CODE = "national_code", _("National code")
    POSTAL_CODE = "postal_code", _("Postal code")
    AREA = "area", _("Area in square metres")
    FILE = "file", _("Document")


NUMERIC_TYPES = (
    FieldType.INTEGER,
    FieldType.YEAR,
    FieldType.DECIMAL,
    FieldType.AREA,
    FieldType.CHOICE,
)


class DraftStatus(models.TextChoices):
    OPEN = "open", _("Being edited")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class TariffDraftStatus(models.TextChoices):
    DRAFT = "draft", _("Being drafted")
    SENT = "sent", _("With the steering committee")
    APPLIED = "applied", _("In the tariff book")
    WITHDRAWN = "withdrawn", _("Withdrawn")
