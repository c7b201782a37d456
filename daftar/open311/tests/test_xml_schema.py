"""The GeoReport v2 XSD the XML answers are validated against refuses what the specification
does not allow, so a wrong answer cannot pass the tests unnoticed."""

from __future__ import annotations

import pytest

from daftar.open311.render import to_xml
from daftar.open311.tests.xml_schema import valid_xml

REQUEST = {
    "service_request_id": "012345678901",
    "status": "open",
    "status_notes": "",
    "service_name": "خرابی پیاده‌رو",
    "service_code": "pavement",
    "description": "",
    "agency_responsible": "",
    "service_notice": "",
    "requested_datetime": "2026-12-03T10:15:00+03:30",
    "updated_datetime": "2026-12-03T10:15:00+03:30",
    "expected_datetime": None,
    "address": "",
    "address_id": "",
    "zipcode": "",
    "lat": 35.6997,
    "long": 51.338,
    "media_url": "",
}


def test_a_report_as_served_is_valid():
    valid_xml(to_xml("service_requests", [REQUEST]).encode())


@pytest.mark.parametrize(
    ("root", "data"),
    [
        ("service_requests", [{**REQUEST, "status": "pending"}]),  # only open or closed
        ("service_requests", [{**REQUEST, "lat": 95}]),  # beyond the poles
        ("service_requests", [{**REQUEST, "requested_datetime": "yesterday"}]),
        ("service_requests", [{k: v for k, v in REQUEST.items() if k != "status"}]),
        ("errors", [{"code": "bad", "description": "x"}]),  # the code is the HTTP status
        ("errors", []),  # an error answer names at least one error
        ("services", [{"service_code": "x", "service_name": "y"}]),  # fields missing
        ("service_definition", {"service_code": "x"}),  # no attributes element
    ],
)
def test_the_schema_refuses_what_the_specification_does_not_allow(root, data):
    with pytest.raises(AssertionError, match="not valid GeoReport v2 XML"):
        valid_xml(to_xml(root, data).encode())
