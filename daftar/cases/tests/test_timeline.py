"""Timelines read as sentences with people's and offices' names: on the file page of each
role and on the public tracking page, never an action or state code, a username or a
`system:<job>` label."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from daftar.cases import selectors, services
from daftar.cases.choices import EventKind
from daftar.cases.models import FileEvent
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r"create|draft|issue_bill|awaiting_payment|in_review|system:|→|\bapprove\b|\(reviewer\)"
)


@pytest.fixture
def paid(personas, catalogue):
    created = open_file(personas, catalogue)
    return services.file_apply_action(actor=Actor.system("treasury"), file=created, action="pay")


def _timeline_html(html: str) -> str:
    match = re.search(r'data-testid="timeline">(.*?)</ol>', html, re.S)
    assert match, "no timeline on the page"
    return match.group(1)


def _sentences(file, *, public_only=True, language="fa"):
    with translation.override(language):
        return [(e.sentence, e.who) for e in selectors.file_timeline(file, public_only=public_only)]


def test_a_paid_web_file_reads_as_sentences_with_who_did_each_step(personas, paid):
    citizen = personas.citizen.get_full_name()
    assert _sentences(paid) == [
        ("پرونده به صورت پیش‌نویس ایجاد شد", citizen),
        ("مدرک «سند مالکیت» افزوده شد", citizen),
        ("پرونده ثبت شد", citizen),
        ("صورتحساب صادر شد", "سامانه دفتر (خودکار)"),
        ("پرداخت شد؛ پرونده به معاونت شهرسازی رفت", "خزانه شهرداری"),
    ]
    assert _sentences(paid, language="en")[-1] == (
        "The fee was paid; the file went to Urban planning",
        "The municipal treasury",
    )


def test_a_counter_file_names_the_office_for_the_platform_s_own_steps(
    personas, catalogue, counter_ready
):
    file = open_file(personas, catalogue, office=personas.office_a)
    whos = dict(_sentences(file))
    assert whos["صورتحساب صادر شد"] == personas.office_a.name
    assert whos["پرونده ثبت شد"] == personas.operator_a.get_full_name()


def test_a_correction_reads_as_a_sentence_with_the_reason_beneath(personas, paid):
    services.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=paid,
        action="request_correction",
        reason="نقشه امضا ندارد",
    )
    last = selectors.file_timeline(paid, public_only=True)[-1]
    with translation.override("fa"):
        last = selectors.file_timeline(paid, public_only=True)[-1]
    assert last.sentence == "اصلاح پرونده خواسته شد"
    assert last.who == personas.reviewer.get_full_name()
    assert last.note == "نقشه امضا ندارد"


def test_a_person_without_a_full_name_is_named_by_role_never_by_username(personas, paid):
    reviewer = personas.reviewer
    reviewer.first_name = reviewer.last_name = ""
    reviewer.save()
    services.file_apply_action(actor=Actor.for_user(reviewer), file=paid, action="approve")
    with translation.override("fa"):
        last = selectors.file_timeline(paid, public_only=True)[-1]
    assert last.sentence == "پرونده تأیید شد"
    assert last.who == "کارشناس معاونت"


def test_sla_escalation_rating_and_refund_events_read_as_sentences(personas, catalogue, paid):
    now = timezone.now()
    for kind, action, reason, actor in [
        (EventKind.SLA_BREACH, "in_review", "", "system:sla"),
        (EventKind.ESCALATION, catalogue.head.username, "", "system:sla"),
        (EventKind.PAYMENT, "refund_requested", "1870000", "system:refunds"),
        (EventKind.RATING, "4", "", personas.citizen.get_full_name()),
    ]:
        FileEvent.objects.create(
            file=paid, at=now, kind=kind, action=action, reason=reason, actor_label=actor
        )
    with translation.override("fa"):
        entries = selectors.file_timeline(paid, public_only=False)[-4:]
    assert [e.sentence for e in entries] == [
        "مهلت مرحلهٔ «در حال بررسی در معاونت» گذشت",
        f"پرونده به {catalogue.head.get_full_name()}، رئیس معاونت، ارجاع شد",
        "بازپرداخت ۱٬۸۷۰٬۰۰۰ ریال درخواست شد",
        "به خدمت امتیاز ۴ از ۵ داده شد",
    ]
    assert entries[2].note == ""  # the amount is in the sentence, not shown as a raw number


def test_events_at_the_same_instant_keep_the_order_they_were_written_in(personas, paid):
    FileEvent.objects.filter(file=paid).update(at=timezone.now())
    with translation.override("en"):
        sentences = [e.sentence for e in selectors.file_timeline(paid, public_only=True)]
    assert sentences[-2:] == [
        "The bill was issued",
        "The fee was paid; the file went to Urban planning",
    ]


@pytest.mark.parametrize("persona", ["citizen", "reviewer", "auditor"])
def test_the_file_page_shows_the_sentences_and_no_codes(client, personas, paid, persona):
    client.force_login(getattr(personas, persona))
    html = client.get(paid.get_absolute_url()).content.decode()
    timeline = _timeline_html(html)
    assert "پرداخت شد؛ پرونده به معاونت شهرسازی رفت" in timeline
    assert "خزانه شهرداری" in timeline
    assert not CODES.search(timeline), CODES.search(timeline)


def test_the_counter_s_file_page_shows_the_sentences_and_no_codes(
    client, personas, catalogue, counter_ready
):
    file = open_file(personas, catalogue, office=personas.office_a)
    client.force_login(personas.operator_a)
    timeline = _timeline_html(client.get(file.get_absolute_url()).content.decode())
    assert "صورتحساب صادر شد" in timeline
    assert personas.office_a.name in timeline
    assert "operator_a" not in timeline
    assert not CODES.search(timeline), CODES.search(timeline)


def test_the_public_tracking_page_shows_the_sentences_and_no_codes(client, personas, paid):
    response = client.post(
        reverse("cases:track"),
        {"tracking_code": paid.tracking_code, "national_code": personas.citizen.national_code},
    )
    timeline = _timeline_html(response.content.decode())
    assert "پرونده ثبت شد" in timeline
    assert "پرداخت شد؛ پرونده به معاونت شهرسازی رفت" in timeline
    assert not CODES.search(timeline), CODES.search(timeline)


def test_a_missed_deadline_is_recorded_by_the_platform_not_the_office(
    personas, catalogue, counter_ready
):
    file = open_file(personas, catalogue, office=personas.office_a)
    FileEvent.objects.create(
        file=file, at=timezone.now(), kind=EventKind.OVERDUE, action="", actor_label="system:sla"
    )
    with translation.override("fa"):
        last = selectors.file_timeline(file, public_only=True)[-1]
    assert (last.sentence, last.who) == ("مهلت کلی رسیدگی به پرونده گذشت", "سامانه دفتر (خودکار)")
