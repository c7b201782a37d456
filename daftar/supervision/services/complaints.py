"""Complaints: the rules per category (adopted by a policy decision), filing from the portal, the
counter and partner apps, triage and investigation by the supervision unit, the ruling that
cites the bylaw, one appeal to the steering committee, reopening and the satisfaction question.

A complaint's status changes only in `_move`. Every step writes a `ComplaintEvent` (public ones
are the complainant's timeline) and an audit entry on supervision's stream; SMS go through the
outbox, so a rolled-back step sends nothing.
"""

from __future__ import annotations

import datetime
import random
import re
import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.audit.selectors import audit_entry_about
from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.cases.models import File
from daftar.cases.selectors import file_event_sentence
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days
from daftar.core.digits import to_ascii_digits
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.identifiers import normalize_mobile
from daftar.core.logging import mask_national_code
from daftar.core.numbers import local_digits
from daftar.core.tracking import verhoeff_check_digit, verhoeff_valid
from daftar.governance.choices import DecisionKind, VersionStatus
from daftar.governance.models import Article, ArticleNote, Decision
from daftar.governance.permissions import is_committee_secretary
from daftar.governance.services import decision_record_effect, decision_require
from daftar.notifications.services import sms_enqueue
from daftar.offices.models import Office
from daftar.offices.selectors import office_active_licence, office_of_user
from daftar.supervision.choices import (
    UPHELD_RULINGS,
    AppealOutcome,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintRuling,
    ComplaintStatus,
    RuleStatus,
    Severity,
)
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import (
    Complaint,
    ComplaintAppeal,
    ComplaintCitation,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintLink,
    ComplaintRule,
)
from daftar.supervision.permissions import require_supervisor
from daftar.supervision.services.common import STREAM

DESCRIPTION_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 2000
LINK_WINDOW = datetime.timedelta(days=180)
APPEAL_WORKING_DAYS = 10
REOPEN_WINDOW = datetime.timedelta(days=30)
REOPEN_LIMIT = 2
OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING)
RULED_STATUSES = (ComplaintStatus.RULED, ComplaintStatus.APPEALED, ComplaintStatus.CLOSED)

# --- tracking codes ---------------------------------------------------------------------------
# A file's code never starts with 0 (core/tracking.py); a complaint's always does, so neither
# can be typed into the other's page by mistake. Same length, same Verhoeff check digit.
COMPLAINT_CODE_PREFIX = "0"
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")


def new_complaint_code(rng: random.Random | None = None) -> str:
    low, high = 10**9, 10**10  # ten random digits, the first never zero
    body = str(rng.randrange(low, high) if rng else low + secrets.randbelow(high - low))
    digits = COMPLAINT_CODE_PREFIX + body
    return digits + verhoeff_check_digit(digits)


def complaint_code_normalise(text: object) -> str | None:
    """The canonical 12 digits of a typed complaint code, or None when it cannot be one."""
    code = _SEPARATORS.sub("", to_ascii_digits(str(text or "")))
    if len(code) != 12 or not code.startswith(COMPLAINT_CODE_PREFIX) or not verhoeff_valid(code):
        return None
    return code


# --- helpers ----------------------------------------------------------------------------------


def _text(value, *, field: str, limit: int, required_message) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if not value:
        raise InvalidInput(required_message, code=CoreErrorCode.REQUIRED, field=field)
    if len(value) > limit:
        raise InvalidInput(
            _("This text is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field=field,
            params={"limit": limit},
        )
    return value


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _move(complaint: Complaint, to: ComplaintStatus, **fields) -> None:
    """The one place a complaint's status changes."""
    complaint.status = to
    for name, value in fields.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=["status", *fields])


def _event(complaint: Complaint, actor: Actor, kind: str, text: str = "", *, public: bool = True):
    return ComplaintEvent.objects.create(
        complaint=complaint,
        at=timezone.now(),
        kind=kind,
        actor_label=actor.label,
        text=text,
        public=public,
    )


