"""Treasury jobs: the nightly ledger invariant check (on both engines), and the re-check of
gateway payments left pending."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.treasury.services.ledger import unbalanced_entries
from daftar.treasury.services.payments import payments_recheck_pending

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="1", minute="15"))
def check_ledger_invariants() -> list[int]:
    """Every entry's postings sum to zero. Anything else is an alarm for the treasury."""
    broken = unbalanced_entries()
    if broken:
        logger.error("ledger invariant broken: unbalanced journal entries %s", broken)
    return broken


@db_periodic_task(crontab(minute="*/5"))
def recheck_pending_payments() -> dict[str, int]:
    """Every five minutes: ask the gateway about payments pending longer than
    GATEWAY_PENDING_RECHECK_MINUTES and settle them (paid, or failed with the bill payable)."""
    outcome = payments_recheck_pending()
    if outcome.get("errors"):
        logger.warning("payment re-check: %s", outcome)
    return outcome
