"""What cases shows on other apps' pages (core/panels.py): on the office's own page, the
citizens who rated a file of the office below 4 and are waiting for a call-back."""

from __future__ import annotations

from daftar.cases import selectors
from daftar.core.panels import Panel, panel


@panel("offices:my_office", order=10)
def callbacks_to_make(request, *, office) -> Panel:
    return Panel(
        "callbacks",
        "cases/_callbacks.html",
        {"tasks": list(selectors.callbacks_open_for_office(office))},
    )
