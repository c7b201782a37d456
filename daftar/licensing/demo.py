"""Demo data for licensing (filled in by the licensing work)."""

from collections.abc import Callable


def seed_licensing(log: Callable[[str], None], password_hash: str) -> None:
    log("licensing: nothing yet")
