"""Documents citizens receive: an approved file's outcome document and a payment's receipt are
issued as Persian PDFs from the service's template, numbered with a check digit, verifiable by
QR on a public page and API (genuine, unaltered, not revoked), downloadable from the file page
by whoever may see the file, and revocable once, for a reason, by the file's department."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daftar.audit.models import AuditEntry
from daftar.cases import services as cases
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.tests.pdfread import pdf_text
from daftar.core.tracking import verhoeff_valid
from daftar.notifications.models import SmsMessage
from daftar.transparency.models.documents import DocumentKind, IssuedDocument
from daftar.transparency.selectors.documents import document_content, template_in_force
from daftar.transparency.services import documents as services

pytestmark = pytest.mark.django_db

PARAGRAPH_FA = (
    "درخواست {citizen_name} برای «{service}» با کد پیگیری {tracking_code} در تاریخ "
    "{approved_on} تأیید شد؛ مساحت {form.area_m2} متر مربع."
)


@pytest.fixture
def template(catalogue):
    return services.outcome_template_adopt(
        actor=Actor.system("test"),
        service=catalogue.service,
        kind=DocumentKind.PERMIT,
        title_fa="پروانه ساختمانی",
        title_en="Building permit",
        paragraphs_fa=[PARAGRAPH_FA, "این پروانه در تاریخ {issued_on} صادر شد."],
        paragraphs_en=["The request of {citizen_name} was approved on {approved_on}."],
        effective_from=datetime.date(2025, 1, 1),
    )


def _paid(personas, catalogue, office=None):
    file = open_file(personas, catalogue, office=office)
    return cases.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")


def _approve(personas, file):
    return cases.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )


@pytest.fixture
def approved(personas, catalogue, template, counter_ready, django_capture_on_commit_callbacks):
    """A file taken at office T0101, paid and approved; the approval's callbacks ran."""
    file = _paid(personas, catalogue, office=counter_ready)
    with django_capture_on_commit_callbacks(execute=True):
        return _approve(personas, file)


@pytest.fixture
def document(approved):
    return IssuedDocument.objects.get(file=approved, kind=DocumentKind.PERMIT)


# --- issuing ------------------------------------------------------------------------------


def test_an_approved_file_gets_its_outcome_document_once_the_approval_commits(approved):
    documents = list(IssuedDocument.objects.filter(file=approved))
    assert len(documents) == 1
    document = documents[0]
    assert document.kind == DocumentKind.PERMIT
    assert document.title_fa == "پروانه ساختمانی"
    assert document.holder_masked.endswith("***")
    assert approved.citizen_name not in (document.holder_masked)
    content = document_content(document)
    assert hashlib.sha256(content).hexdigest() == document.sha256
    assert len(content) == document.size
    assert AuditEntry.objects.filter(action="document.issued", object_id=str(document.pk)).exists()


def test_a_rejected_file_gets_no_document(
    personas, catalogue, template, django_capture_on_commit_callbacks
):
    file = _paid(personas, catalogue)
    with django_capture_on_commit_callbacks(execute=True):
        cases.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action="reject", reason="ناقص"
        )
    assert not IssuedDocument.objects.filter(file=file).exists()
    with pytest.raises(Conflict) as caught:
        services.document_issue(actor=Actor.system("test"), file=file)
    assert caught.value.code == "document_file_not_approved"


def test_a_service_without_a_template_issues_nothing_on_approval_and_says_why_when_asked(
    personas, catalogue, django_capture_on_commit_callbacks
):
    file = _paid(personas, catalogue)
    with django_capture_on_commit_callbacks(execute=True):
        file = _approve(personas, file)
    assert not IssuedDocument.objects.exists()
    with pytest.raises(Conflict) as caught:
        services.document_issue(actor=Actor.system("test"), file=file)
    assert caught.value.code == "document_no_template"


