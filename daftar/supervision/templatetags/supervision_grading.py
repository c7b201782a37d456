"""Template filters of the grading pages."""

from django import template

from daftar.supervision.choices import grade_name

register = template.Library()

# A left-to-right isolate: keeps a period code ('1405-H1') in its order inside a right-to-left
# sentence, where the bidirectional algorithm would otherwise show it as 'H1-1405'.
_LTR_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"


def isolated(code: str) -> str:
    return f"{_LTR_ISOLATE}{code}{_POP_ISOLATE}"


@register.filter
def ltr(value) -> str:
    """`value` wrapped in a left-to-right isolate (invisible)."""
    return isolated(str(value)) if value not in (None, "") else ""


@register.filter(name="grade")
def grade_filter(letter) -> str:
    """A grade's letter in the page's language (Persian: الف … هـ)."""
    return grade_name(str(letter)) if letter not in (None, "") else ""
