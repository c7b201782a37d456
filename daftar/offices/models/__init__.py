from daftar.offices.models.calendar import OfficeClosure
from daftar.offices.models.people import CertificationReminder, StaffLeave, StaffProposal
from daftar.offices.models.registry import (
    Certification,
    District,
    LegalEntity,
    Licence,
    Licensee,
    Office,
    OfficeAuthorisation,
    OfficeHours,
    OfficeStaff,
    Person,
    SubDistrict,
)
from daftar.offices.models.terminals import HeartbeatSlot, OfficeUptimeDay, Terminal

__all__ = [
    "Certification",
    "CertificationReminder",
    "District",
    "HeartbeatSlot",
    "LegalEntity",
    "Licence",
    "Licensee",
    "Office",
    "OfficeAuthorisation",
    "OfficeClosure",
    "OfficeHours",
    "OfficeStaff",
    "OfficeUptimeDay",
    "Person",
    "StaffLeave",
    "StaffProposal",
    "SubDistrict",
    "Terminal",
]
