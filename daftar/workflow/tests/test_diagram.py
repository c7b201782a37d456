"""The diagram is well-formed SVG drawn from the data alone: every state a box, every action an
arrow with its name, markup in names escaped, Persian laid out right to left."""

from __future__ import annotations

import defusedxml.ElementTree as ET
import pytest
from django.utils import translation

from daftar.workflow.definitions import DEFINITIONS
from daftar.workflow.diagram import workflow_svg
from daftar.workflow.validation import ActionSpec, Definition, StateSpec

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str):
    return ET.fromstring(svg)


@pytest.mark.parametrize("code", sorted(DEFINITIONS))
def test_every_standard_workflow_draws_every_state_and_action(code):
    definition = Definition.from_standard(DEFINITIONS[code])
    with translation.override("fa"):
        root = _parse(workflow_svg(definition, title="نمودار"))
    assert root.get("direction") == "rtl"
    boxes = [g for g in root.iter(f"{SVG}g") if g.get("data-state")]
    assert {g.get("data-state") for g in boxes} == {s.code for s in definition.states}
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {s.name_fa for s in definition.states} <= texts
    arrows = [g for g in root.iter(f"{SVG}g") if g.get("data-action")]
    assert len(arrows) == len(definition.actions)


def test_markup_in_names_is_escaped_and_an_unreachable_state_is_still_drawn():
    definition = Definition(
        states=(
            StateSpec("a", "<b>آغاز</b> & co", "Start", is_start=True),
            StateSpec("z", "پایان", "End", is_terminal=True),
            StateSpec("lost", "گمشده", "Lost"),
        ),
        actions=(ActionSpec("go", "a", "z", ("citizen",), "برو", "Go"),),
    )
    with translation.override("en"):
        svg = workflow_svg(definition)
    root = _parse(svg)
    assert root.get("direction") == "ltr"
    assert "<b>" not in svg
    assert {g.get("data-state") for g in root.iter(f"{SVG}g") if g.get("data-state")} == {
        "a",
        "z",
        "lost",
    }


def test_an_empty_definition_is_an_empty_but_valid_drawing():
    root = _parse(workflow_svg(Definition(states=(), actions=())))
    assert root.tag == f"{SVG}svg"
