"""Transparency pages: open data: the published datasets, each file's SHA-256 and its catalogue
entry.
"""

urlpatterns: list = []
