"""Typed actors in the audit log: the stored actor id and label are the ones entries carried
before actors were typed (ADR 0018), and an untyped actor is refused."""

from __future__ import annotations

import pytest
from django.db import transaction

from daftar.accounts.tests.factories import UserFactory
from daftar.audit.models import AuditEntry
from daftar.audit.services import CHECKPOINT_ACTOR, audit_record, audited
from daftar.audit.verification import verify_stream
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db


def _stored(actor: Actor) -> tuple[int | None, str]:
    with transaction.atomic():
        entry = audit_record(actor=actor, action="test.event", stream="test")
    stored = AuditEntry.objects.get(pk=entry.pk)
    return stored.actor_id, stored.actor_label


def test_stored_actor_id_and_label_are_what_the_untyped_actors_stored():
    # Before ADR 0018: a user stored (pk, username), a label string itself, None "system".
    user = UserFactory(username="operator_a")
    assert _stored(Actor.for_user(user)) == (user.pk, "operator_a")
    assert _stored(Actor.system("sla")) == (None, "system:sla")
    assert _stored(Actor.system()) == (None, "system")
    assert _stored(Actor.partner(7)) == (None, "partner:7")
    assert _stored(CHECKPOINT_ACTOR) == (None, "system:audit-checkpoint")
    assert verify_stream("test").ok


def test_audit_record_refuses_an_untyped_actor_and_writes_nothing():
    user = UserFactory()
    for untyped in (user, "system:sla", None):
        with pytest.raises(TypeError, match="expected an Actor"), transaction.atomic():
            audit_record(actor=untyped, action="test.event", stream="test")
    assert not AuditEntry.objects.exists()


@audited
def _typed_service(*, actor: Actor) -> None:
    audit_record(actor=actor, action="test.typed", stream="test")


@audited
def _untyped_service(*, actor) -> None:
    audit_record(actor=Actor.system("legacy"), action="test.untyped", stream="test")


def test_a_service_typed_with_actor_refuses_anything_else_before_it_runs():
    with pytest.raises(TypeError, match="got User"):
        _typed_service(actor=UserFactory())
    with pytest.raises(TypeError, match="got str"):
        _typed_service(actor="system:x")
    assert not AuditEntry.objects.exists()
    _typed_service(actor=Actor.system("x"))
    assert AuditEntry.objects.get().actor_label == "system:x"


def test_a_service_not_yet_typed_is_not_checked_by_audited():
    _untyped_service(actor="system:x")  # cases and treasury until part 2 of ADR 0018
    assert AuditEntry.objects.get().actor_label == "system:legacy"
