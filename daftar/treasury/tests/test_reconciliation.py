"""Daily reconciliation and settlements: every rial explained, nothing settled twice."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.treasury import services
from daftar.treasury.beancount import journal_to_beancount
from daftar.treasury.models import Settlement, StatementLine
from daftar.treasury.services.ledger import SUSPENSE, TREASURY, balance, unbalanced_entries
from daftar.treasury.services.reconciliation import StatementRejected
from daftar.treasury.tests.conftest import statement_csv

pytestmark = pytest.mark.django_db


def test_matching_lines_deposit_and_reconcile_their_payments(paid_office_files):
    a, b, c = paid_office_files
    statement = statement_csv([(a.amount, a.reference), (b.amount, b.reference)])
    services.statement_import(actor=Actor.system("test"), data=statement, format="csv")
    a.refresh_from_db()
    c.refresh_from_db()
    assert a.status == "reconciled"
    assert c.status == "confirmed"
    report = services.reconciliation_report(timezone.localdate())
    assert [p.reference for p in report["outstanding"]] == [c.reference]
    assert report["totals"]["matched"] == 2 * a.amount
    assert report["books_balance"] == report["closing_balance"] == 2 * a.amount
    assert report["balances"]


def test_every_kind_of_discrepancy_is_listed_with_totals_that_add_up(paid_office_files):
    a, b, c = paid_office_files
    lines = [
        (a.amount, a.reference),
        (a.amount, a.reference),  # duplicate
        (b.amount - 1, b.reference),  # amount differs
        (500_000, "UNKNOWN-REF"),  # in the bank only
        (-25_000, ""),
    ]  # bank charge
    services.statement_import(actor=Actor.system("x"), data=statement_csv(lines), format="csv")
    report = services.reconciliation_report(timezone.localdate())
    assert report["counts"] == {"matched": 1, "duplicate": 1, "amount_mismatch": 1, "bank_only": 2}
    assert [line.reference for line in report["discrepancies"]] == [
        a.reference,
        b.reference,
        "UNKNOWN-REF",
        "",
    ]
    assert report["unresolved_count"] == 4
    assert sum(report["totals"].values()) == report["statement_total"] == sum(a for a, _ in lines)
    assert [p.reference for p in report["outstanding"]] == [b.reference, c.reference]
    assert balance(SUSPENSE) == -(report["statement_total"] - a.amount)
    assert not report["balances"]  # unexplained lines remain
    with pytest.raises(Conflict) as caught:
        services.reconciliation_close(actor=Actor.system("x"), day=timezone.localdate())
    assert caught.value.code == "unresolved"


def test_resolving_every_line_lets_the_day_close_and_then_it_cannot_change(
    paid_office_files, personas
):
    a, b, _c = paid_office_files
    services.statement_import(
        actor=Actor.system("x"),
        format="csv",
        data=statement_csv([(a.amount, a.reference), (b.amount, "B-TYPO")]),
    )
    typo = StatementLine.objects.get(reference="B-TYPO")
    with pytest.raises(InvalidInput):
        services.statement_line_resolve(
            actor=Actor.for_user(personas.treasury), line=typo, resolution=" "
        )
    services.statement_line_resolve(
        actor=Actor.for_user(personas.treasury),
        line=typo,
        payment=b,
        resolution="the bank mistyped the reference",
    )
    b.refresh_from_db()
    assert b.status == "reconciled"
    assert balance(SUSPENSE) == 0
    day = services.reconciliation_close(
        actor=Actor.for_user(personas.treasury), day=timezone.localdate()
    )
    assert day.closed
    with pytest.raises(Conflict) as caught:
        services.statement_import(
            actor=Actor.system("x"),
            format="csv",
            data=statement_csv([(1, "X")], opening=2 * a.amount),
        )
    assert caught.value.code == "day_closed"


def test_a_statement_for_another_account_or_opening_is_refused(paid_office_files):
    a = paid_office_files[0]
    with pytest.raises(InvalidInput) as caught:
        services.statement_import(
            actor=Actor.system("x"),
            format="csv",
            data=statement_csv([(a.amount, a.reference)], sheba="IR062960000000100324200001"),
        )
    assert caught.value.code == "wrong_account"
    with pytest.raises(InvalidInput) as caught:
        services.statement_import(
            actor=Actor.system("x"),
            format="csv",
            data=statement_csv([(a.amount, a.reference)], opening=999),
        )
    assert caught.value.code == "opening_mismatch"
    assert not StatementLine.objects.exists()


def test_a_malformed_statement_is_reported_per_line_and_nothing_is_imported(paid_office_files):
    bad = statement_csv([(100, "A")]).replace(b",100,A,", b",12x,A,")
    with pytest.raises(StatementRejected) as caught:
        services.statement_import(actor=Actor.system("x"), data=bad, format="csv")
    assert caught.value.errors
    assert all(error.line_no >= 0 for error in caught.value.errors)
    assert not StatementLine.objects.exists()


def test_the_same_file_cannot_be_imported_twice(paid_office_files):
    a = paid_office_files[0]
    data = statement_csv([(a.amount, a.reference)])
    services.statement_import(actor=Actor.system("x"), data=data, format="csv")
    with pytest.raises(Conflict):
        services.statement_import(actor=Actor.system("x"), data=data, format="csv")


def _reconcile_all(payments, day):
    services.statement_import(
        actor=Actor.system("x"),
        format="csv",
        data=statement_csv([(p.amount, p.reference) for p in payments], day=day),
    )


def test_a_settlement_pays_each_office_its_share_once(paid_office_files, counter_ready):
    counter_ready.sheba = "IR062960000000100324200001"
    counter_ready.save()
    today = timezone.localdate()
    _reconcile_all(paid_office_files, today)
    from daftar.treasury.models import Payment

    yesterday = today - datetime.timedelta(days=1)
    Payment.objects.update(confirmed_at=timezone.now() - datetime.timedelta(days=1))
    settlement = services.settlement_run(
        actor=Actor.system("x"), period_start=yesterday, period_end=yesterday
    )
    line = settlement.lines.get()
    assert line.fee_share == 3 * 330_000
    assert line.net == 990_000
    assert balance("payable:office:T0101") == 0
    assert "STL-" in services.settlement_bank_file(settlement)
    with pytest.raises(Conflict):
        services.settlement_run(
            actor=Actor.system("x"), period_start=yesterday, period_end=yesterday
        )
    assert Settlement.objects.count() == 1
    assert unbalanced_entries() == []


def test_the_journal_exports_to_beancount_and_bean_check_passes_then_catches_a_missing_rial(
    paid_office_files, tmp_path: Path
):
    a, b, c = paid_office_files
    _reconcile_all([a, b, c], timezone.localdate())
    text = journal_to_beancount(
        start=timezone.localdate() - datetime.timedelta(days=30), end=timezone.localdate()
    )
    good = tmp_path / "good.beancount"
    good.write_text(text, encoding="utf-8")
    bean_check = str(Path(sys.executable).with_name("bean-check"))
    ok = subprocess.run([bean_check, str(good)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert balance(TREASURY) == 3 * a.amount
    # A rial goes missing from one collection: the transaction no longer balances.
    broken = tmp_path / "broken.beancount"
    broken.write_text(
        text.replace(
            f"Assets:Clearing:Pos  {a.amount} IRR", f"Assets:Clearing:Pos  {a.amount - 1} IRR", 1
        ),
        encoding="utf-8",
    )
    failed = subprocess.run([bean_check, str(broken)], capture_output=True, text=True, check=False)
    assert failed.returncode != 0
    # A rial missing from the bank: the statement's balance assertion fails.
    lines = text.splitlines()
    deposit = next(i for i, line in enumerate(lines) if line.startswith("  Assets:Bank:Treasury"))
    deposited = int(lines[deposit].split()[1])  # the day's deposit of the three card payments
    lines[deposit] = lines[deposit].replace(f"{deposited} IRR", f"{deposited - 1} IRR")
    clearing = next(i for i in range(deposit, deposit + 3) if "Assets:Clearing" in lines[i])
    lines[clearing] = lines[clearing].replace(f"-{deposited} IRR", f"-{deposited - 1} IRR")
    short = tmp_path / "short.beancount"
    short.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run([bean_check, str(short)], capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "Balance failed" in result.stdout + result.stderr


def test_a_settlement_payout_in_the_statement_matches_without_suspense(
    paid_office_files, counter_ready
):
    counter_ready.sheba = "IR062960000000100324200001"
    counter_ready.save()
    from daftar.treasury.models import Payment

    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)
    _reconcile_all(paid_office_files, two_days_ago)
    Payment.objects.update(confirmed_at=timezone.now() - datetime.timedelta(days=2))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    settlement = services.settlement_run(
        actor=Actor.system("x"),
        period_start=two_days_ago,
        period_end=two_days_ago,
        paid_on=yesterday,
    )
    line = settlement.lines.get()
    opening = 3 * paid_office_files[0].amount
    services.statement_import(
        actor=Actor.system("x"),
        format="csv",
        data=statement_csv(
            [(-line.net, f"STL-{settlement.pk}-T0101")], opening=opening, day=yesterday
        ),
    )
    report = services.reconciliation_report(yesterday)
    assert report["totals"]["matched"] == -line.net
    assert balance(SUSPENSE) == 0
    assert report["balances"]
    services.reconciliation_close(actor=Actor.system("x"), day=yesterday)
