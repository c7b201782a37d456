"""Persian text normalisation for storage-side cleaning and for search keys.

Users type Persian with many keyboards: Arabic layouts give ي and ك instead of Persian ی
and ک, some add kashida (ـ) for stretching or diacritics (اِعراب), and half-spaces (ZWNJ)
come and go with spaces around them. We keep what the user typed for display and match on
`search_key(...)`, so two spellings of one name find each other.

Choices worth knowing:

* ZWNJ (U+200C, نیم‌فاصله) is kept: it is part of Persian spelling ("می‌روم"). Runs of
  ZWNJ collapse to one, and a ZWNJ touching a space (or the start or end) is dropped.
* ۀ (heh with hamza above, the written ezafe) becomes ه: Iranians write the same ezafe as
  "خانۀ", "خانه" or "خانه‌ی", and the hamza is a diacritic like the others we drop.
* ة (teh marbuta) becomes ه, the usual Persian spelling of Arabic loanwords (مدرسة → مدرسه).
* Digits are left as typed by `normalize_persian`; `search_key` folds them to ASCII.
* Bidirectional marks (LRM, RLM, ALM) and the BOM are dropped: invisible, never meaningful
  in a stored name or address, and common in text pasted from other applications.
"""

from __future__ import annotations

import re
import unicodedata

from daftar.core.digits import to_ascii_digits

ZWNJ = "\u200c"
KASHIDA = "\u0640"

_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC LETTER YEH -> ARABIC LETTER FARSI YEH
        "\u0649": "\u06cc",  # ARABIC LETTER ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC LETTER KAF -> ARABIC LETTER KEHEH
        "\u06c0": "\u0647",  # HEH WITH YEH ABOVE (ۀ) -> HEH
        "\u0629": "\u0647",  # TEH MARBUTA (ة) -> HEH
    }
)

# Kashida, Arabic diacritics (fathatan .. wavy hamza below, superscript alef), bidi marks, BOM.
_DROPPED = re.compile("[\u0640\u064b-\u065f\u0670\u200e\u200f\u061c\ufeff]")
_WHITESPACE = re.compile(r"\s+")
_SPACES_AND_ZWNJ = re.compile(f"[ {ZWNJ}]+")


def _join_run(match: re.Match[str]) -> str:
    # A run of spaces and half-spaces is one word break: a space wins over a ZWNJ.
    return " " if " " in match.group() else ZWNJ


def normalize_persian(text: str) -> str:
    """Persian letters for Arabic look-alikes, no kashida or diacritics, tidy spacing.

    Digits are left as typed. The result is what a careful typist would have entered and is
    safe to store next to (or instead of) the raw input.
    """
    # NFC first so decomposed hamza/madda letters (ا + ◌ٓ = آ) survive diacritic removal.
    text = unicodedata.normalize("NFC", text).translate(_LETTERS)
    text = _DROPPED.sub("", text)
    text = _WHITESPACE.sub(" ", text)
    text = _SPACES_AND_ZWNJ.sub(_join_run, text)
    return text.strip(f" {ZWNJ}")


def search_key(text: str) -> str:
    """The form of `text` that names and addresses are matched on.

    `normalize_persian`, plus compatibility folding (Arabic presentation forms from PDFs,
    full-width Latin), digits folded to ASCII and Latin case folded.
    """
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.casefold())
    return to_ascii_digits(normalize_persian(text))
