"""Supervision pages: self-declaration and periodic grading.

- the office manager: the declaration form, my office's grade (each indicator, its weight,
  the city median and how to improve) and the objection;
- the supervision unit: periods (open, grade), a period's distribution, declarations received
  and missing, objections to rule, the formula's drafts and adoption;
- the council, committee and auditors: the same pages read-only;
- everyone, signed in or not: the formula in force explained, and each period's input file.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.core.errors import DaftarError
from daftar.core.jalali import format_date
from daftar.core.viewglue import report_error, require
from daftar.governance.choices import DecisionKind, DecisionStatus
from daftar.governance.selectors import decision_list
from daftar.offices.context import actor_context
from daftar.offices.selectors import office_declaration_facts
from daftar.supervision.choices import ObjectionStatus
from daftar.supervision.forms.grading import (
    ACCESSIBILITY_LABELS,
    EQUIPMENT_LABELS,
    INDICATOR_LABELS,
    AdoptForm,
    DeclarationForm,
    FormulaForm,
    ObjectionForm,
    PeriodForm,
    RulingForm,
)
from daftar.supervision.permissions import can_read_all, is_supervisor
from daftar.supervision.selectors import grading as selectors
from daftar.supervision.services import declarations, grading

PAGE_SIZE = 50

# What each indicator measures, in plain words (the public formula page).
EXPLAINED = {
    "inspections": gettext_lazy(
        "The average score of the office's inspection reports in the period (out of 100)."
    ),
    "sla": gettext_lazy(
        "Of the office's files whose deadline fell in the period, the share finished by the "
        "deadline."
    ),
    "ratings": gettext_lazy(
        "Citizens' average rating (1 to 5 stars) turned into 0 to 100, less up to 20 points "
        "for the share of ratings that asked the office to call back."
    ),
    "complaints": gettext_lazy(
        "100, less 20 points for each upheld complaint per thousand files of the office."
    ),
    "uptime": gettext_lazy(
        "The share of opening hours in which the office's terminals were online."
    ),
    "reconciliation": gettext_lazy(
        "100, less 10 points for each bank line that did not match the office's payments."
    ),
    "overcharging": gettext_lazy(
        "100, less 25 points for each overcharging found by an inspection or an upheld complaint."
    ),
    "declaration": gettext_lazy(
        "100 when the office declared before the deadline and no inspection found the "
        "declaration false; otherwise 0."
    ),
    "waiting": gettext_lazy(
        "100 when the median wait in the office's queue (ticket to call) is 15 minutes or less, "
        "less 4 points for each minute beyond; left out under 20 calls in the period."
    ),
}
# What to do about a weak indicator (the office's grade page).
IMPROVE = {
    "inspections": gettext_lazy(
        "Read your latest inspection report and correct each finding before the follow-up."
    ),
    "sla": gettext_lazy(
        "Open the inbox sorted by deadline every morning and send files on before they are due."
    ),
    "ratings": gettext_lazy(
        "Call back every citizen who rated you below 4 stars and explain the next step at the "
        "counter."
    ),
    "complaints": gettext_lazy(
        "Read the upheld complaints about your office and brief your staff on each."
    ),
    "uptime": gettext_lazy(
        "Keep the terminals switched on and connected during opening hours; report faults "
        "the same day."
    ),
    "reconciliation": gettext_lazy(
        "Record every card and cash payment in the system at the moment it is taken."
    ),
    "overcharging": gettext_lazy(
        "Charge only the tariff on the receipt the system prints, and post the tariffs at the "
        "counter."
    ),
    "declaration": gettext_lazy(
        "Declare before the deadline each period, and declare only what the office really has."
    ),
    "waiting": gettext_lazy(
        "Open another counter at busy hours and call the next ticket as soon as a counter is free."
    ),
}
WEAK_BELOW = 70


def _require_reader(request: HttpRequest) -> None:
    require(can_read_all(request.user))


def _require_supervisor(request: HttpRequest) -> None:
    require(is_supervisor(request.user))


def _managed_office(request: HttpRequest):
    context = actor_context(request)
    require(context.has_role(Role.OFFICE_MANAGER) and context.office is not None)
    return context.office


def _labelled(keys_labels: dict, values: dict) -> list[tuple[str, bool]]:
    return [(label, bool(values.get(key))) for key, label in keys_labels.items()]


# --- public ---------------------------------------------------------------------------------


@login_not_required
def formula_page(request: HttpRequest) -> HttpResponse:
    """The formula in force, each indicator explained, and the graded periods' input files."""
    formula = selectors.formula_in_force()
    rows = []
    if formula is not None:
        rows = [
            (INDICATOR_LABELS[name], formula.weights.get(name, 0), EXPLAINED[name])
            for name in selectors.INDICATORS
        ]
    graded = [p for p in selectors.periods() if p.inputs_sha256]
    return render(
        request,
        "supervision/grading/formula.html",
        {
            "formula": formula,
            "rows": rows,
            "thresholds": [
                (grade, (formula.thresholds or {}).get(grade)) for grade in selectors.GRADED
            ]
            if formula
            else [],
            "graded": graded,
        },
    )


