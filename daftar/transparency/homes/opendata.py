"""What transparency puts on the role homes: open data: the published datasets, each file's SHA-256
and its catalogue entry.
"""
