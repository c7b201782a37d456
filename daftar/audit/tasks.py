"""Audit jobs: the daily signed checkpoint (docs/adr/0010)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.audit.services import CheckpointRefused, checkpoint_create, checkpoints_publish_missing

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="0", minute="45"))
def sign_daily_checkpoint() -> int | None:
    """Every night: sign every stream's head, then publish any checkpoint file not yet
    written. A refusal means the log lost what the last checkpoint recorded: an alarm."""
    try:
        number = checkpoint_create().number
    except CheckpointRefused as refused:
        logger.error("audit checkpoint refused, the log does not verify: %s", refused.problems)
        number = None
    checkpoints_publish_missing()
    return number
