"""The supervision app's fixed vocabularies. Rules that the committee may change (weights,
thresholds, SLAs, the sanction ladder) are data adopted by decision, not choices here."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RuleStatus(models.TextChoices):
    """A checklist version, a grading formula, a sanction ladder or a complaint rule set: drafted
    freely, adopted by a committee decision (then frozen), superseded by the next adoption."""

    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted (in force)")
    SUPERSEDED = "superseded", _("Superseded")


class Evidence(models.TextChoices):
    """What an inspector must attach to answer a checklist item."""

    NONE = "none", _("No evidence needed")
    PHOTO = "photo", _("A photo")
    DOCUMENT = "document", _("A document")
    NOTE = "note", _("A written note")


class InspectionKind(models.TextChoices):
    PLANNED = "planned", _("Planned inspection")
    UNANNOUNCED = "unannounced", _("Unannounced inspection")
    MYSTERY_SHOPPER = "mystery_shopper", _("Mystery shopper visit")
    FOLLOW_UP = "follow_up", _("Follow-up inspection")


class InspectionStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("Checked in, in progress")
    SUBMITTED = "submitted", _("Report submitted")
    CANCELLED = "cancelled", _("Cancelled")


class AnswerResult(models.TextChoices):
    COMPLIANT = "compliant", _("Complies")
    PARTIAL = "partial", _("Partly complies")
    NON_COMPLIANT = "non_compliant", _("Does not comply")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Severity(models.TextChoices):
    """How serious a finding or an upheld complaint is; the sanction ladder reads it."""

    MINOR = "minor", _("Minor")
    MAJOR = "major", _("Major")
    CRITICAL = "critical", _("Critical")


SEVERITY_RANK = {Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class FindingKind(models.TextChoices):
    NON_COMPLIANCE = "non_compliance", _("Checklist item not complied with")
    FALSE_DECLARATION = "false_declaration", _("False self-declaration")
    OVERCHARGING = "overcharging", _("Overcharging")
    MYSTERY_SHOPPER = "mystery_shopper", _("Found on a mystery shopper visit")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the office's response")
    RESPONDED = "responded", _("The office has responded")
    ACTION_AGREED = "action_agreed", _("Corrective action agreed")
    RESOLVED = "resolved", _("Corrected (checked by a follow-up)")
    UNRESOLVED = "unresolved", _("Not corrected")


class ActionStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    DONE = "done", _("Done (verified)")
    FAILED = "failed", _("Not done by the deadline")


class Grade(models.TextChoices):
    A = "A", _("Grade A (excellent)")
    B = "B", _("Grade B (good)")
    C = "C", _("Grade C (acceptable)")
    D = "D", _("Grade D (weak)")
    E = "E", _("Grade E (failing)")


_GRADE_LETTERS_FA = {"A": "الف", "B": "ب", "C": "ج", "D": "د", "E": "هـ"}


def grade_name(letter: str) -> str:
    """A grade's letter as the reader's language writes it (Persian: الف، ب، ج، د، هـ); the
    published data keeps the Latin letter."""
    from django.utils.translation import get_language

    if letter and (get_language() or "fa").startswith("fa"):
        return _GRADE_LETTERS_FA.get(letter, letter)
    return letter


class PeriodStatus(models.TextChoices):
    DECLARING = "declaring", _("Offices declaring")
    OPEN = "open", _("In progress")
    GRADED = "graded", _("Graded and published")


class ObjectionStatus(models.TextChoices):
    FILED = "filed", _("Filed, awaiting a ruling")
    UPHELD = "upheld", _("Upheld (grade changed)")
    REJECTED = "rejected", _("Rejected (grade stands)")


class ComplaintCategory(models.TextChoices):
    OVERCHARGING = "overcharging", _("Overcharging")
    RUDENESS = "rudeness", _("Rude behaviour")
    DELAY = "delay", _("Delay")
    BRIBE = "bribe", _("A bribe was demanded")
    REFUSAL = "refusal", _("Refusal of service")
    DATA_MISUSE = "data_misuse", _("Misuse of personal data")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    OTHER = "other", _("Other")


class ComplaintChannel(models.TextChoices):
    PORTAL = "portal", _("Citizen portal")
    COUNTER = "counter", _("At an office counter")
    PARTNER = "partner", _("Partner app")
    OPEN311 = "open311", _("Open311")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting triage")
    INVESTIGATING = "investigating", _("Under investigation")
    RULED = "ruled", _("Ruled")
    APPEALED = "appealed", _("Appealed to the steering committee")
    CLOSED = "closed", pgettext_lazy("complaint status", "Closed")


class ComplaintRuling(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    REJECTED = "rejected", _("Rejected")


UPHELD_RULINGS = (ComplaintRuling.UPHELD, ComplaintRuling.PARTLY_UPHELD)


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Awaiting the committee")
    UPHELD = "upheld", _("Appeal upheld")
    REJECTED = "rejected", _("Appeal rejected")


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Written warning")
    FINE = "fine", _("Fine (deducted from settlements)")
    SUSPENSION = "suspension", _("Temporary suspension")
    REVOCATION = "revocation", _("Licence revocation")


class SanctionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed to the committee")
    IMPOSED = "imposed", _("Imposed by decision")
    NOT_IMPOSED = "not_imposed", _("Not imposed")
    APPEALED = "appealed", _("Under appeal")
    ANNULLED = "annulled", _("Annulled on appeal")
    WITHDRAWN = "withdrawn", _("Withdrawn")
