"""Citation strings and diff rendering for the bylaw pages."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext

from daftar.core.digits import to_persian_digits
from daftar.core.numbers import join_list
from daftar.governance.citation import citation

register = template.Library()


@register.filter
def cite(article, note=None):
    return citation(article, note, language="en" if get_language() == "en" else "fa")


@register.filter
def diff_html(ops):
    """Render word-diff operations with <ins>/<del>; text is escaped."""
    tags = {"insert": "ins", "delete": "del"}
    return format_html_join(
        "", "{}", ((format_html("<{0}>{1}</{0}>", tags[k], t) if k in tags else t,) for k, t in ops)
    )


def _digits(value) -> str:
    return str(value) if get_language() == "en" else to_persian_digits(str(value))


@register.filter
def cited_articles(citations) -> str:
    """A decision's citations as the articles they apply, each article once, its cited notes
    beside it: "۲۳ (تبصره ۱)، ۳۱" — never "۲۳، ۲۳" for an article and one of its notes."""
    notes: dict[int, list[int]] = {}
    for citation_row in citations:
        cited = notes.setdefault(citation_row.article.number, [])
        if citation_row.note is not None and citation_row.note.number not in cited:
            cited.append(citation_row.note.number)
    parts = []
    for number, cited in notes.items():
        if cited:
            parts.append(
                gettext("%(article)s (note %(notes)s)")
                % {
                    "article": _digits(number),
                    "notes": join_list(_digits(n) for n in cited),
                }
            )
        else:
            parts.append(_digits(number))
    return join_list(parts)


@register.filter
def citing_decisions(citations) -> list:
    """The decisions behind `citations`, each once, in order (an article cited with one of its
    notes by the same decision lists the decision once)."""
    seen, decisions = set(), []
    for citation_row in citations:
        if citation_row.decision_id not in seen:
            seen.add(citation_row.decision_id)
            decisions.append(citation_row.decision)
    return decisions
