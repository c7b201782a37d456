"""What the cases views share: a service error onto its form field, and a file the user may
see or 404."""

from __future__ import annotations

from django.http import Http404

from daftar.cases import selectors
from daftar.catalogue.schema import FormInvalid
from daftar.core.errors import DaftarError


def show_error(form, error: DaftarError) -> None:
    if isinstance(error, FormInvalid):
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return
    field = (
        error.field
        if error.field in form.fields
        else (f"doc_{error.field}" if f"doc_{error.field}" in form.fields else None)
    )
    form.add_error(field, error.render())


def file_or_404(request, tracking_code: str):
    file = selectors.file_for_user(request.user, tracking_code)
    if file is None:
        raise Http404
    return file
