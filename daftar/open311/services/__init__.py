"""Writes of the Open311 app: defining the mapped services (`mapping`: the catalogue team's
page, the management command, the demo) and receiving reports (`reports`)."""

from daftar.open311.services.mapping import (
    open311_service_define,
    open311_service_set_listed,
)
from daftar.open311.services.reports import (
    DESCRIPTION_MAX_LENGTH,
    OFFICE_ATTRIBUTE,
    SCOPE,
    STREAM,
    Report,
    open311_request_submit,
)

__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "OFFICE_ATTRIBUTE",
    "SCOPE",
    "STREAM",
    "Report",
    "open311_request_submit",
    "open311_service_define",
    "open311_service_set_listed",
]
