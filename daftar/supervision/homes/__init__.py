"""What supervision puts on the role homes (daftar/core/homes.py), one module per area."""

from daftar.supervision.homes import complaints, grading, inspections, sanctions

__all__ = ["complaints", "grading", "inspections", "sanctions"]
