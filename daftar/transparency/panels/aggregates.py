"""On an office's public page (offices:detail), its public record from the daily aggregates:
files per month, citizens' satisfaction, waiting at its counters and terminal availability over
the last twelve months.
No names, no files: counts only, with the open data's small-cell rule (selectors.public)."""

from __future__ import annotations

from django.urls import reverse

from daftar.core.panels import Panel, panel
from daftar.transparency.selectors import aggregates as selectors
from daftar.transparency.selectors import public
from daftar.transparency.selectors.waiting import WAIT_TARGET_MINUTES


@panel("offices:detail", order=30)
def office_public_record(request, *, office) -> Panel:
    f = selectors.portal_filter()
    waiting, waiting_total = public.office_waiting(office, f)
    return Panel(
        "transparency_record",
        "transparency/portal/_office_record.html",
        {
            "record": public.office_record(office, f),
            "waiting": waiting,
            "waiting_total": waiting_total,
            "wait_target": WAIT_TARGET_MINUTES,
            "f": f,
            "portal_url": reverse("transparency:portal"),
        },
    )
