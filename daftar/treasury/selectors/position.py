"""Treasury selectors: collections by channel and office, the treasury's position and
balances, monthly summaries, the officer's worklist and period totals."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from daftar.catalogue.selectors import account_labels
from daftar.core.digits import to_persian_digits
from daftar.core.jalali import TEHRAN, from_jalali, is_persian, jalali_month_name, to_jalali
from daftar.treasury.choices import (
    COLLECTED,
    AccountKind,
    MatchStatus,
    PaymentChannel,
    RefundStatus,
)
from daftar.treasury.models import (
    Account,
    Payment,
    Penalty,
    Posting,
    ReconciliationDay,
    Refund,
    SettlementLine,
    StatementLine,
)
from daftar.treasury.services.ledger import SUSPENSE, TREASURY


def collections(first: datetime.date, last: datetime.date) -> QuerySet[Payment]:
    return Payment.objects.filter(status__in=COLLECTED, confirmed_at__date__range=(first, last))


def collections_by_channel(first: datetime.date, last: datetime.date) -> list[dict]:
    """Per channel (with its `label`): the count and total collected between the two days."""
    rows = list(
        collections(first, last)
        .values("channel")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("channel")
    )
    for row in rows:
        row["label"] = channel_label(row["channel"])
    return rows


def collections_by_office(first: datetime.date, last: datetime.date, limit: int = 20) -> list:
    return list(
        collections(first, last)
        .filter(office__isnull=False)
        .values("office__code", "office__name")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("-total")[:limit]
    )


def treasury_position(as_of: datetime.date | None = None) -> dict:
    """The treasury account, suspense, money on its way (clearing) and what is owed to offices,
    as of a day (inclusive): one query, whatever the number of offices."""
    postings = Posting.objects.all()
    if as_of is not None:
        postings = postings.filter(entry__day__lte=as_of)
    totals = postings.aggregate(
        bank=Sum("amount", filter=Q(account__code=TREASURY), default=0),
        suspense=Sum("amount", filter=Q(account__code=SUSPENSE), default=0),
        clearing=Sum("amount", filter=Q(account__kind=AccountKind.CLEARING), default=0),
        offices=Sum("amount", filter=Q(account__kind=AccountKind.OFFICE_PAYABLE), default=0),
    )
    return {
        "bank": totals["bank"],
        "suspense": -totals["suspense"],
        "clearing": totals["clearing"],
        "owed_to_offices": -totals["offices"],
    }


# Accounts whose balance is normally a credit: shown as a positive sum owed or earned.
CREDIT_KINDS = (
    AccountKind.REVENUE,
    AccountKind.OFFICE_PAYABLE,
    AccountKind.OTHER_PAYABLE,
    AccountKind.REFUNDS_PAYABLE,
    AccountKind.SUSPENSE,
)


def account_balances() -> list[dict]:
    """The balance of every ledger account but the offices' own payables (summed as "owed to
    offices" instead: there is one per office), each with its label and kind, in two queries.
    Credit accounts (revenue, what is owed, suspense) show as positive sums."""
    rows = (
        Account.objects.exclude(kind=AccountKind.OFFICE_PAYABLE)
        .annotate(total=Sum("postings__amount", default=0))
        .order_by("kind", "code")
        .values("code", "kind", "total")
    )
    rows = list(rows)
    labels = account_labels(row["code"] for row in rows)
    return [
        {
            "code": row["code"],
            "label": labels[row["code"]],
            "kind": AccountKind(row["kind"]).label,
            "balance": -row["total"] if row["kind"] in CREDIT_KINDS else row["total"],
        }
        for row in rows
    ]


# --- Jalali months ------------------------------------------------------------------------


@dataclass(frozen=True)
class JalaliMonth:
    year: int
    month: int

    @property
    def name(self) -> str:
        """'مهر ۱۴۰۵' / 'Mehr 1405'."""
        language = get_language() or "fa"
        year = to_persian_digits(str(self.year)) if is_persian(language) else str(self.year)
        return f"{jalali_month_name(self.month, language)} {year}"

    def back(self, months: int) -> JalaliMonth:
        index = self.year * 12 + self.month - 1 - months
        return JalaliMonth(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> datetime.date:
        return from_jalali(self.year, self.month, 1)

    @classmethod
    def of(cls, day: datetime.date) -> JalaliMonth:
        jalali = to_jalali(day)
        return cls(jalali.year, jalali.month)


@dataclass
class MonthCollections:
    """One Jalali month's collections: a row per channel and the month's totals."""

    month: JalaliMonth
    channels: list[dict]

    @property
    def count(self) -> int:
        return sum(row["count"] for row in self.channels)

    @property
    def total(self) -> int:
        return sum(row["total"] for row in self.channels)


def monthly_summary(months: int = 12, *, today: datetime.date | None = None) -> list:
    """Collections per Jalali month (Tehran time) and channel, the current month first, for the
    last `months` months that had any: the council's and auditors' view. The database sums per
    Tehran day and channel (a few hundred rows a year); the days fold into Jalali months here,
    since Jalali months do not start with Gregorian ones."""
    current = JalaliMonth.of(today or timezone.localdate())
    since = current.back(months - 1).first_day
    rows = (
        Payment.objects.filter(
            status__in=COLLECTED,
            confirmed_at__gte=datetime.datetime.combine(since, datetime.time(), tzinfo=TEHRAN),
        )
        .annotate(day=TruncDate("confirmed_at", tzinfo=TEHRAN))
        .values("day", "channel")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by()
    )
    folded: dict[JalaliMonth, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        channels = folded[JalaliMonth.of(row["day"])]
        channel = channels.setdefault(
            row["channel"],
            {
                "channel": row["channel"],
                "label": channel_label(row["channel"]),
                "count": 0,
                "total": 0,
            },
        )
        channel["count"] += row["count"]
        channel["total"] += row["total"]
    return [
        MonthCollections(month, [channels[c] for c in sorted(channels)])
        for month, channels in sorted(
            folded.items(), key=lambda item: (item[0].year, item[0].month), reverse=True
        )
    ]


# --- labels -------------------------------------------------------------------------------


def channel_label(value: str) -> str:
    """'Card at the office (POS)' for "pos", in the active language; an unknown value as is."""
    try:
        return str(PaymentChannel(value).label)
    except ValueError:
        return value


def treasury_worklist() -> dict[str, int]:
    """What waits for a treasury officer (their home's counts): bank days imported and not yet
    closed, refunds requested (to decide) and approved (to pay out), penalties not yet
    deducted in full."""
    refunds = Refund.objects.aggregate(
        requested=Count("pk", filter=Q(status=RefundStatus.REQUESTED)),
        approved=Count("pk", filter=Q(status=RefundStatus.APPROVED)),
    )
    return {
        "open_days": ReconciliationDay.objects.filter(closed=False).count(),
        **refunds,
        "penalties_outstanding": Penalty.objects.filter(
            settlement_line__isnull=True, cancelled_at__isnull=True
        ).count(),
    }


def unexplained_discrepancies_by_office(since: datetime.date) -> dict[int, int]:
    """Per office, the statement lines since `since` about its payments that did not match and
    are not explained yet (one aggregate query; offices without any are absent)."""
    return dict(
        StatementLine.objects.filter(
            statement__day__day__gte=since, payment__isnull=False, resolution=""
        )
        .exclude(match=MatchStatus.MATCHED)
        .values("payment__office")
        .annotate(n=Count("pk"))
        .values_list("payment__office", "n")
    )


def reconciliation_discrepancies_by_office(
    first: datetime.date, last: datetime.date
) -> dict[int, int]:
    """Per office id, the bank statement lines of days `first`..`last` that did not reconcile
    with the office's own payments (amounts that differ, lines paid twice), in one grouped
    query. A bank line matched to no payment is nobody's office's and is not counted."""
    rows = (
        StatementLine.objects.filter(
            value_date__gte=first,
            value_date__lte=last,
            match__in=(MatchStatus.AMOUNT_MISMATCH, MatchStatus.DUPLICATE),
            payment__office__isnull=False,
        )
        .values("payment__office_id")
        .annotate(lines=Count("pk"))
        .values_list("payment__office_id", "lines")
    )
    return dict(rows)


def treasury_period_totals(first: datetime.date, last: datetime.date) -> dict:
    """The council report's treasury figures for Tehran days `first`..`last` (inclusive), in five
    aggregate queries: what was collected (payments confirmed), deposited (credits on the bank
    statements), settled to offices (net of the settlements made), refunded (refunds paid out),
    and the statement lines that did not reconcile (with how many are still unexplained). Every
    amount is integer rials."""
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=TEHRAN)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(), tzinfo=TEHRAN
    )
    collected = Payment.objects.filter(
        status__in=COLLECTED, confirmed_at__gte=start, confirmed_at__lt=end
    ).aggregate(count=Count("pk"), rials=Sum("amount", default=0))
    lines = StatementLine.objects.filter(value_date__gte=first, value_date__lte=last)
    deposited = lines.filter(amount__gt=0).aggregate(
        count=Count("pk"), rials=Sum("amount", default=0)
    )
    settled = SettlementLine.objects.filter(
        settlement__created_at__gte=start, settlement__created_at__lt=end
    ).aggregate(
        count=Count("settlement", distinct=True),
        offices=Count("office", distinct=True),
        rials=Sum("net", default=0),
    )
    refunded = Refund.objects.filter(
        status=RefundStatus.PAID, paid_at__gte=start, paid_at__lt=end
    ).aggregate(count=Count("pk"), rials=Sum("amount", default=0))
    discrepancies = lines.exclude(match=MatchStatus.MATCHED).aggregate(
        count=Count("pk"),
        rials=Sum("amount", default=0),
        unexplained=Count("pk", filter=Q(resolution="")),
    )
    by_kind = dict(
        lines.exclude(match=MatchStatus.MATCHED)
        .values("match")
        .annotate(n=Count("pk"))
        .values_list("match", "n")
    )
    discrepancies["by_kind"] = {
        status.value: by_kind.get(status.value, 0)
        for status in MatchStatus
        if status != MatchStatus.MATCHED
    }
    return {
        "collected": collected,
        "deposited": deposited,
        "settled": settled,
        "refunded": refunded,
        "discrepancies": discrepancies,
    }
