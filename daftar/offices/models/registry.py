"""The registry of the office network: districts and their sub-districts, people, licensees,
offices, their hours, staff and certifications, the service domains each office is authorised
for, and licences.

Office and licence statuses change only through `daftar.offices.services.lifecycle`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import (
    LegalIdField,
    MobileField,
    NationalCodeField,
    PostalCodeField,
    ShebaField,
)
from daftar.offices.choices import (
    DegreeLevel,
    LicenceStatus,
    LicenseeKind,
    OfficeStatus,
    StaffRole,
    Weekday,
)


class District(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year (Solar Hijri)"), null=True, blank=True
    )
    population_source = models.CharField(_("population source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="district_number_gte_1"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_fa


class SubDistrict(models.Model):
    """A municipal sub-district (ناحیه) of a district, numbered within it. The 1386 Tehran
    rules plan one office per sub-district, so coverage is counted against these."""

    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="sub_districts",
        verbose_name=_("district"),
    )
    number = models.PositiveSmallIntegerField(_("number within the district"))
    name_fa = models.CharField(_("name (Persian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year (Solar Hijri)"), null=True, blank=True
    )
    population_source = models.CharField(_("population source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sub-district")
        verbose_name_plural = _("sub-districts")
        ordering = ["district__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "number"], name="subdistrict_number_unique_in_district"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="subdistrict_number_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_fa

    @property
    def full_name(self) -> str:
        """E.g. «منطقه ۶، ناحیه ۳» / "District 6, Sub-district 3"."""
        return _area_label(self.district, self)


def _area_label(district: District, sub_district: SubDistrict | None) -> str:
    if sub_district is None:
        return district.name
    return _("%(district)s, %(sub_district)s") % {
        "district": district.name,
        "sub_district": sub_district.name,
    }


class Person(models.Model):
    """A natural person known to the registry (licensee, technical manager, applicant)."""

    national_code = NationalCodeField(_("national code"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    degree_level = models.CharField(
        _("degree"), max_length=12, choices=DegreeLevel.choices, blank=True
    )
    degree_field = models.CharField(_("field of study"), max_length=150, blank=True)
    mobile = MobileField(_("mobile"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class LegalEntity(models.Model):
    legal_id = LegalIdField(_("national ID"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    registration_number = models.CharField(_("registration number"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("legal entity")
        verbose_name_plural = _("legal entities")

    def __str__(self) -> str:
        return self.name


class Licensee(models.Model):
    """Who holds licences: a natural person (at most one licence) or a legal entity (more only
    when a committee decision allows it)."""

    kind = models.CharField(_("kind"), max_length=10, choices=LicenseeKind.choices)
    person = models.OneToOneField(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licensee",
        verbose_name=_("person"),
    )
    entity = models.OneToOneField(
        LegalEntity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licensee",
        verbose_name=_("legal entity"),
    )
    multi_licence_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision allowing several licences"),
    )

    class Meta:
        verbose_name = _("licensee")
        verbose_name_plural = _("licensees")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=LicenseeKind.PERSON, person__isnull=False, entity__isnull=True)
                    | Q(kind=LicenseeKind.ENTITY, entity__isnull=False, person__isnull=True)
                ),
                name="licensee_person_xor_entity",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.entity)


class Office(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="offices", verbose_name=_("district")
    )
    sub_district = models.ForeignKey(
        SubDistrict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        verbose_name=_("sub-district"),
        help_text=_("Optional; it must lie in the office's district."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OfficeStatus.choices, default=OfficeStatus.PENDING
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_key = models.CharField(
        _("address search key"), max_length=300, blank=True, editable=False
    )
    postal_code = PostalCodeField(_("postal code"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    counters = models.PositiveSmallIntegerField(_("counters"), default=1)
    sheba = ShebaField(
        _("settlement account (Sheba)"),
        blank=True,
        help_text=_("Where the office's fee share is paid."),
    )
    technical_manager = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_offices",
        verbose_name=_("technical manager"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(counters__gte=1), name="office_counters_gte_1"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="office_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="office_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["district", "status"], name="office_district_status_idx")]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("offices:detail", kwargs={"code": self.code})

    @property
    def area_name(self) -> str:
        """The district, and the sub-district when known: «منطقه ۶، ناحیه ۳»."""
        return _area_label(self.district, self.sub_district)


class OfficeHours(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="hours", verbose_name=_("office")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["office", "weekday"], name="office_hours_one_per_day"),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="office_hours_close_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.weekday} {self.opens}-{self.closes}"


class OfficeStaff(models.Model):
    """A person working at an office. An operator sees only their own office's work."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="staff", verbose_name=_("office")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="office_posts",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    hired_on = models.DateField(_("hired on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("office staff member")
        verbose_name_plural = _("office staff")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(left_on__isnull=True),
                name="office_staff_one_current_post",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("hired_on")),
                name="office_staff_left_after_hired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.office.code}"


class Certification(models.Model):
    """A staff member's certificate for a service domain, after training (valid until expiry)."""

    staff = models.ForeignKey(
        OfficeStaff,
        on_delete=models.CASCADE,
        related_name="certifications",
        verbose_name=_("staff member"),
    )
    domain = models.ForeignKey(
        "catalogue.ServiceDomain",
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("service domain"),
    )
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    course = models.CharField(
        _("training course"),
        max_length=200,
        blank=True,
        help_text=_("The course the training unit gave (empty for certificates recorded before)."),
    )
    exam_score = models.PositiveSmallIntegerField(
        _("exam score (out of 100)"), null=True, blank=True
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")),
                name="certification_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(exam_score__isnull=True) | Q(exam_score__lte=100),
                name="certification_exam_score_at_most_100",
            ),
        ]
        indexes = [models.Index(fields=["domain", "expires_on"], name="certification_domain_idx")]

    def __str__(self) -> str:
        return self.number


class OfficeAuthorisation(models.Model):
    """A committee decision authorising an office to deliver a domain's services."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="authorisations", verbose_name=_("office")
    )
    domain = models.ForeignKey(
        "catalogue.ServiceDomain",
        on_delete=models.PROTECT,
        related_name="authorisations",
        verbose_name=_("service domain"),
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("authorising decision"),
    )
    granted_on = models.DateField(_("granted on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawing decision"),
    )

    class Meta:
        verbose_name = _("service authorisation")
        verbose_name_plural = _("service authorisations")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "domain"],
                condition=Q(withdrawn_on__isnull=True),
                name="office_one_live_authorisation_per_domain",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.domain_id}"


class Licence(models.Model):
    """An operating licence (پروانه بهره‌برداری) of an office, held by a licensee."""

    number = models.CharField(_("licence number"), max_length=30, unique=True)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="licences", verbose_name=_("office")
    )
    licensee = models.ForeignKey(
        Licensee, on_delete=models.PROTECT, related_name="licences", verbose_name=_("licensee")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=LicenceStatus.choices, default=LicenceStatus.ACTIVE
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("awarding decision"),
    )
    verification_code = models.CharField(_("verification code"), max_length=16, unique=True)
    renewed_until = models.DateField(_("renewed until"), null=True, blank=True)

    class Meta:
        verbose_name = _("operating licence")
        verbose_name_plural = _("operating licences")
        constraints = [
            models.UniqueConstraint(
                fields=["office"],
                condition=Q(status=LicenceStatus.ACTIVE),
                name="office_one_active_licence",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")),
                name="licence_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("offices:licence_verify", kwargs={"code": self.verification_code})
