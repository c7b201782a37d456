"""Bilingual data: the one rule for choosing (English where the request is in English and an
English text exists, Persian otherwise: Persian is the language of record), and the one way to
write a stored sentence in both languages (`in_both_languages`)."""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language

from daftar.core.jalali import format_date, format_datetime
from daftar.core.numbers import format_message, local_digits


def localised(fa: str, en: str) -> str:
    return en if get_language() == "en" and en else fa


class Digits(str):
    """A code whose digits are written in the text's language ('1405-1' → '۱۴۰۵-۱' in a
    Persian sentence): call codes and decision numbers, not codes meant to stay Latin."""


def _param(value: object, language: str) -> object:
    if callable(value):
        value = value()
    if isinstance(value, Digits):
        return local_digits(value, language)
    if isinstance(value, datetime.datetime):
        return format_datetime(value, language=language)
    if isinstance(value, datetime.date):
        return format_date(value, language=language)
    if isinstance(value, Promise):
        return str(value)
    return value


def in_both_languages(message: str, params: dict | None = None) -> tuple[str, str]:
    """`message` (an English msgid marked with `gettext_noop`) translated and filled in, once in
    Persian and once in English: (fa, en). For texts stored when written and shown later in
    either language (what a decision changed, why results were republished). Each parameter is
    written as its language writes it: numbers by `format_number`, dates as Jalali or ISO,
    lazy labels translated, `Digits` codes with the language's digits, and a callable (e.g.
    `lambda: service.title`) called with the language active."""
    texts = []
    for language in ("fa", "en"):
        with translation.override(language):
            filled = {name: _param(value, language) for name, value in (params or {}).items()}
            texts.append(format_message(translation.gettext(message), filled, language))
    return texts[0], texts[1]