def test_issuing_again_answers_the_same_document_and_sends_one_sms(approved, document):
    again = services.document_issue(actor=Actor.system("test"), file=approved)
    assert again.pk == document.pk
    assert IssuedDocument.objects.filter(file=approved).count() == 1
    sms = SmsMessage.objects.filter(purpose="document")
    assert sms.count() == 1
    assert "پروانه ساختمانی" in sms.get().body


def test_document_numbers_are_readable_sequential_and_carry_a_check_digit(
    personas, catalogue, template, counter_ready
):
    numbers = []
    for _n in range(2):
        file = _approve(personas, _paid(personas, catalogue))
        numbers.append(services.document_issue(actor=Actor.system("test"), file=file).number)
    pattern = re.compile(r"DOC-(\d{4})-(\d{6})-(\d)")
    first, second = (pattern.fullmatch(n) for n in numbers)
    assert first
    assert second
    assert int(second[2]) == int(first[2]) + 1
    for match in (first, second):
        assert verhoeff_valid(match[1] + match[2] + match[3])
        assert services.document_number_valid(match[0])
    mistyped = numbers[0][:-1] + str((int(numbers[0][-1]) + 1) % 10)
    assert not services.document_number_valid(mistyped)


def test_the_pdf_reads_back_with_its_number_persian_title_and_filled_paragraphs(approved, document):
    text = pdf_text(document_content(document)).replace("\u200c", "")
    assert "پروانه ساختمانی" in text
    assert document.number in text  # a code typed into forms: Latin digits, like the QR's
    assert approved.citizen_name in text
    assert "۱۲۰" in text  # {form.area_m2}
    assert "{" not in text
    assert document.verification_code in text