def _audit(actor: Actor, complaint: Complaint, action: str, summary: str, after: dict) -> None:
    audit_record(
        actor=actor,
        action=f"complaint.{action}",
        stream=STREAM,
        obj=complaint,
        summary=f"{complaint.tracking_code}: {summary}",
        after=after,
    )


def complaint_mobile(complaint: Complaint) -> str:
    """Where the complainant's SMS go: their account's mobile, or the one they left."""
    if complaint.complainant_id and complaint.complainant.mobile:
        return complaint.complainant.mobile
    return complaint.contact_mobile


def _sms(complaint: Complaint, message) -> None:
    mobile = complaint_mobile(complaint)
    if not mobile:
        return
    with translation.override("fa"):
        body = str(_("Daftar — complaint %(code)s: %(message)s")) % {
            "code": local_digits(complaint.tracking_code, "fa"),
            "message": str(message),
        }
    sms_enqueue(to=mobile, body=body, purpose="complaint_update")


def _require_complainant(actor: Actor, complaint: Complaint) -> None:
    if actor.is_user and complaint.complainant_id == actor.user.pk:
        return
    raise Forbidden(
        _("Only the complainant may do this."), code=SupervisionErrorCode.NOT_COMPLAINANT
    )


def _not_open(message=None) -> Conflict:
    return Conflict(
        message or _("The complaint is not at a step where this can be done."),
        code=SupervisionErrorCode.COMPLAINT_NOT_OPEN,
    )


# --- rules ------------------------------------------------------------------------------------


def rule_in_force(category: str) -> ComplaintRule | None:
    return ComplaintRule.objects.filter(category=category, status=RuleStatus.ADOPTED).first()


@audited
def complaint_rule_draft(
    *,
    actor: Actor,
    category: str,
    triage_days: int,
    resolve_days: int,
    anonymous_allowed: bool = False,
    severity: str = Severity.MINOR,
    rule: ComplaintRule | None = None,
) -> ComplaintRule:
    """Draft (or edit a draft of) the rule for `category`; an adopted rule is frozen."""
    require_supervisor(actor)
    if category not in ComplaintCategory.values:
        raise InvalidInput(
            _("Choose a category."),
            code=SupervisionErrorCode.COMPLAINT_CHOICE_UNKNOWN,
            field="category",
        )
    if severity not in Severity.values:
        raise InvalidInput(
            _("Choose a severity."),
            code=SupervisionErrorCode.COMPLAINT_CHOICE_UNKNOWN,
            field="severity",
        )
    for field, days in (("triage_days", triage_days), ("resolve_days", resolve_days)):
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 90:
            raise InvalidInput(
                _("Give a number of working days from 1 to 90."),
                code=CoreErrorCode.OUT_OF_RANGE,
                field=field,
            )
    if triage_days > resolve_days:
        raise InvalidInput(
            _("Triage cannot take longer than the whole complaint."),
            code=SupervisionErrorCode.RULE_DAYS_INCONSISTENT,
            field="triage_days",
        )
    if rule is not None:
        rule = ComplaintRule.objects.select_for_update().get(pk=rule.pk)
        if rule.status != RuleStatus.DRAFT:
            raise Conflict(
                _("Adopted rules cannot be edited; draft a new rule instead."),
                code=SupervisionErrorCode.RULES_FROZEN,
            )
    else:
        rule = ComplaintRule(status=RuleStatus.DRAFT)
    rule.category, rule.triage_days, rule.resolve_days = category, triage_days, resolve_days
    rule.anonymous_allowed, rule.severity = bool(anonymous_allowed), severity
    rule.save()
    audit_record(
        actor=actor,
        action="complaint_rule.drafted",
        stream=STREAM,
        obj=rule,
        summary=f"complaint rule for {category} drafted",
        after={
            "category": category,
            "triage_days": triage_days,
            "resolve_days": resolve_days,
            "anonymous_allowed": rule.anonymous_allowed,
            "severity": severity,
        },
    )
    return rule


