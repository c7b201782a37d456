"""The Daftar CSV statement format: read it (every error reported) and write it.

The format is documented in docs/bank-statements.md: UTF-8 (a BOM is allowed), comma
separated; header lines `# name,value` (account, date, opening_balance, closing_balance),
then a table whose first line names the columns. `csv_drafts` reads it as a stream (a line at
a time); the common shapes of a bank's export (ASCII cells, one value date for the day) take
a fast path that gives the same values and errors as the general one.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daftar.core.identifiers import normalize_sheba
from daftar.core.jalali import parse_jalali_date, to_jalali

from .common import (
    MAX_RIALS,
    Bad,
    Draft,
    LineError,
    Reading,
    Statement,
    check,
    clean,
    collect,
    lazy_format,
    shown,
    whole_rials,
)

COLUMNS = ("value_date", "amount", "reference", "bank_reference", "description")
_WIDTH = len(COLUMNS)
HEADER_KEYS = ("account", "date", "opening_balance", "closing_balance")
# A date whose year is this or later is Gregorian; earlier years are Solar Hijri.
FIRST_GREGORIAN_YEAR = 1700

_DATE = re.compile(r"([0-9]{4})\s*([/-])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")
_INTEGER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
_THOUSANDS_SEPARATORS = str.maketrans({"٬": ",", "\u2212": "-"})  # Arabic separator, minus


def read_date(text: str) -> datetime.date:
    """A Solar Hijri date (1404/09/08, Persian digits allowed) or a Gregorian one (2025-11-29)."""
    typed = clean(text)
    if not typed:
        raise Bad(_("The date is missing."))
    match = _DATE.fullmatch(typed)
    if match is None:
        raise Bad(
            _(
                "«%(value)s» is not a date: write 1404/09/08 (Solar Hijri) "
                "or 2025-11-29 (Gregorian)."
            ),
            value=shown(typed),
        )
    if int(match[1]) >= FIRST_GREGORIAN_YEAR:
        try:
            return datetime.date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            raise Bad(
                _("%(value)s is not a date in the Gregorian calendar."), value=typed
            ) from None
    try:
        return parse_jalali_date(typed)
    except ValidationError as error:
        raise Bad.from_validation_error(error) from None


def read_integer(text: str, *, what) -> int:
    """Whole rials: digits, an optional leading minus, optional thousands separators."""
    typed = clean(text).translate(_THOUSANDS_SEPARATORS)
    if not typed:
        raise Bad(_("The %(what)s is missing."), what=what)
    if _INTEGER.fullmatch(typed) is None:
        if re.fullmatch(r"-?[0-9,]*[.٫][0-9]*", typed):
            raise Bad(
                _("«%(value)s» has a fraction; the %(what)s must be in whole rials."),
                value=shown(text),
                what=what,
            )
        raise Bad(
            _("«%(value)s» is not a whole number of rials (the %(what)s)."),
            value=shown(text),
            what=what,
        )
    return whole_rials(int(typed.replace(",", "")))


def read_amount(text: str) -> int:
    amount = read_integer(text, what=_("amount"))
    if amount == 0:
        raise Bad(_("The amount is zero; a statement line moves money."))
    return amount


def read_account(text: str) -> str:
    try:
        return normalize_sheba(text)
    except ValidationError as error:
        raise Bad.from_validation_error(error) from None


_HEADER_READERS = {
    "account": read_account,
    "date": read_date,
    "opening_balance": lambda text: read_integer(text, what=_("opening balance")),
    "closing_balance": lambda text: read_integer(text, what=_("closing balance")),
}


def _without_padding(cells: list[str], width: int) -> list[str]:
    """The cells without the empty ones a spreadsheet adds to pad rows to the widest one."""
    while len(cells) > width and not clean(cells[-1]):
        cells = cells[:-1]
    return cells


def _header_line(cells: list[str], line_no: int, header: dict, errors: list[LineError]) -> None:
    cells = _without_padding(cells, 2)
    key = clean(cells[0]).lstrip("#").strip().lower()
    if key not in HEADER_KEYS:
        return  # a comment
    if key in header:
        errors.append(
            LineError(line_no, key, _("This header line repeats one given above; keep one."))
        )
        return
    if len(cells) != 2:
        header[key] = None
        errors.append(
            LineError(
                line_no,
                key,
                _(
                    "A header line is “# name,value” with exactly one value; put an amount "
                    "with thousands separators in double quotes."
                ),
            )
        )
        return
    header[key] = check(errors, line_no, key, lambda: _HEADER_READERS[key](cells[1]))


def _column_names(cells: list[str], line_no: int, errors: list[LineError]) -> tuple | None:
    """Where each of COLUMNS is in the table's lines; None (reported) if they are not named."""
    names = [clean(cell).lower() for cell in _without_padding(cells, 1)]
    if sorted(names) == sorted(COLUMNS):
        return tuple(names.index(name) for name in COLUMNS)
    errors.append(LineError(line_no, "header", _columns_expected(shown(",".join(cells)))))
    return None


