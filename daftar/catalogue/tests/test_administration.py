"""The catalogue team's editor (issue 17, items 1 and 2; ADR 0024): drafts published as frozen
versions that files keep, a new service usable by a citizen the minute its tariff is in force,
tariff changes only through an adopted committee decision, and every refusal in Persian with
nothing changed."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from daftar.audit.models import AuditEntry
from daftar.cases import services as cases
from daftar.cases.selectors import file_definition, file_form_answers
from daftar.cases.tests.fixtures import FORM, pdf
from daftar.catalogue import services as svc
from daftar.catalogue.choices import Channel, DraftStatus, FieldType, TariffDraftStatus
from daftar.catalogue.definition import DocumentSpec, FieldSpec
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import Service, ServiceVersion, TariffDraft, TariffVersion
from daftar.catalogue.schema import FormInvalid
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError, Forbidden
from daftar.core.jalali import format_date
from daftar.governance import services as governance
from daftar.governance.choices import DecisionStatus, VoteChoice
from daftar.workflow.definitions import workflow_install

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _admin(personas) -> Actor:
    return Actor.for_user(personas.catalogue_admin)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _adopt(committee, decision):
    for user in (committee.secretary, committee.planning):
        governance.decision_cast_vote(
            actor=Actor.for_user(user), decision=decision, choice=VoteChoice.YES
        )
    return governance.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)


# --- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["citizen", "operator_a", "reviewer", "committee", "admin"])
def test_only_the_catalogue_team_reaches_the_editor(personas, persona):
    response = _client(getattr(personas, persona)).get(reverse("catalogue:manage"))
    assert response.status_code == 404


def test_the_catalogue_admin_sees_every_service_with_its_version(personas, catalogue):
    response = _client(personas.catalogue_admin).get(reverse("catalogue:manage"))
    assert response.status_code == 200
    assert catalogue.service.title_fa in response.content.decode()


def test_a_service_refuses_anyone_but_the_catalogue_team(personas, catalogue):
    with pytest.raises(Forbidden):
        svc.service_draft_start(actor=Actor.for_user(personas.committee), service=catalogue.service)


# --- drafts and versions ---------------------------------------------------------------------


def test_a_bad_field_is_refused_in_persian_and_the_draft_is_unchanged(personas, catalogue):
    draft = _start(personas, catalogue.service)
    before = dict(draft.definition)
    with override("fa"), pytest.raises(DaftarError) as refused:
        svc.service_draft_field_save(
            actor=_admin(personas),
            draft=draft,
            spec=FieldSpec(name="zone", label_fa="پهنه", label_en="Zone", type=FieldType.TEXT),
        )
    assert refused.value.code == CatalogueErrorCode.DEFINITION_INVALID
    with override("fa"):
        assert "zone" in refused.value.render()
    draft.refresh_from_db()
    assert draft.definition == before


def _start(personas, service):
    return svc.service_draft_start(actor=_admin(personas), service=service)


def test_a_choice_field_needs_two_choices_with_both_labels(personas, catalogue):
    draft = _start(personas, catalogue.service)
    with override("fa"), pytest.raises(DaftarError) as refused:
        svc.service_draft_field_save(
            actor=_admin(personas),
            draft=draft,
            spec=FieldSpec(
                name="use",
                label_fa="کاربری",
                label_en="Use",
                type=FieldType.CHOICE,
                choices=[{"value": 1, "label_fa": "مسکونی", "label_en": "Residential"}],
            ),
        )
    assert refused.value.field == "choices"


def test_publishing_v2_without_a_field_leaves_old_files_on_v1(personas, catalogue):
    """An old file still shows and validates v1's field; a new file uses v2."""
    old = cases.file_create(  # a draft file: the citizen may still change its answers
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data={**FORM, "owner": "0499370899"},
    )
    assert old.service_version.number == 1
    draft = _start(personas, catalogue.service)
    svc.service_draft_field_remove(actor=_admin(personas), draft=draft, name="owner")
    svc.service_draft_document_save(
        actor=_admin(personas),
        draft=draft,
        spec=DocumentSpec(code="id-card", title_fa="کارت ملی", title_en="ID card"),
    )
    version = svc.service_draft_publish(actor=_admin(personas), draft=draft)
    assert version.number == 2
    catalogue.service.refresh_from_db()
    assert not catalogue.service.fields.filter(name="owner").exists()

    old.refresh_from_db()
    assert [f.name for f in file_definition(old).fields] == ["area_m2", "zone", "owner"]
    with override("fa"):
        assert "کد ملی مالک" in dict(file_form_answers(old))
    with pytest.raises(FormInvalid) as invalid:  # v1 still validates the owner's code
        cases.file_update_form(
            actor=Actor.for_user(personas.citizen),
            file=old,
            form_data={**FORM, "owner": "123"},
        )
    assert "owner" in invalid.value.errors
    cases.file_update_form(  # and keeps accepting it
        actor=Actor.for_user(personas.citizen), file=old, form_data={**FORM, "owner": "0499370899"}
    )

    new = cases.file_create(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data=FORM,
    )
    assert new.service_version == version
    assert [d.code for d in file_definition(new).documents] == ["deed", "map", "id-card"]
    with pytest.raises(FormInvalid):  # v2 has no owner field
        cases.file_create(
            actor=Actor.for_user(personas.citizen),
            service=catalogue.service,
            channel=Channel.WEB,
            citizen=personas.citizen,
            form_data={**FORM, "owner": "0499370899"},
        )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "service.draft_started",
        "service.draft_field_removed",
        "service.draft_document_saved",
        "service.published",
    } <= actions


