"""Checking uploaded files by content, not by name: type sniffed from the first bytes, size
limited. Stored files get random names under MEDIA_ROOT (outside the web root) and are served
only by views that check who may see them.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

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
