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
    _untyped_service(actor="system:x")  # no service of daftar is untyped (test below)
    assert AuditEntry.objects.get().actor_label == "system:legacy"


def test_every_audited_service_of_daftar_takes_a_typed_actor():
    """Since part 2 of ADR 0018 (cases, workflow, treasury) no audited service takes an
    untyped `actor`: each says `actor: Actor` (or `Actor | None`), so `audited` checks it."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    untyped = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if not any(ast.unparse(d) in {"audited", "audit.audited"} for d in node.decorator_list):
                continue
            for arg in node.args.kwonlyargs + node.args.args:
                if arg.arg == "actor" and (
                    arg.annotation is None or "Actor" not in ast.unparse(arg.annotation)
                ):
                    untyped.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.name}")
    assert untyped == []
