"""Two reviewers act on the same file at the same moment: exactly one action wins (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.cases import services
from daftar.cases.models import FileEvent
from daftar.cases.tests.fixtures import pdf
from daftar.catalogue.choices import Channel
from daftar.catalogue.models import DepartmentMember
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_acting_at_once_change_the_file_once(personas, catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is tested on PostgreSQL")
    second = UserFactory(username="reviewer_two", roles=[Role.DEPARTMENT_REVIEWER])
    DepartmentMember.objects.create(department=catalogue.department, user=second)
    file = services.file_create(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data={"area_m2": "100", "zone": "1"},
    )
    services.attachment_add(
        actor=Actor.for_user(personas.citizen), file=file, document="deed", upload=pdf()
    )
    file = services.file_submit(actor=Actor.for_user(personas.citizen), file=file)
    file = services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")

    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def act(user, action, reason):
        try:
            barrier.wait()
            services.file_apply_action(
                actor=Actor.for_user(user), file=file, action=action, reason=reason
            )
            outcomes[action] = "ok"
        except DaftarError as error:
            outcomes[action] = error.code
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(personas.reviewer, "approve", "")),
        threading.Thread(target=act, args=(second, "reject", "ناقص است")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values()) == ["action_not_allowed", "ok"]
    file.refresh_from_db()
    winner = "approve" if outcomes["approve"] == "ok" else "reject"
    assert file.state.code == {"approve": "approved", "reject": "rejected"}[winner]
    assert FileEvent.objects.filter(file=file, action__in=["approve", "reject"]).count() == 1
