"""Demo supervision: inspections (see the package's docstring for the order).

Two checklists adopted by a policy decision about six months ago (the periodic inspection,
four sections and fourteen items citing the demo bylaw; the mystery-shopper visit), a second
inspector so that the rotation has someone to rotate to, the plans of the last two quarters
with about 60 % of the past quarter's inspections signed off (through the services, with
realistic answers and photos), findings, responses and corrective actions, one follow-up, one
mystery-shopper visit, inspections for today for the demo `inspector`, and findings that wait
for the demo `manager`'s response.
"""

from __future__ import annotations

import datetime
import io
import secrets
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.accounts.services import user_create_staff
from daftar.cases.models import File
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.jalali import to_jalali
from daftar.governance.choices import DecisionKind
from daftar.offices.models import Office
from daftar.supervision.choices import (
    AnswerResult,
    Evidence,
    InspectionKind,
    InspectionStatus,
    Severity,
)
from daftar.supervision.demo import adopt_decision, bylaw_article, demo_clock
from daftar.supervision.models import (
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionPlan,
)
from daftar.supervision.services import checklists, inspections

PERIODIC = "periodic-office"
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
MYSTERY = "mystery-shopper"

# (section, [(code, text, weight, evidence, severity, declaration field, articles)])
PERIODIC_ITEMS = [
    (
        "اطلاع‌رسانی و تعرفه‌ها",
        [
            (
                "tariff-board",
                "فهرست خدمات مجاز و تعرفهٔ هر خدمت در معرض دید شهروندان نصب شده است.",
                3,
                Evidence.PHOTO,
                Severity.MAJOR,
                "",
                [14],
            ),
            (
                "opening-hours",
                "ساعات کار دفتر روی در ورودی نصب شده و دفتر در ساعات اعلام‌شده باز است.",
                2,
                Evidence.PHOTO,
                Severity.MINOR,
                "",
                [14],
            ),
            (
                "licence-displayed",
                "پروانهٔ بهره‌برداری دفتر در محل پذیرش نصب شده است.",
                1,
                Evidence.PHOTO,
                Severity.MINOR,
                "",
                [11],
            ),
            (
                "staff-certificates",
                "گواهی صلاحیت کارکنان هر حوزهٔ خدمتی در دفتر در دسترس است.",
                2,
                Evidence.NOTE,
                Severity.MAJOR,
                "",
                [15],
            ),
        ],
    ),
    (
        "وجوه و رسیدها",
        [
            (
                "no-cash",
                "دفتر وجه نقد دریافت یا نگهداری نمی‌کند.",
                3,
                Evidence.NOTE,
                Severity.CRITICAL,
                "",
                [16],
            ),
            (
                "treasury-receipts",
                "رسید هر پرداخت از سامانهٔ خزانه صادر و به شهروند داده می‌شود.",
                3,
                Evidence.PHOTO,
                Severity.MAJOR,
                "",
                [16],
            ),
            (
                "card-reader",
                "پایانهٔ فروش متصل به حساب واحد خزانه فعال است.",
                2,
                Evidence.NONE,
                Severity.MAJOR,
                "equipment.card_reader",
                [16],
            ),
            (
                "no-extra-fee",
                "وجهی مازاد بر تعرفهٔ مصوب دریافت نمی‌شود.",
                3,
                Evidence.NOTE,
                Severity.CRITICAL,
                "",
                [14],
            ),
        ],
    ),
    (
        "نوبت‌دهی و دسترسی",
        [
            (
                "queue-system",
                "سامانهٔ نوبت‌دهی فعال است و نوبت شهروندان رعایت می‌شود.",
                2,
                Evidence.PHOTO,
                Severity.MINOR,
                "equipment.queue_display",
                [14],
            ),
            (
                "ramp",
                "ورودی دفتر رمپ یا دسترسی مناسب برای افراد دارای معلولیت دارد.",
                2,
                Evidence.PHOTO,
                Severity.MAJOR,
                "accessibility.ramp",
                [13],
            ),
            (
                "seating",
                "فضای انتظار صندلی کافی برای سالمندان و شهروندان دارد.",
                1,
                Evidence.NONE,
                Severity.MINOR,
                "accessibility.seating",
                [13],
            ),
        ],
    ),
    (
        "حفاظت از اطلاعات",
        [
            (
                "screen-privacy",
                "صفحهٔ نمایش باجه‌ها از دید دیگر مراجعان پنهان است.",
                2,
                Evidence.PHOTO,
                Severity.MAJOR,
                "",
                [18],
            ),
            (
                "document-storage",
                "مدارک شهروندان در جای قفل‌دار نگهداری و پس از اسکن بازگردانده می‌شود.",
                2,
                Evidence.NOTE,
                Severity.MAJOR,
                "",
                [18],
            ),
            (
                "scanner",
                "اسکنر مدارک در هر باجه فعال است.",
                1,
                Evidence.NONE,
                Severity.MINOR,
                "equipment.scanner",
                [20],
            ),
        ],
    ),
]

