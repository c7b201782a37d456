"""What file templates show by label rather than by stored code, for templates whose view
does not hand it over: `{% file_timeline_of file as timeline %}` (the tracking page: the
timeline `selectors.file_track` prefetched as `public_events`, as sentences) and
`{% file_answers file as fields %}` (the form's answers, choices by their labels)."""

from __future__ import annotations

from django import template

from daftar.cases import selectors
from daftar.cases.timeline import TimelineEntry, timeline_entries

register = template.Library()


@register.simple_tag
def file_timeline_of(file) -> list[TimelineEntry]:
    events = getattr(file, "public_events", None)
    if events is None:
        events = file.events.filter(public=True).order_by("at", "pk")
    return timeline_entries(file, events)


@register.simple_tag
def file_answers(file) -> list[tuple[str, str]]:
    return selectors.file_form_answers(file)
