"""Licensing jobs: agreements in principle whose deadline passed."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.licensing.services import agreements_lapse_due


@db_periodic_task(crontab(hour="0", minute="20"))
def lapse_agreements_past_deadline() -> int:
    return agreements_lapse_due()
