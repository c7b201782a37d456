"""Background jobs: sanctions."""
