"""What the treasury may do to a file, through cases: hold the file while its fee moves, and
put a refund's steps on the citizen's timeline. The file's row lock and its timeline writer stay
internal to cases (ADR 0013); moving the file on after payment is `file_apply_action`."""

from __future__ import annotations

from daftar.cases.choices import EventKind
from daftar.cases.models import File
from daftar.cases.services.workflow import lock_file, record_event
from daftar.core.actors import Actor

REFUND_STEPS = frozenset({"refund_requested", "refund_approved", "refund_paid"})


def file_hold_for_payment(*, file: File | int) -> File:
    """The file, its row locked until the caller's transaction ends, read afresh with its state,
    office and service: a payment, a gateway confirmation or a refund of the same file waits
    for this one."""
    return lock_file(file, "state", "office", "service")


def file_record_refund(*, actor: Actor, file: File, step: str, amount: int) -> None:
    """Tell the citizen, on the file's timeline, that a refund of `amount` rials reached
    `step` (requested, approved, paid). The caller writes its own audit entry."""
    if step not in REFUND_STEPS:
        raise ValueError(f"unknown refund step {step!r}")
    record_event(
        file, actor=actor, kind=EventKind.PAYMENT, action=step, reason=str(amount), public=True
    )
