"""The PSP's transaction book (ADR 0028, issue 17): the treasury officer (and the auditor,
reading) lists every transaction at the payment gateway with the payment it belongs to,
filtered by day, state and payment reference or file tracking code in any digits; bad filters
are refused in Persian; everyone else gets 404."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.digits import to_persian_digits
from daftar.core.jalali import TEHRAN, to_jalali
from daftar.core.tracking import format_tracking_code
from daftar.treasury import services
from daftar.treasury.choices import PspFollowUp, PspState
from daftar.treasury.models import Payment, PspTransaction

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/treasury/gateway/callback/"
_tokens = itertools.count(1)


def psp_transaction_for(personas, catalogue, **fields) -> tuple[PspTransaction, Payment]:
    """A file paid online and the PSP's record of its transaction (built as the Mellat adapter
    would leave it: same token and amount)."""
    file = open_file(personas, catalogue)
    payment, _url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen), file=file, callback_url=CALLBACK
    )
    row = PspTransaction.objects.create(
        provider="mellat",
        token=payment.gateway_token,
        amount=payment.amount,
        ref_id=f"REF{next(_tokens)}",
        **fields,
    )
    return row, payment


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(html: str) -> int:
    return html.count("data-psp=")


def test_the_officer_lists_transactions_with_their_payment_in_persian(personas, catalogue):
    row, payment = psp_transaction_for(
        personas, catalogue, state=PspState.VERIFIED, follow_up=PspFollowUp.SETTLE
    )
    response = _client(personas.treasury).get(
        reverse("treasury:psp_transactions"), HTTP_ACCEPT_LANGUAGE="fa"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == 1
    assert to_persian_digits(f"{payment.amount:,}").replace(",", "٬") in html
    assert payment.reference in html
    assert to_persian_digits(str(to_jalali(row.created_at).year)) in html  # a Jalali date
    with override("fa"):  # labels, not codes
        assert str(PspState.VERIFIED.label) in html
        assert str(PspFollowUp.SETTLE.label) in html
    assert f'href="{reverse("treasury:psp_transaction", args=[row.pk])}"' in html

    detail = _client(personas.treasury).get(
        reverse("treasury:psp_transaction", args=[row.pk]), HTTP_ACCEPT_LANGUAGE="fa"
    )
    page = detail.content.decode()
    assert detail.status_code == 200
    assert payment.reference in page
    assert 'data-testid="psp-payment"' in page


def test_a_transaction_without_a_payment_says_so(personas):
    row = PspTransaction.objects.create(provider="mellat", token="orphan", amount=10_000)
    page = _client(personas.treasury).get(reverse("treasury:psp_transaction", args=[row.pk]))
    assert 'data-testid="psp-no-payment"' in page.content.decode()


def test_the_book_filters_by_state_day_and_code_in_persian_digits(personas, catalogue):
    settled, settled_payment = psp_transaction_for(personas, catalogue, state=PspState.SETTLED)
    failed, _ = psp_transaction_for(personas, catalogue, state=PspState.FAILED)
    old, _ = psp_transaction_for(personas, catalogue, state=PspState.SETTLED)
    long_ago = timezone.now() - datetime.timedelta(days=40)
    PspTransaction.objects.filter(pk=old.pk).update(created_at=long_ago)
    client = _client(personas.treasury)
    url = reverse("treasury:psp_transactions")

    def shown(**query) -> set[int]:
        response = client.get(url, query)
        assert response.status_code == 200, response.content.decode()[:500]
        html = response.content.decode()
        return {row.pk for row in (settled, failed, old) if f'data-psp="{row.pk}"' in html}

    assert shown() == {settled.pk, failed.pk, old.pk}
    assert shown(state=PspState.SETTLED) == {settled.pk, old.pk}
    today = to_jalali(timezone.now().astimezone(TEHRAN).date())
    typed_today = to_persian_digits(f"{today.year}/{today.month:02}/{today.day:02}")
    assert shown(day_from=typed_today) == {settled.pk, failed.pk}
    old_day = to_jalali(long_ago.astimezone(TEHRAN).date())
    assert shown(day_to=f"{old_day.year}-{old_day.month:02}-{old_day.day:02}") == {old.pk}
    tracking = to_persian_digits(format_tracking_code(settled_payment.file.tracking_code))
    assert shown(code=tracking) == {settled.pk}
    assert shown(code=settled_payment.reference.lower()) == {settled.pk}
    assert shown(code=settled_payment.reference, state=PspState.FAILED) == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"code": "۱۲۳"}, "code"),
        ({"code": "not a code"}, "code"),
        ({"state": "nonsense"}, "state"),
        ({"day_from": "1405/13/40"}, "day_from"),
        ({"day_from": "1405/02/10", "day_to": "1405/02/01"}, "day_to"),
    ],
)
def test_a_bad_filter_is_refused_in_persian_and_lists_nothing(personas, catalogue, query, field):
    psp_transaction_for(personas, catalogue)
    response = _client(personas.treasury).get(
        reverse("treasury:psp_transactions"), query, HTTP_ACCEPT_LANGUAGE="fa"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_errors"' in html
    errors = html[html.index(f'id="id_{field}_errors"') :][:400]
    assert any("\u0600" <= ch <= "\u06ff" for ch in errors)
    assert _rows(html) == 0


def test_pages_keep_the_filters(personas, catalogue):
    payment_rows = [psp_transaction_for(personas, catalogue, state=PspState.SETTLED)]
    PspTransaction.objects.bulk_create(
        PspTransaction(
            provider="mellat", token=f"bulk-{n}", amount=1_000 + n, state=PspState.SETTLED
        )
        for n in range(30)
    )
    PspTransaction.objects.create(provider="mellat", token="other", amount=5_000)
    client = _client(personas.treasury)
    first = client.get(reverse("treasury:psp_transactions"), {"state": "settled"}).content.decode()
    assert _rows(first) == 25
    assert "state=settled&amp;page=2" in first
    second = client.get(
        reverse("treasury:psp_transactions"), {"state": "settled", "page": 2}
    ).content.decode()
    assert _rows(second) == 31 - 25
    assert payment_rows


@pytest.mark.parametrize("persona", ["citizen", "operator_a", "manager_a", "council", "admin"])
def test_only_the_treasury_officer_and_the_auditor_see_the_book(personas, catalogue, persona):
    row, _ = psp_transaction_for(personas, catalogue)
    client = _client(getattr(personas, persona))
    assert client.get(reverse("treasury:psp_transactions")).status_code == 404
    assert client.get(reverse("treasury:psp_transaction", args=[row.pk])).status_code == 404


def test_the_auditor_reads_the_book_without_the_officers_menu(personas, catalogue):
    row, _ = psp_transaction_for(personas, catalogue)
    client = _client(personas.auditor)
    html = client.get(reverse("treasury:psp_transactions")).content.decode()
    assert f'data-psp="{row.pk}"' in html
    assert reverse("treasury:reconciliation") not in html
    assert client.get(reverse("treasury:psp_transaction", args=[row.pk])).status_code == 200


def test_the_treasury_officer_and_the_auditor_reach_the_book_from_their_home(personas):
    for persona in ("treasury", "auditor"):
        html = _client(getattr(personas, persona)).get(reverse("accounts:dashboard"))
        assert 'data-testid="action-psp-book"' in html.content.decode()
