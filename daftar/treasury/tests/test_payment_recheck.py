"""Gateway payments left pending (no callback came) are asked about at the gateway and settled."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.treasury import services
from daftar.treasury.gateways import GatewayState, SimulatedGateway, callback_signature
from daftar.treasury.models import GatewayTransaction, JournalEntry, Payment, Receipt
from daftar.treasury.services.ledger import unbalanced_entries
from daftar.treasury.tasks import recheck_pending_payments

pytestmark = pytest.mark.django_db


def _start(personas, file) -> Payment:
    payment, _url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=file, callback_url="/cb/"
    )
    return payment


def _pending_for(payment: Payment, minutes: int) -> None:
    """The payment was started `minutes` ago (its expiry stays where it was)."""
    Payment.objects.filter(pk=payment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def _callback(payment: Payment):
    record = GatewayTransaction.objects.get(token=payment.gateway_token)
    status = "OK" if record.status == "paid" else "NOK"
    return services.payment_gateway_callback(
        token=payment.gateway_token,
        status=status,
        amount=str(record.amount),
        bank_reference=record.bank_reference,
        signature=callback_signature(
            payment.gateway_token, status, record.amount, record.bank_reference
        ),
    )


@pytest.fixture
def pending(personas, catalogue):
    """A citizen's web file whose gateway payment was started 11 minutes ago."""
    payment = _start(personas, open_file(personas, catalogue))
    _pending_for(payment, 11)
    return payment


def test_a_payment_paid_at_the_gateway_whose_callback_never_came_is_confirmed(pending):
    # Given the citizen paid at the bank and closed the window: no callback reached Daftar
    SimulatedGateway.finish(pending.gateway_token, outcome="paid")
    # When the re-check runs
    assert services.payments_recheck_pending() == {"confirmed": 1}
    # Then the payment is confirmed once, with its receipt, its balanced entry and the file moved
    pending.refresh_from_db()
    assert pending.status == "confirmed"
    assert pending.bank_reference == GatewayTransaction.objects.get().bank_reference
    assert Receipt.objects.filter(payment=pending).count() == 1
    assert unbalanced_entries() == []
    pending.file.refresh_from_db()
    assert pending.file.state.code == "in_review"
    confirmed = AuditEntry.objects.get(action="payment.confirmed", object_id=str(pending.pk))
    assert confirmed.actor_label == "system:payment-recheck"


def test_the_recheck_runs_again_without_changing_anything(pending):
    SimulatedGateway.finish(pending.gateway_token, outcome="paid")
    services.payments_recheck_pending()
    entries, audits = JournalEntry.objects.count(), AuditEntry.objects.count()
    assert services.payments_recheck_pending() == {}
    # asked directly about a payment already settled, it changes nothing either
    assert (
        services.payment_recheck(actor=Actor.system("test"), payment=pending).status == "confirmed"
    )
    assert (JournalEntry.objects.count(), AuditEntry.objects.count()) == (entries, audits)
    assert Receipt.objects.count() == 1


def test_a_payment_declined_at_the_gateway_fails_and_the_bill_stays_payable(personas, pending):
    SimulatedGateway.finish(pending.gateway_token, outcome="failed")
    assert services.payments_recheck_pending() == {"failed": 1}
    pending.refresh_from_db()
    assert pending.status == "failed"
    assert pending.reason == "declined at the gateway"
    assert not Receipt.objects.exists()
    failed = AuditEntry.objects.get(action="payment.failed", object_id=str(pending.pk))
    assert failed.after["via"] == "recheck"
    # The citizen pays the same bill again, through a new gateway transaction
    again = _start(personas, pending.file)
    assert again.pk != pending.pk
    SimulatedGateway.finish(again.gateway_token, outcome="paid")
    assert _callback(again).status == "confirmed"


def test_a_payment_cancelled_at_the_gateway_is_cancelled(pending):
    SimulatedGateway.finish(pending.gateway_token, outcome="cancelled")
    assert services.payments_recheck_pending() == {"cancelled": 1}
    pending.refresh_from_db()
    assert pending.status == "cancelled"


def test_a_payment_the_gateway_let_expire_unpaid_fails(pending):
    GatewayTransaction.objects.filter(token=pending.gateway_token).update(
        created_at=timezone.now() - timedelta(minutes=21)  # past the gateway's 20 minutes
    )
    assert SimulatedGateway().inquire(token=pending.gateway_token).state == GatewayState.EXPIRED
    assert services.payments_recheck_pending() == {"failed": 1}
    pending.refresh_from_db()
    assert pending.reason == "expired unpaid at the gateway"


def test_a_payment_the_gateway_does_not_know_fails(pending):
    GatewayTransaction.objects.filter(token=pending.gateway_token).delete()
    assert services.payments_recheck_pending() == {"failed": 1}
    pending.refresh_from_db()
    assert pending.reason == "unknown to the gateway"


