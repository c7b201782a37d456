"""Catalogue jobs: adopted tariff changes put in force without waiting for a click."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.catalogue.services import tariff_drafts_apply_adopted
from daftar.core.actors import Actor

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def apply_adopted_tariffs() -> int:
    """Every quarter of an hour: tariff changes whose committee decision was adopted are put
    in force from the day they name (the catalogue team may also do it at once)."""
    applied, refused = tariff_drafts_apply_adopted(actor=Actor.system("tariffs"))
    for reason in refused:
        logger.warning("an adopted tariff change could not be put in force: %s", reason)
    return applied
