"""Background jobs for SMS, written against the django.tasks API (run by huey)."""

from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.notifications.services import sms_deliver, sms_due_ids


@task()
def deliver_sms(message_id: int) -> str | None:
    status = sms_deliver(message_id=message_id)
    return status.value if status else None


@db_periodic_task(crontab(minute="*"))
def retry_due_sms() -> int:
    """Every minute: send what is due (retries, and anything whose enqueue was lost)."""
    due = sms_due_ids()
    for message_id in due:
        sms_deliver(message_id=message_id)
    return len(due)
