"""The steering committee and its numbered decisions. Adopted and rejected decisions are
frozen; a correction is a new decision that amends the old."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from daftar.core.i18n import localised as _localised
from daftar.core.numbers import local_digits
from daftar.governance.choices import (
    DecisionKind,
    DecisionStatus,
    MajorityBasis,
    Seat,
    VoteChoice,
)
from daftar.governance.models.bylaw import Article, ArticleNote


class CommitteeMember(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="committee_seats",
        verbose_name=_("user"),
    )
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices)
    is_secretary = models.BooleanField(_("committee secretary"), default=False)
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(
                fields=["seat"],
                condition=Q(until__isnull=True),
                name="committee_one_member_per_seat",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(until__isnull=True), name="committee_one_seat_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_seat_display()})"


class QuorumRule(models.Model):
    """Quorum and majority, as data. The rule in force is the latest one effective on the date."""

    effective_from = models.DateField(_("effective from"), unique=True)
    min_present = models.PositiveSmallIntegerField(_("members needed for quorum"))
    majority_basis = models.CharField(
        _("majority of"),
        max_length=10,
        choices=MajorityBasis.choices,
        default=MajorityBasis.PRESENT,
    )
    set_by = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by decision"),
    )

    class Meta:
        verbose_name = _("quorum rule")
        verbose_name_plural = _("quorum rules")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_present__gte=1), name="quorum_min_present_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.min_present}"


class Meeting(models.Model):
    number = models.PositiveIntegerField(_("meeting number"), unique=True)
    held_on = models.DateField(_("held on"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(
        CommitteeMember, blank=True, related_name="meetings", verbose_name=_("attendees")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-number"]

    def __str__(self) -> str:
        return str(self.number)


class Decision(models.Model):
    """A steering-committee decision (مصوبه). Numbered `year/seq` when adopted."""

    year = models.PositiveSmallIntegerField(_("year (Solar Hijri)"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("number in the year"), null=True, blank=True)
    decided_on = models.DateField(_("date"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("type"), max_length=30, choices=DecisionKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    subject_en = models.CharField(_("subject (English)"), max_length=300, blank=True)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amends"),
    )
    present = models.ManyToManyField(
        CommitteeMember,
        blank=True,
        related_name="decisions_attended",
        verbose_name=_("members present"),
    )
    rule = models.ForeignKey(
        QuorumRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quorum rule applied"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("adopted or rejected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-year", "-seq", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="decision_number_unique"),
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.ADOPTED, year__isnull=False, seq__isnull=False)
                | (~Q(status=DecisionStatus.ADOPTED) & Q(seq__isnull=True)),
                name="decision_numbered_iff_adopted",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind", "year"], name="decision_list_idx")]

    def __str__(self) -> str:
        # Shown to people (choice lists, pages): the number in the reader's digits.
        return f"{local_digits(self.number or f'#{self.pk}')} — {self.subject}"

    def get_absolute_url(self) -> str:
        if self.seq:
            return reverse("governance:decision", kwargs={"year": self.year, "seq": self.seq})
        return reverse("governance:decision_draft", kwargs={"pk": self.pk})

    @property
    def number(self) -> str:
        return f"{self.year}/{self.seq}" if self.seq else ""


class DecisionCounter(models.Model):
    """The last number given to a decision in a Jalali year; locked while numbering."""

    year = models.PositiveSmallIntegerField(_("year (Solar Hijri)"), unique=True)
    last_seq = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("decision counter")
        verbose_name_plural = _("decision counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_seq}"


class DecisionCitation(models.Model):
    """An article of a specific version (optionally one of its notes) that a decision applies."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="citations", verbose_name=_("decision")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="citations", verbose_name=_("article")
    )
    note = models.ForeignKey(
        ArticleNote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("note"),
    )

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "article"],
                condition=Q(note__isnull=True),
                name="citation_article_unique",
            ),
            models.UniqueConstraint(
                fields=["decision", "note"],
                condition=Q(note__isnull=False),
                name="citation_note_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} → {self.article_id}"


class Vote(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="votes", verbose_name=_("decision")
    )
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="votes", verbose_name=_("member")
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["decision", "member"], name="vote_one_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.choice}"


class DecisionEffect(models.Model):
    """Something another capability changed on the authority of a decision."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="effects", verbose_name=_("decision")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("object type")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    summary = models.CharField(_("what changed (English)"), max_length=300)
    # Empty only on effects recorded before both languages were stored.
    summary_fa = models.CharField(_("what changed (Persian)"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision effect")
        verbose_name_plural = _("decision effects")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """What changed, in the page's language (English for effects recorded before the
        Persian text was stored)."""
        return _localised(self.summary_fa, self.summary) or self.summary
