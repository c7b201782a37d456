"""Open311 services (the mapping of each GeoReport v2 `service_code` to a Daftar catalogue
service or a complaint category, kept as data) and the reports received through them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.core.i18n import localised
from daftar.open311.choices import Target
from daftar.supervision.choices import ComplaintCategory


class Open311Service(models.Model):
    """One entry of `GET services`: a report on it becomes a file of `catalogue_service` or a
    complaint of `complaint_category` (exactly one of the two)."""

    service_code = models.SlugField(_("Open311 service code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    group = models.CharField(_("group"), max_length=100, blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    notice_fa = models.CharField(_("notice to the reporter (Persian)"), max_length=300, blank=True)
    notice_en = models.CharField(_("notice to the reporter (English)"), max_length=300, blank=True)
    target = models.CharField(_("a report becomes"), max_length=10, choices=Target.choices)
    catalogue_service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue service"),
    )
    complaint_category = models.CharField(
        _("complaint category"), max_length=20, choices=ComplaintCategory.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("listed"), default=True)

    class Meta:
        verbose_name = _("Open311 service")
        verbose_name_plural = _("Open311 services")
        ordering = ["order", "service_code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(target=Target.FILE, catalogue_service__isnull=False, complaint_category="")
                    | (
                        Q(target=Target.COMPLAINT, catalogue_service__isnull=True)
                        & ~Q(complaint_category="")
                    )
                ),
                name="open311_service_one_target",
            ),
        ]

    def __str__(self) -> str:
        return self.service_code

    @property
    def name(self) -> str:
        return localised(self.name_fa, self.name_en)

    @property
    def description(self) -> str:
        return localised(self.description_fa, self.description_en)

    @property
    def notice(self) -> str:
        return localised(self.notice_fa, self.notice_en)


class Open311Request(models.Model):
    """A report received through GeoReport v2 and what it became (a file or a complaint).

    Only what a report says about the place is kept here; who reported lives on the file
    (the citizen) or the complaint (the mobile for updates), never in this table."""

    token = models.CharField(_("token"), max_length=32, unique=True)
    service = models.ForeignKey(
        Open311Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    partner = models.ForeignKey(
        "api.PartnerApp", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner app")
    )
    file = models.OneToOneField(
        "cases.File",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    complaint = models.OneToOneField(
        "supervision.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("complaint"),
    )
    service_request_id = models.CharField(_("service request id"), max_length=12, unique=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address_string = models.CharField(_("address"), max_length=250, blank=True)
    address_id = models.CharField(_("address id"), max_length=64, blank=True)
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    device_id = models.CharField(_("device id"), max_length=64, blank=True)
    requested_at = models.DateTimeField(_("requested at"), db_index=True)

    class Meta:
        verbose_name = _("Open311 request")
        verbose_name_plural = _("Open311 requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(file__isnull=False, complaint__isnull=True)
                | Q(file__isnull=True, complaint__isnull=False),
                name="open311_request_one_target",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, long__isnull=True)
                | Q(lat__gte=-90, lat__lte=90, long__gte=-180, long__lte=180),
                name="open311_request_lat_long_range",
            ),
        ]

    def __str__(self) -> str:
        return self.service_request_id
