"""Treasury pages and the payments API, end to end with the simulated gateway."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from daftar.api.services import partner_create
from daftar.api.testing import SignedClient as Signed
from daftar.api.tests.fixtures import FILE, allow_signed_in_citizens
from daftar.cases.models import File
from daftar.cases.tests.fixtures import PDF, open_file
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.treasury import services
from daftar.treasury.models import Payment, Receipt
from daftar.treasury.tests.conftest import statement_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def web_file(personas, catalogue):
    return open_file(personas, catalogue)


def _pay_through_the_simulated_bank(client, start_response):
    gateway_page = client.get(start_response.url)
    assert 'data-testid="gateway-amount"' in gateway_page.content.decode()
    back = client.post(start_response.url, {"pay": "1"})
    return client.get(back.url)


def test_a_citizen_pays_online_and_gets_a_verifiable_receipt(client, personas, web_file):
    client.force_login(personas.citizen)
    page = client.get(web_file.get_absolute_url()).content.decode()
    assert 'data-testid="pay-online"' in page
    start = client.post(reverse("treasury:pay_online", args=[web_file.tracking_code]))
    result = _pay_through_the_simulated_bank(client, start)
    assert 'data-testid="payment-ok"' in result.content.decode()
    receipt = Receipt.objects.get()
    client.logout()  # anyone can check a receipt; it shows nothing personal
    verify = client.get(receipt.get_absolute_url())
    html = verify.content.decode()
    assert 'data-testid="receipt-ok"' in html
    assert personas.citizen.national_code not in html
    assert personas.citizen.last_name not in html
    web_file.refresh_from_db()
    assert web_file.state.code == "in_review"


def test_replaying_the_callback_url_shows_the_same_receipt(client, personas, web_file):
    client.force_login(personas.citizen)
    start = client.post(reverse("treasury:pay_online", args=[web_file.tracking_code]))
    client.get(start.url)
    back = client.post(start.url, {"pay": "1"})
    client.get(back.url)
    again = client.get(back.url)
    assert 'data-testid="payment-ok"' in again.content.decode()
    assert Receipt.objects.count() == 1


def test_a_forged_callback_is_refused(client, personas, web_file):
    client.force_login(personas.citizen)
    start = client.post(reverse("treasury:pay_online", args=[web_file.tracking_code]))
    token = start.url.rstrip("/").rsplit("/", 1)[-1]
    forged = client.get(
        reverse("treasury:gateway_callback"),
        {"token": token, "status": "OK", "amount": "1", "ref": "1", "sig": "0" * 64},
    )
    assert forged.status_code == 403
    assert Payment.objects.get().status == "pending"


def test_an_unknown_receipt_code_is_not_found(client):
    assert client.get("/receipts/verify/NOPE/").status_code == 404


def test_another_citizen_cannot_start_a_payment_for_the_file(client, personas, web_file):
    client.force_login(personas.other_citizen)
    response = client.post(reverse("treasury:pay_online", args=[web_file.tracking_code]))
    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_the_officer_imports_a_statement_and_sees_the_day(client, personas, paid_office_files):
    a = paid_office_files[0]
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas.treasury)
    response = client.post(
        reverse("treasury:reconciliation"),
        {
            "format": "csv",
            "file": SimpleUploadedFile(
                "s.csv", statement_csv([(a.amount, a.reference), (100, "WHO")])
            ),
        },
    )
    assert response.status_code == 302
    day = client.get(response.url).content.decode()
    assert 'data-testid="totals"' in day
    assert "WHO" in day


def test_the_day_of_a_bank_debit_opens_and_shows_the_debit_as_negative(
    client, personas, paid_office_files
):
    # Given a statement whose only unexplained line is a bank charge (a debit)
    a = paid_office_files[0]
    services.statement_import(
        actor=Actor.system("test"),
        format="csv",
        data=statement_csv([(a.amount, a.reference), (-45_000, "BANK-FEE")]),
    )
    client.force_login(personas.treasury)
    url = reverse("treasury:day", args=[timezone.localdate().isoformat()])
    # When the officer opens the day, in Persian and in English
    persian = client.get(url)
    client.cookies["daftar_language"] = "en"
    english = client.get(url)
    # Then the page answers, with the debit shown as a negative amount
    assert persian.status_code == english.status_code == 200
    assert "\u200e\u2212۴۵٬۰۰۰ ریال" in persian.content.decode()
    assert "-45,000 rials" in english.content.decode()


def test_a_malformed_statement_shows_its_line_errors(client, personas, treasury_account):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas.treasury)
    response = client.post(
        reverse("treasury:reconciliation"),
        {
            "format": "csv",
            "file": SimpleUploadedFile(
                "s.csv", statement_csv([(100, "A")]).replace(b",100,A,", b",1x0,A,")
            ),
        },
    )
    assert 'data-testid="line-errors"' in response.content.decode()


@pytest.mark.parametrize("persona", ["citizen", "operator_a", "reviewer", "council", "admin"])
def test_treasury_work_pages_are_for_treasury_officers_only(client, personas, persona):
    client.force_login(getattr(personas, persona))
    for name in (
        "treasury:dashboard",
        "treasury:reconciliation",
        "treasury:settlements",
        "treasury:refunds",
        "treasury:penalties",
        "treasury:slip",
    ):
        assert client.get(reverse(name)).status_code == 404, name


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("council", True),
        ("auditor", True),
        ("treasury", True),
        ("operator_a", False),
        ("citizen", False),
    ],
)
def test_the_summary_is_for_the_treasury_and_oversight(client, personas, persona, allowed):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("treasury:summary")).status_code == (200 if allowed else 404)


def test_the_office_manager_sees_what_the_office_is_owed(client, personas, paid_office_files):
    client.force_login(personas.manager_a)
    page = client.get(reverse("treasury:office_statement")).content.decode()
    assert "۹۹۰٬۰۰۰" in page  # 3 × 330,000 rials
    client.force_login(personas.operator_b)
    assert client.get(reverse("treasury:office_statement")).status_code == 404


def test_a_partner_starts_a_payment_and_fetches_the_receipt(catalogue, client, adopt_decision):
    app, key = partner_create(
        actor=Actor.system("x"), name="Tehran-e Man", scopes=["catalogue", "files", "payments"]
    )
    allow_signed_in_citizens(app, adopt_decision(DecisionKind.SERVICE_AUTHORISATION))
    signed = Signed(key, client)
    code = signed.post("/api/v1/files", FILE, key="f1").json()["tracking_code"]
    signed.upload(f"/api/v1/files/{code}/attachments", "deed", PDF, key="u1")
    signed.post(f"/api/v1/files/{code}/submit", key="s1")
    started = signed.post(f"/api/v1/files/{code}/payments", key="p1")
    assert started.status_code == 201
    again = signed.post(f"/api/v1/files/{code}/payments", key="p1")
    assert again.json() == started.json()
    assert signed.get(f"/api/v1/files/{code}/receipt").status_code == 404
    token = started.json()["pay_url"].rstrip("/").rsplit("/", 1)[-1]
    from daftar.treasury.gateways import SimulatedGateway

    back = SimulatedGateway.decide(token, pay=True)
    client.get(back)
    receipt = signed.get(f"/api/v1/files/{code}/receipt").json()
    assert receipt["amount"] == File.objects.get(tracking_code=code).amount
