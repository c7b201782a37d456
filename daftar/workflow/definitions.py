"""The standard workflows, as data, and the installer that writes them as a new version.

Each definition: states (code, fa, en, SLA working days, flags) and actions
(code, fa, en, from, to, roles, requires_reason). Roles are role names plus "system" (the
platform itself: payments, automatic steps) and "partner" (a partner app acting for the
citizen).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from daftar.workflow.models import Workflow, WorkflowAction, WorkflowState, WorkflowVersion

CITIZEN, OPERATOR, MANAGER = "citizen", "office_operator", "office_manager"
REVIEWER, SYSTEM, PARTNER = "department_reviewer", "system", "partner"
FRONT = [CITIZEN, OPERATOR, MANAGER, PARTNER]  # whoever submitted on the citizen's behalf

_COMMON_STATES = [
    # code, fa, en, sla, flags
    ("draft", "پیش‌نویس", "Draft", None, {"is_start": True, "citizen_editable": True}),
    ("submitted", "ثبت‌شده", "Submitted", 1, {}),
    ("awaiting_payment", "در انتظار پرداخت", "Awaiting payment", 10, {"awaiting_payment": True}),
    ("cancelled", "لغوشده", "Cancelled", None, {"is_terminal": True}),
    ("closed", "مختومه", "Closed", None, {"is_terminal": True}),
]
_REVIEW_STATES = [
    (
        "in_review",
        "در حال بررسی در معاونت",
        "In review at the department",
        5,
        {"in_department": True},
    ),
    (
        "correction_requested",
        "نیازمند اصلاح",
        "Correction requested",
        15,
        {"citizen_editable": True},
    ),
    ("approved", "تأییدشده", "Approved", 3, {}),
    ("delivered", "تحویل‌شده", "Delivered", 5, {}),
    ("rejected", "ردشده", "Rejected", None, {"is_terminal": True}),
]
_FIELD_VISIT = [("field_visit", "بازدید میدانی", "Field visit", 7, {"in_department": True})]

_START = [
    ("submit", "ثبت درخواست", "Submit", "draft", "submitted", FRONT, False),
    ("cancel", "انصراف", "Cancel", "draft", "cancelled", FRONT, False),
    (
        "issue_bill",
        "صدور صورتحساب",
        "Issue the bill",
        "submitted",
        "awaiting_payment",
        [SYSTEM],
        False,
    ),
    ("cancel", "انصراف", "Cancel", "submitted", "cancelled", FRONT, False),
    ("cancel", "انصراف", "Cancel", "awaiting_payment", "cancelled", FRONT, False),
]
_REVIEW = [
    (
        "start_review",
        "ارسال به معاونت",
        "Send for review",
        "submitted",
        "in_review",
        [SYSTEM],
        False,
    ),
    ("pay", "پرداخت", "Paid", "awaiting_payment", "in_review", [SYSTEM], False),
    (
        "request_correction",
        "درخواست اصلاح",
        "Request a correction",
        "in_review",
        "correction_requested",
        [REVIEWER],
        True,
    ),
    ("resubmit", "ارسال مجدد", "Resubmit", "correction_requested", "in_review", FRONT, False),
    ("approve", "تأیید", "Approve", "in_review", "approved", [REVIEWER], False),
    ("reject", "رد", "Reject", "in_review", "rejected", [REVIEWER], True),
    ("deliver", "تحویل", "Deliver", "approved", "delivered", [OPERATOR, MANAGER, REVIEWER], False),
    (
        "close",
        "اختتام",
        "Close",
        "delivered",
        "closed",
        [CITIZEN, OPERATOR, MANAGER, REVIEWER, SYSTEM],
        False,
    ),
]
_VISIT = [
    (
        "schedule_visit",
        "ارجاع به بازدید",
        "Schedule a field visit",
        "in_review",
        "field_visit",
        [REVIEWER],
        False,
    ),
    (
        "record_visit",
        "ثبت نتیجه بازدید",
        "Record the visit",
        "field_visit",
        "in_review",
        [REVIEWER],
        True,
    ),
]

# What the timeline says once an action is taken, by action code (fa, en): the actions' names
# are buttons ("issue the bill"), these are sentences ("the bill was issued"). The file
# timeline adds where the file went when it enters a department.
DONE = {
    "submit": ("پرونده ثبت شد", "The file was submitted"),
    "cancel": ("پرونده لغو شد", "The file was cancelled"),
    "issue_bill": ("صورتحساب صادر شد", "The bill was issued"),
    "start_review": ("ثبت پرونده کامل شد", "Intake was completed"),
    "pay": ("پرداخت شد", "The fee was paid"),
    "request_correction": ("اصلاح پرونده خواسته شد", "A correction was requested"),
    "resubmit": ("پرونده اصلاح و دوباره فرستاده شد", "The file was corrected and sent again"),
    "approve": ("پرونده تأیید شد", "The file was approved"),
    "reject": ("پرونده رد شد", "The file was rejected"),
    "deliver": ("نتیجه به متقاضی تحویل شد", "The result was delivered"),
    "close": ("پرونده مختومه شد", "The file was closed"),
    "schedule_visit": ("بازدید میدانی تعیین شد", "A field visit was scheduled"),
    "record_visit": ("نتیجه بازدید میدانی ثبت شد", "The field visit was recorded"),
}

DEFINITIONS = {
    "permit": {
        "name_fa": "پروانه و پرونده‌های شهرسازی (با بازدید میدانی)",
        "name_en": "Permits and urban-planning files (with a field visit)",
        "states": _COMMON_STATES + _REVIEW_STATES + _FIELD_VISIT,
        "actions": _START + _REVIEW + _VISIT,
    },
    "certificate": {
        "name_fa": "گواهی‌ها (بررسی بدون بازدید)",
        "name_en": "Certificates (review without a visit)",
        "states": _COMMON_STATES + _REVIEW_STATES,
        "actions": _START + _REVIEW,
    },
    "bill": {
        "name_fa": "صورتحساب عوارض (پرداخت و اختتام)",
        "name_en": "Duty bills (pay and close)",
        "states": _COMMON_STATES,
        "actions": [
            *_START,
            ("pay", "پرداخت", "Paid", "awaiting_payment", "closed", [SYSTEM], False),
        ],
    },
}


@transaction.atomic
def workflow_install(code: str, definition: dict | None = None) -> WorkflowVersion:
    """Write `definition` as the next version of workflow `code` and return it."""
    definition = definition or DEFINITIONS[code]
    workflow, _created = Workflow.objects.get_or_create(
        code=code, defaults={"name_fa": definition["name_fa"], "name_en": definition["name_en"]}
    )
    number = (workflow.versions.aggregate(m=Max("version"))["m"] or 0) + 1
    version = WorkflowVersion.objects.create(
        workflow=workflow, version=number, published_at=timezone.now()
    )
    states = {}
    for state_code, fa, en, sla, flags in definition["states"]:
        states[state_code] = WorkflowState.objects.create(
            version=version, code=state_code, name_fa=fa, name_en=en, sla_days=sla, **flags
        )
    done = definition.get("done", DONE)
    for action_code, fa, en, source, target, roles, reason in definition["actions"]:
        done_fa, done_en = done.get(action_code, ("", ""))
        WorkflowAction.objects.create(
            version=version,
            code=action_code,
            name_fa=fa,
            name_en=en,
            from_state=states[source],
            to_state=states[target],
            roles=list(roles),
            requires_reason=reason,
            done_fa=done_fa,
            done_en=done_en,
        )
    return version


def workflow_current(code: str) -> WorkflowVersion:
    """The latest published version of workflow `code` (installed from its standard definition
    if it has none); a draft is never current."""
    return WorkflowVersion.objects.filter(workflow__code=code, published_at__isnull=False).order_by(
        "-version"
    ).first() or workflow_install(code)
