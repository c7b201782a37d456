"""Transparency demo data: open data: the published datasets, each file's SHA-256 and its catalogue
entry.

Publishes yesterday's datasets (after the aggregates' demo step built the figures), as the
nightly job would. Idempotent: a day already published with the same figures changes nothing.
"""

from daftar.core.actors import Actor
from daftar.transparency.services.opendata import opendata_publish


def seed(ctx) -> None:
    publications = opendata_publish(actor=Actor.system("open-data"))
    rows = sum(p.row_count for p in publications if p.format == "csv")
    ctx.log(f"open data: {len(publications)} files published ({rows} rows)")
