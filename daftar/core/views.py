"""Public pages of the shell: home, health and readiness, error pages."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering. Touches nothing else."""
    return JsonResponse({"status": "ok"})


def _database_ready() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("readiness: database unreachable: %s", exc)
        return type(exc).__name__
    return None


def _queue_ready() -> str | None:
    from huey.contrib.djhuey import HUEY

    try:
        HUEY.storage.queue_size()
    except Exception as exc:
        logger.warning("readiness: task queue unreachable: %s", exc)
        return type(exc).__name__
    return None


@login_not_required
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: the database and the task queue both answer."""
    checks = {"database": _database_ready(), "queue": _queue_ready()}
    ready = all(problem is None for problem in checks.values())
    body = {
        "status": "ready" if ready else "unavailable",
        "checks": {
            name: ("ok" if problem is None else f"error: {problem}")
            for name, problem in checks.items()
        },
    }
    return JsonResponse(body, status=200 if ready else 503)


@login_not_required
def admin_login_redirect(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.GET.get("next", "/admin/"))


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors here on purpose: they may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
