from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_REVIEW = "under_review", _("Under review")
    ADOPTED = "adopted", _("Adopted (in force)")
    SUPERSEDED = "superseded", _("Superseded")


# Text of these versions can no longer change (service check and database trigger).
FROZEN_STATUSES = (VersionStatus.UNDER_REVIEW, VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)
PUBLIC_STATUSES = (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)


class ArticleOrigin(models.TextChoices):
    AUTHORED = "authored", _("Written in this version")
    BOTH = "both", _("Identical in both drafts")
    LEFT = "left", _("Taken from the left draft")
    RIGHT = "right", _("Taken from the right draft")
    EDITED = "edited", _("Edited text agreed in the merge")


class Seat(models.TextChoices):
    """The steering committee's seats: the three deputy mayors named by the bylaw."""

    URBAN_PLANNING = "urban_planning", _("Deputy for urban planning and architecture")
    PLANNING = "planning", _("Deputy for planning, human capital and council affairs")
    FINANCE = "finance", _("Deputy for finance and urban economy")


class DecisionKind(models.TextChoices):
    TARIFF = "tariff", _("Tariff")
    LICENCE = "licence", _("Licence")
    SERVICE_AUTHORISATION = "service_authorisation", _("Service authorisation")
    SANCTION = "sanction", _("Sanction")
    COMPLAINT_RULING = "complaint_ruling", _("Complaint ruling")
    POLICY = "policy", _("Policy")
    OTHER = "other", _("Other")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class VoteChoice(models.TextChoices):
    YES = "yes", _("In favour")
    NO = "no", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class MajorityBasis(models.TextChoices):
    PRESENT = "present", _("Members present")
    SEATS = "seats", _("All seats")