def test_a_payment_still_pending_at_the_gateway_waits_until_it_expires(pending):
    # Given the citizen is still on the bank's page
    audits = AuditEntry.objects.count()
    assert services.payments_recheck_pending() == {"pending": 1}
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert AuditEntry.objects.count() == audits
    # When the payment's own time runs out with the gateway still undecided
    Payment.objects.filter(pk=pending.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    # Then it fails and the bill can be paid again
    assert services.payments_recheck_pending() == {"failed": 1}
    pending.refresh_from_db()
    assert pending.reason == "expired while still pending at the gateway"


def test_a_payment_paid_at_the_gateway_for_a_bill_paid_meanwhile_fails(personas, pending):
    # The same path as a callback: the bill was paid by a slip meanwhile, so the PSP's money
    # is not taken (Daftar does not verify it) and the slip stays the only collection
    SimulatedGateway.finish(pending.gateway_token, outcome="paid")
    services.payment_record_slip(
        actor=Actor.for_user(personas.treasury),
        file=pending.file,
        bank_reference="SLIP-9",
        amount=pending.amount,
    )
    assert services.payments_recheck_pending() == {"failed": 1}
    pending.refresh_from_db()
    assert pending.reason == "the bill was no longer payable"
    assert Receipt.objects.count() == 1


def test_only_payments_pending_longer_than_the_setting_are_asked_about(
    personas, catalogue, settings, monkeypatch
):
    # Given a payment started 9 minutes ago, the re-check waiting 10 (the default)
    recent = _start(personas, open_file(personas, catalogue))
    _pending_for(recent, 9)
    asked = []
    real_inquire = SimulatedGateway.inquire

    def spy(self, *, token):
        asked.append(token)
        return real_inquire(self, token=token)

    monkeypatch.setattr(SimulatedGateway, "inquire", spy)
    # Then the gateway is not asked about it
    assert services.payments_recheck_pending() == {}
    assert asked == []
    # Until the setting says 5 minutes are enough
    settings.GATEWAY_PENDING_RECHECK_MINUTES = 5
    assert services.payments_recheck_pending() == {"pending": 1}
    assert asked == [recent.gateway_token]


def test_a_payment_the_gateway_cannot_answer_for_does_not_stop_the_others(
    personas, catalogue, pending, monkeypatch
):
    # Given two payments paid at the bank, and the PSP failing to answer for the older one
    other = _start(personas, open_file(personas, catalogue))
    _pending_for(other, 10)
    for payment in (pending, other):
        SimulatedGateway.finish(payment.gateway_token, outcome="paid")
    answer = SimulatedGateway.inquire

    def flaky(self, *, token):
        if token == pending.gateway_token:
            raise ConnectionError("PSP timed out")
        return answer(self, token=token)

    monkeypatch.setattr(SimulatedGateway, "inquire", flaky)
    # When the re-check runs, the failure is counted and the other payment still settled
    assert services.payments_recheck_pending() == {"errors": 1, "confirmed": 1}
    pending.refresh_from_db()
    assert pending.status == "pending"
    # And the next run, with the PSP back, settles the one left
    monkeypatch.undo()
    assert services.payments_recheck_pending() == {"confirmed": 1}
    assert Receipt.objects.count() == 2


def test_a_callback_after_the_recheck_changes_nothing(pending):
    SimulatedGateway.finish(pending.gateway_token, outcome="paid")
    services.payments_recheck_pending()
    entries = JournalEntry.objects.count()
    assert _callback(pending).status == "confirmed"
    assert JournalEntry.objects.count() == entries
    assert Receipt.objects.count() == 1


def test_a_recheck_after_the_callback_changes_nothing(pending):
    SimulatedGateway.finish(pending.gateway_token, outcome="paid")
    _callback(pending)
    entries = JournalEntry.objects.count()
    assert services.payments_recheck_pending() == {}
    assert (
        services.payment_recheck(actor=Actor.system("test"), payment=pending).status == "confirmed"
    )
    assert JournalEntry.objects.count() == entries


def test_the_periodic_job_runs_the_recheck(pending):
    SimulatedGateway.finish(pending.gateway_token, outcome="paid")
    assert recheck_pending_payments.call_local() == {"confirmed": 1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_callback_racing_the_recheck_confirms_the_payment_once(personas, catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is tested on PostgreSQL")
    payment = _start(personas, open_file(personas, catalogue))
    _pending_for(payment, 11)
    SimulatedGateway.finish(payment.gateway_token, outcome="paid")
    barrier = threading.Barrier(4)
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    jobs = [lambda: _callback(payment), services.payments_recheck_pending] * 2
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    payment.refresh_from_db()
    assert payment.status == "confirmed"
    assert Receipt.objects.filter(payment=payment).count() == 1
    assert JournalEntry.objects.filter(kind="collection").count() == 1
    assert AuditEntry.objects.filter(action="payment.confirmed").count() == 1
