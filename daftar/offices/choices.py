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


class DegreeLevel(models.TextChoices):
    DIPLOMA = "diploma", _("High-school diploma")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


DEGREE_RANK = {level: rank for rank, level in enumerate(DegreeLevel)}


class LicenseeKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ENTITY = "entity", _("Legal entity")


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    TRANSFERRED = "transferred", _("Transferred to another licensee")
    SURRENDERED = "surrendered", _("Surrendered (office closed)")


class Weekday(models.IntegerChoices):
    """Python's weekday numbers; the Iranian week starts on Saturday (see WEEK_ORDER)."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


WEEK_ORDER = (5, 6, 0, 1, 2, 3, 4)  # Saturday first


class ProposalStatus(models.TextChoices):
    """An office manager's proposal of a new staff member, decided by the supervision unit."""

    PENDING = "pending", _("Waiting for the supervision unit")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class LeaveReason(models.TextChoices):
    """Why a staff member is away from the office for some days (`StaffLeave`)."""

    ANNUAL = "annual", _("Annual leave")
    SICK = "sick", _("Sick leave")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")
