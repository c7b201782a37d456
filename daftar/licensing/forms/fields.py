"""Form fields shared by the licensing forms: numbers typed with Persian or ASCII digits."""

from __future__ import annotations

from django import forms

from daftar.core.digits import to_ascii_digits

TEXTAREA = {"rows": 4, "dir": "auto"}


class LocalDecimalField(forms.DecimalField):
    """A decimal typed with Persian or ASCII digits (and either decimal separator)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = to_ascii_digits(value).replace("٫", ".").strip()
        return super().to_python(value)


class LocalIntegerField(forms.IntegerField):
    def to_python(self, value):
        if isinstance(value, str):
            value = to_ascii_digits(value).strip()
        return super().to_python(value)


def number_attrs() -> dict:
    return {"dir": "ltr", "inputmode": "decimal"}
