"""The catalogue team's Open311 page (/manage/open311/): the list with what each service becomes
and how many reports came in, adding and changing a mapping through the audited service, the
catalogue service's problems in Persian, unlisting, and who may reach it (404 for everyone else;
CSRF). Bad input gets a Persian error and changes nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daftar.audit.models import AuditEntry
from daftar.catalogue.models import RequiredDocument, Service
from daftar.core.actors import Actor
from daftar.open311.models import Open311Service
from daftar.open311.services import open311_service_define
from daftar.open311.tests.test_georeport import BASE, complaint_report, report

LIST = "/manage/open311/"
NEW = "/manage/open311/new/"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def team(personas):
    return _signed_in(personas.catalogue_admin)


def _form(**change) -> dict:
    data = {
        "service_code": "office-rude",
        "name_fa": "بدرفتاری در دفتر",
        "name_en": "Rudeness at an office",
        "target": "complaint",
        "catalogue_service": "",
        "complaint_category": "rudeness",
        "description_fa": "کارمند دفتر بی‌احترامی کرد.",
        "description_en": "",
        "group": "دفترها",
        "keywords": "office,rude",
        "notice_fa": "",
        "notice_en": "",
        "order": "۳",
        "active": "on",
    }
    data.update(change)
    return {key: value for key, value in data.items() if value is not None}


def _snapshot():
    return (
        list(Open311Service.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


# --- the list ------------------------------------------------------------------------------------


def test_the_list_shows_names_targets_in_words_listing_and_report_counts(client, team, world):
    client.post(BASE + "requests.json", report(world))
    client.post(BASE + "requests.json", complaint_report(world))
    client.post(BASE + "requests.json", complaint_report(world))
    page = team.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "خرابی پیاده‌رو" in html  # the Persian name
    assert "گزارش خرابی پیاده‌رو" in html  # the catalogue service's title, not its code alone
    assert "درخواست رشوه" in html  # the complaint category's label
    rows = {s.service_code: s for s in page.context["services"]}
    assert (rows["pavement"].report_count, rows["office-bribe"].report_count) == (1, 2)
    assert 'data-testid="open311-service-office-bribe"' in html
    assert "۲" in html  # counts in Persian digits
    assert reverse("open311_manage:new") in html


def test_a_listed_service_whose_catalogue_service_now_needs_a_document_is_flagged(team, world):
    RequiredDocument.objects.create(
        service=Service.objects.get(code="ws-pavement"),
        code="photo",
        title_fa="عکس",
        title_en="Photo",
        mandatory=True,
    )
    html = team.get(LIST).content.decode()
    assert 'data-testid="open311-problems"' in html
    assert "خدمت مدرک لازم دارد" in html


def test_the_catalogue_team_home_links_to_the_page(team, world):
    html = team.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-testid="tile-open311-services"' in html
    assert f'href="{LIST}"' in html


def test_the_list_reads_a_constant_number_of_queries(team, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert team.get(LIST).status_code == 200
        return len(queries)

    team.get(LIST)
    few = count()
    for n in range(3):
        open311_service_define(
            actor=Actor.system("test"),
            service_code=f"other-{n}",
            name_fa=f"شکایت {n}",
            name_en=f"Complaint {n}",
            complaint_category="other",
        )
    open311_service_define(
        actor=Actor.system("test"),
        service_code="pavement-2",
        name_fa="پیاده‌رو ۲",
        name_en="Pavement 2",
        catalogue_service_code="ws-pavement",
    )
    assert count() == few
    assert team.get(LIST).content.decode().count('data-testid="open311-service-') == 6


# --- adding and changing -------------------------------------------------------------------------


def test_the_team_maps_a_new_service_and_apps_see_it_at_once(client, team, world):
    response = team.post(NEW, _form())
    assert response.status_code == 302
    assert response["Location"] == LIST
    made = Open311Service.objects.get(service_code="office-rude")
    assert (made.target, made.complaint_category, made.order, made.active) == (
        "complaint",
        "rudeness",
        3,
        True,
    )
    entry = AuditEntry.objects.get(action="open311.service_defined", object_id=str(made.pk))
    assert entry.actor_id is not None
    codes = [s["service_code"] for s in client.get(BASE + "services.json").json()]
    assert "office-rude" in codes


def test_the_team_maps_a_service_to_the_catalogue(team, world):
    response = team.post(
        NEW,
        _form(
            service_code="pavement-2",
            target="file",
            catalogue_service="ws-pavement",
            complaint_category="",
        ),
    )
    assert response.status_code == 302
    made = Open311Service.objects.get(service_code="pavement-2")
    assert (made.target, made.catalogue_service.code, made.complaint_category) == (
        "file",
        "ws-pavement",
        "",
    )


def test_changing_a_mapping_keeps_its_code_and_is_audited(team, world):
    url = reverse("open311_manage:edit", kwargs={"code": "office-bribe"})
    page = team.get(url)
    assert page.status_code == 200
    assert "درخواست رشوه در دفتر" in page.content.decode()  # the form is filled in
    response = team.post(
        url,
        _form(
            service_code="renamed",  # a disabled field: the posted value is ignored
            name_fa="رشوه",
            complaint_category="bribe",
        ),
    )
    assert response.status_code == 302
    service = Open311Service.objects.get(pk=world.complaint_service.pk)
    assert (service.service_code, service.name_fa) == ("office-bribe", "رشوه")
    assert not Open311Service.objects.filter(service_code="renamed").exists()
    assert AuditEntry.objects.filter(action="open311.service_changed").exists()


def test_a_catalogue_service_that_needs_a_document_is_explained_in_persian(team, world):
    before = _snapshot()
    response = team.post(
        NEW,
        _form(
            service_code="permit",
            target="file",
            catalogue_service="bp-file-open",
            complaint_category="",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "نمی‌تواند گزارش Open311 بپذیرد" in html
    assert "خدمت مدرک لازم دارد" in html
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"service_code": "کد-فارسی"}, "حروف، رقم و خط تیره"),
        ({"service_code": "pavement"}, "وجود دارد"),  # new, but the code is taken
        ({"name_fa": ""}, "این فیلد"),
        ({"target": "file", "complaint_category": ""}, "خدمت فهرست را انتخاب کنید"),
        ({"complaint_category": ""}, "نوع شکایت را انتخاب کنید"),
        ({"complaint_category": "nope"}, "معتبر"),
        ({"order": "-1"}, "۰"),
        ({"order": "یک"}, "عدد"),
    ],
)
def test_bad_input_gets_a_persian_error_and_changes_nothing(team, world, change, words):
    before = _snapshot()
    response = team.post(NEW, _form(**change))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="invalid-feedback' in html
    assert words in html, words
    assert _snapshot() == before


# --- listing -------------------------------------------------------------------------------------


def test_unlisting_hides_the_service_and_listing_again_brings_it_back(client, team, world):
    url = reverse("open311_manage:listing", kwargs={"code": "office-bribe"})
    response = team.post(url, {"listed": "0"}, follow=True)
    assert "دیگر آن را نمی‌بینند" in response.content.decode()
    assert not Open311Service.objects.get(service_code="office-bribe").active
    codes = [s["service_code"] for s in client.get(BASE + "services.json").json()]
    assert codes == ["pavement"]
    refused = client.post(BASE + "requests.json", complaint_report(world))
    assert refused.status_code == 400
    assert AuditEntry.objects.filter(action="open311.service_unlisted").count() == 1

    team.post(url, {"listed": "1"})
    assert Open311Service.objects.get(service_code="office-bribe").active
    assert AuditEntry.objects.filter(action="open311.service_listed").count() == 1


def test_a_file_mapping_whose_service_cannot_take_reports_is_not_listed_again(team, world):
    url = reverse("open311_manage:listing", kwargs={"code": "pavement"})
    team.post(url, {"listed": "0"})
    Service.objects.filter(code="ws-pavement").update(channel_partner=False)
    before = _snapshot()
    response = team.post(url, {"listed": "1"}, follow=True)
    assert "خدمت برای برنامه‌های همکار باز نیست" in response.content.decode()
    assert _snapshot() == before


def test_a_listing_value_other_than_yes_or_no_changes_nothing(team, world):
    before = _snapshot()
    url = reverse("open311_manage:listing", kwargs={"code": "pavement"})
    response = team.post(url, {"listed": "maybe"}, follow=True)
    assert "انتخاب کنید" in response.content.decode()
    assert _snapshot() == before


# --- who may ------------------------------------------------------------------------------------


def test_fava_may_map_too(personas, world):
    fava = _signed_in(personas.admin)
    assert fava.get(LIST).status_code == 200
    assert fava.post(NEW, _form()).status_code == 302


@pytest.mark.parametrize("persona", ["reviewer", "operator_a", "citizen", "committee", "auditor"])
def test_other_roles_get_404_and_change_nothing(personas, world, persona):
    other = _signed_in(getattr(personas, persona))
    before = _snapshot()
    edit = reverse("open311_manage:edit", kwargs={"code": "office-bribe"})
    listing = reverse("open311_manage:listing", kwargs={"code": "office-bribe"})
    assert other.get(LIST).status_code == 404
    assert other.get(edit).status_code == 404
    assert other.post(NEW, _form()).status_code == 404
    assert other.post(listing, {"listed": "0"}).status_code == 404
    assert _snapshot() == before


def test_a_post_without_the_csrf_token_is_refused(personas, world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.catalogue_admin)
    before = _snapshot()
    assert browser.post(NEW, _form()).status_code == 403
    listing = reverse("open311_manage:listing", kwargs={"code": "office-bribe"})
    assert browser.post(listing, {"listed": "0"}).status_code == 403
    assert _snapshot() == before


def test_an_unknown_service_is_404(team, world):
    assert team.get(reverse("open311_manage:edit", kwargs={"code": "nope"})).status_code == 404
    listing = reverse("open311_manage:listing", kwargs={"code": "nope"})
    assert team.post(listing, {"listed": "0"}).status_code == 404
