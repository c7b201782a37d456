"""Home parts: inspections."""
