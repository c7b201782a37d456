"""How a file's stored form values are shown (catalogue.schema.display_value)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import translation

from daftar.catalogue.choices import FieldType
from daftar.catalogue.schema import display_value


def of(kind):
    return SimpleNamespace(type=kind, choices=None)


ZONE = SimpleNamespace(
    type=FieldType.CHOICE,
    choices=[{"value": 2, "label_fa": "منطقه دو", "label_en": "Zone two"}],
)


@pytest.mark.parametrize(
    ("field", "value", "persian", "english"),
    [
        (of(FieldType.AREA), "120.00", "۱۲۰", "120"),
        (of(FieldType.DECIMAL), "250.50", "۲۵۰٫۵۰", "250.50"),
        (of(FieldType.INTEGER), 1405, "۱۴۰۵", "1405"),
        (ZONE, 2, "منطقه دو", "Zone two"),
        (
            of(FieldType.DATE),
            "2025-11-03",
            "۱۴۰۴/۰۸/۱۲",
            "2025-11-03",
        ),
        (
            of(FieldType.POSTAL_CODE),
            "1234567890",
            "1234567890",
            "1234567890",
        ),
    ],
)
def test_a_stored_value_is_shown_as_a_person_reads_it(field, value, persian, english):
    with translation.override("fa"):
        assert display_value(field, value) == persian
    with translation.override("en"):
        assert display_value(field, value) == english
