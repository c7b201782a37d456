"""Office network jobs: lapsed licences, daily uptime, and (in the demo only) terminals."""

import datetime
import time

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.offices.models import Terminal
from daftar.offices.services import (
    certification_reminders_send,
    heartbeat_accept,
    licences_expire_due,
    terminal_secret,
    uptime_compute_day,
)
from daftar.offices.services.terminals import sign_heartbeat


@db_periodic_task(crontab(hour="0", minute="10"))
def expire_lapsed_licences() -> int:
    return licences_expire_due()


@db_periodic_task(crontab(hour="0", minute="30"))
def compute_uptime_yesterday() -> int:
    return uptime_compute_day(day=timezone.localdate() - datetime.timedelta(days=1))


@db_periodic_task(crontab(minute="*"))
def simulate_demo_terminals() -> int:
    """Demo only: terminals that have been heard from keep sending signed heartbeats."""
    if not getattr(settings, "DEMO_TERMINAL_SIMULATOR", False):
        return 0
    sent = 0
    for terminal in Terminal.objects.filter(active=True, last_seen_at__isnull=False):
        timestamp = int(time.time() * 1000)
        body = b'{"demo": true}'
        signature = sign_heartbeat(terminal_secret(terminal), terminal.code, timestamp, body)
        heartbeat_accept(code=terminal.code, timestamp_ms=timestamp, signature=signature, body=body)
        sent += 1
    return sent


@db_periodic_task(crontab(hour="7", minute="0"))
def send_certification_reminders() -> int:
    """Remind staff and their managers of certificates about to expire (once per threshold)."""
    return certification_reminders_send()
