"""Sub-districts (نواحی): numbered within their district, an office's lies in its district, the
finder and the API show and filter by them, coverage counts those without an office, and the
demo seeds them once."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput
from daftar.demo import seed
from daftar.governance.choices import DecisionKind
from daftar.offices import selectors, services
from daftar.offices.choices import OfficeStatus
from daftar.offices.demo_data import demo_city
from daftar.offices.models import Office, SubDistrict
from daftar.offices.tests.factories import DistrictFactory, OfficeFactory, SubDistrictFactory

pytestmark = pytest.mark.django_db


def sub(district: int, number: int) -> SubDistrict:
    return SubDistrictFactory(district=DistrictFactory(number=district), number=number)


def in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


# --- the model ----------------------------------------------------------------------------------


def test_a_sub_district_number_is_unique_within_its_district_only():
    sub(6, 3)
    sub(5, 3)  # the same number in another district is another sub-district
    with pytest.raises(IntegrityError), transaction.atomic():
        SubDistrict.objects.create(
            district=DistrictFactory(number=6), number=3, name_fa="ناحیه ۳", name_en="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SubDistrict.objects.create(
            district=DistrictFactory(number=6), number=0, name_fa="ناحیه ۰", name_en="x"
        )
    assert SubDistrict.objects.filter(number=3).count() == 2


def test_a_sub_district_reads_as_its_district_then_itself():
    with translation.override("en"):
        assert sub(6, 3).full_name == "District 6, Sub-district 3"
        assert str(sub(6, 3)) == "District 6, Sub-district 3"


# --- the office services ------------------------------------------------------------------------


def test_an_office_registers_in_a_sub_district_of_its_district():
    office = services.office_register(
        actor=Actor.system("x"),
        code="T0601",
        name="دفتر یوسف‌آباد",
        district=DistrictFactory(number=6),
        sub_district=sub(6, 3),
    )
    office.refresh_from_db()
    assert (office.district.number, office.sub_district.number) == (6, 3)
    entry = AuditEntry.objects.filter(action="office.registered").latest("pk")
    assert entry.after["sub_district"] == 3


def test_an_office_in_another_districts_sub_district_is_refused_and_nothing_is_recorded():
    elsewhere = sub(5, 2)
    offices, entries = Office.objects.count(), AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        services.office_register(
            actor=Actor.system("x"),
            code="T0601",
            name="دفتر",
            district=DistrictFactory(number=6),
            sub_district=elsewhere,
        )
    assert refused.value.code == "sub_district_not_in_district"
    assert refused.value.field == "sub_district"
    message = refused.value.render("en")
    assert message.startswith("Sub-district 2 of district 5 is not in district 6")
    assert (Office.objects.count(), AuditEntry.objects.count()) == (offices, entries)


def test_an_office_is_given_a_sub_district_of_its_own_district_only(licensed_office):
    services.office_set_sub_district(
        actor=Actor.system("x"), office=licensed_office, sub_district=sub(22, 2)
    )
    entries = AuditEntry.objects.count()
    with translation.override("en"), pytest.raises(InvalidInput, match="is not in district 22"):
        services.office_set_sub_district(
            actor=Actor.system("x"), office=licensed_office, sub_district=sub(21, 2)
        )
    licensed_office.refresh_from_db()
    assert licensed_office.sub_district == sub(22, 2)
    assert AuditEntry.objects.count() == entries
    # setting the same one again is an idempotent no-op; None clears it
    services.office_set_sub_district(
        actor=Actor.system("x"), office=licensed_office, sub_district=sub(22, 2)
    )
    assert AuditEntry.objects.count() == entries
    services.office_set_sub_district(
        actor=Actor.system("x"), office=licensed_office, sub_district=None
    )
    licensed_office.refresh_from_db()
    assert licensed_office.sub_district is None


def test_a_relocation_sets_the_sub_district_of_the_new_address(licensed_office, adopt_decision):
    decision = adopt_decision(DecisionKind.LICENCE)
    services.office_set_sub_district(
        actor=Actor.system("x"), office=licensed_office, sub_district=sub(22, 1)
    )
    with pytest.raises(InvalidInput):
        services.office_relocate(
            actor=Actor.system("x"),
            office=licensed_office,
            decision=decision,
            district=DistrictFactory(number=21),
            address="تهران، تهرانسر",
            sub_district=sub(22, 3),
        )
    licensed_office.refresh_from_db()
    assert (licensed_office.district.number, licensed_office.sub_district.number) == (22, 1)
    services.office_relocate(
        actor=Actor.system("x"),
        office=licensed_office,
        decision=decision,
        district=DistrictFactory(number=21),
        address="تهران، تهرانسر",
        sub_district=sub(21, 4),
    )
    licensed_office.refresh_from_db()
    assert (licensed_office.district.number, licensed_office.sub_district.number) == (21, 4)
    # left out, the sub-district is cleared rather than carried to the new address
    services.office_relocate(
        actor=Actor.system("x"),
        office=licensed_office,
        decision=decision,
        district=DistrictFactory(number=22),
        address="تهران، چیتگر",
    )
    licensed_office.refresh_from_db()
    assert licensed_office.sub_district is None


def test_the_database_refuses_a_mismatched_sub_district_whatever_the_path(licensed_office):
    services.office_set_sub_district(
        actor=Actor.system("x"), office=licensed_office, sub_district=sub(22, 1)
    )
    offices = Office.objects.filter(pk=licensed_office.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        offices.update(sub_district=sub(5, 1))
    with pytest.raises(DatabaseError), transaction.atomic():
        offices.update(district=DistrictFactory(number=21))  # leaving its sub-district behind
    with pytest.raises(DatabaseError), transaction.atomic():
        OfficeFactory(code="T0599", district=DistrictFactory(number=6), sub_district=sub(5, 1))
    with pytest.raises(DatabaseError), transaction.atomic():
        SubDistrict.objects.filter(pk=sub(22, 1).pk).update(district=DistrictFactory(number=21))
    # a sub-district no office lies in may still be corrected
    SubDistrict.objects.filter(pk=sub(22, 7).pk).update(district=DistrictFactory(number=21))
    assert offices.get().sub_district.district.number == 22


# --- the finder, the office page and the API ------------------------------------------------------


@pytest.fixture
def chitgar(licensed_office):
    """Active offices in district 22: T2201 in sub-district 2, T2202 in 1; 22 has 3."""
    for number in (1, 2, 3):
        sub(22, number)
    services.office_set_sub_district(
        actor=Actor.system("x"), office=licensed_office, sub_district=sub(22, 2)
    )
    OfficeFactory(code="T2202", district=DistrictFactory(number=22), sub_district=sub(22, 1))
    OfficeFactory(
        code="T2203",
        district=DistrictFactory(number=22),
        sub_district=sub(22, 3),
        status=OfficeStatus.SUSPENDED,
    )
    return licensed_office


def test_the_finder_filters_by_sub_district_within_the_chosen_district(client, chitgar):
    html = client.get("/offices/", {"district": 22, "sub_district": 2}).content.decode()
    assert 'data-office="T2201"' in html
    assert 'data-office="T2202"' not in html
    # the choices are the chosen district's sub-districts
    select = html[html.index('id="id_sub_district"') :]
    assert select[: select.index("</select>")].count("<option") == 1 + 3  # the blank, then 1–3
    html = client.get("/offices/", {"district": 22}).content.decode()
    assert 'data-office="T2201"' in html
    assert 'data-office="T2202"' in html


def test_the_finder_shows_nothing_for_a_sub_district_it_cannot_apply(client, chitgar):
    for params in ({"sub_district": 2}, {"district": 22, "sub_district": 9}):
        response = client.get("/offices/", params)
        html = response.content.decode()
        assert 'data-testid="form-errors"' in html, params
        assert "data-office=" not in html, params


def test_the_finder_by_sub_district_does_not_query_more_with_more_offices(
    client, chitgar, django_assert_max_num_queries
):
    params = {"district": 22, "sub_district": 2}
    with django_assert_max_num_queries(9) as few:
        client.get("/offices/", params)
    for n in range(5):
        OfficeFactory(code=f"T22{n + 10}", district=chitgar.district, sub_district=sub(22, 2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/offices/", params).content.decode()
    assert html.count("data-office=") == 1 + 5


def test_the_finder_and_the_office_page_show_the_sub_district(client, chitgar):
    finder = in_english(client).get("/offices/", {"district": 22}).content.decode()
    row = finder[finder.index('data-office="T2201"') :]
    assert "District 22, Sub-district 2" in row[: row.index("</a>")]
    page = client.get("/offices/T2201/").content.decode()
    shown = page[page.index('data-testid="sub-district"') :]
    assert shown[: shown.index("</dd>")].endswith("Sub-district 2")


def test_the_districts_api_lists_each_districts_sub_districts_and_those_without_an_office(
    client, chitgar
):
    districts = {d["number"]: d for d in client.get("/api/v1/districts").json()}
    chitgar_district = districts[22]
    assert [s["number"] for s in chitgar_district["sub_districts"]] == [1, 2, 3]
    assert [s["has_active_office"] for s in chitgar_district["sub_districts"]] == [
        True,
        True,
        False,  # its only office is suspended
    ]
    assert chitgar_district["sub_districts"][0]["name_en"] == "Sub-district 1"
    assert chitgar_district["sub_districts_without_office"] == 1


def test_the_offices_api_filters_by_sub_district_and_shows_it(client, chitgar):
    found = client.get("/api/v1/offices", {"district": 22, "sub_district": 2}).json()
    assert [o["code"] for o in found["items"]] == ["T2201"]
    assert found["items"][0]["sub_district"] == 2
    assert client.get("/api/v1/offices/T2202").json()["sub_district"] == 1
    refused = client.get("/api/v1/offices", {"sub_district": 2})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "district_required"


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_counts_sub_districts_without_an_active_office(chitgar):
    sub(21, 1)
    coverage = selectors.sub_district_coverage()
    assert (coverage[22].sub_districts, coverage[22].without_office) == (3, 1)
    assert (coverage[21].sub_districts, coverage[21].without_office) == (1, 1)
    assert 20 not in coverage  # no sub-districts on record: nothing to count


def test_the_quota_page_shows_sub_districts_without_an_office_beside_the_proposal(
    client, committee, chitgar
):
    from daftar.licensing.tests import factories

    factories.districts()
    call = factories.draft_call(committee.secretary)
    client.force_login(committee.planning)
    html = in_english(client).get(reverse("licensing:quotas", args=[call.code])).content.decode()
    row = html[html.index('<tr data-district="22">') :]
    cell = row[row.index('data-testid="uncovered-sub-districts">') :]
    assert cell[: cell.index("</td>")].endswith(">1 of 3")
    row = html[html.index('<tr data-district="4">') :]  # no sub-districts on record
    cell = row[row.index('data-testid="uncovered-sub-districts">') :]
    assert cell[: cell.index("</td>")].endswith(">—")


# --- demo ---------------------------------------------------------------------------------------


def test_seeding_districts_twice_adds_their_sub_districts_once():
    ctx = seed.SeedContext(seed=1, size=20, log=lambda _line: None)
    seed.seed_districts(ctx)
    assert (
        SubDistrict.objects.count()
        == sum(district.sub_districts for district in demo_city().districts)
        == 123
    )
    assert SubDistrict.objects.get(district__number=6, number=3).name_fa == "ناحیه ۳"
    seed.seed_districts(ctx)
    assert SubDistrict.objects.count() == 123


def test_demo_offices_lie_in_a_sub_district_of_their_district_and_a_rerun_changes_nothing():
    ctx = seed.SeedContext(seed=1, size=20, log=lambda _line: None)
    sections = (
        seed.seed_districts,
        seed.seed_staff,
        seed.seed_governance,
        seed.seed_catalogue,
        seed.seed_offices,
    )
    for section in sections:
        section(ctx)
    offices = list(Office.objects.select_related("sub_district").order_by("code"))
    assert len(offices) >= 22  # at least one per district
    assert all(o.sub_district and o.sub_district.district_id == o.district_id for o in offices)
    before = [(o.code, o.sub_district_id) for o in offices]
    assigned = AuditEntry.objects.filter(action="office.sub_district_set")
    for section in sections:
        section(ctx)
    assert list(Office.objects.order_by("code").values_list("code", "sub_district_id")) == before
    assert SubDistrict.objects.count() == 123
    assert not assigned.exists()
    # a demo seeded before sub-districts existed gets them on the next run, once
    Office.objects.update(sub_district=None)
    seed.seed_offices(ctx)
    assert list(Office.objects.order_by("code").values_list("code", "sub_district_id")) == before
    assert assigned.count() == len(before)
    seed.seed_offices(ctx)
    assert assigned.count() == len(before)


def test_demo_sub_districts_follow_the_offices_order_wrapping_round():
    from daftar.offices.demo import _demo_sub_district

    district = DistrictFactory(number=9)
    by_district = {9: [sub(9, 1), sub(9, 2)]}
    assert [_demo_sub_district(by_district, district, i).number for i in (1, 2, 3)] == [1, 2, 1]
    assert _demo_sub_district({}, district, 1) is None


def test_an_office_without_a_sub_district_reads_as_its_district():
    office = OfficeFactory(district=DistrictFactory(number=4))
    with translation.override("en"):
        assert office.area_name == "District 4"


# --- admin --------------------------------------------------------------------------------------


def test_the_admin_lists_sub_districts_and_shows_an_office_s_sub_district_read_only(
    client, personas
):
    # The admin writes nothing (daftar/core/admin.py): a sub-district is set through
    # `office_set_sub_district`, which refuses one of another district.
    sub(6, 1)
    client.force_login(personas.admin)
    assert client.get("/admin/offices/subdistrict/").status_code == 200
    office = OfficeFactory(code="T0650", district=DistrictFactory(number=6), sub_district=sub(6, 1))
    page = client.get(f"/admin/offices/office/{office.pk}/change/")
    assert page.status_code == 200
    assert 'name="sub_district"' not in page.content.decode()
    assert str(sub(6, 1)) in page.content.decode()
