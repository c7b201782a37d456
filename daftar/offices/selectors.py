"""Reads about the office network.

`office_delivery_problems` is the rule other capabilities call: an office may deliver a
domain's services only while it is active, holds an active licence, is authorised for the
domain by a committee decision, and has at least one current staff member whose certificate
for that domain has not expired.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core import calendar
from daftar.core.errors import InvalidInput
from daftar.core.jalali import to_tehran
from daftar.core.text import search_key
from daftar.offices.choices import LicenceStatus, OfficeStatus, StaffRole
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import (
    Certification,
    District,
    Licence,
    Office,
    OfficeAuthorisation,
    OfficeClosure,
    OfficeHours,
    OfficeStaff,
    OfficeUptimeDay,
    StaffLeave,
    SubDistrict,
    Terminal,
)


def district_list() -> QuerySet[District]:
    return District.objects.all()


def _active_office_in_sub_district() -> Exists:
    return Exists(Office.objects.filter(sub_district=OuterRef("pk"), status=OfficeStatus.ACTIVE))


def districts_with_sub_districts() -> QuerySet[District]:
    """Districts with their sub-districts prefetched, each sub-district annotated
    `has_active_office` (two queries in all)."""
    return District.objects.prefetch_related(
        Prefetch(
            "sub_districts",
            queryset=SubDistrict.objects.annotate(
                has_active_office=_active_office_in_sub_district()
            ).order_by("number"),
        )
    )


@dataclass(frozen=True)
class SubDistrictCoverage:
    """How many of a district's sub-districts have no active office (the 1386 plan is one
    office per sub-district)."""

    sub_districts: int
    without_office: int


def sub_district_coverage() -> dict[int, SubDistrictCoverage]:
    """Per district number (only districts with sub-districts on record), in one query."""
    rows = (
        SubDistrict.objects.annotate(has_active_office=_active_office_in_sub_district())
        .values("district__number")
        .annotate(
            total=Count("pk"),
            without_office=Count("pk", filter=Q(has_active_office=False)),
        )
        .order_by()
    )
    return {
        row["district__number"]: SubDistrictCoverage(row["total"], row["without_office"])
        for row in rows
    }


def sub_districts_of(district_number: int | None) -> QuerySet[SubDistrict]:
    """The sub-districts of one district, by number (none when no district is given)."""
    if not district_number:
        return SubDistrict.objects.none()
    return SubDistrict.objects.filter(district__number=district_number).order_by("number")


def office_of_user(user) -> Office | None:
    """The office where `user` currently works, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_daftar_office", False)
    if cached is not False:
        return cached
    post = (
        OfficeStaff.objects.select_related("office", "office__district")
        .filter(user=user, left_on__isnull=True)
        .first()
    )
    user._daftar_office = post.office if post else None
    return user._daftar_office


def office_active_licence(office: Office, on: datetime.date | None = None) -> Licence | None:
    on = on or timezone.localdate()
    return office.licences.filter(
        status=LicenceStatus.ACTIVE, issued_on__lte=on, expires_on__gte=on
    ).first()


def certified_staff(office: Office, domain, on: datetime.date | None = None) -> QuerySet:
    on = on or timezone.localdate()
    return OfficeStaff.objects.filter(
        office=office,
        left_on__isnull=True,
        certifications__domain=domain,
        certifications__issued_on__lte=on,
        certifications__expires_on__gte=on,
    ).distinct()


@dataclass(frozen=True)
class DeliveryProblem:
    code: str  # office_not_active, no_licence, no_certified_staff, not_authorised
    message: str

    def __str__(self) -> str:
        return str(self.message)


