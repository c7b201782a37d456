"""Reads about the office network, scoped to what a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from daftar.offices.models import District, Office, OfficeStaff


def district_list() -> QuerySet[District]:
    return District.objects.all()


def office_of_user(user) -> Office | None:
    """The office where `user` currently works, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_daftar_office", False)
    if cached is not False:
        return cached
    post = (
        OfficeStaff.objects.select_related("office", "office__district")
        .filter(user=user, left_on__isnull=True)
        .first()
    )
    user._daftar_office = post.office if post else None
    return user._daftar_office
