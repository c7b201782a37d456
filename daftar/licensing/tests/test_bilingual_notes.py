"""What a service writes about a decision's effect or a republication is stored in Persian and
English and shown in the page's language (never an English sentence on a Persian page)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daftar.core.actors import Actor
from daftar.governance.models import DecisionEffect
from daftar.licensing import services
from daftar.licensing.tests import factories
from daftar.licensing.tests.test_results import PEOPLE

pytestmark = pytest.mark.django_db

FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _page(client, settings, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


def test_the_call_opening_effect_reads_in_persian_on_persian_pages_and_english_on_english(
    client, settings, open_call, licence_decision, committee
):
    effect = DecisionEffect.objects.get(decision=licence_decision)
    places = sum(open_call.quotas.values_list("quota", flat=True))
    code_fa = open_call.code.translate(FA_DIGITS)
    assert effect.summary_fa == (
        f"فراخوان صدور مجوز {code_fa} با {str(places).translate(FA_DIGITS)} ظرفیت "
        "در سهمیه‌های مناطق گشوده شد"
    )
    assert effect.summary == (
        f"licensing call {open_call.code} opened with {places} places in its district quotas"
    )
    client.force_login(committee.finance)
    url = licence_decision.get_absolute_url()
    persian = _page(client, settings, url, "fa")
    assert effect.summary_fa in persian
    assert "licensing call" not in persian
    assert 'lang="en"' not in persian.split('data-testid="effect"', 1)[1].split("</li>", 1)[0]
    assert effect.summary in _page(client, settings, url, "en")


def test_a_republication_gives_its_reason_in_the_pages_language(
    client, settings, open_call, committee, reviewer
):
    call, apps, _first = factories.published_call(open_call, committee, reviewer, PEOPLE)
    objection = services.objection_file(
        actor=Actor.for_user(apps[3].applicant), application=apps[3], text="بازبینی شود."
    )
    services.objection_rule(
        actor=Actor.for_user(committee.secretary),
        objection=objection,
        upheld=True,
        reason="دو پاسخ درست شمرده نشده بود.",
        corrected_score="۹۹",
    )
    second = call.publications.get(number=2)
    assert second.reason_fa == (
        f"اعتراض {apps[3].code} پذیرفته شد: نمره آزمون از ۸۰ به ۹۹ اصلاح شد"
    )
    assert (
        second.reason == f"objection of {apps[3].code} upheld: exam score corrected from 80 to 99"
    )
    client.force_login(committee.secretary)
    url = reverse("licensing:call", args=[call.code])
    persian = _page(client, settings, url, "fa")
    assert second.reason_fa in persian
    assert "نخستین انتشار نتایج" in persian
    assert "first publication of the results" not in persian
    english = _page(client, settings, url, "en")
    assert second.reason in english
    assert "first publication of the results" in english
