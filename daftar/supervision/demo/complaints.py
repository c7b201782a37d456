"""Demo supervision: complaints (see the package's docstring for the order).

The rules are adopted by a policy decision six months ago; then about forty complaints spread
over the half-year across the demo offices, in every category and status: rulings citing the
bylaw, one appeal awaiting the committee, one reopened, some rated, anonymous bribe reports,
repeated complaints about the flagship office (linked), a few received today for the
supervision unit to triage, and two by the demo citizen. Each is made through the services
(so audit entries, events and links are real) and then moved back to its day in the half-year.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.cases.models import File
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days
from daftar.governance.choices import DecisionKind
from daftar.offices.choices import OfficeStatus
from daftar.offices.models import Office
from daftar.offices.selectors import office_active_licence, office_of_user
from daftar.supervision.choices import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintRuling,
    RuleStatus,
    Severity,
)
from daftar.supervision.demo import adopt_decision, bylaw_article
from daftar.supervision.models import Complaint, ComplaintEvent, ComplaintRule
from daftar.supervision.services import complaints as services

RULES = {
    ComplaintCategory.BRIBE: (2, 10, True, Severity.CRITICAL),
    ComplaintCategory.DATA_MISUSE: (2, 10, True, Severity.CRITICAL),
    ComplaintCategory.OVERCHARGING: (3, 15, False, Severity.MAJOR),
    ComplaintCategory.REFUSAL: (3, 15, False, Severity.MAJOR),
    ComplaintCategory.RUDENESS: (3, 15, False, Severity.MINOR),
    ComplaintCategory.DELAY: (3, 15, False, Severity.MINOR),
    ComplaintCategory.ACCESSIBILITY: (5, 20, False, Severity.MINOR),
    ComplaintCategory.OTHER: (5, 20, False, Severity.MINOR),
}

TEXTS = {
    ComplaintCategory.OVERCHARGING: "بیش از تعرفه مصوب از من پول گرفتند و رسید ندادند.",
    ComplaintCategory.RUDENESS: "کارمند باجه با لحن تند با من صحبت کرد و جواب سؤالم را نداد.",
    ComplaintCategory.DELAY: "پرونده‌ام بیش از دو هفته بدون هیچ اقدامی در دفتر ماند.",
    ComplaintCategory.BRIBE: "برای جلو انداختن نوبت، مبلغی جدا از تعرفه خواستند.",
    ComplaintCategory.REFUSAL: "گفتند این خدمت را انجام نمی‌دهیم، با اینکه در فهرست دفتر بود.",
    ComplaintCategory.DATA_MISUSE: "پس از مراجعه به دفتر، پیامک تبلیغاتی با اطلاعات پرونده‌ام آمد.",
    ComplaintCategory.ACCESSIBILITY: "دفتر رمپ ندارد و مادرم با ویلچر نتوانست وارد شود.",
    ComplaintCategory.OTHER: "ساعت کاری اعلام‌شده رعایت نمی‌شود و دفتر زود تعطیل می‌کند.",
}
REASONS_UPHELD = "بررسی سوابق پرونده و گفت‌وگو با مدیر دفتر ادعای شاکی را تأیید کرد."
REASONS_REJECTED = "سوابق پرونده و ممیزی نشان می‌دهد خدمت مطابق آیین‌نامه انجام شده است."


def _rules(supervisor, day: datetime.date) -> None:
    if ComplaintRule.objects.filter(status=RuleStatus.ADOPTED).exists():
        return
    actor = Actor.for_user(supervisor)
    drafts = [
        services.complaint_rule_draft(
            actor=actor,
            category=category,
            triage_days=triage,
            resolve_days=resolve,
            anonymous_allowed=anonymous,
            severity=severity,
        )
        for category, (triage, resolve, anonymous, severity) in RULES.items()
    ]
    article = bylaw_article(1)
    decision = adopt_decision(
        kind=DecisionKind.POLICY,
        subject_fa="قواعد رسیدگی به شکایات شهروندان از دفاتر",
        subject_en="Rules for handling citizens' complaints about the offices",
        body_fa="مهلت بررسی اولیه و صدور رأی برای هر نوع شکایت، امکان شکایت بی‌نام برای رشوه و "
        "سوءاستفاده از اطلاعات شخصی و شدت تخلف در صورت تأیید شکایت تعیین شد.",
        day=day,
        citations=[(article, None)] if article else (),
    )
    services.complaint_rules_adopt(actor=actor, decision=decision, rules=drafts)


def _move_back(complaint: Complaint, at: datetime.datetime) -> None:
    """Put a complaint received now at `at`: its deadlines and its first events too."""
    rule = services.rule_in_force(complaint.category)
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=at,
        triage_due_at=add_working_days(at, rule.triage_days),
        due_at=add_working_days(at, rule.resolve_days),
    )
    ComplaintEvent.objects.filter(complaint=complaint).update(at=at)


def _events_at(complaint: Complaint, kinds, at: datetime.datetime) -> None:
    ComplaintEvent.objects.filter(complaint=complaint, kind__in=kinds).update(at=at)


def seed(ctx) -> None:
    if Complaint.objects.exists():
        ctx.log("supervision complaints: already there")
        return
    supervisor = User.objects.filter(username="supervisor").first()
    if supervisor is None:
        ctx.log("supervision complaints: no supervisor account, skipped")
        return
    now = timezone.now()
    today = timezone.localdate()
    _rules(supervisor, today - datetime.timedelta(days=182))
    rng = random.Random(f"{ctx.seed}:complaints")
    offices = list(Office.objects.filter(status=OfficeStatus.ACTIVE).order_by("code")[:8])
    manager = User.objects.filter(username="manager").first()
    flagship = (office_of_user(manager) if manager else None) or (offices[0] if offices else None)
    if flagship is None:
        ctx.log("supervision complaints: no office, skipped")
        return
    demo_citizen = User.objects.filter(national_code=ctx.demo_national_code).first()
    citizens = list(
        User.objects.filter(groups__name=Role.CITIZEN, mobile__gt="")
        .exclude(pk=getattr(demo_citizen, "pk", None))
        .order_by("pk")[:60]
    )
    files = list(
        File.objects.filter(office__isnull=False, operator__isnull=False, citizen__in=citizens)
        .select_related("citizen", "office", "operator")
        .order_by("pk")[:30]
    )
    operator = User.objects.filter(username="operator").first()
    counter = office_of_user(operator) if operator is not None else None
    if (
        counter is None
        or counter.status != OfficeStatus.ACTIVE
        or not office_active_licence(counter)
    ):
        operator = None  # the counter cannot take complaints: the portal files them all
    articles = [a for a in (bylaw_article(n) for n in (3, 5, 7, 9, 12)) if a is not None]
    if not articles and bylaw_article(1):
        articles = [bylaw_article(1)]
    sup = Actor.for_user(supervisor)
    categories = list(ComplaintCategory)
    made = []

    def file_one(
        i: int, days_ago: float, *, citizen=None, file=None, anonymous=False, category=None
    ):
        category = category or categories[i % len(categories)]
        office = flagship if i % 3 == 0 else rng.choice(offices or [flagship])
        channel = ComplaintChannel.PORTAL
        actor = None
        if anonymous:
            citizen = None
            category = ComplaintCategory.BRIBE
            actor = Actor.for_user(rng.choice(citizens)) if citizens else None
        elif file is not None:
            citizen = file.citizen
            office = None
        elif citizen is None:
            citizen = rng.choice(citizens)
        if not anonymous and operator is not None and file is None and i % 4 == 1:
            channel = ComplaintChannel.COUNTER
            actor = Actor.for_user(operator)
        actor = actor or Actor.for_user(citizen)
        complaint = services.complaint_file(
            actor=actor,
            channel=channel,
            category=category,
            description=TEXTS[category],
            complainant=citizen if channel == ComplaintChannel.COUNTER else None,
            anonymous=anonymous,
            contact_mobile="09121112233" if anonymous and i % 2 else "",
            office=office,
            file=file,
            staff_member=file.operator if file is not None and i % 2 else None,
        )
        at = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 6))
        _move_back(complaint, at)
        complaint.refresh_from_db()
        made.append(complaint)
        return complaint, at

    def rule(complaint, at, ruling, *, days_later=8, rate=None):
        services.complaint_take(actor=sup, complaint=complaint)
        if complaint.file_id:
            event = complaint.file.events.order_by("pk").first()
            if event is not None:
                services.complaint_evidence_add(
                    actor=sup, complaint=complaint, source="file_event", reference=str(event.pk)
                )
        services.complaint_evidence_add(
            actor=sup, complaint=complaint, source="note", note="با مدیر دفتر تماس گرفته شد."
        )
        upheld = ruling != ComplaintRuling.REJECTED
        services.complaint_rule_on(
            actor=sup,
            complaint=complaint,
            ruling=ruling,
            reasons=REASONS_UPHELD if upheld else REASONS_REJECTED,
            citations=[(rng.choice(articles), None)] if articles else (),
        )
        ruled_at = at + datetime.timedelta(days=days_later)
        Complaint.objects.filter(pk=complaint.pk).update(ruled_at=ruled_at, closed_at=ruled_at)
        _events_at(complaint, ["investigating", "assigned"], at + datetime.timedelta(days=1))
        _events_at(complaint, ["evidence"], at + datetime.timedelta(days=3))
        _events_at(complaint, ["ruled"], ruled_at)
        complaint.refresh_from_db()
        if rate is not None and complaint.complainant_id:
            services.complaint_rate(
                actor=Actor.for_user(complaint.complainant), complaint=complaint, score=rate
            )
            _events_at(complaint, ["rated"], ruled_at + datetime.timedelta(days=1))
        return complaint

    rulings = [ComplaintRuling.UPHELD, ComplaintRuling.REJECTED, ComplaintRuling.PARTLY_UPHELD]
    # Ruled and closed over the half-year, some about the citizens' own files and operators.
    for i in range(24):
        days_ago = 175 - i * 6.5
        file = files[i] if i < len(files) and i % 3 == 2 else None
        complaint, at = file_one(i, days_ago, file=file, anonymous=(i % 11 == 4))
        rule(complaint, at, rulings[i % 3], rate=(None if i % 4 == 3 else rng.randint(2, 5)))
    # One appeal awaiting the committee, one reopened complaint.
    appealed, at = file_one(30, 12, category=ComplaintCategory.OVERCHARGING)
    appealed = rule(appealed, at, ComplaintRuling.REJECTED, days_later=6)
    services.complaint_appeal(
        actor=Actor.for_user(appealed.complainant),
        complaint=appealed,
        reason="رسید پرداخت اضافه را دارم و در بررسی دیده نشده است.",
    )
    reopened, at = file_one(31, 20, category=ComplaintCategory.DELAY)
    reopened = rule(reopened, at, ComplaintRuling.PARTLY_UPHELD, days_later=7)
    services.complaint_reopen(
        actor=Actor.for_user(reopened.complainant),
        complaint=reopened,
        reason="پس از رأی، پرونده باز هم معطل مانده است.",
    )
    # Under investigation (one of them late), and received, a few of them today.
    for i in range(32, 37):
        complaint, _at = file_one(i, 9 - (i - 32) * 1.5)
        services.complaint_take(actor=sup, complaint=complaint)
    for i in range(37, 42):
        file_one(i, 0 if i >= 39 else 5, anonymous=(i == 40))
    # The demo citizen's two: one ruled (to rate or appeal), one received.
    if demo_citizen is not None:
        mine, at = file_one(42, 4, citizen=demo_citizen, category=ComplaintCategory.RUDENESS)
        rule(mine, at, ComplaintRuling.UPHELD, days_later=2)
        file_one(43, 0, citizen=demo_citizen, category=ComplaintCategory.DELAY)
    moved = services.complaints_escalate(actor=Actor.system("complaints"))
    ctx.log(f"supervision complaints: {len(made)} added, {moved} escalated or closed")
