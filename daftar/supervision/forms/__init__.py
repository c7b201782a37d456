"""Supervision forms, one module per area."""
