"""Bank statements of the city's single treasury account, read from the bank's files.

`read_statement(source, format="csv" | "mt940")` reads a binary file object in one streaming
pass (`Reading`): its lines come out one by one as they are read, so a statement of a million
lines never sits in memory; the caller checks the bank references for repeats, then
`Reading.conclude()` raises `StatementInvalid` listing every error (line, field, translated
message). `parse_statement(data, format=…)` does the same in memory and returns a whole
`Statement` or raises; nothing partial is ever returned. `statement_to_csv` writes the Daftar
CSV format, which reads back to the same statement. The formats are documented in
docs/bank-statements.md. This package is pure: no models, no database.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from .common import (
    Draft,
    LineError,
    Reading,
    Statement,
    StatementInvalid,
    StatementLine,
    collect,
)
from .csv import read_csv, statement_to_csv
from .mt940 import read_mt940

__all__ = [
    "FORMATS",
    "Draft",
    "LineError",
    "Reading",
    "Statement",
    "StatementInvalid",
    "StatementLine",
    "parse_statement",
    "read_statement",
    "statement_to_csv",
]

_READERS = {"csv": read_csv, "mt940": read_mt940}
FORMATS = tuple(_READERS)


def read_statement(source: BinaryIO, *, format: str) -> Reading:
    """A streaming pass over the statement in `source`, a binary file in `format`."""
    try:
        reader = _READERS[format]
    except KeyError:
        raise ValueError(
            f"unknown statement format {format!r}; expected one of {FORMATS}"
        ) from None
    return reader(source)


def parse_statement(data: bytes, *, format: str) -> Statement:
    """The statement in `data`, a file in `format` ("csv" or "mt940"); or StatementInvalid."""
    return collect(read_statement(io.BytesIO(data), format=format))
