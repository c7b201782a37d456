"""Transparency pages: documents citizens receive: outcome documents of approved files and
receipts, numbered, verifiable by QR, revocable.

- /documents/<number>.pdf — the PDF, for whoever may see the file (others 404); `?download=1`
  saves it, without it the browser shows it to print (an office's walk-in citizen).
- /documents/<number>/revoke/ — the department revokes it, with a reason.
- /documents/templates/ — the catalogue team adopts each service's outcome document template.
- /documents/receipts/ — the treasury's receipts: find one by its number or its file's
  tracking code, open, verify or revoke it.
- /verify/<code>/ — public, no sign-in, rate-limited: genuine, unaltered (upload the PDF or
  paste its SHA-256), revoked or not; nothing personal beyond a masked name.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.catalogue.selectors import service_list
from daftar.core import ratelimit
from daftar.core.actors import Actor
from daftar.core.digits import to_ascii_digits
from daftar.core.errors import DaftarError, RateLimited
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.core.tracking import normalize_tracking_code
from daftar.core.uploads import MAX_UPLOAD_BYTES
from daftar.core.viewglue import report_error, require
from daftar.transparency.models.documents import DocumentKind
from daftar.transparency.selectors import documents as selectors
from daftar.transparency.services import documents as services
from daftar.treasury.permissions import is_treasury_officer

VERIFY_WINDOW_SECONDS = 600


def _verify_limit() -> int:
    return getattr(settings, "DOCUMENT_VERIFY_RATE_LIMIT", 60)


class CompareForm(LocalisedErrorsForm):
    pdf = forms.FileField(label=gettext_lazy("The PDF you hold"), required=False)
    sha256 = forms.CharField(
        label=gettext_lazy("Or its SHA-256 fingerprint"), required=False, max_length=200
    )

    def clean(self):
        data = super().clean()
        upload, typed = data.get("pdf"), (data.get("sha256") or "").strip()
        if upload is None and not typed:
            raise forms.ValidationError(_("Choose the PDF or paste its SHA-256 fingerprint."))
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error("pdf", _("This file is larger than any document Daftar issues."))
                return data
            data["digest"] = selectors.sha256_of(upload.chunks())
        else:
            try:
                data["digest"] = selectors.normalise_sha256(typed)
            except DaftarError as error:
                self.add_error("sha256", error.render())
        return data


class RevokeForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class ReceiptSearchForm(LocalisedErrorsForm):
    q = forms.CharField(
        label=gettext_lazy("Receipt number or the file's tracking code"),
        required=False,
        max_length=40,
    )

    def clean_q(self) -> dict:
        typed = to_ascii_digits(self.cleaned_data.get("q") or "")
        typed = "".join(typed.split()).replace("\u2066", "").replace("\u2069", "").upper()
        if not typed:
            return {}
        if services.document_number_valid(typed):
            return {"number": typed}
        try:
            return {"tracking_code": normalize_tracking_code(typed)}
        except ValidationError:
            raise forms.ValidationError(
                _(
                    "Type a receipt number as printed on it (e.g. RCT-1405-000123-7) or the "
                    "file's 12-digit tracking code."
                )
            ) from None


def _paragraphs(text: str) -> list[str]:
    """Paragraphs typed in one box, separated by an empty line."""
    blocks, current = [], []
    for line in (text or "").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


class TemplateForm(LocalisedErrorsForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"),
        choices=[(k, label) for k, label in DocumentKind.choices if k != DocumentKind.RECEIPT],
    )
    title_fa = forms.CharField(label=gettext_lazy("Title (Persian)"), max_length=200)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=200)
    paragraphs_fa = forms.CharField(
        label=gettext_lazy("Text (Persian): paragraphs separated by an empty line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=40_000,
    )
    paragraphs_en = forms.CharField(
        label=gettext_lazy("Text (English): paragraphs separated by an empty line"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr"}),
        max_length=40_000,
    )
    effective_from = JalaliDateField(label=gettext_lazy("In force from"))


def _require_template_keeper(request: HttpRequest) -> None:
    require(services.may_adopt_templates(request.user))


@require_GET
def templates(request: HttpRequest) -> HttpResponse:
    """Every service and the outcome document it issues (its latest template version)."""
    _require_template_keeper(request)
    latest = selectors.outcome_templates_latest()
    rows = [(service, latest.get(service.pk)) for service in service_list()]
    return render(request, "transparency/documents/templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest, code: str) -> HttpResponse:
    """Adopt the next version of a service's outcome document template."""
    _require_template_keeper(request)
    service = get_object_or_404(service_list(), code=code)
    current = selectors.outcome_templates_latest().get(service.pk)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                template = services.outcome_template_adopt(
                    actor=Actor.for_user(request.user),
                    service=service,
                    kind=data["kind"],
                    title_fa=data["title_fa"],
                    title_en=data["title_en"],
                    paragraphs_fa=_paragraphs(data["paragraphs_fa"]),
                    paragraphs_en=_paragraphs(data["paragraphs_en"]),
                    effective_from=data["effective_from"],
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(
                    request,
                    _("Version %(version)s of the document of “%(service)s” was adopted.")
                    % {"version": template.version, "service": service.title},
                )
                return redirect("transparency:templates")
    else:
        initial = {"effective_from": timezone.localdate()}
        if current is not None:
            initial |= {
                "kind": current.kind,
                "title_fa": current.title_fa,
                "title_en": current.title_en,
                "paragraphs_fa": "\n\n".join(current.paragraphs_fa),
                "paragraphs_en": "\n\n".join(current.paragraphs_en),
            }
        form = TemplateForm(initial=initial)
    return render(
        request,
        "transparency/documents/template_new.html",
        {
            "form": form,
            "service": service,
            "current": current,
            "placeholders": services.PLACEHOLDERS,
            "form_fields": [f.name for f in service.fields.all()],
        },
    )


@require_GET
def receipts(request: HttpRequest) -> HttpResponse:
    """The receipts issued for confirmed payments, for the treasury (others 404)."""
    require(is_treasury_officer(request.user))
    form = ReceiptSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_bound and form.is_valid() else {}
    found = selectors.receipts_visible_to(request.user, **search)
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "transparency/documents/receipts.html",
        {
            "form": form,
            "page": page,
            "searched": bool(search),
        },
    )


