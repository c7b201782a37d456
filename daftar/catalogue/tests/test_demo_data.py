"""The demo catalogue obeys its own rules (slugs, Persian text, bounded fields, tariffs the
app's formula evaluator accepts and prices within range, splits summing to 100%)."""

import pytest

from daftar.catalogue import demo_services
from daftar.catalogue.formula import FormulaError


def test_the_demo_catalogue_passes_its_self_check():
    demo_services.self_check()


def test_the_self_check_rejects_a_formula_the_app_would_refuse(monkeypatch):
    tariff = dict(demo_services.SERVICES[0]["tariff"], formula="__import__('os')")
    monkeypatch.setitem(demo_services.SERVICES[0], "tariff", tariff)
    with pytest.raises(FormulaError):
        demo_services.self_check()
