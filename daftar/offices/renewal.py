"""Checks that higher apps add to a licence renewal (and to a new service authorisation).

Offices (level 6) cannot import the apps above it that hold the reasons to refuse a renewal —
supervision's grades, for one — so those apps register a check here, the same inversion as the
role homes (core/homes.py): `@renewal_check` in the higher app's `AppConfig.ready()`, and
`licence_renew` asks `renewal_blockers(office)` before it renews. A check returns a sentence
saying why the office may not renew (translated), or None when it has nothing against it.
`authorisation_check`/`authorisation_blockers` do the same for authorising a new domain.
"""

from __future__ import annotations

from collections.abc import Callable

Check = Callable[[object], object | None]

_RENEWAL_CHECKS: list[Check] = []
_AUTHORISATION_CHECKS: list[Check] = []


def _register(checks: list[Check], check: Check) -> Check:
    if check not in checks:  # ready() may run twice in tests; register once
        checks.append(check)
    return check


def renewal_check(check: Check) -> Check:
    """Register `check(office)` to be asked before any licence of the office is renewed."""
    return _register(_RENEWAL_CHECKS, check)


def authorisation_check(check: Check) -> Check:
    """Register `check(office)` to be asked before the office is authorised for a domain."""
    return _register(_AUTHORISATION_CHECKS, check)


def renewal_blockers(office) -> list:
    """Why `office` may not renew its licence now (empty: nothing against it)."""
    return [reason for check in _RENEWAL_CHECKS if (reason := check(office))]


def authorisation_blockers(office) -> list:
    """Why `office` may not be authorised for a new service domain now."""
    return [reason for check in _AUTHORISATION_CHECKS if (reason := check(office))]
