"""SWIFT MT940 customer statements: one statement of the treasury account, in rials.

The subset read (and what is refused) is documented in docs/bank-statements.md. Statement
lines are numbered by their :61: record (1 for the first), which is what `line_no` means
in the lines and errors of an MT940 statement; errors about the statement as a whole
(account, balances, missing fields) have line_no 0. `mt940_drafts` reads the file as a stream
(a field at a time).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits
from daftar.core.identifiers import normalize_sheba

from .common import (
    Bad,
    Draft,
    LineError,
    Reading,
    Statement,
    StatementInvalid,
    check,
    clean,
    collect,
    lazy_format,
    shown,
    whole_rials,
)

CURRENCY = "IRR"
_TAG = re.compile(r":([0-9]{2}[A-Z]?):(.*)")
_END_OF_TEXT = re.compile(r"-(\}.*)?")  # "-", "-}" or "-}{5:…}" closes the message text
_BALANCE = re.compile(r"([CD])([0-9]{6})([A-Z]{3})([0-9][0-9.,]*)")
_AMOUNT = re.compile(r"([0-9]+),([0-9]*)")
_OUR_REFERENCE = re.compile(r"(?<![A-Za-z])REF:\s*([0-9A-Za-z][0-9A-Za-z-]*)", re.IGNORECASE)
_SIGN = {"C": 1, "RD": 1, "D": -1, "RC": -1}  # a reversed debit is money back in
_ONCE = ("20", "25", "28C", "60F", "62F")

# The parts of a :61: line in order: (name, pattern, required).
_LINE_PARTS = (
    ("value_date", re.compile(r"[0-9]{6}"), True),
    ("entry_date", re.compile(r"[0-9]{4}"), False),
    ("mark", re.compile(r"R?[CD]"), True),
    ("funds_code", re.compile(r"[A-Z](?=[0-9])"), False),
    ("amount", re.compile(r"[0-9][0-9.,]*"), True),
    ("transaction_type", re.compile(r"[NSF][A-Z0-9]{3}"), True),
)
_PART_EXPECTED = {
    "value_date": _("The line must start with its value date as YYMMDD; found «%(value)s»."),
    "mark": _("After the date comes C (credit), D (debit), RC or RD; found «%(value)s»."),
    "amount": _(
        "After the credit/debit mark comes the amount, such as 850000,00; found «%(value)s»."
    ),
    "transaction_type": _(
        "After the amount comes the transaction type, such as NTRF; found «%(value)s»."
    ),
}
_REQUIRED = {
    "25": ("account", _("The account (:25:) is missing.")),
    "60F": ("opening_balance", _("The opening balance (:60F:) is missing.")),
    "62F": ("closing_balance", _("The closing balance (:62F:) is missing.")),
}


@dataclass
class _Field:
    tag: str
    source_line: int
    lines: list[str] = field(default_factory=list)


def _fields(lines: Iterator[str], refusals: list[LineError]) -> Iterator[_Field]:
    """The tagged fields of the message text, with their continuation lines, as they are read;
    a second statement after the end of the text stops them (the refusal in `refusals`)."""
    current: _Field | None = None
    ended = False
    for source_line, raw in enumerate(lines, start=1):
        line = raw.strip()
        tag = _TAG.match(line)
        if tag and ended:
            refusals.append(_more_than_one(tag[1], source_line))
            break
        if tag:
            if current is not None:
                yield current
            current = _Field(tag[1], source_line, [tag[2].strip()])
        elif _END_OF_TEXT.fullmatch(line) and current is not None:
            ended = True
        elif line and current is not None and not ended:
            current.lines.append(line)
        # Lines before the first field (the SWIFT envelope "{1:…}{2:…}{4:") are not text.
    if current is not None:
        yield current


def _more_than_one(tag: str, source_line: int) -> LineError:
    message = _(
        "The file holds more than one statement (another :%(tag)s: on line %(line)d); "
        "export one statement per file."
    )
    return LineError(0, "file", lazy_format(message, {"tag": tag, "line": source_line}))


def read_date(text: str) -> datetime.date:
    """YYMMDD; years 00-79 are 2000-2079, 80-99 are 1980-1999."""
    year, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
    try:
        return datetime.date(year + (2000 if year < 80 else 1900), month, day)
    except ValueError:
        raise Bad(_("«%(value)s» is not a date (YYMMDD)."), value=text) from None


def read_amount(text: str) -> int:
    """An MT940 amount in whole rials: 850000, or 850000,00 (the comma is required)."""
    match = _AMOUNT.fullmatch(text)
    if match is None:
        raise Bad(
            _("«%(value)s» is not an MT940 amount: digits and a decimal comma, such as 850000,00."),
            value=shown(text),
        )
    if match[2].strip("0"):
        raise Bad(
            _("%(value)s has a fraction of a rial; amounts in rials end in “,” or “,00”."),
            value=text,
        )
    return whole_rials(int(match[1]))


def read_account(text: str) -> str:
    """The Sheba of :25:, which may follow a bank identifier and a slash."""
    try:
        return normalize_sheba(text.rsplit("/", 1)[-1])
    except ValidationError as error:
        raise Bad.from_validation_error(error) from None


def _balance(item: _Field, name: str, errors: list[LineError]):
    """(signed amount, date) of :60F: or :62F:; None for what could not be read."""
    text = "".join(item.lines).replace(" ", "")
    match = _BALANCE.fullmatch(text)
    if match is None:
        message = _(
            "The :%(tag)s: field must read like C251129IRR1250000000,00; found «%(value)s»."
        )
        errors.append(
            LineError(0, name, lazy_format(message, {"tag": item.tag, "value": shown(text)}))
        )
        return None, None
    mark, date_text, currency, amount_text = match.groups()
    day = check(errors, 0, name, lambda: read_date(date_text))
    if currency != CURRENCY:
        message = _("The currency of :%(tag)s: is %(currency)s; the treasury account is in IRR.")
        errors.append(
            LineError(0, name, lazy_format(message, {"tag": item.tag, "currency": currency}))
        )
        return None, day
    amount = check(errors, 0, name, lambda: read_amount(amount_text))
    return (None if amount is None else _SIGN[mark] * amount), day


def _statement_line(item: _Field, line_no: int, errors: list[LineError]) -> Draft:
    text, position, parts = item.lines[0], 0, {}
    unread = Draft(line_no, None, None, None, None, "")
    for name, pattern, required in _LINE_PARTS:
        match = pattern.match(text, position)
        if match is None and required:
            found = shown(text[position : position + 16])
            errors.append(
                LineError(line_no, name, lazy_format(_PART_EXPECTED[name], {"value": found}))
            )
            return unread
        if match is not None:
            parts[name], position = match[0], match.end()
    value_date = check(errors, line_no, "value_date", lambda: read_date(parts["value_date"]))
    amount = check(errors, line_no, "amount", lambda: read_amount(parts["amount"]))
    if amount == 0:
        errors.append(
            LineError(line_no, "amount", _("The amount is zero; a statement line moves money."))
        )
        amount = None
    customer, _separator, bank = text[position:].partition("//")
    reference = clean(customer)
    return Draft(
        line_no=line_no,
        value_date=value_date,
        amount=None if amount is None else _SIGN[parts["mark"]] * amount,
        reference="" if reference.upper() == "NONREF" else reference,
        bank_reference=clean(bank),
        description=" ".join(item.lines[1:]),  # supplementary details, unless :86: follows
    )


def _describe(draft: Draft, item: _Field, errors: list[LineError]) -> None:
    """:86: after a :61: is its description, and may carry our reference as REF:…"""
    draft.description = " ".join(line for line in item.lines if line)
    match = _OUR_REFERENCE.search(to_ascii_digits(draft.description))
    if match is None or draft.reference is None:
        return
    ours = match[1]
    if not draft.reference:
        draft.reference = ours
    elif draft.reference != ours:
        message = _(
            "The line carries two different payment references: %(first)s in :61: "
            "and %(second)s in :86:."
        )
        params = {"first": draft.reference, "second": ours}
        errors.append(LineError(draft.line_no, "reference", lazy_format(message, params)))
        draft.reference = None


def mt940_drafts(text: Iterator[str], reading: Reading) -> Iterator[Draft]:
    """The lines of an MT940 statement as they are read (see common.Parser). A line is given
    out when the field after it is read, since a :86: that follows a :61: describes it."""
    errors = reading.errors
    refusals: list[LineError] = []
    seen: set[str] = set()
    lines = 0
    line: Draft | None = None  # the last :61: read, not yet given out
    previous = None
    for item in _fields(text, refusals):
        tag = {"60M": "60F", "62M": "62F"}.get(item.tag, item.tag)
        if tag in _ONCE and tag in seen:
            errors.append(_more_than_one(item.tag, item.source_line))
            break
        seen.add(tag)
        describes = tag == "86" and previous is not None and previous.tag == "61"
        if line is not None and not describes:
            yield line
            line = None
        if item.tag in ("60M", "62M"):
            message = _(
                "Intermediate balances (:%(tag)s:) mean a statement split over several "
                "messages, which is not supported; export the whole day as one statement."
            )
            name = "opening_balance" if tag == "60F" else "closing_balance"
            errors.append(LineError(0, name, lazy_format(message, {"tag": item.tag})))
        elif tag == "25":
            reading.account = check(
                errors, 0, "account", lambda item=item: read_account(item.lines[0])
            )
        elif tag == "60F":
            reading.opening, _day = _balance(item, "opening_balance", errors)
        elif tag == "62F":
            reading.closing, reading.statement_date = _balance(item, "closing_balance", errors)
        elif tag == "61":
            lines += 1
            line = _statement_line(item, lines, errors)
            if "62F" in seen:
                message = _("This line comes after the closing balance (:62F:).")
                errors.append(LineError(lines, "value_date", message))
        elif describes:
            _describe(line, item, errors)
        previous = item
    if line is not None:
        yield line
    if not seen:
        message = _("This is not an MT940 statement: it has no fields such as :25: or :61:.")
        raise StatementInvalid([LineError(0, "file", message)])
    errors[:0] = refusals  # the file's refusal comes first, as nothing after it was read
    for tag, (name, message) in _REQUIRED.items():
        if tag not in seen:
            errors.append(LineError(0, name, message))


def read_mt940(source: BinaryIO) -> Reading:
    """A streaming pass over the MT940 statement in `source` (see common.Reading)."""
    return Reading(source, mt940_drafts, keep_ends=False)


def parse_mt940(data: bytes) -> Statement:
    return collect(read_mt940(io.BytesIO(data)))
