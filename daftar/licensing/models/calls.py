"""Calls for new offices (فراخوان): timetable, eligibility rules and scoring formula as data,
quotas per district, required documents, and the numbered publications of the results.

A call's status changes only in `daftar.licensing.services.lifecycle._call_move`. Its rules,
formula, timetable and quotas are frozen once it opens (services refuse, and database
triggers in `daftar.licensing.triggers` refuse too). Publications are append-only.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from daftar.core.i18n import localised as _localised
from daftar.licensing.choices import CallStatus, DegreeField, DocumentKind
from daftar.licensing.ranking import Parameters
from daftar.offices.choices import DegreeLevel

CALL_CODE_PATTERN = r"^[0-9]{4}-[0-9]{1,2}$"


def default_degree_levels() -> list[str]:
    return ["bachelor", "master", "doctorate"]


def default_degree_points() -> dict[str, str]:
    # Article 10: points for a degree above the bachelor's.
    return {"bachelor": "0", "master": "5", "doctorate": "10"}


def _choice_label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class Call(models.Model):
    code = models.CharField(
        _("call number"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(CALL_CODE_PATTERN)],
        help_text=_("Year and number, e.g. 1404-1."),
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision opening the call"),
    )
    people_per_office = models.PositiveIntegerField(
        _("residents per office"),
        default=100_000,
        help_text=_("Used to propose the quotas: one office for this many residents."),
    )
    max_preferences = models.PositiveSmallIntegerField(
        _("districts an applicant may list"), default=3
    )

    # timetable (dates in Tehran; each inclusive)
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(_("registration closes"))
    review_until = models.DateField(_("document review until"))
    exam_on = models.DateField(_("exam date"))
    results_on = models.DateField(_("results date"))
    objections_until = models.DateField(_("objections until"))

    # eligibility rules
    applicant_min_age = models.PositiveSmallIntegerField(_("applicant's minimum age"), default=27)
    applicant_max_age = models.PositiveSmallIntegerField(_("applicant's maximum age"), default=55)
    degree_levels = models.JSONField(_("accepted degrees"), default=default_degree_levels)
    degree_fields = models.JSONField(
        _("accepted fields of study"), default=list, blank=True, help_text=_("Empty: any field.")
    )
    tm_min_age = models.PositiveSmallIntegerField(_("technical manager's minimum age"), default=25)
    tm_max_age = models.PositiveSmallIntegerField(_("technical manager's maximum age"), default=55)
    tm_degree_fields = models.JSONField(
        _("technical manager's accepted fields"), default=list, blank=True
    )
    clean_record_required = models.BooleanField(
        _("clean-record declaration required"), default=True
    )

    # scoring formula (see daftar.licensing.ranking)
    exam_weight = models.DecimalField(
        _("exam weight"), max_digits=5, decimal_places=2, default=Decimal("1.00")
    )
    degree_points = models.JSONField(_("points per degree"), default=default_degree_points)
    experience_points_per_year = models.DecimalField(
        _("points per year of experience"), max_digits=5, decimal_places=2, default=Decimal("1.00")
    )
    experience_points_cap = models.DecimalField(
        _("maximum experience points"), max_digits=6, decimal_places=2, default=Decimal("10.00")
    )
    pass_mark = models.DecimalField(
        _("pass mark (exam)"), max_digits=5, decimal_places=2, default=Decimal("50.00")
    )

    last_seq = models.PositiveIntegerField(_("applications numbered so far"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-registration_opens", "-code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_opens__lte=F("registration_closes"))
                & Q(registration_closes__lte=F("review_until"))
                & Q(review_until__lte=F("exam_on"))
                & Q(exam_on__lte=F("results_on"))
                & Q(results_on__lte=F("objections_until")),
                name="licensing_call_timetable_in_order",
            ),
            models.CheckConstraint(
                condition=Q(applicant_min_age__lte=F("applicant_max_age"))
                & Q(tm_min_age__lte=F("tm_max_age")),
                name="licensing_call_age_ranges",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100)
                & Q(exam_weight__gt=0)
                & Q(experience_points_per_year__gte=0)
                & Q(experience_points_cap__gte=0),
                name="licensing_call_formula_ranges",
            ),
            models.CheckConstraint(
                condition=Q(people_per_office__gte=1) & Q(max_preferences__gte=1),
                name="licensing_call_positive_settings",
            ),
            models.CheckConstraint(
                condition=Q(status=CallStatus.DRAFT) | Q(decision__isnull=False),
                name="licensing_call_opened_by_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("licensing:call", kwargs={"code": self.code})

    @property
    def year(self) -> str:
        return self.code.split("-")[0]

    def degree_level_labels(self) -> list[str]:
        return [_choice_label(DegreeLevel, v) for v in self.degree_levels]

    def degree_field_labels(self) -> list[str]:
        return [_choice_label(DegreeField, v) for v in self.degree_fields]

    def tm_degree_field_labels(self) -> list[str]:
        return [_choice_label(DegreeField, v) for v in self.tm_degree_fields]

    @property
    def parameters(self) -> Parameters:
        return Parameters(
            exam_weight=self.exam_weight,
            degree_points={level: Decimal(str(p)) for level, p in self.degree_points.items()},
            experience_points_per_year=self.experience_points_per_year,
            experience_points_cap=self.experience_points_cap,
            pass_mark=self.pass_mark,
        )


class CallDistrictQuota(models.Model):
    """How many new offices a call licenses in a district, with the figures behind the proposal."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("call")
    )
    district = models.ForeignKey(
        "offices.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    active_offices = models.PositiveIntegerField(_("active offices"), default=0)
    proposed = models.PositiveSmallIntegerField(_("proposed by the formula"), default=0)
    quota = models.PositiveSmallIntegerField(_("quota"), default=0)

    class Meta:
        verbose_name = _("district quota")
        verbose_name_plural = _("district quotas")
        ordering = ["district__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "district"], name="licensing_one_quota_per_district"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_id}:{self.district_id}={self.quota}"


class RequiredDocument(models.Model):
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="required_documents", verbose_name=_("call")
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    mandatory = models.BooleanField(_("mandatory"), default=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["-mandatory", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="licensing_document_kind_once"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Publication(models.Model):
    """One numbered publication of a call's results: the exact file anyone can download."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="publications", verbose_name=_("call")
    )
    number = models.PositiveSmallIntegerField(_("publication number"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    reason = models.CharField(_("reason (English)"), max_length=300)
    # Empty only on publications made before both languages were stored.
    reason_fa = models.CharField(_("reason (Persian)"), max_length=300, blank=True)
    content = models.TextField(_("published file (JSON)"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)

    class Meta:
        verbose_name = _("publication of results")
        verbose_name_plural = _("publications of results")
        ordering = ["call", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"], name="licensing_publication_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="licensing_publication_number_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_id} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "licensing:publication_json", kwargs={"code": self.call.code, "number": self.number}
        )

    @property
    def reason_text(self) -> str:
        """Why it was published, in the page's language (English for publications made
        before the Persian text was stored)."""
        return _localised(self.reason_fa, self.reason) or self.reason
