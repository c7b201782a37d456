"""The inbox: the reviewer's queue in order of urgency, both deadlines named and counted in
working days, the deadline filter, and search by tracking code or (exact) national code that
never puts a national code in an address or a log."""

from __future__ import annotations

import datetime
import importlib
import logging
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from daftar.cases import services
from daftar.cases.models import File
from daftar.cases.selectors import InboxSearch, file_deadlines
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days
from daftar.core.templatetags.daftar import jdate

pytestmark = pytest.mark.django_db


def _in_review(personas, catalogue, *, state_due, due=None, citizen=None):
    """A paid file in the department's queue whose deadlines are set to the given times (as
    if it had entered review long ago: the clock, not the engine, is what is tested)."""
    file = open_file(personas, catalogue)
    services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
    changes = {"state_due_at": state_due, "due_at": due or state_due}
    if citizen is not None:
        changes.update(citizen=citizen, national_code=citizen.national_code)
    File.objects.filter(pk=file.pk).update(**changes)
    return File.objects.get(pk=file.pk)


@pytest.fixture
def queue(personas, catalogue):
    """Three files: one due in six working days, one two days overdue, one due tomorrow."""
    now = timezone.now()
    later = _in_review(personas, catalogue, state_due=add_working_days(now, 6))
    late = _in_review(personas, catalogue, state_due=now - datetime.timedelta(days=3))
    soon = _in_review(personas, catalogue, state_due=add_working_days(now, 1))
    return {"later": later, "late": late, "soon": soon}


def _codes(page: str) -> list[str]:
    return re.findall(r'data-file="(\d+)"', page)


def test_the_queue_shows_overdue_files_first_then_the_soonest_due(client, personas, queue):
    client.force_login(personas.reviewer)
    page = client.get(reverse("cases:inbox")).content.decode()
    assert _codes(page) == [
        queue["late"].tracking_code,
        queue["soon"].tracking_code,
        queue["later"].tracking_code,
    ]
    late_row = page[page.index(f'data-file="{queue["late"].tracking_code}"') :]
    assert late_row.index('data-overdue="1"') < late_row.index("</tr>")
    assert page.count('data-overdue="1"') == 1


def test_the_newest_file_can_be_put_first(client, personas, catalogue, queue):
    newest = _in_review(personas, catalogue, state_due=add_working_days(timezone.now(), 9))
    client.force_login(personas.reviewer)
    urgent = _codes(client.get(reverse("cases:inbox")).content.decode())
    assert urgent[-1] == newest.tracking_code  # due last: last in urgency order
    page = client.get(reverse("cases:inbox"), {"sort": "newest"}).content.decode()
    assert _codes(page)[0] == newest.tracking_code
    assert "sort=newest" in page or 'value="newest" selected' in page


def test_a_file_overdue_overall_but_not_in_its_stage_counts_as_overdue(
    client, personas, catalogue, queue
):
    now = timezone.now()
    overall_late = _in_review(
        personas,
        catalogue,
        state_due=add_working_days(now, 3),
        due=now - datetime.timedelta(days=1),
    )
    client.force_login(personas.reviewer)
    codes = _codes(client.get(reverse("cases:inbox")).content.decode())
    assert codes.index(overall_late.tracking_code) < codes.index(queue["soon"].tracking_code)


def test_the_remaining_time_is_counted_in_working_days(client, personas, queue):
    client.force_login(personas.reviewer)
    page = client.get(reverse("cases:inbox"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert "مهلت این مرحله" in page
    assert "مهلت کل پرونده" in page
    assert "۶ روز کاری مانده" in page
    assert "۱ روز کاری مانده" in page
    assert "روز کاری گذشته" in page


def test_the_list_the_file_page_and_the_receipt_show_the_same_two_named_deadlines(
    client, personas, catalogue
):
    now = timezone.now()
    file = _in_review(
        personas,
        catalogue,
        state_due=add_working_days(now, 2),
        due=add_working_days(now, 9),
    )
    stage, whole = jdate(file.state_due_at), jdate(file.due_at)
    assert stage != whole
    client.force_login(personas.reviewer)
    listed = client.get(reverse("cases:inbox")).content.decode()
    shown = client.get(file.get_absolute_url()).content.decode()
    printed = client.get(reverse("cases:receipt", args=[file.tracking_code])).content.decode()
    for page in (listed, shown, printed):
        state_cell = page[page.index('data-testid="state-deadline"') :]
        overall_cell = page[page.index('data-testid="overall-deadline"') :]
        assert state_cell.split("</span>")[0].endswith(stage)
        assert overall_cell.split("</span>")[0].endswith(whole)
        assert "مهلت این مرحله" in page
        assert "مهلت کل پرونده" in page


def test_file_deadlines_count_working_days_and_a_closed_file_has_none(personas, catalogue):
    now = datetime.datetime(2025, 11, 1, 8, 0, tzinfo=datetime.UTC)  # a Saturday in Tehran
    file = _in_review(
        personas,
        catalogue,
        state_due=add_working_days(now, 5),  # Thursday: Friday is no working day
        due=now - datetime.timedelta(days=8),  # Friday 24 October
    )
    deadlines = file_deadlines(file, now=now)
    assert deadlines.state.days_left == 5
    assert not deadlines.state.overdue
    assert deadlines.overall.overdue
    # Due Friday 24 October; Saturday 25 October to Saturday 1 November are seven working
    # days (Friday 31 October is not one).
    assert deadlines.overall.days_late == 7
    assert deadlines.overdue
    file.closed_at = now
    assert file_deadlines(file, now=now).state is None


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("overdue", ["late"]), ("due_soon", ["soon"]), ("on_time", ["soon", "later"])],
)
def test_the_deadline_filter(client, personas, queue, choice, expected):
    client.force_login(personas.reviewer)
    page = client.get(reverse("cases:inbox"), {"deadline": choice}).content.decode()
    assert _codes(page) == [queue[name].tracking_code for name in expected]


