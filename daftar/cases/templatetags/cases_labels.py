"""What file templates show by label rather than by stored code, for templates whose view
does not hand it over: `{% file_timeline_of file as timeline %}` (the tracking page: the
timeline `selectors.file_track` prefetched as `public_events`, as sentences),
`{% file_answers file as fields %}` (the form's answers, choices by their labels) and
`{% file_fee_explained file user as fee %}` (the fee worked out from the file's answers, by
the tariff that priced it, its shares by beneficiary name; the formula for staff only)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.cases import selectors
from daftar.cases.timeline import TimelineEntry, timeline_entries
from daftar.catalogue.selectors import QuoteExplained, fee_explained

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


@dataclass(frozen=True)
class FeeExplained:
    explained: QuoteExplained
    description: str
    formula: str  # empty for citizens, who read the description only


@register.simple_tag
def file_fee_explained(file, user) -> FeeExplained | None:
    if not file.tariff_id or not file.amount:
        return None
    tariff = file.tariff
    staff = bool(user_roles(user) - {Role.CITIZEN})
    return FeeExplained(
        explained=fee_explained(
            file.service, tariff, file.form_data, amount=file.amount, parts=file.price_parts or {}
        ),
        description=tariff.description,
        formula=tariff.formula if staff else "",
    )
