"""Stream names as a reader reads them: the verification page names "department:urban-planning"
as "Department: Urban planning", never by its key.

The audit app is below the apps whose objects name streams (offices, catalogue), so those apps
contribute a namer for their kind of stream in a `stream_names.py` module (the inversion
`core/homes.py` uses); `stream_labels` imports those modules once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The streams the apps write under a fixed name (see each app's STREAM constant).
_FIXED = {
    "city": gettext_lazy("The city (platform-wide)"),
    "audit": gettext_lazy("The audit log's own actions"),
    "identity": gettext_lazy("Identity and sign-in"),
    "governance": gettext_lazy("Bylaw and steering committee"),
    "catalogue": gettext_lazy("Service catalogue and tariffs"),
    "offices": gettext_lazy("Office registry"),
    "licensing": gettext_lazy("Licensing by exam"),
    "treasury": gettext_lazy("Treasury"),
    "partners": gettext_lazy("Partner apps"),
    "supervision": gettext_lazy("Supervision of the offices"),
    "transparency": gettext_lazy("Transparency, open data and issued documents"),
}

Namer = Callable[[list[str]], dict[str, str]]
_NAMERS: dict[str, Namer] = {}
_discovered = False


def stream_namer(kind: str) -> Callable[[Namer], Namer]:
    """Register `fn(codes) -> {code: name}` for the streams "<kind>:<code>"."""

    def register(fn: Namer) -> Namer:
        _NAMERS[kind] = fn
        return fn

    return register


def stream_labels(names: Iterable[str]) -> dict[str, str]:
    """A label for each stream name: fixed streams by their label, "<kind>:<code>" streams by
    the owning app's name for the object, anything unknown as it is (a key nobody named is
    shown rather than hidden)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("stream_names")
        _discovered = True
    names = list(names)
    labels = {name: str(_FIXED[name]) for name in names if name in _FIXED}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for name in names:
        kind, sep, code = name.partition(":")
        if sep and kind in _NAMERS:
            by_kind[kind].append(code)
    kinds = {"office": _("Office %(name)s"), "department": _("Department: %(name)s")}
    for kind, codes in by_kind.items():
        named = _NAMERS[kind](codes)
        for code in codes:
            if code in named:
                labels[f"{kind}:{code}"] = kinds.get(kind, "%(name)s") % {"name": named[code]}
    return {name: labels.get(name, name) for name in names}
