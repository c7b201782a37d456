"""Writes to the office registry. Each is one transaction with its audit entry."""

from __future__ import annotations

from datetime import date

from daftar.audit.services import audit_record, audited, office_stream
from daftar.offices.choices import StaffRole
from daftar.offices.models import District, Office, OfficeStaff


@audited
def office_register(*, actor, code: str, name: str, district: District) -> Office:
    """Register a new office. It starts pending; activation needs a licence and a decision."""
    office = Office.objects.create(code=code, name=name, district=district)
    audit_record(
        actor=actor,
        action="office.registered",
        stream=office_stream(code),
        obj=office,
        summary=f"office {code} registered in district {district.number}",
        after={"code": code, "name": name, "district": district.number},
    )
    return office


@audited
def office_staff_add(
    *, actor, office: Office, user, role: StaffRole, hired_on: date
) -> OfficeStaff:
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
