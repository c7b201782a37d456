"""Importing a statement set-based: every line classified by the one-line-at-a-time rules, the
day booked in aggregate, payments moved in bulk under row locks, files read as a stream."""

from __future__ import annotations

import datetime
import io
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.errors import Conflict
from daftar.treasury import services
from daftar.treasury.models import (
    JournalEntry,
    Payment,
    Settlement,
    StatementImport,
    StatementLine,
)
from daftar.treasury.services.ledger import (
    SUSPENSE,
    TREASURY,
    balance,
    unbalanced_entries,
)
from daftar.treasury.services.reconciliation import StatementRejected
from daftar.treasury.statements import StatementInvalid, parse_statement
from daftar.treasury.tests.conftest import statement_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def slip_payment(personas, catalogue, treasury_account):
    """A bank slip for a file opened on the web (the slip channel)."""
    file = open_file(personas, catalogue)
    return services.payment_record_slip(
        actor=Actor.for_user(personas.treasury),
        file=file,
        bank_reference="SLIP-9",
        amount=file.amount,
    ).payment


def _lines(statement):
    return [
        (line.line_no, line.match, line.payment_id, line.settlement_line_id)
        for line in StatementLine.objects.filter(statement=statement).order_by("line_no")
    ]


def test_every_line_is_classified_by_the_rules_a_line_meets_in_turn(
    paid_office_files, slip_payment, personas, catalogue
):
    # Given payments in every state a line can name
    a, b, c = paid_office_files
    pending, _url = services.payment_start_gateway(
        actor=Actor.for_user(personas.citizen),
        file=open_file(personas, catalogue),
        callback_url="/cb/",
    )
    reconciled_before = statement_csv([(c.amount, c.reference)])
    services.statement_import(actor=Actor.system("x"), data=reconciled_before, format="csv")
    lines = [
        (a.amount, a.reference),  # 6: matched
        (b.amount - 1, b.reference),  # 7: amount differs
        (b.amount, b.reference),  # 8: a reference already in the file: duplicate
        (c.amount, c.reference),  # 9: reconciled by the first statement: duplicate
        (pending.amount, pending.reference),  # 10: not confirmed: in the bank only
        (-a.amount, "UNKNOWN"),  # 11: in the bank only
        (700, "UNKNOWN"),  # 12: repeats line 11's reference: duplicate
        (-25_000, ""),  # 13: bank charges: in the bank only
        (-25_000, ""),  # 14: no reference is never a repeat: in the bank only
        (slip_payment.amount, slip_payment.reference),  # 15: matched
        (-slip_payment.amount, slip_payment.reference),  # 16: repeat: duplicate
    ]
    opening = c.amount
    # When the day's second statement is imported
    record = services.statement_import(
        actor=Actor.system("x"), data=statement_csv(lines, opening=opening), format="csv"
    )
    # Then each line has the match, and the payment, the rules give it
    assert _lines(record) == [
        (6, "matched", a.pk, None),
        (7, "amount_mismatch", b.pk, None),
        (8, "duplicate", None, None),
        (9, "duplicate", c.pk, None),
        (10, "bank_only", None, None),
        (11, "bank_only", None, None),
        (12, "duplicate", None, None),
        (13, "bank_only", None, None),
        (14, "bank_only", None, None),
        (15, "matched", slip_payment.pk, None),
        (16, "duplicate", None, None),
    ]
    statuses = dict(Payment.objects.values_list("reference", "status"))
    assert statuses[a.reference] == statuses[slip_payment.reference] == "reconciled"
    assert statuses[b.reference] == "confirmed"
    assert statuses[pending.reference] == "pending"


def test_the_day_is_booked_in_aggregate_per_channel_and_to_suspense(
    paid_office_files, slip_payment
):
    a, b, c = paid_office_files
    lines = [
        (a.amount, a.reference),
        (b.amount, b.reference),
        (slip_payment.amount, slip_payment.reference),
        (c.amount + 5, c.reference),  # to suspense
        (-40_000, ""),  # to suspense, a debit
    ]
    record = services.statement_import(
        actor=Actor.system("x"), data=statement_csv(lines), format="csv"
    )
    # One deposit entry per channel, one suspense entry; each line points to its entry
    deposits = JournalEntry.objects.filter(kind="deposit").order_by("pk")  # pos, slip
    assert [entry.postings.get(account__code=TREASURY).amount for entry in deposits] == [
        a.amount + b.amount,
        slip_payment.amount,
    ]
    suspense = JournalEntry.objects.get(kind="suspense")
    assert sorted(p.amount for p in suspense.postings.filter(account__code=TREASURY)) == [
        -40_000,
        c.amount + 5,
    ]
    entries = dict(
        StatementLine.objects.filter(statement=record).values_list("line_no", "entry__memo")
    )
    assert entries[6] == entries[7] != entries[8]
    assert entries[9] == entries[10] == suspense.memo
    assert balance(TREASURY) == sum(amount for amount, _ref in lines)
    assert balance(SUSPENSE) == -(c.amount + 5 - 40_000)
    assert balance("clearing:pos") == c.amount  # collected, not yet in the bank
    assert unbalanced_entries() == []
    # The matched payments are stamped as payment_move stamps them
    a.refresh_from_db()
    assert a.status == "reconciled"
    assert a.deposited_at is not None
    assert a.reconciled_at is not None


