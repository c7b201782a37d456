"""A file's deadline as every page shows it — the date, then the working days left or late:
`{% deadline_badge deadlines.state "state-deadline" %}`.

A tag, not an included template: a list page shows two on each of its rows, and fifty
includes with their plural translations were the largest share of a reviewer's inbox page
(B2)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from daftar.cases.selectors import Deadline
from daftar.core.templatetags.daftar import MISSING, jdate, local_digits

register = template.Library()


@register.simple_tag
def deadline_badge(deadline: Deadline | None, testid: str) -> str:
    if deadline is None:
        return MISSING
    if deadline.overdue:
        shown = local_digits(deadline.days_late)
        text = ngettext(
            "%(shown)s working day late", "%(shown)s working days late", deadline.days_late
        ) % {"shown": shown}
    elif deadline.days_left == 0:
        text = gettext("due today")
    else:
        shown = local_digits(deadline.days_left)
        text = ngettext(
            "%(shown)s working day left", "%(shown)s working days left", deadline.days_left
        ) % {"shown": shown}
    return format_html(
        '<span class="{}" data-testid="{}">{}</span>\n<span class="d-block small {}">{}</span>',
        "text-danger fw-semibold" if deadline.overdue else "",
        testid,
        jdate(deadline.due_at),
        "text-danger" if deadline.overdue else "text-body-secondary",
        text,
    )
