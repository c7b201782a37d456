"""Transparency background jobs: the portal's daily aggregates: one row per day and key, rebuilt by
a job for the days that changed; the public portal reads only these.

Nightly at 01:30 Tehran time (after the offices' uptime job has written yesterday at 00:30):
the days whose sources changed since the last build are rebuilt, then the portal's default
pages are answered into the cache (selectors.public.warm_default_pages).
"""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.core.actors import Actor
from daftar.transparency.selectors.public import warm_default_pages
from daftar.transparency.services.aggregates import aggregates_build

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="1", minute="30"))
def build_aggregates() -> int:
    """Nightly: the days that changed since the last build; how many days were rebuilt."""
    run = aggregates_build(actor=Actor.system("aggregates"))
    logger.info("aggregates rebuilt for %d days", run.day_count)
    logger.info("portal cache warmed: %d figures", warm_default_pages())
    return run.day_count
