from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    CLOSED = "closed", _("Closed")


class StaffRole(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    MANAGER = "manager", _("Manager")
    TECHNICAL_MANAGER = "technical_manager", _("Technical manager")
