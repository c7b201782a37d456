"""Writes to the catalogue: tariff versions (each set by an adopted tariff decision)."""

from daftar.catalogue.services.departments import department_member_remove, department_member_set
from daftar.catalogue.services.tariffs import tariff_set, validate_splits

__all__ = ["department_member_remove", "department_member_set", "tariff_set", "validate_splits"]