def office_delivery_problems(
    office: Office, domain, *, on: datetime.date | None = None, check_authorisation: bool = True
) -> list[DeliveryProblem]:
    """Why `office` may not deliver `domain` services on `on` (an empty list means it may)."""
    problems = []
    if office.status != OfficeStatus.ACTIVE:
        problems.append(
            DeliveryProblem(
                "office_not_active",
                _("the office is %(status)s") % {"status": office.get_status_display()},
            )
        )
    if office_active_licence(office, on) is None:
        problems.append(DeliveryProblem("no_licence", _("it holds no active operating licence")))
    if not certified_staff(office, domain, on).exists():
        problems.append(
            DeliveryProblem(
                "no_certified_staff", _("no current staff member is certified for this domain")
            )
        )
    if (
        check_authorisation
        and not office.authorisations.filter(domain=domain, withdrawn_on__isnull=True).exists()
    ):
        problems.append(
            DeliveryProblem(
                "not_authorised", _("no committee decision authorises it for this domain")
            )
        )
    return problems


def office_can_deliver(office: Office, domain, *, on: datetime.date | None = None) -> bool:
    return not office_delivery_problems(office, domain, on=on)


def office_deliverable_domain_ids(office: Office, *, on: datetime.date | None = None) -> set[int]:
    """The ids of the domains whose services `office` may deliver on `on`: the rule of
    `office_delivery_problems` for every domain at once, in at most three queries whatever the
    size of the catalogue (the counter lists every service an office may deliver)."""
    on = on or timezone.localdate()
    if office.status != OfficeStatus.ACTIVE or office_active_licence(office, on) is None:
        return set()
    certified = set(
        Certification.objects.filter(
            staff__office=office,
            staff__left_on__isnull=True,
            issued_on__lte=on,
            expires_on__gte=on,
        ).values_list("domain_id", flat=True)
    )
    if not certified:
        return set()
    authorised = OfficeAuthorisation.objects.filter(
        office=office, withdrawn_on__isnull=True, domain_id__in=certified
    ).values_list("domain_id", flat=True)
    return set(authorised)


def _closed_on(day: datetime.date) -> Q:
    """Closed all `day`: an official holiday, or a closure of the office (a lazy subquery, so
    that querysets built at import time touch no table)."""
    return Q(Exists(calendar.holiday_rows(day))) | Q(
        Exists(OfficeClosure.objects.filter(office=OuterRef("pk"), date=day))
    )


def _open_now_filter(now: datetime.datetime) -> Q:
    """Open at `now`: within the weekday's hours, not an official holiday, not closed that day."""
    local = to_tehran(now)
    hours = OfficeHours.objects.filter(
        office=OuterRef("pk"),
        weekday=local.weekday(),
        opens__lte=local.time(),
        closes__gt=local.time(),
    )
    return Q(Exists(hours)) & ~Q(_closed_on(local.date()))


def office_finder(
    *,
    district: int | None = None,
    sub_district: int | None = None,
    domain: str | None = None,
    open_now: bool = False,
    query: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Office]:
    """Public search: active offices, by district (and sub-district, numbered within the
    district), by domain they are authorised for, open now."""
    if sub_district and not district:
        raise InvalidInput(
            _("Choose a district to search by sub-district."),
            code=OfficesErrorCode.DISTRICT_REQUIRED,
            field="sub_district",
        )
    today = to_tehran(now or timezone.now()).date()
    offices = (
        Office.objects.filter(status=OfficeStatus.ACTIVE)
        .select_related("district", "sub_district")
        .annotate(closed_today=_closed_on(today))
    )
    if district:
        offices = offices.filter(district__number=district)
    if sub_district:
        offices = offices.filter(sub_district__number=sub_district)
    if domain:
        offices = offices.filter(
            Exists(
                OfficeAuthorisation.objects.filter(
                    office=OuterRef("pk"), domain__code=domain, withdrawn_on__isnull=True
                )
            )
        )
    if open_now:
        offices = offices.filter(_open_now_filter(now or timezone.now()))
    if query.strip():
        key = search_key(query)
        offices = offices.filter(
            Q(address_key__contains=key)
            | Q(name__icontains=query.strip())
            | Q(code__iexact=query.strip())
        )
    return offices.prefetch_related(
        Prefetch("hours", queryset=OfficeHours.objects.order_by("weekday")),
        Prefetch(
            "authorisations",
            queryset=OfficeAuthorisation.objects.filter(withdrawn_on__isnull=True).select_related(
                "domain"
            ),
            to_attr="live_authorisations",
        ),
    ).order_by("district__number", "code")


