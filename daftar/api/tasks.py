"""Partner API housekeeping jobs."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.api.nonces import sweep_expired


@db_periodic_task(crontab(minute="17"))
def sweep_used_nonces() -> int:
    """Hourly: drop partner request nonces that can no longer be replayed (their window ended)."""
    return sweep_expired()
