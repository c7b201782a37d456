"""Treasury jobs: the nightly ledger invariant check (on both engines)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.treasury.services.ledger import unbalanced_entries

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="1", minute="15"))
def check_ledger_invariants() -> list[int]:
    """Every entry's postings sum to zero. Anything else is an alarm for the treasury."""
    broken = unbalanced_entries()
    if broken:
        logger.error("ledger invariant broken: unbalanced journal entries %s", broken)
    return broken
