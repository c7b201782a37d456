"""What the treasury's views share: the officer's gate, paging, numbers in messages."""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.translation import get_language

from daftar.core.digits import to_persian_digits
from daftar.core.jalali import is_persian
from daftar.core.money import PERSIAN_DECIMAL_SEPARATOR, format_rials
from daftar.core.viewglue import require
from daftar.treasury.permissions import is_treasury_officer

PAGE_SIZE = 25


def require_officer(request: HttpRequest) -> None:
    """404 for anyone but a treasury officer (the officer's pages do not exist for others)."""
    require(is_treasury_officer(request.user))


def page_of(request: HttpRequest, rows, *, param: str = "page", size: int = PAGE_SIZE) -> Page:
    """The page of `rows` the query string's `param` names (the first for a bad number, the
    last past the end)."""
    return Paginator(rows, size).get_page(request.GET.get(param))


def _language() -> str:
    return get_language() or "fa"


def number(value: int) -> str:
    """A count for a message: '۱٬۲۳۴' in Persian, '1,234' in English."""
    return format_rials(value, language=_language(), unit=False)


def amount(value: int) -> str:
    """Rials for a message: '۱٬۲۳۴ ریال' / '1,234 rials'."""
    return format_rials(value, language=_language())


def percent(basis_points: int) -> str:
    """Basis points as a percentage without trailing zeros: 8,000 → '۸۰٪' / '80%', 8,250 →
    '۸۲٫۵٪' / '82.5%'."""
    text = f"{(Decimal(basis_points) / 100).normalize():f}"
    if is_persian(_language()):
        return to_persian_digits(text.replace(".", PERSIAN_DECIMAL_SEPARATOR)) + "٪"
    return f"{text}%"
