"""Demo supervision: rules (see the package's docstring for the order)."""

from __future__ import annotations


def seed(ctx) -> None:
    ctx.log("supervision rules: nothing to seed yet")