@audited
def complaint_rules_adopt(
    *, actor: Actor, decision: Decision | None, rules: Sequence[ComplaintRule]
) -> list[ComplaintRule]:
    """Put draft `rules` in force on the authority of an adopted policy decision; each
    supersedes the rule in force for its category."""
    require_supervisor(actor)
    decision = decision_require(decision=decision, kind=DecisionKind.POLICY)
    locked = list(
        ComplaintRule.objects.select_for_update()
        .filter(pk__in=[r.pk for r in rules])
        .order_by("pk")
    )
    if not locked:
        raise InvalidInput(_("Choose the rules to adopt."), code=CoreErrorCode.REQUIRED)
    if any(rule.status != RuleStatus.DRAFT for rule in locked):
        raise Conflict(
            _("Only draft rules can be adopted; adopted rules are frozen."),
            code=SupervisionErrorCode.RULES_FROZEN,
        )
    categories = [rule.category for rule in locked]
    if len(set(categories)) != len(categories):
        raise InvalidInput(
            _("Adopt one rule per category at a time."), code=CoreErrorCode.DUPLICATE
        )
    ComplaintRule.objects.select_for_update().filter(
        category__in=categories, status=RuleStatus.ADOPTED
    ).update(status=RuleStatus.SUPERSEDED)
    for rule in locked:
        rule.status, rule.decision = RuleStatus.ADOPTED, decision
        rule.save(update_fields=["status", "decision"])
        decision_record_effect(
            decision=decision,
            obj=rule,
            message=gettext_noop("complaint rule for %(category)s put in force"),
            params={"category": rule.category},
        )
        audit_record(
            actor=actor,
            action="complaint_rule.adopted",
            stream=STREAM,
            obj=rule,
            summary=f"complaint rule for {rule.category} adopted by {decision.number}",
            after={"decision": decision.number},
        )
    return locked


# --- filing -----------------------------------------------------------------------------------


def _link_related(complaint: Complaint) -> list[ComplaintLink]:
    """Link `complaint` both ways to open or recent complaints about the same staff member,
    file or office (the most specific reason wins)."""
    since = complaint.received_at - LINK_WINDOW
    near = Complaint.objects.exclude(pk=complaint.pk).filter(
        Q(received_at__gte=since) | Q(status__in=OPEN_STATUSES)
    )
    reasons: dict[int, str] = {}
    for reason, value in (
        ("staff_member", complaint.staff_member_id),
        ("file", complaint.file_id),
        ("office", complaint.office_id),
    ):
        if value is None:
            continue
        for pk in near.filter(**{f"{reason}_id": value}).values_list("pk", flat=True):
            reasons.setdefault(pk, reason)
    links = []
    for pk, reason in reasons.items():
        links.append(ComplaintLink(complaint=complaint, related_id=pk, reason=reason))
        links.append(ComplaintLink(complaint_id=pk, related=complaint, reason=reason))
    ComplaintLink.objects.bulk_create(links, ignore_conflicts=True)
    return links


def _subject(*, channel, complainant, anonymous, office, file, staff_member):
    """Check what the complaint is about; return the office it concerns."""
    if file is not None:
        if anonymous or complainant is None or file.citizen_id != complainant.pk:
            raise InvalidInput(
                _("The file you chose is not yours; choose one of your own files."),
                code=SupervisionErrorCode.FILE_NOT_YOURS,
                field="file",
            )
        if office is not None and file.office_id and office.pk != file.office_id:
            raise InvalidInput(
                _("The file was not taken at the office you chose."),
                code=SupervisionErrorCode.FILE_NOT_AT_OFFICE,
                field="office",
            )
        office = office or file.office
    if staff_member is not None and (file is None or file.operator_id != staff_member.pk):
        raise InvalidInput(
            _("Choose the staff member from the file: the operator who took it."),
            code=SupervisionErrorCode.STAFF_NOT_ON_FILE,
            field="staff_member",
        )
    if office is None and file is None:
        raise InvalidInput(
            _("Choose the office or one of your files the complaint is about."),
            code=SupervisionErrorCode.COMPLAINT_SUBJECT_REQUIRED,
            field="office",
        )
    return office


