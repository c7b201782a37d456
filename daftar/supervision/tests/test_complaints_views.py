"""Complaint pages: who reaches one complaint (others 404), filing on the portal and at the
counter (bad input: an error on the form and nothing saved), the supervisor's steps, the
committee's appeals, the manager's view without the complainant, and the lists' query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.supervision.choices import ComplaintCategory, ComplaintStatus
from daftar.supervision.models import Complaint
from daftar.supervision.services import complaints as services
from daftar.supervision.tests import complaints_fixtures as fx
from daftar.supervision.tests.complaints_fixtures import file_portal

complaint_rules, citizen_file = fx.complaint_rules, fx.citizen_file  # fixtures

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def complaint(personas, complaint_rules, citizen_file):
    return file_portal(
        personas.citizen,
        file=citizen_file,
        staff_member=personas.operator_a,
        description="کارمند برای کار من پول اضافه خواست.",
    )


WHO_SEES = {
    "citizen": True,
    "other_citizen": False,
    "operator_a": False,
    "operator_b": False,
    "manager_a": True,
    "reviewer": False,
    "treasury": False,
    "inspector": False,
    "supervisor": True,
    "committee": True,
    "council": True,
    "auditor": True,
    "catalogue_admin": False,
    "admin": False,
}


def test_each_persona_reaches_a_complaint_as_the_table_says(personas, complaint):
    url = reverse("supervision:complaint", args=[complaint.tracking_code])
    wrong = []
    for name, user in personas.all().items():
        status = client_for(user).get(url).status_code
        if status != (200 if WHO_SEES[name] else 404):
            wrong.append(f"{name}: {status}")
    assert not wrong


def test_the_manager_does_not_see_who_complained(personas, complaint):
    personas.citizen.first_name, personas.citizen.last_name = "زهره", "نیک‌پیام"
    personas.citizen.save()
    url = reverse("supervision:complaint", args=[complaint.tracking_code])
    page = client_for(personas.manager_a).get(url).content.decode()
    assert personas.citizen.get_full_name() not in page
    assert "کارمند برای کار من" in page
    page = client_for(personas.supervisor).get(url).content.decode()
    assert personas.citizen.get_full_name() in page


def test_a_citizen_files_a_complaint_and_sees_it(personas, complaint_rules, citizen_file):
    client = client_for(personas.citizen)
    response = client.post(
        reverse("supervision:complaint_new"),
        {
            "category": ComplaintCategory.DELAY,
            "tracking_code": citizen_file.tracking_code,
            "description": "پرونده من دو هفته معطل ماند.",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:complaint", args=[complaint.tracking_code])
    mine = client.get(reverse("supervision:my_complaints")).content.decode()
    assert complaint.tracking_code[:4] in mine.replace("-", "") or "data-complaint" in mine


def test_a_file_that_is_not_the_citizens_is_an_error_on_the_form(
    personas, complaint_rules, citizen_file
):
    response = client_for(personas.other_citizen).post(
        reverse("supervision:complaint_new"),
        {
            "category": ComplaintCategory.DELAY,
            "tracking_code": citizen_file.tracking_code,
            "description": "x",
        },
    )
    assert response.status_code == 200
    assert "خودتان" in response.content.decode() or response.context["form"].errors
    assert "tracking_code" in response.context["form"].errors
    assert not Complaint.objects.exists()


def test_an_empty_complaint_is_refused_on_the_form(personas, complaint_rules):
    response = client_for(personas.citizen).post(
        reverse("supervision:complaint_new"), {"category": ComplaintCategory.DELAY}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Complaint.objects.exists()


def _consent_code(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1]["body"]).group(0)


def _counter_start(client, capture, **changes):
    data = {
        "national_code": WALK_IN_CODE,
        "mobile": "09121234567",
        "identity_checked": "on",
        "category": ComplaintCategory.RUDENESS,
        "description": "با شهروند بدرفتاری شد.",
        **changes,
    }
    with capture(execute=True):
        return client.post(reverse("supervision:complaint_counter"), data)


WALK_IN_CODE = "0499370899"  # a valid national code nobody in the tests holds


def test_a_walk_in_citizen_with_no_account_complains_at_the_counter(
    personas, complaint_rules, counter_ready, sms_outbox, django_capture_on_commit_callbacks
):
    client = client_for(personas.operator_a)
    # Given the operator checked the card of a citizen Daftar has never seen
    response = _counter_start(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:complaint_counter_consent")
    consent = sms_outbox[-1]
    assert consent["to"] == "+989121234567"
    assert "T0101" in consent["body"]
    assert "شکایت" in consent["body"]  # the citizen consents to a complaint, nothing else
    assert not Complaint.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="consent-sent"' in page
    # When the citizen reads the code out and the operator confirms
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("supervision:complaint_counter_consent"), {"code": _consent_code(sms_outbox)}
        )
    # Then the complaint is filed in the citizen's name, about this office
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.complainant.national_code == WALK_IN_CODE
    assert complaint.complainant.mobile == "+989121234567"
    assert (complaint.office, complaint.channel) == (counter_ready, "counter")
    shown = re.search(r'data-testid="complaint-code">([^<]+)<', response.content.decode())
    digits = shown.group(1).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    assert re.sub(r"\D", "", digits) == complaint.tracking_code
    # and the step cannot be replayed
    assert client.get(reverse("supervision:complaint_counter_consent")).status_code == 302


def test_the_counter_refuses_an_unchecked_card_a_wrong_code_and_a_known_citizens_other_mobile(
    personas, complaint_rules, counter_ready, sms_outbox, django_capture_on_commit_callbacks
):
    client = client_for(personas.operator_a)
    response = _counter_start(client, django_capture_on_commit_callbacks, identity_checked="")
    assert response.status_code == 400
    assert "identity_checked" in response.context["form"].errors
    assert sms_outbox == []
    response = _counter_start(
        client,
        django_capture_on_commit_callbacks,
        national_code=personas.citizen.national_code,
        mobile="09120000000",
    )
    assert "mobile" in response.context["form"].errors
    assert sms_outbox == []
    _counter_start(client, django_capture_on_commit_callbacks)
    wrong = "000000" if _consent_code(sms_outbox) != "000000" else "111111"
    response = client.post(reverse("supervision:complaint_counter_consent"), {"code": wrong})
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert not Complaint.objects.exists()


def test_a_registered_citizen_complains_at_the_counter_with_their_own_mobile(
    personas, complaint_rules, counter_ready, sms_outbox, django_capture_on_commit_callbacks
):
    client = client_for(personas.operator_a)
    _counter_start(
        client,
        django_capture_on_commit_callbacks,
        national_code=personas.citizen.national_code,
        mobile="0" + personas.citizen.mobile[3:],
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("supervision:complaint_counter_consent"), {"code": _consent_code(sms_outbox)}
        )
    assert Complaint.objects.get().complainant == personas.citizen


def test_the_supervisor_takes_adds_a_note_and_rules(personas, complaint, in_force, sms_outbox):
    client = client_for(personas.supervisor)
    act = reverse("supervision:complaint_act", args=[complaint.tracking_code])
    assert client.post(act, {"step": "take"}).status_code == 302
    assert (
        client.post(act, {"step": "evidence", "source": "note", "note": "یادداشت"}).status_code
        == 302
    )
    response = client.post(act, {"step": "rule", "ruling": "upheld", "reasons": "x"})
    assert response.status_code == 400  # no article cited: an error on the form
    article = in_force.articles.order_by("number").first()
    response = client.post(
        act, {"step": "rule", "ruling": "upheld", "reasons": "ثابت شد.", "articles": [article.pk]}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RULED
    page = client_for(personas.citizen).get(response["Location"]).content.decode()
    assert 'data-testid="ruling"' in page
    assert 'data-testid="rate-form"' in page


def test_the_complainant_appeals_and_the_secretary_decides(
    personas, committee, complaint, in_force, adopt_decision
):
    services.complaint_take(actor=Actor.for_user(personas.supervisor), complaint=complaint)
    services.complaint_rule_on(
        actor=Actor.for_user(personas.supervisor),
        complaint=complaint,
        ruling="rejected",
        reasons="دلیلی یافت نشد.",
    )
    citizen = client_for(personas.citizen)
    citizen.post(
        reverse("supervision:complaint_appeal", args=[complaint.tracking_code]),
        {"reason": "قبول ندارم."},
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.APPEALED
    secretary = client_for(committee.secretary)
    page = secretary.get(reverse("supervision:complaint_appeals"))
    assert complaint.tracking_code in page.content.decode()
    decision = adopt_decision(DecisionKind.COMPLAINT_RULING, "رأی تجدیدنظر")
    response = secretary.post(
        reverse("supervision:complaint_appeals"),
        {"code": complaint.tracking_code, "decision": decision.pk, "outcome": "upheld"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED


def test_the_public_tracking_page_needs_the_code_and_the_mobile(personas, complaint):
    client = Client()
    url = reverse("supervision:complaint_track")
    ok = client.post(
        url, {"tracking_code": complaint.tracking_code, "mobile": personas.citizen.mobile}
    )
    assert ok.status_code == 200
    assert ok.context["found"] == complaint
    wrong = client.post(url, {"tracking_code": complaint.tracking_code, "mobile": "09120000000"})
    assert wrong.context["found"] is None


# --- query counts -----------------------------------------------------------------------------


def _constant(client, url, grow):
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    grow()
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert response.status_code == 200
    assert len(few) == len(more), (len(few), len(more))
    return response


def _more(personas, n, *, office=None, citizen=None):
    return [
        file_portal(citizen or personas.citizen, office=office or personas.office_a)
        for _ in range(n)
    ]


def test_the_complaint_lists_have_a_constant_query_count(
    personas, committee, complaint_rules, in_force
):
    _more(personas, 2)
    _constant(
        client_for(personas.citizen),
        reverse("supervision:my_complaints"),
        lambda: _more(personas, 3),
    )
    _constant(
        client_for(personas.supervisor),
        reverse("supervision:complaint_queue"),
        lambda: _more(personas, 3),
    )
    _constant(
        client_for(personas.manager_a),
        reverse("supervision:complaint_office"),
        lambda: _more(personas, 3),
    )

    def appeal_more():
        for complaint in _more(personas, 2):
            services.complaint_take(actor=Actor.for_user(personas.supervisor), complaint=complaint)
            services.complaint_rule_on(
                actor=Actor.for_user(personas.supervisor),
                complaint=complaint,
                ruling="rejected",
                reasons="x",
            )
            services.complaint_appeal(
                actor=Actor.for_user(personas.citizen), complaint=complaint, reason="y"
            )

    appeal_more()
    response = _constant(
        client_for(committee.secretary), reverse("supervision:complaint_appeals"), appeal_more
    )
    assert len(response.context["appeals"]) == 4


def test_the_supervisor_gives_a_complaint_to_another_officer(personas, complaint):
    from daftar.accounts.choices import Role
    from daftar.accounts.tests.factories import UserFactory

    colleague = UserFactory(username="supervisor2", roles=[Role.SUPERVISOR])
    client = client_for(personas.supervisor)
    act = reverse("supervision:complaint_act", args=[complaint.tracking_code])
    client.post(act, {"step": "take"})
    page = client.get(reverse("supervision:complaint", args=[complaint.tracking_code]))
    assert 'data-testid="assign"' in page.content.decode()
    assert client.post(act, {"step": "assign", "handler": personas.manager_a.pk}).status_code == 404
    assert client.post(act, {"step": "assign", "handler": colleague.pk}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.handler == colleague
