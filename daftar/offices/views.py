"""Office pages: the public finder and office pages, licence verification and documents, the
office manager's page, FAVA's terminal board, and the committee secretary's actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.panels import page_panels
from daftar.core.qr import qr_svg
from daftar.offices import hours as calendar_reads
from daftar.offices import permissions, selectors, services
from daftar.offices.choices import WEEK_ORDER, Weekday
from daftar.offices.context import actor_context
from daftar.offices.forms import AuthoriseForm, FinderForm, SanctionForm, TerminalForm
from daftar.offices.models import Licence, Office, Terminal


def _week(office: Office) -> list[tuple[str, object]]:
    by_day = {h.weekday: h for h in office.hours.all()}
    return [(Weekday(day).label, by_day.get(day)) for day in WEEK_ORDER]


@login_not_required
@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    form = FinderForm(request.GET or None)
    if not form.is_bound:
        offices = selectors.office_finder()
    else:
        if form.is_valid():
            data = form.cleaned_data
            offices = selectors.office_finder(
                district=data["district"].number if data["district"] else None,
                sub_district=data["sub_district"].number if data["sub_district"] else None,
                domain=data["domain"].code if data["domain"] else None,
                open_now=data["open_now"],
                query=data["q"],
            )
        else:  # a filter we cannot apply must not show everything
            offices = selectors.office_finder().none()
    page = Paginator(offices, 30).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(office, selectors.office_is_open(office, now)) for office in page]
    return render(
        request,
        "offices/finder.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": request.GET.copy().urlencode() if request.GET else "",
        },
    )


def _office_or_404(code: str) -> Office:
    office = selectors.office_public_get(code)
    if office is None:
        raise Http404
    return office


@login_not_required
@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    office = _office_or_404(code)
    return render(
        request,
        "offices/detail.html",
        {
            "office": office,
            "week": _week(office),
            "open_now": calendar_reads.office_open_at(office),
            "online": selectors.office_online_now(office),
            # the working calendar (issue 17 item 4): closures and the next official holidays
            "days_closed": calendar_reads.office_days_closed(office, calendar_reads.tehran_today()),
            "can_keep_hours": permissions.can_keep_office_hours(request.user, office),
            "manages_office": permissions.managed_office(request.user) == office,
            "licence": selectors.office_active_licence(office),
            "can_manage": permissions.can_manage_office(request.user, office),
            "is_secretary": permissions.is_committee_secretary(request.user),
            "panels": page_panels("offices:detail", request, office=office),
        },
    )


@login_not_required
@require_GET
def licence_verify(request: HttpRequest, code: str) -> HttpResponse:
    licence = (
        Licence.objects.select_related(
            "office", "office__district", "licensee__person", "licensee__entity", "decision"
        )
        .filter(verification_code=code.upper())
        .first()
    )
    return render(
        request,
        "offices/licence_verify.html",
        {"licence": licence, "code": code},
        status=200 if licence else 404,
    )


@require_GET
def licence_document(request: HttpRequest, number: str) -> HttpResponse:
    licence = (
        Licence.objects.select_related(
            "office",
            "office__district",
            "licensee__person",
            "licensee__entity",
            "decision",
            "office__technical_manager",
        )
        .filter(number=number)
        .first()
    )
    if licence is None or not permissions.can_see_licence_document(request.user, licence.office):
        raise Http404
    verify_url = request.build_absolute_uri(licence.get_absolute_url())
    return render(
        request,
        "offices/licence_document.html",
        {"licence": licence, "verify_url": verify_url, "qr": qr_svg(verify_url)},
    )


@require_GET
def my_office(request: HttpRequest) -> HttpResponse:
    office = actor_context(request).office
    if office is None or not permissions.can_see_office_page(request.user, office):
        raise Http404
    return render(
        request,
        "offices/my_office.html",
        {
            "office": office,
            "week": _week(office),
            "staff": office.staff.select_related("user").order_by("left_on", "user__username"),
            "certifications": selectors.office_certifications(office),
            "terminals": office.terminals.order_by("code"),
            "licence": selectors.office_active_licence(office),
            "uptime": office.uptime_days.order_by("-day")[:14],
            "authorisations": office.authorisations.filter(
                withdrawn_on__isnull=True
            ).select_related("domain", "decision"),
            "today": timezone.localdate(),
            "can_keep_hours": permissions.can_keep_office_hours(request.user, office),
            "manages_office": permissions.managed_office(request.user) == office,
            # the call-backs are cases' (core/panels.py: offices may not import cases)
            "panels": page_panels("offices:my_office", request, office=office),
        },
    )


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, code: str) -> HttpResponse:
    """The committee secretary records a decision's effect on an office."""
    office = Office.objects.select_related("district").filter(code=code).first()
    if office is None or not permissions.is_committee_secretary(request.user):
        raise Http404
    sanction = SanctionForm(request.POST if "sanction" in request.POST else None, prefix="s")
    authorise = AuthoriseForm(request.POST if "authorise" in request.POST else None, prefix="a")
    if request.method == "POST":
        form = sanction if "sanction" in request.POST else authorise
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is sanction:
                    action = {
                        "suspend": services.office_suspend,
                        "reinstate": services.office_reinstate,
                        "revoke": services.office_revoke,
                    }[data["action"]]
                    action(
                        actor=Actor.for_user(request.user),
                        office=office,
                        decision=data["decision"],
                        reason=data["reason"],
                    )
                else:
                    services.authorisation_grant(
                        actor=Actor.for_user(request.user),
                        office=office,
                        domain=data["domain"],
                        decision=data["decision"],
                    )
            except DaftarError as error:
                form.add_error(error.field if error.field in form.fields else None, error.render())
            else:
                messages.success(request, _("Recorded."))
                return redirect("offices:manage", code=code)
    return render(
        request,
        "offices/manage.html",
        {
            "office": office,
            "sanction": sanction,
            "authorise": authorise,
            "licence": selectors.office_active_licence(office),
        },
    )


@require_http_methods(["GET", "POST"])
def terminals_board(request: HttpRequest) -> HttpResponse:
    """FAVA: which offices are online now, which are flagged offline; register terminals."""
    if not permissions.is_fava_admin(request.user):
        raise Http404
    form = TerminalForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        office = Office.objects.filter(code=request.POST.get("office", "")).first()
        if office is None:
            form.add_error(None, _("Choose an office."))
        else:
            try:
                terminal, secret = services.terminal_register(
                    actor=Actor.for_user(request.user), office=office, **form.cleaned_data
                )
            except DaftarError as error:
                form.add_error(error.field if error.field in form.fields else None, error.render())
            else:
                messages.success(
                    request,
                    _("Terminal %(code)s registered. Copy its secret now: it is shown only once.")
                    % {"code": terminal.code},
                )
    offline = list(selectors.offices_offline())
    offices = selectors.offices_with_last_heartbeat()
    return render(
        request,
        "offices/terminals_board.html",
        {
            "offline": offline,
            "offices": offices,
            "form": form,
            "secret": secret,
            "online_since": timezone.now() - selectors.online_window(),
        },
    )


@require_POST
def terminal_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    terminal = Terminal.objects.filter(pk=pk).first()
    if terminal is None or not permissions.is_fava_admin(request.user):
        raise Http404
    secret = services.terminal_rotate_key(actor=Actor.for_user(request.user), terminal=terminal)
    response = render(
        request, "offices/terminal_secret.html", {"terminal": terminal, "secret": secret}
    )
    response["Cache-Control"] = "no-store"  # the page shows a secret
    return response
