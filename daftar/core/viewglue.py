"""Small helpers every app's views share: put a service's error on the form, and answer
404 when the user may not do what they asked."""

from __future__ import annotations

from django.http import Http404

from daftar.core.errors import DaftarError


def report_error(form, error: DaftarError) -> None:
    """Show `error` on the field it names, or above the form when the form has no such field.

    An error that lists its `reasons` (one sentence per failed rule) shows each of them too.
    """
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.render())
    for reason in getattr(error, "reasons", []):
        form.add_error(None, str(reason))


def require(allowed: bool) -> None:
    """Refuse with 404: not allowed looks the same as not there (STYLE.md, habit 5)."""
    if not allowed:
        raise Http404