@audited
def complaint_file(
    *,
    actor: Actor,
    channel: str,
    category: str,
    description: str,
    complainant=None,
    anonymous: bool = False,
    contact_mobile: str = "",
    office: Office | None = None,
    file: File | None = None,
    staff_member=None,
) -> Complaint:
    """Receive a complaint. The portal files for the signed-in citizen; the counter for the
    citizen the operator identified; a partner app for the citizen it names."""
    if channel not in ComplaintChannel.values:
        raise InvalidInput(
            _("Unknown channel."),
            code=SupervisionErrorCode.COMPLAINT_CHOICE_UNKNOWN,
            field="channel",
        )
    if channel == ComplaintChannel.PORTAL:
        if not (actor.is_user and user_has_role(actor.user, Role.CITIZEN)):
            raise Forbidden(
                _("Sign in as a citizen to file a complaint."), code=CoreErrorCode.FORBIDDEN
            )
        complainant = None if anonymous else actor.user
    elif channel == ComplaintChannel.COUNTER:
        operator_office = office_of_user(actor.user) if actor.is_user else None
        if operator_office is None:
            raise Forbidden(
                _("Only an office's staff may take a complaint at the counter."),
                code=CoreErrorCode.FORBIDDEN,
            )
        if operator_office.status != "active" or office_active_licence(operator_office) is None:
            raise Conflict(
                _("Your office is not active with a licence in force; it cannot take complaints."),
                code=SupervisionErrorCode.OFFICE_NOT_OPERABLE,
            )
        office = office or operator_office
    elif channel == ComplaintChannel.PARTNER and not actor.is_partner:
        raise Forbidden(
            _("Only a partner app files on this channel."), code=CoreErrorCode.FORBIDDEN
        )
    if category not in ComplaintCategory.values:
        raise InvalidInput(
            _("Choose what the complaint is about."), code=CoreErrorCode.REQUIRED, field="category"
        )
    description = _text(
        description,
        field="description",
        limit=DESCRIPTION_MAX_LENGTH,
        required_message=_("Describe what happened."),
    )
    rule = rule_in_force(category)
    if rule is None:
        raise Conflict(
            _("Complaints of this kind cannot be received yet: no rule is in force for them."),
            code=SupervisionErrorCode.NO_COMPLAINT_RULE,
            field="category",
        )
    if anonymous:
        if not rule.anonymous_allowed:
            raise InvalidInput(
                _("This kind of complaint cannot be anonymous; untick “anonymous” to file it."),
                code=SupervisionErrorCode.ANONYMOUS_NOT_ALLOWED,
                field="anonymous",
            )
        complainant = None
    elif complainant is None:
        raise InvalidInput(
            _("A complaint that is not anonymous names its complainant."),
            code=CoreErrorCode.REQUIRED,
            field="national_code",
        )
    if contact_mobile:
        try:
            # Stored as the 11 digits people write (09…): the field's length.
            contact_mobile = "0" + normalize_mobile(contact_mobile)[3:]
        except Exception as error:  # ValidationError from the identifier reader
            raise InvalidInput(
                _("Enter a valid mobile number, e.g. 09121234567."),
                code=CoreErrorCode.MOBILE_INVALID,
                field="contact_mobile",
            ) from error
    office = _subject(
        channel=channel,
        complainant=complainant,
        anonymous=anonymous,
        office=office,
        file=file,
        staff_member=staff_member,
    )
    now = timezone.now()
    for attempt in range(5):
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    tracking_code=new_complaint_code(),
                    channel=channel,
                    category=category,
                    complainant=complainant,
                    anonymous=bool(anonymous),
                    contact_mobile=contact_mobile if anonymous or not complainant else "",
                    office=office,
                    file=file,
                    staff_member=staff_member,
                    description=description,
                    filed_by=actor.label,
                    received_at=now,
                    triage_due_at=add_working_days(now, rule.triage_days),
                    due_at=add_working_days(now, rule.resolve_days),
                )
            break
        except IntegrityError:  # the code is taken: draw again
            if attempt == 4:
                raise
    links = _link_related(complaint)
    _event(complaint, actor, "filed")
    who = "anonymous" if anonymous else mask_national_code(complainant.national_code or "")
    _audit(
        actor,
        complaint,
        "filed",
        f"{category} about {office.code if office else '-'} by {who} ({channel})",
        {
            "channel": channel,
            "category": category,
            "office": office.code if office else None,
            "file": file.tracking_code if file else None,
            "anonymous": bool(anonymous),
            "linked": len(links) // 2,
        },
    )
    _sms(
        complaint,
        _("received. Use this code to follow it; we answer within %(days)s working days.")
        % {"days": local_digits(str(rule.resolve_days), "fa")},
    )
    return complaint


