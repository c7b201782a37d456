"""Creating a file, its form data and documents, submitting it (priced by the tariff in force),
and rating it after closure."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.accounts.error_codes import AccountsErrorCode
from daftar.audit.services import audit_record, audited
from daftar.cases.choices import CallbackStatus, EventKind
from daftar.cases.error_codes import CasesErrorCode
from daftar.cases.models import Attachment, CallbackTask, File, Rating
from daftar.cases.permissions import actor_scopes
from daftar.cases.routing import state_department
from daftar.cases.selectors import file_definition
from daftar.cases.services.workflow import file_apply_action, file_stream, lock_file, record_event
from daftar.catalogue.choices import Channel, FieldType
from daftar.catalogue.models import Service
from daftar.catalogue.schema import FormInvalid, clean_form
from daftar.catalogue.selectors import price_quote
from daftar.catalogue.services import service_version_current, service_version_snapshot
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.logging import mask_national_code
from daftar.core.tracking import new_tracking_code
from daftar.core.uploads import check_upload, content_name, download_name
from daftar.offices.selectors import office_delivery_problems, office_of_user
from daftar.workflow.error_codes import WorkflowErrorCode
from daftar.workflow.selectors import start_state

SUBMIT = "submit"


def _check_channel(service: Service, channel: Channel, *, office, operator, partner) -> None:
    if not service.allows(channel):
        raise InvalidInput(
            _("%(service)s cannot be requested %(channel)s."),
            code=CasesErrorCode.CHANNEL_NOT_ALLOWED,
            field="channel",
            params={"service": service.title, "channel": Channel(channel).label},
        )
    if channel == Channel.OFFICE:
        if office is None or operator is None:
            raise InvalidInput(
                _("A file taken at an office needs the office and its operator."),
                code=CasesErrorCode.OFFICE_REQUIRED,
                field="office",
            )
        if office_of_user(operator) != office:
            raise Forbidden(
                _("Operators open files only for their own office."),
                code=CasesErrorCode.NOT_YOUR_OFFICE,
            )
        problems = office_delivery_problems(office, service.domain)
        if problems:
            raise Conflict(
                _("This office may not take %(service)s requests: %(reasons)s."),
                code=CasesErrorCode.OFFICE_NOT_AUTHORISED,
                params={"service": service.title, "reasons": "; ".join(str(p) for p in problems)},
            )
    if channel == Channel.PARTNER and partner is None:
        raise InvalidInput(
            _("A partner app is required for this channel."),
            code=CasesErrorCode.PARTNER_REQUIRED,
            field="channel",
        )


@audited
def file_create(
    *,
    actor: Actor,
    service: Service,
    channel: Channel,
    citizen,
    form_data: dict,
    office=None,
    operator=None,
    partner=None,
) -> File:
    """A new file in its workflow's start state (a draft), with validated form data."""
    if not service.active:
        raise Conflict(
            _("This service is not offered any more."), code=CasesErrorCode.SERVICE_INACTIVE
        )
    _check_channel(service, channel, office=office, operator=operator, partner=partner)
    if channel != Channel.WEB and getattr(citizen, "is_provisional", False):
        # ADR 0006: a mobile nobody confirmed as the holder's never receives others' files.
        raise Conflict(
            _(
                "This citizen's mobile is not verified as theirs yet, so no office or app may "
                "open a file for them."
            ),
            code=AccountsErrorCode.CITIZEN_NOT_VERIFIED,
        )
    cleaned, errors = clean_form(service.fields.all(), form_data or {})
    if errors:
        raise FormInvalid(errors)
    start = start_state(service.workflow_id)
    version = service_version_current(service) or service_version_snapshot(
        actor=actor, service=service
    )
    now = timezone.now()
    for attempt in range(5):
        try:
            with transaction.atomic():
                file = File.objects.create(
                    tracking_code=new_tracking_code(),
                    service=service,
                    service_version=version,
                    workflow_version=service.workflow,
                    state=start,
                    in_department=start.in_department,
                    citizen=citizen,
                    national_code=citizen.national_code,
                    citizen_name=citizen.get_full_name() or citizen.get_username(),
                    citizen_mobile=citizen.mobile,
                    channel=channel,
                    office=office,
                    operator=operator,
                    partner=partner,
                    department=state_department(start, service),
                    form_data=cleaned,
                    submitted_at=now,
                    state_entered_at=now,
                )
            break
        except IntegrityError:  # the code is taken (1 chance in ~10^5 at 1M files): draw again
            if attempt == 4:
                raise
    record_event(
        file, actor=actor, kind=EventKind.ACTION, action="create", to_state=start.code, public=True
    )
    audit_record(
        actor=actor,
        action="file.created",
        stream=file_stream(file),
        obj=file,
        summary=f"{file.tracking_code} for {mask_national_code(file.national_code)} "
        f"({service.code}, {channel})",
        after={"service": service.code, "channel": str(channel)},
    )
    return file


