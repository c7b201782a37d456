"""Transparency demo data: documents citizens receive: outcome documents of approved files and
receipts, numbered, verifiable by QR, revocable.
"""


def seed(ctx) -> None:
    """Nothing yet."""
