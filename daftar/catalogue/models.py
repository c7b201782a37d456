"""The municipality's single catalogue of e-services.

Departments decide files; service domains are what staff are certified and offices authorised
for; a service has its form fields and required documents as data, the channels it may be
requested through, an SLA in working days, a workflow, and versioned tariffs. A tariff version
is a legal instrument: it cites the adopted committee decision that set it and has an effective
period that never overlaps another version of the same service (database-enforced).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from daftar.catalogue.choices import Channel, DraftStatus, FieldType, TariffDraftStatus
from daftar.catalogue.schema import display_value
from daftar.core.i18n import localised as _localised


class Department(models.Model):
    """A deputy mayor's department that decides files (e.g. urban planning and architecture)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self.name_fa, self.name_en)


class DepartmentMember(models.Model):
    """A reviewer's place in a department; heads receive escalations."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="members", verbose_name=_("department")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="department_post",
        verbose_name=_("user"),
    )
    is_head = models.BooleanField(_("head of department"), default=False)

    class Meta:
        verbose_name = _("department member")
        verbose_name_plural = _("department members")

    def __str__(self) -> str:
        return f"{self.user} @ {self.department.code}"


class Beneficiary(models.Model):
    """Who a tariff's split pays: a municipal revenue head (`revenue:<head>`) or another body
    (`other:<name>`), by the key tariffs name it with, and its human name for every page that
    would otherwise show the key (fee quotes, the ledger). See `selectors.account_label`."""

    key = models.CharField(_("key"), max_length=80, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(key__startswith="revenue:") | Q(key__startswith="other:"),
                name="beneficiary_key_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self.name_fa, self.name_en)


class ServiceDomain(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="domains", verbose_name=_("department")
    )

    class Meta:
        verbose_name = _("service domain")
        verbose_name_plural = _("service domains")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self.name_fa, self.name_en)


class Service(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    domain = models.ForeignKey(
        ServiceDomain,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("service domain"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("deciding department"),
    )
    channel_office = models.BooleanField(_("at an office"), default=True)
    channel_web = models.BooleanField(_("online"), default=False)
    channel_partner = models.BooleanField(_("through partner apps"), default=False)
    sla_days = models.PositiveSmallIntegerField(_("SLA (working days)"))
    workflow = models.ForeignKey(
        "workflow.WorkflowVersion",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("workflow"),
    )
    refundable_basis_points = models.PositiveIntegerField(
        _("refundable share (basis points)"),
        default=10_000,
        help_text=_(
            "How much of the fee is refunded if the file is rejected or cancelled after "
            "payment (10,000 = all of it)."
        ),
    )
    active = models.BooleanField(_("offered"), default=True)
    search_key = models.CharField(_("search key"), max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(sla_days__gte=1), name="service_sla_positive"),
            models.CheckConstraint(
                condition=Q(refundable_basis_points__lte=10_000),
                name="service_refundable_at_most_all",
            ),
            models.CheckConstraint(
                condition=Q(channel_office=True) | Q(channel_web=True) | Q(channel_partner=True),
                name="service_has_a_channel",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:service", kwargs={"code": self.code})

    @property
    def title(self) -> str:
        return _localised(self.title_fa, self.title_en)

    @property
    def description(self) -> str:
        return _localised(self.description_fa, self.description_en)

    def allows(self, channel: Channel | str) -> bool:
        return {
            Channel.OFFICE: self.channel_office,
            Channel.WEB: self.channel_web,
            Channel.PARTNER: self.channel_partner,
        }[Channel(channel)]


class FormField(models.Model):
    """One input of a service's form, as data: type, required, bounds, choices."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="fields", verbose_name=_("service")
    )
    name = models.SlugField(_("name"), max_length=40)
    label_fa = models.CharField(_("label (Persian)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=FieldType.choices)
    required = models.BooleanField(_("required"), default=True)
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_('[{"value": 1, "label_fa": "…", "label_en": "…"}]'),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        ordering = ["service", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="form_field_name_unique"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=F("max_value")),
                name="form_field_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return _localised(self.label_fa, self.label_en)

    def display_value(self, value) -> str:
        """`value` as a reader should see it (`catalogue.schema.display_value`)."""
        return display_value(self, value)


class RequiredDocument(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="documents", verbose_name=_("service")
    )
    code = models.SlugField(_("code"), max_length=40)
    title_fa = models.CharField(_("title (Persian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    mandatory = models.BooleanField(_("mandatory"), default=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["service", "-mandatory", "code"]
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="required_document_unique"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        return _localised(self.title_fa, self.title_en)


class TariffVersion(models.Model):
    """The fee of a service for a period, set by an adopted tariff decision.

    `formula` is an expression over the form's numeric fields (see catalogue/formula.py);
    `splits` divides the fee among beneficiaries in basis points summing to 10,000:
    [{"beneficiary": "revenue:building", "basis_points": 8500},
     {"beneficiary": "office_fee", "basis_points": 1500}]. The office's share applies only
    to files taken at an office; otherwise it goes to the first municipal revenue head.
    """

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="tariffs", verbose_name=_("service")
    )
    version = models.PositiveIntegerField(_("version"))
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tariff decision"),
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until (exclusive)"), null=True, blank=True)
    formula = models.TextField(_("formula"))
    description_fa = models.TextField(
        _("the formula in plain words (Persian)"),
        blank=True,
        help_text=_("What citizens read instead of the formula, and staff beside it."),
    )
    description_en = models.TextField(_("the formula in plain words (English)"), blank=True)
    splits = models.JSONField(_("split among beneficiaries"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tariff version")
        verbose_name_plural = _("tariff versions")
        ordering = ["service", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="tariff_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
                name="tariff_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.code} v{self.version}"

    @property
    def description(self) -> str:
        return _localised(self.description_fa, self.description_en)


class ServiceVersion(models.Model):
    """A published definition of a service, frozen (catalogue/definition.py; ADR 0024). The
    live `Service`, `FormField` and `RequiredDocument` rows are the latest version's copy; a
    file keeps the version it was opened with and is shown and validated by it."""

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="versions", verbose_name=_("service")
    )
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("service version")
        verbose_name_plural = _("service versions")
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="service_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="service_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} v{self.number}"


class ServiceDraft(models.Model):
    """A catalogue administrator's draft of a new service or of a service's next version: the
    whole definition as JSON, edited freely until it is published or discarded."""

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("service"),
        help_text=_("Empty for a service that is not published yet."),
    )
    based_on = models.ForeignKey(
        ServiceVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("based on version"),
    )
    definition = models.JSONField(_("definition"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=DraftStatus.choices, default=DraftStatus.OPEN
    )
    published_as = models.ForeignKey(
        ServiceVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("published as"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("service draft")
        verbose_name_plural = _("service drafts")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status="open"),
                name="service_draft_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"draft {self.pk} ({self.definition.get('code', '')})"


class TariffDraft(models.Model):
    """A tariff change as the catalogue team drafts it: the formula, its plain words, worked
    examples and the split; sent to the steering committee as a tariff decision, and put in
    the tariff book (`tariff_set`) once the committee adopts it."""

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="tariff_drafts", verbose_name=_("service")
    )
    formula = models.TextField(_("formula"))
    description_fa = models.TextField(_("the formula in plain words (Persian)"))
    description_en = models.TextField(_("the formula in plain words (English)"), blank=True)
    splits = models.JSONField(_("split among beneficiaries"), default=list)
    samples = models.JSONField(
        _("worked examples"),
        default=list,
        help_text=_("Sample answers to the form whose fees the decision shows."),
    )
    effective_from = models.DateField(_("in force from"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TariffDraftStatus.choices,
        default=TariffDraftStatus.DRAFT,
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("tariff decision"),
    )
    tariff = models.ForeignKey(
        TariffVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("tariff version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tariff draft")
        verbose_name_plural = _("tariff drafts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"tariff draft {self.pk} ({self.service_id})"

    @property
    def description(self) -> str:
        return _localised(self.description_fa, self.description_en)
