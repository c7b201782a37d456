"""Real-browser fixtures: Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import datetime
import os
import shutil
import sys

import pytest
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.jalali import to_jalali

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = (
            "Debian's chromium is not installed (apt-get install chromium): "
            "the browser tests cannot run"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        sys.stderr.write(f"\n{'!' * 78}\n!! SKIPPING BROWSER TESTS: {message}\n{'!' * 78}\n")
        pytest.skip(message)
    return path


@pytest.fixture
def page(chromium_path, live_server):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        context = browser.new_context(locale="en-US")  # the app must still start in Persian
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # Django connections opened while Playwright's event loop runs live in that
            # context; close them here so none outlives the suite.
            from django.db import connections

            connections.close_all()


@pytest.fixture
def world(personas, catalogue, counter_ready, committee):
    """The personas with something on their pages: a web file awaiting payment, a counter file,
    a file paid by card at office T0101 that waits in the reviewer's queue, a rejected paid file
    due a refund, yesterday's reconciled card payment to settle, today's bank statement with a
    line to explain, adopted decisions and one
    awaiting the committee's vote. Made before the browser starts, outside Playwright's event
    loop."""
    from daftar.cases import services as cases
    from daftar.governance import services as governance
    from daftar.governance.choices import DecisionKind
    from daftar.governance.models import Decision
    from daftar.offices import services as offices
    from daftar.treasury import services as treasury
    from daftar.treasury.models import Account, Payment
    from daftar.treasury.tests.conftest import statement_csv

    Account.objects.create(
        code="bank:treasury",
        name_fa="حساب خزانه واحد",
        name_en="Single treasury account",
        kind="bank",
        sheba="IR820540102680020817909002",
    )
    web_file = open_file(personas, catalogue)
    counter_file = open_file(personas, catalogue, office=counter_ready)
    paid_file = open_file(personas, catalogue, office=counter_ready)
    terminal, _secret = offices.terminal_register(
        actor=Actor.system("test"), office=counter_ready, code="POS-1"
    )
    paid = treasury.payment_record_pos(
        actor=Actor.for_user(personas.operator_a),
        file=paid_file,
        terminal=terminal,
        pos_reference="P1",
        amount=paid_file.amount,
    )
    # Today's bank statement: the card payment matched, an unknown deposit to explain.
    card = Payment.objects.get(file=paid_file)
    treasury.statement_import(
        actor=Actor.for_user(personas.treasury),
        data=statement_csv([(card.amount, card.reference), (7_500_000, "")]),
        format="csv",
    )
    # A rejected file whose fee (80 % refundable) was paid by slip: the refund preview's.
    catalogue.service.refundable_basis_points = 8000
    catalogue.service.save()
    refund_file = open_file(personas, catalogue)
    treasury.payment_record_slip(
        actor=Actor.for_user(personas.treasury),
        file=refund_file,
        bank_reference="S-1",
        amount=refund_file.amount,
    )
    cases.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=refund_file, action="reject", reason="رد"
    )
    # Yesterday's card payment, reconciled: the settlement preview's line for office T0101.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    settled_file = open_file(personas, catalogue, office=counter_ready)
    receipt = treasury.payment_record_pos(
        actor=Actor.for_user(personas.operator_a),
        file=settled_file,
        terminal=terminal,
        pos_reference="P2",
        amount=settled_file.amount,
    )
    Payment.objects.filter(pk=receipt.payment_id).update(
        status="reconciled",
        confirmed_at=datetime.datetime.combine(
            yesterday, datetime.time(12), tzinfo=timezone.get_current_timezone()
        ),
    )
    type(counter_ready).objects.filter(pk=counter_ready.pk).update(
        sheba="IR062960000000100324200001"
    )
    users = {
        Role.CITIZEN: personas.citizen,
        Role.OFFICE_OPERATOR: personas.operator_a,
        Role.OFFICE_MANAGER: personas.manager_a,
        Role.DEPARTMENT_REVIEWER: personas.reviewer,
        Role.TREASURY_OFFICER: personas.treasury,
        Role.INSPECTOR: personas.inspector,
        Role.COMMITTEE_MEMBER: personas.committee,
        Role.COUNCIL_MEMBER: personas.council,
        Role.AUDITOR: personas.auditor,
        Role.CATALOGUE_ADMIN: personas.catalogue_admin,
        Role.SYSTEM_ADMIN: UserFactory(username="fava", roles=[Role.SYSTEM_ADMIN]),
    }
    pending = governance.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.TARIFF,
        subject="بازنگری تعرفه پروانه ساختمانی",
        body="متن پیشنهادی",
        decided_on=datetime.date(2025, 12, 1),
    )
    adopted = Decision.objects.filter(seq__isnull=False).first()
    codes = {
        "pending_decision": pending.pk,
        "adopted_decision": adopted.get_absolute_url(),
        "web_file": web_file.tracking_code,
        "counter_file": counter_file.tracking_code,
        "paid_file": paid_file.tracking_code,
        "paid_receipt": f"/files/{paid_file.tracking_code}/payments/{paid.payment.pk}/receipt/",
        "refund_file": refund_file.tracking_code,
        "today": timezone.localdate().isoformat(),
        "yesterday": "{0.year}/{0.month:02d}/{0.day:02d}".format(to_jalali(yesterday)),
    }
    return users, codes


@pytest.fixture(scope="module")
def browser(request):
    """One Chromium for a whole module of journeys: each journey opens its own context in it."""
    chromium_path = request.getfixturevalue("chromium_path")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
            from django.db import connections

            connections.close_all()
