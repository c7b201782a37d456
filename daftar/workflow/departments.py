"""The departments a workflow state may name, from the app that keeps them.

Departments live in the catalogue, one level above workflows (docs/architecture.md), so a
state names its department by code and the catalogue registers where the codes and names come
from when it starts (`catalogue.apps`): the inversion `core.homes` uses for the role homes.
Without a registered source (a bare test of this app) no department is known.
"""

from __future__ import annotations

from collections.abc import Callable

DepartmentSource = Callable[[], list[tuple[str, str]]]
_source: DepartmentSource | None = None


def departments_source(source: DepartmentSource) -> None:
    """Register `source`: a function returning (code, name in the active language) pairs."""
    global _source
    _source = source


def department_choices() -> list[tuple[str, str]]:
    """Every department a state may name, as (code, name)."""
    return list(_source()) if _source is not None else []
