"""The inbox: the files a reviewer, an office or a citizen may work on, filtered, searched and
paged.

Filters (status, deadline) are in the address, so a page can be bookmarked and shared. The
search box is posted and kept in the session instead: a national code typed there must never
reach an address, a server log or the browser's history (DESIGN: national codes masked in
logs); the page shows it masked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.cases import selectors
from daftar.cases.forms import InboxSearchForm
from daftar.core.logging import mask_national_code
from daftar.core.pagination import LookaheadPaginator
from daftar.core.tracking import format_tracking_code
from daftar.workflow.selectors import workflow_state_choices

_SEARCH = "inbox_search"
PAGE_SIZE = 25
LOOKAHEAD_PAGES = 10  # counted beyond the page shown; further on: "of more than N" (ADR 0037)


def _filters(request: HttpRequest) -> dict[str, str]:
    deadline = request.GET.get("deadline", "")
    return {
        "state": request.GET.get("state", ""),
        "deadline": deadline if deadline in selectors.DEADLINE_FILTERS else "",
        "breached": "1" if request.GET.get("breached") == "1" else "",
        "sort": "newest" if request.GET.get("sort") == "newest" else "",
        "mine": "1" if request.GET.get("mine") == "1" else "",
        "handled": "1" if request.GET.get("handled") == "1" else "",
    }


def _query(filters: dict[str, str], **extra: str) -> str:
    return urlencode({k: v for k, v in {**filters, **extra}.items() if v})


@require_http_methods(["GET", "POST"])
def inbox(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    search_form = InboxSearchForm(request.POST or None)
    if request.method == "POST":
        if search_form.is_valid():
            found = search_form.cleaned_data["q"]
            request.session[_SEARCH] = {
                "tracking_code": found.tracking_code,
                "national_code": found.national_code,
            }
            return redirect(f"{reverse('cases:inbox')}?{_query(filters, search='1')}")
        search = None
    else:
        kept = request.session.get(_SEARCH) if request.GET.get("search") == "1" else None
        search = selectors.InboxSearch(**kept) if isinstance(kept, dict) else None
    now = timezone.now()
    asked = request.GET.get("page")
    files = selectors.inbox(
        request.user,
        state=filters["state"] or None,
        breached=bool(filters["breached"]),
        deadline=filters["deadline"],
        search=search,
        newest_first=filters["sort"] == "newest",
        assigned_to_me=bool(filters["mine"]),
        handled=bool(filters["handled"]),
        now=now,
        upto=LookaheadPaginator.horizon(asked, PAGE_SIZE, LOOKAHEAD_PAGES) + 1,
    )
    page = LookaheadPaginator(files, PAGE_SIZE, asked=asked, lookahead=LOOKAHEAD_PAGES).get_page(
        asked
    )
    return render(
        request,
        "cases/inbox.html",
        {
            "page": page,
            "rows": selectors.files_deadlines(page, now=now),
            **filters,
            "search": search,
            "search_shown": (
                (
                    format_tracking_code(search.tracking_code)
                    if search.tracking_code
                    else mask_national_code(search.national_code)
                )
                if search
                else ""
            ),
            "search_form": search_form,
            "page_query": _query(filters, search="1" if search else ""),
            "states": workflow_state_choices(),
            "deadline_choices": [
                ("overdue", _("Overdue")),
                ("due_soon", _("Due within two working days")),
                ("on_time", _("On time")),
            ],
            "is_reviewer": user_has_role(request.user, Role.DEPARTMENT_REVIEWER),
            "is_office": user_has_role(request.user, Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER),
        },
        status=400 if search_form.is_bound and not search_form.is_valid() else 200,
    )
