"""Supervision's background jobs (huey imports this module), one module per area."""

from daftar.supervision.tasks import complaints, grading, inspections, sanctions

__all__ = ["complaints", "grading", "inspections", "sanctions"]
