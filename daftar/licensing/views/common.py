"""Helpers shared by the licensing views."""

from __future__ import annotations

from django.http import Http404

from daftar.core.errors import DaftarError
from daftar.licensing import selectors
from daftar.licensing.models import Call


def call_or_404(request, code: str) -> Call:
    call = selectors.call_get_for_user(request.user, code)
    if call is None:
        raise Http404
    return call


def require(allowed: bool) -> None:
    if not allowed:
        raise Http404  # not allowed looks the same as not there


def report_error(form, error: DaftarError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.render())
    for reason in getattr(error, "reasons", []):
        form.add_error(None, str(reason))
