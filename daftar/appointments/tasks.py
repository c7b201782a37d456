"""Booking's jobs: the reminders the day before (hourly, each appointment once) and, after each
day, the appointments nobody came to marked NO_SHOW (the no-show rule counts them)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from daftar.appointments.services.booking import (
    appointment_reminders_send,
    appointments_mark_no_shows,
)


@db_periodic_task(crontab(minute="5"))
def send_appointment_reminders() -> int:
    return appointment_reminders_send()


@db_periodic_task(crontab(minute="20"))
def mark_appointment_no_shows() -> int:
    """Hourly, so a day is closed soon after midnight in Tehran whatever the worker's zone;
    it changes nothing once a day is done."""
    return appointments_mark_no_shows()
