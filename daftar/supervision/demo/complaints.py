"""Demo supervision: complaints (see the package's docstring for the order)."""

from __future__ import annotations


def seed(ctx) -> None:
    ctx.log("supervision complaints: nothing to seed yet")
