"""Builders for licensing tests: districts, decisions, calls and applications, all made
through the services (so the audit log and the guards see them as real work)."""

from __future__ import annotations

import datetime
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from daftar.accounts.tests.factories import CitizenFactory
from daftar.core import generators
from daftar.core.actors import Actor
from daftar.core.jalali import to_jalali
from daftar.governance import services as governance
from daftar.governance.choices import DecisionKind, VoteChoice
from daftar.licensing import services
from daftar.licensing.choices import DocumentKind
from daftar.licensing.models import Call
from daftar.offices.models import District
from daftar.offices.tests.factories import DistrictFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
POPULATIONS = {1: 480_000, 2: 700_000, 3: 330_000, 4: 910_000, 5: 250_000, 6: 250_000}
_tm_codes = itertools.count(1)


def districts() -> list[District]:
    rows = []
    for number, population in POPULATIONS.items():
        district = DistrictFactory(number=number)
        District.objects.filter(pk=district.pk).update(population=population)
        district.refresh_from_db()
        rows.append(district)
    return rows


def adopted_decision(committee, in_force, *, kind=DecisionKind.LICENCE, subject="فراخوان"):
    decision = governance.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=kind,
        subject=subject,
        body="متن مصوبه",
        decided_on=timezone.localdate() - datetime.timedelta(days=30),
        citations=[(in_force.articles.get(number=12), None)],
    )
    for user in (committee.secretary, committee.planning):
        governance.decision_cast_vote(
            actor=Actor.for_user(user), decision=decision, choice=VoteChoice.YES
        )
    return governance.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)


def draft_decision(committee, in_force, *, kind=DecisionKind.LICENCE):
    return governance.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=kind,
        subject="پیش‌نویس",
        body="متن",
        decided_on=timezone.localdate() - datetime.timedelta(days=30),
    )


def timetable(opens: datetime.date | None = None) -> dict:
    opens = opens or timezone.localdate() - datetime.timedelta(days=5)
    day = datetime.timedelta(days=1)
    return {
        "registration_opens": opens,
        "registration_closes": opens + 15 * day,
        "review_until": opens + 20 * day,
        "exam_on": opens + 25 * day,
        "results_on": opens + 35 * day,
        "objections_until": opens + 45 * day,
    }


def settings(**overrides) -> services.CallSettings:
    values = {
        "title": "فراخوان آزمایشی",
        **timetable(),
        "degree_fields": (
            "civil_engineering",
            "architecture",
            "urban_planning",
            "computer_engineering",
        ),
        "tm_degree_fields": ("civil_engineering", "architecture", "urban_planning"),
        "documents": (
            (DocumentKind.IDENTITY, True),
            (DocumentKind.DEGREE, True),
            (DocumentKind.EXPERIENCE, False),
        ),
    }
    values.update(overrides)
    return services.CallSettings(**values)


def draft_call(user, *, code="1405-1", quotas=None, **overrides) -> Call:
    """A draft call whose quotas are exactly `quotas` (other districts 0)."""
    call = services.call_create(
        actor=Actor.for_user(user), code=code, settings=settings(**overrides)
    )
    wanted = {q.district.number: 0 for q in call.quotas.select_related("district")}
    wanted.update(quotas or {1: 1, 2: 2, 4: 2})
    services.call_quotas_set(actor=Actor.for_user(user), call=call, quotas=wanted)
    return call


def open_it(call: Call, user, decision) -> Call:
    return services.call_open(actor=Actor.for_user(user), call=call, decision=decision)


def jalali(day: datetime.date) -> str:
    """A date as a person types it in a form: 1404/08/12."""
    j = to_jalali(day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def years_before(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def tm_national_code() -> str:
    import random

    return generators.national_code(random.Random(f"tm-{next(_tm_codes)}"))


def data(call: Call, **overrides) -> services.ApplicationData:
    opens = call.registration_opens
    values = {
        "first_name": "مریم",
        "last_name": "کریمی",
        "birth_date": years_before(opens, 35),
        "degree_level": "bachelor",
        "degree_field": "civil_engineering",
        "experience_years": 4,
        "clean_record_declared": True,
        "tm_national_code": tm_national_code(),
        "tm_first_name": "رضا",
        "tm_last_name": "نوری",
        "tm_birth_date": years_before(opens, 40),
        "tm_degree_field": "architecture",
        "districts": [4, 2],
    }
    values.update(overrides)
    return services.ApplicationData(**values)


def documents(*kinds: str) -> dict:
    kinds = kinds or (DocumentKind.IDENTITY, DocumentKind.DEGREE)
    return {kind: pdf(f"{kind}.pdf") for kind in kinds}


def apply(call: Call, user=None, *, docs=None, today=None, **overrides):
    user = user or CitizenFactory()
    return services.application_submit(
        actor=Actor.for_user(user),
        call=call,
        data=data(call, **overrides),
        documents=documents() if docs is None else docs,
        today=today,
    )


def accept_all(application, reviewer) -> None:
    for document in application.documents.filter(current=True):
        services.document_review(actor=Actor.for_user(reviewer), document=document, accepted=True)
    application.refresh_from_db()


def close_registration(call: Call, user) -> Call:
    return services.call_close_registration(
        actor=Actor.for_user(user),
        call=call,
        today=call.registration_closes + datetime.timedelta(days=1),
    )


def scored_call(call: Call, committee, reviewer, people: list[dict]) -> tuple[Call, list]:
    """Apply with each spec (which may hold `score`), accept documents, score, close scoring."""
    applications = []
    for spec in people:
        spec = dict(spec)
        score = spec.pop("score", "70")
        application = apply(call, **spec)
        accept_all(application, reviewer)
        applications.append((application, score))
    close_registration(call, committee.secretary)
    lines = ["applicant_code,score"] + [f"{a.code},{score}" for a, score in applications]
    services.scores_import(
        actor=Actor.for_user(reviewer), call=call, content="\n".join(lines).encode()
    )
    services.call_mark_scored(actor=Actor.for_user(committee.secretary), call=call)
    call.refresh_from_db()
    return call, [a for a, _score in applications]


def published_call(call: Call, committee, reviewer, people: list[dict]):
    call, applications = scored_call(call, committee, reviewer, people)
    publication = services.call_publish_results(
        actor=Actor.for_user(committee.secretary), call=call
    )
    call.refresh_from_db()
    return call, applications, publication


def close_objections(call: Call, user) -> Call:
    return services.call_close_objections(
        actor=Actor.for_user(user),
        call=call,
        today=call.objections_until + datetime.timedelta(days=1),
    )
