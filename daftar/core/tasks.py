"""Kernel housekeeping jobs."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.core.ratelimit import sweep_expired


@db_periodic_task(crontab(minute="7"))
def sweep_rate_limit_counters() -> int:
    """Hourly: drop counters of windows that have ended."""
    return sweep_expired()