def _require_editable(actor: Actor, file: File) -> None:
    if not (file.state.is_start or file.state.citizen_editable):
        raise Conflict(
            _("The file cannot be changed in its current status."),
            code=CasesErrorCode.FILE_NOT_EDITABLE,
        )
    if not actor_scopes(actor, file) & {
        "citizen",
        "office_operator",
        "office_manager",
        "system",
        "partner",
    }:
        raise Forbidden(_("You may not change this file."), code=WorkflowErrorCode.NOT_YOUR_FILE)


@audited
def file_update_form(*, actor: Actor, file: File, form_data: dict) -> File:
    file = lock_file(file.pk, "state", "service")
    _require_editable(actor, file)
    cleaned, errors = clean_form(file_definition(file).fields.all(), form_data or {})
    if errors:
        raise FormInvalid(errors)
    before = file.form_data
    file.form_data = cleaned
    file.save(update_fields=["form_data", "updated_at"])
    audit_record(
        actor=actor,
        action="file.form_updated",
        stream=file_stream(file),
        obj=file,
        before=before,
        after=cleaned,
    )
    return file


@audited
def attachment_add(*, actor: Actor, file: File, document: str, upload) -> Attachment:
    """Store a document of the file (checked by content and size; private, content-addressed)."""
    file = lock_file(file.pk, "state", "service")
    _require_editable(actor, file)
    definition = file_definition(file)  # the version it was opened with (ADR 0024)
    known = {d.code for d in definition.documents} | {
        f.name for f in definition.fields if f.type == FieldType.FILE
    }
    if document not in known:
        raise InvalidInput(
            _("%(document)s is not a document of this service."),
            code=CasesErrorCode.UNKNOWN_DOCUMENT,
            field="document",
            params={"document": document},
        )
    content_type = check_upload(upload, field="file")
    data = upload.read()
    digest = hashlib.sha256(data).hexdigest()
    # Content-addressed: identical documents share one stored copy, and a stored copy is
    # never rewritten. Bytes written for a transaction that rolls back stay unreferenced.
    name = content_name(content_type, digest, folder="files")
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    attachment = Attachment.objects.create(
        file=file,
        document=document,
        stored_as=name,
        original_name=download_name(
            getattr(upload, "name", "") or "", content_type, fallback=document
        ),
        content_type=content_type,
        size=len(data),
        sha256=digest,
        uploaded_by=actor.user,
    )
    record_event(file, actor=actor, kind=EventKind.ATTACHMENT, action=document, public=True)
    audit_record(
        actor=actor,
        action="file.attachment_added",
        stream=file_stream(file),
        obj=attachment,
        after={"document": document, "sha256": attachment.sha256, "size": attachment.size},
    )
    return attachment


