"""Complaint pages: the citizen's (file, my complaints, one complaint with its appeal, reopen and
rating), the public tracking page, the counter's (file on a citizen's behalf), the supervision
unit's (queue, rules, one complaint with evidence and the ruling), the committee's appeals and
the office manager's complaints about their office (the complainant hidden)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import users_with_role
from daftar.accounts.services import counter_consent_request, counter_consent_verify
from daftar.audit.selectors import audit_entries_about
from daftar.cases.selectors import file_by_tracking_code, file_timeline_with_ids
from daftar.core import ratelimit
from daftar.core.errors import DaftarError, RateLimited
from daftar.core.viewglue import report_error, require
from daftar.governance.choices import DecisionKind
from daftar.governance.citation import citation
from daftar.governance.permissions import is_committee_secretary
from daftar.governance.selectors import decisions_adopted, version_articles, version_in_force
from daftar.offices.context import actor_context
from daftar.offices.selectors import offices_visible_to
from daftar.supervision.choices import ComplaintCategory, ComplaintChannel, ComplaintStatus
from daftar.supervision.forms.complaints import (
    AppealDecideForm,
    CitizenComplaintForm,
    CounterComplaintForm,
    CounterConsentForm,
    DecisionChoiceForm,
    EvidenceForm,
    RateForm,
    ReasonForm,
    RuleDraftForm,
    RulingForm,
    TrackComplaintForm,
)
from daftar.supervision.selectors import complaints as selectors
from daftar.supervision.services import complaints as services

PAGE_SIZE = 25
# The consent code's "service" at the counter: the citizen consents to a complaint being filed.
COUNTER_CONSENT_PURPOSE = "supervision-complaint"
_COUNTER_PENDING = "complaint_counter_pending"


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _complaint_or_404(request, code: str):
    complaint = selectors.complaint_for_user(request.user, code)
    require(complaint is not None)
    return complaint


def _offices(user):
    return offices_visible_to(user).order_by("name")


# --- the citizen ------------------------------------------------------------------------------


@require_http_methods(["GET"])
def my_complaints(request: HttpRequest) -> HttpResponse:
    context = actor_context(request)
    require(context.has_role(Role.CITIZEN))
    complaints = _page(request, selectors.complaints_of_citizen(request.user))
    return render(request, "supervision/complaints/mine.html", {"complaints": complaints})


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    context = actor_context(request)
    require(context.has_role(Role.CITIZEN))
    form = CitizenComplaintForm(
        request.POST or None,
        offices=_offices(request.user),
        initial={"tracking_code": request.GET.get("file", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        file = None
        if data["tracking_code"]:
            file = file_by_tracking_code(data["tracking_code"])
            if file is None:
                form.add_error("tracking_code", _("No file of yours has this tracking code."))
        if not form.errors:
            try:
                complaint = services.complaint_file(
                    actor=context.actor,
                    channel=ComplaintChannel.PORTAL,
                    category=data["category"],
                    description=data["description"],
                    anonymous=data["anonymous"],
                    contact_mobile=data["contact_mobile"] or "",
                    office=data["office"],
                    file=file,
                    staff_member=file.operator if file and data["about_operator"] else None,
                )
            except DaftarError as error:
                report_error(form, _on_form(error))
            else:
                messages.success(request, _filed_message(complaint))
                if complaint.anonymous:
                    return render(
                        request, "supervision/complaints/filed.html", {"complaint": complaint}
                    )
                return redirect("supervision:complaint", code=complaint.tracking_code)
    return render(request, "supervision/complaints/new.html", {"form": form})


def _on_form(error: DaftarError) -> DaftarError:
    if error.field == "file":
        error.field = "tracking_code"
    return error


def _filed_message(complaint) -> str:
    from daftar.core.templatetags.daftar import tracking_code

    return _(
        "Your complaint was received. Its tracking code is %(code)s; an SMS with it is on its way."
    ) % {"code": tracking_code(complaint.tracking_code)}


@require_http_methods(["GET"])
def complaint_detail(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _complaint_or_404(request, code)
    context = actor_context(request)
    supervisor = context.has_role(Role.SUPERVISOR)
    is_complainant = complaint.complainant_id == request.user.pk
    data = {
        "complaint": complaint,
        "supervisor": supervisor,
        "is_complainant": is_complainant,
        "show_identity": supervisor or is_complainant,
        "timeline": selectors.complaint_timeline(
            complaint, public_only=not (supervisor or context.has_role(Role.AUDITOR))
        ),
        "citations": [
            citation(c.article, c.note)
            for c in complaint.citations.select_related("article__version__bylaw", "note")
        ],
        "steps": selectors.complainant_steps(complaint, request.user),
        "appeal": selectors.appeal_of(complaint),
        "reason_form": ReasonForm(),
        "rate_form": RateForm(),
    }
    if supervisor:
        data.update(_supervisor_context(complaint))
    return render(request, "supervision/complaints/detail.html", data)


def _articles():
    version = version_in_force()
    if version is None:
        return []
    choices = []
    for article in version_articles(version):
        choices.append((str(article.pk), citation(article)))
    return choices


def _supervisor_context(complaint, *, evidence_form=None, ruling_form=None) -> dict:
    file_entries = file_timeline_with_ids(complaint.file) if complaint.file_id else []
    audit_entries = audit_entries_about(
        office_code=complaint.office.code if complaint.office_id else None,
        file_pk=complaint.file_id,
        limit=20,
    )
    return {
        "evidence": complaint.evidence.order_by("added_at", "pk"),
        # The most recent linked complaints (a busy office may have dozens).
        "links": complaint.links.select_related("related", "related__office").order_by(
            "-related__received_at"
        )[:10],
        "file_entries": file_entries,
        "audit_entries": audit_entries,
        "evidence_form": evidence_form or EvidenceForm(),
        "ruling_form": ruling_form or RulingForm(articles=_articles()),
        "deadline": selectors.complaint_deadline(complaint),
        "officers": users_with_role(Role.SUPERVISOR),
    }


def _complainant_step(request: HttpRequest, code: str, step: str) -> HttpResponse:
    complaint = _complaint_or_404(request, code)
    actor = actor_context(request).actor
    form = RateForm(request.POST) if step == "rate" else ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("supervision:complaint", code=complaint.tracking_code)
    try:
        if step == "appeal":
            services.complaint_appeal(
                actor=actor, complaint=complaint, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Your appeal was sent to the steering committee."))
        elif step == "reopen":
            services.complaint_reopen(
                actor=actor, complaint=complaint, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Your complaint was reopened and is investigated again."))
        else:
            services.complaint_rate(
                actor=actor, complaint=complaint, score=form.cleaned_data["score"]
            )
            messages.success(request, _("Thank you for telling us how satisfied you are."))
    except DaftarError as error:
        messages.error(request, error.render())
    return redirect("supervision:complaint", code=complaint.tracking_code)


@require_POST
def complaint_appeal(request: HttpRequest, code: str) -> HttpResponse:
    return _complainant_step(request, code, "appeal")


@require_POST
def complaint_reopen(request: HttpRequest, code: str) -> HttpResponse:
    return _complainant_step(request, code, "reopen")


@require_POST
def complaint_rate(request: HttpRequest, code: str) -> HttpResponse:
    return _complainant_step(request, code, "rate")


@login_not_required
@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest) -> HttpResponse:
    form = TrackComplaintForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if not ratelimit.hit(
            f"complaint-track:{ip}", limit=settings.TRACK_RATE_LIMIT, window_seconds=600
        ):
            form.add_error(None, RateLimited().render())
            status = 429
        elif form.is_valid():
            found = selectors.complaint_track(
                form.cleaned_data["tracking_code"], form.cleaned_data["mobile"]
            )
            if found is None:
                form.add_error(None, _("No complaint matches this tracking code and mobile."))
    timeline = selectors.complaint_timeline(found, public_only=True) if found else []
    return render(
        request,
        "supervision/complaints/track.html",
        {"form": form, "found": found, "timeline": timeline},
        status=status,
    )


# --- the counter ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def complaint_counter(request: HttpRequest) -> HttpResponse:
    """Step 1: the operator identifies the citizen from the national card (an account is not
    needed) and writes the complaint down; a consent code naming this office and "a
    complaint" goes to the citizen's mobile."""
    context = actor_context(request)
    require(context.office is not None)
    form = CounterComplaintForm(request.POST or None, offices=_offices(request.user))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with translation.override("fa"):  # the consent SMS is in Persian
                title = _("a complaint to the supervision unit")
            issued = counter_consent_request(
                actor=context.actor,
                office_code=context.office.code,
                national_code=data["national_code"],
                mobile=data["mobile"],
                service_code=COUNTER_CONSENT_PURPOSE,
                service_title=title,
                identity_checked=data["identity_checked"],
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            request.session[_COUNTER_PENDING] = {
                "national_code": issued.otp.national_code,
                "masked_mobile": issued.masked_mobile,
                "category": data["category"],
                "office": data["office"].pk if data["office"] else None,
                "description": data["description"],
            }
            return redirect("supervision:complaint_counter_consent")
    return render(
        request,
        "supervision/complaints/counter.html",
        {"form": form, "office": context.office},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def complaint_counter_consent(request: HttpRequest) -> HttpResponse:
    """Step 2: the citizen reads the consent code out; the complaint is filed in their name
    (a citizen seen for the first time is registered by it, identified by the card)."""
    context = actor_context(request)
    require(context.office is not None)
    pending = request.session.get(_COUNTER_PENDING)
    if not isinstance(pending, dict) or "national_code" not in pending:
        return redirect("supervision:complaint_counter")
    form = CounterConsentForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        office = None
        if pending.get("office"):
            office = _offices(request.user).filter(pk=pending["office"]).first()
        try:
            # Two steps, two transactions: a wrong code's attempt must stay counted.
            citizen = counter_consent_verify(
                actor=context.actor,
                office_code=context.office.code,
                national_code=pending["national_code"],
                code=form.cleaned_data["code"],
                service_code=COUNTER_CONSENT_PURPOSE,
            )
            complaint = services.complaint_file(
                actor=context.actor,
                channel=ComplaintChannel.COUNTER,
                category=pending["category"],
                description=pending["description"],
                complainant=citizen,
                office=office,
            )
        except DaftarError as error:
            form.add_error("code" if error.field == "code" else None, error.render())
            status = error.http_status
        else:
            request.session.pop(_COUNTER_PENDING, None)
            return render(request, "supervision/complaints/filed.html", {"complaint": complaint})
    return render(
        request,
        "supervision/complaints/counter_consent.html",
        {"form": form, "office": context.office, "masked_mobile": pending.get("masked_mobile")},
        status=status,
    )


# --- the supervision unit and the readers -----------------------------------------------------


def _reader(request) -> bool:
    return actor_context(request).has_role(
        Role.SUPERVISOR, Role.COMMITTEE_MEMBER, Role.COUNCIL_MEMBER, Role.AUDITOR
    )


@require_http_methods(["GET"])
def complaint_queue(request: HttpRequest) -> HttpResponse:
    require(_reader(request))
    category = request.GET.get("category", "")
    category = category if category in ComplaintCategory.values else ""
    status = request.GET.get("status", "")
    status = status if status in ComplaintStatus.values else ""
    office = request.GET.get("office", "")[:20]
    page = _page(
        request,
        selectors.complaint_queue(
            request.user, category=category, office_code=office, status=status
        ),
    )
    return render(
        request,
        "supervision/complaints/queue.html",
        {
            "page": page,
            "rows": selectors.with_sla(page),
            "categories": ComplaintCategory.choices,
            "statuses": ComplaintStatus.choices,
            "category": category,
            "status": status,
            "office": office,
            "supervisor": actor_context(request).has_role(Role.SUPERVISOR),
        },
    )


@require_POST
def complaint_act(request: HttpRequest, code: str) -> HttpResponse:
    """The supervision unit's steps on one complaint: take it, add evidence, rule."""
    context = actor_context(request)
    require(context.has_role(Role.SUPERVISOR))
    complaint = _complaint_or_404(request, code)
    step = request.POST.get("step", "")
    evidence_form = ruling_form = None
    try:
        if step == "take":
            services.complaint_take(actor=context.actor, complaint=complaint)
            messages.success(request, _("The complaint is yours to investigate."))
            return redirect("supervision:complaint", code=complaint.tracking_code)
        if step == "assign":
            handler = (
                users_with_role(Role.SUPERVISOR).filter(pk=request.POST.get("handler")).first()
                if str(request.POST.get("handler", "")).isdigit()
                else None
            )
            require(handler is not None)
            services.complaint_take(actor=context.actor, complaint=complaint, handler=handler)
            messages.success(request, _("The complaint was given to another officer."))
            return redirect("supervision:complaint", code=complaint.tracking_code)
        if step == "evidence":
            evidence_form = EvidenceForm(request.POST)
            if evidence_form.is_valid():
                services.complaint_evidence_add(
                    actor=context.actor, complaint=complaint, **evidence_form.cleaned_data
                )
                messages.success(request, _("Evidence added."))
                return redirect("supervision:complaint", code=complaint.tracking_code)
        elif step == "rule":
            ruling_form = RulingForm(request.POST, articles=_articles())
            if ruling_form.is_valid():
                data = ruling_form.cleaned_data
                services.complaint_rule_on(
                    actor=context.actor,
                    complaint=complaint,
                    ruling=data["ruling"],
                    reasons=data["reasons"],
                    citations=selectors.articles_cited(data["articles"]),
                    severity=data["severity"] or None,
                )
                messages.success(
                    request, _("The ruling was recorded; the complainant gets an SMS.")
                )
                return redirect("supervision:complaint", code=complaint.tracking_code)
        else:
            require(False)
    except DaftarError as error:
        form = evidence_form if step == "evidence" else ruling_form
        if form is None:
            messages.error(request, error.render())
            return redirect("supervision:complaint", code=complaint.tracking_code)
        report_error(form, error)
    data = {
        "complaint": complaint,
        "supervisor": True,
        "show_identity": True,
        "timeline": selectors.complaint_timeline(complaint, public_only=False),
        "citations": [],
        "steps": selectors.complainant_steps(complaint, request.user),
        **_supervisor_context(complaint, evidence_form=evidence_form, ruling_form=ruling_form),
    }
    return render(request, "supervision/complaints/detail.html", data, status=400)


@require_http_methods(["GET", "POST"])
def complaint_rules(request: HttpRequest) -> HttpResponse:
    context = actor_context(request)
    require(context.has_role(Role.SUPERVISOR))
    draft_form = RuleDraftForm(request.POST if request.POST.get("step") == "draft" else None)
    adopt_form = DecisionChoiceForm(
        request.POST if request.POST.get("step") == "adopt" else None,
        decisions=decisions_adopted(DecisionKind.POLICY),
    )
    if request.method == "POST":
        try:
            if draft_form.is_bound and draft_form.is_valid():
                services.complaint_rule_draft(actor=context.actor, **draft_form.cleaned_data)
                messages.success(request, _("Rule drafted; adopt the drafts with a decision."))
                return redirect("supervision:complaint_rules")
            if adopt_form.is_bound and adopt_form.is_valid():
                services.complaint_rules_adopt(
                    actor=context.actor,
                    decision=adopt_form.cleaned_data["decision"],
                    rules=list(selectors.rules_drafted()),
                )
                messages.success(request, _("The drafted rules are in force."))
                return redirect("supervision:complaint_rules")
        except DaftarError as error:
            report_error(draft_form if draft_form.is_bound else adopt_form, error)
    return render(
        request,
        "supervision/complaints/rules.html",
        {
            "in_force": selectors.rules_in_force().order_by("category"),
            "drafts": selectors.rules_drafted(),
            "draft_form": draft_form,
            "adopt_form": adopt_form,
        },
    )


# --- the committee ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def complaint_appeals(request: HttpRequest) -> HttpResponse:
    context = actor_context(request)
    require(context.has_role(Role.COMMITTEE_MEMBER))
    secretary = is_committee_secretary(request.user)
    decisions = decisions_adopted(DecisionKind.COMPLAINT_RULING)
    form, failed = None, None
    if request.method == "POST":
        require(secretary)
        failed = selectors.complaint_for_user(request.user, request.POST.get("code", ""))
        require(failed is not None)
        form = AppealDecideForm(request.POST, decisions=decisions)
        if form.is_valid():
            try:
                services.complaint_appeal_decide(
                    actor=context.actor,
                    complaint=failed,
                    outcome=form.cleaned_data["outcome"],
                    decision=form.cleaned_data["decision"],
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(request, _("The appeal's outcome was recorded."))
                return redirect("supervision:complaint_appeals")
    appeals = _page(request, selectors.appeals_pending())
    return render(
        request,
        "supervision/complaints/appeals.html",
        {
            "appeals": appeals,
            "secretary": secretary,
            "blank_form": AppealDecideForm(decisions=decisions),
            "failed": failed,
            "form": form,
        },
        status=400 if form is not None else 200,
    )


# --- the office manager -----------------------------------------------------------------------


@require_http_methods(["GET"])
def complaint_office(request: HttpRequest) -> HttpResponse:
    context = actor_context(request)
    require(context.has_role(Role.OFFICE_MANAGER) and context.office is not None)
    complaints = _page(request, selectors.complaints_about_office(context.office))
    return render(
        request,
        "supervision/complaints/office.html",
        {"complaints": complaints, "office": context.office},
    )


urlpatterns = [
    path("complaints/", my_complaints, name="my_complaints"),
    path("complaints/new/", complaint_new, name="complaint_new"),
    path("complaints/track/", complaint_track, name="complaint_track"),
    path("complaints/<str:code>/", complaint_detail, name="complaint"),
    path("complaints/<str:code>/appeal/", complaint_appeal, name="complaint_appeal"),
    path("complaints/<str:code>/reopen/", complaint_reopen, name="complaint_reopen"),
    path("complaints/<str:code>/rate/", complaint_rate, name="complaint_rate"),
    path("supervision/complaints/", complaint_queue, name="complaint_queue"),
    path("supervision/complaints/counter/", complaint_counter, name="complaint_counter"),
    path(
        "supervision/complaints/counter/consent/",
        complaint_counter_consent,
        name="complaint_counter_consent",
    ),
    path("supervision/complaints/office/", complaint_office, name="complaint_office"),
    path("supervision/complaints/appeals/", complaint_appeals, name="complaint_appeals"),
    path("supervision/complaints/rules/", complaint_rules, name="complaint_rules"),
    path("supervision/complaints/<str:code>/act/", complaint_act, name="complaint_act"),
]
