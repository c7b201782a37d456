from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN.md §1. Each is a Django group of the same name."""

    CITIZEN = "citizen", _("Citizen")
    OFFICE_OPERATOR = "office_operator", _("Office operator")
    OFFICE_MANAGER = "office_manager", _("Office manager (licensee)")
    DEPARTMENT_REVIEWER = "department_reviewer", _("Department reviewer")
    TREASURY_OFFICER = "treasury_officer", _("Treasury officer")
    INSPECTOR = "inspector", _("Inspector")
    SUPERVISOR = "supervisor", _("Supervision unit officer")
    COMMITTEE_MEMBER = "committee_member", _("Steering committee member")
    COUNCIL_MEMBER = "council_member", _("City council member")
    AUDITOR = "auditor", _("Auditor / judicial authority")
    CATALOGUE_ADMIN = "catalogue_admin", _("Catalogue administrator")
    SYSTEM_ADMIN = "system_admin", _("System administrator (FAVA)")


STAFF_ROLES = tuple(role for role in Role if role != Role.CITIZEN)


class CodePurpose(models.TextChoices):
    """What a one-time code is for. A code is only ever accepted for its own purpose."""

    SIGN_IN = "sign_in", _("Sign-in")
    CONSENT = "consent", _("Consent to a request opened by an office or an app")
    RECLAIM = "reclaim", _("A new mobile proven at an office")


class CodeBasis(models.TextChoices):
    """What was known, when the code was sent, about whose mobile it went to."""

    REGISTERED = "registered", _("The account's verified mobile")
    INQUIRY_MATCH = "inquiry_match", _("The ownership inquiry confirmed the mobile")
    INQUIRY_UNAVAILABLE = "inquiry_unavailable", _("The ownership inquiry could not answer")
    OFFICE_CARD = "office_card", _("The operator checked the national card")


class OwnershipProof(models.TextChoices):
    """How a citizen's mobile was confirmed as belonging to the holder of the national code."""

    INQUIRY = "inquiry", _("National mobile-ownership inquiry")
    OFFICE = "office", _("National card checked at an office")