# --- triage and investigation -----------------------------------------------------------------


@audited
def complaint_take(*, actor: Actor, complaint: Complaint, handler=None) -> Complaint:
    """Triage: the complaint goes under investigation with a handler (the actor by default);
    under investigation, hand it to another officer."""
    require_supervisor(actor)
    handler = handler or actor.user
    if not user_has_role(handler, Role.SUPERVISOR):
        raise InvalidInput(
            _("The handler must be an officer of the supervision unit."),
            code=SupervisionErrorCode.NOT_SUPERVISOR,
            field="handler",
        )
    complaint = _locked(complaint)
    if complaint.status == ComplaintStatus.RECEIVED:
        _move(complaint, ComplaintStatus.INVESTIGATING, handler=handler)
        _event(complaint, actor, "investigating")
    elif complaint.status == ComplaintStatus.INVESTIGATING:
        complaint.handler = handler
        complaint.save(update_fields=["handler"])
    else:
        raise _not_open()
    _event(complaint, actor, "assigned", handler.get_username(), public=False)
    _audit(
        actor,
        complaint,
        "assigned",
        f"handled by {handler.get_username()}",
        {"handler": handler.get_username()},
    )
    return complaint


@audited
def complaint_evidence_add(
    *, actor: Actor, complaint: Complaint, source: str, reference: str = "", note: str = ""
) -> ComplaintEvidence:
    """Attach evidence: an entry of the file's timeline, an audit entry about the office or
    the file, or a note of the investigator's."""
    require_supervisor(actor)
    complaint = _locked(complaint)
    if complaint.status != ComplaintStatus.INVESTIGATING:
        raise _not_open(_("Evidence is added while the complaint is under investigation."))
    reference = str(reference or "").strip()
    if source == "file_event":
        summary = file_event_sentence(complaint.file, reference) if complaint.file_id else None
    elif source == "audit_entry":
        entry = audit_entry_about(
            reference,
            office_code=complaint.office.code if complaint.office_id else None,
            file_pk=complaint.file_id,
        )
        summary = f"{entry.action}: {entry.summary}" if entry else None
    elif source == "note":
        summary = _text(
            note, field="note", limit=REASON_MAX_LENGTH, required_message=_("Write the note.")
        )
        reference = ""
    else:
        raise InvalidInput(
            _("Choose the kind of evidence."),
            code=SupervisionErrorCode.COMPLAINT_CHOICE_UNKNOWN,
            field="source",
        )
    if summary is None:
        raise InvalidInput(
            _("That entry is not about this complaint's file or office."),
            code=SupervisionErrorCode.EVIDENCE_NOT_FOUND,
            field="reference",
        )
    if note and source != "note":
        summary = f"{summary} — {note.strip()[:REASON_MAX_LENGTH]}"
    evidence = ComplaintEvidence.objects.create(
        complaint=complaint,
        source=source,
        reference=reference,
        summary=summary,
        added_by=actor.label,
        added_at=timezone.now(),
    )
    _event(complaint, actor, "evidence", summary, public=False)
    _audit(
        actor,
        complaint,
        "evidence_added",
        f"{source} {reference}",
        {"source": source, "reference": reference},
    )
    return evidence


