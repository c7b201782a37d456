"""Demo data for the office network (filled in below)."""


def seed_offices(ctx) -> None:
    ctx.log("offices: nothing yet")
