"""Transparency background jobs: open data: the published datasets, each file's SHA-256 and its
catalogue entry.
"""
