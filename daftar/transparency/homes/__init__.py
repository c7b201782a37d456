"""What transparency puts on the role homes (daftar/core/homes.py), one module per area."""

from daftar.transparency.homes import aggregates, documents, opendata, reports

__all__ = ["aggregates", "documents", "opendata", "reports"]
