"""Kernel tables: the counters behind the cross-process rate limiter."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from daftar.core.i18n import localised


class RateLimitCounter(models.Model):
    """Hits for one key in one fixed window. Rows of past windows are swept periodically."""

    key = models.CharField(_("key"), max_length=200)
    window_start = models.BigIntegerField(_("window start (unix seconds)"))
    hits = models.PositiveIntegerField(_("hits"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"], name="ratelimit_key_window_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start}: {self.hits}"


class Holiday(models.Model):
    """An official holiday in Tehran (Fridays are weekly rest days without a row)."""

    class Kind(models.TextChoices):
        SOLAR = "solar", _("Official, solar calendar")
        LUNAR = "lunar", _("Official, lunar calendar")
        DECREED = "decreed", _("Declared for this day (closure)")

    date = models.DateField(_("date"), unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DECREED)
    reason = models.CharField(
        _("reason or source"),
        max_length=300,
        blank=True,
        help_text=_("Why the day is a holiday, or which official calendar it comes from."),
    )
    provisional = models.BooleanField(
        _("date to be confirmed"),
        default=False,
        help_text=_("A lunar date not yet confirmed against the official calendar."),
    )

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name_fa}"

    @property
    def name(self) -> str:
        """The name in the active language (Persian when there is no English one)."""
        return localised(self.name_fa, self.name_en)
