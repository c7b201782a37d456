"""Citation strings for articles and notes.

«ماده ۷ تبصره ۲، آیین‌نامه ساماندهی دفاتر، نسخه مصوب ۱۴۰۴/۰۸/۱۲» — built only from what
cannot change once a version is adopted (numbers, the bylaw's short title, the adoption
date), so a citation stays valid for ever.
"""

from __future__ import annotations

from daftar.core.digits import to_persian_digits
from daftar.core.jalali import format_date
from daftar.governance.models import Article, ArticleNote


def citation(article: Article, note: ArticleNote | None = None, *, language: str = "fa") -> str:
    version, bylaw = article.version, article.version.bylaw
    if language == "fa":
        parts = [f"ماده {to_persian_digits(str(article.number))}"]
        if note is not None:
            parts[0] += f" تبصره {to_persian_digits(str(note.number))}"
        parts.append(bylaw.short_title_fa)
        if version.adopted_on:
            parts.append(f"نسخه مصوب {format_date(version.adopted_on, language='fa')}")
        else:
            parts.append(f"پیش‌نویس نسخه {to_persian_digits(str(version.number))}")
        return "، ".join(parts)
    head = f"Article {article.number}" + (f", note {note.number}" if note is not None else "")
    title = bylaw.short_title_en or bylaw.short_title_fa
    if version.adopted_on:
        tail = f"version adopted {format_date(version.adopted_on, language='en')}"
    else:
        tail = f"draft version {version.number}"
    return f"{head}, {title}, {tail}"
