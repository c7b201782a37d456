"""Parts of one app's page that a higher app contributes (the inversion `homes.py` uses).

A page sometimes shows what belongs to an app above its own: the citizen's file page (cases)
lists the file's payments and their receipts (treasury); the office manager's page (offices)
lists the citizens to call back after a low rating (cases). The lower app may not import the
higher one (docs/architecture.md, "Layers"), so the higher app writes a `panels.py` module with
functions decorated `@panel("<page>")` that read through its own selectors and answer a
`Panel` (a template and its context) or None when there is nothing for this request; the page's
view asks `page_panels("<page>", request, **objects)` and its template includes each panel.
`discover()` imports every installed app's `panels` module once, so core imports no app.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Panel:
    """A part of a page: `template` is included with `part` bound to `context`."""

    key: str
    template: str
    context: dict = field(default_factory=dict)


Contributor = Callable[..., Panel | None]

# page -> [(order, contributor)]
_CONTRIBUTORS: dict[str, list[tuple[int, Contributor]]] = defaultdict(list)
_discovered = False


def panel(page: str, *, order: int = 50) -> Callable[[Contributor], Contributor]:
    """Register the decorated `fn(request, **objects) -> Panel | None` for `page` (a URL name
    such as "cases:file"); lower `order` first."""

    def register(fn: Contributor) -> Contributor:
        entries = _CONTRIBUTORS[page]
        if fn not in [registered for _order, registered in entries]:
            entries.append((order, fn))
        return fn

    return register


def discover() -> None:
    """Import `<app>.panels` of every installed app that has one (once per process)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("panels")
        _discovered = True


def page_panels(page: str, request, **objects) -> list[Panel]:
    """The panels other apps contribute to `page` for this request, in order."""
    discover()
    panels = []
    for _order, contributor in sorted(_CONTRIBUTORS.get(page, []), key=lambda e: e[0]):
        part = contributor(request, **objects)
        if part is not None:
            panels.append(part)
    return panels
