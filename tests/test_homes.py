"""Every role's home (the dashboard): its counts, its links, and no dead end.

The homes are assembled from the apps' contributions (daftar/core/homes.py); each persona signs
in to the access world (tests/access_world.py: one file of `other_citizen`, opened at
operator_a's office for the reviewer's department) and every link of its home is followed.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from daftar.cases.models import File
from daftar.core import homes
from tests.access_world import build_world
from tests.test_access import PERSONAS


@pytest.fixture
def world(personas, catalogue, counter_ready, committee, in_force, adopt_decision, trusted_partner):
    return build_world(
        personas, catalogue, counter_ready, committee, in_force, adopt_decision, trusted_partner
    )


def _home(personas, persona: str) -> tuple[Client, str]:
    client = Client()
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    return client, response.content.decode()


def _main_links(html: str) -> list[str]:
    main = html[html.index('<main id="main"') : html.index("</main>")]
    return sorted(
        {
            href.replace("&amp;", "&")
            for href in re.findall(r'href="([^"]+)"', main)
            if href.startswith("/")
        }
    )


def _tiles(html: str) -> dict[str, int | None]:
    found = re.findall(r'data-testid="tile-([\w-]+)"\s+data-count="(\d*)"', html)
    return {key: int(count) if count else None for key, count in found}


def _actions(html: str) -> list[str]:
    return re.findall(r'data-testid="action-([\w-]+)"', html)


def test_every_link_on_every_home_opens_for_its_role(world, personas):
    dead = []
    for persona in PERSONAS:
        client, html = _home(personas, persona)
        links = _main_links(html)
        assert links, f"{persona}: a home with nothing to follow"
        for link in links:
            status = client.get(link).status_code
            if status not in (200, 302):  # 302: a download or the next step, never a sign-in
                dead.append(f"{persona}: {link} answered {status}")
    assert not dead, "\n".join(dead)


def test_the_citizen_home_counts_their_files_payments_and_corrections(world, personas):
    # the world's two files of other_citizen (one unpaid, one paid at office_a), both open
    theirs = File.objects.filter(citizen=personas.other_citizen, state__is_terminal=False)
    assert theirs.count() == 2
    waiting_to_pay = theirs.filter(state__code="awaiting_payment").count()

    _client, mine = _home(personas, "other_citizen")
    _client, nothing = _home(personas, "citizen")

    assert _tiles(mine) == {
        "files-open": 2,
        "payments-due": waiting_to_pay,
        "corrections": 0,
        "appointments": 0,  # booking (issue 18)
    }
    assert _tiles(nothing) == {
        "files-open": 0,
        "payments-due": 0,
        "corrections": 0,
        "appointments": 0,
    }
    assert f'href="{reverse("cases:inbox")}?state=awaiting_payment"' in mine
    assert {"apply", "track", "find-office", "calls"} <= set(_actions(mine))
    assert "book" in set(_actions(mine))  # booking a visit (issue 18)


def test_a_correction_asked_of_the_citizen_is_counted_on_their_home(world, personas):
    File.objects.filter(tracking_code=world.file_code).update(
        state=File.objects.get(tracking_code=world.file_code).state.version.states.get(
            code="correction_requested"
        )
    )
    _client, html = _home(personas, "other_citizen")
    assert _tiles(html)["corrections"] == 1
    assert f'href="{reverse("cases:inbox")}?state=correction_requested"' in html


def test_office_staff_count_their_own_office_files_only(world, personas):
    _client, own = _home(personas, "operator_a")
    _client, other = _home(personas, "operator_b")
    assert _tiles(own)["files-open"] == 2  # the world's two files, both opened at office_a
    assert _tiles(other)["files-open"] == 0
    assert {"counter", "office-files", "my-office"} <= set(_actions(own))


def test_the_reviewer_home_counts_the_department_queue(world, personas):
    _client, html = _home(personas, "reviewer")
    tiles = _tiles(html)
    queue = File.objects.filter(in_department=True).count()
    assert tiles["queue"] == queue
    assert tiles["overdue"] == File.objects.filter(breached_at__isnull=False).count()
    assert "calls-in-progress" in tiles


def test_a_queue_past_the_cap_is_shown_as_more_than_the_cap(world, personas, monkeypatch):
    """A department's queue is counted up to core.homes.COUNT_CAP; past it the tile says "more
    than …" in the page's digits (tests/browser/test_pages.py follows its link to the whole
    queue)."""
    from daftar.cases import homes as cases_homes

    files = File.objects.filter(citizen=personas.other_citizen)
    files.update(in_department=True)  # the world's two files, in the reviewer's department
    assert File.objects.filter(in_department=True).count() == 2
    monkeypatch.setattr(cases_homes, "COUNT_CAP", 1)

    _client, html = _home(personas, "reviewer")

    assert _tiles(html)["queue"] == 2  # counted one past the cap, no further
    tile = html[html.index('data-testid="tile-queue"') :][:600]
    assert 'data-more-than="1"' in tile
    assert "بیش از ۱" in tile
    monkeypatch.setattr(cases_homes, "COUNT_CAP", 2)
    _client, html = _home(personas, "reviewer")
    tile = html[html.index('data-testid="tile-queue"') :][:600]
    assert "data-more-than" not in tile
    assert "بیش از" not in tile
    assert '<span class="home-tile-count d-block">۲</span>' in tile


def test_the_council_home_counts_the_whole_city_and_says_when(world, personas, catalogue):
    """The city's counts are exact and kept for five minutes, shared by the council and the
    auditors; the tile says when they were counted, and the list behind it is live."""
    from django.core.cache import cache

    from daftar.cases.tests.fixtures import open_file

    still_open = File.objects.filter(closed_at__isnull=True, state__is_terminal=False)
    before = still_open.count()
    _client, html = _home(personas, "council")
    assert _tiles(html)["files-open"] == before
    assert re.search("شمارش در ساعت [۰-۹]{2}:[۰-۹]{2}؛ فهرست همیشه به‌روز است", html)

    open_file(personas, catalogue)
    assert still_open.count() == before + 1
    _client, html = _home(personas, "auditor")
    assert _tiles(html)["files-open"] == before  # the kept answer
    cache.clear()  # five minutes later
    _client, html = _home(personas, "council")
    assert _tiles(html)["files-open"] == before + 1


def test_the_treasury_officer_home_leads_to_the_treasury(world, personas):
    _client, html = _home(personas, "treasury")
    assert f'href="{reverse("treasury:dashboard")}"' in html
    assert set(_tiles(html)) == {"open-days", "refunds-requested", "refunds-approved", "penalties"}


def test_the_inspector_home_shows_inspections_first_then_the_offices(world, personas):
    _client, html = _home(personas, "inspector")
    tiles = _tiles(html)
    assert {"inspections-today", "inspections-overdue"} <= set(tiles)
    assert list(tiles).index("inspections-today") < list(tiles).index("offices-active")
    assert tiles["offices-active"] >= 1
    assert f'href="{reverse("offices:finder")}?open_now=on"' in html
    assert f'href="{reverse("supervision:my_inspections")}"' in html


def test_the_auditor_home_offers_verification_export_and_checkpoint(world, personas):
    _client, html = _home(personas, "auditor")
    assert {"verify", "export", "summary"} <= set(_actions(html))


def test_the_system_admin_home_counts_staff_without_an_authenticator(world, personas):
    _client, html = _home(personas, "admin")
    assert _tiles(html)["staff-without-authenticator"] >= 1
    assert {"authenticators", "admin", "partners", "terminals"} <= set(_actions(html))


def test_an_action_two_roles_share_is_shown_once(world, personas):
    from daftar.accounts.choices import Role
    from daftar.accounts.tests.factories import UserFactory

    both = UserFactory(roles=[Role.COUNCIL_MEMBER, Role.AUDITOR])
    client = Client()
    client.force_login(both)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert html.count(f'href="{reverse("treasury:summary")}"') == 1


def test_contributions_come_in_order_and_none_adds_nothing():
    role = "test-role"
    calls = []

    @homes.contributes(role, order=20)
    def second(user):
        calls.append("second")
        return homes.HomePart(actions=[homes.Action("b", "B", "/b/")])

    @homes.contributes(role, order=10)
    def first(user):
        calls.append("first")
        return homes.HomePart(tiles=[homes.Tile("a", "A", "/a/", 3, urgent=True)])

    @homes.contributes(role, order=30)
    def nothing(user):
        return None

    try:
        home = homes.role_home(role, user=None)
    finally:
        homes._CONTRIBUTORS.pop(role)
    assert calls == ["first", "second"]
    assert home.links() == ["/a/", "/b/"]
    assert home.tiles[0].needs_attention


@pytest.mark.parametrize("persona", ["citizen", "operator_a", "reviewer", "council"])
def test_a_home_asks_the_same_number_of_queries_however_many_files_there_are(
    persona, personas, catalogue, counter_ready
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from daftar.cases.tests.fixtures import open_file

    client = Client()
    client.force_login(getattr(personas, persona))
    open_file(personas, catalogue)
    open_file(personas, catalogue, office=counter_ready)
    client.get(reverse("accounts:dashboard"))  # warm: the registry, the templates
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("accounts:dashboard"))
    for _ in range(3):
        open_file(personas, catalogue)
        open_file(personas, catalogue, office=counter_ready)
    with CaptureQueriesContext(connection) as more:
        response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert len(more) == len(few), [q["sql"] for q in more.captured_queries]
    assert len(few) <= 10
