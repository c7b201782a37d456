"""Translated sentences for eligibility results and lazily rendered messages.

Results are stored as rule codes with their values (see eligibility.py); the sentence is made
when it is shown, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from daftar.core.numbers import format_message
from daftar.licensing.choices import DegreeField, DocumentKind
from daftar.licensing.eligibility import FAILED, PASSED, RuleResult
from daftar.offices.choices import DegreeLevel

_ = gettext_lazy


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _labels(choices, values: Sequence[str]) -> str:
    return gettext(", ").join(_label(choices, v) for v in values) or gettext("none")


_MESSAGES = {
    ("applicant_age", PASSED): _(
        "Age %(age)d on the day registration opened (%(min)d to %(max)d)."
    ),
    ("applicant_age", FAILED): _(
        "The applicant is %(age)d years old on the day registration opened; the call requires "
        "an age from %(min)d to %(max)d."
    ),
    ("degree_level", PASSED): _("Degree: %(value)s."),
    ("degree_level", FAILED): _("A %(value)s does not qualify; this call accepts: %(allowed)s."),
    ("degree_field", PASSED): _("Field of study: %(value)s."),
    ("degree_field", FAILED): _(
        "The field of study %(value)s is not among the fields of this call: %(allowed)s."
    ),
    ("tm_age", PASSED): _("The technical manager is %(age)d years old (%(min)d to %(max)d)."),
    ("tm_age", FAILED): _(
        "The technical manager is %(age)d years old on the day registration opened; the call "
        "requires an age from %(min)d to %(max)d."
    ),
    ("tm_degree_field", PASSED): _("Technical manager's field of study: %(value)s."),
    ("tm_degree_field", FAILED): _(
        "The technical manager's field of study %(value)s is not among the fields this call "
        "accepts for technical managers: %(allowed)s."
    ),
    ("clean_record", PASSED): _("The clean-record declaration was made."),
    ("clean_record", FAILED): _(
        "The declaration of a clean criminal record was not made; this call requires it."
    ),
}

_DOCUMENT_MESSAGES = {
    "missing": _("The mandatory document «%(kind)s» was not uploaded."),
    "pending": _("The document «%(kind)s» is awaiting review."),
    "accepted": _("The document «%(kind)s» was accepted."),
    "rejected": _("The document «%(kind)s» was rejected: %(reason)s"),
}


def render_check(rule: str, outcome: str, params: Mapping) -> str:
    """The sentence for one stored rule result, in the active language."""
    values = dict(params)
    if rule == "document":
        message = _DOCUMENT_MESSAGES.get(values.get("state"), _DOCUMENT_MESSAGES["missing"])
        values["kind"] = _label(DocumentKind, values.get("kind", ""))
        values.setdefault("reason", "")
        return format_message(message, values)
    if rule == "degree_level":
        values["value"] = _label(DegreeLevel, values.get("value", ""))
        values["allowed"] = _labels(DegreeLevel, values.get("allowed", []))
    elif rule in ("degree_field", "tm_degree_field"):
        values["value"] = _label(DegreeField, values.get("value", ""))
        values["allowed"] = _labels(DegreeField, values.get("allowed", []))
    message = _MESSAGES.get((rule, PASSED if outcome == PASSED else FAILED))
    if message is None:
        return rule
    return format_message(message, values)


def lazy_check(result: RuleResult):
    """The sentence for a fresh result, rendered only when shown (so in either language)."""
    return lazy(render_check, str)(result.rule, result.outcome, result.params)


def lazy_join(items: Sequence, separator=" ") -> object:
    """Join (lazy) strings lazily, so a message renders in Persian and in English alike."""
    items = list(items)
    if not items:
        return ""
    parts = [items[0]]
    for item in items[1:]:
        parts += [separator, item]
    return format_lazy("{}" * len(parts), *parts)


def _format_day(day) -> str:
    from django.utils.translation import get_language

    from daftar.core.jalali import format_date

    return format_date(day, language=get_language() or "fa")


def lazy_date(day):
    """A date in the reader's calendar (Jalali in Persian), rendered when shown."""
    return lazy(_format_day, str)(day)


def _interpolate(message, params: Mapping) -> str:
    return format_message(
        message,
        {key: str(value) if isinstance(value, Promise) else value for key, value in params.items()},
    )


def lazy_format(message, params: Mapping):
    """`message % params`, done when the text is shown (in the reader's language)."""
    return lazy(_interpolate, str)(message, params)
