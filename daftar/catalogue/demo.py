"""Demo catalogue: the municipality's departments and service domains."""

from __future__ import annotations

from collections.abc import Callable

from daftar.catalogue.models import Department, ServiceDomain

DEPARTMENTS = [
    ("urban-planning", "معاونت شهرسازی و معماری", "Deputy for Urban Planning and Architecture"),
    ("transport", "معاونت حمل‌ونقل و ترافیک", "Deputy for Transport and Traffic"),
    ("finance", "معاونت مالی و اقتصاد شهری", "Deputy for Finance and Urban Economy"),
    ("services", "معاونت خدمات شهری و محیط زیست", "Deputy for Urban Services and Environment"),
]

DOMAINS = [
    (
        "building-permits",
        "پروانه ساختمانی و پرونده‌های شهرسازی",
        "Building permits and urban-planning files",
        "urban-planning",
    ),
    (
        "construction-violations",
        "رسیدگی به تخلفات ساختمانی",
        "Unauthorised-construction review",
        "urban-planning",
    ),
    (
        "supervising-engineers",
        "امور مهندسان ناظر",
        "Supervising engineers' affairs",
        "urban-planning",
    ),
    ("transport-permits", "مجوزهای حمل‌ونقل و ترافیک", "Transport and traffic permits", "transport"),
    ("duties-and-bills", "عوارض و صورتحساب‌های شهری", "Municipal duties and bills", "finance"),
    ("waste-contracts", "قراردادهای پسماند", "Waste-collection contracts", "services"),
]


def seed_catalogue(log: Callable[[str], None]) -> None:
    departments = {}
    for code, name_fa, name_en in DEPARTMENTS:
        departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name_fa": name_fa, "name_en": name_en}
        )
    added = 0
    for code, name_fa, name_en, department in DOMAINS:
        _domain, created = ServiceDomain.objects.get_or_create(
            code=code,
            defaults={
                "name_fa": name_fa,
                "name_en": name_en,
                "department": departments[department],
            },
        )
        added += created
    log(f"catalogue: {len(DEPARTMENTS)} departments, {added} service domains added")
