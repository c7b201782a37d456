"""Home parts: grading."""
