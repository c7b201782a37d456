"""An office's dated closures (the weekly hours are `OfficeHours`; official holidays are
`core.Holiday`): together they say when an office is open on a given day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daftar.offices.models.registry import Office


class OfficeClosure(models.Model):
    """A whole day the office is closed outside the official holidays (renovation, a power
    cut, a staff training day), with its reason, shown on the office's public page."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="closures", verbose_name=_("office")
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("office closure")
        verbose_name_plural = _("office closures")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["office", "date"], name="office_closure_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.date} {self.reason}"
