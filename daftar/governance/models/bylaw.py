"""The bylaw as versioned, citable text. Text past the draft stage never changes
(services check it; database triggers refuse it, see `triggers.py`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_persian_digits
from daftar.core.i18n import localised as _localised
from daftar.governance.choices import (
    ArticleOrigin,
    VersionStatus,
)


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
    def status_label(self) -> str:
        """The status as pages show it: a draft another version was merged from reads
        "Merged into version N" (`merged_into`, annotated by the governance selectors)."""
        merged_into = getattr(self, "merged_into", None)
        if self.status == VersionStatus.DRAFT and merged_into:
            number = str(merged_into)
            if get_language() != "en":
                number = to_persian_digits(number)
            return gettext("Merged into version %(number)s") % {"number": number}
        return str(self.get_status_display())

    @property
    def is_public(self) -> bool:
        return self.status in (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)

    @property
    def is_merged(self) -> bool:
        """True when another version was merged from this one (its text lives on there).
        Reads the `merged_into` annotation of the governance selectors when present."""
        if hasattr(self, "merged_into"):
            return self.merged_into is not None
        return BylawVersion.objects.filter(
            Q(merged_from_left=self.pk) | Q(merged_from_right=self.pk)
        ).exists()

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT and not self.is_merged


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