@audited
def file_submit(*, actor: Actor, file: File) -> File:
    """Check documents, price the file by the tariff in force now, and submit it."""
    file = lock_file(
        file.pk, "state", "service", "service__domain", "office", "department", "citizen"
    )
    if not file.state.is_start:
        raise Conflict(
            _("This file has already been submitted."), code=CasesErrorCode.ALREADY_SUBMITTED
        )
    service = file.service
    present = set(file.attachments.values_list("document", flat=True))
    definition = file_definition(file)  # the version it was opened with (ADR 0024)
    missing = [
        (d.code, d.title) for d in definition.documents if d.mandatory and d.code not in present
    ]
    missing += [
        (f.name, f.label)
        for f in definition.fields
        if f.type == FieldType.FILE and f.required and f.name not in present
    ]
    if missing:
        code, title = missing[0]
        raise InvalidInput(
            _("A required document is missing: %(document)s."),
            code=CasesErrorCode.DOCUMENT_MISSING,
            field=code,
            params={"document": title},
        )
    if file.channel == Channel.OFFICE:  # the office must still be allowed to take it
        problems = office_delivery_problems(file.office, service.domain)
        if problems:
            raise Conflict(
                _("This office may not take %(service)s requests: %(reasons)s."),
                code=CasesErrorCode.OFFICE_NOT_AUTHORISED,
                params={"service": service.title, "reasons": "; ".join(str(p) for p in problems)},
            )
    now = timezone.now()
    quote = price_quote(
        service, file.form_data, channel=Channel(file.channel), on=timezone.localdate(now)
    )
    file.amount, file.price_parts, file.tariff = quote.amount, quote.parts, quote.tariff
    file.submitted_at = now
    file.due_at = add_working_days(now, service.sla_days)
    file.save(
        update_fields=["amount", "price_parts", "tariff", "submitted_at", "due_at", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="file.priced",
        stream=file_stream(file),
        obj=file,
        after={
            "amount": quote.amount,
            "parts": quote.parts,
            "tariff": f"{service.code} v{quote.tariff.version}",
        },
    )
    file = file_apply_action(actor=actor, file=file, action=SUBMIT, locked=True)
    # A fee is billed; a free service goes straight to the department (if it has a review).
    next_step = "issue_bill" if file.amount > 0 else "start_review"
    return file_apply_action(actor=Actor.system("intake"), file=file, action=next_step, locked=True)


@audited
def file_rate(*, actor: Actor, file: File, score: int, comment: str = "") -> Rating:
    """The citizen rates a closed file 1–5; below 4 opens a call-back task."""
    file = lock_file(file.pk, "state")
    if "citizen" not in actor_scopes(actor, file):
        raise Forbidden(
            _("Only the citizen who made the request can rate it."),
            code=WorkflowErrorCode.NOT_YOUR_FILE,
        )
    if not file.state.is_terminal:
        raise Conflict(_("A file can be rated once it is closed."), code=CasesErrorCode.NOT_CLOSED)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise InvalidInput(
            _("Choose a score from 1 to 5."), code=CasesErrorCode.SCORE_OUT_OF_RANGE, field="score"
        )
    if Rating.objects.filter(file=file).exists():
        raise Conflict(_("This file has already been rated."), code=CasesErrorCode.ALREADY_RATED)
    rating = Rating.objects.create(file=file, score=score, comment=comment.strip()[:2000])
    if score < 4:
        CallbackTask.objects.create(file=file, office=file.office)
    record_event(file, actor=actor, kind=EventKind.RATING, action=str(score), public=True)
    audit_record(
        actor=actor,
        action="file.rated",
        stream=file_stream(file),
        obj=rating,
        after={"score": score, "callback": score < 4},
    )
    return rating


@audited
def file_open(
    *,
    actor: Actor,
    service: Service,
    channel: Channel,
    citizen,
    form_data: dict,
    documents: dict,
    office=None,
    operator=None,
    partner=None,
) -> File:
    """Create, attach and submit in one transaction: all of it happens, or none of it."""
    file = file_create(
        actor=actor,
        service=service,
        channel=channel,
        citizen=citizen,
        form_data=form_data,
        office=office,
        operator=operator,
        partner=partner,
    )
    for document, upload in documents.items():
        if upload:
            attachment_add(actor=actor, file=file, document=document, upload=upload)
    return file_submit(actor=actor, file=file)


@audited
def file_correct_and_resubmit(
    *, actor: Actor, file: File, form_data: dict, documents: dict
) -> File:
    """Answer a correction request: new data and documents, then resubmit — all or nothing."""
    file_update_form(actor=actor, file=file, form_data=form_data)
    for document, upload in documents.items():
        if upload:
            attachment_add(actor=actor, file=file, document=document, upload=upload)
    return file_apply_action(actor=actor, file=file, action="resubmit")


@audited
def callback_done(*, actor: Actor, task: CallbackTask, note: str) -> CallbackTask:
    """The office (or department) called the citizen back after a low rating."""
    task = CallbackTask.objects.select_for_update().get(pk=task.pk)
    if task.status != CallbackStatus.OPEN:
        raise Conflict(_("This call-back is already done."), code=CasesErrorCode.ALREADY_DONE)
    if (
        task.office_id is None
        or actor.user is None
        or office_of_user(actor.user) is None
        or office_of_user(actor.user).pk != task.office_id
    ):
        raise Forbidden(
            _("Only the office that took the file records its call-back."),
            code=CasesErrorCode.NOT_YOUR_OFFICE,
        )
    if not note.strip():
        raise InvalidInput(
            _("Write what the citizen said."), code=CoreErrorCode.REQUIRED, field="note"
        )
    task.status, task.note, task.done_at = CallbackStatus.DONE, note.strip(), timezone.now()
    task.save(update_fields=["status", "note", "done_at"])
    audit_record(
        actor=actor,
        action="file.callback_done",
        stream=file_stream(task.file),
        obj=task,
        after={"note": task.note[:200]},
    )
    return task
