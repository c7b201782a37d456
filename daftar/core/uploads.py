"""Checking uploaded files by content, not by name: type sniffed from the first bytes, size
limited. Stored files get random names under MEDIA_ROOT (outside the web root) and are served
only by views that check who may see them.
"""

from __future__ import annotations

import re
import secrets
from pathlib import PurePath
from urllib.parse import quote

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import InvalidInput
from daftar.core.numbers import Bytes

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# content type -> (magic prefix, file extension)
_SIGNATURES: dict[str, tuple[bytes, str]] = {
    "application/pdf": (b"%PDF-", "pdf"),
    "image/jpeg": (b"\xff\xd8\xff", "jpg"),
    "image/png": (b"\x89PNG\r\n\x1a\n", "png"),
}
DOCUMENT_TYPES = tuple(_SIGNATURES)


def sniff(head: bytes) -> str | None:
    for content_type, (magic, _ext) in _SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def check_upload(
    upload: UploadedFile,
    *,
    field: str = "file",
    allowed: tuple[str, ...] = DOCUMENT_TYPES,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> str:
    """Return the sniffed content type, or raise InvalidInput naming the field."""
    if upload is None:
        raise InvalidInput(_("Choose a file to upload."), code=CoreErrorCode.REQUIRED, field=field)
    if upload.size == 0:
        raise InvalidInput(_("The file is empty."), code=CoreErrorCode.EMPTY_FILE, field=field)
    if upload.size > max_bytes:
        raise InvalidInput(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code=CoreErrorCode.FILE_TOO_LARGE,
            field=field,
            params={"size": Bytes(upload.size), "limit": Bytes(max_bytes)},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff(head)
    if content_type is None or content_type not in allowed:
        raise InvalidInput(
            _("This file is not an accepted document (PDF, JPEG or PNG), whatever its name says."),
            code=CoreErrorCode.FILE_TYPE,
            field=field,
        )
    return content_type


def random_name(content_type: str, *, folder: str) -> str:
    """A storage path that reveals nothing of the original name."""
    extension = _SIGNATURES[content_type][1]
    return str(PurePath(folder) / f"{secrets.token_hex(16)}.{extension}")


def content_name(content_type: str, sha256: str, *, folder: str) -> str:
    """A content-addressed path: identical documents share storage, names reveal nothing."""
    extension = _SIGNATURES[content_type][1]
    return str(PurePath(folder) / sha256[:2] / f"{sha256}.{extension}")


_UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
_JPEG_EXTENSIONS = {"jpg", "jpeg"}


def download_name(original: str, content_type: str, *, fallback: str) -> str:
    """The name a stored document is downloaded under: the name it was uploaded with (folders,
    control and reserved characters removed), its extension made to match what the content
    really is; `fallback` (e.g. the document's code) when no usable name was kept."""
    stem = _UNSAFE_IN_NAME.sub(" ", PurePath(original.replace("\\", "/")).name).strip(" .")
    extension = _SIGNATURES.get(content_type, (b"", ""))[1]
    if not stem:
        stem = fallback
    base, dot, given = stem.rpartition(".")
    if dot and given.lower() in {"pdf", "png"} | _JPEG_EXTENSIONS:
        if given.lower() == extension or {given.lower(), extension} <= _JPEG_EXTENSIONS:
            return stem[:200]
        stem = base
    return f"{stem[:190]}.{extension}" if extension else stem[:200]


def content_disposition(filename: str) -> str:
    """An `attachment` Content-Disposition naming `filename` for every browser: a plain ASCII
    `filename` for old clients and the exact name as RFC 5987 `filename*` (UTF-8,
    percent-encoded), which browsers prefer — so a Persian name arrives intact."""
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "").strip() or "document"
    if "." in filename and "." not in ascii_name:
        ascii_name = f"document.{filename.rsplit('.', 1)[1]}"
    if ascii_name.startswith("."):
        ascii_name = f"document{ascii_name}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
