"""Whole numbers in words, as a receipt or a cheque writes an amount beside its digits:
`persian_words(2_200_000)` is "دو میلیون و دویست هزار", `english_words` its English twin.

Persian joins every part with "و" (سیصد و بیست و پنج) and names the scales هزار, میلیون,
میلیارد, هزار میلیارد (the short scale Iranian banks print); a group of one thousand is
written "یک هزار", as on a cheque, so that nobody can write a digit before it.
"""

from __future__ import annotations

from django.utils.translation import get_language

_FA_ONES = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
_FA_TEENS = (
    "ده",
    "یازده",
    "دوازده",
    "سیزده",
    "چهارده",
    "پانزده",
    "شانزده",
    "هفده",
    "هجده",
    "نوزده",
)
_FA_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
_FA_HUNDREDS = (
    "",
    "صد",
    "دویست",
    "سیصد",
    "چهارصد",
    "پانصد",
    "ششصد",
    "هفتصد",
    "هشتصد",
    "نهصد",
)
_FA_SCALES = ("", "هزار", "میلیون", "میلیارد", "هزار میلیارد", "میلیون میلیارد")

_EN_ONES = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_SCALES = ("", "thousand", "million", "billion", "trillion", "quadrillion")

_LIMIT = 10 ** (3 * len(_FA_SCALES))


def _groups(number: int) -> list[int]:
    """Groups of three digits, least significant first: 2_200_000 -> [0, 200, 2]."""
    if not 0 <= number < _LIMIT:
        raise ValueError(f"{number} is out of range (0 to {_LIMIT - 1})")
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    return groups


def _fa_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [_FA_HUNDREDS[hundreds]] if hundreds else []
    if 10 <= rest < 20:
        parts.append(_FA_TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        parts += [w for w in (_FA_TENS[tens], _FA_ONES[ones]) if w]
    return " و ".join(parts)


def persian_words(number: int) -> str:
    """`number` (a whole number, negative allowed) in Persian words."""
    if number < 0:
        return f"منفی {persian_words(-number)}"
    if number == 0:
        return "صفر"
    parts = [
        f"{_fa_below_thousand(group)} {_FA_SCALES[i]}".strip()
        for i, group in enumerate(_groups(number))
        if group
    ]
    return " و ".join(reversed(parts))


def _en_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_EN_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    elif rest:
        parts.append(_EN_ONES[rest])
    return " ".join(parts)


def english_words(number: int) -> str:
    """`number` in English words: 2_200_000 -> "two million two hundred thousand"."""
    if number < 0:
        return f"minus {english_words(-number)}"
    if number == 0:
        return "zero"
    parts = [
        f"{_en_below_thousand(group)} {_EN_SCALES[i]}".strip()
        for i, group in enumerate(_groups(number))
        if group
    ]
    return " ".join(reversed(parts))


def number_in_words(number: int, *, language: str | None = None) -> str:
    """In the active language's words (Persian unless English is active)."""
    language = language or get_language() or "fa"
    return english_words(number) if language.startswith("en") else persian_words(number)
