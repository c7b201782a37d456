"""Transparency background jobs: council oversight reports: a quarterly or on-demand PDF, generated
by a background job, with its cut-off checkpoint and hash.

`generate_council_report` is queued (django.tasks, run by huey) when a report is requested;
`request_quarterly_council_report` asks, early on the first days of each month, for the last
quarter that ended — once: it does nothing when that quarter's report was already asked for.
"""

from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.transparency.services.reports import (
    council_report_generate,
    council_report_request_quarterly,
)


@task()
def generate_council_report(report_id: int) -> str:
    return council_report_generate(report_id=report_id).status


@db_periodic_task(crontab(hour="4", minute="10"))
def request_quarterly_council_report() -> int | None:
    """Daily at 04:10: the last ended quarter's report, if nobody asked for it yet."""
    report = council_report_request_quarterly()
    return report.pk if report else None
