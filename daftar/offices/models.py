"""Tehran's districts, the offices in them, and who works where.

This is the registry's core; licensing, certifications and terminals build on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from daftar.offices.choices import OfficeStatus, StaffRole


class District(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year (Solar Hijri)"), null=True, blank=True
    )
    population_source = models.CharField(_("population source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="district_number_gte_1"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_fa


class Office(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="offices", verbose_name=_("district")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OfficeStatus.choices, default=OfficeStatus.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class OfficeStaff(models.Model):
    """A person working at an office. An operator sees only their own office's work."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="staff", verbose_name=_("office")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="office_posts",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    hired_on = models.DateField(_("hired on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("office staff member")
        verbose_name_plural = _("office staff")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(left_on__isnull=True),
                name="office_staff_one_current_post",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("hired_on")),
                name="office_staff_left_after_hired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.office.code}"
