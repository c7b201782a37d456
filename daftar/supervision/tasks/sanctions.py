"""Sanction jobs: every morning, end the suspensions whose days have run out (the office is
reinstated on the authority of the decision that suspended it), and carry out the revocations
whose appeal period has passed with no appeal."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.supervision.services.sanctions import revocations_carry_out_due, suspensions_end_due


@db_periodic_task(crontab(hour="3", minute="20"))
def end_suspensions() -> dict[str, int]:
    """{"ended": …, "failed": …}."""
    return suspensions_end_due()


@db_periodic_task(crontab(hour="3", minute="25"))
def carry_out_revocations() -> dict[str, int]:
    """{"revoked": …, "failed": …}."""
    return revocations_carry_out_due()
