"""Money: integer rials only, their display, and splitting an amount between beneficiaries.

Amounts are `int` rials everywhere. Floats, Decimals and bools are refused with TypeError
so that a rounding bug cannot enter quietly. What is split (`allocate`, `allocate_refund`) is
never negative: a refund is its own record with a positive amount, not a negative payment.
What is *shown* may be: a bank debit, a balance, a difference.

Display follows the language: Persian digits with the Arabic thousands separator (٬,
U+066C) and decimal separator (٫, U+066B) in Persian; ASCII digits with commas in English.
Unit names are data selected by the explicit `language` argument, like month names.

A negative amount in Persian starts with a left-to-right mark and the minus sign (U+200E
U+2212, CLDR's minus for Persian): '<U+200E>−۱٬۲۳۴ ریال'. Persian writes numbers left to
right even inside a right-to-left sentence, and the minus belongs at the number's left like in
any arithmetic a Persian reader sees. Without the mark, the Unicode bidirectional algorithm
puts a leading minus of a right-to-left paragraph at the number's *right* ('۱٬۲۳۴−' on
screen), where it reads as a dash after the number (or as a subtraction); the mark is a strong
left-to-right character that keeps the minus with the digits' left-to-right run, so the page
shows '−۱٬۲۳۴' wherever the amount sits. English uses the ASCII hyphen-minus: '-1,234 rials'.
(Examples here write the invisible mark as <U+200E>; ADR 0009 has the reasons.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from daftar.core.jalali import is_persian
from daftar.core.numbers import (  # the separators are re-exported for older importers
    PERSIAN_DECIMAL_SEPARATOR,  # noqa: F401
    PERSIAN_THOUSANDS_SEPARATOR,  # noqa: F401
    localise_separators,
)

BASIS_POINTS = 10_000  # a share of 10_000 basis points is the whole amount
RIALS_PER_TOMAN = 10

# CLDR's Persian minus sign: LEFT-TO-RIGHT MARK + MINUS SIGN (see the module docstring).
PERSIAN_MINUS = "\u200e\u2212"
ENGLISH_MINUS = "-"


def _require_int(value: object, *, name: str = "amount") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int number of rials, not {type(value).__name__}")
    return value


def _require_amount(value: object, *, name: str = "amount") -> int:
    value = _require_int(value, name=name)
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def _signed(number: str, *, negative: bool, language: str) -> str:
    if not negative:
        return number
    return f"{PERSIAN_MINUS if is_persian(language) else ENGLISH_MINUS}{number}"


def _localise(number: str, *, language: str) -> str:
    """'1,234.5' as written in `language` ('۱٬۲۳۴٫۵' in Persian): `numbers` decides."""
    return localise_separators(number, language=language)


def _with_unit(number: str, *, singular: bool, unit: str, language: str) -> str:
    if is_persian(language):
        name = {"rial": "ریال", "toman": "تومان"}[unit]
    else:
        name = unit if singular else f"{unit}s"
    return f"{number} {name}"


def format_rials(amount: int, *, language: str, unit: bool = True) -> str:
    """'۱۲٬۳۴۵٬۰۰۰ ریال' in Persian, '12,345,000 rials' in English; a negative amount
    '<U+200E>−۴۵٬۰۰۰ ریال' / '-45,000 rials'."""
    amount = _require_int(amount)
    magnitude = abs(amount)
    number = _signed(
        _localise(f"{magnitude:,}", language=language), negative=amount < 0, language=language
    )
    if not unit:
        return number
    return _with_unit(number, singular=magnitude == 1, unit="rial", language=language)


def format_tomans(amount_rials: int, *, language: str, unit: bool = True) -> str:
    """The rial amount in tomans: '۱٬۲۳۴٫۵ تومان' / '1,234.5 tomans'; negative amounts as in
    `format_rials` ('<U+200E>−۱٫۵ تومان' / '-1.5 tomans').

    One decimal place appears only when the rials are not a whole number of tomans, so no
    rial is ever hidden by rounding.
    """
    amount_rials = _require_int(amount_rials, name="amount_rials")
    tomans, rials = divmod(abs(amount_rials), RIALS_PER_TOMAN)
    number = _signed(
        _localise(f"{tomans:,}.{rials}" if rials else f"{tomans:,}", language=language),
        negative=amount_rials < 0,
        language=language,
    )
    if not unit:
        return number
    singular = tomans == 1 and not rials
    return _with_unit(number, singular=singular, unit="toman", language=language)


def allocate(total: int, shares: Sequence[tuple[str, int]], *, remainder_to: str) -> dict[str, int]:
    """Split `total` rials by basis points; the rounding remainder goes to `remainder_to`.

    Each beneficiary gets floor(total * basis_points / 10_000); whatever those floors leave
    (at most one rial per beneficiary, less one) goes to `remainder_to`, so the parts always
    add up to `total` exactly. The result keeps the order of `shares`.
    """
    total = _require_amount(total, name="total")
    if not shares:
        raise ValueError("shares must name at least one beneficiary")
    names = [name for name, _ in shares]
    if len(set(names)) != len(names):
        raise ValueError(f"each beneficiary may appear only once in shares, got {names}")
    if remainder_to not in names:
        raise ValueError(f"remainder_to {remainder_to!r} is not one of the beneficiaries {names}")
    for name, basis_points in shares:
        if isinstance(basis_points, bool) or not isinstance(basis_points, int):
            raise TypeError(f"the share of {name!r} must be an int number of basis points")
        if basis_points < 0:
            raise ValueError(f"the share of {name!r} must not be negative, got {basis_points}")
    share_sum = sum(basis_points for _, basis_points in shares)
    if share_sum != BASIS_POINTS:
        raise ValueError(
            f"shares must add up to {BASIS_POINTS} basis points (100%), they add up to {share_sum}"
        )
    parts = {name: total * basis_points // BASIS_POINTS for name, basis_points in shares}
    parts[remainder_to] += total - sum(parts.values())
    return parts


def allocate_refund(
    amount: int,
    received: Mapping[str, int],
    *,
    main: str,
    already_refunded: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Split a refund of `amount` rials between the beneficiaries of the payment it refunds.

    `received` is what each beneficiary received of the payment; `already_refunded` what
    earlier refunds of the same payment took back from each. A beneficiary still *holds* what
    it received less what was taken back, and the refund is taken from the holders in
    proportion, in exact integers:

    * every beneficiary but `main` (the declared main municipal revenue head) gives
      floor(amount × held / total held);
    * `main` gives the rest — the rounding remainder — but never more than it holds;
    * only if `main` holds too little for the remainder (a small main head, or one emptied by
      earlier refunds), the rials it cannot give are taken one each from the beneficiaries
      with the largest dropped fractions (ties: by name), each of whom still holds that rial.

    So the parts add up to `amount`, nobody gives more than it holds (hence, over any sequence
    of refunds of one payment, never more than it received), and the result does not depend
    on the order of `received` (it keeps that order, for display). Raises ValueError when the
    refund is larger than what the beneficiaries still hold together.
    """
    amount = _require_amount(amount)
    already_refunded = dict(already_refunded or {})
    if main not in received:
        raise ValueError(f"the main head {main!r} is not one of the beneficiaries {list(received)}")
    unknown = set(already_refunded) - set(received)
    if unknown:
        raise ValueError(f"refunded from beneficiaries the payment did not pay: {sorted(unknown)}")
    held = {}
    for name, part in received.items():
        part = _require_amount(part, name=f"the part of {name!r}")
        taken = _require_amount(
            already_refunded.get(name, 0), name=f"the refunded part of {name!r}"
        )
        if taken > part:
            raise ValueError(f"{name!r} gave back {taken} rials, more than the {part} it received")
        held[name] = part - taken
    total_held = sum(held.values())
    if amount > total_held:
        raise ValueError(
            f"a refund of {amount} rials is more than the {total_held} the beneficiaries still hold"
        )
    if amount == 0:
        return dict.fromkeys(held, 0)
    parts = {
        name: amount * holding // total_held if name != main else 0
        for name, holding in held.items()
    }
    short = amount - sum(parts.values())
    parts[main] = min(held[main], short)
    short -= parts[main]
    if short:
        by_dropped_fraction = sorted(
            (name for name in held if name != main and amount * held[name] % total_held),
            key=lambda name: (-(amount * held[name] % total_held), name),
        )
        for name in by_dropped_fraction[:short]:
            parts[name] += 1
    return parts
