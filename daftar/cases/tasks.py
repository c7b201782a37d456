"""File jobs: the SLA sweep marks missed deadlines and escalates them."""

from dataclasses import asdict

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.cases.services import sla_sweep


@db_periodic_task(crontab(minute="*/10"))
def sweep_deadlines() -> dict[str, int]:
    """Every ten minutes: {"marked": …, "escalated": …, "failed": …} (failures are logged)."""
    return asdict(sla_sweep())
