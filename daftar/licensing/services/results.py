"""Ranking and publication of a call's results, and the objections against them.

Each publication is numbered and immutable: the exact JSON file (anonymised candidates,
quotas, formula, parameters and the ranking) is stored with its SHA-256 and served as is.
An objection upheld with a corrected exam score re-ranks and publishes a new number.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.i18n import in_both_languages
from daftar.licensing import ranking
from daftar.licensing.choices import ApplicationStatus, CallStatus, ObjectionStatus
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import (
    Application,
    Call,
    DistrictPreference,
    Objection,
    Publication,
)
from daftar.licensing.reasons import lazy_date
from daftar.licensing.services.common import (
    STREAM,
    lock_call,
    moment_on,
    require_committee,
    require_status,
    today_or,
)
from daftar.licensing.services.lifecycle import _call_move
from daftar.licensing.services.scores import _parse_score, _RowProblem

MAX_OBJECTION_CHARS = 4000


def ranking_candidates(call: Call) -> list[ranking.Candidate]:
    """Eligible applicants who sat the exam, anonymised to what the formula needs."""
    applications = call.applications.filter(
        status=ApplicationStatus.ELIGIBLE, exam_absent=False, exam_score__isnull=False
    ).prefetch_related(
        Prefetch(
            "preferences",
            queryset=DistrictPreference.objects.select_related("district").order_by("position"),
        )
    )
    return [
        ranking.Candidate(
            code=a.code,
            exam_score=a.exam_score,
            degree_level=a.degree_level,
            experience_years=a.experience_years,
            preferences=tuple(p.district.number for p in a.preferences.all()),
        )
        for a in applications
    ]


def ranking_quotas(call: Call) -> dict[int, int]:
    return {
        q.district.number: q.quota
        for q in call.quotas.select_related("district").filter(quota__gt=0)
    }


def results_document(
    call: Call, *, number: int, published_at: datetime.datetime, reason: str
) -> dict:
    return ranking.build_document(
        call={
            "code": call.code,
            "title": call.title,
            "title_en": call.title_en,
            "decision": call.decision.number if call.decision_id else None,
            "exam_on": call.exam_on.isoformat(),
        },
        publication={
            "number": number,
            "published_at": published_at.astimezone(datetime.UTC).isoformat(),
            "reason": reason,
        },
        parameters=call.parameters,
        quotas=ranking_quotas(call),
        candidates=ranking_candidates(call),
    )


def _publish(call: Call, *, actor: Actor, reason: str, params: dict | None = None) -> Publication:
    """Publish the call's results now; `reason` is an English sentence marked with
    `gettext_noop`, stored with its Persian translation (the published file carries the
    English one)."""
    reason_fa, reason = in_both_languages(reason, params)
    number = (call.publications.aggregate(last=Max("number"))["last"] or 0) + 1
    published_at = timezone.now()
    document = results_document(call, number=number, published_at=published_at, reason=reason)
    content = ranking.dumps(document)
    publication = Publication.objects.create(
        call=call,
        number=number,
        published_at=published_at,
        published_by=actor.user,
        reason=reason[:300],
        reason_fa=reason_fa[:300],
        content=content,
        sha256=hashlib.sha256(content.encode()).hexdigest(),
    )
    audit_record(
        actor=actor,
        action="results.published",
        stream=STREAM,
        obj=publication,
        summary=f"call {call.code}: results publication {number} — {reason}"[:500],
        after={
            "number": number,
            "sha256": publication.sha256,
            "ranked": len(document["results"]["order"]),
            "allocated": sum(
                1 for row in document["results"]["order"] if row["allocated_district"]
            ),
        },
    )
    return publication


@audited
def call_publish_results(*, actor: Actor, call: Call) -> Publication:
    """Rank the scored call by the published formula and publish results no. 1."""
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.SCORED], action=_("publishing the results"))
    publication = _publish(
        call, actor=actor, reason=gettext_noop("first publication of the results")
    )
    _call_move(call, CallStatus.RESULTS_PUBLISHED, actor=actor, action="call.results_published")
    return publication


# --- objections -------------------------------------------------------------------------------


@audited
def objection_file(
    *, actor: Actor, application: Application, text: str, today: datetime.date | None = None
) -> Objection:
    """The applicant contests the published results, within the objection window."""
    if getattr(actor.user, "national_code", None) != application.national_code:
        raise Forbidden(_("Only the applicant can object to their results."))
    call = lock_call(application.call)
    require_status(call, [CallStatus.RESULTS_PUBLISHED], action=_("objecting to the results"))
    if today_or(today) > call.objections_until:
        raise Conflict(
            _("The objection window of call %(code)s closed on %(date)s."),
            code=LicensingErrorCode.OBJECTION_WINDOW_CLOSED,
            params={"code": call.code, "date": lazy_date(call.objections_until)},
        )
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("Write your objection."), code=CoreErrorCode.REQUIRED, field="text")
    if len(text) > MAX_OBJECTION_CHARS:
        raise InvalidInput(
            _("An objection is at most %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field="text",
            params={"limit": MAX_OBJECTION_CHARS},
        )
    if Objection.objects.filter(application=application).exists():
        raise Conflict(
            _("You have already objected to the results of this call."),
            code=LicensingErrorCode.DUPLICATE_OBJECTION,
        )
    objection = Objection.objects.create(
        application=application,
        publication=call.publications.order_by("-number").first(),
        text=text,
        filed_at=moment_on(today),
    )
    audit_record(
        actor=actor,
        action="objection.filed",
        stream=STREAM,
        obj=objection,
        summary=f"{application.code} objected to the results of call {call.code}",
        after={"publication": objection.publication.number},
    )
    return objection


@audited
def objection_rule(
    *,
    actor: Actor,
    objection: Objection,
    upheld: bool,
    reason: str,
    corrected_score: str | Decimal | None = None,
) -> Objection:
    """Uphold or dismiss, with a reason. An upheld objection may correct the exam score, which
    re-ranks the call and publishes the results again under the next number."""
    require_committee(actor)
    call = lock_call(objection.application.call)
    require_status(call, [CallStatus.RESULTS_PUBLISHED], action=_("ruling on objections"))
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    application = Application.objects.select_for_update().get(pk=objection.application_id)
    if objection.status != ObjectionStatus.PENDING:
        raise Conflict(
            _("This objection has already been ruled on."), code=LicensingErrorCode.ALREADY_RULED
        )
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            _("Give the reason for the ruling; the applicant will read it."),
            code=CoreErrorCode.REQUIRED,
            field="reason",
        )
    score = None
    if corrected_score not in (None, ""):
        if not upheld:
            raise InvalidInput(
                _("A score is corrected only when the objection is upheld."),
                code=LicensingErrorCode.CORRECTION_WITHOUT_UPHOLDING,
                field="corrected_score",
            )
        if application.status != ApplicationStatus.ELIGIBLE:
            raise InvalidInput(
                _("%(code)s is not eligible, so there is no exam score to correct."),
                code=LicensingErrorCode.NOT_ELIGIBLE,
                field="corrected_score",
                params={"code": application.code},
            )
        try:
            score, absent = _parse_score(str(corrected_score))
        except _RowProblem as problem:
            raise InvalidInput(
                problem.message, code=LicensingErrorCode.SCORE_FORMAT, field="corrected_score"
            ) from None
        if absent:
            raise InvalidInput(
                _("Enter the corrected score as a number."),
                code=LicensingErrorCode.SCORE_FORMAT,
                field="corrected_score",
            )
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.ruling_reason = reason
    objection.ruled_by, objection.ruled_at = actor.user, timezone.now()
    update = ["status", "ruling_reason", "ruled_by", "ruled_at"]
    if score is not None:
        objection.previous_score = application.exam_score
        objection.corrected_score = score
        application.exam_score, application.exam_absent = score, False
        application.save(update_fields=["exam_score", "exam_absent"])
        objection.republished_as = _publish(
            call,
            actor=actor,
            reason=gettext_noop(
                "objection of %(application)s upheld: exam score corrected from %(before)s "
                "to %(after)s"
            ),
            params={
                "application": application.code,
                "before": objection.previous_score
                if objection.previous_score is not None
                else _("absent"),
                "after": score,
            },
        )
        update += ["previous_score", "corrected_score", "republished_as"]
    objection.save(update_fields=update)
    audit_record(
        actor=actor,
        action=f"objection.{objection.status}",
        stream=STREAM,
        obj=objection,
        summary=f"objection of {application.code} {objection.status}",
        after={
            "reason": reason,
            "previous_score": objection.previous_score,
            "corrected_score": objection.corrected_score,
            "republished_as": objection.republished_as.number if objection.republished_as else None,
        },
    )
    return objection
