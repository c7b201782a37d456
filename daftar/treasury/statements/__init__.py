"""Bank statements of the city's single treasury account, read from the bank's files.

`parse_statement(data, format="csv" | "mt940")` returns a whole `Statement` or raises
`StatementInvalid` listing every error (line, field, translated message); nothing partial is
ever returned. `statement_to_csv` writes the Daftar CSV format, which reads back to the same
statement. The formats are documented in docs/bank-statements.md. This package is pure: no
models, no database.
"""

from __future__ import annotations

from .common import LineError, Statement, StatementInvalid, StatementLine
from .csv import parse_csv, statement_to_csv
from .mt940 import parse_mt940

__all__ = [
    "FORMATS",
    "LineError",
    "Statement",
    "StatementInvalid",
    "StatementLine",
    "parse_statement",
    "statement_to_csv",
]

_PARSERS = {"csv": parse_csv, "mt940": parse_mt940}
FORMATS = tuple(_PARSERS)


def parse_statement(data: bytes, *, format: str) -> Statement:
    """The statement in `data`, a file in `format` ("csv" or "mt940"); or StatementInvalid."""
    try:
        parser = _PARSERS[format]
    except KeyError:
        raise ValueError(
            f"unknown statement format {format!r}; expected one of {FORMATS}"
        ) from None
    return parser(data)
