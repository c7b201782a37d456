"""Who may do and see what in the treasury: the services refuse the wrong actor themselves and
change nothing; the `*_visible_to` selectors give each persona exactly their own rows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.api.models import PartnerApp
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden
from daftar.offices.selectors import offices_visible_to
from daftar.offices.tests.factories import OfficeFactory
from daftar.treasury import selectors, services
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import (
    Payment,
    ReconciliationDay,
    Refund,
    Settlement,
    StatementImport,
    StatementLine,
)
from daftar.treasury.tests.conftest import TREASURY_SHEBA, statement_csv

pytestmark = pytest.mark.django_db
YESTERDAY = datetime.timedelta(days=1)


def _refused(call, code: TreasuryErrorCode) -> None:
    with pytest.raises(Forbidden) as refused:
        call()
    assert refused.value.code == code


@pytest.fixture
def partner(db):
    return PartnerApp.objects.create(
        name="Tehran-e Man", key_prefix="tm1", key_hash="0" * 64, scopes=["files", "payments"]
    )


def test_only_a_treasury_officer_or_a_job_runs_a_settlement(personas, paid_office_files):
    yesterday = timezone.localdate() - YESTERDAY
    for user in (personas.reviewer, personas.council, personas.auditor, personas.manager_a):
        _refused(
            lambda user=user: services.settlement_run(
                actor=Actor.for_user(user), period_start=yesterday, period_end=yesterday
            ),
            TreasuryErrorCode.NOT_TREASURY,
        )
    assert not Settlement.objects.exists()
    officer = services.settlement_run(
        actor=Actor.for_user(personas.treasury), period_start=yesterday, period_end=yesterday
    )
    assert officer.created_by == "treasury"
    job = services.settlement_run(
        actor=Actor.system("settlement"),
        period_start=yesterday - YESTERDAY,
        period_end=yesterday - YESTERDAY,
    )
    assert job.created_by == "system:settlement"


def test_a_partner_app_cannot_preview_or_run_a_settlement(partner):
    yesterday = timezone.localdate() - YESTERDAY
    for call in (services.settlement_preview, services.settlement_run):
        _refused(
            lambda call=call: call(
                actor=Actor.partner(partner), period_start=yesterday, period_end=yesterday
            ),
            TreasuryErrorCode.ACTOR_NOT_ALLOWED,
        )
    assert not Settlement.objects.exists()


def test_an_operator_cannot_import_a_statement_and_nothing_is_imported(personas, paid_office_files):
    a = paid_office_files[0]
    data = statement_csv([(a.amount, a.reference)])
    _refused(
        lambda: services.statement_import(
            actor=Actor.for_user(personas.operator_a), data=data, format="csv"
        ),
        TreasuryErrorCode.NOT_TREASURY,
    )
    assert not StatementImport.objects.exists()
    assert not StatementLine.objects.exists()
    a.refresh_from_db()
    assert a.status == "confirmed"


def test_the_council_cannot_close_a_day_or_explain_its_lines(personas, paid_office_files):
    a = paid_office_files[0]
    services.statement_import(
        actor=Actor.for_user(personas.treasury),
        data=statement_csv([(a.amount, a.reference), (5_000, "UNKNOWN")]),
        format="csv",
    )
    line = StatementLine.objects.get(reference="UNKNOWN")
    council = Actor.for_user(personas.council)
    _refused(
        lambda: services.statement_line_resolve(actor=council, line=line, resolution="x"),
        TreasuryErrorCode.NOT_TREASURY,
    )
    _refused(
        lambda: services.reconciliation_close(actor=council, day=timezone.localdate()),
        TreasuryErrorCode.NOT_TREASURY,
    )
    line.refresh_from_db()
    assert line.resolution == ""
    assert not ReconciliationDay.objects.get(day=timezone.localdate()).closed


def test_a_slip_is_recorded_by_a_person_never_by_a_job(personas, catalogue):
    file = open_file(personas, catalogue)
    for actor, code in (
        (Actor.system("bank-feed"), TreasuryErrorCode.ACTOR_NOT_ALLOWED),
        (Actor.for_user(personas.operator_a), TreasuryErrorCode.NOT_TREASURY),
    ):
        _refused(
            lambda actor=actor: services.payment_record_slip(
                actor=actor, file=file, bank_reference="S-9", amount=file.amount
            ),
            code,
        )
    assert not Payment.objects.exists()
    file.refresh_from_db()
    assert file.state.code == "awaiting_payment"


def test_refund_decisions_need_a_treasury_officer(personas, rejected_paid_file):
    refund = services.refund_request(
        actor=Actor.system("refunds"), file=rejected_paid_file, reason="رد پرونده"
    )
    _refused(
        lambda: services.refund_approve(actor=Actor.system("refunds"), refund=refund),
        TreasuryErrorCode.ACTOR_NOT_ALLOWED,
    )
    _refused(
        lambda: services.refund_request(
            actor=Actor.for_user(personas.citizen), file=rejected_paid_file, reason="x"
        ),
        TreasuryErrorCode.NOT_TREASURY,
    )
    refund.refresh_from_db()
    assert refund.status == "requested"
    assert Refund.objects.count() == 1


# --- seeing -------------------------------------------------------------------------------------


def test_payments_are_seen_by_the_treasury_the_office_and_the_payer_only(
    personas, paid_office_files
):
    everything = set(Payment.objects.values_list("pk", flat=True))
    assert len(everything) == 3

    def seen(who):
        return set(selectors.payment_visible_to(who).values_list("pk", flat=True))

    for reader in (personas.treasury, personas.council, personas.auditor):
        assert seen(reader) == everything
    assert seen(Actor.system("x")) == everything
    assert seen(personas.operator_a) == seen(personas.manager_a) == everything  # office_a's
    assert seen(personas.citizen) == everything  # the citizen paid all three
    for outsider in (personas.other_citizen, personas.operator_b, personas.reviewer):
        assert seen(outsider) == set()
    assert seen(Actor.for_user(personas.citizen)) == everything


def test_a_partner_sees_the_payments_of_the_files_it_opened_only(
    personas, paid_office_files, partner
):
    assert not selectors.payment_visible_to(Actor.partner(partner)).exists()
    opened = paid_office_files[0].file
    type(opened).objects.filter(pk=opened.pk).update(partner=partner)  # as if the app opened it
    assert list(selectors.payment_visible_to(Actor.partner(partner))) == [paid_office_files[0]]


def test_refunds_follow_their_payments(personas, rejected_paid_file):
    refund = services.refund_request(
        actor=Actor.system("refunds"), file=rejected_paid_file, reason="رد پرونده"
    )
    assert list(selectors.refund_visible_to(personas.citizen)) == [refund]
    assert list(selectors.refund_visible_to(personas.auditor)) == [refund]
    assert not selectors.refund_visible_to(personas.other_citizen).exists()
    assert not selectors.refund_visible_to(personas.operator_a).exists()  # a web file


def test_settlements_are_seen_by_the_offices_they_paid(personas, paid_office_files):
    from django.db.models import F

    yesterday = timezone.localdate() - YESTERDAY
    Payment.objects.update(status="reconciled", confirmed_at=F("confirmed_at") - YESTERDAY)
    type(personas.office_a).objects.filter(pk=personas.office_a.pk).update(sheba=TREASURY_SHEBA)
    settlement = services.settlement_run(
        actor=Actor.for_user(personas.treasury), period_start=yesterday, period_end=yesterday
    )
    assert settlement.lines.count() == 1
    assert list(selectors.settlement_visible_to(personas.manager_a)) == [settlement]
    assert list(selectors.settlement_visible_to(personas.council)) == [settlement]
    for outsider in (personas.operator_b, personas.citizen, personas.reviewer):
        assert not selectors.settlement_visible_to(outsider).exists()


def test_the_office_registry_shows_the_public_its_active_offices_and_readers_all(personas):
    pending = OfficeFactory(code="T9901", status="pending")
    assert pending not in set(offices_visible_to(personas.citizen))
    assert pending not in set(offices_visible_to(personas.operator_b))
    for reader in (personas.treasury, personas.auditor, personas.council, personas.admin):
        assert pending in set(offices_visible_to(reader))
    type(pending).objects.filter(pk=personas.office_a.pk).update(status="suspended")
    assert personas.office_a in set(offices_visible_to(personas.citizen))
    type(pending).objects.filter(pk=personas.office_a.pk).update(status="revoked")
    assert personas.office_a not in set(offices_visible_to(personas.citizen))
    assert personas.office_a in set(offices_visible_to(personas.operator_a))  # where they work
