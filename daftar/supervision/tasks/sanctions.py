"""Sanction jobs: every morning, end the suspensions whose days have run out (the office is
reinstated on the authority of the decision that suspended it)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.supervision.services.sanctions import suspensions_end_due


@db_periodic_task(crontab(hour="3", minute="20"))
def end_suspensions() -> dict[str, int]:
    """{"ended": …, "failed": …}."""
    return suspensions_end_due()