def _check_citations(citations) -> list[tuple[Article, ArticleNote | None]]:
    checked = []
    for article, note in citations:
        if article.version.status != VersionStatus.ADOPTED:
            raise InvalidInput(
                _("Cite articles of the bylaw in force."),
                code=SupervisionErrorCode.CITATION_REQUIRED,
                field="articles",
            )
        if note is not None and note.article_id != article.pk:
            raise InvalidInput(
                _("The note is not one of the article's."),
                code=SupervisionErrorCode.CITATION_INVALID,
                field="articles",
            )
        checked.append((article, note))
    return checked


@audited
def complaint_rule_on(
    *,
    actor: Actor,
    complaint: Complaint,
    ruling: str,
    reasons: str,
    citations: Sequence[tuple[Article, ArticleNote | None]] = (),
    severity: str | None = None,
) -> Complaint:
    """Rule on a complaint under investigation: reasons always, an article at least for an
    upheld ruling, the severity from the category's rule unless the officer changes it."""
    require_supervisor(actor)
    if ruling not in ComplaintRuling.values:
        raise InvalidInput(_("Choose the ruling."), code=CoreErrorCode.REQUIRED, field="ruling")
    reasons = _text(
        reasons,
        field="reasons",
        limit=DESCRIPTION_MAX_LENGTH,
        required_message=_("Give the reasons for the ruling."),
    )
    citations = _check_citations(citations)
    upheld = ruling in UPHELD_RULINGS
    if upheld and not citations:
        raise InvalidInput(
            _("An upheld ruling cites at least one article of the bylaw."),
            code=SupervisionErrorCode.CITATION_REQUIRED,
            field="articles",
        )
    if severity and severity not in Severity.values:
        raise InvalidInput(
            _("Choose a severity."),
            code=SupervisionErrorCode.COMPLAINT_CHOICE_UNKNOWN,
            field="severity",
        )
    complaint = _locked(complaint)
    if complaint.status != ComplaintStatus.INVESTIGATING:
        raise _not_open(_("Only a complaint under investigation can be ruled on."))
    if upheld:
        rule = rule_in_force(complaint.category)
        severity = severity or (rule.severity if rule else Severity.MINOR)
    else:
        severity = ""
    now = timezone.now()
    complaint.citations.all().delete()
    ComplaintCitation.objects.bulk_create(
        [ComplaintCitation(complaint=complaint, article=a, note=n) for a, n in citations]
    )
    _move(
        complaint,
        ComplaintStatus.RULED,
        ruling=ruling,
        ruling_reasons=reasons,
        severity=severity,
        ruled_at=now,
        closed_at=now,
    )
    _event(complaint, actor, "ruled", ruling)
    _audit(
        actor,
        complaint,
        "ruled",
        f"{ruling} ({severity or '-'})",
        {"ruling": ruling, "severity": severity, "articles": [a.pk for a, _n in citations]},
    )
    _sms(
        complaint,
        _("a ruling has been made: %(ruling)s. See it on the portal.")
        % {"ruling": ComplaintRuling(ruling).label},
    )
    return complaint


# --- the complainant's steps ------------------------------------------------------------------


def appeal_deadline(complaint: Complaint) -> datetime.datetime | None:
    return add_working_days(complaint.ruled_at, APPEAL_WORKING_DAYS) if complaint.ruled_at else None


