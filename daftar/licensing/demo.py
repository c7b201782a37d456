"""Demo data for licensing, through the services (so every step is audited like real work).

- Call 1404-1, completed: opened by the governance demo's decision of 1404/08/26 with the
  quotas that decision names, 120 applicants (citizen accounts), document review with a few
  rejections, exam scores imported from CSV (some absent, some below the pass mark), the
  ranking published, two objections (one upheld with a corrected score, which republishes),
  agreements in principle by the decision of 1404/11/06 to exactly the applicants that
  decision names, and operating licences for three of them (new offices, opened).
- Call 1405-1, open for applications today, with quotas proposed by the formula from the
  office network and a handful of applications at different stages of review.

Idempotent: a call that exists is left as it is. Deterministic: `random.Random` with fixed
seeds, so every run writes the same people, scores and results.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from daftar.core import generators
from daftar.core.actors import Actor
from daftar.core.digits import to_persian_digits
from daftar.governance.choices import Seat
from daftar.governance.models import CommitteeMember
from daftar.licensing import services
from daftar.licensing.choices import DocumentKind
from daftar.licensing.demo_support import (
    People,
    application_data,
    call_settings,
    committee_licence_decision,
    documents,
    governance_licence_decision,
    jdate,
    next_office_code,
)
from daftar.licensing.models import Call
from daftar.offices.models import District

# Call 1404-1, as the governance demo's decisions of 1404/08/26 and 1404/11/06 state it.
QUOTAS_1404 = {4: 3, 5: 3, 15: 2, 18: 2, 21: 1, 22: 2}
WINNERS_1404 = {
    4: (17, 42, 105),
    5: (8, 71, 93),
    15: (63, 120),
    18: (36, 88),
    21: (54,),
    22: (29, 112),
}
APPLICANTS_1404 = 120
APPLICANTS_1405 = 8
# Citizen accounts the licensing demo creates (every applicant is a signed-in citizen).
DEMO_CITIZENS = APPLICANTS_1404 + APPLICANTS_1405
REJECTED_1404 = {11: DocumentKind.CLEAN_RECORD, 46: DocumentKind.DEGREE, 77: DocumentKind.TM_DEGREE}
ABSENT_1404 = (5, 33, 60, 99)
OBJECTIONS_1404 = {
    24: ("پاسخ‌برگ من دوباره بازبینی شود؛ به نظرم نمره کمتر از انتظار ثبت شده است.", "58"),
    51: ("سابقه کار من کامل محاسبه نشده است.", None),
}
LICENSED_1404 = (17, 8, 29)  # the first agreement of districts 4, 5 and 22


def _seed_completed_call(log, people: People, secretary, reviewer) -> None:
    opening = governance_licence_decision("Open call no. 1404-1", 0)
    awarding = governance_licence_decision("Agreements in principle", 1)
    if opening is None or awarding is None:
        log("licensing: the governance demo's licence decisions are missing; 1404-1 skipped")
        return
    rng = people.rng
    times = {
        "registration_opens": jdate(1404, 8, 28),
        "registration_closes": jdate(1404, 9, 30),
        "review_until": jdate(1404, 10, 7),
        "exam_on": jdate(1404, 10, 12),
        "results_on": jdate(1404, 10, 25),
        "objections_until": jdate(1404, 11, 4),
    }
    call = services.call_create(
        actor=Actor.for_user(secretary),
        code="1404-1",
        settings=call_settings(
            "فراخوان عمومی شماره ۱۴۰۴-۱ اعطای موافقت اصولی دفاتر خدمات الکترونیک شهر",
            times,
            60_000,
        ),
    )
    quotas = {q.district.number: 0 for q in call.quotas.select_related("district")}
    quotas.update({d: q for d, q in QUOTAS_1404.items() if d in quotas})
    services.call_quotas_set(actor=Actor.for_user(secretary), call=call, quotas=quotas)
    services.call_open(
        actor=Actor.for_user(secretary),
        call=call,
        decision=opening,
        today=times["registration_opens"],
    )

    winner_of = {seq: d for d, seqs in WINNERS_1404.items() for seq in seqs}
    districts = sorted(d for d in QUOTAS_1404 if d in quotas)
    applications = {}
    for seq in range(1, APPLICANTS_1404 + 1):
        user = people.citizen()
        if seq in winner_of:
            choice = [winner_of[seq], *rng.sample([d for d in districts if d != winner_of[seq]], 1)]
        else:
            choice = rng.sample(districts, rng.randint(1, 3))
        day = times["registration_opens"] + datetime.timedelta(
            days=(seq - 1) * 32 // APPLICANTS_1404
        )
        applications[seq] = services.application_submit(
            actor=Actor.for_user(user),
            call=call,
            data=application_data(
                rng,
                people,
                user,
                opens=times["registration_opens"],
                districts=choice,
                winner=seq in winner_of,
            ),
            documents=documents(f"a{seq}", with_experience=rng.random() < 0.5),
            today=day,
        )
    for seq, application in applications.items():
        for document in application.documents.filter(current=True).order_by("kind"):
            rejected = REJECTED_1404.get(seq) == document.kind
            services.document_review(
                actor=Actor.for_user(reviewer),
                document=document,
                accepted=not rejected,
                reason="تصویر مدرک ناخوانا است و با اصل مطابقت داده نشد." if rejected else "",
            )
    services.call_close_registration(
        actor=Actor.for_user(secretary),
        call=call,
        today=times["registration_closes"] + datetime.timedelta(days=1),
    )
    lines = ["applicant_code,score"]
    for seq, application in applications.items():
        if seq in REJECTED_1404:
            continue
        if seq in ABSENT_1404:
            lines.append(f"{application.code},absent")
        elif seq in winner_of:
            lines.append(f"{application.code},{rng.randint(180, 198) / 2:.1f}")
        elif seq in OBJECTIONS_1404 and OBJECTIONS_1404[seq][1]:
            lines.append(f"{application.code},{OBJECTIONS_1404[seq][1]}")
        else:
            lines.append(f"{application.code},{rng.randint(70, 140) / 2:.1f}")
    services.scores_import(
        actor=Actor.for_user(reviewer), call=call, content="\n".join(lines).encode()
    )
    services.call_mark_scored(actor=Actor.for_user(secretary), call=call)
    services.call_publish_results(actor=Actor.for_user(secretary), call=call)

    for seq, (text, _score) in OBJECTIONS_1404.items():
        application = applications[seq]
        objection = services.objection_file(
            actor=Actor.for_user(application.applicant),
            application=application,
            text=text,
            today=times["results_on"] + datetime.timedelta(days=3),
        )
        if seq == 24:
            services.objection_rule(
                actor=Actor.for_user(secretary),
                objection=objection,
                upheld=True,
                reason="پاسخ‌برگ بازبینی شد؛ چهار پاسخ درست در شمارش اولیه از قلم افتاده بود.",
                corrected_score=Decimal("66"),
            )
        else:
            services.objection_rule(
                actor=Actor.for_user(secretary),
                objection=objection,
                upheld=False,
                reason="سابقه کار بر اساس مدارک بارگذاری‌شده به‌درستی محاسبه شده است.",
            )
    services.call_close_objections(
        actor=Actor.for_user(secretary),
        call=call,
        today=times["objections_until"] + datetime.timedelta(days=1),
    )
    awards = services.proposed_awards(call)
    expected = {(applications[s].code, d) for s, d in winner_of.items() if d in quotas}
    if {(a.code, a.district) for a in awards} != expected:
        log("licensing: warning — the 1404-1 allocation differs from decision 1404/11/06's list")
    agreements = services.agreements_award(
        actor=Actor.for_user(secretary),
        call=call,
        decision=awarding,
        awards=awards,
        setup_deadline=jdate(1405, 5, 6),
    )
    licensing_decision = committee_licence_decision(
        secretary,
        subject="صدور پروانه بهره‌برداری برای سه دارنده موافقت اصولی فراخوان ۱۴۰۴-۱",
        subject_en="Operating licences for three holders of agreements in principle of call 1404-1",
        body=(
            "پس از بازدید کارشناسان و احراز آمادگی محل، تجهیزات و کارکنان، به استناد ماده (۱۱) "
            "آیین‌نامه ساماندهی دفاتر، برای سه دارنده موافقت اصولی فراخوان ۱۴۰۴-۱ پروانه "
            "بهره‌برداری به مدت سه سال صادر شد."
        ),
        day=jdate(1405, 3, 10),
        cites=(11,),
    )
    by_code = {a.application.code: a for a in agreements}
    for n, seq in enumerate(LICENSED_1404):
        agreement = by_code.get(applications[seq].code)
        if agreement is None:
            continue
        district = agreement.district
        services.agreement_issue_licence(
            actor=Actor.for_user(secretary),
            agreement=agreement,
            decision=licensing_decision,
            office_code=next_office_code(district),
            office_name=f"دفتر خدمات الکترونیک شهر {district.name_fa} (فراخوان ۱۴۰۴-۱)",
            address=f"تهران، {district.name_fa}، خیابان {rng.choice(['بهار', 'گلستان', 'نسترن'])}"
            f"، پلاک {to_persian_digits(str(rng.randint(2, 300)))}",
            postal_code=generators.postal_code(rng),
            issued_on=jdate(1405, 3, 15 + 5 * n),
            term_years=3,
            open_office=True,
        )
    services.call_close(actor=Actor.for_user(secretary), call=call)
    log(
        f"licensing: call 1404-1 completed — {APPLICANTS_1404} applicants, "
        f"{call.publications.count()} publications, {len(agreements)} agreements, "
        f"{len(LICENSED_1404)} offices licensed"
    )


def _seed_open_call(log, people: People, secretary, reviewer) -> None:
    today = timezone.localdate()
    rng = people.rng
    times = {
        "registration_opens": today - datetime.timedelta(days=7),
        "registration_closes": today + datetime.timedelta(days=23),
        "review_until": today + datetime.timedelta(days=33),
        "exam_on": today + datetime.timedelta(days=45),
        "results_on": today + datetime.timedelta(days=60),
        "objections_until": today + datetime.timedelta(days=70),
    }
    decision = committee_licence_decision(
        secretary,
        subject="فراخوان عمومی شماره ۱۴۰۵-۱ اعطای موافقت اصولی دفاتر و سهمیه مناطق",
        subject_en="Open call no. 1405-1 for office licences, with district quotas",
        body=(
            "به استناد مواد (۶)، (۷) و (۸) آیین‌نامه ساماندهی دفاتر، فراخوان عمومی شماره ۱۴۰۵-۱ "
            "با هدف یک دفتر فعال برای هر شصت هزار نفر جمعیت تصویب شد. سهمیه هر منطقه با فرمول "
            "منتشرشده همراه فراخوان از جمعیت و تعداد دفاتر فعال منطقه محاسبه می‌شود."
        ),
        day=today - datetime.timedelta(days=12),
        cites=(6, 7, 8),
    )
    call = services.call_create(
        actor=Actor.for_user(secretary),
        code="1405-1",
        settings=call_settings(
            "فراخوان عمومی شماره ۱۴۰۵-۱ اعطای موافقت اصولی دفاتر خدمات الکترونیک شهر", times, 60_000
        ),
    )
    if not call.quotas.filter(quota__gt=0).exists():
        log("licensing: call 1405-1 left as a draft — the formula proposes no places")
        return
    services.call_open(actor=Actor.for_user(secretary), call=call, decision=decision)
    districts = list(
        call.quotas.filter(quota__gt=0)
        .order_by("-quota", "district__number")
        .values_list("district__number", flat=True)[:6]
    )
    for seq in range(1, APPLICANTS_1405 + 1):
        user = people.citizen()
        application = services.application_submit(
            actor=Actor.for_user(user),
            call=call,
            data=application_data(
                rng,
                people,
                user,
                opens=times["registration_opens"],
                districts=rng.sample(districts, min(len(districts), rng.randint(1, 3))),
            ),
            documents=documents(f"b{seq}", with_experience=seq % 2 == 0),
            today=times["registration_opens"] + datetime.timedelta(days=seq - 1),
        )
        if seq <= 4:  # reviewed so far: three eligible, one with a rejected document
            for document in application.documents.filter(current=True).order_by("kind"):
                reject = seq == 4 and document.kind == DocumentKind.CLEAN_RECORD
                services.document_review(
                    actor=Actor.for_user(reviewer),
                    document=document,
                    accepted=not reject,
                    reason="گواهی عدم سوءپیشینه بیش از سه ماه پیش صادر شده است." if reject else "",
                )
    log(
        f"licensing: call 1405-1 open until {times['registration_closes']} "
        f"with {APPLICANTS_1405} applications"
    )


def seed_licensing(log: Callable[[str], None], password_hash: str) -> None:
    User = get_user_model()
    member = CommitteeMember.objects.filter(seat=Seat.URBAN_PLANNING, until__isnull=True).first()
    reviewer = User.objects.filter(username="reviewer").first()
    if member is None or reviewer is None or not District.objects.exists():
        log("licensing: committee, reviewer or districts missing; nothing seeded")
        return
    secretary = member.user
    for code, seed in (("1404-1", _seed_completed_call), ("1405-1", _seed_open_call)):
        if Call.objects.filter(code=code).exists():
            log(f"licensing: call {code} is there already")
            continue
        with transaction.atomic():  # a call is seeded whole or not at all
            seed(
                log, People(random.Random(f"licensing:{code}"), password_hash), secretary, reviewer
            )
