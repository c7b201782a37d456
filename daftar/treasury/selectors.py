"""Reads for the treasury pages: who may see which payments, refunds and settlements (the
`*_visible_to` querysets, the one access path to each), collections by channel and office,
balances, summaries, penalties."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.catalogue.selectors import account_labels
from daftar.core.actors import Actor
from daftar.core.digits import to_persian_digits
from daftar.core.jalali import TEHRAN, from_jalali, is_persian, jalali_month_name, to_jalali
from daftar.offices.selectors import office_of_user
from daftar.treasury.choices import (
    COLLECTED,
    AccountKind,
    MatchStatus,
    PaymentChannel,
    PaymentStatus,
    RefundStatus,
)
from daftar.treasury.models import (
    Account,
    GatewayTransaction,
    Payment,
    Penalty,
    PenaltyDeduction,
    Posting,
    PspTransaction,
    Receipt,
    ReconciliationDay,
    Refund,
    Settlement,
    SettlementLine,
    StatementLine,
)
from daftar.treasury.permissions import OFFICE_ROLES, READER_ROLES, can_read_psp_book
from daftar.treasury.services.ledger import SUSPENSE, TREASURY

# --- who sees what ------------------------------------------------------------------------


def _scope(
    actor_or_user,
    *,
    office_paths: tuple[str, ...],
    citizen_path: str | None,
    partner_path: str | None,
) -> Q | None:
    """None when `actor_or_user` sees everything; otherwise the condition on the rows they may
    see (an empty condition matches nothing). Takes a user or an `Actor`: a system job sees the
    books, a partner app what concerns the files it opened."""
    user = actor_or_user
    if isinstance(actor_or_user, Actor):
        if actor_or_user.is_system:
            return None
        if actor_or_user.is_partner:
            if partner_path is None:
                return Q(pk__in=[])
            return Q(**{partner_path: actor_or_user.partner_id})
        user = actor_or_user.user
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user_has_role(user, *READER_ROLES):
        return None
    condition = Q(pk__in=[])
    if user_has_role(user, *OFFICE_ROLES):
        office = office_of_user(user)
        if office is not None:
            for path in office_paths:
                condition |= Q(**{path: office})
    if citizen_path is not None and user_has_role(user, Role.CITIZEN):
        condition |= Q(**{citizen_path: user})
    return condition


def payment_visible_to(actor_or_user) -> QuerySet[Payment]:
    """Payments `actor_or_user` may see: treasury officers, council members, auditors and system
    jobs all; office staff those taken at their office or for its files; a citizen those of
    their own files; a partner app those of the files it opened; anyone else none."""
    scope = _scope(
        actor_or_user,
        office_paths=("office", "file__office"),
        citizen_path="file__citizen",
        partner_path="file__partner_id",
    )
    return Payment.objects.all() if scope is None else Payment.objects.filter(scope)


def refund_visible_to(actor_or_user) -> QuerySet[Refund]:
    """Refunds of the payments `actor_or_user` may see (same rule as `payment_visible_to`)."""
    scope = _scope(
        actor_or_user,
        office_paths=("payment__office", "payment__file__office"),
        citizen_path="payment__file__citizen",
        partner_path="payment__file__partner_id",
    )
    return Refund.objects.all() if scope is None else Refund.objects.filter(scope)


def settlement_visible_to(actor_or_user) -> QuerySet[Settlement]:
    """Settlements `actor_or_user` may see: treasury officers, council members, auditors and
    system jobs all; office staff those that settled their office; citizens none."""
    scope = _scope(
        actor_or_user, office_paths=("lines__office",), citizen_path=None, partner_path=None
    )
    if scope is None:
        return Settlement.objects.all()
    return Settlement.objects.filter(pk__in=Settlement.objects.filter(scope).values("pk"))


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


def reconciliation_day_list() -> QuerySet[ReconciliationDay]:
    """Every day with a statement, the latest first, with its line count (stored at import: a
    day may hold a million lines); page it, then `with_unexplained` on the page."""
    return ReconciliationDay.objects.annotate(lines=Sum("imports__line_count")).order_by("-day")


def with_unexplained(days) -> list[ReconciliationDay]:
    """`days` with `unexplained`, their lines still to explain (one query through the
    discrepancy index, whatever the number of days)."""
    days = list(days)
    unexplained = dict(
        StatementLine.objects.filter(statement__day__in=days, resolution="")
        .exclude(match=MatchStatus.MATCHED)
        .values("statement__day")
        .annotate(n=Count("pk"))
        .values_list("statement__day", "n")
    )
    for day in days:
        day.lines = day.lines or 0
        day.unexplained = unexplained.get(day.pk, 0)
    return days


def reconciliation_days(limit: int = 60) -> list[ReconciliationDay]:
    """The latest `limit` days with their line counts and lines still to explain."""
    return with_unexplained(reconciliation_day_list()[:limit])


def reconciliation_day_get(day: datetime.date) -> ReconciliationDay | None:
    return ReconciliationDay.objects.filter(day=day).first()


def statement_line_get(pk) -> StatementLine | None:
    return StatementLine.objects.select_related("statement__day").filter(pk=pk).first()


def gateway_transaction_by_token(token: str) -> GatewayTransaction | None:
    """The simulated gateway's record of a payment (its page is public, like a PSP's)."""
    return GatewayTransaction.objects.filter(token=token).first()


def gateway_payment_pending(token: str) -> Payment | None:
    """A gateway payment still open at the PSP, by its token (an unguessable capability held by
    the browser that started it: the citizen's, or a partner app's user's)."""
    if not token:
        return None
    return (
        Payment.objects.select_related("file")
        .filter(
            channel=PaymentChannel.GATEWAY,
            status=PaymentStatus.PENDING,
            gateway_token=token,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def receipt_by_verification_code(code: str) -> Receipt | None:
    """The receipt anyone may verify with its code (the page shows nothing personal)."""
    return (
        Receipt.objects.select_related("payment", "payment__file__service", "payment__office")
        .filter(verification_code=code.upper())
        .first()
    )


def file_payments_with_receipt(actor_or_user, file) -> QuerySet[Payment]:
    """The payments of `file` that have a receipt and that `actor_or_user` may see, oldest
    first (the receipts the file page lists and the citizen can print)."""
    return (
        payment_visible_to(actor_or_user)
        .filter(file=file, receipt__isnull=False)
        .select_related("receipt", "office")
        .order_by("confirmed_at", "pk")
    )


def file_payment_with_receipt(actor_or_user, file, pk: int) -> Payment | None:
    """One payment of `file` with its receipt that `actor_or_user` may see, or None."""
    return file_payments_with_receipt(actor_or_user, file).filter(pk=pk).first()


def receipt_of_file(actor_or_user, file) -> Receipt | None:
    """The receipt of the file's collected payment, if `actor_or_user` may see the payment."""
    return (
        Receipt.objects.select_related("payment")
        .filter(payment__in=payment_visible_to(actor_or_user).filter(file=file))
        .first()
    )


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


def refunds_summary(actor_or_user=None) -> list[dict]:
    """Refunds per status (labelled), with their count and total, in one query."""
    refunds = Refund.objects.all() if actor_or_user is None else refund_visible_to(actor_or_user)
    found = {
        row["status"]: row
        for row in refunds.values("status").annotate(n=Count("pk"), total=Sum("amount")).order_by()
    }
    return [
        {
            "status": status.value,
            "label": status.label,
            "n": found.get(status.value, {}).get("n", 0),
            "total": found.get(status.value, {}).get("total") or 0,
        }
        for status in RefundStatus
    ]


def refunds_in_progress(actor_or_user) -> QuerySet[Refund]:
    """Refunds requested or approved, the oldest first, with their file and service."""
    return (
        refund_visible_to(actor_or_user)
        .filter(status__in=[RefundStatus.REQUESTED, RefundStatus.APPROVED])
        .select_related("payment__file__service")
        .order_by("created_at", "pk")
    )


def refunds_decided(actor_or_user) -> QuerySet[Refund]:
    """Refunds paid out or rejected, the latest first."""
    return (
        refund_visible_to(actor_or_user)
        .filter(status__in=[RefundStatus.PAID, RefundStatus.REJECTED])
        .select_related("payment__file__service")
        .order_by("-created_at", "-pk")
    )


def settlement_get(actor_or_user, pk) -> Settlement | None:
    return settlement_visible_to(actor_or_user).filter(pk=pk).first()


def settlement_lines(settlement: Settlement) -> QuerySet[SettlementLine]:
    return settlement.lines.select_related("office").order_by("office__code")


def office_statement(office) -> dict:
    """What the office earned, was paid and is still owed (its manager's statement)."""
    account = Account.objects.filter(code=f"payable:office:{office.code}").first()
    owed = (
        -(Posting.objects.filter(account=account).aggregate(t=Sum("amount"))["t"] or 0)
        if account
        else 0
    )
    lines = (
        SettlementLine.objects.filter(office=office)
        .select_related("settlement")
        .order_by("-settlement__period_end")
    )
    pending = Payment.objects.filter(office=office, status__in=COLLECTED, settlement__isnull=True)
    penalties = list(penalties_with_deductions(Penalty.objects.filter(office=office)))
    return {
        "owed": owed,
        "lines": lines,
        "pending_count": pending.count(),
        "awaiting_reconciliation": pending.exclude(status=PaymentStatus.RECONCILED).count(),
        "penalties": penalties,
        "penalties_outstanding": sum(p.outstanding for p in penalties),
    }


def penalties_with_deductions(penalties: QuerySet[Penalty]) -> QuerySet[Penalty]:
    """Penalties with their office, decision and the settlements that deducted them."""
    return penalties.select_related("office", "decision", "cancel_decision").prefetch_related(
        Prefetch(
            "deductions",
            queryset=PenaltyDeduction.objects.select_related("line__settlement").order_by("pk"),
        )
    )


def penalties_outstanding(limit: int | None = 200) -> QuerySet[Penalty]:
    """Penalties with something still to deduct, oldest first (the order settlements take);
    a cancelled penalty has nothing left to deduct."""
    rows = penalties_with_deductions(
        Penalty.objects.filter(settlement_line__isnull=True, cancelled_at__isnull=True).order_by(
            "recorded_at", "pk"
        )
    )
    return rows if limit is None else rows[:limit]


def penalties_deducted(limit: int | None = 50) -> QuerySet[Penalty]:
    """Penalties fully deducted or cancelled (nothing left to deduct), the latest first."""
    rows = penalties_with_deductions(
        Penalty.objects.filter(
            Q(settlement_line__isnull=False) | Q(cancelled_at__isnull=False)
        ).order_by("-recorded_at", "-pk")
    )
    return rows if limit is None else rows[:limit]


def penalties_totals() -> dict:
    return Penalty.objects.aggregate(
        outstanding=Sum(
            F("amount") - F("deducted"), filter=Q(cancelled_at__isnull=True), default=0
        ),
        deducted=Sum("deducted", default=0),
    )


def settlements(actor_or_user, limit: int | None = 50) -> QuerySet[Settlement]:
    """The settlements `actor_or_user` may see, the latest first, with their office count and
    total paid out."""
    rows = (
        settlement_visible_to(actor_or_user)
        .annotate(offices=Count("lines"), total=Sum("lines__net"))
        .order_by("-period_end", "-pk")
    )
    return rows if limit is None else rows[:limit]


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


# --- transparency's daily aggregates (daftar.transparency.services.aggregates) ---------------


def _within(field: str, ranges) -> Q:
    """`field` inside any of the half-open [start, end) datetime `ranges`."""
    condition = Q(pk__in=[])
    for start, end in ranges:
        condition |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return condition


def payments_collected_for_aggregates(ranges):
    """Rows of the payments collected (confirmed, deposited or reconciled) whose confirmation
    falls inside any of the [start, end) `ranges` (one query, streamed): (confirmed_at,
    channel, office id, district id, amount)."""
    return (
        Payment.objects.filter(_within("confirmed_at", ranges), status__in=COLLECTED)
        .values_list("confirmed_at", "channel", "office_id", "office__district_id", "amount")
        .iterator(chunk_size=5000)
    )


def refunds_paid_for_aggregates(ranges):
    """Rows of the refunds paid out inside any of the `ranges`, with their payment's channel
    and office (one query, streamed): (paid_at, channel, office id, district id, amount)."""
    return (
        Refund.objects.filter(_within("paid_at", ranges), status=RefundStatus.PAID)
        .values_list(
            "paid_at",
            "payment__channel",
            "payment__office_id",
            "payment__office__district_id",
            "amount",
        )
        .iterator(chunk_size=5000)
    )


def treasury_moments_changed_since(since: datetime.datetime) -> list[datetime.datetime]:
    """The instants whose days a treasury change after `since` touches (two queries): the
    confirmation of every payment started, confirmed, deposited or reconciled since, and the
    payout of every refund paid since; for the aggregates' incremental build."""
    changed = (
        Q(created_at__gt=since)
        | Q(confirmed_at__gt=since)
        | Q(deposited_at__gt=since)
        | Q(reconciled_at__gt=since)
    )
    moments = list(
        Payment.objects.filter(changed, confirmed_at__isnull=False).values_list(
            "confirmed_at", flat=True
        )
    )
    moments += Refund.objects.filter(paid_at__gt=since).values_list("paid_at", flat=True)
    return moments


def payments_first_confirmed_at() -> datetime.datetime | None:
    """When the first payment was confirmed (None without one)."""
    return Payment.objects.aggregate(first=Min("confirmed_at"))["first"]


# --- the PSP's transaction book (ADR 0028) -------------------------------------------------


def psp_transactions_visible_to(user) -> QuerySet[PspTransaction]:
    """The treasury officer and the auditor see the whole book; anyone else none of it."""
    return (
        PspTransaction.objects.all() if can_read_psp_book(user) else PspTransaction.objects.none()
    )


def _tehran_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=TEHRAN)


def psp_transaction_book(
    user,
    *,
    day_from: datetime.date | None = None,
    day_to: datetime.date | None = None,
    state: str = "",
    reference: str = "",
    tracking_code: str = "",
) -> QuerySet[PspTransaction]:
    """The PSP transactions `user` may see, newest first, each with the payment it belongs to
    (matched by the gateway token) as `payment_pk`, `payment_reference`, `payment_status` and
    `file_tracking_code`: one query, however many rows. Days are Tehran calendar days."""
    payment = Payment.objects.filter(gateway_token=OuterRef("token"))
    rows = psp_transactions_visible_to(user).annotate(
        payment_pk=Subquery(payment.values("pk")[:1]),
        payment_reference=Subquery(payment.values("reference")[:1]),
        payment_status=Subquery(payment.values("status")[:1]),
        file_tracking_code=Subquery(payment.values("file__tracking_code")[:1]),
    )
    if day_from:
        rows = rows.filter(created_at__gte=_tehran_midnight(day_from))
    if day_to:
        rows = rows.filter(created_at__lt=_tehran_midnight(day_to + datetime.timedelta(days=1)))
    if state:
        rows = rows.filter(state=state)
    if reference:
        rows = rows.filter(
            token__in=Payment.objects.filter(reference=reference).values("gateway_token")
        )
    if tracking_code:
        rows = rows.filter(
            token__in=Payment.objects.filter(file__tracking_code=tracking_code).values(
                "gateway_token"
            )
        )
    return rows.order_by("-created_at", "-pk")


def psp_transaction_get(user, pk: int) -> tuple[PspTransaction, Payment | None] | None:
    """One transaction of the book with its payment (and the payment's file and service), or
    None when `user` may not see it."""
    transaction = psp_transactions_visible_to(user).filter(pk=pk).first()
    if transaction is None:
        return None
    payment = (
        Payment.objects.filter(gateway_token=transaction.token)
        .select_related("file", "file__service", "office")
        .first()
    )
    return transaction, payment
