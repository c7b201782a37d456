"""Transparency selectors, one module per area (import the module you need)."""
