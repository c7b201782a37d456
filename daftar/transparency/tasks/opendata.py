"""Transparency background jobs: open data: the published datasets, each file's SHA-256 and its
catalogue entry.

Each night, after the aggregates are built, yesterday's datasets are published (as the system).
"""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.core.actors import Actor
from daftar.transparency.services.opendata import opendata_publish

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="4", minute="30"))
def publish_open_data() -> list[str]:
    """Nightly: publish every dataset with the data up to yesterday; the files' SHA-256s."""
    publications = opendata_publish(actor=Actor.system("open-data"))
    hashes = [f"{p.path} {p.sha256}" for p in publications]
    logger.info("open data published: %s", hashes)
    return hashes
