import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from daftar.core.errors import InvalidInput
from daftar.core.uploads import check_upload, random_name

PDF = b"%PDF-1.7\n" + b"0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def test_a_pdf_is_recognised_by_its_content():
    assert check_upload(SimpleUploadedFile("x.pdf", PDF)) == "application/pdf"


def test_a_disguised_file_is_refused_whatever_its_name():
    upload = SimpleUploadedFile("contract.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(InvalidInput) as caught:
        check_upload(upload, field="document")
    assert caught.value.code == "file_type"
    assert caught.value.field == "document"


def test_an_oversize_file_is_refused_with_its_size():
    upload = SimpleUploadedFile("big.png", PNG + b"0" * 2048)
    with pytest.raises(InvalidInput) as caught:
        check_upload(upload, max_bytes=1024)
    assert caught.value.code == "file_too_large"
    assert "limit is 1 KB" in caught.value.render("en")


def test_an_empty_file_is_refused():
    with pytest.raises(InvalidInput) as caught:
        check_upload(SimpleUploadedFile("e.pdf", b""))
    assert caught.value.code == "empty_file"


def test_stored_names_are_random_and_keep_only_the_true_extension():
    first = random_name("image/png", folder="docs")
    assert first.startswith("docs/")
    assert first.endswith(".png")
    assert first != random_name("image/png", folder="docs")