def test_a_line_resolved_later_still_gets_its_own_entry(paid_office_files, personas):
    a, b, _c = paid_office_files
    services.statement_import(
        actor=Actor.system("x"),
        format="csv",
        data=statement_csv([(a.amount, a.reference), (b.amount, "B?")]),
    )
    line = StatementLine.objects.get(reference="B?")
    services.statement_line_resolve(
        actor=Actor.for_user(personas.treasury), line=line, payment=b, resolution="b"
    )
    assert JournalEntry.objects.filter(kind="deposit").count() == 2
    assert balance(SUSPENSE) == 0


def test_the_import_writes_one_audit_entry_with_its_counts(paid_office_files):
    a, b, c = paid_office_files
    lines = [(a.amount, a.reference), (b.amount, b.reference), (1, "X"), (c.amount, "Y")]
    services.statement_import(actor=Actor.system("x"), data=statement_csv(lines), format="csv")
    entry = AuditEntry.objects.get(action="statement.imported")
    assert entry.after["counts"] == {
        "matched": 2,
        "bank_only": 2,
        "amount_mismatch": 0,
        "duplicate": 0,
    }
    assert entry.after["lines"] == 4
    assert AuditEntry.objects.filter(action__startswith="statement.").count() == 1


def test_a_file_object_is_read_in_pieces_and_gives_the_same_import(paid_office_files, monkeypatch):
    from daftar.treasury.statements import common

    a, b, _c = paid_office_files
    data = statement_csv([(a.amount, a.reference), (b.amount, b.reference)])
    monkeypatch.setattr(common, "CHUNK_BYTES", 7)
    record = services.statement_import(actor=Actor.system("x"), data=io.BytesIO(data), format="csv")
    assert [match for _n, match, _p, _s in _lines(record)] == ["matched", "matched"]
    with pytest.raises(Conflict) as caught:  # the same bytes, however they come
        services.statement_import(actor=Actor.system("x"), data=data, format="csv")
    assert caught.value.code == "duplicate"


def test_a_refused_file_reports_what_parsing_it_whole_reports_and_imports_nothing(
    paid_office_files,
):
    a = paid_office_files[0]
    data = statement_csv(
        [(a.amount, a.reference), (100, "A"), (200, "B"), (300, "C")], opening=0
    ).replace(b",100,A,B2,", b",1x0,A,B2,")
    data = data.replace(b",B3,", b",B1,").replace(b",B4,", b",,")  # a repeat, a missing one
    with pytest.raises(StatementInvalid) as whole:
        parse_statement(data, format="csv")
    with pytest.raises(StatementRejected) as caught:
        services.statement_import(actor=Actor.system("x"), data=data, format="csv")
    assert [(e.line_no, e.field, str(e.message)) for e in caught.value.errors] == [
        (e.line_no, e.field, str(e.message)) for e in whole.value.errors
    ]
    assert [(e.line_no, e.field) for e in caught.value.errors] == [
        (7, "amount"),
        (8, "bank_reference"),
        (9, "bank_reference"),
    ]
    assert not StatementImport.objects.exists()
    assert not JournalEntry.objects.filter(kind__in=["deposit", "suspense"]).exists()
    # and the next import on the same connection finds its working tables free
    services.statement_import(
        actor=Actor.system("x"), data=statement_csv([(a.amount, a.reference)]), format="csv"
    )


def test_a_payment_that_changes_during_the_import_stops_it(paid_office_files, monkeypatch):
    from daftar.treasury.services import staging

    a, b, _c = paid_office_files
    classify = staging.StatementStage._classify

    def classify_then_dishonour(stage):
        classify(stage)
        Payment.objects.filter(pk=b.pk).update(status="dishonoured")  # meanwhile, elsewhere

    monkeypatch.setattr(staging.StatementStage, "_classify", classify_then_dishonour)
    data = statement_csv([(a.amount, a.reference), (b.amount, b.reference)])
    with pytest.raises(Conflict) as caught:
        services.statement_import(actor=Actor.system("x"), data=data, format="csv")
    assert caught.value.code == "payments_changed"
    assert not StatementLine.objects.exists()
    a.refresh_from_db()
    assert a.status == "confirmed"


