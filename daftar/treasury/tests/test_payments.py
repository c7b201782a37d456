"""Collecting fees: one receipt per bill, balanced bookings, safe gateway callbacks."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import DatabaseError, connection, connections, transaction

from daftar.audit.models import AuditEntry
from daftar.cases import services as cases
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.offices import services as offices
from daftar.treasury import services
from daftar.treasury.gateways import SimulatedGateway, callback_signature
from daftar.treasury.models import JournalEntry, Payment, Posting, Receipt
from daftar.treasury.services.ledger import balance, unbalanced_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_file(personas, catalogue, counter_ready):
    return open_file(personas, catalogue, office=counter_ready)


@pytest.fixture
def web_file(personas, catalogue):
    return open_file(personas, catalogue)


@pytest.fixture
def terminal(counter_ready):
    found, _secret = offices.terminal_register(
        actor=Actor.system("x"), office=counter_ready, code="POS-1"
    )
    return found


def test_a_card_payment_books_the_split_issues_a_receipt_and_moves_the_file(
    personas, office_file, terminal
):
    receipt = services.payment_record_pos(
        actor=Actor.for_user(personas.operator_a),
        file=office_file,
        terminal=terminal,
        pos_reference="778899",
        amount=2_200_000,
    )
    payment = receipt.payment
    assert payment.status == "confirmed"
    office_file.refresh_from_db()
    assert office_file.state.code == "in_review"
    postings = {p.account.code: p.amount for p in payment.collection.postings.all()}
    assert postings == {
        "clearing:pos": 2_200_000,
        "revenue:building-permit-duty": -1_870_000,
        "payable:office:T0101": -330_000,
    }
    assert unbalanced_entries() == []
    assert balance("payable:office:T0101") == -330_000
    assert AuditEntry.objects.filter(stream="treasury", action="payment.confirmed").exists()


def test_an_already_paid_bill_cannot_be_paid_again(personas, office_file, terminal):
    services.payment_record_pos(
        actor=Actor.for_user(personas.operator_a),
        file=office_file,
        terminal=terminal,
        pos_reference="1",
        amount=2_200_000,
    )
    with pytest.raises(Conflict) as caught:
        services.payment_record_pos(
            actor=Actor.for_user(personas.operator_a),
            file=office_file,
            terminal=terminal,
            pos_reference="2",
            amount=2_200_000,
        )
    assert caught.value.code == "already_paid"
    assert Receipt.objects.count() == 1


@pytest.mark.parametrize("amount", [0, -5, 2_199_999, "2200000", 2_200_000.0, True])
def test_amounts_that_are_not_the_bill_in_whole_rials_are_refused(
    personas, office_file, terminal, amount
):
    with pytest.raises(InvalidInput) as caught:
        services.payment_record_pos(
            actor=Actor.for_user(personas.operator_a),
            file=office_file,
            terminal=terminal,
            pos_reference="9",
            amount=amount,
        )
    assert caught.value.field == "amount"
    assert not Payment.objects.exists()
    assert not JournalEntry.objects.exists()


def test_a_cancelled_file_cannot_be_paid(personas, office_file, terminal):
    cases.file_apply_action(
        actor=Actor.for_user(personas.citizen), file=office_file, action="cancel"
    )
    with pytest.raises(Conflict) as caught:
        services.payment_record_pos(
            actor=Actor.for_user(personas.operator_a),
            file=office_file,
            terminal=terminal,
            pos_reference="9",
            amount=2_200_000,
        )
    assert caught.value.code == "not_payable"


def test_another_office_cannot_take_the_card_payment(personas, office_file, terminal):
    with pytest.raises(Forbidden):
        services.payment_record_pos(
            actor=Actor.for_user(personas.operator_b),
            file=office_file,
            terminal=terminal,
            pos_reference="9",
            amount=2_200_000,
        )


def test_online_payment_has_no_office_share(personas, web_file, client):
    payment, _url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen),
        file=web_file,
        callback_url="/treasury/gateway/callback/",
    )
    redirect = SimulatedGateway.decide(payment.gateway_token, pay=True)
    params = {k: v[0] for k, v in parse_qs(urlparse(redirect).query).items()}
    services.payment_gateway_callback(
        token=params["token"],
        status=params["status"],
        amount=params["amount"],
        bank_reference=params["ref"],
        signature=params["sig"],
    )
    payment.refresh_from_db()
    assert payment.status == "confirmed"
    assert {p.account.code for p in payment.collection.postings.all()} == {
        "clearing:gateway",
        "revenue:building-permit-duty",
    }


def _callback(payment, *, status="OK", amount=None, ref="123456789", sig=None):
    amount = payment.amount if amount is None else amount
    return services.payment_gateway_callback(
        token=payment.gateway_token,
        status=status,
        amount=str(amount),
        bank_reference=ref,
        signature=sig or callback_signature(payment.gateway_token, status, amount, ref),
    )


@pytest.fixture
def gateway_payment(personas, web_file):
    payment, _url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=web_file, callback_url="/cb/"
    )
    SimulatedGateway.decide(payment.gateway_token, pay=True)
    from daftar.treasury.models import GatewayTransaction

    ref = GatewayTransaction.objects.get(token=payment.gateway_token).bank_reference
    payment.bank_ref = ref
    return payment


def test_a_replayed_callback_changes_nothing(gateway_payment):
    _callback(gateway_payment, ref=gateway_payment.bank_ref)
    entries = JournalEntry.objects.count()
    again = _callback(gateway_payment, ref=gateway_payment.bank_ref)
    assert again.status == "confirmed"
    assert Receipt.objects.count() == 1
    assert JournalEntry.objects.count() == entries


def test_a_callback_with_a_bad_signature_is_refused_and_changes_nothing(gateway_payment):
    with pytest.raises(Forbidden):
        _callback(gateway_payment, sig="0" * 64)
    gateway_payment.refresh_from_db()
    assert gateway_payment.status == "pending"


def test_a_tampered_amount_breaks_the_signature(gateway_payment):
    forged = callback_signature(gateway_payment.gateway_token, "OK", gateway_payment.amount, "1")
    with pytest.raises(Forbidden):
        _callback(gateway_payment, amount=1000, ref="1", sig=forged)


def test_a_signed_callback_with_a_different_amount_fails_the_payment(gateway_payment):
    result = _callback(gateway_payment, amount=1000)
    assert result.status == "failed"
    assert "amount mismatch" in result.reason
    assert not Receipt.objects.exists()


def test_a_callback_after_expiry_fails_the_payment(gateway_payment):
    from datetime import timedelta

    from django.utils import timezone

    Payment.objects.filter(pk=gateway_payment.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert _callback(gateway_payment, ref=gateway_payment.bank_ref).status == "failed"


def test_a_callback_for_a_bill_paid_meanwhile_fails(gateway_payment, personas, catalogue):
    services.payment_record_slip(
        actor=Actor.for_user(personas.treasury),
        file=gateway_payment.file,
        bank_reference="SLIP-1",
        amount=gateway_payment.amount,
    )
    result = _callback(gateway_payment, ref=gateway_payment.bank_ref)
    assert result.status == "failed"
    assert Receipt.objects.count() == 1


def test_an_unverified_callback_fails_even_if_signed(personas, web_file):
    payment, _url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=web_file, callback_url="/cb/"
    )
    # the citizen never paid at the gateway, but a signed "OK" arrives
    assert _callback(payment).status == "failed"


def test_one_gateway_transaction_per_bill(personas, web_file):
    first, _ = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=web_file, callback_url="/cb/"
    )
    second, _ = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=web_file, callback_url="/cb/"
    )
    assert first.pk == second.pk


def test_ledger_rows_cannot_be_changed_or_deleted(personas, office_file, terminal):
    services.payment_record_pos(
        actor=Actor.for_user(personas.operator_a),
        file=office_file,
        terminal=terminal,
        pos_reference="1",
        amount=2_200_000,
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Posting.objects.update(amount=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.all().delete()


@pytest.mark.postgres
def test_postgresql_refuses_to_commit_an_unbalanced_entry():
    if connection.vendor != "postgresql":
        pytest.skip("the deferred balance check is PostgreSQL's")
    from daftar.treasury.models import Account

    cash = Account.objects.create(code="bank:x", name_fa="x", name_en="x", kind="bank")
    entry = JournalEntry.objects.create(
        kind="adjustment", day="2026-01-01", memo="x", actor_label="x"
    )
    Posting.objects.create(entry=entry, account=cash, amount=100)
    with pytest.raises(DatabaseError, match="does not balance"), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_make_one_receipt_and_one_entry(personas, catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is tested on PostgreSQL")
    file = open_file(personas, catalogue)
    payment, _ = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=file, callback_url="/cb/"
    )
    SimulatedGateway.decide(payment.gateway_token, pay=True)
    from daftar.treasury.models import GatewayTransaction

    ref = GatewayTransaction.objects.get(token=payment.gateway_token).bank_reference
    barrier = threading.Barrier(4)
    errors = []

    def confirm():
        try:
            barrier.wait()
            _callback(payment, ref=ref)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Receipt.objects.filter(payment=payment).count() == 1
    assert JournalEntry.objects.filter(kind="collection").count() == 1
