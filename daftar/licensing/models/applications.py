"""Applications to a call, their district preferences, stored eligibility results, uploaded
documents, objections to the published ranking, and agreements in principle.

An application's status changes only in `services.review._application_move`, an agreement's
only in `services.awards._agreement_move` (both in daftar.licensing).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import NationalCodeField
from daftar.licensing.choices import (
    AgreementStatus,
    ApplicationStatus,
    DegreeField,
    DocumentKind,
    DocumentStatus,
    ObjectionStatus,
    RuleOutcome,
)
from daftar.licensing.models.calls import Call, Publication
from daftar.offices.choices import DegreeLevel


class Application(models.Model):
    """One person's application to one call, known publicly only by its code (A1404-0017)."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    # The account the application was made from. The application is the record (it keeps the
    # national code); an account removed later leaves it in place.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="licence_applications",
        verbose_name=_("applicant's account"),
    )
    seq = models.PositiveIntegerField(_("number in the call"))
    code = models.CharField(_("applicant code"), max_length=20)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    national_code = NationalCodeField(_("national code"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    degree_level = models.CharField(_("degree"), max_length=12, choices=DegreeLevel.choices)
    degree_field = models.CharField(_("field of study"), max_length=30, choices=DegreeField.choices)
    experience_years = models.PositiveSmallIntegerField(_("years of relevant experience"))
    clean_record_declared = models.BooleanField(_("declares a clean criminal record"))

    tm_national_code = NationalCodeField(_("technical manager's national code"))
    tm_first_name = models.CharField(_("technical manager's first name"), max_length=100)
    tm_last_name = models.CharField(_("technical manager's last name"), max_length=100)
    tm_birth_date = models.DateField(_("technical manager's date of birth"))
    tm_degree_field = models.CharField(
        _("technical manager's field of study"), max_length=30, choices=DegreeField.choices
    )

    exam_score = models.DecimalField(
        _("exam score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    exam_absent = models.BooleanField(_("absent from the exam"), default=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "national_code"], name="licensing_one_application_per_person"
            ),
            models.UniqueConstraint(fields=["call", "code"], name="licensing_application_code"),
            models.UniqueConstraint(fields=["call", "seq"], name="licensing_application_seq"),
            models.CheckConstraint(
                condition=Q(exam_score__isnull=True) | Q(exam_score__gte=0, exam_score__lte=100),
                name="licensing_exam_score_0_100",
            ),
            models.CheckConstraint(
                condition=Q(exam_absent=False) | Q(exam_score__isnull=True),
                name="licensing_absent_has_no_score",
            ),
            models.CheckConstraint(
                condition=Q(experience_years__lte=60), name="licensing_experience_years_lte_60"
            ),
            models.CheckConstraint(
                condition=~Q(tm_national_code=models.F("national_code")),
                name="licensing_tm_is_another_person",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"], name="licensing_app_call_status")]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("licensing:application", kwargs={"pk": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def tm_full_name(self) -> str:
        return f"{self.tm_first_name} {self.tm_last_name}"


class DistrictPreference(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="preferences",
        verbose_name=_("application"),
    )
    district = models.ForeignKey(
        "offices.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    position = models.PositiveSmallIntegerField(_("preference"))

    class Meta:
        verbose_name = _("district preference")
        verbose_name_plural = _("district preferences")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="licensing_preference_position_once"
            ),
            models.UniqueConstraint(
                fields=["application", "district"], name="licensing_preference_district_once"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="licensing_preference_position_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.position}: {self.district_id}"


class EligibilityCheck(models.Model):
    """The latest result of one eligibility rule for an application (see eligibility.py)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="checks", verbose_name=_("application")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    rule = models.CharField(_("rule"), max_length=30)
    outcome = models.CharField(_("outcome"), max_length=10, choices=RuleOutcome.choices)
    params = models.JSONField(_("values"), default=dict)

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="licensing_check_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.rule}={self.outcome}"

    @property
    def reason(self) -> str:
        from daftar.licensing.reasons import render_check

        return render_check(self.rule, self.outcome, self.params)


class ApplicationDocument(models.Model):
    """An uploaded document, stored under a random name; served only through an access check."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    current = models.BooleanField(_("current version"), default=True)
    status = models.CharField(
        _("review"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    review_reason = models.TextField(_("reviewer's reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=Q(current=True),
                name="licensing_one_current_document_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.REJECTED) | ~Q(review_reason=""),
                name="licensing_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.kind}"

    def get_absolute_url(self) -> str:
        return reverse("licensing:document", kwargs={"pk": self.pk})


class Objection(models.Model):
    """An applicant's objection to a published ranking, and the committee's ruling on it."""

    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="objection",
        verbose_name=_("application"),
    )
    publication = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("publication objected to"),
    )
    text = models.TextField(_("objection"))
    filed_at = models.DateTimeField(_("filed at"))
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING
    )
    ruling_reason = models.TextField(_("reason for the ruling"), blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ruled by"),
    )
    ruled_at = models.DateTimeField(_("ruled at"), null=True, blank=True)
    previous_score = models.DecimalField(
        _("exam score before the ruling"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    corrected_score = models.DecimalField(
        _("corrected exam score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    republished_as = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("republished as"),
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["filed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(corrected_score__isnull=True) | Q(status=ObjectionStatus.UPHELD),
                name="licensing_correction_only_when_upheld",
            ),
            models.CheckConstraint(
                condition=Q(status=ObjectionStatus.PENDING) | ~Q(ruling_reason=""),
                name="licensing_ruling_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"objection {self.application_id}"


class Agreement(models.Model):
    """An agreement in principle (موافقت اصولی) awarded by a committee decision."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("call")
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="agreement",
        verbose_name=_("application"),
    )
    district = models.ForeignKey(
        "offices.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("awarding decision"),
    )
    awarded_on = models.DateField(_("awarded on"))
    setup_deadline = models.DateField(_("office to be set up by"))
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.AWARDED
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    licence = models.ForeignKey(
        "offices.Licence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operating licence"),
    )

    class Meta:
        verbose_name = _("agreement in principle")
        verbose_name_plural = _("agreements in principle")
        ordering = ["call", "district__number", "application__seq"]
        constraints = [
            models.CheckConstraint(
                condition=Q(setup_deadline__gt=models.F("awarded_on")),
                name="licensing_deadline_after_award",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[AgreementStatus.AWARDED, AgreementStatus.LAPSED])
                | Q(office__isnull=False, licence__isnull=False),
                name="licensing_licensed_has_licence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.district_id}"
