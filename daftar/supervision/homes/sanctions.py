"""Home parts: sanctions."""
