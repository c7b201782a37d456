"""Citizen identity: how a national code is bound to a mobile, signing in, the citizen's
consent to a file opened by an office or a partner app, and taking a national code back from
a wrong mobile at an office (ADR 0006 identity binding, ADR 0007 consent).

The binding in one paragraph: a first sign-in binds a national code to a mobile only after
the national mobile-ownership inquiry answers "match" (`ownership.py`); "no match" refuses
the sign-in and writes nothing; "unavailable" lets the person in on a *provisional* account
that no office or app may open files for, and asks again at every later sign-in. At an office
the operator's check of the national card takes the inquiry's place. A verified binding
changes only at an office (`citizen_reclaim`), which detaches the old mobile.

Calls to the inquiry happen outside any transaction (it may wait on a network); the audited
services that write run after it. Wrong codes are counted in their own transaction: the
checking service returns `codes.WRONG` and the public function raises afterwards.
"""

from daftar.accounts.codes import IDENTITY_STREAM
from daftar.accounts.identity.common import OtpIssued
from daftar.accounts.identity.consent import (
    citizen_for_partner,
    counter_consent_request,
    counter_consent_verify,
    partner_consent_confirm,
    partner_consent_request,
)
from daftar.accounts.identity.reclaim import Reclaimed, citizen_reclaim, citizen_reclaim_request
from daftar.accounts.identity.sign_in import citizen_otp_request, citizen_otp_verify

__all__ = [
    "IDENTITY_STREAM",
    "OtpIssued",
    "Reclaimed",
    "citizen_for_partner",
    "citizen_otp_request",
    "citizen_otp_verify",
    "citizen_reclaim",
    "citizen_reclaim_request",
    "counter_consent_request",
    "counter_consent_verify",
    "partner_consent_confirm",
    "partner_consent_request",
]