def office_public_get(code: str) -> Office | None:
    return (
        office_finder().filter(code=code).first()
        or Office.objects.filter(code=code, status=OfficeStatus.SUSPENDED)
        .select_related("district", "sub_district")
        .first()
    )


def office_is_open(office: Office, now: datetime.datetime | None = None) -> bool:
    """Open at `now` by the office's prefetched hours (the finder's badge), never on an
    official holiday nor on a day the office is closed (`closed_today`, annotated by the
    finder for both; otherwise read)."""
    local = to_tehran(now or timezone.now())
    closed = getattr(office, "closed_today", None)
    if closed is None:
        closed = bool(calendar.holidays_between(local.date(), local.date())) or (
            OfficeClosure.objects.filter(office=office, date=local.date()).exists()
        )
    if closed:
        return False
    return any(
        h.weekday == local.weekday() and h.opens <= local.time() < h.closes
        for h in office.hours.all()
    )


def online_window() -> timedelta:
    return timedelta(minutes=settings.TERMINAL_ONLINE_MINUTES)


def offices_with_last_heartbeat() -> QuerySet[Office]:
    return (
        Office.objects.filter(status__in=[OfficeStatus.ACTIVE, OfficeStatus.SUSPENDED])
        .annotate(last_heartbeat=Max("terminals__last_seen_at", filter=Q(terminals__active=True)))
        .select_related("district")
        .order_by("code")
    )


def offices_offline(now: datetime.datetime | None = None) -> QuerySet[Office]:
    """Active offices with no heartbeat for TERMINAL_OFFLINE_MINUTES: flagged for FAVA."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.TERMINAL_OFFLINE_MINUTES)
    return (
        offices_with_last_heartbeat()
        .filter(status=OfficeStatus.ACTIVE)
        .filter(Q(last_heartbeat__lt=cutoff) | Q(last_heartbeat__isnull=True))
    )


def office_online_now(office: Office, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return Terminal.objects.filter(
        office=office, active=True, last_seen_at__gte=now - online_window()
    ).exists()


def office_certifications(office: Office) -> QuerySet[Certification]:
    return (
        Certification.objects.filter(staff__office=office)
        .select_related("staff__user", "domain")
        .order_by("staff__user__username", "domain__code")
    )


def districts_by_number(numbers) -> dict[int, District]:
    """The districts whose numbers are in `numbers`, by number."""
    return {district.number: district for district in District.objects.filter(number__in=numbers)}


def districts_with_active_offices() -> QuerySet[District]:
    """Every district by number, each annotated with `active`: its active offices."""
    return District.objects.annotate(
        active=Count("offices", filter=Q(offices__status=OfficeStatus.ACTIVE))
    ).order_by("number")


# Roles that read the whole registry, whatever an office's status (pending, revoked, closed).
REGISTRY_READERS = (
    Role.SYSTEM_ADMIN,
    Role.COMMITTEE_MEMBER,
    Role.COUNCIL_MEMBER,
    Role.AUDITOR,
    Role.INSPECTOR,
    Role.TREASURY_OFFICER,
)
PUBLIC_STATUSES = (OfficeStatus.ACTIVE, OfficeStatus.SUSPENDED)


def offices_visible_to(user) -> QuerySet[Office]:
    """Offices `user` may see: the registry's readers (FAVA, the committee, the council,
    auditors, inspectors, the treasury) every office; everyone else, signed in or not, the
    offices the public sees (active or suspended) and the office where they work."""
    if user_has_role(user, *REGISTRY_READERS):
        return Office.objects.all()
    visible = Q(status__in=PUBLIC_STATUSES)
    own = office_of_user(user)
    if own is not None:
        visible |= Q(pk=own.pk)
    return Office.objects.filter(visible)


def offices_by_pk(pks) -> dict[int, Office]:
    """The offices whose ids are in `pks`, by id."""
    return Office.objects.in_bulk(pks)


def office_locked(office: Office) -> Office:
    """The office's row, locked until the caller's transaction ends, read afresh."""
    return Office.objects.select_for_update().get(pk=office.pk)


def uptime_share_by_office(first: datetime.date, last: datetime.date) -> dict[int, float]:
    """Per office, the share (0–1) of its opening-hours slots between `first` and `last` in
    which a terminal was online (offices with no record are absent)."""
    return {
        office: (up / open_ if open_ else 1.0)
        for office, (open_, up) in office_uptime_by_office(first, last).items()
    }


def office_manager_mobiles(office: Office) -> list[str]:
    """The mobiles of the office's managers now working there (for notices to the office)."""
    return [
        mobile
        for mobile in OfficeStaff.objects.filter(
            office=office, role=StaffRole.MANAGER, left_on__isnull=True
        ).values_list("user__mobile", flat=True)
        if mobile
    ]


