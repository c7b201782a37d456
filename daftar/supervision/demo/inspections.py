"""Demo supervision: inspections (see the package's docstring for the order)."""

from __future__ import annotations


def seed(ctx) -> None:
    ctx.log("supervision inspections: nothing to seed yet")
