"""A stable fingerprint of the demo's reference data (catalogue, governance, offices), to prove
that two ways of seeding produce the same rows.

    DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python scripts/demo_fingerprint.py \
        [--dump rows.txt]

For every model of those apps: each row's field values except the primary key, the times the
seed happened to run at (date-times) and values drawn at random by the services (licence
verification codes), sorted; foreign keys as the related row's id (the seed is deterministic,
so ids match on a fresh database). Prints one line per model (rows, sha256) and a total.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("catalogue", "governance", "offices")
# Set from secrets.token_hex by the services: differs on every run by design.
RANDOM_FIELDS = {"verification_code"}


def rows(model) -> list[str]:
    from django.db import models

    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not isinstance(field, models.DateTimeField)
        and field.name not in RANDOM_FIELDS
    ]
    names = [field.attname for field in fields]
    return sorted(
        json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False, default=str)
        for values in model._default_manager.order_by().values_list(*names)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, help="also write every row to this file")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.apps import apps

    total = hashlib.sha256()
    dump = []
    for label in APPS:
        for model in sorted(apps.get_app_config(label).get_models(), key=lambda m: m.__name__):
            lines = rows(model)
            digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
            total.update(f"{label}.{model.__name__}:{digest}\n".encode())
            print(f"{label}.{model.__name__:<28} {len(lines):>6} rows  {digest[:16]}")
            dump.extend(f"{label}.{model.__name__} {line}" for line in lines)
    print(f"total {total.hexdigest()}")
    if arguments.dump:
        arguments.dump.write_text("\n".join(dump) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
