"""Inspection checklists as data (master data a committee decision adopts).

A template (e.g. «بازرسی دوره‌ای دفتر») has numbered versions; a version holds sections and
items, each item with a weight, the evidence it needs and the bylaw articles it enforces. A
version is edited while a draft and frozen once adopted; an inspection records the version it
used, so a later version never changes an old report.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.governance.models import Article, ArticleNote, Decision
from daftar.supervision.choices import Evidence, RuleStatus, Severity


class ChecklistTemplate(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    for_mystery_shopper = models.BooleanField(
        _("for mystery shopper visits"),
        default=False,
        help_text=_("Items an inspector posing as a citizen answers after the visit."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_fa


class ChecklistVersion(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("template"),
    )
    number = models.PositiveIntegerField(_("version"))
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
    # The office's window to answer a finding of an inspection made with this version, in
    # working days; the adopting decision sets it from the bylaw (docs/supervision.md).
    response_days = models.PositiveSmallIntegerField(
        _("working days for the office to respond"), default=10
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist version")
        verbose_name_plural = _("checklist versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="supervision_checklist_version_unique"
            ),
            models.UniqueConstraint(
                fields=["template"],
                condition=Q(status=RuleStatus.ADOPTED),
                name="supervision_checklist_one_adopted",
            ),
            models.CheckConstraint(
                condition=~Q(status=RuleStatus.ADOPTED) | Q(decision__isnull=False),
                name="supervision_checklist_adopted_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class ChecklistSection(models.Model):
    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("version"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title_fa = models.CharField(_("title (Persian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("checklist section")
        verbose_name_plural = _("checklist sections")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "order"], name="supervision_section_order_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title_fa


class ChecklistItem(models.Model):
    section = models.ForeignKey(
        ChecklistSection,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("section"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=40)
    text_fa = models.TextField(_("what is checked (Persian)"))
    text_en = models.TextField(_("what is checked (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    evidence = models.CharField(
        _("evidence required"), max_length=10, choices=Evidence.choices, default=Evidence.NONE
    )
    severity_if_failed = models.CharField(
        _("severity of a failure"),
        max_length=10,
        choices=Severity.choices,
        default=Severity.MINOR,
    )
    verifies_declaration = models.CharField(
        _("self-declaration field it verifies"),
        max_length=40,
        blank=True,
        help_text=_("When set, a failure here is also a false self-declaration."),
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["section", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "order"], name="supervision_item_order_unique"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="supervision_item_weight_min"),
        ]

    def __str__(self) -> str:
        return self.code


class ChecklistItemCitation(models.Model):
    """A bylaw article (and note) the item enforces; rendered by governance's citation."""

    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="citations", verbose_name=_("item")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("article")
    )
    note = models.ForeignKey(
        ArticleNote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("note"),
    )

    class Meta:
        verbose_name = _("article an item enforces")
        verbose_name_plural = _("articles items enforce")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.article_id}"
