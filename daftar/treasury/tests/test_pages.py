"""The treasury officer's pages: previews with their arithmetic before a settlement or a refund
is booked, confirmation that books exactly one, bad input that changes nothing, lists a page at
a time, the summary by Jalali month, and labels instead of stored values."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from daftar.catalogue.models import Beneficiary
from daftar.core.actors import Actor
from daftar.core.jalali import to_jalali
from daftar.treasury import selectors, services
from daftar.treasury.models import JournalEntry, Payment, Refund, Settlement
from daftar.treasury.tests.test_penalties import SHARE, days_ago, reconciled_on

pytestmark = pytest.mark.django_db


def jalali(day: datetime.date) -> str:
    j = to_jalali(day)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def officer(client, personas):
    client.force_login(personas.treasury)
    return client


@pytest.fixture
def refundable(catalogue):
    catalogue.service.refundable_basis_points = 8000
    catalogue.service.save()
    return catalogue.service


# --- refunds ------------------------------------------------------------------------------------


def test_the_refund_preview_shows_the_arithmetic_and_books_nothing(
    officer, refundable, rejected_paid_file
):
    Beneficiary.objects.update_or_create(  # the catalogue fixture may have it
        key="revenue:building-permit-duty",
        defaults={
            "name_fa": "درآمد عوارض صدور پروانه ساختمانی",
            "name_en": "Building-permit duty revenue",
        },
    )
    url = reverse("treasury:refund_preview", args=[rejected_paid_file.tracking_code])
    page = officer.get(url).content.decode()
    assert 'data-testid="refund-arithmetic"' in page
    assert "۲٬۲۰۰٬۰۰۰ ریال" in page  # paid
    assert "۸۰٪" in page  # the service's refundable share
    assert "۴۴۰٬۰۰۰ ریال" in page  # not refundable
    assert "۱٬۷۶۰٬۰۰۰ ریال" in page  # refunded: 80 % of 2,200,000
    assert "درآمد عوارض صدور پروانه ساختمانی" in page  # beneficiaries by their names
    assert "revenue:" not in page
    assert not Refund.objects.exists()


def test_confirming_the_refund_requests_exactly_one(officer, refundable, rejected_paid_file):
    url = reverse("treasury:refund_preview", args=[rejected_paid_file.tracking_code])
    done = officer.post(url, {"reason": "رد پرونده"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("treasury:refunds")
    assert any("۱٬۷۶۰٬۰۰۰ ریال" in message for message in _messages(done))
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (1_760_000, "requested")
    again = officer.post(url, {"reason": "رد پرونده"})
    assert again.status_code == 409
    assert 'data-testid="refund-refused"' in again.content.decode()
    assert Refund.objects.count() == 1


def test_a_non_refundable_service_is_neither_offered_nor_refunded(
    officer, catalogue, rejected_paid_file
):
    catalogue.service.refundable_basis_points = 0
    catalogue.service.save()
    listing = officer.get(reverse("treasury:refunds")).content.decode()
    assert rejected_paid_file.tracking_code not in listing
    url = reverse("treasury:refund_preview", args=[rejected_paid_file.tracking_code])
    preview = officer.get(url).content.decode()
    assert 'data-testid="refund-refused"' in preview
    assert 'data-testid="refund-confirm"' not in preview
    assert officer.post(url, {"reason": "x"}).status_code == 409
    assert not Refund.objects.exists()


def test_each_refund_decision_says_what_it_did(officer, personas, refundable, rejected_paid_file):
    refund = services.refund_request(
        actor=Actor.system("refunds"), file=rejected_paid_file, reason="رد پرونده"
    )
    url = reverse("treasury:refunds")
    approved = officer.post(url, {"action": "approve", "pk": refund.pk}, follow=True)
    assert any("تأیید" in message for message in _messages(approved)), _messages(approved)
    paid = officer.post(url, {"action": "pay", "pk": refund.pk}, follow=True)
    assert _messages(paid)
    refund.refresh_from_db()
    assert refund.status == "paid"
    page = paid.content.decode()
    assert "پرداخت‌شده" in page
    assert ">paid<" not in page
    unknown = officer.post(url, {"action": "pay", "pk": "nope"}, follow=True)
    assert _messages(unknown)


# --- settlements ------------------------------------------------------------------------------


@pytest.fixture
def settled_yesterday(paid_office_files, counter_ready):
    counter_ready.sheba = "IR062960000000100324200001"
    counter_ready.save()
    reconciled_on(paid_office_files, days_ago(1))
    return {"period_start": jalali(days_ago(1)), "period_end": jalali(days_ago(1))}


def test_the_settlement_preview_shows_every_office_and_the_totals_and_books_nothing(
    officer, settled_yesterday, counter_ready
):
    entries = JournalEntry.objects.count()
    page = officer.get(reverse("treasury:settlement_preview"), settled_yesterday)
    html = page.content.decode()
    plan = page.context["plan"]
    assert [line.office for line in plan.lines] == [counter_ready]
    assert plan.totals["net"] == 3 * SHARE
    assert f'data-office="{counter_ready.code}"' in html
    assert 'data-testid="settlement-totals"' in html
    assert "۹۹۰٬۰۰۰ ریال" in html  # three fee shares of 330,000
    assert 'data-testid="settlement-confirm"' in html
    assert not Settlement.objects.exists()
    assert JournalEntry.objects.count() == entries
    assert Payment.objects.filter(settlement__isnull=False).count() == 0


def test_confirming_the_settlement_creates_exactly_one(officer, settled_yesterday):
    url = reverse("treasury:settlement_preview")
    done = officer.post(url, settled_yesterday, follow=True)
    settlement = Settlement.objects.get()
    assert done.redirect_chain[-1][0] == reverse("treasury:settlement", args=[settlement.pk])
    assert any("۹۹۰٬۰۰۰ ریال" in message for message in _messages(done))
    again = officer.post(url, settled_yesterday)
    assert again.status_code == 200
    assert again.context["form"].errors  # the period is already settled
    assert Settlement.objects.count() == 1


@pytest.mark.parametrize(
    "period",
    [
        {"period_start": "1405/13/01", "period_end": "1405/01/01"},  # no such month
        {"period_start": "", "period_end": ""},
    ],
)
def test_a_bad_period_is_refused_and_changes_nothing(officer, settled_yesterday, period):
    for method in (officer.get, officer.post):
        page = method(reverse("treasury:settlement_preview"), period)
        assert page.context["form"].errors
        assert 'data-testid="settlement-confirm"' not in page.content.decode()
    assert not Settlement.objects.exists()


def test_a_period_that_ends_before_it_starts_or_today_is_refused(officer, settled_yesterday):
    url = reverse("treasury:settlement_preview")
    reversed_period = {"period_start": jalali(days_ago(1)), "period_end": jalali(days_ago(3))}
    today = {"period_start": jalali(days_ago(1)), "period_end": jalali(timezone.localdate())}
    for period in (reversed_period, today):
        assert officer.post(url, period).context["form"].errors
        assert officer.get(url, period).context["plan"] is None
    assert not Settlement.objects.exists()


def test_the_settlement_list_is_paged(officer):
    for n in range(1, 28):
        services.settlement_run(
            actor=Actor.system("test"), period_start=days_ago(n), period_end=days_ago(n)
        )
    first = officer.get(reverse("treasury:settlements"))
    assert len(first.context["page"]) == 25
    second = officer.get(reverse("treasury:settlements"), {"page": 2})
    assert len(second.context["page"]) == 2
    assert "?page=2" in first.content.decode()
    shown = {s.pk for s in first.context["page"]} | {s.pk for s in second.context["page"]}
    assert shown == set(Settlement.objects.values_list("pk", flat=True))


# --- the summary --------------------------------------------------------------------------------


def test_the_summary_groups_by_jalali_month_across_a_gregorian_month_boundary(
    paid_office_files,
):
    a, b, c = paid_office_files
    tehran = timezone.get_current_timezone()

    def confirmed(payment, day: str, hour: int = 12):
        moment = datetime.datetime.combine(
            datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=tehran
        )
        Payment.objects.filter(pk=payment.pk).update(confirmed_at=moment)

    confirmed(a, "2026-11-30")  # 1405/09/09, Azar
    confirmed(b, "2026-12-01", hour=0)  # 1405/09/10, Azar (00:30 UTC of 30 November is too)
    confirmed(c, "2026-12-22")  # 1405/10/01, Dey
    months = selectors.monthly_summary(today=datetime.date(2026, 12, 25))
    assert [(m.month.year, m.month.month) for m in months] == [(1405, 10), (1405, 9)]
    assert [m.count for m in months] == [1, 2]
    assert months[1].total == a.amount + b.amount
    assert [m.month.name for m in months] == ["دی ۱۴۰۵", "آذر ۱۴۰۵"]
    assert months[1].channels[0]["label"] == "کارت در دفتر (کارت‌خوان)"


def test_the_summary_page_shows_month_names_and_labels_not_codes(
    client, personas, paid_office_files
):
    client.force_login(personas.council)
    html = client.get(reverse("treasury:summary")).content.decode()
    month = selectors.JalaliMonth.of(timezone.localdate()).name
    assert month in html
    assert ">pos<" not in html
    assert ">requested<" not in html
    assert "درخواست‌شده" in html


def test_the_dashboard_names_channels(officer, paid_office_files):
    html = officer.get(reverse("treasury:dashboard")).content.decode()
    table = html.split('data-testid="by-channel"')[1].split("</table>")[0]
    assert ">pos<" not in table
    assert "کارت" in table


def test_the_import_page_explains_the_formats_itself(officer, treasury_account):
    html = officer.get(reverse("treasury:reconciliation")).content.decode()
    assert 'data-testid="statement-format"' in html
    assert "docs/" not in html
    assert ".md" not in html


def test_the_dashboard_shows_each_ledger_account_by_its_name(officer, paid_office_files):
    Beneficiary.objects.update_or_create(  # the catalogue fixture may have it
        key="revenue:building-permit-duty",
        defaults={
            "name_fa": "درآمد عوارض صدور پروانه ساختمانی",
            "name_en": "Building-permit duty revenue",
        },
    )
    html = officer.get(reverse("treasury:dashboard")).content.decode()
    table = html.split('data-testid="account-balances"')[1].split("</table>")[0]
    assert "درآمد عوارض صدور پروانه ساختمانی" in table
    assert ">revenue:" not in table
    assert ">clearing:pos" not in table
    revenue = next(
        row for row in selectors.account_balances() if row["code"].startswith("revenue:")
    )
    assert revenue["balance"] > 0  # a credit account shows what it earned, not a minus


def test_the_treasury_position_agrees_with_each_accounts_balance_in_one_query(
    paid_office_files, django_assert_num_queries
):
    from daftar.treasury.models import Account
    from daftar.treasury.services.ledger import SUSPENSE, TREASURY, balance

    with django_assert_num_queries(1):
        position = selectors.treasury_position()
    clearing = sum(balance(a.code) for a in Account.objects.filter(kind="clearing"))
    owed = -sum(balance(a.code) for a in Account.objects.filter(kind="office_payable"))
    assert position["clearing"] == clearing == 3 * paid_office_files[0].amount
    assert position["owed_to_offices"] == owed == 3 * SHARE
    assert position["bank"] == balance(TREASURY)
    assert position["suspense"] == -balance(SUSPENSE)
    before = selectors.treasury_position(as_of=days_ago(1))
    assert before["clearing"] == before["owed_to_offices"] == 0
