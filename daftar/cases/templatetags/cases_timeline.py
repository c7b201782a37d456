"""`{% file_timeline_of file as timeline %}`: the public timeline of a file found by tracking
code (`selectors.file_track` prefetches it as `public_events`) as sentences, for the tracking
page; the file page gets its timeline from `selectors.file_timeline`."""

from __future__ import annotations

from django import template

from daftar.cases.timeline import TimelineEntry, timeline_entries

register = template.Library()


@register.simple_tag
def file_timeline_of(file) -> list[TimelineEntry]:
    events = getattr(file, "public_events", None)
    if events is None:
        events = file.events.filter(public=True).order_by("at", "pk")
    return timeline_entries(file, events)
