"""Helpers shared by the governance views."""

from __future__ import annotations

from django.http import Http404

from daftar.governance import selectors
from daftar.governance.models import BylawVersion


def version_or_404(request, number: int) -> BylawVersion:
    try:
        return selectors.version_get_for_user(request.user, number=number)
    except BylawVersion.DoesNotExist:
        raise Http404 from None
