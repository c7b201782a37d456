"""The GeoReport v2 XSD (daftar/open311/schema/georeport-v2.xsd) and the check every XML answer
of the Open311 tests goes through (the conftest's autouse fixture and `xml_of`)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

XSD_PATH = Path(__file__).resolve().parents[1] / "schema" / "georeport-v2.xsd"
XSD = etree.XMLSchema(etree.parse(str(XSD_PATH)))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def valid_xml(content: bytes) -> None:
    """`content` is well-formed and valid against the GeoReport v2 XSD (the error names the
    line and the element)."""
    document = etree.fromstring(content, parser=_PARSER)
    if not XSD.validate(document):
        raise AssertionError(f"not valid GeoReport v2 XML: {XSD.error_log}\n{content.decode()}")


def is_xml_answer(response) -> bool:
    return response.get("Content-Type", "").startswith("text/xml")
