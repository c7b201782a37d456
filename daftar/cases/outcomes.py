"""What higher apps do once a file is approved or paid (the inversion `offices/renewal.py` uses).

Cases (level 7) cannot import the apps above it that act on a file's outcome — transparency
issues the approved file's document and the payment's receipt as PDFs — so those apps register
a callback here in their `AppConfig.ready()`: `@on_file_approved` / `@on_file_paid`, each
called with the file's id after the transaction that moved the file commits (never for a
transaction that rolls back). `file_apply_action` reports every move through `file_moved`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

Callback = Callable[[int], object]

_APPROVED: list[Callback] = []
_PAID: list[Callback] = []
# The workflow actions whose completion the callbacks hear of.
_BY_ACTION = {"approve": _APPROVED, "pay": _PAID}


def _register(callbacks: list[Callback], callback: Callback) -> Callback:
    if callback not in callbacks:  # ready() may run twice in tests; register once
        callbacks.append(callback)
    return callback


def on_file_approved(callback: Callback) -> Callback:
    """Register `callback(file_id)` to run after a file is approved (on commit)."""
    return _register(_APPROVED, callback)


def on_file_paid(callback: Callback) -> Callback:
    """Register `callback(file_id)` to run after a file's fee is paid (on commit)."""
    return _register(_PAID, callback)


def file_moved(file_id: int, action: str) -> None:
    """Called by the workflow engine inside its transaction: schedule the callbacks of
    `action` for after commit."""
    for callback in _BY_ACTION.get(action, ()):
        transaction.on_commit(lambda callback=callback: callback(file_id))
