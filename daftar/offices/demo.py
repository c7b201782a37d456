"""Demo office network: about 120 offices across the 22 districts, each with a licensee, a
sub-district of its district (the n-th office of a district in its n-th sub-district, wrapping
round), a technical manager, staff with certifications, opening hours, authorised domains and
terminals (a few of which stay silent, so FAVA's board shows offices offline), plus a week of
heartbeats.

Historic licences and authorisations rest on two committee decisions of 1403, recorded here
through the governance services like any other decision.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from daftar.catalogue.models import ServiceDomain
from daftar.core import generators
from daftar.core.actors import Actor
from daftar.core.numbers import format_number
from daftar.governance import services as governance
from daftar.governance.choices import DecisionKind, Seat, VoteChoice
from daftar.governance.models import CommitteeMember, Decision
from daftar.offices import services
from daftar.offices.choices import DegreeLevel, OfficeStatus, StaffRole
from daftar.offices.demo_data import demo_city
from daftar.offices.models import District, HeartbeatSlot, Office, SubDistrict, Terminal

TARGET_OFFICES = 120
# The office the demo's operator and manager work at (daftar/demo/seed.py): its counter takes
# card payments in the demo, so its terminals are never among the silent ones.
FLAGSHIP_OFFICE = "T0101"
DEMO_ACTOR = Actor.system("demo")


def _offices_per_district(districts: list[District], target: int) -> dict[int, int]:
    """Offices in proportion to population; at least one per district (two for the full demo)."""
    total = sum(d.population or 0 for d in districts) or 1
    floor = 2 if target >= TARGET_OFFICES else 1
    return {d.number: max(floor, round(target * (d.population or 0) / total)) for d in districts}


def _office_name(district: District, index: int) -> str:
    neighbourhood = demo_city().by_number()[district.number].neighbourhood
    return f"دفتر خدمات الکترونیک شهر {neighbourhood} {format_number(index, language='fa')}"


def _address(neighbourhood: str, street: str, plate: int) -> str:
    return f"تهران، {neighbourhood}، خیابان {street}، پلاک {format_number(plate, language='fa')}"


def _sub_districts_by_district() -> dict[int, list[SubDistrict]]:
    by_district: dict[int, list[SubDistrict]] = {}
    for sub_district in SubDistrict.objects.select_related("district").order_by(
        "district__number", "number"
    ):
        by_district.setdefault(sub_district.district.number, []).append(sub_district)
    return by_district


def _demo_sub_district(
    by_district: dict[int, list[SubDistrict]], district: District, index: int
) -> SubDistrict | None:
    """The index-th demo office of a district lies in its index-th sub-district (wrapping)."""
    sub_districts = by_district.get(district.number)
    return sub_districts[(index - 1) % len(sub_districts)] if sub_districts else None


def _assign_sub_districts(ctx, districts: list[District], target: int) -> None:
    """Offices of a demo database seeded before sub-districts existed get theirs (once)."""
    by_district = _sub_districts_by_district()
    per_district = _offices_per_district(districts, target)
    expected = {}
    for district in districts:
        for index in range(1, per_district[district.number] + 1):
            expected[f"T{district.number:02d}{index:02d}"] = (district, index)
    assigned = 0
    for office in Office.objects.filter(code__in=expected, sub_district__isnull=True).exclude(
        status__in=[OfficeStatus.REVOKED, OfficeStatus.CLOSED]
    ):
        district, index = expected[office.code]
        sub_district = _demo_sub_district(by_district, district, index)
        if (
            sub_district is None
            or office.district_id != district.pk
            or office.name != _office_name(district, index)
        ):
            continue  # not one of this demo's offices as it registered them
        services.office_set_sub_district(actor=DEMO_ACTOR, office=office, sub_district=sub_district)
        assigned += 1
    if assigned:
        ctx.log(f"offices: {assigned} given their sub-district")


def _historic_decision(
    secretary, kind: DecisionKind, subject: str, body: str, day: datetime.date
) -> Decision:
    decision = governance.decision_draft(
        actor=Actor.for_user(secretary), kind=kind, subject=subject, body=body, decided_on=day
    )
    for member in CommitteeMember.objects.filter(until__isnull=True):
        governance.decision_cast_vote(
            actor=Actor.for_user(member.user), decision=decision, choice=VoteChoice.YES
        )
    return governance.decision_close(actor=Actor.for_user(secretary), decision=decision)


def _person(rng: random.Random, *, degree: DegreeLevel, field: str, age: int):
    first, last = generators.person_name(rng)
    today = timezone.localdate()
    return services.person_upsert(
        actor=DEMO_ACTOR,
        national_code=generators.national_code(rng),
        first_name=first,
        last_name=last,
        birth_date=today.replace(year=today.year - age, month=3, day=21),
        degree_level=degree,
        degree_field=field,
        mobile=generators.mobile(rng),
    )


def seed_offices(ctx) -> None:
    # The tiny size (tests, CI) gets one office per district; every other size ~120.
    target = len(District.objects.all()) if ctx.size <= 50 else TARGET_OFFICES
    _assign_sub_districts(ctx, list(District.objects.order_by("number")), target)
    if Office.objects.filter(licences__isnull=False).count() >= target:
        ctx.log("offices: the network is there already")
        return
    rng = random.Random(f"{ctx.seed}:offices")
    User = get_user_model()
    operator_group = Group.objects.get(name="office_operator")
    manager_group = Group.objects.get(name="office_manager")
    secretary = CommitteeMember.objects.get(seat=Seat.URBAN_PLANNING, until__isnull=True).user
    licence_decision = _historic_decision(
        secretary,
        DecisionKind.LICENCE,
        "تمدید پروانه بهره‌برداری دفاتر موجود",
        "پروانه بهره‌برداری دفاتر فعال شبکه برای دوره جدید تمدید می‌شود.",
        datetime.date(2024, 6, 10),
    )
    authorisation_decision = _historic_decision(
        secretary,
        DecisionKind.SERVICE_AUTHORISATION,
        "مجوز ارائه خدمات دفاتر موجود",
        "دفاتر دارای کارمند آموزش‌دیده و گواهی‌دار برای حوزه‌های خدمت مربوط مجاز می‌شوند.",
        datetime.date(2024, 6, 10),
    )
    domains = list(ServiceDomain.objects.order_by("code"))
    districts = list(District.objects.order_by("number"))
    sub_districts = _sub_districts_by_district()
    password = User.objects.get(username="operator").password  # the demo password's hash
    today = timezone.localdate()
    offices = 0
    silent: list[str] = []
    city = demo_city()
    places = city.by_number()
    for district in districts:
        place = places[district.number]
        count = _offices_per_district(districts, target)[district.number]
        for index in range(1, count + 1):
            code = f"T{district.number:02d}{index:02d}"
            if Office.objects.filter(code=code).exists():
                continue
            licensee_person = _person(
                rng, degree=DegreeLevel.BACHELOR, field="مدیریت", age=rng.randint(30, 54)
            )
            technical_manager = _person(
                rng,
                degree=rng.choice([DegreeLevel.BACHELOR, DegreeLevel.MASTER]),
                field="شهرسازی",
                age=rng.randint(27, 54),
            )
            lat, lon = place.centre
            office = services.office_register(
                actor=DEMO_ACTOR,
                code=code,
                district=district,
                sub_district=_demo_sub_district(sub_districts, district, index),
                name=_office_name(district, index),
                address=_address(
                    place.neighbourhood, rng.choice(city.streets), rng.randint(1, 480)
                ),
                postal_code=generators.postal_code(rng),
                latitude=Decimal(f"{lat + rng.uniform(-0.015, 0.015):.6f}"),
                longitude=Decimal(f"{lon + rng.uniform(-0.015, 0.015):.6f}"),
                phone=f"021-{rng.randint(22000000, 88999999)}",
                counters=rng.randint(2, 6),
                technical_manager=technical_manager,
                sheba=generators.sheba(rng),
            )
            long_day = rng.random() < 0.3
            services.office_set_hours(
                actor=DEMO_ACTOR,
                office=office,
                hours=[
                    *(
                        (day, datetime.time(7, 30), datetime.time(17 if long_day else 15, 30))
                        for day in (5, 6, 0, 1, 2)
                    ),
                    (3, datetime.time(8, 0), datetime.time(12, 30)),
                ],
            )
            licensee = services.licensee_for_person(actor=DEMO_ACTOR, person=licensee_person)
            issued = today - datetime.timedelta(days=rng.randint(30, 880))
            services.licence_issue(
                actor=DEMO_ACTOR,
                office=office,
                licensee=licensee,
                decision=licence_decision,
                issued_on=issued,
                term_years=rng.choice([3, 5]),
            )
            services.office_activate(actor=DEMO_ACTOR, office=office)
            posts = []
            for n, role in enumerate(
                [StaffRole.MANAGER, *[StaffRole.OPERATOR] * rng.randint(2, 4)]
            ):
                first, last = generators.person_name(rng)
                user = User.objects.create(
                    username=f"{code.lower()}-{n}",
                    first_name=first,
                    last_name=last,
                    password=password,
                )
                user.groups.add(manager_group if role == StaffRole.MANAGER else operator_group)
                posts.append(
                    services.office_staff_add(
                        actor=DEMO_ACTOR,
                        office=office,
                        user=user,
                        role=role,
                        hired_on=today - datetime.timedelta(days=rng.randint(60, 2000)),
                    )
                )
            offered = rng.sample(domains, k=rng.randint(2, min(5, len(domains))))
            # exam scores from their own stream: the office network stays the one seeded before
            scores = random.Random(f"{ctx.seed}:scores:{code}")
            for domain in offered:
                for post in rng.sample(posts[1:], k=min(len(posts) - 1, rng.randint(1, 2))):
                    issued_on = today - datetime.timedelta(days=rng.randint(30, 600))
                    services.certification_grant(
                        actor=DEMO_ACTOR,
                        staff=post,
                        domain=domain,
                        number=f"C-{code}-{domain.code}-{post.pk}",
                        issued_on=issued_on,
                        expires_on=issued_on + datetime.timedelta(days=730),
                        course=f"دوره آموزشی {domain.name_fa}",
                        exam_score=scores.randint(62, 98),
                    )
                services.authorisation_grant(
                    actor=DEMO_ACTOR, office=office, domain=domain, decision=authorisation_decision
                )
            for t in range(1, rng.randint(1, 3) + 1):
                terminal, _secret = services.terminal_register(
                    actor=DEMO_ACTOR, office=office, code=f"{code}-K{t}", label=f"باجه {t}"
                )
                if rng.random() < 0.06 and code != FLAGSHIP_OFFICE:
                    silent.append(terminal.code)
            offices += 1
    _seed_heartbeats(rng, silent)
    ctx.log(
        f"offices: {offices} registered with licences, staff and terminals; "
        f"{len(silent)} terminals silent"
    )


def _seed_heartbeats(rng: random.Random, silent: list[str], days: int = 7) -> None:
    """A week of five-minute heartbeat slots in opening hours, with realistic gaps."""
    from daftar.offices.services.terminals import _open_slots

    today = timezone.localdate()
    slots = []
    terminals = list(Terminal.objects.select_related("office").prefetch_related("office__hours"))
    for terminal in terminals:
        if terminal.code in silent:
            continue
        reliability = rng.uniform(0.85, 0.995)
        for back in range(1, days + 1):
            day = today - datetime.timedelta(days=back)
            for hours in terminal.office.hours.all():
                if hours.weekday != day.weekday():
                    continue
                slots += [
                    HeartbeatSlot(terminal=terminal, office_id=terminal.office_id, slot=s)
                    for s in _open_slots(hours, day)
                    if rng.random() < reliability
                ]
    HeartbeatSlot.objects.bulk_create(slots, batch_size=5000, ignore_conflicts=True)
    now = timezone.now()
    Terminal.objects.exclude(code__in=silent).update(last_seen_at=now)
    for back in range(1, days + 1):
        services.uptime_compute_day(day=today - datetime.timedelta(days=back))
