"""Export the journal to Beancount's plain-text format, so an independent tool can check it.

    bean-check journal.beancount

Every Daftar entry becomes a balanced transaction in IRR; accounts open on their first use;
the treasury bank account carries a `balance` assertion for each imported bank statement
(its closing balance, asserted at the start of the next day, as Beancount does). A period
export starts with the opening balances carried from Equity:Opening-Balances.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

from django.db.models import Sum

from daftar.treasury.choices import AccountKind
from daftar.treasury.models import Account, JournalEntry, Posting, StatementImport
from daftar.treasury.services.ledger import TREASURY

_ROOT = {
    AccountKind.BANK: "Assets",
    AccountKind.CLEARING: "Assets",
    AccountKind.REVENUE: "Income",
    AccountKind.OFFICE_PAYABLE: "Liabilities",
    AccountKind.OTHER_PAYABLE: "Liabilities",
    AccountKind.REFUNDS_PAYABLE: "Liabilities",
    AccountKind.SUSPENSE: "Liabilities",
}
OPENING = "Equity:Opening-Balances"


def account_name(account: Account) -> str:
    """`revenue:building-permit-duty` → `Income:Revenue:Building-Permit-Duty`."""
    parts = []
    for part in account.code.split(":"):
        words = [w for w in re.split(r"[^A-Za-z0-9]+", part) if w]
        parts.append("-".join(w[:1].upper() + w[1:] for w in words) or "X")
    return f"{_ROOT[AccountKind(account.kind)]}:{':'.join(parts)}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', "'") + '"'


def journal_to_beancount(*, start: datetime.date, end: datetime.date) -> str:
    accounts = {a.pk: a for a in Account.objects.all()}
    out = [
        'option "title" "Daftar — single treasury journal"',
        'option "operating_currency" "IRR"',
        "",
    ]
    first_use: dict[int, datetime.date] = {}
    for account_id, day in Posting.objects.values_list("account_id", "entry__day").order_by(
        "entry__day"
    ):
        first_use.setdefault(account_id, day)
    opened_on = {pk: min(day, start) for pk, day in first_use.items()}
    out.append(f"{min(opened_on.values(), default=start)} open {OPENING}")
    for pk, day in sorted(opened_on.items(), key=lambda item: (item[1], item[0])):
        out.append(f"{day} open {account_name(accounts[pk])} IRR")
    out.append("")

    opening = dict(
        Posting.objects.filter(entry__day__lt=start)
        .values("account_id")
        .annotate(total=Sum("amount"))
        .values_list("account_id", "total")
    )
    opening = {pk: total for pk, total in opening.items() if total}
    if opening:
        out.append(f'{start} * "Opening balances carried into the period"')
        for pk, total in sorted(opening.items()):
            out.append(f"  {account_name(accounts[pk])}  {total} IRR")
        out.append(f"  {OPENING}  {-sum(opening.values())} IRR")
        out.append("")

    postings = defaultdict(list)
    for entry_id, account_id, amount in (
        Posting.objects.filter(entry__day__range=(start, end))
        .values_list("entry_id", "account_id", "amount")
        .order_by("entry_id", "pk")
    ):
        postings[entry_id].append((account_id, amount))
    for entry in JournalEntry.objects.filter(day__range=(start, end)).order_by("day", "pk"):
        out.append(f"{entry.day} * {_quote(entry.kind)} {_quote(entry.memo)}")
        out.append(f'  daftar-entry: "JE-{entry.pk}"')
        for account_id, amount in postings[entry.pk]:
            out.append(f"  {account_name(accounts[account_id])}  {amount} IRR")
        out.append("")

    bank = Account.objects.filter(code=TREASURY).first()
    if bank is not None:
        closing = {}
        for statement in (
            StatementImport.objects.filter(day__day__range=(start, end))
            .select_related("day")
            .order_by("pk")
        ):
            closing[statement.day.day] = statement.closing_balance  # last import of the day
        for day, amount in sorted(closing.items()):
            out.append(
                f"{day + datetime.timedelta(days=1)} balance {account_name(bank)}  {amount} IRR"
            )
    return "\n".join(out) + "\n"
