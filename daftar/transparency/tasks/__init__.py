"""Transparency's background jobs (huey imports this module), one module per area."""

from daftar.transparency.tasks import aggregates, documents, opendata, reports

__all__ = ["aggregates", "documents", "opendata", "reports"]
