"""Transparency demo data: open data: the published datasets, each file's SHA-256 and its catalogue
entry.
"""


def seed(ctx) -> None:
    """Nothing yet."""
