"""What a file hands out: its attached documents (under the name they were uploaded with) and
the receipt of submission (the printable receipt of a payment is treasury's:
`treasury:payment_receipt`)."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daftar.cases import selectors
from daftar.cases.views._shared import file_or_404
from daftar.core.qr import qr_svg
from daftar.core.uploads import content_disposition, download_name


@require_GET
def attachment_download(request: HttpRequest, tracking_code: str, pk: int) -> HttpResponse:
    file = file_or_404(request, tracking_code)
    attachment = file.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        default_storage.open(attachment.stored_as, "rb"), content_type=attachment.content_type
    )
    name = download_name(
        attachment.original_name, attachment.content_type, fallback=attachment.document
    )
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def receipt(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = file_or_404(request, tracking_code)
    track_url = request.build_absolute_uri("/track/")
    return render(
        request,
        "cases/receipt.html",
        {
            "file": file,
            "deadlines": selectors.file_deadlines(file),
            "qr": qr_svg(f"{track_url}?code={file.tracking_code}"),
        },
    )
