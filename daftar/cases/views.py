"""Pages for files: the citizen portal (apply, my files, rate), the office counter, inboxes,
a file's page with its timeline and actions, and public tracking."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.accounts.services import (
    citizen_name_record,
    citizen_reclaim,
    citizen_reclaim_request,
    counter_consent_request,
    counter_consent_verify,
)
from daftar.cases import selectors, services
from daftar.cases.forms import (
    ActionForm,
    ConsentCodeForm,
    CounterCitizenForm,
    RatingForm,
    ReclaimForm,
    TrackForm,
    service_form_class,
    split_form,
)
from daftar.cases.models import CallbackTask
from daftar.cases.permissions import actor_scopes
from daftar.cases.services.workflow import available_actions
from daftar.catalogue.choices import Channel
from daftar.catalogue.schema import FormInvalid, display_value
from daftar.catalogue.selectors import service_list, service_with_form
from daftar.core import ratelimit
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError, RateLimited
from daftar.core.qr import qr_svg
from daftar.core.viewglue import report_error
from daftar.offices.selectors import office_deliverable_domain_ids, office_of_user
from daftar.workflow.selectors import workflow_state_choices

_COUNTER_CITIZEN = "counter_citizen_id"
_COUNTER_PENDING = "counter_pending"
_COUNTER_RECLAIM = "counter_reclaim"


def _show(form, error: DaftarError) -> None:
    if isinstance(error, FormInvalid):
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return
    field = (
        error.field
        if error.field in form.fields
        else (f"doc_{error.field}" if f"doc_{error.field}" in form.fields else None)
    )
    form.add_error(field, error.render())


# --- citizen portal --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    service = service_with_form(code)
    if service is None or not service.channel_web or not user_has_role(request.user, Role.CITIZEN):
        raise Http404
    form = service_form_class(service)(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, documents = split_form(form)
        try:
            file = services.file_open(
                actor=Actor.for_user(request.user),
                service=service,
                channel=Channel.WEB,
                citizen=request.user,
                form_data=data,
                documents=documents,
            )
        except DaftarError as error:
            _show(form, error)
        else:
            messages.success(
                request,
                _("Your request was registered with tracking code %(code)s.")
                % {"code": file.tracking_code},
            )
            return redirect(file)
    return render(request, "cases/apply.html", {"service": service, "form": form})


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


def _file_or_404(request, tracking_code: str):
    file = selectors.file_for_user(request.user, tracking_code)
    if file is None:
        raise Http404
    return file


@require_GET
def file_detail(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = _file_or_404(request, tracking_code)
    scopes = actor_scopes(Actor.for_user(request.user), file)
    is_citizen = scopes == {"citizen"}
    edit_form = None
    if "citizen" in scopes and file.state.citizen_editable and not file.state.is_start:
        edit_form = service_form_class(file.service)(initial=file.form_data)
    return render(
        request,
        "cases/file.html",
        {
            "file": file,
            "timeline": selectors.file_timeline(file, public_only=is_citizen or not scopes),
            "attachments": selectors.file_attachments(file),
            "actions": [
                (action, ActionForm(initial={"action": action.code}))
                for action in available_actions(file, Actor.for_user(request.user))
            ],
            "edit_form": edit_form,
            "rating_form": RatingForm()
            if "citizen" in scopes and file.state.is_terminal and not hasattr(file, "rating")
            else None,
            "fields": [
                (f.label, display_value(f, file.form_data.get(f.name)))
                for f in file.service.fields.all()
                if f.name in file.form_data
            ],
            "can_pay_online": "citizen" in scopes,
            "can_pay_card": bool(scopes & {"office_operator", "office_manager"}),
            "receipts": file.payments.filter(receipt__isnull=False).select_related("receipt"),
        },
    )


@require_POST
def file_action(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = _file_or_404(request, tracking_code)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.file_apply_action(
                actor=Actor.for_user(request.user),
                file=file,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Done."))
    return redirect(file)


@require_POST
def file_correct(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The citizen answers a correction request: new data and documents, then resubmits."""
    file = _file_or_404(request, tracking_code)
    form = service_form_class(file.service)(request.POST, request.FILES)
    if form.is_valid():
        data, documents = split_form(form)
        try:
            services.file_correct_and_resubmit(
                actor=Actor.for_user(request.user), file=file, form_data=data, documents=documents
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Your corrections were sent."))
    return redirect(file)


@require_POST
def file_rate(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = _file_or_404(request, tracking_code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 1 to 5."))
    else:
        try:
            services.file_rate(actor=Actor.for_user(request.user), file=file, **form.cleaned_data)
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Thank you for rating the service."))
    return redirect(file)


@require_GET
def attachment_download(request: HttpRequest, tracking_code: str, pk: int) -> HttpResponse:
    file = _file_or_404(request, tracking_code)
    attachment = file.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        default_storage.open(attachment.stored_as, "rb"), content_type=attachment.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{attachment.document}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def receipt(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = _file_or_404(request, tracking_code)
    track_url = request.build_absolute_uri("/track/")
    return render(
        request,
        "cases/receipt.html",
        {"file": file, "qr": qr_svg(f"{track_url}?code={file.tracking_code}")},
    )


# --- public tracking -------------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None, initial={"tracking_code": request.GET.get("code", "")})
    found, status = None, 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if not ratelimit.hit(f"track:{ip}", limit=settings.TRACK_RATE_LIMIT, window_seconds=600):
            form.add_error(None, RateLimited().render())
            status = 429
        elif form.is_valid():
            found = selectors.file_track(
                form.cleaned_data["tracking_code"], form.cleaned_data["national_code"]
            )
            if found is None:
                form.add_error(None, _("No file matches this tracking code and national code."))
    return render(request, "cases/track.html", {"form": form, "found": found}, status=status)


# --- office counter --------------------------------------------------------------------------


def _operator_office(request):
    office = office_of_user(request.user)
    if office is None or not user_has_role(request.user, Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER):
        raise Http404
    return office


def _offered_services(office) -> dict:
    deliverable = office_deliverable_domain_ids(office)
    return {s.code: s for s in service_list(channel=Channel.OFFICE) if s.domain_id in deliverable}


@require_http_methods(["GET", "POST"])
def counter(request: HttpRequest) -> HttpResponse:
    """Step 1: identify the walk-in citizen from the national card and choose the service; a
    consent code naming this office and that service goes to the citizen's mobile."""
    office = _operator_office(request)
    offered = _offered_services(office)
    form = CounterCitizenForm(request.POST or None, services=offered.values())
    status = 200
    if request.method == "POST" and form.is_valid():
        service = offered[form.cleaned_data["service"]]
        try:
            issued = counter_consent_request(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=form.cleaned_data["national_code"],
                mobile=form.cleaned_data["mobile"],
                service_code=service.code,
                service_title=service.title_fa,
                identity_checked=form.cleaned_data["identity_checked"],
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            request.session[_COUNTER_PENDING] = {
                "national_code": issued.otp.national_code,
                "first_name": form.cleaned_data["first_name"],
                "last_name": form.cleaned_data["last_name"],
                "service": service.code,
                "masked_mobile": issued.masked_mobile,
            }
            return redirect("cases:counter_consent")
    return render(
        request,
        "cases/counter.html",
        {"form": form, "office": office, "has_services": bool(offered)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def counter_consent(request: HttpRequest) -> HttpResponse:
    """Step 2: the citizen reads the consent code out; the operator enters it."""
    office = _operator_office(request)
    pending = request.session.get(_COUNTER_PENDING)
    if not pending or "service" not in pending:
        return redirect("cases:counter")
    service = service_with_form(pending["service"])
    if service is None:
        raise Http404
    form = ConsentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = counter_consent_verify(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=pending["national_code"],
                code=form.cleaned_data["code"],
                service_code=service.code,
            )
            if not citizen.get_full_name() and pending.get("first_name"):
                citizen_name_record(
                    actor=Actor.for_user(request.user),
                    citizen=citizen,
                    first_name=pending["first_name"],
                    last_name=pending.get("last_name", ""),
                )
        except DaftarError as error:
            form.add_error("code" if error.field == "code" else None, error.render())
        else:
            request.session.pop(_COUNTER_PENDING, None)
            request.session[_COUNTER_CITIZEN] = {"citizen": citizen.pk, "service": service.code}
            return redirect("cases:counter_file", code=service.code)
    return render(
        request,
        "cases/counter_consent.html",
        {
            "form": form,
            "office": office,
            "service": service,
            "masked_mobile": pending.get("masked_mobile", ""),
        },
    )


def _counter_citizen(request, service_code: str):
    """The citizen who consented at this counter to `service_code`, or 404."""
    consented = request.session.get(_COUNTER_CITIZEN)
    if not isinstance(consented, dict) or consented.get("service") != service_code:
        raise Http404
    citizen = get_user_model().objects.filter(pk=consented.get("citizen")).first()
    if citizen is None:
        raise Http404
    return citizen


@require_http_methods(["GET", "POST"])
def counter_file(request: HttpRequest, code: str) -> HttpResponse:
    office = _operator_office(request)
    citizen = _counter_citizen(request, code)
    service = service_with_form(code)
    if service is None or not service.channel_office:
        raise Http404
    form = service_form_class(service)(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, documents = split_form(form)
        try:
            file = services.file_open(
                actor=Actor.for_user(request.user),
                service=service,
                channel=Channel.OFFICE,
                citizen=citizen,
                form_data=data,
                documents=documents,
                office=office,
                operator=request.user,
            )
        except DaftarError as error:
            _show(form, error)
        else:
            request.session.pop(_COUNTER_CITIZEN, None)
            return redirect("cases:receipt", tracking_code=file.tracking_code)
    return render(
        request,
        "cases/apply.html",
        {"service": service, "form": form, "citizen": citizen, "office": office},
    )


@require_http_methods(["GET", "POST"])
def counter_reclaim(request: HttpRequest) -> HttpResponse:
    """A citizen whose national code is bound to a mobile that is not (or no longer) theirs:
    the operator checks the national card and sends a code to the citizen's own mobile."""
    office = _operator_office(request)
    form = ReclaimForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            issued = citizen_reclaim_request(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=form.cleaned_data["national_code"],
                mobile=form.cleaned_data["mobile"],
                identity_checked=form.cleaned_data["identity_checked"],
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            request.session[_COUNTER_RECLAIM] = {
                "national_code": issued.otp.national_code,
                "masked_mobile": issued.masked_mobile,
                "reason": form.cleaned_data["reason"],
            }
            return redirect("cases:counter_reclaim_code")
    return render(
        request, "cases/counter_reclaim.html", {"form": form, "office": office}, status=status
    )


@require_http_methods(["GET", "POST"])
def counter_reclaim_code(request: HttpRequest) -> HttpResponse:
    """The citizen reads out the code sent to the new mobile; the change is made."""
    office = _operator_office(request)
    pending = request.session.get(_COUNTER_RECLAIM)
    if not pending:
        return redirect("cases:counter_reclaim")
    form = ConsentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reclaimed = citizen_reclaim(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=pending["national_code"],
                code=form.cleaned_data["code"],
                reason=pending["reason"],
            )
        except DaftarError as error:
            form.add_error("code" if error.field == "code" else None, error.render())
        else:
            request.session.pop(_COUNTER_RECLAIM, None)
            return render(
                request,
                "cases/counter_reclaim_done.html",
                {"office": office, "reclaimed": reclaimed},
            )
    return render(
        request,
        "cases/counter_reclaim_code.html",
        {"form": form, "office": office, "masked_mobile": pending["masked_mobile"]},
    )


@require_POST
def callback_done(request: HttpRequest, pk: int) -> HttpResponse:
    office = office_of_user(request.user)
    task = CallbackTask.objects.filter(pk=pk, office=office).first() if office else None
    if task is None:
        raise Http404
    try:
        services.callback_done(
            actor=Actor.for_user(request.user), task=task, note=request.POST.get("note", "")
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("Call-back recorded."))
    return redirect("offices:my_office")
