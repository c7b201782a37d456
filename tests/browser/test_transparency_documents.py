"""Issued documents in Chromium on a phone (390 px): once the reviewer approves a file, its
permit is issued by the approval's own callback; the citizen downloads the PDF from their file
page; a signed-out visitor opens the verification page, uploads the PDF and is told it is
genuine and unaltered. Every step is screenshotted (var/screenshots/journeys/) and passes
docs/pages.md's checks."""

from __future__ import annotations

import datetime
import hashlib

import pytest

from daftar.cases import services as cases
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_downloads_their_permit_on_a_phone_and_anyone_verifies_it(
    personas, catalogue, counter_ready, browser, live_server, tmp_path
):
    from daftar.transparency.models.documents import DocumentKind, IssuedDocument
    from daftar.transparency.services.documents import outcome_template_adopt

    outcome_template_adopt(
        actor=Actor.system("test"),
        service=catalogue.service,
        kind=DocumentKind.PERMIT,
        title_fa="پروانه ساختمانی",
        title_en="Building permit",
        paragraphs_fa=["درخواست {citizen_name} برای «{service}» در تاریخ {approved_on} تأیید شد."],
        paragraphs_en=["The request of {citizen_name} was approved on {approved_on}."],
        effective_from=datetime.date(2025, 1, 1),
    )
    file = open_file(personas, catalogue, office=counter_ready)
    file = cases.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
    cases.file_apply_action(actor=Actor.for_user(personas.reviewer), file=file, action="approve")
    document = IssuedDocument.objects.get(file=file, kind=DocumentKind.PERMIT)

    with Journey(
        browser, live_server, role="document-holder", size=PHONE, user=personas.citizen
    ) as j:
        page = j.page
        j.goto(file.get_absolute_url())
        documents = page.get_by_test_id("issued-documents")
        assert "پروانه ساختمانی" in documents.inner_text()
        j.step("file-with-document", check=True)
        with page.expect_download() as download:
            page.get_by_test_id("download-document").click()
        saved = tmp_path / "permit.pdf"
        download.value.save_as(saved)
        assert download.value.suggested_filename == f"{document.number}.pdf"
        assert hashlib.sha256(saved.read_bytes()).hexdigest() == document.sha256
        j.finish()

    with Journey(browser, live_server, role="document-verifier", size=PHONE) as j:
        page = j.page
        j.goto(f"/verify/{document.verification_code}/")
        assert page.get_by_test_id("verify-genuine").is_visible()
        assert personas.citizen.get_full_name() not in j.main_text()
        j.step("verify-genuine", check=True)
        page.locator("#id_pdf").set_input_files(str(saved))
        j.click(page.get_by_test_id("verify-compare").locator("button[type=submit]"))
        assert page.get_by_test_id("verify-unaltered").is_visible()
        j.step("verify-unaltered", check=True)
        j.finish()
