"""Checkpoint files: written once into AUDIT_CHECKPOINT_DIR, and served from there.

The directory is the publication outside the database: a superuser who rewrites the tables
does not thereby rewrite what was published, and what auditors have downloaded is beyond
anyone's reach. Several app servers share one directory (a network file system, like the
uploads), or it is mirrored to write-once storage. A file is never overwritten: one that is
already there with other content is an alarm (`PublicationConflict`), not something to fix.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings

from daftar.audit.checkpoints import SignedCheckpoint

logger = logging.getLogger(__name__)

_FILE = re.compile(r"checkpoint-(\d{6,})\.json")


class PublicationConflict(RuntimeError):
    """A published checkpoint file differs from the checkpoint with the same number."""


def directory() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def file_name(number: int) -> str:
    return f"checkpoint-{number:06d}.json"


def publish(checkpoint: SignedCheckpoint) -> bool:
    """Write the checkpoint's file unless it is already there; True if written now."""
    data = checkpoint.file_bytes()
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(checkpoint.number)
    if not target.exists():
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".checkpoint-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)  # published: readable by the web server and anyone
            os.link(temporary, target)  # atomic, and fails if another writer was first
            return True
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    if target.read_bytes() != data:
        raise PublicationConflict(
            f"{target} exists and differs from checkpoint {checkpoint.number} in the database"
        )
    return False


def published_numbers() -> list[int]:
    folder = directory()
    if not folder.is_dir():
        return []
    numbers = (_FILE.fullmatch(path.name) for path in folder.iterdir())
    return sorted(int(match.group(1)) for match in numbers if match)


def published_bytes(number: int) -> bytes | None:
    path = directory() / file_name(number)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def latest_published() -> tuple[int, bytes] | None:
    numbers = published_numbers()
    if not numbers:
        return None
    data = published_bytes(numbers[-1])
    return None if data is None else (numbers[-1], data)
