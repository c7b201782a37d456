"""The Actor: who did it, and the label the audit log and the ledger store for it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from daftar.core.actors import Actor, ActorKind, require_actor


class FakeUser:
    """Enough of a user for the label rules (the database-backed cases are in audit's tests)."""

    is_authenticated = True

    def __init__(self, pk: int, username: str):
        self.pk = pk
        self.username = username

    def get_username(self) -> str:
        return self.username


class FakePartner:
    def __init__(self, pk: int | None):
        self.pk = pk


def test_a_user_actor_is_labelled_with_the_username_and_carries_the_user():
    user = FakeUser(7, "operator_a")
    actor = Actor.for_user(user)
    assert (actor.kind, actor.label, actor.user, actor.user_id) == (
        ActorKind.USER,
        "operator_a",
        user,
        7,
    )
    assert actor.is_user
    assert not actor.is_system
    assert not actor.is_partner


def test_a_system_job_is_labelled_system_colon_job_and_the_system_itself_plain_system():
    assert Actor.system("sla").label == "system:sla"
    assert Actor.system("audit-checkpoint").label == "system:audit-checkpoint"
    assert Actor.system().label == "system"
    assert Actor.system("sla").user is None
    assert Actor.system("sla").user_id is None
    assert Actor.system("sla").kind is ActorKind.SYSTEM


def test_a_system_job_named_with_its_prefix_is_refused_so_no_label_reads_system_system():
    with pytest.raises(ValueError, match="without the prefix"):
        Actor.system("system:sla")


def test_a_partner_app_is_labelled_partner_colon_id_from_the_app_or_its_id():
    assert Actor.partner(FakePartner(12)).label == "partner:12"
    assert Actor.partner(12) == Actor.partner(FakePartner(12))
    assert Actor.partner(12).partner_id == 12
    assert Actor.partner(12).user is None


def test_an_unsaved_partner_app_or_an_anonymous_user_is_no_actor():
    with pytest.raises(TypeError):
        Actor.partner(FakePartner(None))
    with pytest.raises(TypeError):
        Actor.for_user(AnonymousUser())
    with pytest.raises(TypeError):
        Actor.for_user(None)


def test_a_kind_that_does_not_match_its_user_or_partner_cannot_be_built():
    with pytest.raises(ValueError, match="carries a user"):
        Actor(ActorKind.USER, "nobody")
    with pytest.raises(ValueError, match="carries a user"):
        Actor(ActorKind.SYSTEM, "system", user=FakeUser(1, "x"))
    with pytest.raises(ValueError, match="carries a partner id"):
        Actor(ActorKind.SYSTEM, "system", partner_id=3)


def test_actors_are_values_equal_by_what_they_are():
    assert Actor.system("sla") == Actor.system("sla")
    assert Actor.system("sla") != Actor.system("intake")
    assert len({Actor.system("sla"), Actor.system("sla"), Actor.partner(1)}) == 2


def test_require_actor_names_the_untyped_value_it_refuses():
    assert require_actor(Actor.system()) == Actor.system()
    with pytest.raises(TypeError, match="got str: 'system:sla'"):
        require_actor("system:sla")
    with pytest.raises(TypeError, match="got FakeUser"):
        require_actor(FakeUser(1, "operator_a"))


def test_the_actors_of_cases_and_treasury_carry_the_labels_their_strings_had():
    user = FakeUser(3, "treasury")
    for actor, label in [
        (Actor.system(), "system"),
        (Actor.system("sla"), "system:sla"),
        (Actor.system("payment-recheck"), "system:payment-recheck"),
        (Actor.partner(7), "partner:7"),
        (Actor.for_user(user), "treasury"),
    ]:
        assert actor.label == label