def test_an_unknown_deadline_filter_is_ignored(client, personas, queue):
    client.force_login(personas.reviewer)
    page = client.get(reverse("cases:inbox"), {"deadline": "yesterday"}).content.decode()
    assert len(_codes(page)) == 3


def _search(client, query, **params):
    return client.post(
        f"{reverse('cases:inbox')}?{'&'.join(f'{k}={v}' for k, v in params.items())}", {"q": query}
    )


def test_search_by_tracking_code_typed_in_persian_digits_with_dashes(client, personas, queue):
    code = queue["soon"].tracking_code
    typed = "-".join(code[i : i + 4] for i in range(0, 12, 4)).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    client.force_login(personas.reviewer)
    response = _search(client, typed)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert _codes(page) == [code]
    assert 'data-testid="search-shown"' in page
    shown = re.search(r'data-testid="search-shown".*?<span class="ltr-value">([^<]*)</span>', page)
    assert shown.group(1) == typed  # grouped as the rows show it, in Persian digits
    # Without `search=1` the list is whole again.
    assert len(_codes(client.get(reverse("cases:inbox")).content.decode())) == 3


def test_search_by_national_code_is_exact_and_never_in_an_address_or_a_log(
    client, personas, catalogue, queue, caplog
):
    mine = _in_review(
        personas,
        catalogue,
        state_due=add_working_days(timezone.now(), 3),
        citizen=personas.other_citizen,
    )
    national = personas.other_citizen.national_code
    client.force_login(personas.reviewer)
    with caplog.at_level(logging.DEBUG):
        response = _search(client, national)
        page = client.get(response["Location"]).content.decode()
    assert _codes(page) == [mine.tracking_code]
    assert national not in response["Location"]
    assert national not in page  # shown masked
    assert (
        f"{national[:3]}****{national[-3:]}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        in page
    )
    assert not [r for r in caplog.records if national in r.getMessage()]
    # Nine of its ten digits find nothing: a national code is matched whole or not at all.
    response = _search(client, national[:9])
    assert response.status_code == 400
    assert "کد رهگیری (۱۲ رقم) یا کد ملی (۱۰ رقم)" in response.content.decode()


def test_search_keeps_the_filters_and_finds_only_what_the_user_may_see(
    client, personas, catalogue, queue
):
    client.force_login(personas.citizen)
    other = _in_review(
        personas,
        catalogue,
        state_due=add_working_days(timezone.now(), 3),
        citizen=personas.other_citizen,
    )
    response = _search(client, other.tracking_code, state="in_review")
    assert "state=in_review" in response["Location"]
    assert _codes(client.get(response["Location"]).content.decode()) == []


def test_inbox_search_parses_tracking_and_national_codes():
    assert InboxSearch.parse("").tracking_code == ""
    assert not InboxSearch.parse("  ")
    assert InboxSearch.parse("abc").invalid
    assert InboxSearch.parse("0499370899").national_code == "0499370899"
    assert InboxSearch.parse("0499370898").invalid  # wrong check digit


def test_a_long_queue_is_paged_without_counting_it_to_the_end(client, personas, queue, monkeypatch):
    """Pages are counted only a few ahead of the page shown (ADR 0037): near the end the
    number of pages is exact, further off the page says "of more than"."""
    inbox_view = importlib.import_module("daftar.cases.views.inbox")
    monkeypatch.setattr(inbox_view, "PAGE_SIZE", 1)
    monkeypatch.setattr(inbox_view, "LOOKAHEAD_PAGES", 1)
    client.force_login(personas.reviewer)
    first = client.get(reverse("cases:inbox"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert "۱ از بیش از ۲" in first
    assert _codes(first) == [queue["late"].tracking_code]
    second = client.get(reverse("cases:inbox"), {"page": "2"}).content.decode()
    assert _codes(second) == [queue["soon"].tracking_code]
    assert "۲ / ۳" in second
    assert "بیش از" not in second
    assert "page=3" in second
    third = client.get(reverse("cases:inbox"), {"page": "3"}).content.decode()
    assert _codes(third) == [queue["later"].tracking_code]
    assert "page=4" not in third