MYSTERY_ITEMS = [
    (
        "تجربهٔ مراجعه",
        [
            (
                "greeting",
                "کارمند با احترام پاسخ داد و نوبت رعایت شد.",
                2,
                Evidence.NOTE,
                Severity.MINOR,
                "",
                [14],
            ),
            (
                "fee-as-tariff",
                "مبلغ دریافتی برابر تعرفهٔ مصوب بود و رسید خزانه داده شد.",
                3,
                Evidence.NOTE,
                Severity.CRITICAL,
                "",
                [14, 16],
            ),
            (
                "tracking-code",
                "کد رهگیری پرونده در پایان ثبت به شهروند اعلام شد.",
                2,
                Evidence.NOTE,
                Severity.MAJOR,
                "",
                [21],
            ),
            (
                "no-extra-documents",
                "مدرکی بیش از فهرست مدارک خدمت خواسته نشد.",
                2,
                Evidence.NOTE,
                Severity.MAJOR,
                "",
                [20],
            ),
        ],
    ),
]

NOTES_OK = ["بررسی شد و مطابق است.", "مشاهده شد.", "در بازدید رعایت شده بود."]
NOTES_BAD = [
    "در زمان بازدید رعایت نشده بود.",
    "به مسئول دفتر تذکر داده شد.",
    "بخشی از موارد رعایت شده بود.",
]


def _photo(rng) -> SimpleUploadedFile:
    image = Image.new("RGB", (320, 240), (rng.randrange(256), rng.randrange(256), 180))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")


def _build(supervisor, code, name, items, *, mystery, decision):
    actor = Actor.for_user(supervisor)
    version = checklists.checklist_template_create(
        actor=actor, code=code, name_fa=name, for_mystery_shopper=mystery
    )
    for title, rows in items:
        section = checklists.checklist_section_add(actor=actor, version=version, title_fa=title)
        for item_code, text, weight, evidence, severity, field, articles in rows:
            cited = [(a, None) for a in (bylaw_article(n) for n in articles) if a is not None]
            checklists.checklist_item_add(
                actor=actor,
                section=section,
                code=item_code,
                text_fa=text,
                weight=weight,
                evidence=evidence,
                severity_if_failed=severity,
                verifies_declaration=field,
                citations=cited,
            )
    return checklists.checklist_version_adopt(actor=actor, version=version, decision=decision)


def _inspector2(inspector: User) -> User:
    """A second inspector (the rotation needs two), signing in with the demo's password: the
    demo `inspector`'s password hash is copied (supervision may not import the demo package)."""
    existing = User.objects.filter(username="inspector2").first()
    if existing is not None:
        return existing
    user = user_create_staff(
        actor=Actor.system("demo"),
        username="inspector2",
        password=secrets.token_urlsafe(24),
        roles=[Role.INSPECTOR],
        first_name="سعید",
        last_name="نادری",
    )
    User.objects.filter(pk=user.pk).update(password=inspector.password)
    return user


