"""Citation strings and diff rendering for the bylaw pages."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

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
