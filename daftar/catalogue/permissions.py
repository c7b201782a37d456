"""Who may change the catalogue (predicates, no side effects): the catalogue team edits
service drafts, publishes versions and drafts tariff changes; the tariffs themselves take
effect only through the steering committee's decisions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden


def can_administer_catalogue(user) -> bool:
    return getattr(user, "is_authenticated", False) and user_has_role(user, Role.CATALOGUE_ADMIN)


def require_catalogue_admin(actor: Actor) -> None:
    """Services of the catalogue team refuse anyone else (a system job included)."""
    if not (actor.is_user and can_administer_catalogue(actor.user)):
        raise Forbidden(_("Only the catalogue team changes the catalogue."))