def _answer_and_submit(ctx, inspection, *, failures: float = 0.15, summary: str = ""):
    actor = Actor.for_user(inspection.inspector)
    rng = ctx.rng
    if inspection.status == InspectionStatus.ASSIGNED:
        inspection = inspections.inspection_check_in(
            actor=actor,
            inspection=inspection,
            latitude=f"{35.65 + rng.random() / 10:.6f}",
            longitude=f"{51.30 + rng.random() / 10:.6f}",
            accuracy_m=rng.randrange(5, 40),
        )
    if inspection.kind == InspectionKind.MYSTERY_SHOPPER and inspection.mystery_file_id is None:
        file = File.objects.filter(office=inspection.office_id).order_by("pk").first()
        if file is not None:
            inspections.inspection_link_mystery_file(
                actor=actor, inspection=inspection, tracking_code=file.tracking_code
            )
    items = ChecklistItem.objects.filter(section__version=inspection.checklist_id).order_by(
        "section__order", "order"
    )
    for item in items:
        draw = rng.random()
        if draw < failures / 2:
            result = AnswerResult.NON_COMPLIANT
        elif draw < failures:
            result = AnswerResult.PARTIAL
        else:
            result = AnswerResult.COMPLIANT
        note = rng.choice(NOTES_BAD if result != AnswerResult.COMPLIANT else NOTES_OK)
        inspections.inspection_answer(
            actor=actor, inspection=inspection, item=item, result=result, note=note
        )
        if item.evidence in (Evidence.PHOTO, Evidence.DOCUMENT):
            inspections.inspection_photo_add(
                actor=actor, inspection=inspection, item=item, upload=_photo(rng)
            )
    return inspections.inspection_submit(actor=actor, inspection=inspection, summary=summary)


def _jalali_quarter(day: datetime.date) -> tuple[int, int]:
    j = to_jalali(day)
    return j.year, (j.month - 1) // 3 + 1


