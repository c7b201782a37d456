"""Supervision's reads, one module per area (import from the module)."""
