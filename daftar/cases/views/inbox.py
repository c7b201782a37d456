"""The inbox: the files a reviewer, an office or a citizen may work on, filtered and paged."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.cases import selectors
from daftar.workflow.selectors import workflow_state_choices


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    breached = request.GET.get("breached") == "1"
    files = selectors.inbox(request.user, state=state or None, breached=breached)
    page = Paginator(files, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/inbox.html",
        {
            "page": page,
            "state": state,
            "breached": breached,
            "states": workflow_state_choices(),
            "is_reviewer": user_has_role(request.user, Role.DEPARTMENT_REVIEWER),
            "is_office": user_has_role(request.user, Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER),
        },
    )
