"""Fixtures for licensing: districts with populations, decisions and calls. The governance
fixtures (`committee`, `in_force`, ...) come from the plugin the root conftest loads."""

from __future__ import annotations

import pytest

from daftar.governance.choices import DecisionKind
from daftar.licensing.tests import factories


@pytest.fixture
def districts(personas):
    """Districts 1–6 with populations (1 and 6 each hold one active office from the personas)."""
    return factories.districts()


@pytest.fixture
def licence_decision(committee, in_force):
    return factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)


@pytest.fixture
def draft_call(committee, districts):
    return factories.draft_call(committee.secretary)


@pytest.fixture
def open_call(draft_call, committee, licence_decision):
    return factories.open_it(draft_call, committee.secretary, licence_decision)


@pytest.fixture
def reviewer(personas):
    return personas.reviewer
