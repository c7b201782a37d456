"""Send every SMS still queued (the benchmarks before S1 run no job consumer), so that S1's
consumers send only what S1 queues.

    python -m bench.app.sms_drain
"""

from bench.app import emit, setup


def main() -> None:
    setup()
    from daftar.notifications.services import sms_deliver, sms_due_ids

    sent = 0
    while due := sms_due_ids():
        for message_id in due:
            sent += sms_deliver(message_id=message_id) is not None
    emit({"sent": sent})


if __name__ == "__main__":
    main()
