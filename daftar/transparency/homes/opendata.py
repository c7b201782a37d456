"""What transparency puts on the role homes: open data: the published datasets, each file's SHA-256
and its catalogue entry.

Nothing: open data is public (/open-data/, linked from the portal) and published by a nightly
job, so no role has work waiting on it.
"""
