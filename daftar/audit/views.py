"""Public downloads of the signed audit checkpoints (docs/adr/0010).

Public on purpose: a checkpoint holds stream names (`city`, `office:T0101`…), entry counts
and hashes, nothing about a person, and every copy kept outside Daftar — by an auditor, the
council, a journalist — is one more witness that the log was not shortened later. Files are
served from the publication directory, not from the database a superuser could rewrite.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from daftar.audit import publication
from daftar.audit.selectors import checkpoint_public_keys


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
