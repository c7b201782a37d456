"""The statement shared by every format, and the checks every format gets.

A statement is read in one streaming pass (`Reading`): the file is read in chunks, hashed
(SHA-256) and decoded as it goes, and a format's parser turns its text into `Draft` lines (a
value is None where it could not be read, and the reason is already in the error list) that
are yielded one by one, so memory does not grow with the number of lines. The checks that need
only the line are made as it passes; those that need the whole file come after the pass: the
duplicate bank references (found by the caller: in memory by `collect`, or by the database
for an import) and the balances, in `Reading.conclude`, which raises `StatementInvalid` with
every error found. Nothing partial is ever returned.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

from django.core.exceptions import ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits
from daftar.core.errors import InvalidInput
from daftar.treasury.error_codes import TreasuryErrorCode

T = TypeVar("T")

# The ledger stores rials in a BigIntegerField.
MAX_RIALS = 2**63 - 1
# Direction marks, isolates and stray byte-order marks that RTL spreadsheets put in cells.
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SHOWN_CHARS = 40
# Bytes read at a time: a statement of a million lines is read in about 80 pieces.
CHUNK_BYTES = 1 << 20


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

    code = TreasuryErrorCode.STATEMENT_INVALID

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
    if text.isascii():  # the bank's usual export: nothing to fold (the fast path)
        return text.strip()
    return _INVISIBLE.sub("", to_ascii_digits(text)).strip()


def shown(text: str) -> str:
    """A typed value short enough to quote back in a message."""
    text = text.strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def whole_rials(number: int) -> int:
    if abs(number) > MAX_RIALS:
        raise Bad(_("%(value)s rials is beyond what the ledger can hold."), value=number)
    return number


def _not_utf8(position: int) -> StatementInvalid:
    return StatementInvalid(
        [
            LineError(
                0,
                "file",
                lazy_format(
                    _(
                        "The file is not UTF-8 text (unreadable byte at position "
                        "%(at)d); export or save it as UTF-8."
                    ),
                    {"at": position},
                ),
            )
        ]
    )


_LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines() splits


def text_lines(source: BinaryIO, digest, *, keep_ends: bool) -> Iterator[str]:
    """The UTF-8 text of `source` (a byte-order mark allowed) line by line, read in chunks and
    fed to `digest` as read; a refusal naming the first byte that is not UTF-8 (its position
    counted after the byte-order mark, as `bytes.decode("utf-8-sig")` counts it).

    With `keep_ends`, lines end at \\n, \\r\\n or \\r and keep their ends (as `io.StringIO(text,
    newline="")` yields them, which is what the csv module reads); without, they are the
    lines of `str.splitlines()`, without their ends.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    head, decoded, carry = b"", 0, ""
    while len(head) < len(codecs.BOM_UTF8):  # the byte-order mark may only come first
        more = source.read(CHUNK_BYTES)
        if not more:
            break
        head += more
    digest.update(head)
    chunk = head.removeprefix(codecs.BOM_UTF8)
    final = not head
    while True:
        pending = decoder.getstate()[0]
        try:
            text = decoder.decode(chunk, final)
        except UnicodeDecodeError as error:  # error.object is `pending + chunk`
            raise _not_utf8(decoded - len(pending) + error.start) from None
        decoded += len(chunk)
        if keep_ends:
            lines = io.StringIO(carry + text, newline="").readlines()
            complete = not lines or lines[-1].endswith("\n")
        else:
            lines = (carry + text).splitlines(keepends=True)
            complete = not lines or (lines[-1][-1] in _LINE_ENDS and lines[-1][-1] != "\r")
        # The last piece may go on in the next chunk (a CR may be the start of CR LF).
        carry = "" if final or complete else lines.pop()
        if keep_ends:
            yield from lines
        else:
            for line in lines:
                yield line.rstrip(_LINE_ENDS)
        if final:
            return
        chunk = source.read(CHUNK_BYTES)
        digest.update(chunk)
        final = not chunk


