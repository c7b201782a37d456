"""Helpers shared by the licensing views."""

from __future__ import annotations

from django.http import Http404

from daftar.licensing import selectors
from daftar.licensing.models import Call


def call_or_404(request, code: str) -> Call:
    call = selectors.call_get_for_user(request.user, code)
    if call is None:
        raise Http404
    return call
