"""Public downloads of the signed audit checkpoints (docs/adr/0010), and the auditor's
verification page and full export.

Public on purpose: a checkpoint holds stream names (`city`, `office:T0101`…), entry counts
and hashes, nothing about a person, and every copy kept outside Daftar — by an auditor, the
council, a journalist — is one more witness that the log was not shortened later. Files are
served from the publication directory, not from the database a superuser could rewrite.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from daftar.audit import permissions, publication
from daftar.audit.export import export_lines
from daftar.audit.report import log_verify
from daftar.audit.selectors import checkpoint_latest as latest_checkpoint_summary
from daftar.audit.selectors import checkpoint_public_keys, checkpoint_signed
from daftar.audit.services import log_export_record
from daftar.audit.streams import stream_labels
from daftar.core.actors import Actor


def _file_response(number: int, data: bytes, *, immutable: bool) -> HttpResponse:
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="daftar-audit-{publication.file_name(number)}"'
    )
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if immutable else "public, max-age=300"
    )
    return response


@login_not_required
@require_GET
def checkpoint_index(request: HttpRequest) -> JsonResponse:
    numbers = publication.published_numbers()
    return JsonResponse(
        {
            "public_keys": checkpoint_public_keys(),
            "latest": reverse("audit:checkpoint_latest") if numbers else None,
            "checkpoints": [
                {"number": n, "url": reverse("audit:checkpoint_file", kwargs={"number": n})}
                for n in reversed(numbers)
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_not_required
@require_GET
def checkpoint_latest(request: HttpRequest) -> HttpResponse:
    latest = publication.latest_published()
    if latest is None:
        raise Http404("no checkpoint has been published yet")
    return _file_response(*latest, immutable=False)


@login_not_required
@require_GET
def checkpoint_file(request: HttpRequest, number: int) -> HttpResponse:
    data = publication.published_bytes(number)
    if data is None:
        raise Http404("no such checkpoint")
    return _file_response(number, data, immutable=True)


VERIFIER = settings.BASE_DIR / "docs" / "verify_audit_export.py"


@login_not_required
@require_GET
def verifier(request: HttpRequest) -> HttpResponse:
    """The independent verifier (docs/audit.md): one Python file anyone may run on an export
    and a checkpoint, so that checking the log needs nothing of Daftar's."""
    response = HttpResponse(VERIFIER.read_bytes(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="verify_audit_export.py"'
    return response


@never_cache
@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Run the verification now and show it per stream (docs/audit.md for doing it offline)."""
    if not permissions.can_verify(request.user):
        raise Http404  # not allowed looks the same as not there
    latest = publication.published_numbers()
    report = log_verify()
    labels = stream_labels(row.name for row in report.streams)
    return render(
        request,
        "audit/verify.html",
        {
            "report": report,
            "rows": [(row, labels[row.name]) for row in report.streams],
            "latest_published": latest[-1] if latest else None,
            "latest_stored": latest_checkpoint_summary(),
            "can_export": permissions.can_export(request.user),
        },
    )


@never_cache
@require_GET
def export(request: HttpRequest) -> StreamingHttpResponse:
    """The whole log as JSON Lines with the latest checkpoint in its header (docs/audit.md)."""
    if not permissions.can_export(request.user):
        raise Http404
    log_export_record(actor=Actor.for_user(request.user))  # on the record, and in this export
    lines = (line + "\n" for line in export_lines(checkpoint=checkpoint_signed()))
    response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="daftar-audit-export-{stamp}.jsonl"'
    return response
