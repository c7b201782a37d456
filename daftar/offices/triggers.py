"""Database guards for the registry: an office's sub-district lies in the office's district.

The services refuse a mismatch with a translated error first; these triggers make sure no
other path (admin, shell, bulk update) can store one, and that a sub-district with offices
cannot be moved to another district under them.
"""

from __future__ import annotations

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

_MESSAGE = "an office's sub-district must lie in the office's district"
_MISMATCH = (
    "NEW.sub_district_id IS NOT NULL AND NEW.district_id <> "
    "(SELECT district_id FROM offices_subdistrict WHERE id = NEW.sub_district_id)"
)

GUARDS = dbtriggers.TriggerSet(
    guards=(
        Guard(
            name="off_sub_district_in_district_ins",
            table="offices_office",
            event="INSERT",
            condition=_MISMATCH,
            message=_MESSAGE,
        ),
        Guard(
            name="off_sub_district_in_district_upd",
            table="offices_office",
            event="UPDATE",
            # only when either column changes: status updates skip the lookup
            condition=(
                "(NEW.sub_district_id {distinct} OLD.sub_district_id "
                "OR NEW.district_id <> OLD.district_id) AND " + _MISMATCH
            ),
            message=_MESSAGE,
        ),
        Guard(
            name="off_sub_district_keeps_district",
            table="offices_subdistrict",
            event="UPDATE",
            condition=(
                "NEW.district_id <> OLD.district_id AND EXISTS "
                "(SELECT 1 FROM offices_office WHERE sub_district_id = OLD.id)"
            ),
            message=_MESSAGE,
        ),
    )
)


def install(using: str = "default") -> None:
    GUARDS.install(using)


def remove(using: str = "default") -> None:
    GUARDS.remove(using)


dbtriggers.register(install, remove)
