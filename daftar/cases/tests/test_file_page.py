"""The file's page for the citizen (what happens next, what is needed, the correction reason
with one way to answer it) and for the reviewer (buttons by meaning, a confirm step, messages
that say what happened); the printable payment receipt; documents downloaded under their own
name."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daftar.cases import services
from daftar.cases.tests.fixtures import PDF, open_file
from daftar.core.actors import Actor
from daftar.offices import services as offices
from daftar.treasury.models import Account

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


@pytest.fixture
def file(personas, catalogue):
    created = open_file(personas, catalogue)
    return services.file_apply_action(actor=Actor.system("treasury"), file=created, action="pay")


def _section(page: str, testid: str) -> str:
    start = page.index(f'data-testid="{testid}"')
    return page[start : page.index("</section>", start)]


# --- the citizen ------------------------------------------------------------------------------


def test_a_file_awaiting_payment_tells_the_citizen_to_pay(client, personas, catalogue):
    file = open_file(personas, catalogue)
    assert file.state.awaiting_payment
    client.force_login(personas.citizen)
    page = client.get(file.get_absolute_url()).content.decode()
    box = _section(page, "next-steps")
    assert "پس از پرداخت هزینه، پرونده برای بررسی به معاونت شهرسازی می‌رود" in box
    assert 'data-need="pay"' in box
    assert 'href="#payment-box"' in box
    assert 'id="payment-box"' in page


def test_a_file_in_review_needs_nothing_from_the_citizen(client, personas, file):
    client.force_login(personas.citizen)
    box = _section(client.get(file.get_absolute_url()).content.decode(), "next-steps")
    assert "در حال بررسی پروندهٔ شماست" in box
    assert "data-need=" not in box


def test_staff_see_no_citizen_guidance(client, personas, file):
    client.force_login(personas.reviewer)
    assert 'data-testid="next-steps"' not in client.get(file.get_absolute_url()).content.decode()


def test_the_correction_reason_is_on_top_with_one_way_to_resubmit(client, personas, file):
    services.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=file,
        action="request_correction",
        reason="نقشهٔ تفکیکی امضاشده لازم است",
    )
    client.force_login(personas.citizen)
    page = client.get(file.get_absolute_url()).content.decode()
    reason = _section(page, "correction-reason")
    assert "نقشهٔ تفکیکی امضاشده لازم است" in reason
    assert page.index('data-testid="correction-reason"') < page.index('data-testid="next-steps"')
    assert page.index('data-testid="correction-reason"') < page.index('data-testid="timeline"')
    assert 'data-need="correct"' in _section(page, "next-steps")
    # One way to answer: the correction form; no bare "resubmit" button beside it.
    assert page.count('data-testid="correction-form"') == 1
    assert 'data-action="resubmit"' not in page
    assert 'href="#correction-form"' in reason


def test_a_closed_unrated_file_asks_for_a_rating(client, personas, file):
    for action, actor in (
        ("approve", personas.reviewer),
        ("deliver", personas.reviewer),
        ("close", personas.citizen),
    ):
        file = services.file_apply_action(actor=Actor.for_user(actor), file=file, action=action)
    client.force_login(personas.citizen)
    page = client.get(file.get_absolute_url()).content.decode()
    assert 'data-need="rate"' in _section(page, "next-steps")
    assert 'id="rating"' in page
    for label in ("خیلی ضعیف", "ضعیف", "متوسط", "خوب", "عالی"):
        assert f"<span>{label}</span>" in page


# --- the reviewer -----------------------------------------------------------------------------


def test_buttons_say_what_they_do_and_decisions_ask_first(client, personas, file):
    client.force_login(personas.reviewer)
    page = client.get(file.get_absolute_url()).content.decode()

    def form_of(code: str) -> str:
        start = page.index(f'data-action="{code}"')
        return page[start : page.index("</form>", start)]

    approve, reject = form_of("approve"), form_of("reject")
    correction = form_of("request_correction")
    assert 'class="btn btn-primary" data-testid="ask-approve"' in approve
    assert "<details" in approve
    assert 'data-testid="confirm-approve"' in approve
    assert "مطمئن هستید؟" in approve
    assert 'class="btn btn-danger" data-testid="ask-reject"' in reject
    assert "<details" in reject
    assert "btn-outline-secondary" in correction
    assert "<details" not in correction


def test_approving_says_where_the_file_went(client, personas, file):
    client.force_login(personas.reviewer)
    response = client.post(
        reverse("cases:action", args=[file.tracking_code]), {"action": "approve"}, follow=True
    )
    page = response.content.decode()
    assert "پرونده تأیید شد و به مرحلهٔ «تأییدشده» رفت." in page
    assert "انجام شد" not in page


def test_a_refused_action_changes_nothing_and_says_why(client, personas, file):
    client.force_login(personas.reviewer)
    response = client.post(
        reverse("cases:action", args=[file.tracking_code]), {"action": "reject"}, follow=True
    )
    file.refresh_from_db()
    assert file.state.code == "in_review"
    assert "alert-danger" in response.content.decode() or "alert-error" in response.content.decode()


# --- the payment receipt ----------------------------------------------------------------------


@pytest.fixture
def paid(personas, catalogue, counter_ready):
    from daftar.treasury.services import payment_record_pos

    Account.objects.get_or_create(
        code="bank:treasury",
        defaults={
            "name_fa": "حساب خزانه واحد",
            "name_en": "Single treasury account",
            "kind": "bank",
            "sheba": "IR820540102680020817909002",
        },
    )
    terminal, _ = offices.terminal_register(
        actor=Actor.system("test"), office=counter_ready, code="POS-R"
    )
    file = open_file(personas, catalogue, office=counter_ready)
    receipt = payment_record_pos(
        actor=Actor.for_user(personas.operator_a),
        file=file,
        terminal=terminal,
        pos_reference="R-1",
        amount=file.amount,
    )
    return file, receipt


def test_the_payment_receipt_has_everything_a_receipt_needs(client, personas, paid):
    file, receipt = paid
    client.force_login(personas.citizen)
    url = reverse("treasury:payment_receipt", args=[file.tracking_code, receipt.payment.pk])
    assert f'href="{url}"' in client.get(file.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert "۲٬۲۰۰٬۰۰۰ ریال" in page  # FORM: 1,000,000 + 10,000 × 120
    assert "(دو میلیون و دویست هزار ریال)" in page
    assert "تشکیل پرونده پروانه ساختمانی" in page
    tracking = "-".join(file.tracking_code[i : i + 4] for i in range(0, 12, 4))
    assert tracking.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in page
    national = personas.citizen.national_code
    assert national not in page
    assert (
        f"{national[:3]}****{national[-3:]}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        in page
    )
    assert personas.office_a.name in page
    verify = f"http://testserver/receipts/verify/{receipt.verification_code}/"
    assert verify in page
    assert "<svg" in page[page.index('data-testid="receipt-qr"') :]
    assert 'src="/static/daftar/print.js"' in page


def test_a_receipt_is_reached_only_through_its_own_file(client, personas, catalogue, paid):
    file, receipt = paid
    other = open_file(personas, catalogue)
    client.force_login(personas.citizen)
    wrong_file = reverse("treasury:payment_receipt", args=[other.tracking_code, receipt.payment.pk])
    assert client.get(wrong_file).status_code == 404
    missing = reverse("treasury:payment_receipt", args=[file.tracking_code, 999_999])
    assert client.get(missing).status_code == 404
    client.force_login(personas.operator_b)
    mine = reverse("treasury:payment_receipt", args=[file.tracking_code, receipt.payment.pk])
    assert client.get(mine).status_code == 404


# --- documents keep their name --------------------------------------------------------------


@pytest.mark.parametrize(
    ("uploaded", "content", "ascii_name", "exact"),
    [
        ("سند ملک.pdf", PDF, "document.pdf", "سند ملک.pdf"),
        ("deed scan.PDF", PDF, "deed scan.PDF", "deed scan.PDF"),
        ("photo.jpg", PNG, "photo.png", "photo.png"),  # named for what it really is
        ("no-extension", PDF, "no-extension.pdf", "no-extension.pdf"),
    ],
)
def test_a_downloaded_document_keeps_its_name_and_extension(
    client, personas, catalogue, uploaded, content, ascii_name, exact
):
    file = services.file_open(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel="web",
        citizen=personas.citizen,
        form_data={"area_m2": "120", "zone": "1"},
        documents={"deed": SimpleUploadedFile(uploaded, content)},
    )
    attachment = file.attachments.get()
    client.force_login(personas.citizen)
    response = client.get(reverse("cases:attachment", args=[file.tracking_code, attachment.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="{ascii_name}"' in disposition
    encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
    assert unquote(encoded) == exact


def test_a_document_stored_before_names_were_kept_is_named_by_its_type(client, personas, file):
    attachment = file.attachments.get()
    type(attachment).objects.filter(pk=attachment.pk).update(original_name="")
    client.force_login(personas.citizen)
    response = client.get(reverse("cases:attachment", args=[file.tracking_code, attachment.pk]))
    assert 'filename="deed.pdf"' in response["Content-Disposition"]


def test_a_reviewer_sees_the_file_but_not_its_payments_which_are_treasurys(client, personas, paid):
    file, receipt = paid
    url = reverse("treasury:payment_receipt", args=[file.tracking_code, receipt.payment.pk])
    client.force_login(personas.reviewer)
    page = client.get(file.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="payments"' not in page.content.decode()
    assert client.get(url).status_code == 404
    client.force_login(personas.operator_a)
    assert f'href="{url}"' in client.get(file.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200
