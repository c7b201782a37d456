"""Waiting at the offices on the transparency portal (issue 18, item 4): the queue's tickets
counted into the daily aggregates (whole minutes rounded up, exact percentiles), rolled up per
district and month, shown per month, per district, on the map and on the office's page with the
small-cell rule, and published as an open dataset."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from daftar.appointments.choices import TicketKind, TicketStatus
from daftar.appointments.models import Ticket
from daftar.core.actors import Actor
from daftar.core.jalali import from_jalali, tehran_date
from daftar.transparency.models import AggregateBuild, DistrictMonth, OfficeDay
from daftar.transparency.selectors import public, waiting
from daftar.transparency.selectors.aggregates import PortalFilter, district_indicator
from daftar.transparency.selectors.opendata.datasets import dataset_get, dataset_table
from daftar.transparency.services.aggregates import aggregates_build
from daftar.transparency.tests.aggregates_fixtures import tehran
from tests.test_persian_digits import latin_digits_in_html

pytestmark = pytest.mark.django_db

SYSTEM = Actor.system("test")
MEHR_9 = from_jalali(1405, 7, 9)
SHAHRIVAR_20 = from_jalali(1405, 6, 20)
ABAN_3 = from_jalali(1405, 8, 3)
WHOLE = PortalFilter(from_jalali(1405, 6, 1), from_jalali(1405, 8, 30), None)
# Office T0101's waits on Mehr 9th, in seconds: 0:00, 2:00, 5:00, 10:00, 15:00 (still within
# the 15 minutes), 15:01 (the 16th minute), 25:00 and 40:00.
MEHR_WAITS = [0, 120, 300, 600, 900, 901, 1500, 2400]


def ticket(office, service, user, day, number, *, waited=None, served_after=None, status=None):
    issued = tehran(day, 9, 0) + datetime.timedelta(minutes=number)
    called = None if waited is None else issued + datetime.timedelta(seconds=waited)
    finished = None if served_after is None else called + datetime.timedelta(seconds=served_after)
    if status is None:
        status = (
            TicketStatus.WAITING
            if called is None
            else TicketStatus.SERVED
            if finished
            else TicketStatus.CALLED
        )
    return Ticket.objects.create(
        office=office,
        day=day,
        kind=TicketKind.WALK_IN,
        number=number,
        service=service,
        status=status,
        counter=None if called is None else 1,
        calls=0 if called is None else 1,
        issued_at=issued,
        called_at=called,
        finished_at=finished,
        issued_by=user,
    )


@pytest.fixture
def queue_world(personas, catalogue):
    """T0101 (district 1): ten tickets on Mehr 9th — eight called (six served, one did not
    come, one still at the counter), two never called — and six called on Shahrivar 20th;
    T0601 (district 6): three called on Aban 3rd (a small cell)."""
    a, b, service, user = (
        personas.office_a,
        personas.office_b,
        catalogue.service,
        personas.operator_a,
    )
    for n, waited in enumerate(MEHR_WAITS, start=1):
        if n == 7:
            ticket(a, service, user, MEHR_9, n, waited=waited, status=TicketStatus.NO_SHOW)
        elif n == 8:
            ticket(a, service, user, MEHR_9, n, waited=waited)
        else:
            ticket(a, service, user, MEHR_9, n, waited=waited, served_after=60 * n + 30)
    ticket(a, service, user, MEHR_9, 9)
    ticket(a, service, user, MEHR_9, 10)
    for n in range(1, 7):
        ticket(a, service, user, SHAHRIVAR_20, n, waited=60 * n, served_after=300)
    for n in range(1, 4):
        ticket(b, service, user, ABAN_3, n, waited=60, served_after=120)
    aggregates_build(actor=SYSTEM, full=True)
    return personas


def test_a_day_of_tickets_is_counted_in_whole_minutes_rounded_up(queue_world):
    row = OfficeDay.objects.get(office=queue_world.office_a, day=MEHR_9)
    assert (row.tickets_issued, row.tickets_called, row.tickets_served) == (10, 8, 6)
    # 15:00 is the 15th minute, 15:01 the 16th; the no-show's wait counts (it was called)
    assert row.wait_minutes == {str(m): 1 for m in (0, 2, 5, 10, 15, 16, 25, 40)}
    # served after 1:30, 2:30 … 6:30 (tickets 1 to 6): 2, 3, 4, 5, 6 and 7 minutes
    assert row.service_minutes == {str(m): 1 for m in (2, 3, 4, 5, 6, 7)}


def test_the_month_rolls_up_the_days_of_its_district(queue_world):
    mehr = DistrictMonth.objects.get(district__number=1, month=from_jalali(1405, 7, 1))
    assert (mehr.tickets_issued, mehr.tickets_called, mehr.tickets_served) == (10, 8, 6)
    assert mehr.wait_minutes == OfficeDay.objects.get(day=MEHR_9).wait_minutes
    aban = DistrictMonth.objects.get(district__number=6, month=from_jalali(1405, 8, 1))
    assert (aban.tickets_called, aban.wait_minutes) == (3, {"1": 3})


def test_the_months_figures_are_exact_percentiles_and_the_share_within_15_minutes(queue_world):
    with translation.override("en"):
        rows = {row.key: row for row in waiting.waiting_per_month(WHOLE)[0]}
    mehr = rows["1405-07"]
    assert (mehr.called, mehr.within_target, mehr.served) == (8, 5, 6)
    assert mehr.within_percent == Decimal("62.5")
    assert (mehr.median_wait, mehr.p90_wait) == (10, 40)  # ranks 4 and 8 of 8
    assert mehr.median_service == 4  # the 3rd of 2, 3, 4, 5, 6, 7
    assert rows["1405-06"].called == 6
    assert rows["1405-06"].median_wait == 3
    assert rows["1405-08"].called == 3


def test_a_partial_period_reads_the_day_rows_and_agrees_with_the_month(queue_world):
    part = PortalFilter(from_jalali(1405, 7, 5), from_jalali(1405, 7, 20), 1)
    mehr = waiting.waiting_per_month(part)[0][0]
    whole = {row.key: row for row in waiting.waiting_per_month(WHOLE)[0]}["1405-07"]
    assert mehr == whole
    # a district without tickets that month has nothing to show
    other = waiting.waiting_per_month(PortalFilter(part.start, part.end, 6))[0][0]
    assert (other.called, other.median_wait, other.within_percent) == (0, None, None)


def test_a_ticket_called_after_the_last_build_is_counted_by_the_next_incremental_one(
    personas, catalogue
):
    now = timezone.now()
    today = tehran_date(now)
    waiting_one = Ticket.objects.create(
        office=personas.office_a,
        day=today,
        kind=TicketKind.WALK_IN,
        number=1,
        service=catalogue.service,
        issued_at=now - datetime.timedelta(minutes=7),
        issued_by=personas.operator_a,
    )
    aggregates_build(actor=SYSTEM, full=True)
    row = OfficeDay.objects.get(office=personas.office_a, day=today)
    assert (row.tickets_issued, row.tickets_called, row.wait_minutes) == (1, 0, {})
    called = timezone.now()  # after the build: the ticket is called seven minutes after it
    Ticket.objects.filter(pk=waiting_one.pk).update(
        status=TicketStatus.CALLED,
        counter=2,
        calls=1,
        issued_at=called - datetime.timedelta(minutes=7),
        called_at=called,
    )
    run = aggregates_build(actor=SYSTEM)
    assert run.mode == AggregateBuild.Mode.INCREMENTAL
    assert run.days == [today.isoformat()]
    row = OfficeDay.objects.get(office=personas.office_a, day=today)
    assert (row.tickets_called, row.wait_minutes) == (1, {"7": 1})
    # nothing changed since: the next run rebuilds no day
    assert aggregates_build(actor=SYSTEM).days == []


def test_the_districts_are_compared_and_a_small_district_is_blank_with_a_complement(queue_world):
    exact = {row.key: row for row in waiting.waiting_by_district(WHOLE)[0]}
    assert (exact["1"].called, exact["6"].called) == (14, 3)
    rows, total = public.waiting_by_district(WHOLE)
    shown = {row.key: row for row in rows}
    assert shown["6"].called is None
    assert (shown["6"].median_wait, shown["6"].within_percent) == (None, None)
    # the city's total is shown, so district 1 cannot be: 17 − 14 would give district 6 away
    assert total.called == 17
    assert shown["1"].called is None


def test_the_map_colours_districts_by_the_share_called_within_15_minutes(queue_world):
    exact = district_indicator(WHOLE, "waiting")
    # district 1: 5 of Mehr's 8 and all 6 of Shahrivar's (1 to 6 minutes) → 11 of 14
    assert exact[1] == Decimal("78.6")
    assert exact[6] == Decimal("100.0")
    assert exact[2] is None
    public_map = public.district_indicator(WHOLE, "waiting")
    assert public_map[6] is None  # three tickets: a small cell


def test_an_office_record_shows_its_months_with_the_rule(queue_world):
    rows, total = public.office_waiting(queue_world.office_a, WHOLE)
    assert [row.called for row in rows] == [6, 8, 0]
    assert total.called == 14
    assert (total.median_wait, total.p90_wait) == (5, 25)
    # 3 of its 14 waited longer than 15 minutes: a small count, so neither it nor the share
    # called in time (which, with the 14, would give it away) is shown
    assert (total.within_target, total.within_percent) == (None, None)
    rows, total = public.office_waiting(queue_world.office_b, WHOLE)
    assert total.called is None
    assert total.median_wait is None


def test_the_open_dataset_counts_calls_per_minute_waited_with_small_cells_blank(queue_world):
    dataset = dataset_get("waiting")
    table = dataset_table(dataset, from_jalali(1405, 8, 30))
    assert sum(row["called"] for row in table.rows) == 17
    mehr = [row for row in table.rows if row["day"] == MEHR_9]
    assert sorted(row["wait_minutes"] for row in mehr) == [0, 2, 5, 10, 15, 16, 25, 40]
    # every cell is a count of 1 to 6: the small ones are blank, none alone
    published = table.published_rows()
    blank = [row for row in published if row["called"] is None]
    assert blank
    assert all("called" in row["suppressed"] for row in blank)
    assert all(row["called"] is None or row["called"] >= 5 for row in published)


def test_the_portal_shows_waiting_in_persian_on_the_overview_districts_and_office_pages(
    queue_world,
):
    client = Client()
    query = "?start=1405/06/01&end=1405/08/30"
    overview = client.get(reverse("transparency:portal") + query)
    html = overview.content.decode()
    assert overview.status_code == 200
    assert 'data-testid="table-waiting"' in html
    assert "انتظار در دفاتر" in html
    assert "/open-data/waiting.csv" in html
    assert not latin_digits_in_html(html)
    districts = client.get(reverse("transparency:portal_districts") + query + "&indicator=waiting")
    html = districts.content.decode()
    assert districts.status_code == 200
    assert 'data-testid="table-waiting-districts"' in html
    assert not latin_digits_in_html(html)
    # the office's public record covers the last twelve whole months, which hold its tickets
    office = client.get(reverse("offices:detail", args=[queue_world.office_a.code]))
    html = office.content.decode()
    assert office.status_code == 200
    assert 'data-testid="office-waiting"' in html
    assert not latin_digits_in_html(html)


def test_without_tickets_the_overview_says_so(personas):
    aggregates_build(actor=SYSTEM, full=True)
    html = Client().get(reverse("transparency:portal")).content.decode()
    assert 'data-testid="empty-waiting"' in html
