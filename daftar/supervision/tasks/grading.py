"""Background jobs: grading."""
