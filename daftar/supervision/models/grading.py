"""Self-declarations and periodic grading.

A grading period (default six months) opens with the offices' self-declarations; at its end
every office gets indicators computed from the system's own data, a score and a grade by the
formula in force (weights and thresholds adopted by decision). The inputs are published
anonymised so anyone can recompute the grades (scripts/recompute_grades.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from daftar.core.jalali import format_date
from daftar.governance.models import Decision
from daftar.offices.models import Office
from daftar.supervision.choices import Grade, ObjectionStatus, PeriodStatus, RuleStatus


class GradingFormula(models.Model):
    """Weights per indicator and the minimum score of each grade, adopted by decision."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    weights = models.JSONField(_("weight of each indicator"))
    thresholds = models.JSONField(_("minimum score of each grade"))
    minimum_renewal_grade = models.CharField(
        _("lowest grade that may renew a licence"),
        max_length=1,
        choices=Grade.choices,
        default=Grade.C,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RuleStatus.choices, default=RuleStatus.DRAFT
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by decision"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("grading formula")
        verbose_name_plural = _("grading formulas")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=RuleStatus.ADOPTED),
                name="supervision_formula_one_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class GradingPeriod(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)  # e.g. "1405-H1"
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    declare_by = models.DateField(_("self-declarations due by"))
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.DECLARING
    )
    formula = models.ForeignKey(
        GradingFormula,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="periods",
        verbose_name=_("formula used"),
    )
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    inputs_sha256 = models.CharField(
        _("SHA-256 of the published inputs"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("grading period")
        verbose_name_plural = _("grading periods")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="supervision_period_order"
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """What a reader calls the period: its dates in their language (the code is for
        files and URLs)."""
        language = get_language() or "fa"
        first = format_date(self.starts_on, language=language)
        last = format_date(self.ends_on, language=language)
        return format_lazy(_("{first} to {last}"), first=first, last=last)


class SelfDeclaration(models.Model):
    """What the office manager declares before a period: staff, hours, equipment, access."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    period = models.ForeignKey(
        GradingPeriod,
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("period"),
    )
    staff_count = models.PositiveSmallIntegerField(_("staff working at the office"))
    certified_staff_count = models.PositiveSmallIntegerField(_("of whom certified"))
    counters = models.PositiveSmallIntegerField(_("counters in service"))
    weekly_hours = models.PositiveSmallIntegerField(_("opening hours a week"))
    equipment = models.JSONField(_("equipment"), default=dict)
    accessibility = models.JSONField(_("accessibility"), default=dict)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
    )
    declared_at = models.DateTimeField(_("declared at"))
    found_false = models.BooleanField(_("found false by an inspection"), default=False)

    class Meta:
        verbose_name = _("self-declaration")
        verbose_name_plural = _("self-declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "period"], name="supervision_declaration_unique"
            ),
            models.CheckConstraint(
                condition=Q(certified_staff_count__lte=models.F("staff_count")),
                name="supervision_declaration_certified_le_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.period_id}"


class OfficeGrade(models.Model):
    period = models.ForeignKey(
        GradingPeriod, on_delete=models.PROTECT, related_name="grades", verbose_name=_("period")
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    indicators = models.JSONField(_("indicators"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("office grade")
        verbose_name_plural = _("office grades")
        ordering = ["period", "office"]
        constraints = [
            models.UniqueConstraint(fields=["period", "office"], name="supervision_grade_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.period_id}: {self.grade}"


class GradeObjection(models.Model):
    """An office objects once to its grade; the supervision unit rules."""

    grade = models.OneToOneField(
        OfficeGrade, on_delete=models.PROTECT, related_name="objection", verbose_name=_("grade")
    )
    reason = models.TextField(_("reason"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed at"))
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED
    )
    ruling = models.TextField(_("ruling"), blank=True)
    new_grade = models.CharField(
        _("grade after the ruling"), max_length=1, choices=Grade.choices, blank=True
    )
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ruled by"),
    )
    ruled_at = models.DateTimeField(_("ruled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection to a grade")
        verbose_name_plural = _("objections to grades")

    def __str__(self) -> str:
        return f"objection to {self.grade_id}"
