"""File jobs: the SLA sweep marks missed deadlines and escalates them."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.cases.services import sla_sweep


@db_periodic_task(crontab(minute="*/10"))
def sweep_deadlines() -> int:
    return sla_sweep()