@login_not_required
def inputs_csv(request: HttpRequest, code: str) -> HttpResponse:
    """A graded period's published input file (the same bytes its SHA-256 was taken of)."""
    period = selectors.period_get(code)
    require(period is not None and bool(period.inputs_sha256))
    data = selectors.published_inputs(period)
    response = HttpResponse(data, content_type="text/csv; charset=us-ascii")
    response["Content-Disposition"] = f'attachment; filename="grades-{period.code}.csv"'
    response["X-Content-SHA256"] = selectors.sha256_of(data)
    return response


# --- the office manager ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    """The manager's self-declaration for the period open for declarations, pre-filled from
    the registry (the difference shown beside each figure)."""
    office = _managed_office(request)
    period = selectors.period_declaring()
    declaration = selectors.declaration_of(office, period)
    facts = office_declaration_facts(office)
    closed = period is None or timezone.localdate() > period.declare_by
    form = DeclarationForm(
        request.POST if request.method == "POST" else None,
        initial=DeclarationForm.initial_from(declaration, facts),
    )
    if request.method == "POST" and period is not None and form.is_valid():
        try:
            declarations.declaration_submit(
                actor=actor_context(request).actor,
                office=office,
                period=period,
                **form.service_arguments(),
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your declaration for period %(period)s is recorded; you may change it "
                    "until %(date)s."
                )
                % {"period": period.label, "date": _jdate(period.declare_by)},
            )
            return redirect("supervision:grading_my")
    differences = []
    shown = form.cleaned_data if form.is_bound and form.is_valid() else form.initial
    for name, label in (
        ("staff_count", _("Staff")),
        ("certified_staff_count", _("Certified staff")),
        ("counters", _("Counters")),
        ("weekly_hours", _("Weekly hours")),
    ):
        declared, registry = shown.get(name), getattr(facts, name)
        if declared is not None and declared != registry:
            differences.append((label, declared, registry))
    return render(
        request,
        "supervision/grading/declare.html",
        {
            "office": office,
            "period": period,
            "declaration": declaration,
            "facts": facts,
            "form": form,
            "closed": closed,
            "differences": differences,
        },
        status=400 if request.method == "POST" else 200,
    )


def _jdate(day) -> str:
    return format_date(day, language=get_language())


def my_grade(request: HttpRequest) -> HttpResponse:
    """My office: the declaration to make, the latest grade with each indicator, its weight,
    the city median and how to improve, and the objection."""
    office = _managed_office(request)
    period = selectors.period_declaring()
    declaration = selectors.declaration_of(office, period)
    grade = selectors.office_latest_grade(office)
    rows, medians, left_out = [], {}, []
    objection = getattr(grade, "objection", None) if grade else None
    objection_form = None
    deadline = None
    if grade is not None:
        medians = selectors.indicator_medians(grade.period)
        weights = grade.period.formula.weights
        for name in selectors.INDICATORS:
            value = grade.indicators.get(name)
            if value is None:
                left_out.append(INDICATOR_LABELS[name])
            rows.append(
                {
                    "label": INDICATOR_LABELS[name],
                    "weight": weights.get(name, 0),
                    "value": value,
                    "median": medians.get(name),
                    "improve": IMPROVE[name]
                    if value is not None and Decimal(value) < WEAK_BELOW
                    else "",
                }
            )
        deadline = grading.objection_deadline(grade.period)
        if objection is None and timezone.now() <= deadline:
            objection_form = ObjectionForm()
    return render(
        request,
        "supervision/grading/my_grade.html",
        {
            "office": office,
            "period": period,
            "declaration": declaration,
            "declare_open": period is not None and timezone.localdate() <= period.declare_by,
            "grade": grade,
            "effective": selectors.effective_grade(grade) if grade else None,
            "rows": rows,
            "left_out": left_out,
            "objection": objection,
            "objection_form": objection_form,
            "deadline": deadline,
            "weak_below": WEAK_BELOW,
            "equipment": _labelled(EQUIPMENT_LABELS, declaration.equipment) if declaration else [],
            "access": _labelled(ACCESSIBILITY_LABELS, declaration.accessibility)
            if declaration
            else [],
        },
    )


@require_POST
def object_to_grade(request: HttpRequest) -> HttpResponse:
    office = _managed_office(request)
    grade = selectors.office_latest_grade(office)
    require(grade is not None)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            grading.grade_objection_file(
                actor=actor_context(request).actor, grade=grade, reason=form.cleaned_data["reason"]
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(
                request,
                _(
                    "Your objection is filed; the supervision unit will rule on it and you "
                    "will see the ruling here."
                ),
            )
    else:
        messages.error(request, _("Write why the grade is wrong."))
    return redirect("supervision:grading_my")


# --- the supervision unit and the readers ---------------------------------------------------


@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest) -> HttpResponse:
    """Every period with its state; the supervision unit opens one here."""
    _require_reader(request)
    supervisor = is_supervisor(request.user)
    form = PeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(supervisor)
        if form.is_valid():
            try:
                period = grading.grading_period_open(
                    actor=actor_context(request).actor, **form.cleaned_data
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(
                    request,
                    _("Period %(code)s is open; offices declare until %(date)s.")
                    % {"code": period.label, "date": _jdate(period.declare_by)},
                )
                return redirect("supervision:grading_periods")
    return render(
        request,
        "supervision/grading/periods.html",
        {
            "periods": list(selectors.periods()),
            "form": form if supervisor else None,
            "supervisor": supervisor,
            "today": timezone.localdate(),
            "formula": selectors.formula_in_force(),
            "objections": selectors.objections_to_rule().count(),
        },
        status=400 if request.method == "POST" else 200,
    )


def period_page(request: HttpRequest, code: str) -> HttpResponse:
    """One period: its distribution (bars and a table), the declarations received and the
    offices that have not declared, and the grades, a page at a time."""
    _require_reader(request)
    period = selectors.period_get(code)
    require(period is not None)
    grades = Paginator(
        selectors.grades_visible_to(request.user)
        .filter(period=period)
        .select_related("objection")
        .order_by("office__code"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    missing = Paginator(selectors.offices_not_declared(period), PAGE_SIZE).get_page(
        request.GET.get("missing")
    )
    return render(
        request,
        "supervision/grading/period.html",
        {
            "period": period,
            "distribution": selectors.grade_distribution(period) if period.graded_at else [],
            "declared": selectors.declarations_of_period(period).count(),
            "missing": missing,
            "grades": grades,
            "rows": [(g, selectors.effective_grade(g)) for g in grades],
            "supervisor": is_supervisor(request.user),
            "can_run": not period.graded_at and period.ends_on < timezone.localdate(),
        },
    )


@require_POST
def run(request: HttpRequest, code: str) -> HttpResponse:
    _require_supervisor(request)
    period = selectors.period_get(code)
    require(period is not None)
    try:
        grading.grading_run(actor=actor_context(request).actor, period=period)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _("Period %(code)s is graded and its input file published.") % {"code": period.label},
        )
    return redirect("supervision:grading_period", code=period.code)


@require_http_methods(["GET", "POST"])
def objections(request: HttpRequest) -> HttpResponse:
    """Objections to rule (the supervision unit rules here), and those ruled lately."""
    _require_reader(request)
    supervisor = is_supervisor(request.user)
    form, failed_pk = None, None
    if request.method == "POST":
        require(supervisor)
        objection = selectors.objection_to_rule_get(request.POST.get("pk", ""))
        require(objection is not None)
        form = RulingForm(request.POST)
        failed_pk = objection.pk
        if form.is_valid():
            try:
                grading.grade_objection_rule(
                    actor=actor_context(request).actor, objection=objection, **form.cleaned_data
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(
                    request,
                    _("The objection of office %(code)s is ruled on.")
                    % {"code": objection.grade.office.code},
                )
                return redirect("supervision:grading_objections")
    pending = list(selectors.objections_to_rule())
    return render(
        request,
        "supervision/grading/objections.html",
        {
            "pending": [
                (o, form if o.pk == failed_pk else RulingForm(), selectors.effective_grade(o.grade))
                for o in pending
            ],
            "ruled": list(selectors.objections_ruled()),
            "supervisor": supervisor,
            "upheld": ObjectionStatus.UPHELD,
        },
        status=400 if failed_pk else 200,
    )


@require_http_methods(["GET", "POST"])
def formula_manage(request: HttpRequest) -> HttpResponse:
    """The supervision unit drafts a formula and puts a draft in force by a policy decision."""
    _require_supervisor(request)
    actor = actor_context(request).actor
    in_force = selectors.formula_in_force()
    initial = {}
    source = in_force or None
    weights = source.weights if source else grading.DEMO_WEIGHTS
    thresholds = source.thresholds if source else grading.DEMO_THRESHOLDS
    initial |= {f"weight_{k}": v for k, v in weights.items()}
    initial |= {f"threshold_{k}": v for k, v in thresholds.items()}
    decisions = decision_list(request.user, kind=DecisionKind.POLICY, status=DecisionStatus.ADOPTED)
    draft_form = FormulaForm(
        request.POST if request.POST.get("step") == "draft" else None,
        initial=initial,
        indicators=selectors.INDICATORS,
    )
    adopt_form = AdoptForm(
        request.POST if request.POST.get("step") == "adopt" else None, decisions=decisions
    )
    if request.method == "POST" and draft_form.is_bound and draft_form.is_valid():
        try:
            formula = grading.grading_formula_draft(actor=actor, **draft_form.service_arguments())
        except DaftarError as error:
            report_error(draft_form, error)
        else:
            messages.success(
                request,
                _("Draft formula v%(number)s saved; adopt it with a policy decision.")
                % {"number": formula.number},
            )
            return redirect("supervision:grading_formula_manage")
    if request.method == "POST" and adopt_form.is_bound and adopt_form.is_valid():
        formula = selectors.formula_get(request.POST.get("number", ""))
        require(formula is not None)
        try:
            grading.grading_formula_adopt(
                actor=actor, formula=formula, decision=adopt_form.cleaned_data["decision"]
            )
        except DaftarError as error:
            report_error(adopt_form, error)
        else:
            messages.success(
                request, _("Formula v%(number)s is in force.") % {"number": formula.number}
            )
            return redirect("supervision:grading_formula")
    formulas = list(selectors.formulas()[:20])
    return render(
        request,
        "supervision/grading/formula_manage.html",
        {
            "formulas": formulas,
            "formula_rows": [
                (f, [f.weights.get(name, 0) for name in selectors.INDICATORS]) for f in formulas
            ],
            "headers": [INDICATOR_LABELS[name] for name in selectors.INDICATORS],
            "draft_form": draft_form,
            "adopt_form": adopt_form,
        },
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("grading/formula/", formula_page, name="grading_formula"),
    path("grading/formula/manage/", formula_manage, name="grading_formula_manage"),
    path("grading/declare/", declare, name="grading_declare"),
    path("grading/my-office/", my_grade, name="grading_my"),
    path("grading/my-office/object/", object_to_grade, name="grading_object"),
    path("grading/objections/", objections, name="grading_objections"),
    path("grading/periods/", periods, name="grading_periods"),
    path("grading/periods/<str:code>/", period_page, name="grading_period"),
    path("grading/periods/<str:code>/grade/", run, name="grading_run"),
    path("grading/periods/<str:code>/inputs.csv", inputs_csv, name="grading_inputs"),
]
