"""The applicant's pages: apply, follow the application, replace documents, object."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.licensing import permissions, selectors, services
from daftar.licensing.choices import CallStatus
from daftar.licensing.forms import ApplicationForm, DocumentUploadForm, ObjectionForm
from daftar.licensing.views.common import call_or_404


def _apply_form(call, user, data=None, files=None) -> ApplicationForm:
    return ApplicationForm(
        data,
        files,
        initial={"first_name": user.first_name, "last_name": user.last_name},
        call=call,
        districts=[q.district for q in selectors.call_quotas(call).filter(quota__gt=0)],
        documents=call.required_documents.all(),
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.can_apply(request.user))
    if selectors.application_of(request.user, call) is not None:
        messages.info(request, _("You have already applied to this call."))
        return redirect("licensing:my_application", code=call.code)
    if call.status != CallStatus.OPEN:
        messages.warning(request, _("This call is not open for applications."))
        return redirect(call)
    form = _apply_form(call, request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                actor=Actor.for_user(request.user),
                call=call,
                data=form.data_for_service(),
                documents=form.documents(),
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _("Your application was received. Your applicant code is %(code)s.")
                % {"code": application.code},
            )
            return redirect("licensing:my_application", code=call.code)
    return render(request, "licensing/apply.html", {"call": call, "form": form})


def _my_results(call, application) -> dict | None:
    results = selectors.published_results(call)
    if results is None:
        return None
    order = results["results"]["order"]
    row = next((r for r in order if r["code"] == application.code), None)
    not_ranked = any(r["code"] == application.code for r in results["results"]["not_ranked"])
    return {"row": row, "not_ranked": not_ranked, "number": results["publication"]["number"]}


@never_cache
@require_GET
def my_application(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    application = selectors.application_of(request.user, call)
    if application is None:
        raise Http404
    today = timezone.localdate()
    registration_open = (
        call.status == CallStatus.OPEN
        and call.registration_opens <= today <= call.registration_closes
    )
    objection = getattr(application, "objection", None)  # the reverse one-to-one, or None
    objection_open = (
        call.status == CallStatus.RESULTS_PUBLISHED
        and today <= call.objections_until
        and objection is None
    )
    return render(
        request,
        "licensing/my_application.html",
        {
            "call": call,
            "application": application,
            "upload_form": DocumentUploadForm(documents=call.required_documents.all())
            if registration_open
            else None,
            "objection": objection,
            "objection_form": ObjectionForm() if objection_open else None,
            "results": _my_results(call, application),
            "agreement": getattr(application, "agreement", None),
        },
    )


@require_POST
def my_document_upload(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    application = selectors.application_of(request.user, call)
    if application is None:
        raise Http404
    form = DocumentUploadForm(request.POST, request.FILES, documents=call.required_documents.all())
    if not form.is_valid():
        messages.error(request, _("Choose the document type and a file."))
    else:
        try:
            services.application_document_upload(
                actor=Actor.for_user(request.user),
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("The document was uploaded and awaits review."))
    return redirect("licensing:my_application", code=call.code)


@require_POST
def my_objection(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    application = selectors.application_of(request.user, call)
    if application is None:
        raise Http404
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your objection."))
    else:
        try:
            services.objection_file(
                actor=Actor.for_user(request.user),
                application=application,
                text=form.cleaned_data["text"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Your objection was recorded; the committee will rule."))
    return redirect("licensing:my_application", code=call.code)


@never_cache
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, only for the applicant, licensing reviewers and the committee."""
    document = selectors.document_visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404
    extension = document.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        default_storage.open(document.file.name, "rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=f"{document.application.code}-{document.kind}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
