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


@pytest.mark.parametrize(
    ("original", "content_type", "name"),
    [
        ("سند ملک.pdf", "application/pdf", "سند ملک.pdf"),
        ("C:\\Users\\me\\scan.JPEG", "image/jpeg", "scan.JPEG"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("photo.jpg", "image/png", "photo.png"),
        ("photo.jpeg", "image/jpeg", "photo.jpeg"),
        ("a\x00b\r\n.pdf", "application/pdf", "a b .pdf"),
        ("", "image/png", "deed.png"),
        ("...", "application/pdf", "deed.pdf"),
    ],
)
def test_a_download_keeps_the_uploaded_name_with_the_true_extension(original, content_type, name):
    from daftar.core.uploads import download_name

    assert download_name(original, content_type, fallback="deed") == name


def test_content_disposition_names_the_file_for_old_and_new_browsers():
    from urllib.parse import unquote

    from daftar.core.uploads import content_disposition

    header = content_disposition("سند ملک.pdf")
    assert header.startswith('attachment; filename="document.pdf"; ')
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == "سند ملک.pdf"
    assert content_disposition('my "deed".pdf').startswith('attachment; filename="my deed.pdf"')
    assert "\n" not in content_disposition("a.pdf")
