"""Treasury jobs: the nightly ledger invariant check (on both engines), and the re-check of
gateway payments left pending."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.treasury.services.ledger import unbalanced_entries
from daftar.treasury.services.payments import (
    payments_gateway_follow_ups,
    payments_recheck_pending,
)

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
    GATEWAY_PENDING_RECHECK_MINUTES and settle them (paid, or failed with the bill payable);
    then send the PSP the settlements and reversals still due."""
    outcome = payments_recheck_pending()
    try:
        if followed_up := payments_gateway_follow_ups():
            outcome["followed_up"] = followed_up
    except Exception:  # the next run tries again; the re-check's own outcome still counts
        logger.exception("sending the PSP's due settlements and reversals failed")
    if outcome.get("errors"):
        logger.warning("payment re-check: %s", outcome)
    return outcome
