"""Daftar's benchmark harness: `python3 dev.py bench` (see bench/README.md)."""
