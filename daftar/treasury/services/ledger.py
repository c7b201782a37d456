"""Booking to the ledger: balanced entries only, reversals instead of edits."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.core.errors import InvalidInput
from daftar.treasury.choices import AccountKind, EntryKind
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Account, JournalEntry, Posting

TREASURY = "bank:treasury"
SUSPENSE = "suspense:bank"
REFUNDS = "refunds:payable"
PENALTIES = "revenue:penalties"  # the municipal revenue head penalties on offices are paid into
CLEARING = {"pos": "clearing:pos", "gateway": "clearing:gateway", "slip": "clearing:slip"}

_KINDS = {
    "bank": AccountKind.BANK,
    "clearing": AccountKind.CLEARING,
    "revenue": AccountKind.REVENUE,
    "refunds": AccountKind.REFUNDS_PAYABLE,
    "suspense": AccountKind.SUSPENSE,
}
# Names of the accounts the treasury opens itself (others are named after their code).
_NAMES = {PENALTIES: ("درآمد جرایم دفاتر", "Penalties imposed on offices")}


def account(code: str, *, office=None) -> Account:
    """The account with this code, opened on first use."""
    found = Account.objects.filter(code=code).first()
    if found is not None:
        return found
    prefix = code.split(":", 1)[0]
    if code.startswith("payable:office:"):
        kind = AccountKind.OFFICE_PAYABLE
    elif code.startswith("payable:"):
        kind = AccountKind.OTHER_PAYABLE
    else:
        kind = _KINDS.get(prefix)
    if kind is None:
        raise InvalidInput(
            _("Unknown ledger account %(code)s."),
            code=TreasuryErrorCode.UNKNOWN_ACCOUNT,
            params={"code": code},
        )
    name_fa, name_en = _NAMES.get(code, (code, code))
    found, _created = Account.objects.get_or_create(
        code=code, defaults={"name_fa": name_fa, "name_en": name_en, "kind": kind, "office": office}
    )
    return found


def beneficiary_account(beneficiary: str, *, office=None) -> Account:
    """Where a tariff's beneficiary is credited: revenue heads, an office's or others' payable."""
    if beneficiary.startswith("revenue:"):
        return account(beneficiary)
    if beneficiary == "office_fee":
        if office is None:
            raise InvalidInput(
                _("An office fee share needs the office."),
                code=TreasuryErrorCode.OFFICE_FEE_WITHOUT_OFFICE,
            )
        return account(f"payable:office:{office.code}", office=office)
    if beneficiary.startswith("other:"):
        return account(f"payable:{beneficiary}")
    raise InvalidInput(
        _("Unknown beneficiary %(name)s."),
        code=CatalogueErrorCode.UNKNOWN_BENEFICIARY,
        params={"name": beneficiary},
    )


def post_entry(
    *,
    kind: EntryKind,
    day: datetime.date,
    memo: str,
    actor_label: str,
    lines: Iterable[tuple[Account, int]],
    reverses: JournalEntry | None = None,
) -> JournalEntry:
    """One balanced entry. Lines are (account, amount): debit positive, credit negative."""
    lines = [(acc, amount) for acc, amount in lines if amount != 0]
    for _acc, amount in lines:
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise InvalidInput(
                _("Ledger amounts are whole rials."), code=TreasuryErrorCode.AMOUNT_NOT_WHOLE_RIALS
            )
    if len(lines) < 2:
        raise InvalidInput(
            _("An entry needs at least two postings."), code=TreasuryErrorCode.ENTRY_TOO_SHORT
        )
    total = sum(amount for _acc, amount in lines)
    if total != 0:
        raise InvalidInput(
            _("The entry does not balance (off by %(total)d rials)."),
            code=TreasuryErrorCode.UNBALANCED,
            params={"total": total},
        )
    entry = JournalEntry.objects.create(
        kind=kind, day=day, memo=memo[:300], actor_label=actor_label[:150], reverses=reverses
    )
    Posting.objects.bulk_create(
        [Posting(entry=entry, account=acc, amount=amount) for acc, amount in lines]
    )
    return entry


def reverse_entry(
    *, entry: JournalEntry, day: datetime.date, memo: str, actor_label: str
) -> JournalEntry:
    return post_entry(
        kind=EntryKind.REVERSAL,
        day=day,
        memo=memo,
        actor_label=actor_label,
        reverses=entry,
        lines=[(p.account, -p.amount) for p in entry.postings.select_related("account")],
    )


def balance(code: str, *, as_of: datetime.date | None = None) -> int:
    """Debit-positive balance of an account, from all entries up to `as_of` (inclusive)."""
    postings = Posting.objects.filter(account__code=code)
    if as_of is not None:
        postings = postings.filter(entry__day__lte=as_of)
    return postings.aggregate(total=Sum("amount"))["total"] or 0


def unbalanced_entries() -> list[int]:
    """Entries whose postings do not sum to zero (the nightly invariant check)."""
    return list(
        Posting.objects.values("entry_id")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
        .values_list("entry_id", flat=True)
    )
