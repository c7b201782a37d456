"""Shared by the governance services."""

STREAM = "governance"
