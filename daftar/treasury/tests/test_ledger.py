"""The ledger's invariants, tested with generated data."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from daftar.core.errors import InvalidInput
from daftar.core.money import allocate
from daftar.treasury.choices import EntryKind
from daftar.treasury.models import JournalEntry, Posting
from daftar.treasury.services.ledger import (
    account,
    balance,
    post_entry,
    reverse_entry,
    unbalanced_entries,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 29)
CODES = [
    "bank:treasury",
    "clearing:pos",
    "revenue:a",
    "revenue:b",
    "payable:office:T1",
    "payable:other:fire",
    "refunds:payable",
    "suspense:bank",
]


AMOUNTS = st.integers(-(10**12), 10**12).filter(bool)  # nonzero rials, debit or credit


@st.composite
def balanced_lines(draw) -> list[tuple[str, int]]:
    """At least two nonzero lines that sum to zero (a closing line takes the others' sum),
    with zero lines mixed in (post_entry drops them), in any order."""
    lines = [
        (draw(st.sampled_from(CODES)), amount)
        for amount in draw(st.lists(AMOUNTS, min_size=1, max_size=5))
    ]
    closing = -sum(amount for _code, amount in lines)
    if closing:  # lines that already sum to zero need no closing line
        lines.append((draw(st.sampled_from(CODES)), closing))
    lines += [(draw(st.sampled_from(CODES)), 0) for _ in range(draw(st.integers(0, 2)))]
    return draw(st.permutations(lines))


@st.composite
def entry_and_spoilt_copies(draw) -> tuple[list, dict[str, list]]:
    """A balanced entry, and copies of it spoilt each way: one amount changed, one line
    dropped, one line left alone, nothing but zeros."""
    lines = draw(balanced_lines())
    nonzero = [index for index, (_code, amount) in enumerate(lines) if amount]
    changed = list(lines)
    index = draw(st.sampled_from(nonzero))
    changed[index] = (lines[index][0], lines[index][1] + draw(AMOUNTS))
    dropped = list(lines)
    del dropped[draw(st.sampled_from(nonzero))]
    spoilt = {
        "changed": changed,
        "dropped": dropped,
        "single": [lines[draw(st.sampled_from(nonzero))]],
        "zeros": [(code, 0) for code, _amount in lines],
    }
    return lines, spoilt


def _balances(lines) -> bool:
    """The rule, stated independently of post_entry: two or more nonzero lines summing to 0."""
    amounts = [amount for _code, amount in lines if amount]
    return len(amounts) >= 2 and sum(amounts) == 0


def test_an_entry_is_booked_only_if_it_balances():
    outcomes = Counter()

    def attempt(lines) -> str:
        with transaction.atomic():
            entry_count, posting_count = JournalEntry.objects.count(), Posting.objects.count()
            booked = [(account(code), amount) for code, amount in lines]
            if _balances(lines):
                entry = post_entry(
                    kind=EntryKind.ADJUSTMENT, day=DAY, memo="t", actor_label="t", lines=booked
                )
                amounts = list(entry.postings.values_list("amount", flat=True))
                assert sum(amounts) == 0
                assert sorted(amounts) == sorted(amount for _code, amount in lines if amount)
                outcome = "booked"
            else:
                with pytest.raises(InvalidInput):
                    post_entry(
                        kind=EntryKind.ADJUSTMENT, day=DAY, memo="t", actor_label="t", lines=booked
                    )
                assert JournalEntry.objects.count() == entry_count
                assert Posting.objects.count() == posting_count
                outcome = "refused"
            transaction.set_rollback(True)
        return outcome

    @settings(max_examples=40, deadline=None)
    @given(entry_and_spoilt_copies())
    def check(case):
        lines, spoilt = case
        assert attempt(lines) == "booked"
        outcomes["booked"] += 1
        for how, copy in spoilt.items():
            assert attempt(copy) == "refused", how
            event(f"refused ({how})")
            outcomes[f"refused ({how})"] += 1

    check()
    # Both halves of the rule ran on every example: each balanced entry was booked and each of
    # its spoilt copies refused.
    assert outcomes["booked"] >= 40, outcomes
    for how in ("changed", "dropped", "single", "zeros"):
        assert outcomes[f"refused ({how})"] == outcomes["booked"], outcomes


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    total=st.integers(1, 10**11), weights=st.lists(st.integers(0, 10_000), min_size=1, max_size=4)
)
def test_a_collection_split_any_way_balances_and_reverses_to_nothing(total, weights):
    scale = sum(weights) or 1
    points = [w * 10_000 // scale for w in weights]
    points[0] += 10_000 - sum(points)
    names = [f"revenue:h{i}" for i in range(len(points))]
    parts = allocate(total, list(zip(names, points, strict=True)), remainder_to=names[0])
    with transaction.atomic():
        lines = [(account("clearing:pos"), total)]
        lines += [(account(name), -amount) for name, amount in parts.items() if amount]
        entry = post_entry(
            kind=EntryKind.COLLECTION, day=DAY, memo="c", actor_label="t", lines=lines
        )
        reverse_entry(entry=entry, day=DAY, memo="undo", actor_label="t")
        assert unbalanced_entries() == []
        assert balance("clearing:pos") == 0
        assert all(balance(name) == 0 for name in names)
        transaction.set_rollback(True)


def test_balances_are_known_as_of_any_date():
    bank, revenue = account("bank:treasury"), account("revenue:a")
    post_entry(
        kind=EntryKind.COLLECTION,
        day=DAY,
        memo="1",
        actor_label="t",
        lines=[(bank, 100), (revenue, -100)],
    )
    post_entry(
        kind=EntryKind.COLLECTION,
        day=DAY + datetime.timedelta(days=2),
        memo="2",
        actor_label="t",
        lines=[(bank, 50), (revenue, -50)],
    )
    assert balance("bank:treasury", as_of=DAY - datetime.timedelta(days=1)) == 0
    assert balance("bank:treasury", as_of=DAY) == 100
    assert balance("bank:treasury") == 150
    assert Posting.objects.count() == 4


def test_the_invariant_job_finds_an_unbalanced_entry_written_around_the_services():
    from daftar.treasury.tasks import check_ledger_invariants

    bank = account("bank:treasury")
    entry = JournalEntry.objects.create(kind="adjustment", day=DAY, memo="x", actor_label="x")
    Posting.objects.create(entry=entry, account=bank, amount=7)  # bypasses post_entry
    assert check_ledger_invariants.call_local() == [entry.pk]
    # Balance it again so the test's transaction can end: on PostgreSQL the deferred
    # trigger (tested in test_payments) would refuse the entry at commit.
    Posting.objects.create(entry=entry, account=account("clearing:pos"), amount=-7)
    assert check_ledger_invariants.call_local() == []
