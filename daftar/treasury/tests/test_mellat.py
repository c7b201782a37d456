"""Behpardakht Mellat's IPG behind the payment gateway, against a local fake bank that speaks its
documented protocol (tests/fakes.py): token → startpay → callback → verify → settle, reversal
when Daftar does not accept a sale, timeouts and retries, forged and replayed callbacks, and
the re-check job settling a payment whose callback or verification was lost."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.errors import ServiceUnavailable
from daftar.core.startup import refuse_provider_without_credentials
from daftar.treasury import services
from daftar.treasury.choices import PaymentStatus, PspFollowUp, PspState
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Payment, PspTransaction, Receipt
from daftar.treasury.tasks import recheck_pending_payments
from daftar.treasury.tests.fakes import FakeMellat

pytestmark = pytest.mark.django_db

MELLAT = "daftar.treasury.gateways.mellat.MellatGateway"
CALLBACK = "http://testserver/treasury/gateway/callback/"


@pytest.fixture
def bank(settings):
    fake = FakeMellat().start()
    settings.PAYMENT_GATEWAY = MELLAT
    settings.MELLAT_TERMINAL_ID = int(fake.terminal_id)
    settings.MELLAT_USERNAME = fake.username
    settings.MELLAT_PASSWORD = fake.password
    settings.MELLAT_SERVICE_URL = fake.service_url
    settings.MELLAT_STARTPAY_URL = fake.startpay_url
    settings.PAYMENT_HTTP_TIMEOUT_SECONDS = 0.5
    settings.PAYMENT_HTTP_TRIES = 2
    yield fake
    fake.stop()


@pytest.fixture
def web_file(personas, catalogue):
    return open_file(personas, catalogue)


def _start(personas, file) -> Payment:
    payment, _url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=file, callback_url=CALLBACK
    )
    return payment


def _ref_id(payment: Payment) -> str:
    return PspTransaction.objects.get(token=payment.gateway_token).ref_id


def _return(fields, capture) -> object:
    """The bank posts the citizen back: a cross-site POST with no CSRF token and no session."""
    with capture(execute=True):
        return Client(enforce_csrf_checks=True).post(reverse("treasury:gateway_callback"), fields)


def test_a_citizen_pays_through_mellat_and_the_sale_is_verified_then_settled(
    client, personas, web_file, bank, django_capture_on_commit_callbacks
):
    client.force_login(personas.citizen)
    start = client.post(reverse("treasury:pay_online", args=[web_file.tracking_code]))
    payment = Payment.objects.get()
    assert start.url == reverse("treasury:gateway_redirect", args=[payment.gateway_token])

    page = client.get(start.url)
    html = page.content.decode()
    assert f'action="{bank.startpay_url}"' in html
    assert f'name="RefId" value="{_ref_id(payment)}"' in html
    assert bank.startpay_url in page["Content-Security-Policy"]  # the form may go to the bank

    answer = _return(bank.pay(_ref_id(payment)), django_capture_on_commit_callbacks)
    assert answer.status_code == 200
    assert 'data-testid="payment-ok"' in answer.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED
    assert payment.bank_reference == bank.sales[payment_order(payment)].sale_reference
    assert Receipt.objects.filter(payment=payment).exists()
    assert bank.calls == ["bpPayRequest", "bpVerifyRequest", "bpSettleRequest"]
    assert bank.sales[payment_order(payment)].state == "settled"
    row = PspTransaction.objects.get(token=payment.gateway_token)
    assert (row.state, row.follow_up) == (PspState.SETTLED, PspFollowUp.NONE)


def payment_order(payment: Payment) -> int:
    return PspTransaction.objects.get(token=payment.gateway_token).pk


def test_starting_again_reuses_the_open_transaction(personas, web_file, bank):
    first = _start(personas, web_file)
    again, url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=web_file, callback_url=CALLBACK
    )
    assert again == first
    assert url == reverse("treasury:gateway_redirect", args=[first.gateway_token])
    assert bank.calls == ["bpPayRequest"]


def test_a_cancelled_payment_is_cancelled_and_never_verified(
    personas, web_file, bank, django_capture_on_commit_callbacks
):
    payment = _start(personas, web_file)
    answer = _return(bank.pay(_ref_id(payment), "cancelled"), django_capture_on_commit_callbacks)
    assert 'data-testid="payment-failed"' in answer.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    assert "ResCode 17" in payment.reason
    assert bank.calls == ["bpPayRequest"]


def test_a_declined_card_fails_the_payment_and_the_bill_stays_payable(
    personas, web_file, bank, django_capture_on_commit_callbacks
):
    payment = _start(personas, web_file)
    _return(bank.pay(_ref_id(payment), "declined"), django_capture_on_commit_callbacks)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert "declined" in payment.reason
    assert _start(personas, web_file) != payment  # a new transaction for the same bill


@pytest.mark.parametrize(
    "forge",
    [
        lambda fields: {**fields, "RefId": "A" * 20},  # not the RefId the bank gave us
        lambda fields: {**fields, "SaleOrderId": "999999"},  # an order we never started
        lambda fields: {**fields, "SaleReferenceId": ""},  # "paid" without a sale
        lambda fields: {"ResCode": "0"},  # nothing
    ],
)
def test_a_forged_callback_is_refused_and_changes_nothing(
    personas, web_file, bank, django_capture_on_commit_callbacks, forge
):
    payment = _start(personas, web_file)
    fields = bank.pay(_ref_id(payment))
    answer = _return(forge(fields), django_capture_on_commit_callbacks)
    assert answer.status_code == 403
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert bank.calls == ["bpPayRequest"]  # nothing was verified, settled or reversed


def test_a_replayed_callback_changes_nothing_and_verifies_once(
    personas, web_file, bank, django_capture_on_commit_callbacks
):
    payment = _start(personas, web_file)
    fields = bank.pay(_ref_id(payment))
    _return(fields, django_capture_on_commit_callbacks)
    entries = AuditEntry.objects.count()
    again = _return(fields, django_capture_on_commit_callbacks)
    assert 'data-testid="payment-ok"' in again.content.decode()
    assert Receipt.objects.count() == 1
    assert AuditEntry.objects.count() == entries
    assert bank.calls.count("bpVerifyRequest") == 1


def test_an_amount_other_than_the_bill_is_refused_and_the_sale_reversed(
    personas, web_file, bank, django_capture_on_commit_callbacks
):
    payment = _start(personas, web_file)
    bank.final_amount = payment.amount - 1000
    _return(bank.pay(_ref_id(payment)), django_capture_on_commit_callbacks)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert "amount mismatch" in payment.reason
    assert not Receipt.objects.exists()
    assert bank.sales[payment_order(payment)].state == "reversed"
    assert "bpVerifyRequest" not in bank.calls


def test_a_verification_that_fails_at_the_bank_is_reversed(
    personas, web_file, bank, django_capture_on_commit_callbacks
):
    # Behpardakht's flow: no answer to bpVerifyRequest → bpInquiryRequest; not verified →
    # bpReversalRequest.
    payment = _start(personas, web_file)
    bank.fail_next["bpVerifyRequest"] = 2
    _return(bank.pay(_ref_id(payment)), django_capture_on_commit_callbacks)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert payment.reason == "the gateway did not verify the payment"
    assert bank.calls == [
        "bpPayRequest",
        "bpVerifyRequest",
        "bpVerifyRequest",
        "bpInquiryRequest",
        "bpReversalRequest",
    ]
    assert bank.sales[payment_order(payment)].state == "reversed"


def test_a_verification_whose_answer_was_lost_is_retried_and_the_bank_says_already_verified(
    personas, web_file, bank, django_capture_on_commit_callbacks
):
    payment = _start(personas, web_file)
    bank.delay_after["bpVerifyRequest"] = 0.8  # the bank verifies, its answer comes too late
    _return(bank.pay(_ref_id(payment)), django_capture_on_commit_callbacks)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED  # the retry heard 43: already verified
    assert bank.sales[payment_order(payment)].state == "settled"


def test_a_bank_that_does_not_answer_the_verification_leaves_the_payment_to_the_recheck(
    client, personas, web_file, bank, django_capture_on_commit_callbacks
):
    payment = _start(personas, web_file)
    bank.fail_next = {"bpVerifyRequest": 2, "bpInquiryRequest": 2}
    answer = _return(bank.pay(_ref_id(payment)), django_capture_on_commit_callbacks)
    assert 'data-testid="payment-pending"' in answer.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert AuditEntry.objects.filter(action="payment.verify_deferred").exists()

    # The bank is back; the re-check asks it about the sale (its reference was kept).
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        assert recheck_pending_payments.call_local()["confirmed"] == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED
    assert bank.sales[payment_order(payment)].state == "settled"


def test_a_payment_whose_callback_never_came_expires_once_the_banks_window_is_over(
    personas, web_file, bank, settings
):
    payment = _start(personas, web_file)
    bank.pay(_ref_id(payment))  # paid at the bank, but the citizen never came back
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    # Still within the bank's window: the citizen may yet come back.
    assert recheck_pending_payments.call_local() == {"pending": 1}
    PspTransaction.objects.filter(token=payment.gateway_token).update(
        created_at=timezone.now() - timedelta(minutes=settings.MELLAT_VERIFY_WINDOW_MINUTES + 1)
    )
    assert recheck_pending_payments.call_local() == {"failed": 1}
    payment.refresh_from_db()
    assert payment.reason == "expired unpaid at the gateway"  # the bank returns it to the card


def test_a_settlement_the_bank_does_not_answer_is_sent_again_by_the_recheck(
    personas, web_file, bank, django_capture_on_commit_callbacks
):
    payment = _start(personas, web_file)
    bank.fail_next["bpSettleRequest"] = 2
    _return(bank.pay(_ref_id(payment)), django_capture_on_commit_callbacks)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED  # booked; the settlement is still due
    row = PspTransaction.objects.get(token=payment.gateway_token)
    assert (row.state, row.follow_up) == (PspState.VERIFIED, PspFollowUp.SETTLE)

    assert recheck_pending_payments.call_local() == {"followed_up": 1}
    row.refresh_from_db()
    assert (row.state, row.follow_up) == (PspState.SETTLED, PspFollowUp.NONE)
    assert bank.sales[row.pk].state == "settled"


def test_a_booking_that_fails_after_verification_reverses_the_sale(
    personas, web_file, bank, django_capture_on_commit_callbacks, monkeypatch
):
    payment = _start(personas, web_file)

    def broken(**kwargs):
        raise RuntimeError("the workflow refused")

    monkeypatch.setattr("daftar.treasury.services.payments.file_apply_action", broken)
    _return(bank.pay(_ref_id(payment)), django_capture_on_commit_callbacks)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert "could not be booked" in payment.reason
    assert not Receipt.objects.exists()
    assert bank.sales[payment_order(payment)].state == "reversed"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_bank_that_refuses_connections_stops_the_start_with_a_clear_error(
    client, personas, web_file, bank, settings
):
    settings.MELLAT_SERVICE_URL = f"http://127.0.0.1:{_closed_port()}/pgwchannel/services/pgw"
    with pytest.raises(ServiceUnavailable) as refused:
        _start(personas, web_file)
    assert refused.value.code == TreasuryErrorCode.GATEWAY_UNAVAILABLE
    assert not Payment.objects.exists()
    assert not PspTransaction.objects.exists()

    client.force_login(personas.citizen)
    page = client.post(reverse("treasury:pay_online", args=[web_file.tracking_code]), follow=True)
    assert "مبلغی برداشت نشده" in page.content.decode()  # the Persian message, on the file page


def test_a_token_request_that_times_out_is_not_sent_twice(personas, web_file, bank):
    bank.delay["bpPayRequest"] = 0.8
    with pytest.raises(ServiceUnavailable):
        _start(personas, web_file)
    assert bank.calls == ["bpPayRequest"]  # a second orderId request could be a duplicate sale


def test_the_redirect_page_is_404_for_an_unknown_or_finished_payment(
    client, personas, web_file, bank, django_capture_on_commit_callbacks
):
    assert client.get(reverse("treasury:gateway_redirect", args=["nope"])).status_code == 404
    payment = _start(personas, web_file)
    url = reverse("treasury:gateway_redirect", args=[payment.gateway_token])
    assert client.get(url).status_code == 200
    _return(bank.pay(_ref_id(payment), "cancelled"), django_capture_on_commit_callbacks)
    assert client.get(url).status_code == 404


def test_mellat_without_its_credentials_is_refused_at_start_up(settings):
    settings.PAYMENT_GATEWAY = MELLAT
    settings.MELLAT_TERMINAL_ID = 0
    settings.MELLAT_USERNAME = "daftar"
    settings.MELLAT_PASSWORD = ""
    with pytest.raises(ImproperlyConfigured, match="MELLAT_TERMINAL_ID, MELLAT_PASSWORD"):
        refuse_provider_without_credentials()


@pytest.mark.django_db(transaction=True)
def test_duplicate_callbacks_racing_the_recheck_verify_book_and_settle_once(
    personas, catalogue, bank
):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is tested on PostgreSQL")
    payment = _start(personas, open_file(personas, catalogue))
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    bank_fields = bank.pay(_ref_id(payment))
    # The callback's sale reference is known to the recheck only through a callback; give the
    # recheck the same knowledge so that all four race for the same sale.
    PspTransaction.objects.filter(token=payment.gateway_token).update(
        sale_reference=bank_fields["SaleReferenceId"]
    )
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

    def callback():
        services.payment_gateway_return(data=bank_fields)

    jobs = [callback, services.payments_recheck_pending] * 2
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED
    assert Receipt.objects.filter(payment=payment).count() == 1
    assert AuditEntry.objects.filter(action="payment.confirmed").count() == 1
    assert bank.calls.count("bpVerifyRequest") == 1
    assert bank.sales[payment_order(payment)].state == "settled"
