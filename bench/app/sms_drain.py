"""Send every SMS still queued and empty the job queue (the benchmarks before S1 run no job
consumer, so thousands of delivery jobs wait in Redis for messages sent here), so that S1's
consumers work only on what S1 queues.

    python -m bench.app.sms_drain
"""

from bench.app import emit, setup


def main() -> None:
    setup()
    from huey.contrib.djhuey import HUEY

    from daftar.notifications.services import sms_deliver, sms_due_ids

    sent = 0
    while due := sms_due_ids():
        for message_id in due:
            sent += sms_deliver(message_id=message_id) is not None
    stale = HUEY.pending_count()
    HUEY.flush()  # jobs for the messages just sent: each would find nothing to do
    emit({"sent": sent, "stale_jobs_dropped": stale})


if __name__ == "__main__":
    main()
