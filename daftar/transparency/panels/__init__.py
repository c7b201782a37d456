"""What transparency shows on other apps' pages (daftar/core/panels.py), one module per area."""

from daftar.transparency.panels import aggregates, documents

__all__ = ["aggregates", "documents"]