def reopen_deadline(complaint: Complaint) -> datetime.datetime | None:
    return complaint.closed_at + REOPEN_WINDOW if complaint.closed_at else None


@audited
def complaint_appeal(*, actor: Actor, complaint: Complaint, reason: str) -> ComplaintAppeal:
    """The complainant appeals the ruling to the steering committee, once, in time."""
    _require_complainant(actor, complaint)
    reason = _text(
        reason, field="reason", limit=REASON_MAX_LENGTH, required_message=_("Say why you appeal.")
    )
    complaint = _locked(complaint)
    if ComplaintAppeal.objects.filter(complaint=complaint).exists():
        raise Conflict(
            _("This ruling has been appealed already; a ruling may be appealed once."),
            code=SupervisionErrorCode.APPEAL_ALREADY_FILED,
        )
    if complaint.status != ComplaintStatus.RULED:
        raise _not_open(_("Only a ruling can be appealed."))
    now = timezone.now()
    if now > appeal_deadline(complaint):
        raise Conflict(
            _("The %(days)s working days to appeal this ruling have passed."),
            code=SupervisionErrorCode.APPEAL_DEADLINE_PASSED,
            params={"days": APPEAL_WORKING_DAYS},
        )
    appeal = ComplaintAppeal.objects.create(complaint=complaint, reason=reason, filed_at=now)
    _move(complaint, ComplaintStatus.APPEALED, closed_at=None)
    _event(complaint, actor, "appealed", reason)
    _audit(actor, complaint, "appealed", "appealed to the committee", {"reason": reason})
    return appeal


@audited
def complaint_appeal_decide(
    *, actor: Actor, complaint: Complaint, outcome: str, decision: Decision | None
) -> ComplaintAppeal:
    """The committee's secretary records the outcome of an appeal, adopted by a
    complaint-ruling decision."""
    if not (actor.is_user and is_committee_secretary(actor.user)):
        raise Forbidden(
            _("Only the steering committee's secretary records an appeal's outcome."),
            code=CoreErrorCode.FORBIDDEN,
        )
    if outcome not in (AppealOutcome.UPHELD, AppealOutcome.REJECTED):
        raise InvalidInput(_("Choose the outcome."), code=CoreErrorCode.REQUIRED, field="outcome")
    decision = decision_require(decision=decision, kind=DecisionKind.COMPLAINT_RULING)
    complaint = _locked(complaint)
    appeal = ComplaintAppeal.objects.select_for_update().filter(complaint=complaint).first()
    if appeal is None or appeal.outcome != AppealOutcome.PENDING:
        raise Conflict(
            _("This complaint has no appeal awaiting the committee."),
            code=SupervisionErrorCode.APPEAL_NOT_PENDING,
        )
    now = timezone.now()
    appeal.outcome, appeal.decision, appeal.decided_at = outcome, decision, now
    appeal.save(update_fields=["outcome", "decision", "decided_at"])
    _move(complaint, ComplaintStatus.CLOSED, closed_at=now)
    _event(complaint, actor, f"appeal_{outcome}", decision.number)
    decision_record_effect(
        decision=decision,
        obj=appeal,
        message=gettext_noop("appeal of complaint %(code)s: %(outcome)s"),
        params={"code": complaint.tracking_code, "outcome": outcome},
    )
    _audit(
        actor,
        complaint,
        "appeal_decided",
        outcome,
        {"outcome": outcome, "decision": decision.number},
    )
    _sms(complaint, _("the steering committee has decided your appeal. See it on the portal."))
    return appeal


