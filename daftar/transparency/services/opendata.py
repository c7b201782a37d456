"""Transparency services: open data: the published datasets, each file's SHA-256 and its catalogue
entry.

`opendata_publish` writes every dataset in every format for one day (yesterday by default: a
day that has ended), records a `Publication` per file and one audit entry listing every file's
SHA-256, row count and size, all in one transaction; the files are written after the commit
(atomically: a temporary file renamed into place), so a failed publication leaves no file and
no row. Re-publishing a day whose figures did not change changes nothing (the bytes, hence the
hashes, are the same; a file missing on disk is written again); a day whose figures changed is
replaced, and its audit entry keeps the hashes it replaced.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden, InvalidInput
from daftar.transparency.error_codes import TransparencyErrorCode
from daftar.transparency.models import Publication
from daftar.transparency.selectors import opendata as selectors
from daftar.transparency.services.common import STREAM


def _require_publisher(actor: Actor) -> None:
    if actor.is_system or (actor.is_user and user_has_role(actor.user, Role.SYSTEM_ADMIN)):
        return
    raise Forbidden(
        _("Only a system administrator or the nightly job may publish the open data."),
        code=TransparencyErrorCode.OPEN_DATA_NOT_ALLOWED,
    )


def _write_file(target: Path, data: bytes) -> None:
    """Write `data` at `target` atomically (readers see the old file or the new, never half)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".open-data-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_files(files: dict[str, bytes]) -> None:
    root = selectors.open_data_dir()
    for relative, data in files.items():
        _write_file(root / relative, data)


def _file_record(publication: Publication) -> dict:
    return {
        "sha256": publication.sha256,
        "rows": publication.row_count,
        "bytes": publication.size,
        "suppressed_cells": publication.suppressed_cells,
    }


@audited
def opendata_publish(*, actor: Actor, on: datetime.date | None = None) -> list[Publication]:
    """Publish every dataset in CSV and JSON with data up to `on` (default: yesterday, Tehran).

    `on` must be a day that has ended (before today); otherwise InvalidInput and nothing is
    written. Returns the day's publications (one per dataset and format)."""
    _require_publisher(actor)
    today = timezone.localdate()
    if on is None:
        on = today - datetime.timedelta(days=1)
    if not isinstance(on, datetime.date) or isinstance(on, datetime.datetime) or on >= today:
        raise InvalidInput(
            _("Open data is published for a day that has ended: the day must be before today."),
            code=TransparencyErrorCode.OPEN_DATA_DAY_NOT_ENDED,
            field="on",
        )
    existing = selectors.publications_of_day(on)
    now = timezone.now()
    produced: dict[tuple[str, str], Publication] = {}
    contents: dict[str, bytes] = {}
    for slug, dataset in selectors.DATASETS.items():
        table = selectors.dataset_table(dataset, on)
        for fmt, write in selectors.WRITERS.items():
            data = write(table)
            path = selectors.relative_path(slug, fmt, on)
            contents[path] = data
            produced[(slug, fmt)] = Publication(
                dataset=slug,
                format=fmt,
                published_on=on,
                first_day=table.first_day,
                last_day=table.last_day,
                row_count=len(table.rows),
                suppressed_cells=table.suppressed_cells,
                size=len(data),
                sha256=selectors.sha256_hex(data),
                path=path,
                created_at=now,
                actor_label=actor.label,
            )
    unchanged = existing.keys() == produced.keys() and all(
        existing[key].sha256 == produced[key].sha256 for key in produced
    )
    if unchanged:
        # Same figures, same bytes: nothing to record; a file lost on disk is written again.
        missing = {
            p.path: contents[p.path]
            for p in existing.values()
            if not selectors.publication_path(p).exists()
        }
        if missing:
            transaction.on_commit(lambda: _write_files(missing))
        audit_nothing_changed()
        return [existing[key] for key in produced]

    replaced = {f"{slug}.{fmt}": _file_record(p) for (slug, fmt), p in sorted(existing.items())}
    Publication.objects.filter(published_on=on).delete()
    publications = Publication.objects.bulk_create(produced.values())
    audit_record(
        actor=actor,
        action="opendata.republished" if existing else "opendata.published",
        stream=STREAM,
        object_type="transparency.publication",
        object_id=on.isoformat(),
        summary=f"open data up to {on.isoformat()}: {len(publications)} files",
        before={"files": replaced} if replaced else None,
        after={
            "day": on.isoformat(),
            "files": {
                f"{p.dataset}.{p.format}": _file_record(p)
                for p in sorted(publications, key=lambda p: (p.dataset, p.format))
            },
        },
    )
    transaction.on_commit(lambda: _write_files(contents))
    return publications
