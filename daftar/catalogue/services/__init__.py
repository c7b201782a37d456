"""Writes to the catalogue: tariff versions (each set by an adopted tariff decision)."""

from daftar.catalogue.services.tariffs import tariff_set, validate_splits

__all__ = ["tariff_set", "validate_splits"]
