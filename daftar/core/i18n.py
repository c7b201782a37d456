"""The one rule for bilingual data: English where the request is in English and an English
text exists, Persian otherwise (Persian is the language of record)."""

from __future__ import annotations

from django.utils.translation import get_language


def localised(fa: str, en: str) -> str:
    return en if get_language() == "en" and en else fa