def test_settlement_payouts_match_once_even_written_another_way(paid_office_files, counter_ready):
    counter_ready.sheba = "IR062960000000100324200001"
    counter_ready.save()
    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)
    yesterday = two_days_ago + datetime.timedelta(days=1)
    services.statement_import(
        actor=Actor.system("x"),
        format="csv",
        data=statement_csv([(p.amount, p.reference) for p in paid_office_files], day=two_days_ago),
    )
    Payment.objects.update(confirmed_at=timezone.now() - datetime.timedelta(days=2))
    settlement = services.settlement_run(
        actor=Actor.system("x"),
        period_start=two_days_ago,
        period_end=two_days_ago,
        paid_on=yesterday,
    )
    net = settlement.lines.get().net
    lines = [
        (-net, f"STL-{settlement.pk}-T0101"),  # the payout
        (-net, f"STL-0{settlement.pk}-T0101"),  # the same payout again
        (-net + 1, f"STL-{settlement.pk}-T0601"),  # no such payout: in the bank only
    ]
    opening = sum(p.amount for p in paid_office_files)
    record = services.statement_import(
        actor=Actor.system("x"),
        format="csv",
        data=statement_csv(lines, opening=opening, day=yesterday),
    )
    payout = Settlement.objects.get().lines.get().pk
    assert _lines(record) == [
        (6, "matched", None, payout),
        (7, "duplicate", None, None),
        (8, "bank_only", None, None),
    ]
    assert StatementLine.objects.get(line_no=6, statement=record).entry_id is None
    assert unbalanced_entries() == []


def test_the_day_page_shows_totals_and_pages_the_lines_to_explain(
    client, personas, paid_office_files, django_assert_max_num_queries
):
    a = paid_office_files[0]
    lines = [(a.amount, a.reference)] + [(1_000 + n, f"WHO-{n}") for n in range(120)]
    services.statement_import(actor=Actor.system("x"), data=statement_csv(lines), format="csv")
    client.force_login(personas.treasury)
    url = reverse("treasury:day", args=[timezone.localdate().isoformat()])
    with django_assert_max_num_queries(25):
        first = client.get(url).content.decode()
    assert first.count("data-line=") == 50
    assert "WHO-0<" in first
    assert "WHO-50<" not in first
    last = client.get(url + "?page=3").content.decode()
    assert last.count("data-line=") == 20
    assert "WHO-119<" in last


def test_the_report_aggregates_and_close_checks_exactly(paid_office_files, personas):
    a, b, c = paid_office_files
    services.statement_import(
        actor=Actor.system("x"),
        format="csv",
        data=statement_csv([(a.amount, a.reference), (5, "?")]),
    )
    report = services.reconciliation_report(timezone.localdate())
    assert report["counts"]["matched"] == 1
    assert report["totals"]["bank_only"] == 5
    assert report["statement_total"] == a.amount + 5
    assert report["outstanding_count"] == 2
    assert report["outstanding_total"] == b.amount + c.amount
    assert [p.reference for p in report["outstanding"]] == [b.reference, c.reference]
    assert report["unresolved_count"] == 1
    services.statement_line_resolve(
        actor=Actor.for_user(personas.treasury),
        line=report["unresolved"].get(),
        resolution="a gift",
    )
    day = services.reconciliation_close(
        actor=Actor.for_user(personas.treasury), day=timezone.localdate()
    )
    assert day.report["outstanding"] == [b.reference, c.reference]
    assert day.report["counts"]["bank_only"] == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_payment_locked_elsewhere_is_waited_for_and_rechecked(paid_office_files):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    a, b, _c = paid_office_files
    locked, errors = threading.Event(), []

    def dishonour_b_slowly():
        try:
            with transaction.atomic():
                Payment.objects.select_for_update().get(pk=b.pk)
                locked.set()
                time.sleep(1)  # the import classifies meanwhile, then waits for the lock
                Payment.objects.filter(pk=b.pk).update(status="dishonoured")
        finally:
            connections.close_all()

    other = threading.Thread(target=dishonour_b_slowly)
    other.start()
    assert locked.wait(10)
    data = statement_csv([(a.amount, a.reference), (b.amount, b.reference)])
    try:
        services.statement_import(actor=Actor.system("x"), data=data, format="csv")
    except Conflict as conflict:
        errors.append(conflict.code)
    other.join(30)
    assert errors == ["payments_changed"]
    assert not StatementImport.objects.exists()
    assert Payment.objects.get(pk=a.pk).status == "confirmed"
