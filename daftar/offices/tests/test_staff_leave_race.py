"""Two overlapping leaves of one person recorded at the same moment (two tabs of the manager):
exactly one is saved — the person's post is locked while the overlap is checked (PostgreSQL)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.offices.hours import tehran_today
from daftar.offices.models import StaffLeave
from daftar.offices.services import staff_leave_record


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_leaves_recorded_at_once_one_is_saved(personas):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are tested on PostgreSQL")
    post = personas.operator_a.office_posts.get(left_on__isnull=True)
    today = tehran_today()
    barrier = threading.Barrier(2)
    answers: dict[int, str] = {}

    def record(offset: int):
        try:
            barrier.wait()
            staff_leave_record(
                actor=Actor.for_user(personas.manager_a),
                post=post,
                first_day=today + datetime.timedelta(days=2 + offset),
                last_day=today + datetime.timedelta(days=4 + offset),
                reason="annual",
            )
            answers[offset] = "saved"
        except DaftarError as error:
            answers[offset] = str(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answers.values()) == ["leave_overlaps", "saved"]
    assert StaffLeave.objects.count() == 1