def seed(ctx) -> None:
    if ChecklistTemplate.objects.filter(code=PERIODIC).exists():
        ctx.log("supervision inspections: already seeded")
        return
    supervisor = User.objects.filter(username="supervisor").first()
    inspector = User.objects.filter(username="inspector").first()
    manager = User.objects.filter(username="manager").first()
    if supervisor is None or inspector is None:
        ctx.log("supervision inspections: no demo supervisor or inspector; skipped")
        return
    today = timezone.localdate()
    decision = adopt_decision(
        kind=DecisionKind.POLICY,
        subject_fa="تصویب فهرست‌های وارسی بازرسی دفاتر و مهلت ده روز کاری پاسخ به یافته‌ها",
        subject_en="Inspection checklists of the offices and a ten-working-day response window",
        body_fa=(
            "فهرست وارسی «بازرسی دوره‌ای دفتر» و فهرست «مراجعهٔ پنهان» به استناد مواد ۱۳، ۱۴، "
            "۱۶، ۱۸ و ۲۶ آیین‌نامه تصویب شد. دفتر ظرف ده روز کاری از ثبت گزارش به یافته‌ها پاسخ "
            "می‌دهد."
        ),
        day=today - datetime.timedelta(days=182),
        citations=[(a, None) for a in (bylaw_article(26),) if a is not None],
    )
    _build(
        supervisor, PERIODIC, "بازرسی دوره‌ای دفتر", PERIODIC_ITEMS, mystery=False, decision=decision
    )
    _build(supervisor, MYSTERY, "مراجعهٔ پنهان", MYSTERY_ITEMS, mystery=True, decision=decision)
    second = _inspector2(inspector)
    unit = Actor.for_user(supervisor)

    # The past quarter's plan, about 60 % of it signed off; then this quarter's.
    year, quarter = _jalali_quarter(today)
    past = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    submitted = 0
    for plan_year, plan_quarter in (past, (year, quarter)):
        if InspectionPlan.objects.filter(year=plan_year, quarter=plan_quarter).exists():
            continue
        try:
            plan = inspections.inspection_plan_generate(
                actor=unit, year=plan_year, quarter=plan_quarter
            )
        except DaftarError as error:
            ctx.log(f"supervision inspections: plan {plan_year}-Q{plan_quarter} not made: {error}")
            continue
        rows = list(plan.inspections.order_by("risk_rank"))
        share = 0.6 if (plan_year, plan_quarter) == past else 0.25
        for row in rows[: min(40, max(1, round(len(rows) * share)))]:
            failures = 0.2 if row.risk_rank <= 3 else 0.1
            if row.scheduled_on < today:
                # Signed off on its day, so that the grading period it fell in counts it.
                at = datetime.datetime.combine(row.scheduled_on, datetime.time(10), tzinfo=TEHRAN)
                with demo_clock(at):
                    _answer_and_submit(ctx, row, failures=failures)
            else:
                _answer_and_submit(ctx, row, failures=failures)
            submitted += 1

    # The flagship office: a report with findings awaiting the manager, one answered with a
    # corrective action, then the follow-up that checks it.
    flagship = (
        Office.objects.filter(code="T0101").first() or Office.objects.order_by("code").first()
    )
    if flagship is not None:
        first = _schedule(unit, flagship, InspectionKind.UNANNOUNCED, today)
        if first is not None:
            _answer_and_submit(ctx, first, failures=0.45, summary="چند مورد نیازمند اصلاح است.")
            open_findings = list(Finding.objects.filter(inspection=first).order_by("pk"))
            if manager is not None and len(open_findings) >= 2:
                boss = Actor.for_user(manager)
                answered = open_findings[0]
                inspections.finding_respond(
                    actor=boss,
                    finding=answered,
                    response="مورد پذیرفته شد و اصلاح در دست انجام است.",
                )
                action = inspections.corrective_action_agree(
                    actor=boss,
                    finding=answered,
                    description="نصب تابلوی تعرفه و آموزش کارکنان باجه‌ها",
                    due_on=today + datetime.timedelta(days=14),
                )
                follow = _schedule(
                    unit, flagship, InspectionKind.FOLLOW_UP, today, follow_up_of=first
                )
                if follow is not None:
                    inspections.inspection_check_in(
                        actor=Actor.for_user(follow.inspector), inspection=follow
                    )
                    inspections.corrective_action_verify(
                        actor=Actor.for_user(follow.inspector),
                        inspection=follow,
                        action=action,
                        done=True,
                    )
                    inspections.inspection_submit(
                        actor=Actor.for_user(follow.inspector), inspection=follow
                    )

    # One mystery-shopper visit, signed off.
    shop = File.objects.exclude(office=None).order_by("pk").values_list("office", flat=True).first()
    if shop is not None:
        visit = _schedule(unit, Office.objects.get(pk=shop), InspectionKind.MYSTERY_SHOPPER, today)
        if visit is not None:
            _answer_and_submit(ctx, visit, failures=0.25)

    # Work for the demo inspector today: two unannounced inspections not yet started.
    given = 0
    for office in (
        Office.objects.filter(status="active")
        .exclude(pk=getattr(flagship, "pk", None))
        .order_by("code")
    ):
        if given >= 2:
            break
        if _schedule(unit, office, InspectionKind.UNANNOUNCED, today, inspector=inspector):
            given += 1
    ctx.log(
        f"supervision inspections: 2 checklists, {Inspection.objects.count()} inspections "
        f"({submitted} of the plans signed off), {Finding.objects.count()} findings; "
        f"inspector2 ({second.username}) rotates with inspector"
    )


def _schedule(unit, office, kind, day, *, inspector=None, follow_up_of=None):
    try:
        return inspections.inspection_schedule(
            actor=unit,
            office=office,
            kind=kind,
            scheduled_on=day,
            inspector=inspector,
            follow_up_of=follow_up_of,
        )
    except DaftarError:
        return None
