"""Choices of the licensing app: call and application lifecycles, documents, degree fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CallStatus(models.TextChoices):
    """draft → open → registration closed → scored → results published → objections closed
    → awarded → closed (a call may also close straight after the objections, awarding nobody).
    Changed only by `daftar.licensing.services.lifecycle._call_move`."""

    DRAFT = "draft", pgettext_lazy("licensing call", "Draft")
    OPEN = "open", pgettext_lazy("licensing call", "Open for applications")
    REGISTRATION_CLOSED = (
        "registration_closed",
        pgettext_lazy("licensing call", "Registration closed"),
    )
    SCORED = "scored", pgettext_lazy("licensing call", "Exam scored")
    RESULTS_PUBLISHED = "results_published", pgettext_lazy("licensing call", "Results published")
    OBJECTIONS_CLOSED = "objections_closed", pgettext_lazy("licensing call", "Objections closed")
    AWARDED = "awarded", pgettext_lazy("licensing call", "Agreements awarded")
    CLOSED = "closed", pgettext_lazy("licensing call", "Closed")


CALL_MOVES: dict[str, frozenset[str]] = {
    CallStatus.DRAFT: frozenset({CallStatus.OPEN}),
    CallStatus.OPEN: frozenset({CallStatus.REGISTRATION_CLOSED}),
    CallStatus.REGISTRATION_CLOSED: frozenset({CallStatus.SCORED}),
    CallStatus.SCORED: frozenset({CallStatus.RESULTS_PUBLISHED}),
    CallStatus.RESULTS_PUBLISHED: frozenset({CallStatus.OBJECTIONS_CLOSED}),
    CallStatus.OBJECTIONS_CLOSED: frozenset({CallStatus.AWARDED, CallStatus.CLOSED}),
    CallStatus.AWARDED: frozenset({CallStatus.CLOSED}),
    CallStatus.CLOSED: frozenset(),
}

# Applications may be reviewed (and their eligibility change) only in these call states.
REVIEW_STATUSES = (CallStatus.OPEN, CallStatus.REGISTRATION_CLOSED)


class ApplicationStatus(models.TextChoices):
    """Derived from the eligibility rules; changed only by `review._application_move`."""

    SUBMITTED = "submitted", _("Submitted — documents under review")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("National card and birth certificate")
    DEGREE = "degree", _("Degree certificate")
    CLEAN_RECORD = "clean_record", _("Certificate of no criminal record")
    MILITARY_SERVICE = "military_service", _("Military service card or exemption")
    EXPERIENCE = "experience", _("Proof of work experience")
    TM_DEGREE = "tm_degree", _("Technical manager's degree certificate")
    TM_CONSENT = "tm_consent", _("Technical manager's letter of acceptance")


class DegreeField(models.TextChoices):
    """Fields of study an eligibility rule may name (a call lists the ones it accepts)."""

    URBAN_PLANNING = "urban_planning", _("Urban planning")
    ARCHITECTURE = "architecture", _("Architecture")
    CIVIL_ENGINEERING = "civil_engineering", _("Civil engineering")
    SURVEYING_ENGINEERING = "surveying_engineering", _("Surveying engineering")
    COMPUTER_ENGINEERING = "computer_engineering", _("Computer engineering")
    INFORMATION_TECHNOLOGY = "information_technology", _("Information technology")
    INDUSTRIAL_ENGINEERING = "industrial_engineering", _("Industrial engineering")
    PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
    ACCOUNTING = "accounting", _("Accounting")
    ECONOMICS = "economics", _("Economics")
    LAW = "law", _("Law")
    OTHER = "other", _("Other")


class RuleOutcome(models.TextChoices):
    PASSED = "pass", _("Met")
    FAILED = "fail", _("Not met")
    PENDING = "pending", _("Awaiting review")


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a ruling")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class AgreementStatus(models.TextChoices):
    """Agreement in principle (موافقت اصولی): awarded, then fulfilled by an operating licence —
    or lapsed when the deadline to set up the office passed, which frees its place."""

    AWARDED = "awarded", _("Awarded — office being set up")
    LICENSED = "licensed", _("Operating licence issued")
    LAPSED = "lapsed", _("Lapsed — office not set up by the deadline")