def _qr_modules(image, *, scale: int = 6, border: int = 2) -> list[list[int]]:
    """The dark (1) and light (0) modules of a QR image drawn by `PersianPDF.qr_code`."""
    grey = image.convert("L")
    count = grey.width // scale - 2 * border
    return [
        [
            int(
                grey.getpixel(
                    ((border + c) * scale + scale // 2, (border + r) * scale + scale // 2)
                )
                < 128
            )
            for c in range(count)
        ]
        for r in range(count)
    ]


def test_the_qr_code_points_to_the_public_verification_address(document):
    import io

    import pypdf
    import segno

    reader = pypdf.PdfReader(io.BytesIO(document_content(document)))
    drawn = [_qr_modules(picture.image) for picture in reader.pages[0].images]
    url = services.verification_url(document.verification_code)
    assert url.endswith(f"/verify/{document.verification_code}/")
    expected = [list(row) for row in segno.make(url, error="m").matrix]
    assert expected in drawn


def test_the_receipt_of_a_confirmed_payment_is_issued_as_a_document_too(
    personas, catalogue, django_capture_on_commit_callbacks
):
    from daftar.treasury import services as treasury

    file = open_file(personas, catalogue)
    with django_capture_on_commit_callbacks(execute=True):
        receipt = treasury.payment_record_slip(
            actor=Actor.for_user(personas.treasury),
            file=file,
            bank_reference="S-1",
            amount=file.amount,
        )
    document = IssuedDocument.objects.get(file=file, kind=DocumentKind.RECEIPT)
    assert document.payment_id == receipt.payment_id
    assert document.number.startswith("RCT-")
    text = pdf_text(document_content(document))
    assert "۲٬۲۰۰٬۰۰۰" in text
    again = services.receipt_documents_issue(actor=Actor.system("test"), file=file)
    assert [d.pk for d in again] == [document.pk]


# --- templates ----------------------------------------------------------------------------


def test_a_template_naming_an_unknown_fact_is_refused_and_nothing_is_adopted(catalogue):
    with pytest.raises(InvalidInput) as caught:
        services.outcome_template_adopt(
            actor=Actor.system("test"),
            service=catalogue.service,
            kind=DocumentKind.PERMIT,
            title_fa="پروانه",
            title_en="Permit",
            paragraphs_fa=["مساحت {form.height}"],
            paragraphs_en=["x"],
            effective_from=datetime.date(2025, 1, 1),
        )
    assert caught.value.code == "document_template_invalid"
    assert caught.value.field == "paragraphs_fa"
    assert template_in_force(catalogue.service, datetime.date(2026, 1, 1)) is None


def test_the_template_in_force_on_the_approval_day_is_the_one_used(catalogue, template):
    later = services.outcome_template_adopt(
        actor=Actor.system("test"),
        service=catalogue.service,
        kind=DocumentKind.CERTIFICATE,
        title_fa="گواهی",
        title_en="Certificate",
        paragraphs_fa=["متن"],
        paragraphs_en=["Text"],
        effective_from=datetime.date(2030, 1, 1),
    )
    assert later.version == 2
    assert template_in_force(catalogue.service, datetime.date(2029, 12, 31)) == template
    assert template_in_force(catalogue.service, datetime.date(2030, 1, 1)) == later


def test_a_citizen_cannot_adopt_a_template(personas, catalogue):
    with pytest.raises(Forbidden):
        services.outcome_template_adopt(
            actor=Actor.for_user(personas.citizen),
            service=catalogue.service,
            kind=DocumentKind.PERMIT,
            title_fa="پروانه",
            title_en="Permit",
            paragraphs_fa=["متن"],
            paragraphs_en=["Text"],
            effective_from=datetime.date(2025, 1, 1),
        )


# --- verification -------------------------------------------------------------------------


def test_anyone_sees_a_genuine_document_with_no_personal_data(client, approved, document):
    page = client.get(reverse("transparency:verify", args=[document.verification_code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="verify-genuine"' in html
    assert document.sha256 in html
    assert document.holder_masked in html
    assert approved.citizen_name not in html
    assert approved.national_code not in html
    assert approved.tracking_code not in html


def test_an_unknown_code_is_not_found_with_a_sentence_saying_what_to_do(client, document):
    page = client.get(reverse("transparency:verify", args=["NOSUCHCODE"]))
    assert page.status_code == 404
    assert 'data-testid="verify-unknown"' in page.content.decode()


def test_the_pdf_held_is_compared_unaltered_or_altered(client, document):
    url = reverse("transparency:verify", args=[document.verification_code])
    content = document_content(document)
    same = client.post(url, {"pdf": SimpleUploadedFile("d.pdf", content)})
    assert 'data-testid="verify-unaltered"' in same.content.decode()
    tampered = content + b"%changed\n"
    other = client.post(url, {"pdf": SimpleUploadedFile("d.pdf", tampered)})
    assert 'data-testid="verify-altered"' in other.content.decode()
    pasted = client.post(url, {"sha256": document.sha256.upper()})
    assert 'data-testid="verify-unaltered"' in pasted.content.decode()


def test_a_malformed_fingerprint_gets_a_clear_error_in_persian(client, document):
    url = reverse("transparency:verify", args=[document.verification_code])
    page = client.post(url, {"sha256": "not-a-hash"}).content.decode()
    assert "اثر انگشت SHA-256 ۶۴ نویسه است" in page
    assert 'data-testid="verify-unaltered"' not in page
    assert 'data-testid="verify-altered"' not in page
    empty = client.post(url, {}).content.decode()
    assert 'data-testid="form-errors"' in empty
    assert "فایل PDF را انتخاب کنید یا اثر انگشت SHA-256 آن را وارد کنید." in empty


def test_the_verification_page_is_rate_limited(client, document, settings):
    settings.DOCUMENT_VERIFY_RATE_LIMIT = 2
    url = reverse("transparency:verify", args=[document.verification_code])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    limited = client.get(url)
    assert limited.status_code == 429
    assert 'data-testid="verify-limited"' in limited.content.decode()


def test_the_api_confirms_genuine_unaltered_and_not_revoked(client, document):
    url = f"/api/v1/documents/{document.verification_code}/verification"
    answer = client.get(url, {"sha256": document.sha256}).json()
    assert answer["genuine"] is True
    assert answer["valid"] is True
    assert answer["revoked"] is False
    assert answer["unaltered"] is True
    assert answer["number"] == document.number
    assert answer["sha256"] == document.sha256
    assert answer["holder_masked"] == document.holder_masked
    assert answer["verification_url"].endswith(f"/verify/{document.verification_code}/")
    assert client.get(url, {"sha256": "0" * 64}).json()["unaltered"] is False
    assert client.get(url).json()["unaltered"] is None


def test_the_api_answers_unknown_codes_and_bad_fingerprints_in_the_error_envelope(client, document):
    missing = client.get("/api/v1/documents/NOSUCHCODE/verification")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    bad = client.get(
        f"/api/v1/documents/{document.verification_code}/verification", {"sha256": "xyz"}
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "document_hash_invalid"
    assert bad.json()["error"]["message"]["fa"]


# --- revocation ---------------------------------------------------------------------------


def test_the_departments_reviewer_revokes_with_a_reason_and_verification_says_so(
    client, personas, document
):
    services.document_revoke(
        actor=Actor.for_user(personas.reviewer), document=document, reason="صدور اشتباه"
    )
    document.refresh_from_db()
    assert document.revoked_at is not None
    assert document.revoked_by == personas.reviewer
    assert AuditEntry.objects.filter(action="document.revoked", object_id=str(document.pk))
    page = client.get(reverse("transparency:verify", args=[document.verification_code]))
    html = page.content.decode()
    assert 'data-testid="verify-revoked"' in html
    assert "صدور اشتباه" in html
    answer = client.get(f"/api/v1/documents/{document.verification_code}/verification").json()
    assert answer["revoked"] is True
    assert answer["valid"] is False
    assert answer["revocation_reason"] == "صدور اشتباه"


def test_a_document_cannot_be_revoked_twice(personas, document):
    actor = Actor.for_user(personas.reviewer)
    services.document_revoke(actor=actor, document=document, reason="اول")
    with pytest.raises(Conflict) as caught:
        services.document_revoke(actor=actor, document=document, reason="دوم")
    assert caught.value.code == "document_already_revoked"
    document.refresh_from_db()
    assert document.revocation_reason == "اول"


def test_a_revocation_without_a_reason_is_refused_and_nothing_changes(personas, document):
    with pytest.raises(InvalidInput) as caught:
        services.document_revoke(
            actor=Actor.for_user(personas.reviewer), document=document, reason="   "
        )
    assert caught.value.field == "reason"
    document.refresh_from_db()
    assert document.revoked_at is None


@pytest.mark.parametrize("who", ["citizen", "operator_a", "council", "treasury"])
def test_only_the_files_department_may_revoke_its_outcome_document(personas, document, who):
    with pytest.raises(Forbidden):
        services.document_revoke(
            actor=Actor.for_user(getattr(personas, who)), document=document, reason="x"
        )
    document.refresh_from_db()
    assert document.revoked_at is None


def test_a_reviewer_of_another_department_may_not_revoke(personas, catalogue, document):
    from daftar.accounts.choices import Role
    from daftar.accounts.tests.factories import UserFactory
    from daftar.catalogue.models import DepartmentMember

    stranger = UserFactory(username="reviewer_tr", roles=[Role.DEPARTMENT_REVIEWER])
    DepartmentMember.objects.create(department=catalogue.other_department, user=stranger)
    with pytest.raises(Forbidden):
        services.document_revoke(actor=Actor.for_user(stranger), document=document, reason="x")


def test_the_revoke_page_refuses_an_empty_reason_in_persian_and_404s_for_outsiders(
    client, personas, document
):
    url = reverse("transparency:document_revoke", args=[document.number])
    client.force_login(personas.reviewer)
    response = client.post(url, {"reason": ""}, follow=True)
    assert "دلیل" in response.content.decode()
    document.refresh_from_db()
    assert document.revoked_at is None
    client.force_login(personas.operator_a)
    assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(personas.reviewer)
    client.post(url, {"reason": "اشتباه در مساحت"})
    document.refresh_from_db()
    assert document.revocation_reason == "اشتباه در مساحت"


# --- getting it ---------------------------------------------------------------------------

MAY_SEE = {"citizen", "operator_a", "manager_a", "reviewer", "council", "auditor", "supervisor"}


@pytest.mark.parametrize(
    "who",
    [
        "citizen",
        "other_citizen",
        "operator_a",
        "operator_b",
        "manager_a",
        "reviewer",
        "council",
        "auditor",
        "treasury",
        "inspector",
    ],
)
def test_the_pdf_is_served_to_who_may_see_the_file_and_404_to_everyone_else(
    client, personas, document, who
):
    client.force_login(getattr(personas, who))
    response = client.get(reverse("transparency:document_pdf", args=[document.number]))
    if who in MAY_SEE:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert hashlib.sha256(response.content).hexdigest() == document.sha256
    else:
        assert response.status_code == 404


def test_the_citizen_finds_the_download_on_their_file_page(client, personas, approved, document):
    client.force_login(personas.citizen)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert 'data-testid="issued-documents"' in page
    download = reverse("transparency:document_pdf", args=[document.number])
    assert f'href="{download}?download=1"' in page
    assert 'data-testid="ask-revoke"' not in page
    saved = client.get(download, {"download": "1"})
    assert saved["Content-Disposition"].startswith("attachment;")


def test_the_operator_opens_it_to_print_and_the_reviewer_sees_the_revoke_form(
    client, personas, approved, document
):
    client.force_login(personas.operator_a)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert 'data-testid="print-document"' in page
    printed = client.get(reverse("transparency:document_pdf", args=[document.number]))
    assert printed["Content-Disposition"].startswith("inline;")
    client.force_login(personas.reviewer)
    assert 'data-testid="ask-revoke"' in client.get(approved.get_absolute_url()).content.decode()


def test_the_file_pages_documents_panel_costs_a_fixed_number_of_queries(
    client, personas, approved, document, django_assert_max_num_queries
):
    client.force_login(personas.citizen)
    client.get(approved.get_absolute_url())  # warm caches (roles, workflow states)
    with django_assert_max_num_queries(40) as counted:
        client.get(approved.get_absolute_url())
    before = len(counted.captured_queries)
    services.receipt_documents_issue(actor=Actor.system("test"), file=approved)
    with django_assert_max_num_queries(before) as counted:
        client.get(approved.get_absolute_url())


# --- the treasury's receipts page ---------------------------------------------------------


@pytest.fixture
def receipt(personas, catalogue, django_capture_on_commit_callbacks):
    from daftar.treasury import services as treasury

    file = open_file(personas, catalogue)
    with django_capture_on_commit_callbacks(execute=True):
        treasury.payment_record_slip(
            actor=Actor.for_user(personas.treasury),
            file=file,
            bank_reference="S-9",
            amount=file.amount,
        )
    return IssuedDocument.objects.get(file=file, kind=DocumentKind.RECEIPT)


def _persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_the_treasury_finds_a_receipt_by_its_number_or_its_files_tracking_code(
    client, personas, receipt
):
    client.force_login(personas.treasury)
    url = reverse("transparency:receipts")
    listed = client.get(url)
    assert f'data-document="{receipt.number}"' in listed.content.decode()
    by_number = client.get(url, {"q": receipt.number.lower()})
    assert [d.pk for d in by_number.context["page"]] == [receipt.pk]
    typed = _persian_digits(receipt.file.tracking_code[:4] + " " + receipt.file.tracking_code[4:])
    by_file = client.get(url, {"q": typed})
    assert [d.pk for d in by_file.context["page"]] == [receipt.pk]
    other = client.get(url, {"q": "RCT-1405-999999-0"})
    assert other.context["form"].errors  # a wrong check digit is a typing mistake, said so


def test_a_search_that_is_neither_a_receipt_nor_a_tracking_code_is_explained_in_persian(
    client, personas, receipt
):
    client.force_login(personas.treasury)
    response = client.get(reverse("transparency:receipts"), {"q": "hello"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "شمارهٔ رسید" in html
    assert f'data-document="{receipt.number}"' in html  # the list stays whole


def test_the_treasury_revokes_a_receipt_from_its_page_and_comes_back_to_it(
    client, personas, receipt
):
    client.force_login(personas.treasury)
    url = reverse("transparency:document_revoke", args=[receipt.number])
    refused = client.post(url, {"reason": "  "}, follow=True)
    assert "دلیل" in refused.content.decode()
    receipt.refresh_from_db()
    assert receipt.revoked_at is None
    response = client.post(url, {"reason": "فیش به پرونده دیگری ثبت شده بود"})
    assert response.status_code == 302
    assert response.url == f"{reverse('transparency:receipts')}?q={receipt.number}"
    receipt.refresh_from_db()
    assert receipt.revoked_at is not None
    page = client.get(response.url).content.decode()
    assert 'data-testid="document-revoked"' in page
    assert "فیش به پرونده دیگری ثبت شده بود" in page
    assert AuditEntry.objects.filter(action="document.revoked").exists()


def test_only_the_treasury_reaches_the_receipts_page(client, personas, receipt):
    for name in ("citizen", "operator_a", "reviewer", "council", "auditor"):
        client.force_login(getattr(personas, name))
        assert client.get(reverse("transparency:receipts")).status_code == 404, name


# --- the catalogue team's page for outcome templates --------------------------------------


def test_the_catalogue_team_adopts_a_new_version_of_a_services_document(
    client, personas, catalogue, template
):
    from daftar.transparency.models.documents import OutcomeTemplate

    client.force_login(personas.catalogue_admin)
    listed = client.get(reverse("transparency:templates")).content.decode()
    assert f'data-service="{catalogue.service.code}"' in listed
    assert "پروانه ساختمانی" in listed
    url = reverse("transparency:template_new", args=[catalogue.service.code])
    form = client.get(url)
    assert "{form.area_m2}" in form.content.decode()  # the facts the text may show
    assert form.context["form"].initial["title_fa"] == "پروانه ساختمانی"  # starts from v1
    response = client.post(
        url,
        {
            "kind": DocumentKind.PERMIT,
            "title_fa": "پروانه ساختمانی",
            "title_en": "Building permit",
            "paragraphs_fa": "درخواست {citizen_name} تأیید شد.\n\nمساحت {form.area_m2} متر مربع.",
            "paragraphs_en": "The request of {citizen_name} was approved.",
            "effective_from": "1405/10/01",
        },
    )
    assert response.status_code == 302
    adopted = OutcomeTemplate.objects.get(service=catalogue.service, version=2)
    assert adopted.paragraphs_fa == [
        "درخواست {citizen_name} تأیید شد.",
        "مساحت {form.area_m2} متر مربع.",
    ]
    assert AuditEntry.objects.filter(action="outcome_template.adopted").count() == 2


def test_a_fact_no_document_can_show_is_refused_in_persian_and_nothing_is_adopted(
    client, personas, catalogue, template
):
    from daftar.transparency.models.documents import OutcomeTemplate

    client.force_login(personas.catalogue_admin)
    url = reverse("transparency:template_new", args=[catalogue.service.code])
    response = client.post(
        url,
        {
            "kind": DocumentKind.PERMIT,
            "title_fa": "پروانه",
            "title_en": "Permit",
            "paragraphs_fa": "شماره ملی {national_code}",
            "paragraphs_en": "x",
            "effective_from": "1405/10/01",
        },
    )
    assert response.status_code == 200
    assert "{national_code}" in response.content.decode()
    assert response.context["form"].errors
    assert OutcomeTemplate.objects.filter(service=catalogue.service).count() == 1
    empty = client.post(url, {"kind": "receipt", "effective_from": "۱۴۰۵/۱۳/۴۰"})
    assert empty.status_code == 200
    assert set(empty.context["form"].errors) >= {"kind", "title_fa", "effective_from"}
    assert OutcomeTemplate.objects.filter(service=catalogue.service).count() == 1