@audited
def complaint_reopen(*, actor: Actor, complaint: Complaint, reason: str) -> Complaint:
    """The complainant reopens a ruled complaint within 30 days of its closing (twice at most):
    it goes back under investigation with a new deadline."""
    _require_complainant(actor, complaint)
    reason = _text(
        reason,
        field="reason",
        limit=REASON_MAX_LENGTH,
        required_message=_("Say why you reopen it."),
    )
    complaint = _locked(complaint)
    if complaint.status not in (ComplaintStatus.RULED, ComplaintStatus.CLOSED):
        raise _not_open(_("Only a ruled or closed complaint can be reopened."))
    if complaint.reopened_count >= REOPEN_LIMIT:
        raise Conflict(
            _("This complaint has been reopened twice already, which is the limit."),
            code=SupervisionErrorCode.REOPEN_LIMIT,
        )
    now = timezone.now()
    if complaint.closed_at is None or now > reopen_deadline(complaint):
        raise Conflict(
            _("A complaint may be reopened within 30 days of its closing; that time has passed."),
            code=SupervisionErrorCode.REOPEN_WINDOW_PASSED,
        )
    rule = rule_in_force(complaint.category)
    _move(
        complaint,
        ComplaintStatus.INVESTIGATING,
        reopened_count=complaint.reopened_count + 1,
        ruling="",
        severity="",
        ruled_at=None,
        closed_at=None,
        escalation_level=0,
        escalated_at=None,
        due_at=add_working_days(now, rule.resolve_days if rule else 10),
    )
    _event(complaint, actor, "reopened", reason)
    _audit(
        actor,
        complaint,
        "reopened",
        reason[:100],
        {"reason": reason, "times": complaint.reopened_count},
    )
    return complaint


@audited
def complaint_rate(*, actor: Actor, complaint: Complaint, score: int) -> Complaint:
    """The complainant's satisfaction 1–5 after the ruling, once."""
    _require_complainant(actor, complaint)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise InvalidInput(
            _("Choose a score from 1 to 5."), code=CoreErrorCode.OUT_OF_RANGE, field="score"
        )
    complaint = _locked(complaint)
    if complaint.ruled_at is None and complaint.status not in RULED_STATUSES:
        raise _not_open(_("You can say how satisfied you are once the complaint is ruled on."))
    if complaint.satisfaction is not None:
        raise Conflict(
            _("You have already said how satisfied you are."),
            code=SupervisionErrorCode.RATED_ALREADY,
        )
    complaint.satisfaction = score
    complaint.save(update_fields=["satisfaction"])
    _event(complaint, actor, "rated", str(score))
    _audit(actor, complaint, "rated", str(score), {"score": score})
    return complaint


# --- the escalation sweep ---------------------------------------------------------------------


@audited
def complaints_escalate(*, actor: Actor, now: datetime.datetime | None = None) -> int:
    """Raise the escalation level of complaints past their triage (level 1) or ruling (level
    2) deadline; close ruled complaints whose appeal time has passed. Returns how many moved."""
    now = now or timezone.now()
    moved = 0
    overdue = Complaint.objects.select_for_update().filter(
        Q(status=ComplaintStatus.RECEIVED, triage_due_at__lt=now, escalation_level__lt=1)
        | Q(status__in=OPEN_STATUSES, due_at__lt=now, escalation_level__lt=2)
    )
    for complaint in overdue.order_by("pk"):
        level = 2 if complaint.due_at < now else 1
        complaint.escalation_level, complaint.escalated_at = level, now
        complaint.save(update_fields=["escalation_level", "escalated_at"])
        _event(complaint, actor, f"escalated_{level}", public=False)
        _audit(actor, complaint, "escalated", f"level {level}", {"level": level})
        moved += 1
    for complaint in Complaint.objects.select_for_update().filter(
        status=ComplaintStatus.RULED, ruled_at__isnull=False
    ):
        if now > appeal_deadline(complaint):
            _move(complaint, ComplaintStatus.CLOSED)
            _event(complaint, actor, "closed")
            _audit(actor, complaint, "closed", "appeal time passed", {})
            moved += 1
    if not moved:
        audit_nothing_changed()
    return moved
