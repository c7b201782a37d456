"""The demo's treasury, seen by its officer: every reconciliation day opens, debits included."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.treasury.models import ReconciliationDay, StatementLine

pytestmark = pytest.mark.django_db


def test_every_reconciliation_day_of_the_demo_opens_for_the_treasury_officer(client, settings):
    # Given the demo (its bank statements carry settlement payouts, refunds and bank charges)
    settings.DEMO_ALLOWED = True
    call_command("demo_seed", "--size", "tiny", stdout=io.StringIO())
    days = list(ReconciliationDay.objects.order_by("day").values_list("day", flat=True))
    debit_days = set(
        StatementLine.objects.filter(amount__lt=0).values_list("statement__day__day", flat=True)
    )
    assert days
    assert debit_days, "the demo must have bank days with debit lines to check"
    officer = User.objects.filter(groups__name=Role.TREASURY_OFFICER).first()
    client.force_login(officer)
    # When the officer opens each day; then every one answers
    failed = {
        day: status
        for day in days
        if (status := client.get(reverse("treasury:day", args=[day.isoformat()])).status_code)
        != 200
    }
    assert failed == {}
