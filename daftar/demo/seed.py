"""Deterministic demo data for Tehran, from a seed and a size.

Each section is idempotent: running the command again finds what is there and adds
nothing twice. Bulk sections (citizens now; files and payments as later capabilities land)
insert in batches with bulk_create so the benchmarks can ask for millions of rows.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from daftar.accounts.choices import OwnershipProof, Role
from daftar.accounts.models import User
from daftar.accounts.services import user_create_staff
from daftar.core import generators
from daftar.core.actors import Actor
from daftar.offices import demo_data as district_data
from daftar.offices.choices import StaffRole
from daftar.offices.demo import FLAGSHIP_OFFICE
from daftar.offices.models import District, Office, OfficeStaff, SubDistrict
from daftar.offices.services import office_register, office_staff_add

DEMO_ACTOR = Actor.system("demo")
DEMO_PASSWORD = "daftar-demo-1404"  # noqa: S105 - published on purpose, demo only

SIZES = {"tiny": 20, "small": 300, "medium": 20_000, "large": 1_000_000}


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str
    first_name: str
    last_name: str


DEMO_STAFF = [
    DemoAccount(Role.OFFICE_OPERATOR, "operator", "مریم", "رضایی"),
    DemoAccount(Role.OFFICE_MANAGER, "manager", "علی", "محمدی"),
    DemoAccount(Role.DEPARTMENT_REVIEWER, "reviewer", "زهرا", "حسینی"),
    DemoAccount(Role.TREASURY_OFFICER, "treasury", "حسن", "کریمی"),
    DemoAccount(Role.INSPECTOR, "inspector", "فاطمه", "موسوی"),
    DemoAccount(Role.SUPERVISOR, "supervisor", "کامران", "طاهری"),
    DemoAccount(Role.COMMITTEE_MEMBER, "committee", "محمود", "جعفری"),
    DemoAccount(Role.COUNCIL_MEMBER, "council", "نرگس", "صادقی"),
    DemoAccount(Role.AUDITOR, "auditor", "رضا", "اکبری"),
    DemoAccount(Role.CATALOGUE_ADMIN, "catalogue", "لیلا", "عباسی"),
    DemoAccount(Role.SYSTEM_ADMIN, "admin", "امیر", "نوری"),
]
DEMO_OFFICE_CODE = FLAGSHIP_OFFICE
# Pairs listed in the development mobile-ownership file (daftar/accounts/data/mobile_owners.csv)
# for trying the identity binding (ADR 0006): a citizen with no account whose mobile is theirs,
# and a national code whose holder owns one mobile while someone tries another.
DEMO_FIRST_SIGN_IN = ("0067890121", "+989121112233")
DEMO_NOT_THE_OWNER = ("0012345679", "+989351234567", "+989121117777")


@dataclass
class SeedContext:
    seed: int
    size: int
    files: int | None = None  # how many files (default: from size); the benchmarks ask for 1M
    log: Callable[[str], None] = print
    rng: random.Random = field(init=False)
    demo_national_code: str = field(init=False)  # the named demo citizen's (سارا احمدی)

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        self.demo_national_code = demo_citizen_identity(self.seed)[0]


def demo_citizen_identity(seed: int) -> tuple[str, str]:
    rng = random.Random(f"{seed}:demo-citizen")
    return generators.national_code(rng), generators.mobile(rng)


def seed_districts(ctx: SeedContext) -> None:
    city = district_data.demo_city()
    existing = set(District.objects.values_list("number", flat=True))
    missing = [
        District(
            number=district.number,
            name_fa=district_data.district_name_fa(district.number),
            name_en=district_data.district_name_en(district.number),
            population=district.population,
            population_year=city.population_year,
            population_source=city.population_source,
        )
        for district in city.districts
        if district.number not in existing
    ]
    District.objects.bulk_create(missing)
    ctx.log(f"districts: {len(missing)} added, {len(existing)} already there")
    seed_subdistricts(ctx)


def seed_subdistricts(ctx: SeedContext) -> None:
    """The sub-districts of each district (counts approximate, see offices/demo_data.py)."""
    districts = dict(District.objects.values_list("number", "pk"))
    existing = set(SubDistrict.objects.values_list("district__number", "number"))
    missing = [
        SubDistrict(
            district_id=districts[district.number],
            number=number,
            name_fa=district_data.sub_district_name_fa(number),
            name_en=district_data.sub_district_name_en(number),
        )
        for district in district_data.demo_city().districts
        if district.number in districts
        for number in range(1, district.sub_districts + 1)
        if (district.number, number) not in existing
    ]
    SubDistrict.objects.bulk_create(missing)
    ctx.log(f"sub-districts: {len(missing)} added, {len(existing)} already there")


def seed_staff(ctx: SeedContext) -> None:
    added = 0
    for account in DEMO_STAFF:
        if User.objects.filter(username=account.username).exists():
            continue
        user_create_staff(
            actor=DEMO_ACTOR,
            username=account.username,
            password=DEMO_PASSWORD,
            roles=[account.role],
            first_name=account.first_name,
            last_name=account.last_name,
        )
        added += 1
    ctx.log(f"staff accounts: {added} added")


def seed_demo_office(ctx: SeedContext) -> None:
    office = Office.objects.filter(code=DEMO_OFFICE_CODE).first()
    if office is None:
        office = office_register(
            actor=DEMO_ACTOR,
            code=DEMO_OFFICE_CODE,
            name="دفتر خدمات الکترونیک شهر تجریش",
            district=District.objects.get(number=1),
        )
    today = timezone.localdate()
    for username, role in (("operator", StaffRole.OPERATOR), ("manager", StaffRole.MANAGER)):
        user = User.objects.get(username=username)
        if not OfficeStaff.objects.filter(user=user, left_on__isnull=True).exists():
            office_staff_add(
                actor=DEMO_ACTOR,
                office=office,
                user=user,
                role=role,
                hired_on=today.replace(year=today.year - 2),
            )
    ctx.log(f"demo office {office.code} ready")


def seed_citizens(ctx: SeedContext, batch_size: int = 5000) -> None:
    """The named demo citizen plus `size` generated citizens, in bulk. They have signed in
    before: their mobiles are verified as theirs (ADR 0006), so offices and apps may open
    files for them."""
    citizen_group = Group.objects.get(name=Role.CITIZEN)
    national_code, mobile = demo_citizen_identity(ctx.seed)
    unusable = make_password(None)
    now = timezone.now()
    if not User.objects.filter(national_code=national_code).exists():
        demo = User.objects.create(
            username=f"citizen-{national_code}",
            national_code=national_code,
            mobile=mobile,
            mobile_verified_at=now,
            mobile_owner_verified_at=now,
            mobile_owner_verified_by=OwnershipProof.INQUIRY,
            first_name="سارا",
            last_name="احمدی",
            password=unusable,
        )
        demo.groups.add(citizen_group)

    have = User.objects.filter(groups=citizen_group).count() - 1
    wanted = ctx.size - max(have, 0)
    if wanted <= 0:
        ctx.log(f"citizens: {have} generated already, nothing to add")
        return
    rng = random.Random(f"{ctx.seed}:citizens:{have}")
    taken = set(
        User.objects.filter(national_code__isnull=False).values_list("national_code", flat=True)
    )
    taken |= {DEMO_FIRST_SIGN_IN[0], DEMO_NOT_THE_OWNER[0]}  # left without an account on purpose
    Membership = User.groups.through
    created = 0
    while created < wanted:
        batch = []
        while len(batch) < min(batch_size, wanted - created):
            code = generators.national_code(rng)
            if code in taken:
                continue
            taken.add(code)
            first, last = generators.person_name(rng)
            batch.append(
                User(
                    username=f"citizen-{code}",
                    national_code=code,
                    mobile=generators.mobile(rng),
                    mobile_verified_at=now,
                    mobile_owner_verified_at=now,
                    mobile_owner_verified_by=OwnershipProof.INQUIRY,
                    first_name=first,
                    last_name=last,
                    password=unusable,
                )
            )
        with transaction.atomic():
            users = User.objects.bulk_create(batch, batch_size=batch_size)
            if not all(user.pk for user in users):  # SQLite before 3.35 returns no ids
                users = list(User.objects.filter(username__in=[u.username for u in batch]))
            Membership.objects.bulk_create(
                [Membership(user_id=user.pk, group_id=citizen_group.pk) for user in users],
                batch_size=batch_size,
            )
        created += len(batch)
    ctx.log(f"citizens: {created} added")


def seed_governance(ctx: SeedContext) -> None:
    from daftar.governance.demo import seed_governance as seed

    seed(ctx.log, make_password(DEMO_PASSWORD))


def seed_catalogue(ctx: SeedContext) -> None:
    from daftar.catalogue.demo import seed_catalogue as seed

    seed(ctx.log, make_password(DEMO_PASSWORD))


def seed_offices(ctx: SeedContext) -> None:
    from daftar.offices.demo import seed_offices as seed

    seed(ctx)


def seed_licensing(ctx: SeedContext) -> None:
    from daftar.licensing.demo import seed_licensing as seed

    seed(ctx.log, make_password(DEMO_PASSWORD))


def seed_files(ctx: SeedContext) -> None:
    from daftar.cases.demo import seed_files as seed

    seed(ctx)


def seed_routed_files(ctx: SeedContext) -> None:
    from daftar.cases.demo_routing import seed_routing as seed

    seed(ctx)


def seed_people(ctx: SeedContext) -> None:
    from daftar.offices.demo_people import seed_people as seed

    seed(ctx)


def seed_treasury(ctx: SeedContext) -> None:
    from daftar.treasury.demo import seed_treasury as seed

    seed(ctx)


def seed_supervision(ctx: SeedContext) -> None:
    from daftar.supervision.demo import seed_supervision as seed

    seed(ctx)


def seed_queue(ctx: SeedContext) -> None:
    from daftar.appointments.demo_queue import seed_queue as seed

    seed(ctx)


def seed_queue_history(ctx: SeedContext) -> None:
    from daftar.appointments.demo_history import seed_queue_history as seed

    seed(ctx)


def seed_transparency(ctx: SeedContext) -> None:
    from daftar.transparency.demo import seed_transparency as seed

    seed(ctx)


def seed_appointments(ctx: SeedContext) -> None:
    from daftar.appointments.demo import seed_appointments as seed

    seed(ctx)


def seed_audit_checkpoint(ctx: SeedContext) -> None:
    """Sign a checkpoint of the demo's log (as the 00:45 job would), so that an auditor can
    download one and verify against it at once; a run that added nothing signs none."""
    from daftar.audit.models import AuditCheckpoint, AuditEntry
    from daftar.audit.services import checkpoint_create

    last = AuditCheckpoint.objects.order_by("-number").first()
    if last is not None and AuditEntry.objects.count() <= last.entry_count + 1:
        ctx.log(f"audit checkpoint #{last.number} already covers the log")
        return
    checkpoint = checkpoint_create()
    ctx.log(f"audit checkpoint #{checkpoint.number} signed ({checkpoint.entry_count} entries)")


def seed_holidays(ctx: SeedContext) -> None:
    """The official holidays of every year with a calendar file (load_holidays), before the
    files: their deadlines count working days."""
    from daftar.core.official_calendar import official_years
    from daftar.offices.services import holidays_load

    for year in official_years():
        result = holidays_load(actor=Actor.system("load_holidays"), year=year)
        ctx.log(f"holidays {year}: {len(result.added)} added, {len(result.updated)} updated")


SECTIONS: list[Callable[[SeedContext], None]] = [
    seed_holidays,
    seed_districts,
    seed_staff,
    seed_governance,
    seed_catalogue,
    seed_offices,
    seed_demo_office,
    seed_licensing,
    seed_citizens,
    seed_files,
    seed_routed_files,
    seed_people,
    seed_treasury,
    seed_supervision,
    seed_queue,
    seed_queue_history,
    seed_transparency,
    seed_appointments,
    seed_audit_checkpoint,
]


def run(
    *, seed: int, size: int, files: int | None = None, log: Callable[[str], None] = print
) -> None:
    ctx = SeedContext(seed=seed, size=size, files=files, log=log)
    for section in SECTIONS:
        started = time.perf_counter()
        section(ctx)
        log(f"[{section.__name__} took {time.perf_counter() - started:.1f}s]")


def seed_open311(ctx: SeedContext) -> None:
    from daftar.open311.demo import seed_open311 as seed

    seed(ctx)


# Open311 (issue 18) after supervision (its complaint rules) and before the audit checkpoint.
SECTIONS.insert(SECTIONS.index(seed_audit_checkpoint), seed_open311)


def seed_staff_leave(ctx: SeedContext) -> None:
    from daftar.offices.people.demo_leave import seed_staff_leave as seed

    seed(ctx)


# Staff leave (ADR 0036) right after the people section, before the bookings that respect it.
SECTIONS.insert(SECTIONS.index(seed_people) + 1, seed_staff_leave)