def _columns_expected(found: str):
    return lazy_format(
        _("The table must start with a line naming its columns: %(columns)s (found «%(found)s»)."),
        {"columns": ",".join(COLUMNS), "found": found},
    )


# The value dates already read: a statement is one day's, so nearly every line repeats one.
_DATES: dict[str, datetime.date] = {}


def _value_date(text: str, line_no: int, errors: list[LineError]) -> datetime.date | None:
    day = _DATES.get(text)
    if day is None:
        day = check(errors, line_no, "value_date", lambda: read_date(text))
        if day is not None and len(_DATES) < 4096:
            _DATES[text] = day
    return day


def _amount(text: str, line_no: int, errors: list[LineError]) -> int | None:
    if text.isascii():  # plain digits with an optional minus: what read_amount would return
        typed = text.strip()
        digits = typed[1:] if typed.startswith("-") else typed
        if digits.isdigit():
            amount = int(typed)
            if amount and abs(amount) <= MAX_RIALS:
                return amount
    return check(errors, line_no, "amount", lambda: read_amount(text))


def _row(cells: list[str], columns: tuple, line_no: int, errors: list[LineError]) -> Draft:
    if len(cells) > _WIDTH:
        cells = _without_padding(cells, _WIDTH)
    width = len(cells)
    values = [cells[index] if index < width else None for index in columns]
    if None in values:
        for name, value in zip(COLUMNS, values, strict=True):
            if value is None:
                errors.append(
                    LineError(line_no, name, _("This column is missing: the line is too short."))
                )
    if width > _WIDTH:
        errors.append(
            LineError(
                line_no,
                "row",
                _(
                    "This line has more values than the table has columns; put text that "
                    "contains commas in double quotes."
                ),
            )
        )
    value_date, amount, reference, bank_reference, description = values
    return Draft(
        line_no=line_no,
        value_date=None if value_date is None else _value_date(value_date, line_no, errors),
        amount=None if amount is None else _amount(amount, line_no, errors),
        reference=None if reference is None else clean(reference),
        bank_reference=None if bank_reference is None else clean(bank_reference),
        description=(description or "").strip(),
    )


def csv_drafts(text: Iterator[str], reading: Reading) -> Iterator[Draft]:
    """The lines of a Daftar CSV statement as they are read (see common.Parser)."""
    reader = csv.reader(text)
    errors = reading.errors
    header: dict = {}
    columns: tuple | None = None
    table_unreadable = False
    last_line = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            message = _("The CSV text cannot be read here: %(error)s.")
            errors.append(LineError(last_line + 1, "file", lazy_format(message, {"error": error})))
            break
        line_no, last_line = last_line + 1, reader.line_num
        first = clean(cells[0]) if cells else ""
        if not first and not any(clean(cell) for cell in cells):
            continue
        if first.startswith("#"):
            _header_line(cells, line_no, header, errors)
        elif table_unreadable:
            continue
        elif columns is None:
            columns = _column_names(cells, line_no, errors)
            table_unreadable = columns is None
        else:
            yield _row(cells, columns, line_no, errors)
    for key in HEADER_KEYS:
        if key not in header:
            message = _("The header line “# %(key)s,…” is missing.")
            errors.append(LineError(0, key, lazy_format(message, {"key": key})))
    if columns is None and not table_unreadable:
        message = _("The table is missing: after the header comes a line naming its columns: %(c)s")
        errors.append(LineError(0, "header", lazy_format(message, {"c": ",".join(COLUMNS)})))
    reading.account = header.get("account")
    reading.opening = header.get("opening_balance")
    reading.closing = header.get("closing_balance")
    reading.statement_date = header.get("date")
    reading.all_lines_read = not table_unreadable


def read_csv(source: BinaryIO) -> Reading:
    """A streaming pass over the Daftar CSV statement in `source` (see common.Reading)."""
    return Reading(source, csv_drafts, keep_ends=True)


def parse_csv(data: bytes) -> Statement:
    return collect(read_csv(io.BytesIO(data)))


def jalali_text(day: datetime.date) -> str:
    """1404/09/08: the Solar Hijri date with ASCII digits."""
    jalali = to_jalali(day)
    return f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}"


def statement_to_csv(statement: Statement) -> str:
    """The statement in the Daftar CSV format; `parse_csv` reads it back to the same values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["# account", statement.account])
    writer.writerow(["# date", jalali_text(statement.statement_date)])
    writer.writerow(["# opening_balance", statement.opening_balance])
    writer.writerow(["# closing_balance", statement.closing_balance])
    writer.writerow(COLUMNS)
    for line in statement.lines:
        writer.writerow(
            [
                jalali_text(line.value_date),
                line.amount,
                line.reference,
                line.bank_reference,
                line.description,
            ]
        )
    return out.getvalue()
