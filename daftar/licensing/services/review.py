"""Eligibility follows the review of documents: the rules are evaluated again after every
review or upload and stored with the application, and the status follows from them
(`_application_move` is the only place an application's status changes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.licensing import eligibility
from daftar.licensing.choices import REVIEW_STATUSES, ApplicationStatus, DocumentStatus
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import Application, ApplicationDocument, Call, EligibilityCheck
from daftar.licensing.services.common import STREAM, lock_call, require_reviewer, require_status


def _rules(call: Call) -> eligibility.Rules:
    return eligibility.Rules(
        reference_date=call.registration_opens,
        applicant_min_age=call.applicant_min_age,
        applicant_max_age=call.applicant_max_age,
        degree_levels=tuple(call.degree_levels),
        degree_fields=tuple(call.degree_fields),
        tm_min_age=call.tm_min_age,
        tm_max_age=call.tm_max_age,
        tm_degree_fields=tuple(call.tm_degree_fields),
        clean_record_required=call.clean_record_required,
        mandatory_documents=tuple(
            call.required_documents.filter(mandatory=True).values_list("kind", flat=True)
        ),
    )


def _facts(source, documents: Mapping[str, eligibility.DocumentState]) -> eligibility.Facts:
    return eligibility.Facts(
        birth_date=source.birth_date,
        degree_level=source.degree_level,
        degree_field=source.degree_field,
        tm_birth_date=source.tm_birth_date,
        tm_degree_field=source.tm_degree_field,
        clean_record_declared=source.clean_record_declared,
        documents=documents,
    )


def _document_states(application: Application) -> dict[str, eligibility.DocumentState]:
    return {
        d.kind: eligibility.DocumentState(d.status, d.review_reason)
        for d in application.documents.filter(current=True)
    }


def _store_checks(application: Application, results: Sequence[eligibility.RuleResult]) -> None:
    application.checks.all().delete()
    EligibilityCheck.objects.bulk_create(
        [
            EligibilityCheck(
                application=application,
                position=position,
                rule=r.rule,
                outcome=r.outcome,
                params=r.params,
            )
            for position, r in enumerate(results, start=1)
        ]
    )


_STATUS_OF_OUTCOME = {
    eligibility.PASSED: ApplicationStatus.ELIGIBLE,
    eligibility.FAILED: ApplicationStatus.INELIGIBLE,
    eligibility.PENDING: ApplicationStatus.SUBMITTED,
}


def _application_move(application: Application, to: ApplicationStatus, *, actor: Actor) -> None:
    """The one place an application's status changes (only while its call is in review)."""
    if application.call.status not in REVIEW_STATUSES:
        raise Conflict(
            _("Eligibility can no longer change: call %(code)s is %(status)s."),
            code=LicensingErrorCode.CALL_WRONG_STATE,
            params={"code": application.call.code, "status": application.call.get_status_display()},
        )
    before = application.status
    application.status = to
    application.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="application.status_changed",
        stream=STREAM,
        obj=application,
        summary=f"{application.code}: {before} → {to}",
        before={"status": before},
        after={"status": str(to)},
    )


def reevaluate(application: Application, *, actor: Actor) -> str:
    """Evaluate the rules again, store the results, move the status if it follows."""
    results = eligibility.evaluate(
        _rules(application.call), _facts(application, _document_states(application))
    )
    _store_checks(application, results)
    status = _STATUS_OF_OUTCOME[eligibility.overall(results)]
    if status != application.status:
        _application_move(application, status, actor=actor)
    return status


@audited
def document_review(
    *, actor: Actor, document: ApplicationDocument, accepted: bool, reason: str = ""
) -> ApplicationDocument:
    """Accept or reject a document; a rejection needs a reason the applicant will read."""
    require_reviewer(actor)
    application = document.application
    call = lock_call(application.call)
    require_status(call, REVIEW_STATUSES, action=_("reviewing documents"))
    application.call = call
    document = ApplicationDocument.objects.select_for_update().get(pk=document.pk)
    if not document.current:
        raise Conflict(
            _("This document has been replaced by a newer upload; review that one."),
            code=LicensingErrorCode.DOCUMENT_REPLACED,
        )
    reason = reason.strip()
    if not accepted and not reason:
        raise InvalidInput(
            _("Give the reason for rejecting the document; the applicant will read it."),
            code=CoreErrorCode.REQUIRED,
            field="reason",
        )
    before = {"status": document.status, "reason": document.review_reason}
    document.status = DocumentStatus.ACCEPTED if accepted else DocumentStatus.REJECTED
    document.review_reason = reason
    document.reviewed_by, document.reviewed_at = actor.user, timezone.now()
    document.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
    status = reevaluate(application, actor=actor)
    audit_record(
        actor=actor,
        action="application.document_reviewed",
        stream=STREAM,
        obj=document,
        summary=f"{application.code}: {document.kind} {document.status}",
        before=before,
        after={"status": document.status, "reason": reason, "application": status},
    )
    return document