def test_a_draft_may_not_drop_a_field_the_tariff_reads(personas, catalogue):
    draft = _start(personas, catalogue.service)
    svc.service_draft_field_remove(actor=_admin(personas), draft=draft, name="area_m2")
    with override("fa"), pytest.raises(DaftarError) as refused:
        svc.service_draft_publish(actor=_admin(personas), draft=draft)
    assert refused.value.code == CatalogueErrorCode.FIELD_READ_BY_TARIFF
    assert "area_m2" in refused.value.render()
    assert ServiceVersion.objects.filter(service=catalogue.service).count() == 1  # v1 only
    assert catalogue.service.fields.filter(name="area_m2").exists()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN


# --- a new service, end to end -----------------------------------------------------------------


def test_a_new_service_published_and_priced_is_requested_by_a_citizen_at_once(
    personas, catalogue, committee
):
    """Through the pages: draft, details, a field, a document, preview, publish; a tariff
    drafted, sent, adopted by the committee and applied; the citizen applies."""
    admin = _client(personas.catalogue_admin)
    response = admin.post(reverse("catalogue:draft_start"), {"code": "facade-permit"})
    draft_url = response["Location"]
    pk = int(draft_url.rstrip("/").split("/")[-1])
    response = admin.post(
        draft_url,
        {
            "code": "facade-permit",
            "title_fa": "مجوز نما",
            "title_en": "Facade permit",
            "description_fa": "مجوز تغییر نمای ساختمان",
            "description_en": "",
            "domain": catalogue.domain.pk,
            "department": catalogue.department.pk,
            "channels": ["office", "web"],
            "sla_days": "۵",
            "refundable_percent": "۸۰",
            "workflow": catalogue.service.workflow_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = admin.post(
        reverse("catalogue:draft_field", args=[pk]),
        {
            "prefix": "new",
            "new-name": "facade_m2",
            "new-label_fa": "مساحت نما",
            "new-label_en": "Facade area",
            "new-type": "area",
            "new-required": "on",
            "new-min_value": "۱",
            "new-max_value": "",
            "new-max_length": "",
            "new-choices": "",
            "new-position": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = admin.post(
        reverse("catalogue:draft_document", args=[pk]),
        {
            "doc-code": "photo",
            "doc-title_fa": "عکس نما",
            "doc-title_en": "Facade photo",
            "doc-mandatory": "on",
        },
    )
    assert response.status_code == 302
    # The draft names each field and document by its label; the name the tariff formula uses
    # is shown as such, never alone as the field's title.
    draft_page = admin.get(response["Location"]).content.decode()
    assert "<strong>مساحت نما</strong>" in draft_page
    assert (
        'نام (که فرمول تعرفه به کار می‌برد): <span class="ltr-value">facade_m2</span>' in draft_page
    )
    assert '<strong>عکس نما</strong> — الزامی<br><span class="small text-body-secondary">کد:' in (
        draft_page
    )
    preview = admin.get(reverse("catalogue:draft_preview", args=[pk]))
    assert "مساحت نما" in preview.content.decode()
    assert 'name="doc_photo"' in preview.content.decode()
    response = admin.post(reverse("catalogue:draft_publish", args=[pk]))
    assert response["Location"] == reverse("catalogue:tariff_new", args=["facade-permit"])
    service = Service.objects.get(code="facade-permit")
    assert (service.refundable_basis_points, service.sla_days) == (8000, 5)
    assert Client().get(reverse("catalogue:services")).content.decode().count("مجوز نما") == 1

    response = admin.post(
        reverse("catalogue:tariff_new", args=["facade-permit"]),
        {
            "formula": "500_000 + 20_000 * facade_m2",
            "description_fa": "۵۰۰ هزار ریال و برای هر متر مربع نما ۲۰ هزار ریال",
            "description_en": "",
            "splits": "revenue:building-permit-duty | 9000\noffice_fee | 1000",
            "samples": "facade_m2=۱۰",
            "effective_from": format_date(timezone.localdate(), language="fa"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    tariff_draft = TariffDraft.objects.get(service=service)
    page = admin.get(response["Location"]).content.decode()
    assert "۷۰۰٬۰۰۰" in page  # the worked example: 500,000 + 20,000 × 10
    admin.post(reverse("catalogue:tariff_send", args=[tariff_draft.pk]))
    tariff_draft.refresh_from_db()
    assert tariff_draft.status == TariffDraftStatus.SENT
    assert tariff_draft.decision.status == DecisionStatus.DRAFT
    assert "facade_m2" in tariff_draft.decision.body

    admin.post(reverse("catalogue:tariff_apply", args=[tariff_draft.pk]))  # not adopted yet
    assert not service.tariffs.exists()
    _adopt(committee, tariff_draft.decision)
    admin.post(reverse("catalogue:tariff_apply", args=[tariff_draft.pk]))
    tariff_draft.refresh_from_db()
    assert tariff_draft.status == TariffDraftStatus.APPLIED
    assert tariff_draft.tariff.effective_from == timezone.localdate()  # a first tariff: today
    assert tariff_draft.tariff.decision == tariff_draft.decision

    # The citizen applies the same minute, and the file is priced by the new tariff.
    citizen = _client(personas.citizen)
    page = citizen.get(reverse("cases:apply", args=["facade-permit"]))
    assert page.status_code == 200
    assert "مساحت نما" in page.content.decode()
    response = citizen.post(
        reverse("cases:apply", args=["facade-permit"]),
        {"facade_m2": "۱۰", "doc_photo": pdf("photo.pdf")},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    file = service.files.get()
    assert file.service_version.number == 1
    assert file.amount == 700_000
    assert file.tariff == tariff_draft.tariff


# --- tariffs through decisions ---------------------------------------------------------------


def _tariff_draft(personas, service, **overrides):
    values = {
        "formula": "2_000_000 + {1: 10_000, 2: 5_000}[zone] * area_m2",
        "description_fa": "دو میلیون ریال به‌اضافه نرخ پهنه برای هر متر",
        "description_en": "",
        "splits": [
            {"beneficiary": "revenue:building-permit-duty", "basis_points": 8500},
            {"beneficiary": "office_fee", "basis_points": 1500},
        ],
        "samples": [{"area_m2": "100", "zone": "1"}],
        "effective_from": TOMORROW,
    }
    values.update(overrides)
    return svc.tariff_draft_save(actor=_admin(personas), service=service, **values)


def test_a_bad_formula_is_refused_naming_the_problem(personas, catalogue):
    with override("fa"), pytest.raises(DaftarError) as refused:
        _tariff_draft(personas, catalogue.service, formula="2_000_000 + __import__('os')")
    assert refused.value.code == CatalogueErrorCode.FORMULA_INVALID
    with override("fa"), pytest.raises(DaftarError) as unknown:
        _tariff_draft(personas, catalogue.service, formula="1000 * floors")
    with override("fa"):
        assert "floors" in unknown.value.render()
    assert not TariffDraft.objects.exists()


def test_a_retroactive_tariff_is_refused(personas, catalogue):
    """Not in the past; not today either while a tariff is in force (it priced today's files)."""
    for day in (timezone.localdate() - datetime.timedelta(days=1), timezone.localdate()):
        with override("fa"), pytest.raises(DaftarError) as refused:
            _tariff_draft(personas, catalogue.service, effective_from=day)
        assert refused.value.code == CatalogueErrorCode.TARIFF_RETROACTIVE
    assert not TariffDraft.objects.exists()


def test_the_form_shows_the_evaluator_error_in_persian(personas, catalogue):
    response = _client(personas.catalogue_admin).post(
        reverse("catalogue:tariff_new", args=[catalogue.service.code]),
        {
            "formula": "1000 / 0 * area_m2",
            "description_fa": "آزمایش",
            "splits": "revenue:building-permit-duty | 10000",
            "samples": "area_m2=10, zone=1",
            "effective_from": format_date(TOMORROW, language="fa"),
        },
    )
    assert response.status_code == 400
    assert "تقسیم بر صفر" in response.content.decode() or "صفر" in response.content.decode()
    assert not TariffDraft.objects.exists()


def test_an_overlapping_tariff_is_refused_at_apply(personas, catalogue, committee):
    first = svc.tariff_draft_send(
        actor=_admin(personas), draft=_tariff_draft(personas, catalogue.service)
    )
    second = svc.tariff_draft_send(
        actor=_admin(personas), draft=_tariff_draft(personas, catalogue.service)
    )
    _adopt(committee, first.decision)
    _adopt(committee, second.decision)
    svc.tariff_draft_apply(actor=_admin(personas), draft=first)
    with pytest.raises(DaftarError) as refused:
        svc.tariff_draft_apply(actor=_admin(personas), draft=second)
    assert refused.value.code == CatalogueErrorCode.TARIFF_OVERLAP
    second.refresh_from_db()
    assert second.status == TariffDraftStatus.SENT
    assert catalogue.service.tariffs.count() == 2  # the fixture's and the first change


def test_an_unadopted_decision_sets_no_tariff(personas, catalogue):
    sent = svc.tariff_draft_send(
        actor=_admin(personas), draft=_tariff_draft(personas, catalogue.service)
    )
    with pytest.raises(DaftarError):
        svc.tariff_draft_apply(actor=_admin(personas), draft=sent)
    assert catalogue.service.tariffs.count() == 1


def test_the_tariff_that_priced_a_paid_file_never_changes(personas, catalogue, committee):
    """The freeze guard: a new tariff ends the old one from tomorrow, and nothing — the service
    or the database — changes the version that priced a file."""
    file = cases.file_open(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data=FORM,
        documents={"deed": pdf()},
    )
    priced_by, amount = file.tariff, file.amount
    sent = svc.tariff_draft_send(
        actor=_admin(personas), draft=_tariff_draft(personas, catalogue.service)
    )
    _adopt(committee, sent.decision)
    svc.tariff_draft_apply(actor=_admin(personas), draft=sent)
    priced_by.refresh_from_db()
    file.refresh_from_db()
    assert (priced_by.effective_to, file.amount, file.tariff) == (TOMORROW, amount, priced_by)
    assert priced_by.formula != sent.formula
    with pytest.raises(DatabaseError), transaction.atomic():
        TariffVersion.objects.filter(pk=priced_by.pk).update(formula="1")
    with pytest.raises(DatabaseError), transaction.atomic():
        TariffVersion.objects.filter(pk=priced_by.pk).update(
            effective_to=TOMORROW + datetime.timedelta(days=9)
        )


def test_a_tariff_draft_is_audited_at_every_step(personas, catalogue, committee):
    sent = svc.tariff_draft_send(
        actor=_admin(personas), draft=_tariff_draft(personas, catalogue.service)
    )
    _adopt(committee, sent.decision)
    svc.tariff_draft_apply(actor=_admin(personas), draft=sent)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"tariff.draft_saved", "tariff.draft_sent", "tariff.draft_applied", "tariff.set"} <= (
        actions
    )


def test_workflow_choice_lists_installed_versions(personas, catalogue):
    other = workflow_install("permit")
    draft = _start(personas, catalogue.service)
    page = _client(personas.catalogue_admin).get(reverse("catalogue:draft_edit", args=[draft.pk]))
    assert f'value="{other.pk}"' in page.content.decode()


def test_a_published_version_never_changes(personas, catalogue):
    version = svc.service_version_snapshot(actor=_admin(personas), service=catalogue.service)
    with pytest.raises(DatabaseError), transaction.atomic():
        ServiceVersion.objects.filter(pk=version.pk).update(definition={})
    with pytest.raises(DatabaseError), transaction.atomic():
        ServiceVersion.objects.filter(pk=version.pk).delete()


def test_the_catalogue_team_list_reads_a_constant_number_of_queries(personas, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(personas.catalogue_admin)
    client.get(reverse("catalogue:manage"))  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalogue:manage"))
    for n in range(3):
        svc.service_draft_start(actor=_admin(personas), code=f"extra-{n}")
        Service.objects.create(
            code=f"more-{n}",
            title_fa=f"خدمت {n}",
            title_en=f"Service {n}",
            domain=catalogue.domain,
            department=catalogue.department,
            sla_days=3,
            workflow=catalogue.service.workflow,
        )
    _tariff_draft(personas, catalogue.service)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("catalogue:manage")).content.decode()
    assert len(many) == len(few)
    assert "more-2" in page
    assert "extra-2" in page


def test_the_preview_prices_sample_answers_by_the_tariff_in_force_and_the_drafted_one(
    personas, catalogue
):
    draft = _start(personas, catalogue.service)
    _tariff_draft(personas, catalogue.service)
    response = _client(personas.catalogue_admin).post(
        reverse("catalogue:draft_preview", args=[draft.pk]), {"area_m2": "۱۰۰", "zone": "1"}
    )
    page = response.content.decode()
    assert "۲٬۰۰۰٬۰۰۰" in page  # in force: 1,000,000 + 10,000 × 100
    assert "۳٬۰۰۰٬۰۰۰" in page  # drafted: 2,000,000 + 10,000 × 100


def test_bad_details_are_refused_in_persian_and_the_draft_is_unchanged(personas, catalogue):
    draft = _start(personas, catalogue.service)
    before = dict(draft.definition)
    response = _client(personas.catalogue_admin).post(
        reverse("catalogue:draft_edit", args=[draft.pk]),
        {
            "title_fa": "عنوان",
            "title_en": "Title",
            "channels": [],
            "sla_days": "۰",
            "refundable_percent": "۱۰۰",
        },
    )
    assert response.status_code == 400
    assert "دست‌کم یک مجرای درخواست" in response.content.decode()
    draft.refresh_from_db()
    assert draft.definition == before


def test_a_file_imported_without_a_version_reads_version_one(personas, catalogue):
    """The demo generator imports files in bulk with no version: they were opened before any
    version existed, so they read version 1 after a later version drops a field."""
    from daftar.cases.models import File

    old = cases.file_create(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data={**FORM, "owner": "0499370899"},
    )
    File.objects.filter(pk=old.pk).update(service_version=None)
    draft = _start(personas, catalogue.service)
    svc.service_draft_field_remove(actor=_admin(personas), draft=draft, name="owner")
    svc.service_draft_publish(actor=_admin(personas), draft=draft)
    old.refresh_from_db()
    assert "owner" in [f.name for f in file_definition(old).fields]


def test_the_catalogue_team_proposes_tariff_decisions_only_and_never_votes(personas, committee):
    from daftar.governance.choices import DecisionKind

    admin = _admin(personas)
    with pytest.raises(Forbidden):
        governance.decision_draft(
            actor=admin,
            kind=DecisionKind.POLICY,
            subject="سیاست",
            body="متن",
            decided_on=timezone.localdate(),
        )
    proposed = governance.decision_draft(
        actor=admin,
        kind=DecisionKind.TARIFF,
        subject="تعرفه",
        body="متن",
        decided_on=timezone.localdate(),
    )
    with pytest.raises(DaftarError):
        governance.decision_cast_vote(actor=admin, decision=proposed, choice=VoteChoice.YES)


def test_the_job_puts_adopted_changes_in_force_and_leaves_the_rest(personas, catalogue, committee):
    """The quarter-hourly job applies a change once its decision is adopted; one still before
    the committee stays sent; one the committee adopted too late for its first day is left
    for the catalogue team, with the reason in the job's answer."""
    from daftar.catalogue.tasks import apply_adopted_tariffs

    adopted = svc.tariff_draft_send(
        actor=_admin(personas), draft=_tariff_draft(personas, catalogue.service)
    )
    pending = svc.tariff_draft_send(
        actor=_admin(personas), draft=_tariff_draft(personas, catalogue.service)
    )
    _adopt(committee, adopted.decision)
    assert apply_adopted_tariffs.call_local() == 1
    adopted.refresh_from_db()
    pending.refresh_from_db()
    assert adopted.status == TariffDraftStatus.APPLIED
    assert adopted.tariff.effective_from == adopted.effective_from
    assert pending.status == TariffDraftStatus.SENT
    assert AuditEntry.objects.filter(
        action="tariff.draft_applied", actor_label__startswith="system"
    ).exists()
    assert apply_adopted_tariffs.call_local() == 0  # nothing twice

    _adopt(committee, pending.decision)
    TariffDraft.objects.filter(pk=pending.pk).update(
        effective_from=timezone.localdate() - datetime.timedelta(days=1)
    )
    applied, refused = svc.tariff_drafts_apply_adopted(actor=Actor.system("tariffs"))
    assert applied == 0
    assert len(refused) == 1
    pending.refresh_from_db()
    assert pending.status == TariffDraftStatus.SENT


def test_no_other_system_job_writes_the_catalogue(personas, catalogue):
    with pytest.raises(Forbidden):
        svc.tariff_draft_save(
            actor=Actor.system("x"),
            service=catalogue.service,
            formula="1000",
            description_fa="هزار ریال",
            description_en="",
            splits=[{"beneficiary": "revenue:building-permit-duty", "basis_points": 10_000}],
            samples=[],
            effective_from=timezone.localdate() + datetime.timedelta(days=30),
        )
