"""Withdrawing a service through a draft (issue 17): publishing a version that does not offer
the service stops new files everywhere (the citizen's catalogue and form, the counter, the
partner API, `file_create`), while files already opened keep their version and finish; offering
it again is a draft too. Every step is audited; bad input is refused in Persian with nothing
changed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from daftar.api.testing import SignedClient
from daftar.audit.models import AuditEntry
from daftar.cases import services as cases
from daftar.cases.error_codes import CasesErrorCode
from daftar.cases.models import File
from daftar.cases.tests.fixtures import FORM, pdf
from daftar.catalogue import services as svc
from daftar.catalogue.choices import Channel, DraftStatus
from daftar.catalogue.definition import ServiceDefinition
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.selectors import service_list
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError, Forbidden

pytestmark = pytest.mark.django_db

REASON = "ادغام با خدمت پروانهٔ ساختمانی جدید"


def _admin(personas) -> Actor:
    return Actor.for_user(personas.catalogue_admin)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _withdraw(personas, service, reason=REASON):
    draft = svc.service_draft_start(actor=_admin(personas), service=service)
    svc.service_draft_offer_set(actor=_admin(personas), draft=draft, offered=False, reason=reason)
    return svc.service_draft_publish(actor=_admin(personas), draft=draft)


def _in_review(personas, catalogue):
    citizen = Actor.for_user(personas.citizen)
    file = cases.file_create(
        actor=citizen,
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data=FORM,
    )
    cases.attachment_add(actor=citizen, file=file, document="deed", upload=pdf())
    file = cases.file_submit(actor=citizen, file=file)
    return cases.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")


def test_a_withdrawn_service_takes_no_new_file_and_the_file_in_progress_finishes(
    personas, catalogue
):
    file = _in_review(personas, catalogue)
    version_before = file.service_version

    version = _withdraw(personas, catalogue.service)

    catalogue.service.refresh_from_db()
    assert not catalogue.service.active
    assert version.number == version_before.number + 1
    assert version.definition["offered"] is False
    assert version.definition["withdrawal_reason"] == REASON
    with override("fa"), pytest.raises(DaftarError) as refused:
        cases.file_create(
            actor=Actor.for_user(personas.citizen),
            service=catalogue.service,
            channel=Channel.WEB,
            citizen=personas.citizen,
            form_data=FORM,
        )
    assert refused.value.code == CasesErrorCode.SERVICE_INACTIVE
    assert refused.value.render() == "این خدمت دیگر ارائه نمی‌شود."

    file.refresh_from_db()
    assert file.service_version == version_before  # keeps the version it started with
    file = cases.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    assert file.state.code == "approved"


def test_the_lists_no_longer_show_a_withdrawn_service(personas, catalogue, trusted_partner):
    code = catalogue.service.code
    _, key = trusted_partner()
    assert code in [s["code"] for s in SignedClient(key).get("/api/v1/services").json()]

    _withdraw(personas, catalogue.service)

    for channel in (None, Channel.WEB, Channel.OFFICE, Channel.PARTNER):  # the counter's list
        assert not service_list(channel=channel).filter(code=code).exists()
    assert code not in [s["code"] for s in SignedClient(key).get("/api/v1/services").json()]
    catalogue_page = Client().get(reverse("catalogue:services"), HTTP_ACCEPT_LANGUAGE="fa")
    assert catalogue.service.title_fa not in catalogue_page.content.decode()


def test_the_citizen_is_told_in_persian_that_the_service_is_not_offered(personas, catalogue):
    _withdraw(personas, catalogue.service)
    client = _client(personas.citizen)

    page = client.get(reverse("catalogue:service", args=[catalogue.service.code]))
    assert page.status_code == 410
    assert "این خدمت دیگر ارائه نمی‌شود" in page.content.decode()

    files_before = File.objects.count()
    response = client.post(
        reverse("cases:apply", args=[catalogue.service.code]), {**FORM}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("catalogue:services")
    assert "این خدمت دیگر ارائه نمی‌شود." in response.content.decode()
    assert File.objects.count() == files_before


def test_re_offering_is_a_draft_too(personas, catalogue):
    _withdraw(personas, catalogue.service)
    draft = svc.service_draft_start(actor=_admin(personas), service=catalogue.service)
    assert ServiceDefinition.from_json(draft.definition).offered is False  # copied as withdrawn

    svc.service_draft_offer_set(actor=_admin(personas), draft=draft, offered=True)
    version = svc.service_draft_publish(actor=_admin(personas), draft=draft)

    catalogue.service.refresh_from_db()
    assert catalogue.service.active
    assert version.definition["offered"] is True
    assert version.definition["withdrawal_reason"] == ""
    file = cases.file_create(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data=FORM,
    )
    assert file.service_version == version
    actions = list(
        AuditEntry.objects.filter(action__startswith="service.draft_offer_set").values_list(
            "action", flat=True
        )
    )
    assert len(actions) == 2


@pytest.mark.parametrize(
    ("reason", "field"),
    [("", "reason"), ("   ", "reason"), ("x" * 501, "reason")],
)
def test_a_withdrawal_without_a_fit_reason_is_refused_in_persian(
    personas, catalogue, reason, field
):
    draft = svc.service_draft_start(actor=_admin(personas), service=catalogue.service)
    with override("fa"), pytest.raises(DaftarError) as refused:
        svc.service_draft_offer_set(
            actor=_admin(personas), draft=draft, offered=False, reason=reason
        )
    assert refused.value.code == CatalogueErrorCode.DEFINITION_INVALID
    assert refused.value.field == field
    assert any("\u0600" <= ch <= "\u06ff" for ch in refused.value.render())
    draft.refresh_from_db()
    assert ServiceDefinition.from_json(draft.definition).offered is True


def test_a_never_published_service_cannot_be_withdrawn(personas):
    draft = svc.service_draft_start(actor=_admin(personas), code="facade-permit")
    with pytest.raises(DaftarError) as refused:
        svc.service_draft_offer_set(
            actor=_admin(personas), draft=draft, offered=False, reason=REASON
        )
    assert refused.value.field == "offered"


def test_only_the_catalogue_team_withdraws(personas, catalogue):
    draft = svc.service_draft_start(actor=_admin(personas), service=catalogue.service)
    with pytest.raises(Forbidden):
        svc.service_draft_offer_set(
            actor=Actor.for_user(personas.committee), draft=draft, offered=False, reason=REASON
        )
    response = _client(personas.reviewer).post(
        reverse("catalogue:draft_offer", args=[draft.pk]),
        {"offer-offered": "0", "offer-reason": REASON},
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert ServiceDefinition.from_json(draft.definition).offered is True


def test_the_catalogue_team_withdraws_through_the_pages(personas, catalogue):
    client = _client(personas.catalogue_admin)
    client.post(reverse("catalogue:draft_start"), {"service": catalogue.service.code})
    draft = catalogue.service.drafts.get(status=DraftStatus.OPEN)

    bad = client.post(
        reverse("catalogue:draft_offer", args=[draft.pk]),
        {"offer-offered": "0", "offer-reason": ""},
        HTTP_ACCEPT_LANGUAGE="fa",
    )
    assert bad.status_code == 400
    assert "دلیل" in bad.content.decode()

    ok = client.post(
        reverse("catalogue:draft_offer", args=[draft.pk]),
        {"offer-offered": "0", "offer-reason": REASON},
    )
    assert ok.status_code == 302
    preview = client.get(reverse("catalogue:draft_preview", args=[draft.pk]))
    assert 'data-testid="withdrawal-notice"' in preview.content.decode()
    published = client.post(reverse("catalogue:draft_publish", args=[draft.pk]))
    assert published.url == reverse("catalogue:manage")
    catalogue.service.refresh_from_db()
    assert not catalogue.service.active
    manage = client.get(reverse("catalogue:manage"), HTTP_ACCEPT_LANGUAGE="fa")
    assert "ارائه نمی‌شود" in manage.content.decode()
