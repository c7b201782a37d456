"""The catalogue's names for audit streams: a department's files opened away from an office
are recorded in the stream "department:<code>" (see daftar/audit/streams.py)."""

from __future__ import annotations

from daftar.audit.streams import stream_namer
from daftar.catalogue.models import Department


@stream_namer("department")
def department_names(codes: list[str]) -> dict[str, str]:
    return {
        department.code: department.name for department in Department.objects.filter(code__in=codes)
    }
