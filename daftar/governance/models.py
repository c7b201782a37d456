"""The bylaw as versioned, citable text, and the steering committee's numbered decisions.

Text of a version that has left the draft stage never changes (checked by the services and
refused by database triggers, see `triggers.py`); a correction is a new version. Adopted and
rejected decisions are likewise frozen; a correction is a new decision that amends the old.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from daftar.governance.choices import (
    ArticleOrigin,
    DecisionKind,
    DecisionStatus,
    MajorityBasis,
    Seat,
    VersionStatus,
    VoteChoice,
)


def _localised(fa: str, en: str) -> str:
    return en if get_language() == "en" and en else fa


class Commission(models.Model):
    """A council commission that drafts bylaw text (e.g. Urban Planning and Architecture)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="commissions", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self.name_fa, self.name_en)


class Bylaw(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=300)
    short_title_fa = models.CharField(_("short title (Persian)"), max_length=150)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    short_title_en = models.CharField(_("short title (English)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("bylaw")
        verbose_name_plural = _("bylaws")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _localised(self.title_fa, self.title_en)


class BylawVersion(models.Model):
    bylaw = models.ForeignKey(
        Bylaw, on_delete=models.PROTECT, related_name="versions", verbose_name=_("bylaw")
    )
    number = models.PositiveIntegerField(_("version number"))
    label_fa = models.CharField(_("label (Persian)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    commission = models.ForeignKey(
        Commission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("drafting commission"),
    )
    merged_from_left = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged from (left)"),
    )
    merged_from_right = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged from (right)"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    council_session = models.PositiveIntegerField(_("council session"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bylaw version")
        verbose_name_plural = _("bylaw versions")
        ordering = ["bylaw", "number"]
        constraints = [
            models.UniqueConstraint(fields=["bylaw", "number"], name="bylaw_version_number_unique"),
            models.UniqueConstraint(
                fields=["bylaw"],
                condition=Q(status=VersionStatus.ADOPTED),
                name="bylaw_one_version_in_force",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[VersionStatus.ADOPTED, VersionStatus.SUPERSEDED])
                | (Q(adopted_on__isnull=False) & Q(council_session__isnull=False)),
                name="bylaw_adopted_version_has_date_and_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bylaw.short_title_fa} — {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("governance:version", kwargs={"number": self.number})

    @property
    def label(self) -> str:
        return _localised(self.label_fa, self.label_en)

    @property
    def is_public(self) -> bool:
        return self.status in (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Chapter(models.Model):
    version = models.ForeignKey(
        BylawVersion, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("version")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title_fa = models.CharField(_("title (Persian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="chapter_number_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _localised(self.title_fa, self.title_en)


class Article(models.Model):
    """An article (ماده) of one version. Its number is its identity across versions."""

    version = models.ForeignKey(
        BylawVersion, on_delete=models.CASCADE, related_name="articles", verbose_name=_("version")
    )
    chapter = models.ForeignKey(
        Chapter,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("chapter"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title_fa = models.CharField(_("title (Persian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    text_fa = models.TextField(_("text (Persian)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=10, choices=ArticleOrigin.choices, default=ArticleOrigin.AUTHORED
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="article_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}:{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:article", kwargs={"number": self.version.number, "article": self.number}
        )

    @property
    def title(self) -> str:
        return _localised(self.title_fa, self.title_en)

    @property
    def text(self) -> str:
        return _localised(self.text_fa, self.text_en)


class ArticleNote(models.Model):
    """A note (تبصره) of an article, numbered from 1 within the article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="notes", verbose_name=_("article")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_fa = models.TextField(_("text (Persian)"))
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="note_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.number}"

    @property
    def text(self) -> str:
        return _localised(self.text_fa, self.text_en)


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
        return f"{self.number or _('draft')} — {self.subject}"

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
    summary = models.CharField(_("what changed"), max_length=300)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision effect")
        verbose_name_plural = _("decision effects")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.summary
