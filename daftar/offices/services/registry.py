"""Registering offices (and their sub-districts), people, licensees, staff, hours and
certifications."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput, validation_error_to_daftar
from daftar.core.identifiers import (
    normalize_legal_id,
    normalize_national_code,
    normalize_postal_code,
    normalize_sheba,
)
from daftar.core.logging import mask_national_code
from daftar.core.text import search_key
from daftar.offices.choices import DegreeLevel, LicenseeKind, OfficeStatus, StaffRole
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import (
    Certification,
    District,
    LegalEntity,
    Licensee,
    Office,
    OfficeHours,
    OfficeStaff,
    Person,
    SubDistrict,
)

REGISTRY_STREAM = "offices"


def require_operable(office: Office) -> None:
    """Refuse any change to an office that has been revoked or closed."""
    if office.status in (OfficeStatus.REVOKED, OfficeStatus.CLOSED):
        raise Conflict(
            _("Office %(code)s is %(status)s; nothing about it can change any more."),
            code=OfficesErrorCode.OFFICE_TERMINATED,
            params={"code": office.code, "status": office.get_status_display()},
        )


def require_sub_district_in(district: District, sub_district: SubDistrict | None) -> None:
    """Refuse a sub-district of another district (a database trigger refuses it too)."""
    if sub_district is not None and sub_district.district_id != district.pk:
        raise InvalidInput(
            _(
                "Sub-district %(number)s of district %(other)s is not in district %(district)s; "
                "choose a sub-district of the office's district."
            ),
            code=OfficesErrorCode.SUB_DISTRICT_NOT_IN_DISTRICT,
            field="sub_district",
            # numbers, not names: the API renders the message in both languages
            params={
                "number": sub_district.number,
                "other": sub_district.district.number,
                "district": district.number,
            },
        )


def _sub_district_number(sub_district: SubDistrict | None) -> int | None:
    return sub_district.number if sub_district is not None else None


def _identifier(normaliser, value, field):
    try:
        return normaliser(value)
    except ValidationError as error:
        raise validation_error_to_daftar(error, field=field) from error


@audited
def person_upsert(
    *,
    actor: Actor,
    national_code: str,
    first_name: str,
    last_name: str,
    birth_date: datetime.date | None = None,
    degree_level: DegreeLevel | str = "",
    degree_field: str = "",
    mobile: str = "",
) -> Person:
    code = _identifier(normalize_national_code, national_code, "national_code")
    if not first_name.strip() or not last_name.strip():
        raise InvalidInput(
            _("Enter the person's first and last name."),
            code=CoreErrorCode.REQUIRED,
            field="first_name" if not first_name.strip() else "last_name",
        )
    person, created = Person.objects.update_or_create(
        national_code=code,
        defaults={
            "first_name": first_name.strip(),
            "last_name": last_name.strip(),
            "birth_date": birth_date,
            "degree_level": degree_level,
            "degree_field": degree_field,
            "mobile": mobile,
        },
    )
    audit_record(
        actor=actor,
        action="person.created" if created else "person.updated",
        stream=REGISTRY_STREAM,
        obj=person,
        summary=f"person {mask_national_code(code)}",
        after={"degree_level": str(degree_level), "degree_field": degree_field},
    )
    return person


@audited
def licensee_for_person(*, actor: Actor, person: Person) -> Licensee:
    licensee, created = Licensee.objects.get_or_create(
        person=person, defaults={"kind": LicenseeKind.PERSON}
    )
    if created:
        audit_record(
            actor=actor,
            action="licensee.created",
            stream=REGISTRY_STREAM,
            obj=licensee,
            summary=f"licensee: person {mask_national_code(person.national_code)}",
        )
    else:
        from daftar.audit.services import audit_nothing_changed

        audit_nothing_changed()
    return licensee


@audited
def licensee_for_entity(
    *, actor: Actor, legal_id: str, name: str, registration_number: str = ""
) -> Licensee:
    legal_id = _identifier(normalize_legal_id, legal_id, "legal_id")
    if not name.strip():
        raise InvalidInput(
            _("Enter the legal entity's name."), code=CoreErrorCode.REQUIRED, field="name"
        )
    entity, _created = LegalEntity.objects.get_or_create(
        legal_id=legal_id,
        defaults={"name": name.strip(), "registration_number": registration_number},
    )
    licensee, created = Licensee.objects.get_or_create(
        entity=entity, defaults={"kind": LicenseeKind.ENTITY}
    )
    audit_record(
        actor=actor,
        action="licensee.created" if created else "licensee.confirmed",
        stream=REGISTRY_STREAM,
        obj=licensee,
        summary=f"licensee: entity {legal_id}",
    )
    return licensee


@audited
def office_register(
    *,
    actor: Actor,
    code: str,
    name: str,
    district: District,
    sub_district: SubDistrict | None = None,
    address: str = "",
    postal_code: str = "",
    latitude=None,
    longitude=None,
    phone: str = "",
    counters: int = 1,
    technical_manager: Person | None = None,
    sheba: str = "",
) -> Office:
    """Register a new office. It starts pending; it becomes active once it holds a licence.
    The sub-district is optional and must lie in `district`."""
    if Office.objects.filter(code=code).exists():
        raise InvalidInput(
            _("An office with code %(code)s already exists."),
            code=CoreErrorCode.DUPLICATE,
            field="code",
            params={"code": code},
        )
    require_sub_district_in(district, sub_district)
    if postal_code:
        postal_code = _identifier(normalize_postal_code, postal_code, "postal_code")
    if sheba:
        sheba = _identifier(normalize_sheba, sheba, "sheba")
    if counters < 1:
        raise InvalidInput(
            _("An office has at least one counter."),
            code=OfficesErrorCode.COUNTERS_OUT_OF_RANGE,
            field="counters",
        )
    office = Office.objects.create(
        code=code,
        name=name,
        sheba=sheba,
        district=district,
        sub_district=sub_district,
        address=address,
        address_key=search_key(address),
        postal_code=postal_code,
        latitude=latitude,
        longitude=longitude,
        phone=phone,
        counters=counters,
        technical_manager=technical_manager,
    )
    audit_record(
        actor=actor,
        action="office.registered",
        stream=office_stream(code),
        obj=office,
        summary=f"office {code} registered in district {district.number}",
        after={
            "code": code,
            "name": name,
            "district": district.number,
            "sub_district": _sub_district_number(sub_district),
            "postal_code": postal_code,
        },
    )
    return office


@audited
def office_set_sub_district(
    *, actor: Actor, office: Office, sub_district: SubDistrict | None
) -> Office:
    """Record (or clear, with None) the sub-district an office lies in, within its district."""
    office = Office.objects.select_for_update().select_related("district").get(pk=office.pk)
    require_operable(office)
    require_sub_district_in(office.district, sub_district)
    if office.sub_district_id == (sub_district.pk if sub_district else None):
        from daftar.audit.services import audit_nothing_changed

        audit_nothing_changed()
        return office
    before = _sub_district_number(office.sub_district)
    office.sub_district = sub_district
    office.save(update_fields=["sub_district"])
    audit_record(
        actor=actor,
        action="office.sub_district_set",
        stream=office_stream(office.code),
        obj=office,
        summary=f"office {office.code}: sub-district {before} → "
        f"{_sub_district_number(sub_district)} of district {office.district.number}",
        before={"sub_district": before},
        after={"sub_district": _sub_district_number(sub_district)},
    )
    return office


@audited
def office_set_hours(
    *, actor: Actor, office: Office, hours: Iterable[tuple[int, datetime.time, datetime.time]]
) -> Office:
    """Replace the weekly opening hours: (weekday, opens, closes); days not listed are closed."""
    require_operable(office)
    hours = list(hours)
    for weekday, opens, closes in hours:
        if closes <= opens:
            raise InvalidInput(
                _("Closing time must be after opening time."),
                code=OfficesErrorCode.HOURS_CLOSING_BEFORE_OPENING,
                field="hours",
            )
        if not 0 <= weekday <= 6:
            raise InvalidInput(
                _("Unknown weekday."), code=OfficesErrorCode.UNKNOWN_WEEKDAY, field="hours"
            )
    if len({weekday for weekday, _o, _c in hours}) != len(hours):
        raise InvalidInput(
            _("Each weekday may appear only once."),
            code=OfficesErrorCode.WEEKDAY_REPEATED,
            field="hours",
        )
    office.hours.all().delete()
    OfficeHours.objects.bulk_create(
        [OfficeHours(office=office, weekday=w, opens=o, closes=c) for w, o, c in hours]
    )
    audit_record(
        actor=actor,
        action="office.hours_set",
        stream=office_stream(office.code),
        obj=office,
        after={"hours": [[w, o.isoformat(), c.isoformat()] for w, o, c in hours]},
    )
    return office


@audited
def office_staff_add(
    *, actor: Actor, office: Office, user, role: StaffRole, hired_on: datetime.date
) -> OfficeStaff:
    require_operable(office)
    if OfficeStaff.objects.filter(user=user, left_on__isnull=True).exists():
        raise Conflict(
            _("%(user)s already works at an office; record the leave first."),
            code=OfficesErrorCode.ALREADY_EMPLOYED,
            params={"user": user.get_username()},
        )
    post = OfficeStaff.objects.create(office=office, user=user, role=role, hired_on=hired_on)
    audit_record(
        actor=actor,
        action="office.staff_added",
        stream=office_stream(office.code),
        obj=post,
        summary=f"{user.username} joined {office.code} as {role}",
        after={"user": user.username, "role": str(role), "hired_on": hired_on},
    )
    return post


@audited
def office_staff_leave(*, actor: Actor, post: OfficeStaff, left_on: datetime.date) -> OfficeStaff:
    if post.left_on is not None:
        raise Conflict(
            _("This person has already left the office."), code=OfficesErrorCode.ALREADY_LEFT
        )
    if left_on < post.hired_on:
        raise InvalidInput(
            _("The leaving date cannot be before the hiring date."),
            code=OfficesErrorCode.LEFT_BEFORE_HIRED,
            field="left_on",
        )
    post.left_on = left_on
    post.save(update_fields=["left_on"])
    audit_record(
        actor=actor,
        action="office.staff_left",
        stream=office_stream(post.office.code),
        obj=post,
        after={"user": post.user.username, "left_on": left_on},
    )
    return post


@audited
def certification_grant(
    *,
    actor: Actor,
    staff: OfficeStaff,
    domain,
    number: str,
    issued_on: datetime.date,
    expires_on: datetime.date,
    course: str = "",
    exam_score: int | None = None,
) -> Certification:
    if staff.left_on is not None:
        raise Conflict(
            _("Certificates are granted to current staff only."), code=OfficesErrorCode.NOT_CURRENT
        )
    if expires_on <= issued_on:
        raise InvalidInput(
            _("The certificate must expire after it is issued."),
            code=OfficesErrorCode.CERTIFICATE_EXPIRY_BEFORE_ISSUE,
            field="expires_on",
        )
    if Certification.objects.filter(number=number).exists():
        raise InvalidInput(
            _("Certificate number %(number)s is already registered."),
            code=CoreErrorCode.DUPLICATE,
            field="number",
            params={"number": number},
        )
    certification = Certification.objects.create(
        staff=staff,
        domain=domain,
        number=number,
        issued_on=issued_on,
        expires_on=expires_on,
        course=course,
        exam_score=exam_score,
    )
    audit_record(
        actor=actor,
        action="office.staff_certified",
        stream=office_stream(staff.office.code),
        obj=certification,
        summary=f"{staff.user.username} certified for {domain.code} until {expires_on}",
        after={"domain": domain.code, "expires_on": expires_on},
    )
    return certification
