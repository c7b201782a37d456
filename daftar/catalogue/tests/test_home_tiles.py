"""The catalogue team's home (issue 17): its work in progress counted on tiles — service
drafts being edited, tariff changes before the committee, adopted ones still to put in force,
tariffs waiting for their first day — each tile opening the list that shows what it counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from daftar.catalogue import services as svc
from daftar.catalogue.tests.test_administration import _adopt, _tariff_draft
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db


def _tiles(html: str) -> dict[str, tuple[int | None, str]]:
    """Each tile's count and link, by key."""
    found = {}
    for block in re.findall(r"<a[^>]*data-testid=\"tile-[^>]*>", html):
        key = re.search(r'data-testid="tile-([\w-]+)"', block).group(1)
        count = re.search(r'data-count="(\d*)"', block).group(1)
        href = re.search(r'href="([^"]+)"', block).group(1).replace("&amp;", "&")
        found[key] = (int(count) if count else None, href)
    return found


@pytest.fixture
def work(personas, catalogue, committee):
    admin = Actor.for_user(personas.catalogue_admin)
    draft = svc.service_draft_start(actor=admin, service=catalogue.service)
    # every change is sent before the first is applied: a change is refused once a later
    # version is in the book
    in_force = svc.tariff_draft_send(actor=admin, draft=_tariff_draft(personas, catalogue.service))
    adopted = svc.tariff_draft_send(
        actor=admin,
        draft=_tariff_draft(
            personas,
            catalogue.service,
            effective_from=timezone.localdate() + datetime.timedelta(days=30),
        ),
    )
    awaiting = svc.tariff_draft_send(actor=admin, draft=_tariff_draft(personas, catalogue.service))
    unsent = _tariff_draft(personas, catalogue.service)
    _adopt(committee, in_force.decision)
    _adopt(committee, adopted.decision)
    in_force = svc.tariff_draft_apply(actor=admin, draft=in_force)  # from tomorrow
    return draft, in_force, adopted, awaiting, unsent


def test_the_home_counts_the_catalogue_teams_work_and_each_tile_opens_its_list(
    personas, catalogue, work
):
    draft, _in_force, adopted, awaiting, unsent = work
    client = Client()
    client.force_login(personas.catalogue_admin)
    html = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    tiles = _tiles(html)

    assert {key: count for key, (count, _href) in tiles.items()} == {
        "service-drafts": 1,
        "tariffs-awaiting-decision": 1,
        "tariffs-adopted": 1,
        "tariffs-coming": 1,
        "open311-services": 0,  # the Open311 page's tile (daftar/open311/homes.py): none mapped
    }
    drafts_page = client.get(tiles["service-drafts"][1]).content.decode()
    assert reverse("catalogue:draft_edit", args=[draft.pk]) in drafts_page

    awaiting_page = client.get(tiles["tariffs-awaiting-decision"][1]).content.decode()
    assert reverse("catalogue:tariff_draft", args=[awaiting.pk]) in awaiting_page
    for other in (adopted, unsent):
        assert reverse("catalogue:tariff_draft", args=[other.pk]) not in awaiting_page

    adopted_page = client.get(tiles["tariffs-adopted"][1]).content.decode()
    assert reverse("catalogue:tariff_draft", args=[adopted.pk]) in adopted_page
    for other in (awaiting, unsent):
        assert reverse("catalogue:tariff_draft", args=[other.pk]) not in adopted_page

    coming_page = client.get(tiles["tariffs-coming"][1]).content.decode()
    coming = coming_page[coming_page.index('id="coming"') :]
    assert 'data-testid="tariffs-coming"' in coming
    assert coming.count("<tr>") == 2  # the header and the applied change from tomorrow


def test_an_idle_catalogue_team_sees_zeros_and_every_list_says_it_is_empty(personas, catalogue):
    client = Client()
    client.force_login(personas.catalogue_admin)
    html = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert {key: count for key, (count, _href) in _tiles(html).items()} == {
        "service-drafts": 0,
        "tariffs-awaiting-decision": 0,
        "tariffs-adopted": 0,
        "tariffs-coming": 0,
        "open311-services": 0,  # the Open311 page's tile (daftar/open311/homes.py): none mapped
    }
    page = client.get(reverse("catalogue:manage") + "?tariffs=awaiting").content.decode()
    assert "هیچ پیش‌نویسی در دست ویرایش نیست" in page
    assert "تغییر تعرفه‌ای اینجا نیست" in page


def test_an_unknown_tariff_stage_shows_every_change_in_progress(personas, catalogue, work):
    _draft, _in_force, adopted, awaiting, unsent = work
    client = Client()
    client.force_login(personas.catalogue_admin)
    page = client.get(reverse("catalogue:manage") + "?tariffs=nonsense").content.decode()
    for shown in (adopted, awaiting, unsent):
        assert reverse("catalogue:tariff_draft", args=[shown.pk]) in page
