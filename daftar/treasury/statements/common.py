"""The statement shared by every format, and the checks every format gets.

A format's parser reads its file into `Draft` lines (a value is None where it could not be
read, and the reason is already in the error list); `finish` then applies the rules common
to all formats (every line has a unique bank reference, the balances add up) and either
returns a whole `Statement` or raises `StatementInvalid` with every error found. Nothing
partial is ever returned.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits
from daftar.core.errors import InvalidInput

T = TypeVar("T")

# The ledger stores rials in a BigIntegerField.
MAX_RIALS = 2**63 - 1
# Direction marks, isolates and stray byte-order marks that RTL spreadsheets put in cells.
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SHOWN_CHARS = 40


@dataclass(frozen=True)
class StatementLine:
    line_no: int  # 1-based line of the source (CSV) or index of the :61: record (MT940)
    value_date: datetime.date
    amount: int  # rials: credits positive, debits negative
    reference: str  # our payment reference, as the bank carries it ("" on some debits)
    bank_reference: str  # the bank's own transaction id, unique within the statement
    description: str


@dataclass(frozen=True)
class LineError:
    line_no: int  # as StatementLine.line_no; 0 for the statement as a whole
    field: str
    message: Promise | str  # translated lazily: render with str() in the reader's language


@dataclass(frozen=True)
class Statement:
    account: str  # canonical Sheba: IR + 24 digits
    opening_balance: int
    closing_balance: int
    statement_date: datetime.date
    lines: list[StatementLine]


class StatementInvalid(InvalidInput):
    """The statement has errors, all listed in `errors`; nothing of it may be imported."""

    code = "statement_invalid"

    def __init__(self, errors: list[LineError]) -> None:
        self.errors = sorted(errors, key=lambda error: error.line_no)
        super().__init__(
            _("The bank statement was not imported: it has %(count)d error(s)."),
            field="file",
            params={"count": len(self.errors)},
        )


def _interpolate(message, params: Mapping) -> str:
    return str(message) % {
        key: str(value) if isinstance(value, Promise) else value for key, value in params.items()
    }


def lazy_format(message, params: Mapping):
    """`message % params`, done when the text is shown (in the reader's language)."""
    return lazy(_interpolate, str)(message, dict(params))


class Bad(Exception):
    """One value could not be read; `message` says why, in the reader's language."""

    def __init__(self, message, **params) -> None:
        super().__init__(message)
        self.message = lazy_format(message, params) if params else message

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> Bad:
        return cls(error.message, **(error.params or {}))


def check(errors: list[LineError], line_no: int, field: str, read: Callable[[], T]) -> T | None:
    """`read()`, or None after recording why it failed."""
    try:
        return read()
    except Bad as bad:
        errors.append(LineError(line_no, field, bad.message))
        return None


def clean(text: str) -> str:
    """A code-like value as typed: ASCII digits, no invisible marks, no surrounding spaces."""
    return _INVISIBLE.sub("", to_ascii_digits(text)).strip()


def shown(text: str) -> str:
    """A typed value short enough to quote back in a message."""
    text = text.strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def whole_rials(number: int) -> int:
    if abs(number) > MAX_RIALS:
        raise Bad(_("%(value)s rials is beyond what the ledger can hold."), value=number)
    return number


def decode(data: bytes) -> str:
    """UTF-8 text with or without a byte-order mark, else a refusal."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StatementInvalid(
            [
                LineError(
                    0,
                    "file",
                    lazy_format(
                        _(
                            "The file is not UTF-8 text (unreadable byte at position "
                            "%(at)d); export or save it as UTF-8."
                        ),
                        {"at": error.start},
                    ),
                )
            ]
        ) from None


@dataclass
class Draft:
    """A statement line as read; None marks a value that could not be read (already reported)."""

    line_no: int
    value_date: datetime.date | None
    amount: int | None
    reference: str | None
    bank_reference: str | None
    description: str


def finish(
    *,
    errors: list[LineError],
    account: str | None,
    opening: int | None,
    closing: int | None,
    statement_date: datetime.date | None,
    drafts: list[Draft],
    all_lines_read: bool = True,
) -> Statement:
    """The statement, after the checks every format shares; or StatementInvalid.

    `all_lines_read` is False when the format could not even find the lines (a table without
    its column names): their total is unknown, so the balances are not compared.
    """
    first_line_of: dict[str, int] = {}
    for draft in drafts:
        # A credit without our reference is real (an unidentified deposit): it is imported
        # and waits in suspense for the treasury officer, not refused with the whole file.
        if draft.bank_reference == "":
            errors.append(
                LineError(draft.line_no, "bank_reference", _("The bank reference is missing."))
            )
        elif draft.bank_reference is not None:
            first = first_line_of.setdefault(draft.bank_reference, draft.line_no)
            if first != draft.line_no:
                errors.append(
                    LineError(
                        draft.line_no,
                        "bank_reference",
                        lazy_format(
                            _("The bank reference %(reference)s already appears on line %(line)d."),
                            {"reference": draft.bank_reference, "line": first},
                        ),
                    )
                )
    amounts = [draft.amount for draft in drafts]
    if all_lines_read and opening is not None and closing is not None and None not in amounts:
        total = sum(amounts)
        if opening + total != closing:
            errors.append(
                LineError(
                    0,
                    "closing_balance",
                    lazy_format(
                        _(
                            "The statement does not balance: the opening balance %(opening)s "
                            "plus the lines' total %(total)s is %(expected)s, but the closing "
                            "balance is %(closing)s (a difference of %(difference)s)."
                        ),
                        {
                            "opening": f"{opening:,}",
                            "total": f"{total:,}",
                            "expected": f"{opening + total:,}",
                            "closing": f"{closing:,}",
                            "difference": f"{closing - opening - total:,}",
                        },
                    ),
                )
            )
    if errors:
        raise StatementInvalid(errors)
    # With no errors, every value was read (a None always comes with an error).
    return Statement(
        account=account,
        opening_balance=opening,
        closing_balance=closing,
        statement_date=statement_date,
        lines=[
            StatementLine(
                line_no=draft.line_no,
                value_date=draft.value_date,
                amount=draft.amount,
                reference=draft.reference,
                bank_reference=draft.bank_reference,
                description=draft.description,
            )
            for draft in drafts
        ],
    )
