"""Demo people work (issue 17 item 5, ADR 0027): certifications the supervision unit recorded
for the demo office's operator — course, exam score, one expiring within the reminder window —
and a staff proposal from the demo office's manager waiting for the supervision unit, all made
through the services those roles use, so their homes and pages show real work."""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.utils import timezone

from daftar.accounts.models import User
from daftar.core import generators
from daftar.core.actors import Actor
from daftar.offices import services
from daftar.offices.choices import ProposalStatus, StaffRole
from daftar.offices.demo import FLAGSHIP_OFFICE
from daftar.offices.models import Certification, OfficeStaff, StaffProposal


def course_name(domain) -> str:
    """The training course of a service domain, as the demo names it."""
    return f"دوره آموزشی {domain.name_fa}"


def _reminder_window() -> int:
    """The widest reminder threshold (days before expiry; CERTIFICATION_REMINDER_DAYS)."""
    return max(settings.CERTIFICATION_REMINDER_DAYS)


def _certifications(supervisor: Actor, today: datetime.date) -> int:
    post = (
        OfficeStaff.objects.filter(
            user__username="operator", office__code=FLAGSHIP_OFFICE, left_on__isnull=True
        )
        .select_related("office")
        .first()
    )
    if post is None or Certification.objects.filter(number__startswith="C-DEMO-").exists():
        return 0
    domains = [
        a.domain
        for a in post.office.authorisations.filter(withdrawn_on__isnull=True)
        .select_related("domain")
        .order_by("domain__code")
    ]
    window = _reminder_window()
    made = 0
    for n, (domain, expires_in, score) in enumerate(
        zip(domains, (max(1, window - 10), 400), (74, 91), strict=False), 1
    ):
        expires_on = today + datetime.timedelta(days=expires_in)
        services.certification_record(
            actor=supervisor,
            staff=post,
            domain=domain,
            number=f"C-DEMO-{n}",
            course=course_name(domain),
            exam_score=score,
            issued_on=expires_on - datetime.timedelta(days=730),
            expires_on=expires_on,
        )
        made += 1
    return made


def _proposal(ctx, manager: Actor) -> bool:
    if StaffProposal.objects.filter(
        office__code=FLAGSHIP_OFFICE, status=ProposalStatus.PENDING
    ).exists():
        return False
    rng = random.Random(f"{ctx.seed}:proposal")  # noqa: S311 - demo data, not secrets
    first, last = generators.person_name(rng)
    services.staff_proposal_submit(
        actor=manager,
        first_name=first,
        last_name=last,
        national_code=generators.national_code(rng),
        mobile=generators.mobile(rng),
        staff_role=StaffRole.OPERATOR,
        certifications_held="دوره آموزشی خدمات شهرسازی، نمره ۸۲ از ۱۰۰ (۱۴۰۳)",
    )
    return True


def seed_people(ctx) -> None:
    today = timezone.localdate()
    supervisor = Actor.for_user(User.objects.get(username="supervisor"))
    manager = Actor.for_user(User.objects.get(username="manager"))
    made = _certifications(supervisor, today)
    proposed = _proposal(ctx, manager)
    ctx.log(
        f"people: {made} certifications recorded for the demo operator; "
        f"{'a staff proposal waiting for the supervision unit' if proposed else 'proposal there'}"
    )
