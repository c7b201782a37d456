"""Penalties on offices: recorded on an adopted sanction decision, deducted from the office's fee
share by the next settlements (what does not fit waits), booked to the penalties revenue head."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance import services as governance
from daftar.governance.choices import DecisionKind
from daftar.governance.models import DecisionEffect
from daftar.treasury import services
from daftar.treasury.choices import PaymentStatus
from daftar.treasury.models import Payment, Penalty, PenaltyDeduction, Settlement
from daftar.treasury.services.ledger import PENALTIES, TREASURY, balance, unbalanced_entries

pytestmark = pytest.mark.django_db

SHEBA = "IR062960000000100324200001"
SHARE = 330_000  # the office's 15% of a 2,200,000-rial building-permit file


@pytest.fixture
def sanction(adopt_decision):
    return adopt_decision(DecisionKind.SANCTION, "کسر مغایرت از سهم دفتر")


@pytest.fixture
def office(counter_ready):
    counter_ready.sheba = SHEBA
    counter_ready.save()
    return counter_ready


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def reconciled_on(payments, day: datetime.date) -> None:
    """The payments as the day's reconciliation leaves them (reconciliation itself is tested in
    test_reconciliation; settlements need only the status and the day)."""
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())
    Payment.objects.filter(pk__in=[p.pk for p in payments]).update(
        status=PaymentStatus.RECONCILED, confirmed_at=noon
    )


def settle(day: datetime.date) -> Settlement:
    return services.settlement_run(actor=Actor.system("test"), period_start=day, period_end=day)


def record(personas, office, decision, /, **overrides):
    """penalty_record by the treasury officer, with any argument overridden."""
    values = {
        "actor": Actor.for_user(personas.treasury),
        "office": office,
        "amount": 200_000,
        "reason": "مغایرت رفع‌نشده",
        "decision": decision,
    }
    return services.penalty_record(**{**values, **overrides})


# --- recording ------------------------------------------------------------------------------


def test_a_treasury_officer_records_a_penalty_on_a_sanction_decision(personas, office, sanction):
    penalty = record(personas, office, sanction, amount=250_000, reason="  مغایرت بهمن  ")
    assert (penalty.office, penalty.amount, penalty.reason) == (office, 250_000, "مغایرت بهمن")
    assert (penalty.decision, penalty.recorded_by) == (sanction, personas.treasury)
    assert (penalty.deducted, penalty.outstanding, penalty.settlement_line) == (0, 250_000, None)
    entry = AuditEntry.objects.get(action="penalty.recorded")
    assert entry.stream == "treasury"
    assert entry.after["amount"] == 250_000
    assert entry.after["decision"] == sanction.number
    assert DecisionEffect.objects.filter(decision=sanction, object_id=str(penalty.pk)).exists()


@pytest.fixture
def draft_sanction(committee):
    return governance.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.SANCTION,
        subject="پیش‌نویس",
        body="متن",
        decided_on=datetime.date(2025, 12, 1),
    )


@pytest.mark.parametrize(
    ("overrides", "field", "says"),
    [
        ({"amount": 0}, "amount", "more than zero"),
        ({"amount": -5_000}, "amount", "more than zero"),
        ({"amount": 1_500.5}, "amount", "whole number"),
        ({"amount": "200000"}, "amount", "whole number"),
        ({"amount": True}, "amount", "whole number"),
        ({"amount": 10**16}, "amount", "larger than"),
        ({"reason": ""}, "reason", "reason"),
        ({"reason": "   "}, "reason", "reason"),
        ({"reason": "x" * 301}, "reason", "300"),
        ({"decision": None}, "decision", "adopted decision"),
        ({"office": None}, "office", "office"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(
    personas, office, sanction, overrides, field, says
):
    audit_entries = AuditEntry.objects.count()
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        record(personas, office, sanction, **overrides)
    assert caught.value.field == field
    with translation.override("en"):
        assert says in caught.value.render()
    assert not Penalty.objects.exists()
    assert AuditEntry.objects.count() == audit_entries


def test_a_decision_that_is_not_adopted_is_refused(personas, office, draft_sanction):
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        record(personas, office, draft_sanction)
    assert caught.value.code == "decision_not_adopted"
    with translation.override("en"):
        assert "is not adopted" in caught.value.render()
    assert not Penalty.objects.exists()


def test_a_decision_that_is_not_a_sanction_is_refused(personas, office, adopt_decision):
    tariff = adopt_decision(DecisionKind.TARIFF, "تعرفه")
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        record(personas, office, tariff)
    assert caught.value.code == "decision_wrong_kind"
    with translation.override("en"):
        assert "needs a Sanction decision" in caught.value.render()
    assert not Penalty.objects.exists()


@pytest.mark.parametrize("persona", ["operator_a", "manager_a", "reviewer", "committee", "admin"])
def test_only_a_treasury_officer_records_a_penalty(personas, office, sanction, persona):
    with pytest.raises(Forbidden):
        record(personas, office, sanction, actor=Actor.for_user(getattr(personas, persona)))
    assert not Penalty.objects.exists()


def test_a_decision_imposes_one_penalty_per_office(personas, office, sanction):
    record(personas, office, sanction)
    with pytest.raises(Conflict) as caught:
        record(personas, office, sanction)
    assert caught.value.code == "duplicate"
    assert Penalty.objects.count() == 1
    record(personas, personas.office_b, sanction)  # the same decision may fine another office
    assert Penalty.objects.count() == 2


# --- deduction by the settlements -------------------------------------------------------------


def test_the_next_settlement_deducts_the_penalty_and_books_it_as_revenue(
    personas, office, sanction, paid_office_files
):
    # Given three reconciled card payments yesterday (990,000 rials of fee share) and a penalty
    reconciled_on(paid_office_files, days_ago(1))
    penalty = record(personas, office, sanction, amount=200_000)
    # When the day is settled
    settlement = settle(days_ago(1))
    # Then the line shows the deduction and pays the rest
    line = settlement.lines.get()
    assert (line.fee_share, line.penalties, line.net) == (3 * SHARE, 200_000, 790_000)
    penalty.refresh_from_db()
    assert (penalty.deducted, penalty.outstanding, penalty.settlement_line) == (200_000, 0, line)
    assert list(penalty.deductions.values_list("line", "amount")) == [(line.pk, 200_000)]
    # and the books: the office is owed nothing, the bank paid the net, revenue got the penalty
    assert balance("payable:office:T0101") == 0
    assert balance(PENALTIES) == -200_000
    assert balance(TREASURY) == -790_000
    assert {p.account.code: p.amount for p in settlement.entry.postings.all()} == {
        "payable:office:T0101": 990_000,
        TREASURY: -790_000,
        PENALTIES: -200_000,
    }
    assert unbalanced_entries() == []
    assert ",790000,T0101," in services.settlement_bank_file(settlement)


def test_a_penalty_larger_than_the_share_takes_what_fits_and_the_rest_waits(
    personas, office, sanction, paid_office_files
):
    first, *rest = paid_office_files
    reconciled_on([first], days_ago(3))
    reconciled_on(rest, days_ago(2))
    penalty = record(personas, office, sanction, amount=500_000)

    # The first settlement has 330,000 rials for the office: all of it goes to the penalty.
    earlier = settle(days_ago(3))
    line = earlier.lines.get()
    assert (line.fee_share, line.penalties, line.net) == (SHARE, SHARE, 0)
    penalty.refresh_from_db()
    assert (penalty.deducted, penalty.outstanding) == (SHARE, 170_000)
    assert penalty.settlement_line is None
    assert "T0101" not in services.settlement_bank_file(earlier)  # nothing to transfer
    assert balance("payable:office:T0101") == -2 * SHARE  # the next day's shares, still owed

    # The next settlement takes the remaining 170,000 rials and pays the rest.
    later = settle(days_ago(2))
    line = later.lines.get()
    assert (line.fee_share, line.penalties, line.net) == (2 * SHARE, 170_000, 490_000)
    penalty.refresh_from_db()
    assert (penalty.deducted, penalty.settlement_line) == (500_000, line)
    assert sorted(penalty.deductions.values_list("amount", flat=True)) == [170_000, SHARE]
    assert balance(PENALTIES) == -500_000
    assert balance("payable:office:T0101") == 0
    assert unbalanced_entries() == []


def test_a_penalty_is_never_deducted_twice(personas, office, sanction, paid_office_files):
    first, *rest = paid_office_files
    reconciled_on([first], days_ago(3))
    reconciled_on(rest, days_ago(2))
    penalty = record(personas, office, sanction, amount=100_000)
    settle(days_ago(3))
    later = settle(days_ago(2)).lines.get()
    assert (later.penalties, later.net) == (0, 2 * SHARE)
    assert PenaltyDeduction.objects.count() == 1
    penalty.refresh_from_db()
    assert penalty.deducted == 100_000
    # The database refuses a second deduction by the same line, or beyond the amount.
    with pytest.raises(IntegrityError), transaction.atomic():
        PenaltyDeduction.objects.create(penalty=penalty, line=penalty.settlement_line, amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penalty.objects.filter(pk=penalty.pk).update(deducted=100_001)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penalty.objects.filter(pk=penalty.pk).update(settlement_line=None)


def test_penalties_are_deducted_oldest_first(personas, office, adopt_decision, paid_office_files):
    reconciled_on(paid_office_files, days_ago(1))
    older = record(personas, office, adopt_decision(DecisionKind.SANCTION), amount=900_000)
    newer = record(personas, office, adopt_decision(DecisionKind.SANCTION), amount=400_000)
    line = settle(days_ago(1)).lines.get()
    assert (line.penalties, line.net) == (3 * SHARE, 0)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.outstanding, newer.outstanding) == (0, 310_000)
    assert older.settlement_line == line
    assert newer.settlement_line is None


def test_an_office_with_nothing_to_settle_keeps_its_penalty(
    personas, office, sanction, paid_office_files
):
    reconciled_on(paid_office_files, days_ago(1))
    penalty = record(personas, personas.office_b, sanction, amount=50_000)
    line = settle(days_ago(1)).lines.get()
    assert (line.office, line.penalties) == (office, 0)
    penalty.refresh_from_db()
    assert (penalty.deducted, penalty.settlement_line) == (0, None)
    assert balance(PENALTIES) == 0


# --- pages ------------------------------------------------------------------------------------


def test_the_officer_records_a_penalty_from_the_penalties_page(client, personas, office, sanction):
    client.force_login(personas.treasury)
    page = client.get(reverse("treasury:penalties"))
    assert page.status_code == 200
    assert sanction.subject in page.content.decode()  # offered in the decision choice
    response = client.post(
        reverse("treasury:penalties"),
        {"office": office.code, "amount": "۲۵۰۰۰۰", "decision": sanction.pk, "reason": "مغایرت"},
    )
    assert response.status_code == 302
    penalty = Penalty.objects.get()
    assert (penalty.office, penalty.amount, penalty.recorded_by) == (
        office,
        250_000,
        personas.treasury,
    )
    listing = client.get(response.url).content.decode()
    assert f'data-penalty="{penalty.pk}"' in listing


def test_the_form_offers_only_adopted_sanction_decisions(
    client, personas, office, sanction, draft_sanction, adopt_decision
):
    tariff = adopt_decision(DecisionKind.TARIFF, "تعرفه آزمایشی")
    client.force_login(personas.treasury)
    response = client.post(
        reverse("treasury:penalties"),
        {"office": office.code, "amount": "1000", "decision": tariff.pk, "reason": "r"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["decision"]
    choices = {d.pk for d in response.context["form"].fields["decision"].queryset}
    assert choices == {sanction.pk}
    assert draft_sanction.pk not in choices
    assert not Penalty.objects.exists()


def test_a_refused_penalty_shows_the_services_message_on_the_field(
    client, personas, office, sanction
):
    record(personas, office, sanction)
    client.force_login(personas.treasury)
    response = client.post(
        reverse("treasury:penalties"),
        {"office": office.code, "amount": "1000", "decision": sanction.pk, "reason": "دوباره"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Penalty.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["citizen", "operator_a", "manager_a", "reviewer", "committee", "council", "admin"]
)
def test_the_penalties_page_is_for_treasury_officers_only(
    client, personas, office, sanction, persona
):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("treasury:penalties")).status_code == 404
    response = client.post(
        reverse("treasury:penalties"),
        {"office": office.code, "amount": "1000", "decision": sanction.pk, "reason": "r"},
    )
    assert response.status_code == 404
    assert not Penalty.objects.exists()


def test_recording_a_penalty_needs_the_csrf_token(personas, office, sanction):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.treasury)
    response = browser.post(
        reverse("treasury:penalties"),
        {"office": office.code, "amount": "1000", "decision": sanction.pk, "reason": "r"},
    )
    assert response.status_code == 403
    assert not Penalty.objects.exists()


def test_the_penalties_list_takes_a_fixed_number_of_queries(
    client, personas, office, adopt_decision, paid_office_files, django_assert_max_num_queries
):
    reconciled_on(paid_office_files, days_ago(1))
    for amount in (100_000, 200_000, 2_000_000):
        decision = adopt_decision(DecisionKind.SANCTION)
        record(personas, office, decision, amount=amount)
        record(personas, personas.office_b, decision, amount=amount)
    settle(days_ago(1))
    client.force_login(personas.treasury)
    # Two lists a page at a time: each counts its rows once (two of the twelve queries).
    with django_assert_max_num_queries(12):
        page = client.get(reverse("treasury:penalties"))
    assert page.content.decode().count("data-penalty=") == 6


def test_the_office_manager_sees_only_the_own_offices_penalties(
    client, personas, office, sanction, paid_office_files
):
    reconciled_on(paid_office_files, days_ago(1))
    record(personas, office, sanction, amount=1_200_000, reason="مغایرت دفتر یک")
    record(personas, personas.office_b, sanction, amount=70_000, reason="مغایرت دفتر شش")
    settle(days_ago(1))
    client.force_login(personas.manager_a)
    page = client.get(reverse("treasury:office_statement")).content.decode()
    assert "مغایرت دفتر یک" in page
    assert "مغایرت دفتر شش" not in page
    assert "۹۹۰٬۰۰۰" in page  # deducted in the settlement, shown on its line
    assert "۲۱۰٬۰۰۰" in page  # still outstanding
    client.force_login(personas.operator_a)
    assert client.get(reverse("treasury:office_statement")).status_code == 404


# --- cancellation (a sanction annulled, e.g. on appeal) ---------------------------------------


def cancel(personas, penalty, decision, /, **overrides):
    values = {"actor": Actor.for_user(personas.treasury), "penalty": penalty, "decision": decision}
    return services.penalty_cancel(**{**values, **overrides})


def test_a_cancelled_penalty_stops_and_its_deducted_part_is_paid_back_by_the_next_settlement(
    personas, office, sanction, adopt_decision, paid_office_files
):
    # Given a 500,000-rial penalty of which one settlement deducted 330,000
    first, *rest = paid_office_files
    reconciled_on([first], days_ago(3))
    reconciled_on(rest, days_ago(2))
    penalty = record(personas, office, sanction, amount=500_000)
    settle(days_ago(3))
    # When the committee annuls it
    annulment = adopt_decision(DecisionKind.SANCTION, "ابطال جریمه پس از پذیرش اعتراض")
    cancel(personas, penalty, annulment)
    # Then nothing more is owed, the deducted part is credited back to the office now
    penalty.refresh_from_db()
    assert (penalty.returned, penalty.outstanding, penalty.cancel_decision) == (SHARE, 0, annulment)
    assert balance(PENALTIES) == 0
    assert balance("payable:office:T0101") == -3 * SHARE  # two days' shares + the return
    assert unbalanced_entries() == []
    effect = DecisionEffect.objects.get(decision=annulment)
    assert "T0101" in str(effect)
    entry = AuditEntry.objects.get(action="penalty.cancelled")
    assert (entry.after["returned"], entry.after["decision"]) == (SHARE, annulment.number)
    # and the next settlement deducts nothing and pays the return with the day's shares
    line = settle(days_ago(2)).lines.get()
    assert (line.fee_share, line.penalties, line.penalties_returned) == (2 * SHARE, 0, SHARE)
    assert line.net == 3 * SHARE
    penalty.refresh_from_db()
    assert penalty.return_line == line
    assert balance("payable:office:T0101") == 0
    assert unbalanced_entries() == []
    # A later settlement pays it back no second time.
    assert Penalty.objects.filter(return_line__isnull=True, returned__gt=0).count() == 0


def test_a_cancelled_penalty_nothing_of_which_was_deducted_just_stops(
    personas, office, sanction, adopt_decision, paid_office_files
):
    penalty = record(personas, office, sanction, amount=200_000)
    cancel(personas, penalty, adopt_decision(DecisionKind.SANCTION, "ابطال"))
    reconciled_on(paid_office_files, days_ago(1))
    line = settle(days_ago(1)).lines.get()
    assert (line.penalties, line.penalties_returned, line.net) == (0, 0, 3 * SHARE)
    penalty.refresh_from_db()
    assert (penalty.deducted, penalty.returned, penalty.return_line) == (0, 0, None)
    assert balance(PENALTIES) == 0


def test_an_office_owed_only_a_return_is_paid_it(
    personas, office, sanction, adopt_decision, paid_office_files
):
    # Given a penalty wholly deducted by the office's only settlement, then annulled
    reconciled_on(paid_office_files, days_ago(3))
    penalty = record(personas, office, sanction, amount=100_000)
    settle(days_ago(3))
    cancel(personas, penalty, adopt_decision(DecisionKind.SANCTION, "ابطال"))
    # When a later period with no payment of the office is settled
    settlement = settle(days_ago(2))
    # Then the office gets a line that pays the return back
    line = settlement.lines.get()
    assert (line.fee_share, line.payments, line.penalties_returned, line.net) == (
        0,
        0,
        100_000,
        100_000,
    )
    assert ",100000,T0101," in services.settlement_bank_file(settlement)
    assert balance("payable:office:T0101") == 0


def test_cancelling_needs_a_sanction_decision_the_right_person_and_happens_once(
    personas, office, sanction, adopt_decision
):
    penalty = record(personas, office, sanction, amount=200_000)
    annulment = adopt_decision(DecisionKind.SANCTION, "ابطال")
    with pytest.raises(InvalidInput):
        cancel(personas, penalty, None)
    with pytest.raises(InvalidInput):
        cancel(personas, penalty, adopt_decision(DecisionKind.TARIFF, "تعرفه"))
    for outsider in (personas.operator_a, personas.manager_a, personas.council):
        with pytest.raises(Forbidden):
            cancel(personas, penalty, annulment, actor=Actor.for_user(outsider))
    penalty.refresh_from_db()
    assert penalty.cancelled_at is None
    assert not AuditEntry.objects.filter(action="penalty.cancelled").exists()
    # The committee's secretary, recording the decision, may cancel it; a second time is refused.
    cancel(personas, penalty, annulment, actor=Actor.for_user(personas.committee))
    with pytest.raises(Conflict) as caught:
        cancel(personas, penalty, annulment)
    assert caught.value.code == "penalty_already_cancelled"
    assert AuditEntry.objects.filter(action="penalty.cancelled").count() == 1
    # The database refuses a cancellation that does not return what was deducted.
    with pytest.raises(IntegrityError), transaction.atomic():
        Penalty.objects.filter(pk=penalty.pk).update(returned=5)


def test_the_statement_and_the_penalties_page_say_a_penalty_was_cancelled_and_paid_back(
    client, personas, office, sanction, adopt_decision, paid_office_files
):
    reconciled_on(paid_office_files, days_ago(2))
    penalty = record(personas, office, sanction, amount=100_000)
    settle(days_ago(2))
    cancel(personas, penalty, adopt_decision(DecisionKind.SANCTION, "ابطال"))
    settle(days_ago(1))
    with translation.override("fa"):
        for user, url in (
            (personas.manager_a, reverse("treasury:office_statement")),
            (personas.treasury, reverse("treasury:penalties")),
        ):
            client.force_login(user)
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="fa").content.decode()
            assert 'data-testid="penalty-cancelled"' in page
            assert "۱۰۰٬۰۰۰ ریال که پیش‌تر کسر شده بود بازپرداخت می‌شود" in page
            assert "جریمه‌های لغوشده‌ی بازپرداخت‌شده" in page or user == personas.treasury
