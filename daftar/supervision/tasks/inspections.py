"""Background jobs: inspections."""
