"""The double-entry ledger, in integer rials.

A posting's amount is positive for a debit and negative for a credit; the postings of an entry
sum to zero. Nothing is updated or deleted (database triggers refuse it); a correction is a
reversing entry. On PostgreSQL a deferred constraint trigger refuses to commit an entry that
does not balance; on both engines the services check it and a nightly job re-checks every entry.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import ShebaField
from daftar.core.i18n import localised
from daftar.treasury.choices import AccountKind, EntryKind


class Account(models.Model):
    code = models.CharField(_("code"), max_length=80, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices)
    sheba = ShebaField(_("Sheba"), blank=True)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="treasury_accounts",
        verbose_name=_("office"),
    )

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return localised(self.name_fa, self.name_en)


class JournalEntry(models.Model):
    day = models.DateField(_("posting date"))
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    memo = models.CharField(_("memo"), max_length=300)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    actor_label = models.CharField(_("booked by"), max_length=150)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["day", "pk"]
        indexes = [models.Index(fields=["day", "kind"], name="journal_day_idx")]

    def __str__(self) -> str:
        return f"JE-{self.pk}"


class Posting(models.Model):
    entry = models.ForeignKey(
        JournalEntry, on_delete=models.PROTECT, related_name="postings", verbose_name=_("entry")
    )
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="postings", verbose_name=_("account")
    )
    amount = models.BigIntegerField(_("amount (rials; debit +, credit −)"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="posting_amount_not_zero"),
        ]
        indexes = [models.Index(fields=["account", "entry"], name="posting_account_idx")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount:+d}"
