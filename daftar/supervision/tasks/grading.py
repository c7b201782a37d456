"""Background jobs: grading — each night, close declarations past their deadline and grade
the periods that have ended (as the system, by the formula in force)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.core.actors import Actor
from daftar.supervision.services.grading import grading_periods_advance

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="2", minute="30"))
def advance_grading_periods() -> list[str]:
    """Nightly: DECLARING → OPEN after the declaration deadline; ended periods graded."""
    changed = grading_periods_advance(actor=Actor.system("grading"))
    if changed:
        logger.info("grading periods advanced: %s", changed)
    return changed
