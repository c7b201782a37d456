"""Certifications of office staff recorded by the training unit (the supervision unit acts as
one, docs/adr/0027), and the daily reminders before a certificate expires."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.audit.services import audit_nothing_changed, audit_record, audited, office_stream
from daftar.core import jalali
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden, InvalidInput
from daftar.core.numbers import local_digits
from daftar.notifications.services import sms_enqueue
from daftar.offices.choices import StaffRole
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import Certification, CertificationReminder, OfficeStaff
from daftar.offices.services.registry import certification_grant

REMINDER_ACTOR = Actor.system("certification-reminders")


def require_training_unit(actor: Actor) -> None:
    if actor.is_system or (actor.is_user and user_has_role(actor.user, Role.SUPERVISOR)):
        return
    raise Forbidden(
        _(
            "Only the supervision unit (the training unit) records certifications and decides "
            "staff proposals."
        ),
        code=OfficesErrorCode.NOT_TRAINING_UNIT,
    )


@audited
def certification_record(
    *,
    actor: Actor,
    staff: OfficeStaff,
    domain,
    number: str,
    course: str,
    exam_score: int,
    issued_on: datetime.date,
    expires_on: datetime.date,
) -> Certification:
    """Record a certificate earned after a course and its exam (the score out of 100 must reach
    settings.CERTIFICATION_PASS_SCORE)."""
    require_training_unit(actor)
    course = course.strip()
    if not course:
        raise InvalidInput(
            _("Name the training course."),
            code=OfficesErrorCode.CERTIFICATE_COURSE_REQUIRED,
            field="course",
        )
    if (
        isinstance(exam_score, bool)
        or not isinstance(exam_score, int)
        or not 0 <= exam_score <= 100
    ):
        raise InvalidInput(
            _("An exam score is a whole number from 0 to 100."),
            code=OfficesErrorCode.EXAM_SCORE_OUT_OF_RANGE,
            field="exam_score",
        )
    if exam_score < settings.CERTIFICATION_PASS_SCORE:
        raise InvalidInput(
            _(
                "The exam score %(score)s is below the pass mark %(pass)s: no certificate is "
                "granted. The person may sit the exam again."
            ),
            code=OfficesErrorCode.EXAM_SCORE_BELOW_PASS,
            field="exam_score",
            params={"score": exam_score, "pass": settings.CERTIFICATION_PASS_SCORE},
        )
    return certification_grant(
        actor=actor,
        staff=staff,
        domain=domain,
        number=number.strip(),
        issued_on=issued_on,
        expires_on=expires_on,
        course=course[:200],
        exam_score=exam_score,
    )


def _threshold(days_left: int, thresholds: list[int]) -> int | None:
    """The smallest threshold the certificate is within (30, then 7…), or None."""
    within = [days for days in thresholds if days_left <= days]
    return min(within) if within else None


def _reminder_body(certification: Certification) -> str:
    with translation.override("fa"):
        return str(
            _(
                "Daftar — the certificate %(number)s of %(name)s (%(domain)s) expires on "
                "%(date)s. Book the renewal course with the training unit."
            )
        ) % {
            "number": local_digits(certification.number, "fa"),
            "name": certification.staff.user.get_full_name() or certification.staff.user.username,
            "domain": certification.domain.name_fa,
            "date": jalali.format_date(certification.expires_on, language="fa"),
        }


@audited
def certification_reminders_send(
    *, actor: Actor = REMINDER_ACTOR, today: datetime.date | None = None
) -> int:
    """Remind the staff member and their office's manager(s) by SMS of each certificate of a
    current, active staff member that expires within a threshold of
    settings.CERTIFICATION_REMINDER_DAYS: once per certificate per threshold (a second run the
    same day, or a day missed, sends nothing twice). Returns how many reminders were sent."""
    today = today or timezone.localdate()
    thresholds = list(settings.CERTIFICATION_REMINDER_DAYS)
    if not thresholds:
        audit_nothing_changed()
        return 0
    due = (
        Certification.objects.filter(
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=max(thresholds)),
            staff__left_on__isnull=True,
            staff__user__is_active=True,
        )
        .select_related("staff__user", "staff__office", "domain")
        .order_by("expires_on", "pk")
    )
    sent_before = set(
        CertificationReminder.objects.filter(certification__in=due).values_list(
            "certification_id", "days_before"
        )
    )
    managers: dict[int, list[str]] = {}
    sent = 0
    for certification in due:
        threshold = _threshold((certification.expires_on - today).days, thresholds)
        if threshold is None or (certification.pk, threshold) in sent_before:
            continue
        office = certification.staff.office
        if office.pk not in managers:
            managers[office.pk] = [
                post.user.mobile
                for post in OfficeStaff.objects.filter(
                    office=office,
                    role=StaffRole.MANAGER,
                    left_on__isnull=True,
                    user__is_active=True,
                ).select_related("user")
                if post.user.mobile
            ]
        recipients = {certification.staff.user.mobile, *managers[office.pk]} - {""}
        body = _reminder_body(certification)
        for mobile in sorted(recipients):
            sms_enqueue(to=mobile, body=body, purpose="certification_reminder")
        CertificationReminder.objects.create(
            certification=certification,
            days_before=threshold,
            sent_at=timezone.now(),
            messages_sent=len(recipients),
        )
        audit_record(
            actor=actor,
            action="office.certification_reminded",
            stream=office_stream(office.code),
            obj=certification,
            summary=f"certificate {certification.number} expires {certification.expires_on}: "
            f"{threshold}-day reminder to {len(recipients)} recipient(s)",
            after={"days_before": threshold, "messages": len(recipients)},
        )
        sent += 1
    if not sent:
        audit_nothing_changed()
    return sent
