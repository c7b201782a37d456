"""Background jobs: complaints — the escalation sweep (deadlines of triage and ruling, and the
closing of ruled complaints whose appeal time has passed)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.core.actors import Actor
from daftar.supervision.services.complaints import complaints_escalate


@db_periodic_task(crontab(minute="*/15"))
def escalate_complaints() -> int:
    """Every fifteen minutes: how many complaints were escalated or closed."""
    return complaints_escalate(actor=Actor.system("complaints"))