@require_GET
def document_pdf(request: HttpRequest, number: str) -> HttpResponse:
    document = selectors.document_for_user(request.user, number)
    if document is None:
        raise Http404
    response = HttpResponse(selectors.document_content(document), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{document.number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def document_revoke(request: HttpRequest, number: str) -> HttpResponse:
    document = selectors.document_for_user(request.user, number)
    if document is None or not services.may_revoke(request.user, document):
        raise Http404
    form = RevokeForm(request.POST)
    form.is_valid()
    try:
        services.document_revoke(
            actor=Actor.for_user(request.user),
            document=document,
            reason=form.cleaned_data.get("reason", ""),
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _("Document %(number)s was revoked; its verification page now says so.")
            % {"number": document.display_number},
        )
    if document.kind == DocumentKind.RECEIPT:  # the treasury may not see the file's page
        return redirect(f"{reverse('transparency:receipts')}?q={document.number}")
    return redirect(document.file)


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    ip = ratelimit.client_ip(request)
    if not ratelimit.hit(
        f"document-verify:{ip}", limit=_verify_limit(), window_seconds=VERIFY_WINDOW_SECONDS
    ):
        return render(
            request,
            "transparency/documents/verify.html",
            {"limited": RateLimited().render(), "code": code},
            status=429,
        )
    found = selectors.document_verification(code)
    form = CompareForm(request.POST, request.FILES) if request.method == "POST" else CompareForm()
    matches = None
    if found is not None and request.method == "POST" and form.is_valid():
        matches = form.cleaned_data["digest"] == found.sha256
    return render(
        request,
        "transparency/documents/verify.html",
        {"found": found, "form": form, "matches": matches, "code": code},
        status=200 if found is not None else 404,
    )


urlpatterns = [
    path("documents/receipts/", receipts, name="receipts"),
    path("documents/templates/", templates, name="templates"),
    path("documents/templates/<slug:code>/new/", template_new, name="template_new"),
    path("documents/<str:number>.pdf", document_pdf, name="document_pdf"),
    path("documents/<str:number>/revoke/", document_revoke, name="document_revoke"),
    path("verify/<str:code>/", verify, name="verify"),
]
