"""A citizen who rates a file below 4 gets a call-back: the office that took the file sees
the task on its own page (a part cases contributes, core/panels.py), records the call, and
the task is gone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daftar.cases import services
from daftar.cases.models import CallbackTask
from daftar.cases.tests.fixtures import pdf
from daftar.catalogue.choices import Channel
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db

FORM = {"area_m2": "۱۲۰٫۵", "zone": "1"}


def _closed_office_file(personas, catalogue, office):
    file = services.file_open(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.citizen,
        form_data=FORM,
        documents={"deed": pdf()},
        office=office,
        operator=personas.operator_a,
    )
    file = services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
    for action in ("approve", "deliver", "close"):
        actor = personas.operator_a if action == "deliver" else personas.reviewer
        file = services.file_apply_action(actor=Actor.for_user(actor), file=file, action=action)
    return file


def _callbacks(page: str) -> str:
    return page.split('data-testid="callbacks"', 1)[1].split("</ul>", 1)[0]


def test_a_low_rating_reaches_the_office_manager_who_records_the_call_and_it_is_gone(
    client, personas, catalogue, counter_ready
):
    file = _closed_office_file(personas, catalogue, counter_ready)
    client.force_login(personas.citizen)
    rated = client.post(reverse("cases:rate", args=[file.tracking_code]), {"score": "2"})
    assert rated.status_code == 302
    task = CallbackTask.objects.get(file=file)

    client.force_login(personas.manager_a)
    home = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("offices:my_office")}#callbacks"' in home
    page = client.get(reverse("offices:my_office")).content.decode()
    assert f'data-callback="{task.pk}"' in _callbacks(page)
    assert file.get_absolute_url() in _callbacks(page)
    assert "امتیاز ۲" in _callbacks(page)

    done = reverse("cases:callback_done", args=[task.pk])
    client.post(done, {"note": "  "})  # no note: refused, nothing changes
    task.refresh_from_db()
    assert task.status == "open"
    assert f'data-callback="{task.pk}"' in client.get(reverse("offices:my_office")).content.decode()

    answer = client.post(done, {"note": "مشکل صف توضیح داده شد"}, follow=True)
    task.refresh_from_db()
    assert task.status == "done"
    assert task.note == "مشکل صف توضیح داده شد"
    page = answer.content.decode()
    assert f'data-callback="{task.pk}"' not in page
    assert "تماس پیگیری ثبت شد." in page


def test_a_high_rating_asks_no_call_back_and_another_office_cannot_close_one(
    client, personas, catalogue, counter_ready
):
    happy = _closed_office_file(personas, catalogue, counter_ready)
    services.file_rate(actor=Actor.for_user(personas.citizen), file=happy, score=5)
    assert not CallbackTask.objects.filter(file=happy).exists()
    unhappy = _closed_office_file(personas, catalogue, counter_ready)
    services.file_rate(actor=Actor.for_user(personas.citizen), file=unhappy, score=3)
    task = CallbackTask.objects.get(file=unhappy)
    client.force_login(personas.operator_b)
    answer = client.post(reverse("cases:callback_done", args=[task.pk]), {"note": "تماس"})
    assert answer.status_code == 404
    task.refresh_from_db()
    assert task.status == "open"
