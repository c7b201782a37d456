"""Who did it: the `Actor` every service takes, and the per-request `ActorContext`.

An actor is one of three kinds: a signed-in user, a system job (the SLA sweep, the nightly
checkpoint, the demo seed) or a partner app calling the API. Its `label` is what the audit
log, the ledger and the file timelines store; the labels are exactly the strings those
stores held before actors were typed (a username, "system:<job>", "system",
"partner:<id>"), so stored entries, their hash chains and the demo data do not change
(docs/adr/0018-typed-actors.md).

`ActorContext` carries what views keep asking about the signed-in user (roles, office,
department); `daftar.offices.context.actor_context(request)` resolves it once per request.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

LABEL_MAX_LENGTH = 150  # AuditEntry.actor_label, JournalEntry.actor_label
SYSTEM = "system"
PARTNER = "partner"


class ActorKind(enum.StrEnum):
    USER = "user"
    SYSTEM = "system"
    PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class Actor:
    """A user, a system job or a partner app. Build one with `for_user`, `system`, `partner`."""

    kind: ActorKind
    label: str
    user: AbstractBaseUser | None = None
    partner_id: int | None = None

    def __post_init__(self) -> None:
        if (self.kind is ActorKind.USER) != (self.user is not None):
            raise ValueError("a user actor, and only a user actor, carries a user")
        if (self.kind is ActorKind.PARTNER) != (self.partner_id is not None):
            raise ValueError("a partner actor, and only a partner actor, carries a partner id")

    @classmethod
    def for_user(cls, user: AbstractBaseUser) -> Actor:
        """The signed-in (or named) user; refuses the anonymous user, who acts as nobody."""
        if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
            raise TypeError(f"an actor must be a saved, authenticated user, not {user!r}")
        return cls(ActorKind.USER, user.get_username()[:LABEL_MAX_LENGTH], user=user)

    @classmethod
    def system(cls, job: str = "") -> Actor:
        """A system job, labelled "system:<job>"; plain "system" for the system itself."""
        if job.startswith(f"{SYSTEM}:"):
            raise ValueError(f"name the job without the prefix: {job!r}")
        label = f"{SYSTEM}:{job}" if job else SYSTEM
        return cls(ActorKind.SYSTEM, label[:LABEL_MAX_LENGTH])

    @classmethod
    def partner(cls, app: Any) -> Actor:
        """A partner app (an `api.PartnerApp` or its id), labelled "partner:<id>"."""
        partner_id = app if isinstance(app, int) else app.pk
        if partner_id is None:
            raise TypeError("a partner actor needs a saved partner app")
        return cls(ActorKind.PARTNER, f"{PARTNER}:{partner_id}", partner_id=partner_id)

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @property
    def is_user(self) -> bool:
        return self.kind is ActorKind.USER

    @property
    def is_system(self) -> bool:
        return self.kind is ActorKind.SYSTEM

    @property
    def is_partner(self) -> bool:
        return self.kind is ActorKind.PARTNER

    def __str__(self) -> str:
        return self.label


def require_actor(value: object) -> Actor:
    """`value` if it is an Actor; a TypeError naming what came instead (a bare user or a
    label string from code not yet converted) otherwise."""
    if not isinstance(value, Actor):
        raise TypeError(
            f"expected an Actor (Actor.for_user / Actor.system / Actor.partner), "
            f"got {type(value).__name__}: {value!r}"
        )
    return value


@dataclass(frozen=True, slots=True)
class ActorContext:
    """The signed-in user's actor, role names, office (where they work now) and department
    (the one they review for), as resolved once for a request."""

    actor: Actor | None
    roles: frozenset[str]
    office: Any = None  # offices.Office | None
    department: Any = None  # catalogue.Department | None

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & {str(role) for role in roles})
