"""Logging filters: national codes and mobiles never reach the logs in clear."""

from __future__ import annotations

import logging
import re

from daftar.core.context import current_request_id

# A run of exactly 10 (national code) or 11 (legal id) digits, or an Iranian mobile.
_NATIONAL = re.compile(r"(?<!\d)(\d{3})\d{4,5}(\d{3})(?!\d)")
_MOBILE = re.compile(r"(\+98|0098|0)?9(\d{2})\d{4}(\d{3})(?!\d)")


def mask_identifiers(text: str) -> str:
    """Replace the middle of national codes, legal ids and mobiles with asterisks."""
    text = _MOBILE.sub(lambda m: f"{m.group(1) or ''}9{m.group(2)}****{m.group(3)}", text)
    return _NATIONAL.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


def mask_national_code(code: str) -> str:
    """Show a national code as 123****890 in lists and logs."""
    if len(code) < 7:
        return "*" * len(code)
    return f"{code[:3]}{'*' * (len(code) - 6)}{code[-3:]}"


class MaskIdentifiersFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_identifiers(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True
