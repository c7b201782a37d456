"""Office terminals and their heartbeats: who is online now, and uptime per office per day.

A terminal's secret is never stored: it is derived as HMAC(TERMINAL_KEY, id:version) and
shown once when the terminal is registered; rotating bumps `key_version`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.offices.models.registry import Office


class Terminal(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="terminals", verbose_name=_("office")
    )
    code = models.CharField(_("terminal code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=100, blank=True)
    key_version = models.PositiveIntegerField(_("key version"), default=1)
    active = models.BooleanField(_("active"), default=True)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    last_timestamp_ms = models.BigIntegerField(_("last signed timestamp (ms)"), default=0)

    class Meta:
        verbose_name = _("terminal")
        verbose_name_plural = _("terminals")

    def __str__(self) -> str:
        return self.code


class HeartbeatSlot(models.Model):
    """The terminal was heard from during this five-minute slot (one row per slot at most)."""

    terminal = models.ForeignKey(
        Terminal, on_delete=models.CASCADE, related_name="slots", verbose_name=_("terminal")
    )
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    slot = models.DateTimeField(_("slot start"))

    class Meta:
        verbose_name = _("heartbeat slot")
        verbose_name_plural = _("heartbeat slots")
        constraints = [
            models.UniqueConstraint(fields=["terminal", "slot"], name="heartbeat_one_per_slot"),
        ]
        indexes = [models.Index(fields=["office", "slot"], name="heartbeat_office_slot_idx")]

    def __str__(self) -> str:
        return f"{self.terminal_id}@{self.slot}"


class OfficeUptimeDay(models.Model):
    """Share of an office's opening hours on one day in which a terminal was online."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="uptime_days", verbose_name=_("office")
    )
    day = models.DateField(_("day (Tehran)"))
    slots_open = models.PositiveIntegerField(_("five-minute slots in opening hours"))
    slots_up = models.PositiveIntegerField(_("slots with a heartbeat"))

    class Meta:
        verbose_name = _("daily uptime")
        verbose_name_plural = _("daily uptime")
        constraints = [
            models.UniqueConstraint(fields=["office", "day"], name="uptime_one_per_office_day"),
            models.CheckConstraint(
                condition=Q(slots_up__lte=models.F("slots_open")), name="uptime_up_within_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day}"

    @property
    def percent(self) -> float | None:
        return round(100 * self.slots_up / self.slots_open, 1) if self.slots_open else None