def offices_to_grade() -> QuerySet[Office]:
    """The offices supervision grades each period: those serving the public (active or
    suspended), by code."""
    return Office.objects.filter(status__in=PUBLIC_STATUSES).order_by("code")


def office_uptime_by_office(
    first: datetime.date, last: datetime.date
) -> dict[int, tuple[int, int]]:
    """(five-minute slots in opening hours, slots with a heartbeat) per office id, summed over
    the days `first`..`last` (inclusive) in one grouped query."""
    rows = (
        OfficeUptimeDay.objects.filter(day__gte=first, day__lte=last)
        .values("office_id")
        .annotate(open=Sum("slots_open"), up=Sum("slots_up"))
        .values_list("office_id", "open", "up")
    )
    return {office_id: (open_ or 0, up or 0) for office_id, open_, up in rows}


@dataclass(frozen=True)
class DeclarationFacts:
    """What the registry knows of an office, to pre-fill its manager's self-declaration."""

    staff_count: int
    certified_staff_count: int
    counters: int
    weekly_hours: int


def office_declaration_facts(office: Office, on: datetime.date | None = None) -> DeclarationFacts:
    """The office's current staff (and how many hold an unexpired certificate), its counters
    and its weekly opening hours (whole hours), as the registry records them."""
    on = on or timezone.localdate()
    staff = OfficeStaff.objects.filter(office=office, left_on__isnull=True)
    certified = staff.filter(certifications__expires_on__gte=on).values("pk").distinct().count()
    minutes = 0
    for opens, closes in OfficeHours.objects.filter(office=office).values_list("opens", "closes"):
        minutes += (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
    return DeclarationFacts(
        staff_count=staff.count(),
        certified_staff_count=certified,
        counters=office.counters,
        weekly_hours=max(0, minutes) // 60,
    )


# --- transparency's daily aggregates (daftar.transparency.services.aggregates) ---------------


def uptime_days_for_aggregates(first: datetime.date, last: datetime.date):
    """Each office's recorded uptime days between `first` and `last` inclusive (one query):
    (day, office id, district id, slots in opening hours, slots with a heartbeat), for the
    transparency aggregates (a slot is `UPTIME_SLOT_SECONDS` long)."""
    return OfficeUptimeDay.objects.filter(day__range=(first, last)).values_list(
        "day", "office_id", "office__district_id", "slots_open", "slots_up"
    )


UPTIME_SLOT_SECONDS = 300  # the heartbeat slot: five minutes


def uptime_first_day() -> datetime.date | None:
    """The first day with recorded uptime (None without one)."""
    return OfficeUptimeDay.objects.aggregate(first=Min("day"))["first"]


def offices_public_register() -> list[dict]:
    """Every office that has been licensed or is pending, as the open data publishes it: code,
    name, district (number and names), status and its latest licence's number, issue and
    expiry dates (None without a licence). Offices are businesses; nothing of their licensee
    or staff (no person's name or national code) is read. Two queries, ordered by code."""
    latest: dict[int, tuple] = {}
    for office_id, number, issued_on, expires_on in Licence.objects.order_by(
        "office_id", "issued_on", "pk"
    ).values_list("office_id", "number", "issued_on", "expires_on"):
        latest[office_id] = (number, issued_on, expires_on)
    rows = []
    for pk, code, name, status, district, district_fa, district_en in Office.objects.order_by(
        "code"
    ).values_list(
        "pk", "code", "name", "status", "district__number", "district__name_fa", "district__name_en"
    ):
        number, issued_on, expires_on = latest.get(pk, (None, None, None))
        rows.append(
            {
                "code": code,
                "name": name,
                "status": status,
                "district": district,
                "district_name_fa": district_fa,
                "district_name_en": district_en,
                "licence_number": number,
                "licence_issued_on": issued_on,
                "licence_expires_on": expires_on,
            }
        )
    return rows


# The working calendar's reads (issue 17 item 4) live in hours.py; the one appointments needs:
from daftar.offices.hours import office_open_intervals  # noqa: E402, F401


def certified_staff_counts(
    office: Office, domain, first: datetime.date, last: datetime.date
) -> dict[datetime.date, int]:
    """How many current staff of `office` hold a certificate for `domain` valid on each day from
    `first` to `last` (`certified_staff(...).count()` for a range of days, in one query). Leave
    is not subtracted: booking's capacity counts the staff on duty (`staff_on_duty_counts`)."""
    periods: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for staff_id, issued, expires in Certification.objects.filter(
        staff__office=office,
        staff__left_on__isnull=True,
        domain=domain,
        issued_on__lte=last,
        expires_on__gte=first,
    ).values_list("staff_id", "issued_on", "expires_on"):
        periods.setdefault(staff_id, []).append((issued, expires))
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return {
        day: sum(1 for spans in periods.values() if any(i <= day <= e for i, e in spans))
        for day in days
    }


# --- staff on duty: certified and not on leave (ADR 0036) ------------------------------------


def staff_on_duty_by_domain(
    office: Office, domain_ids, first: datetime.date, last: datetime.date
) -> dict[int, dict[datetime.date, int]]:
    """For each domain id of `domain_ids`, how many current staff of `office` are on duty for
    it on each day from `first` to `last`: certified for the domain that day (an unexpired
    certificate, as `certified_staff`) and not on a leave covering the day (a cancelled leave
    does not count). Two queries, whatever the number of domains and days."""
    domain_ids = sorted({int(pk) for pk in domain_ids})
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    periods: dict[int, dict[int, list[tuple[datetime.date, datetime.date]]]] = {
        pk: {} for pk in domain_ids
    }
    for domain_id, staff_id, issued, expires in Certification.objects.filter(
        staff__office=office,
        staff__left_on__isnull=True,
        domain_id__in=domain_ids,
        issued_on__lte=last,
        expires_on__gte=first,
    ).values_list("domain_id", "staff_id", "issued_on", "expires_on"):
        periods[domain_id].setdefault(staff_id, []).append((issued, expires))
    away: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    staff_ids = {staff_id for spans in periods.values() for staff_id in spans}
    if staff_ids:
        for staff_id, leave_first, leave_last in StaffLeave.objects.filter(
            staff_id__in=staff_ids,
            cancelled_at__isnull=True,
            first_day__lte=last,
            last_day__gte=first,
        ).values_list("staff_id", "first_day", "last_day"):
            away.setdefault(staff_id, []).append((leave_first, leave_last))

    def on_duty(staff_id: int, spans, day: datetime.date) -> bool:
        return any(i <= day <= e for i, e in spans) and not any(
            f <= day <= la for f, la in away.get(staff_id, ())
        )

    return {
        domain_id: {
            day: sum(1 for staff_id, spans in staff.items() if on_duty(staff_id, spans, day))
            for day in days
        }
        for domain_id, staff in periods.items()
    }


def staff_on_duty_counts(
    office: Office, domain, first: datetime.date, last: datetime.date
) -> dict[datetime.date, int]:
    """How many current staff of `office` are on duty for `domain` (a domain or its id) on each
    day from `first` to `last`: certified that day and not on leave. Booking's capacity."""
    domain_id = getattr(domain, "pk", domain)
    return staff_on_duty_by_domain(office, [domain_id], first, last)[int(domain_id)]
