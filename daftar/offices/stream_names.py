"""The offices' names for audit streams: an office's files are recorded in "office:<code>"
(see daftar/audit/streams.py)."""

from __future__ import annotations

from daftar.audit.streams import stream_namer
from daftar.offices.models import Office


@stream_namer("office")
def office_names(codes: list[str]) -> dict[str, str]:
    return {
        office.code: f"{office.code} — {office.name}"
        for office in Office.objects.filter(code__in=codes)
    }
