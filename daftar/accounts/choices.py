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
    COMMITTEE_MEMBER = "committee_member", _("Steering committee member")
    COUNCIL_MEMBER = "council_member", _("City council member")
    AUDITOR = "auditor", _("Auditor / judicial authority")
    SYSTEM_ADMIN = "system_admin", _("System administrator (FAVA)")


STAFF_ROLES = tuple(role for role in Role if role != Role.CITIZEN)
