"""Audit test fixtures: a publication directory per test, and checkpoints made as the job
makes them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from daftar.audit.models import AuditCheckpoint
from daftar.audit.services import checkpoint_create


@pytest.fixture(autouse=True)
def publication_dir(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "published-checkpoints"
    return settings.AUDIT_CHECKPOINT_DIR


@pytest.fixture
def make_checkpoint(django_capture_on_commit_callbacks) -> Callable[[], AuditCheckpoint]:
    """Sign a checkpoint and run its on-commit publication, as the daily job does."""

    def make() -> AuditCheckpoint:
        with django_capture_on_commit_callbacks(execute=True):
            return checkpoint_create()

    return make
