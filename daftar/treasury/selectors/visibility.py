"""Treasury selectors: who may see which payments, refunds and settlements (the `*_visible_to`
querysets, the one access path to each), and a file's payments and receipts."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core.actors import Actor
from daftar.offices.selectors import office_of_user
from daftar.treasury.models import (
    Payment,
    Receipt,
    Refund,
    Settlement,
)
from daftar.treasury.permissions import OFFICE_ROLES, READER_ROLES

# --- who sees what ------------------------------------------------------------------------


def _scope(
    actor_or_user,
    *,
    office_paths: tuple[str, ...],
    citizen_path: str | None,
    partner_path: str | None,
) -> Q | None:
    """None when `actor_or_user` sees everything; otherwise the condition on the rows they may
    see (an empty condition matches nothing). Takes a user or an `Actor`: a system job sees the
    books, a partner app what concerns the files it opened."""
    user = actor_or_user
    if isinstance(actor_or_user, Actor):
        if actor_or_user.is_system:
            return None
        if actor_or_user.is_partner:
            if partner_path is None:
                return Q(pk__in=[])
            return Q(**{partner_path: actor_or_user.partner_id})
        user = actor_or_user.user
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user_has_role(user, *READER_ROLES):
        return None
    condition = Q(pk__in=[])
    if user_has_role(user, *OFFICE_ROLES):
        office = office_of_user(user)
        if office is not None:
            for path in office_paths:
                condition |= Q(**{path: office})
    if citizen_path is not None and user_has_role(user, Role.CITIZEN):
        condition |= Q(**{citizen_path: user})
    return condition


def payment_visible_to(actor_or_user) -> QuerySet[Payment]:
    """Payments `actor_or_user` may see: treasury officers, council members, auditors and system
    jobs all; office staff those taken at their office or for its files; a citizen those of
    their own files; a partner app those of the files it opened; anyone else none."""
    scope = _scope(
        actor_or_user,
        office_paths=("office", "file__office"),
        citizen_path="file__citizen",
        partner_path="file__partner_id",
    )
    return Payment.objects.all() if scope is None else Payment.objects.filter(scope)


def refund_visible_to(actor_or_user) -> QuerySet[Refund]:
    """Refunds of the payments `actor_or_user` may see (same rule as `payment_visible_to`)."""
    scope = _scope(
        actor_or_user,
        office_paths=("payment__office", "payment__file__office"),
        citizen_path="payment__file__citizen",
        partner_path="payment__file__partner_id",
    )
    return Refund.objects.all() if scope is None else Refund.objects.filter(scope)


def settlement_visible_to(actor_or_user) -> QuerySet[Settlement]:
    """Settlements `actor_or_user` may see: treasury officers, council members, auditors and
    system jobs all; office staff those that settled their office; citizens none."""
    scope = _scope(
        actor_or_user, office_paths=("lines__office",), citizen_path=None, partner_path=None
    )
    if scope is None:
        return Settlement.objects.all()
    return Settlement.objects.filter(pk__in=Settlement.objects.filter(scope).values("pk"))


def receipt_by_verification_code(code: str) -> Receipt | None:
    """The receipt anyone may verify with its code (the page shows nothing personal)."""
    return (
        Receipt.objects.select_related("payment", "payment__file__service", "payment__office")
        .filter(verification_code=code.upper())
        .first()
    )


def file_payments_with_receipt(actor_or_user, file) -> QuerySet[Payment]:
    """The payments of `file` that have a receipt and that `actor_or_user` may see, oldest
    first (the receipts the file page lists and the citizen can print)."""
    return (
        payment_visible_to(actor_or_user)
        .filter(file=file, receipt__isnull=False)
        .select_related("receipt", "office")
        .order_by("confirmed_at", "pk")
    )


def file_payment_with_receipt(actor_or_user, file, pk: int) -> Payment | None:
    """One payment of `file` with its receipt that `actor_or_user` may see, or None."""
    return file_payments_with_receipt(actor_or_user, file).filter(pk=pk).first()


def receipt_of_file(actor_or_user, file) -> Receipt | None:
    """The receipt of the file's collected payment, if `actor_or_user` may see the payment."""
    return (
        Receipt.objects.select_related("payment")
        .filter(payment__in=payment_visible_to(actor_or_user).filter(file=file))
        .first()
    )
