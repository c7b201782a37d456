"""Partner apps for tests: a citizen signed in with the city's sign-in, and apps that may open
files for such citizens by a committee decision (ADR 0007)."""

from __future__ import annotations

import pytest

from daftar.api.services import partner_create
from daftar.core.actors import Actor

CITIZEN = {
    "national_code": "0499370899",
    "mobile": "09121234567",
    "first_name": "ندا",
    "last_name": "صدری",
}
FILE = {"service": "bp-file-open", "citizen": CITIZEN, "data": {"area_m2": "80", "zone": 2}}


def allow_signed_in_citizens(app, decision) -> None:
    """Let `app` open files for citizens signed in with the city's sign-in (a committee
    decision, ADR 0007), and register CITIZEN as such a citizen (once)."""
    from daftar.accounts.models import User
    from daftar.accounts.tests.factories import CitizenFactory
    from daftar.api.services import SIGNED_IN_CITIZENS, partner_scope_grant

    partner_scope_grant(
        actor=Actor.system("test"), partner=app, scope=SIGNED_IN_CITIZENS, decision=decision
    )
    if not User.objects.filter(national_code=CITIZEN["national_code"]).exists():
        CitizenFactory(
            national_code=CITIZEN["national_code"],
            mobile=CITIZEN["mobile"],
            first_name=CITIZEN["first_name"],
            last_name=CITIZEN["last_name"],
        )


@pytest.fixture
def service_authorisation(adopt_decision):
    from daftar.governance.choices import DecisionKind

    return adopt_decision(DecisionKind.SERVICE_AUTHORISATION, "مجوز برنامه همکار")


@pytest.fixture
def trusted_partner(service_authorisation):
    """A partner app (catalogue, files, payments) whose citizens are signed in with the city's
    sign-in: it opens files for CITIZEN without a consent code. Returns (app, key)."""

    def make(name: str = "Tehran-e Man", scopes=("catalogue", "files"), **options):
        app, key = partner_create(
            actor=Actor.system("test"), name=name, scopes=list(scopes), **options
        )
        allow_signed_in_citizens(app, service_authorisation)
        return app, key

    return make