@dataclass(slots=True)
class Draft:
    """A statement line as read; None marks a value that could not be read (already reported)."""

    line_no: int
    value_date: datetime.date | None
    amount: int | None
    reference: str | None
    bank_reference: str | None
    description: str


# A format's parser: the file's text lines in, the statement's lines out; it puts the header's
# values and every error it finds in the Reading.
Parser = Callable[[Iterator[str], "Reading"], Iterator[Draft]]


class Reading:
    """One streaming pass over a statement file.

    Iterate `drafts()` once; after it, the header's values, `lines` (how many), `total` (their
    sum) and `sha256` (of the file's bytes) are known. Report the duplicate bank references with
    `duplicate()`, then `conclude()` refuses the statement if anything was wrong.
    """

    def __init__(self, source: BinaryIO, parser: Parser, *, keep_ends: bool) -> None:
        self.errors: list[LineError] = []
        self.account: str | None = None
        self.opening: int | None = None
        self.closing: int | None = None
        self.statement_date: datetime.date | None = None
        # False when the format could not even find the lines (a table without its column
        # names): their total is unknown, so the balances are not compared.
        self.all_lines_read = True
        self.lines = 0
        self.total = 0
        self._amounts_read = True
        self._source, self._parser, self._keep_ends = source, parser, keep_ends
        self._digest = hashlib.sha256()

    def drafts(self) -> Iterator[Draft]:
        """Every line of the statement, in the file's order, as it is read."""
        missing = _("The bank reference is missing.")
        text = text_lines(self._source, self._digest, keep_ends=self._keep_ends)
        for draft in self._parser(text, self):
            # A credit without our reference is real (an unidentified deposit): it is imported
            # and waits in suspense for the treasury officer, not refused with the whole file.
            if draft.bank_reference == "":
                self.errors.append(LineError(draft.line_no, "bank_reference", missing))
            self.lines += 1
            if draft.amount is None:
                self._amounts_read = False
            else:
                self.total += draft.amount
            yield draft

    def duplicate(self, line_no: int, reference: str, first: int) -> None:
        """Line `line_no` repeats the bank reference of line `first`."""
        message = _("The bank reference %(reference)s already appears on line %(line)d.")
        self.errors.append(
            LineError(
                line_no,
                "bank_reference",
                lazy_format(message, {"reference": reference, "line": first}),
            )
        )

    @property
    def sha256(self) -> str:
        while chunk := self._source.read(CHUNK_BYTES):  # what a refused file left unread
            self._digest.update(chunk)
        return self._digest.hexdigest()

    def conclude(self) -> None:
        """The checks that need the whole statement; StatementInvalid with every error found."""
        opening, closing, total = self.opening, self.closing, self.total
        if (
            self.all_lines_read
            and self._amounts_read
            and opening is not None
            and closing is not None
            and opening + total != closing
        ):
            self.errors.append(
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
        if self.errors:
            raise StatementInvalid(self.errors)


def duplicate_bank_references(drafts: Iterable[Draft]) -> Iterator[tuple[int, str, int]]:
    """(line, bank reference, the line it first appeared on) for each repeated reference."""
    first_line_of: dict[str, int] = {}
    for draft in drafts:
        if draft.bank_reference:
            first = first_line_of.setdefault(draft.bank_reference, draft.line_no)
            if first != draft.line_no:
                yield draft.line_no, draft.bank_reference, first


def collect(reading: Reading) -> Statement:
    """The whole statement in memory (for small files and tests); or StatementInvalid."""
    drafts = list(reading.drafts())
    for line_no, reference, first in duplicate_bank_references(drafts):
        reading.duplicate(line_no, reference, first)
    reading.conclude()
    # With no errors, every value was read (a None always comes with an error).
    return Statement(
        account=reading.account,
        opening_balance=reading.opening,
        closing_balance=reading.closing,
        statement_date=reading.statement_date,
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
